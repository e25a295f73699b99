import { describe, expect, it } from 'vitest';
import { entitiesOf, idsOf } from '../../test/entity-helpers.ts';
import { LAWS } from './laws.ts';

const lawIds = (text: string, lang: 'fr' | 'ar' | 'en' = 'fr') => idsOf(entitiesOf(text, lang).laws);

describe('laws: numbers', () => {
  it('reads 09-08 in every French and English spelling', () => {
    for (const s of [
      'la loi n° 09-08',
      'la loi 09.08',
      'la loi n°09/08',
      'le texte n° 09-08',
      'Law No. 09-08',
      'loi numéro 09–08',
    ]) {
      expect(lawIds(`Selon ${s}, le traitement est encadré.`), s).toEqual(['ma-law-09-08']);
    }
  });

  it('reads the reversed Arabic order and the mixed orders as the same law', () => {
    expect(lawIds('طبقا للقانون رقم 08-09 المتعلق بالمعطيات.', 'ar')).toEqual(['ma-law-09-08']);
    expect(lawIds('بموجب القانون 09.08 ثم القانون رقم 08.09.', 'ar')).toEqual(['ma-law-09-08']);
    expect(lawIds('وينص القانون رقم 20.05 المتعلق بالأمن السيبراني.', 'ar')).toEqual(['ma-law-05-20']);
  });

  it('keeps unknown law numbers in their written order and ignores bare numbers', () => {
    expect(lawIds('La loi n° 17-99 portant code des assurances.')).toEqual(['ma-law-17-99']);
    expect(lawIds('Rendez-vous le 09-08 à midi, salle n° 12-34.')).toEqual([]);
  });

  it('reads laws cited only by their title', () => {
    expect(
      lawIds(
        "La loi relative à la protection des personnes physiques à l'égard du traitement des données à caractère personnel s'applique.",
      ),
    ).toEqual(['ma-law-09-08']);
    expect(lawIds('ويحدد قانون حماية الأشخاص الذاتيين تجاه معالجة المعطيات ذات الطابع الشخصي ذلك.', 'ar')).toEqual([
      'ma-law-09-08',
    ]);
  });

  it('reads decrees, dahirs and CNDP deliberations', () => {
    expect(lawIds('Le décret 2.09.165 et le dahir n° 1-09-15.')).toEqual(['ma-dahir-1-09-15', 'ma-decree-2-09-165']);
    expect(lawIds('صدر المرسوم رقم 2.09.165.', 'ar')).toEqual(['ma-decree-2-09-165']);
    expect(lawIds('Par sa délibération n° 194-2019, puis la délibération D-97-2020.')).toEqual([
      'cndp-deliberation-D-194-2019',
      'cndp-deliberation-D-97-2020',
    ]);
    expect(lawIds('بموجب المداولة رقم D-194-2019.', 'ar')).toEqual(['cndp-deliberation-D-194-2019']);
  });
});

