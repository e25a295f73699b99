import { describe, expect, it } from 'vitest';
import { entitiesOf } from '../../test/entity-helpers.ts';

const deadlines = (text: string, lang: 'fr' | 'ar' | 'en' = 'fr', pub = '2023-01-09') =>
  entitiesOf(text, lang, pub).deadlines.map((d) => [d.date, d.label]);

describe('deadlines: dates and labels', () => {
  it('reads compliance deadlines in French and Arabic', () => {
    expect(
      deadlines(
        "L'opérateur doit régulariser ses traitements au plus tard le 28 février 2023 pour se mettre en conformité.",
      ),
    ).toEqual([['2023-02-28', 'compliance deadline']]);
    expect(deadlines('طالبت اللجنة الشركة بملاءمة معالجاتها في أجل أقصاه 28 فبراير 2023.', 'ar')).toEqual([
      ['2023-02-28', 'compliance deadline'],
    ]);
  });

  it('reads "avant le 31 mars" without a year against the publication date', () => {
    expect(deadlines('Les pièces doivent parvenir à la Commission avant le 31 mars.')).toEqual([
      ['2023-03-31', 'deadline'],
    ]);
  });

  it('labels effective dates and moratorium start and end', () => {
    expect(deadlines('Le registre sera consultable à compter du jeudi 12 janvier 2023.')).toEqual([
      ['2023-01-12', 'effective date'],
    ]);
    expect(deadlines('يسري التعليق اعتبارا من 30 غشت 2019 إلى غاية 31 مارس 2020.', 'ar', '2019-09-02')).toEqual([
      ['2019-08-30', 'moratorium start'],
      ['2020-03-31', 'moratorium end'],
    ]);
  });

  it('reads announced launches as effective dates, not any future sentence', () => {
    expect(deadlines('La CNDP précise que le registre sera rendu public le 31 mars prochain.')).toEqual([
      ['2023-03-31', 'effective date'],
    ]);
    expect(deadlines('Le ministre sera à Rabat le 3 avril.')).toEqual([]);
  });

  it('ignores dates that are not limits: events, datelines, past facts', () => {
    expect(deadlines('Rabat, le 9 janvier 2023 – Une audition a eu lieu le 6 janvier. La loi date de 2009.')).toEqual(
      [],
    );
    expect(deadlines('عقدت اللجنة جلسة استماع يوم 6 يناير 2023.', 'ar')).toEqual([]);
  });

  it('finds "son entrée en vigueur" by the date it came into force, not by "entre"', () => {
    expect(
      deadlines(
        "Des réunions ont eu lieu entre le 2 et le 6 janvier 2023. Le décret est entré en vigueur le 1er février 2023. Les opérateurs disposent d'un délai de six mois à compter de son entrée en vigueur.",
        'fr',
        '2023-02-03',
      ),
    ).toEqual([
      ['2023-08-01', 'deadline'],
      ['2023-02-01', 'effective date'],
    ]);
  });

  it('reads "مهلة تنتهي في" as a limit', () => {
    expect(deadlines('منحت الهيئة البنوك مهلة تنتهي في 30 يونيو 2023 لتحيين عقودها.', 'ar', '2023-03-01')).toEqual([
      ['2023-06-30', 'deadline'],
    ]);
  });

  it('reads both ends of an announced period, not of a past one', () => {
    expect(deadlines('La consultation publique se déroulera du 6 mars au 21 avril 2023.', 'fr', '2023-02-20')).toEqual([
      ['2023-03-06', 'effective date'],
      ['2023-04-21', 'deadline'],
    ]);
    expect(deadlines('Les contrôleurs sont intervenus du 6 au 8 février 2023.', 'fr', '2023-02-20')).toEqual([]);
  });
});