describe('laws: articles, chapters, anaphora', () => {
  it('attaches articles to the law that follows them', () => {
    expect(lawIds("Au sens de l'article 43 de la loi 09-08, c'est interdit.")).toEqual([
      'ma-law-09-08',
      'ma-law-09-08/art-43',
    ]);
    expect(lawIds('Les articles 51 et 52 de la loi n° 09-08 prévoient des sanctions.')).toEqual([
      'ma-law-09-08',
      'ma-law-09-08/art-51',
      'ma-law-09-08/art-52',
    ]);
    expect(lawIds('ويجرم الفصل 447-1 من القانون الجنائي ذلك.', 'ar')).toEqual([
      'ma-penal-code',
      'ma-penal-code/art-447-1',
    ]);
  });

  it('expands short article ranges', () => {
    expect(lawIds('Les articles 51 à 53 de la loi 09-08 fixent les sanctions.')).toEqual([
      'ma-law-09-08',
      'ma-law-09-08/art-51',
      'ma-law-09-08/art-52',
      'ma-law-09-08/art-53',
    ]);
  });

  it('fills in ranges of sub-articles, also opened by "من ... إلى"', () => {
    const penal = ['ma-penal-code', 'ma-penal-code/art-25-1', 'ma-penal-code/art-25-2', 'ma-penal-code/art-25-3'];
    expect(lawIds('Il est poursuivi sur la base des articles 25-1 à 25-3 du Code pénal.')).toEqual(penal);
    expect(lawIds('He was charged under Articles 25-1 to 25-3 of the Penal Code.', 'en')).toEqual(penal);
    expect(lawIds('توبع طبقا للفصول من 25-1 إلى 25-3 من القانون الجنائي.', 'ar')).toEqual(penal);
    expect(lawIds('وفق الفصول 25-1 و25-2 و25-3 من القانون الجنائي.', 'ar')).toEqual(penal);
  });

  it('reads Arabic duals with a possessive ("في مادتيه 12 و13")', () => {
    expect(lawIds('ويفرض القانون رقم 09.08، في مادتيه 12 و13، التصريح المسبق.', 'ar')).toEqual([
      'ma-law-09-08',
      'ma-law-09-08/art-12',
      'ma-law-09-08/art-13',
    ]);
    expect(lawIds('وتنص المادتان 5 و6 من القانون رقم 09.08 على ذلك.', 'ar')).toEqual([
      'ma-law-09-08',
      'ma-law-09-08/art-5',
      'ma-law-09-08/art-6',
    ]);
  });

  it('attaches chapters in roman numerals and Arabic ordinals', () => {
    expect(lawIds('Le chapitre VII de la loi n° 09-08 encadre les transferts.')).toEqual([
      'ma-law-09-08',
      'ma-law-09-08/chap-7',
    ]);
    expect(lawIds('مقتضيات الباب السابع من القانون رقم 08-09.', 'ar')).toEqual(['ma-law-09-08', 'ma-law-09-08/chap-7']);
  });

  it('resolves "la même loi", "ladite loi", "نفس القانون" to the last law cited', () => {
    expect(lawIds("La loi 31-08 s'applique, notamment l'article 15 de la même loi.")).toEqual([
      'ma-law-31-08',
      'ma-law-31-08/art-15',
    ]);
    expect(
      lawIds(
        'Le code pénal punit ces faits ; ledit code prévoit la prison. La loi 09-08 aussi ; ladite loi, en son article 3, le dit.',
      ),
    ).toEqual(['ma-law-09-08', 'ma-law-09-08/art-3', 'ma-penal-code']);
    expect(lawIds('ذكر القانون 09.08، وتنص المادة 4 من نفس القانون على ذلك.', 'ar')).toEqual([
      'ma-law-09-08',
      'ma-law-09-08/art-4',
    ]);
  });

  it('does not attach articles of a decree to the law by accident, nor invent a law for orphan articles', () => {
    expect(lawIds("L'article 3 du décret n° 2-09-165 fixe les formulaires.")).toEqual([
      'ma-decree-2-09-165',
      'ma-decree-2-09-165/art-3',
    ]);
    expect(lawIds("L'article 12 du règlement intérieur.")).toEqual([]);
  });

  it('does not read "la constitution d\'un dossier" as the Constitution', () => {
    expect(lawIds("La constitution d'un dossier prend du temps.")).toEqual([]);
    expect(lawIds("L'article 24 de la Constitution protège la vie privée.")).toEqual([
      'ma-constitution',
      'ma-constitution/art-24',
    ]);
  });

  it('has unique ids and both number orders for every two-part law number', () => {
    expect(new Set(LAWS.map((l) => l.id)).size).toBe(LAWS.length);
    for (const law of LAWS.filter((l) => l.kind === 'law')) {
      const [a, b] = (law.numbers[0] ?? '').split('-');
      expect(law.numbers, law.id).toContain(`${b}-${a}`);
    }
  });
});

describe('laws: number orders and ordinals seen in the press', () => {
  it('normalizes deliberation numbers written year first or with a trailing D', () => {
    for (const s of ['la délibération n° D-2023-452', 'la délibération n° D-452-2023', 'المداولة رقم 2023-452-D']) {
      expect(lawIds(`Selon ${s}, la Commission a statué.`, /\p{Script=Arabic}/u.test(s) ? 'ar' : 'fr'), s).toEqual([
        'cndp-deliberation-D-452-2023',
      ]);
    }
  });

  it('reads "décret d\'application n°" and ordinal articles', () => {
    expect(lawIds("Le décret d'application n° 2-09-165 précise la procédure.")).toEqual(['ma-decree-2-09-165']);
    expect(lawIds('ويخرق هذا السلوك القانون رقم 09.08، ولا سيما المادة الخامسة منه.', 'ar')).toEqual([
      'ma-law-09-08',
      'ma-law-09-08/art-5',
    ]);
  });

  it("does not file a foreign authority's law number as a Moroccan law", () => {
    expect(
      lawIds(
        "L'Instance nationale de protection des données personnelles (INPDP) rappelle que la loi n° 63-04 l'autorise à contrôler les opérateurs.",
      ),
    ).toEqual([]);
  });
});