describe('deadlines: lengths and where they count from', () => {
  it('resolves "dans un délai de sept mois" against the publication date', () => {
    expect(deadlines('La société devra se conformer dans un délai de sept mois.', 'fr', '2023-01-09')).toEqual([
      ['2023-08-09', 'compliance deadline'],
    ]);
  });

  it('derives the end of a moratorium given as a length', () => {
    expect(
      deadlines(
        'La Commission décrète un moratoire de sept mois. Il a pris effet dès le 2 septembre.',
        'fr',
        '2019-09-05',
      ),
    ).toEqual([
      ['2019-09-02', 'moratorium start'],
      ['2020-04-02', 'moratorium end'],
    ]);
  });

  it('counts a length from the date that follows it, not from the publication', () => {
    expect(
      deadlines(
        "L'hôtel dispose d'un délai de 45 jours à compter du 2 mars pour effacer les copies.",
        'fr',
        '2023-03-04',
      ),
    ).toEqual([['2023-04-16', 'deadline']]);
    expect(
      deadlines(
        'Le club a reçu un délai de trente jours à partir du 10 février 2023 pour répondre.',
        'fr',
        '2023-02-11',
      ),
    ).toEqual([['2023-03-12', 'deadline']]);
  });

  it('counts a length from a start named and dated right after it', () => {
    expect(
      deadlines(
        "La clinique dispose d'un délai d'un mois à compter de la notification, reçue lundi 6 mars.",
        'fr',
        '2023-03-09',
      ),
    ).toEqual([['2023-04-06', 'deadline']]);
    expect(
      deadlines(
        "Les hôtels ont vingt jours, à compter de la parution de l'avis le 2 mars, pour se conformer.",
        'fr',
        '2023-03-04',
      ),
    ).toEqual([['2023-03-22', 'compliance deadline']]);
    // A second limit after the named start is no start: the count runs from the publication.
    expect(
      deadlines('Il a dix jours à compter de la notification et au plus tard le 30 mars.', 'fr', '2023-03-04'),
    ).toEqual([
      ['2023-03-14', 'deadline'],
      ['2023-03-30', 'deadline'],
    ]);
  });

  it('leaves the start of a count free to date the event it names', () => {
    const e = entitiesOf(
      'Les hôtels ont trente jours à compter de la publication du communiqué le 2 mars pour se déclarer.',
      'fr',
      '2023-03-04',
    );
    expect(e.deadlines.map((d) => d.date)).toEqual(['2023-04-01']);
    expect(e.events.map((v) => `${v.type}@${v.date}`)).toEqual(['communique@2023-03-02']);
  });

  it('counts a length from the text itself ("هذا البلاغ", "du présent communiqué") from its publication date', () => {
    // The earlier date in the text is the session's, not the communiqué's.
    expect(
      deadlines(
        'تداولت اللجنة في دورتها المنعقدة يوم 2 مارس 2024. وعلى الشركة الملاءمة في أجل أقصاه شهرين ابتداء من تاريخ هذا البلاغ.',
        'ar',
        '2024-03-11',
      ),
    ).toEqual([['2024-05-11', 'compliance deadline']]);
    expect(
      deadlines(
        'Réunie le 2 mars 2024, la Commission a délibéré. La société dispose d’un délai de 30 jours à compter de la date du présent communiqué.',
        'fr',
        '2024-03-11',
      ),
    ).toEqual([['2024-04-10', 'deadline']]);
  });

  it('counts a length from the dated thing it names ("تاريخ البلاغ", "the signature", "cette date")', () => {
    expect(
      deadlines(
        'نشرت اللجنة بلاغا يوم 3 أبريل 2023 بشأن المصحة. وعلى المصحة تسوية وضعيتها خلال أجل أقصاه 30 يوما ابتداء من تاريخ البلاغ.',
        'ar',
        '2023-04-05',
      ),
    ).toEqual([['2023-05-03', 'deadline']]);
    expect(
      deadlines(
        'The two agencies signed the agreement on March 1, 2023. A joint guide is due within three months of the signature.',
        'en',
        '2023-03-03',
      ),
    ).toEqual([['2023-06-01', 'deadline']]);
    expect(
      deadlines(
        'وجهت اللجنة إنذارا يوم 5 يونيو 2023، ومنحت الشركة مهلة مدتها 15 يوما ابتداء من هذا التاريخ.',
        'ar',
        '2023-06-07',
      ),
    ).toEqual([['2023-06-20', 'deadline']]);
  });

  it('reads Arabic duals as a count of two', () => {
    expect(deadlines('ومنحت اللجنة الشركة أجلا أقصاه شهرين ابتداء من 1 فبراير 2023.', 'ar', '2023-02-02')).toEqual([
      ['2023-04-01', 'deadline'],
    ]);
  });
});
