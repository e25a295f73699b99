import { describe, expect, it } from 'vitest';
import { type DateMention, findDates, parseDateString } from './index.ts';

/** Finds the mention whose text is `needle` and checks its offsets point at that very text. */
function mentionOf(text: string, needle: string, mentions: DateMention[]): DateMention {
  const start = text.indexOf(needle);
  expect(start, `fixture must contain "${needle}"`).toBeGreaterThanOrEqual(0);
  const found = mentions.find((m) => m.start === start);
  expect(found, `no mention at "${needle}"; got ${JSON.stringify(mentions.map((m) => m.text))}`).toBeDefined();
  const m = found as DateMention;
  expect(m.end).toBe(start + needle.length);
  expect(m.text).toBe(needle);
  expect(text.slice(m.start, m.end)).toBe(needle);
  return m;
}

function expectDate(
  text: string,
  reference: string | null,
  needle: string,
  expected: Partial<DateMention> & { date: string },
): void {
  const m = mentionOf(text, needle, findDates(text, { reference }));
  expect(m).toMatchObject(expected);
}

describe('findDates: numeric forms', () => {
  it('reads day-first numeric dates with slash, dash and dot separators', () => {
    const text = 'Le dossier ouvert le 10/01/2023 a été clos le 14-02-2023, puis rouvert le 3.4.2023.';
    const mentions = findDates(text, { reference: null });
    expect(mentions.map((m) => m.date)).toEqual(['2023-01-10', '2023-02-14', '2023-04-03']);
    expect(mentionOf(text, '10/01/2023', mentions).precision).toBe('day');
    mentionOf(text, '14-02-2023', mentions);
    mentionOf(text, '3.4.2023', mentions);
  });

  it('reads ISO dates and year-first slashes', () => {
    const text = 'Mise en ligne: 2023-01-10T15:37:00+01:00; archive du 2022/12/23.';
    const mentions = findDates(text, { reference: null });
    expect(mentionOf(text, '2023-01-10T15:37:00+01:00', mentions)).toMatchObject({ date: '2023-01-10', time: '15:37' });
    expect(mentionOf(text, '2022/12/23', mentions).date).toBe('2022-12-23');
  });

  it('keeps the time of byline forms ("à 23 H 18", "à 10h13")', () => {
    const text = 'Par la rédaction, 23.12.2022 à 23 H 18 • Mis à jour le 26.12.2022 à 01 H 40. Le 10/01/2023 à 10h13';
    const mentions = findDates(text, { reference: null });
    expect(mentionOf(text, '23.12.2022 à 23 H 18', mentions)).toMatchObject({ date: '2022-12-23', time: '23:18' });
    expect(mentionOf(text, '26.12.2022 à 01 H 40', mentions)).toMatchObject({ date: '2022-12-26', time: '01:40' });
    expect(mentionOf(text, '10/01/2023 à 10h13', mentions)).toMatchObject({ date: '2023-01-10', time: '10:13' });
  });

  it('keeps times after a separator, a preposition or both, and on the 12-hour clock', () => {
    const text =
      '27 octobre 2019 - à 05h00; 19 November 2019 • 1:16pm; 11/20/2019 12:08 AM; 20/11/2019 | 9:32 p.m.; 22 مارس 2025 في 17:51';
    const mentions = findDates(text, { reference: null });
    expect(mentionOf(text, '27 octobre 2019 - à 05h00', mentions)).toMatchObject({ date: '2019-10-27', time: '05:00' });
    expect(mentionOf(text, '19 November 2019 • 1:16pm', mentions)).toMatchObject({ date: '2019-11-19', time: '13:16' });
    expect(mentionOf(text, '11/20/2019 12:08 AM', mentions)).toMatchObject({ date: '2019-11-20', time: '00:08' });
    expect(mentionOf(text, '20/11/2019 | 9:32 p.m.', mentions)).toMatchObject({ date: '2019-11-20', time: '21:32' });
    expect(mentionOf(text, '22 مارس 2025 في 17:51', mentions)).toMatchObject({ date: '2025-03-22', time: '17:51' });
  });

  it('reads a day glued to its month, the ordinal "1e" and minutes written "min"', () => {
    const text = 'Publié le 10janvier 2023 à 10h13min; au 1e mars 2021.';
    const mentions = findDates(text, { reference: null });
    expect(mentionOf(text, '10janvier 2023 à 10h13min', mentions)).toMatchObject({ date: '2023-01-10', time: '10:13' });
    expect(mentionOf(text, '1e mars 2021', mentions).date).toBe('2021-03-01');
  });

  it('does not take a time from "10 heures", "9:02 AMT" or "à 10h a mis"', () => {
    const text = 'Le 5 mars 2023 à 10 heures. November 20, 2019 - 11:28 AMT. Le 6 mars 2023 à 10h a mis fin.';
    const mentions = findDates(text, { reference: null });
    expect(mentionOf(text, '5 mars 2023', mentions).time).toBeUndefined();
    expect(mentionOf(text, 'November 20, 2019 - 11:28', mentions).time).toBe('11:28');
    expect(mentionOf(text, '6 mars 2023 à 10h', mentions).time).toBe('10:00');
  });

  it('does not read the year/month/day of a URL path as a date', () => {
    const text = 'Source : https://example.ma/2015/03/30/article-slug/ — archive du 2022/12/23.';
    expect(findDates(text, { reference: null }).map((m) => m.date)).toEqual(['2022-12-23']);
  });

  it('rejects impossible dates and does not read law numbers as dates', () => {
    const text = 'La loi n° 09-08 et le décret 2-09-165 ne sont pas des dates, ni le 31/02/2023.';
    expect(findDates(text, { reference: '2023-01-10' })).toEqual([]);
  });
});

describe('findDates: English month-first forms', () => {
  it('reads a weekday, an ordinal and a time ("Monday, November 18th, 2019 at 11:08 a.m.")', () => {
    const text = 'Published: Monday, November 18th, 2019 at 11:08 a.m. Updated Nov 20 2019, 11:06am IST';
    const mentions = findDates(text, { reference: null });
    expect(mentionOf(text, 'Monday, November 18th, 2019 at 11:08 a.m.', mentions)).toMatchObject({
      date: '2019-11-18',
      time: '11:08',
    });
    expect(mentionOf(text, 'Nov 20 2019, 11:06am', mentions)).toMatchObject({ date: '2019-11-20', time: '11:06' });
  });
});

describe('findDates: English month-first forms without a year', () => {
  it('reads "on January 6", "by March 31" and "Sunday, February 5" against the publication date', () => {
    // 10 January 2023 was a Tuesday.
    const text = 'The panel met on January 6 and will decide by March 31; the files appeared on Sunday, January 8.';
    const mentions = findDates(text, { reference: '2023-01-10' });
    expect(mentionOf(text, 'January 6', mentions)).toMatchObject({ date: '2023-01-06', relative: true });
    expect(mentionOf(text, 'March 31', mentions)).toMatchObject({ date: '2023-03-31', relative: true });
    expect(mentionOf(text, 'Sunday, January 8', mentions)).toMatchObject({ date: '2023-01-08', relative: true });
  });

  it('leaves a month name followed by a number without a leading preposition alone', () => {
    const text = 'Operators that breach the rules May 10 times a year are listed.';
    expect(findDates(text, { reference: '2023-01-10' }).filter((m) => m.precision === 'day')).toEqual([]);
  });
});

describe('findDates: French month names', () => {
  const ref = '2019-10-25';
  it('reads a weekday plus full date as one mention', () => {
    const text = "L'audience s'est tenue le mercredi 23 octobre 2019 au siège de la commission.";
    expectDate(text, ref, 'mercredi 23 octobre 2019', { date: '2019-10-23', precision: 'day', relative: false });
  });

  it('reads "1er" and year-less dates in the reference year', () => {
    const text = 'Le registre ouvrira le 1er novembre et les inscriptions dès le 2 septembre.';
    expectDate(text, ref, '1er novembre', { date: '2019-11-01', relative: true });
    // "a pris effet dès le 2 septembre": a past day of the same year.
    expectDate(text, ref, '2 septembre', { date: '2019-09-02', relative: true });
  });

  it('moves year-less dates by prochain / dernier and by the six-month rule', () => {
    const text =
      'Rendez-vous le 31 mars prochain; une première audition avait eu lieu le 30 octobre dernier; rapport attendu le 5 janvier.';
    expectDate(text, ref, '31 mars prochain', { date: '2020-03-31' });
    expectDate(text, ref, '30 octobre dernier', { date: '2018-10-30' });
    // Published in late October, "le 5 janvier" is the coming January.
    expectDate(text, ref, '5 janvier', { date: '2020-01-05' });
  });

  it('reads "à partir du 1er janvier prochain" and accents or not', () => {
    const text = "L'obligation s'applique à partir du 1er janvier prochain et non le 15 aout ni le 3 Février 2020.";
    expectDate(text, ref, '1er janvier prochain', { date: '2020-01-01' });
    expectDate(text, ref, '15 aout', { date: '2019-08-15' });
    expectDate(text, ref, '3 Février 2020', { date: '2020-02-03', relative: false });
  });

  it('reads month precision: "fin mars", "mi-juin", "mars 2023", "en mai dernier"', () => {
    const text = 'Délai: fin mars. Point d’étape mi-juin; bilan publié en mars 2023, après un contrôle en mai dernier.';
    const mentions = findDates(text, { reference: '2023-01-10' });
    expect(mentionOf(text, 'fin mars', mentions)).toMatchObject({ date: '2023-03-31', precision: 'month' });
    expect(mentionOf(text, 'mi-juin', mentions)).toMatchObject({ date: '2023-06-15', precision: 'month' });
    expect(mentionOf(text, 'mars 2023', mentions)).toMatchObject({ date: '2023-03-01', relative: false });
    expect(mentionOf(text, 'mai dernier', mentions)).toMatchObject({ date: '2022-05-01', precision: 'month' });
  });

  it('gives a year-less month the year named right after it ("de l\'année prochaine", "من السنة المقبلة")', () => {
    const ref = '2019-08-31';
    expectDate("Le gel court jusqu'à fin mars de l'année prochaine.", ref, "fin mars de l'année prochaine", {
      date: '2020-03-31',
      precision: 'month',
    });
    expectDate('يستمر التعليق إلى غاية نهاية شهر مارس من السنة المقبلة.', ref, 'نهاية شهر مارس من السنة المقبلة', {
      date: '2020-03-31',
    });
    // A month with its own year keeps it; a year phrase further away is a separate mention.
    const text = "Bilan en mars 2019, de l'année dernière on retient peu. Fin mars, l'an prochain, rien.";
    const mentions = findDates(text, { reference: ref });
    expect(mentionOf(text, 'mars 2019', mentions).date).toBe('2019-03-01');
  });

  it('does not take "Marseille" or a bare month word for a date', () => {
    const text = 'Une société de Marseille a ouvert un bureau; mai reste un prénom ici.';
    expect(findDates(text, { reference: '2023-01-10' })).toEqual([]);
  });

  it('reads year precision only after a cue', () => {
    const text = 'Le texte adopté en 2009 a coûté 2500 dirhams; la refonte est prévue fin 2024.';
    const mentions = findDates(text, { reference: '2023-01-10' });
    expect(mentions.map((m) => m.text)).toEqual(['2009', 'fin 2024']);
    expect(mentions[0]).toMatchObject({ date: '2009-01-01', precision: 'year' });
    expect(mentions[1]).toMatchObject({ date: '2024-12-31', precision: 'year' });
  });

  it('reads English dates both ways', () => {
    const text = 'The authority wrote on January 10, 2023 and again on 3 February 2023.';
    const mentions = findDates(text, { reference: null });
    expect(mentionOf(text, 'January 10, 2023', mentions).date).toBe('2023-01-10');
    expect(mentionOf(text, '3 February 2023', mentions).date).toBe('2023-02-03');
  });
});

describe('findDates: weekday next to a year-less date', () => {
  it('takes the reference year when the weekday agrees ("ce vendredi 21 mars")', () => {
    const text = "L'instance a publié ce vendredi 21 mars sa liste des traitements autorisés.";
    expectDate(text, '2025-03-22', 'vendredi 21 mars', { date: '2025-03-21', relative: true });
  });

  it('moves to the nearest year where the weekday fits when the reference year does not', () => {
    // 27 November was a Sunday in 2022 and a Wednesday in 2019: an old teaser under a 2023 page.
    const text = 'À lire aussi: la commission a reçu le mercredi 27 novembre les représentants du réseau social.';
    expectDate(text, '2023-01-10', 'mercredi 27 novembre', { date: '2019-11-27' });
  });
});

describe('findDates: ranges', () => {
  it('gives the first day of a range the month and year written after the second', () => {
    const text =
      'Les contrôles ont eu lieu du 3 au 5 mars 2023, puis les 12 et 13 janvier; الجلسات من 10 إلى 12 يناير 2023.';
    const mentions = findDates(text, { reference: '2023-01-10' });
    expect(mentions.map((m) => [m.text, m.date])).toEqual([
      ['3', '2023-03-03'],
      ['5 mars 2023', '2023-03-05'],
      ['12', '2023-01-12'],
      ['13 janvier', '2023-01-13'],
      ['10', '2023-01-10'],
      ['12 يناير 2023', '2023-01-12'],
    ]);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
  });

  it('does not take an amount range for a date range', () => {
    expect(findDates('une amende de 20.000 à 200.000 DH', { reference: '2023-01-10' })).toEqual([]);
  });
});

describe('findDates: false friends', () => {
  it('ignores English "may" without a year, the outlet "اليوم 24" and words that contain month names', () => {
    const text = 'Operators that breach the law 10 may be fined. نقلت اليوم 24 الخبر. Réunion à Marseille.';
    expect(findDates(text, { reference: '2023-01-10' })).toEqual([]);
  });

  it('reads "Le 22/03/2025 - 10:19" and "dimanche dernier"', () => {
    const text = "Par L'Economiste| Le 22/03/2025 - 10:19. L'alerte a été donnée dimanche dernier.";
    const mentions = findDates(text, { reference: '2025-03-22' });
    expect(mentionOf(text, '22/03/2025 - 10:19', mentions)).toMatchObject({ date: '2025-03-22', time: '10:19' });
    expect(mentionOf(text, 'dimanche dernier', mentions).date).toBe('2025-03-16');
  });
});

describe('findDates: weekdays and relative words (French)', () => {
  // 9 January 2023 was a Monday.
  const monday = '2023-01-09';
  it('resolves "ce lundi", "mercredi dernier", "jeudi prochain" and a bare weekday', () => {
    const text =
      "La commission a annoncé ce lundi avoir entendu l'opérateur mercredi dernier; suite jeudi prochain. Réunion vendredi.";
    expectDate(text, monday, 'ce lundi', { date: '2023-01-09', relative: true });
    expectDate(text, monday, 'mercredi dernier', { date: '2023-01-04' });
    expectDate(text, monday, 'jeudi prochain', { date: '2023-01-12' });
    // A bare weekday leans to the past in news copy: the Friday before.
    expectDate(text, monday, 'vendredi', { date: '2023-01-06' });
  });

  it('resolves hier, aujourd’hui, demain, avant-hier', () => {
    const text =
      "Hier, l'instance a reçu la plainte; aujourd’hui elle ouvre une enquête, demain elle publie. Avant-hier déjà.";
    expectDate(text, monday, 'Hier', { date: '2023-01-08' });
    expectDate(text, monday, 'aujourd’hui', { date: '2023-01-09' });
    expectDate(text, monday, 'demain', { date: '2023-01-10' });
    expectDate(text, monday, 'Avant-hier', { date: '2023-01-07' });
  });

  it('does not read the outlet name "Aujourd’hui le Maroc" as a date', () => {
    expect(findDates('Selon Aujourd’hui le Maroc, la plainte est recevable.', { reference: monday })).toEqual([]);
  });

  it('resolves durations with digits and French number words', () => {
    const text =
      'Mise en conformité dans un délai de sept mois; réponse dans un délai de 30 jours; audit sous quinze jours; bilan d’ici deux semaines; rapport dans un délai de quatre-vingt-dix jours.';
    expectDate(text, monday, 'dans un délai de sept mois', { date: '2023-08-09', relative: true });
    expectDate(text, monday, 'dans un délai de 30 jours', { date: '2023-02-08' });
    expectDate(text, monday, 'sous quinze jours', { date: '2023-01-24' });
    expectDate(text, monday, 'd’ici deux semaines', { date: '2023-01-23' });
    expectDate(text, monday, 'dans un délai de quatre-vingt-dix jours', { date: '2023-04-09' });
  });

  it('reads legal duration styles: "d\'un mois", "trois (3) mois", "vingt et un jours", English "within"', () => {
    const text =
      "Réponse dans un délai d'un mois, régularisation dans un délai de trois (3) mois, recours dans un délai de vingt et un jours; the firm must comply within 30 days.";
    expectDate(text, monday, "dans un délai d'un mois", { date: '2023-02-09' });
    expectDate(text, monday, 'dans un délai de trois (3) mois', { date: '2023-04-09' });
    expectDate(text, monday, 'dans un délai de vingt et un jours', { date: '2023-01-30' });
    expectDate(text, monday, 'within 30 days', { date: '2023-02-08' });
  });

  it('resolves the previous and current month and year', () => {
    const text = 'Les plaintes du mois dernier et de l’année dernière; objectifs pour cette année.';
    const mentions = findDates(text, { reference: '2023-03-15' });
    expect(mentionOf(text, 'mois dernier', mentions)).toMatchObject({ date: '2023-02-01', precision: 'month' });
    expect(mentionOf(text, 'l’année dernière', mentions)).toMatchObject({ date: '2022-01-01', precision: 'year' });
    expect(mentionOf(text, 'cette année', mentions)).toMatchObject({ date: '2023-01-01', precision: 'year' });
  });

  it('skips relative expressions when there is no reference date', () => {
    const text = 'Hier, ce lundi, le 1er mars, dans un délai de 30 jours; mais le 4 avril 2022 reste une date.';
    const mentions = findDates(text, { reference: null });
    expect(mentions.map((m) => m.text)).toEqual(['4 avril 2022']);
  });
});

describe('findDates: Arabic', () => {
  // 12 January 2023 was a Thursday.
  const thursday = '2023-01-12';
  it('reads a dateline with weekday, Moroccan month and time', () => {
    const text = 'الثلاثاء 10 يناير 2023 على الساعة 15:37 — نشرت اللجنة بلاغا جديدا.';
    expectDate(text, null, 'الثلاثاء 10 يناير 2023 على الساعة 15:37', { date: '2023-01-10', time: '15:37' });
  });

  it('reads glued years, Arabic-Indic digits and every month family', () => {
    const text =
      'الرباط في 23 أكتوبر2019 – صدر القرار في ٢٠ غشت ٢٠١٩، وجرى الاجتماع في 5 شتنبر 2021 ثم في 3 جانفي 2024 و14 جويلية 2021 و2 أوت 2020 و9 مايو 2022 و1 دجنبر 2018 و7 نونبر 2017 و8 أفريل 2016 و4 جوان 2015 و6 فيفري 2014.';
    const mentions = findDates(text, { reference: null });
    expect(mentionOf(text, '23 أكتوبر2019', mentions).date).toBe('2019-10-23');
    expect(mentionOf(text, '٢٠ غشت ٢٠١٩', mentions).date).toBe('2019-08-20');
    expect(mentions.map((m) => m.date)).toEqual([
      '2019-10-23',
      '2019-08-20',
      '2021-09-05',
      '2024-01-03',
      '2021-07-14',
      '2020-08-02',
      '2022-05-09',
      '2018-12-01',
      '2017-11-07',
      '2016-04-08',
      '2015-06-04',
      '2014-02-06',
    ]);
  });

  it('reads Levantine month names, alone or doubled with the standard name', () => {
    const text = 'عقدت الجلسة في 5 ديسمبر/كانون الأول 2022 وتأجلت إلى 12 كانون الثاني 2023 ثم إلى 3 آذار 2023.';
    const mentions = findDates(text, { reference: null });
    expect(mentionOf(text, '5 ديسمبر/كانون الأول 2022', mentions).date).toBe('2022-12-05');
    expect(mentionOf(text, '12 كانون الثاني 2023', mentions).date).toBe('2023-01-12');
    expect(mentionOf(text, '3 آذار 2023', mentions).date).toBe('2023-03-03');
  });

  it('reads days written as Arabic ordinals before a month', () => {
    const text = 'على الشركة أن ترد قبل الثامن من شهر ماي، وقد انعقدت الجلسة في الحادي والعشرين من مارس 2022.';
    const mentions = findDates(text, { reference: '2023-04-02' });
    expect(mentionOf(text, 'الثامن من شهر ماي', mentions)).toMatchObject({ date: '2023-05-08', relative: true });
    expect(mentionOf(text, 'الحادي والعشرين من مارس 2022', mentions).date).toBe('2022-03-21');
    // Without a month an ordinal is no date: "الفصل الثاني عشر".
    expect(findDates('وينص الفصل الثاني عشر على ذلك.', { reference: '2023-04-02' })).toEqual([]);
  });

  it('counts "la veille" and "le lendemain" from the date told before them in the sentence', () => {
    const text = 'Dans un avis daté du mardi 14 mars 2023, le régulateur dit avoir entendu, la veille, le directeur.';
    expectDate(text, null, 'la veille', { date: '2023-03-13' });
    expectDate('The hearing was held on 2 May 2023 and the next day the fine was set.', null, 'the next day', {
      date: '2023-05-03',
    });
    // Not from a date of another sentence, nor "la veille de" an event.
    expect(findDates('Le 2 mai 2023 a eu lieu l’audience. Le lendemain, rien.', { reference: null })).toHaveLength(1);
    expect(findDates('Le 2 mai 2023, la veille de l’audience, il a parlé.', { reference: null })).toHaveLength(1);
  });

  it('reads proclitics on months and days, "فاتح", "سنة", "عام"', () => {
    const text = 'ابتداء من فاتح مارس المقبل، وخلال شهر فبراير، وبيناير 2023، و15 ماي 2022، منذ سنة 2019 وعام 2020.';
    const mentions = findDates(text, { reference: thursday });
    expect(mentionOf(text, 'فاتح مارس المقبل', mentions)).toMatchObject({ date: '2023-03-01', relative: true });
    expect(mentionOf(text, 'شهر فبراير', mentions)).toMatchObject({ date: '2023-02-01', precision: 'month' });
    expect(mentionOf(text, 'يناير 2023', mentions)).toMatchObject({ date: '2023-01-01', precision: 'month' });
    expect(mentionOf(text, '15 ماي 2022', mentions).date).toBe('2022-05-15');
    expect(mentionOf(text, 'سنة 2019', mentions)).toMatchObject({ date: '2019-01-01', precision: 'year' });
    expect(mentionOf(text, 'عام 2020', mentions)).toMatchObject({ date: '2020-01-01', precision: 'year' });
  });

  it('resolves weekdays and relative words against the reference', () => {
    const text =
      'أعلنت اللجنة اليوم الخميس أنها استمعت يوم الأربعاء الماضي إلى الشركة، وكانت قد راسلتها أمس، وستعقد جلسة يوم الثلاثاء المقبل. وفي الشهر الماضي تلقت شكايات.';
    expectDate(text, thursday, 'اليوم الخميس', { date: '2023-01-12', relative: true });
    expectDate(text, thursday, 'يوم الأربعاء الماضي', { date: '2023-01-11' });
    expectDate(text, thursday, 'أمس', { date: '2023-01-11' });
    expectDate(text, thursday, 'يوم الثلاثاء المقبل', { date: '2023-01-17' });
    expectDate(text, thursday, 'الشهر الماضي', { date: '2022-12-01', precision: 'month' });
  });

  it('resolves deadlines with Arabic number words and duals', () => {
    const text =
      'طالبت اللجنة بالامتثال في أجل ثلاثة أشهر، والرد في غضون 30 يوما، وداخل أجل لا يتعدى شهرين، وفي أجل خمسة عشر يوما.';
    expectDate(text, thursday, 'في أجل ثلاثة أشهر', { date: '2023-04-12', relative: true });
    expectDate(text, thursday, 'في غضون 30 يوما', { date: '2023-02-11' });
    expectDate(text, thursday, 'داخل أجل لا يتعدى شهرين', { date: '2023-03-12' });
    expectDate(text, thursday, 'في أجل خمسة عشر يوما', { date: '2023-01-27' });
  });

  it('reads "أقصاه", a repeated number in digits and "خلال" with a dual', () => {
    const text =
      'منحت اللجنة الشركة أجلا، في أجل أقصاه ستة أشهر، ثم في أجل ثلاثة (3) أشهر للتقرير، على أن ترد خلال أسبوعين.';
    expectDate(text, thursday, 'في أجل أقصاه ستة أشهر', { date: '2023-07-12' });
    expectDate(text, thursday, 'في أجل ثلاثة (3) أشهر', { date: '2023-04-12' });
    expectDate(text, thursday, 'خلال أسبوعين', { date: '2023-01-26' });
  });

  it('does not read "من أجل" (in order to) or a past period as a deadline', () => {
    const text = 'من أجل حماية المعطيات، وخلال ثلاثة أشهر الماضية تلقت اللجنة شكايات، والاحد عشر عضوا.';
    expect(findDates(text, { reference: thursday })).toEqual([]);
  });

  it('maps offsets through harakat and tatweel', () => {
    const text = 'صدر في 20 يَنَايِر 2023 وفي 3 فبـراير 2023.';
    const mentions = findDates(text, { reference: null });
    expect(mentionOf(text, '20 يَنَايِر 2023', mentions).date).toBe('2023-01-20');
    expect(mentionOf(text, '3 فبـراير 2023', mentions).date).toBe('2023-02-03');
  });
});

describe('parseDateString', () => {
  it('keeps ISO dates and datetimes with their offset', () => {
    expect(parseDateString('2023-01-10')).toBe('2023-01-10');
    expect(parseDateString('2023-01-10T15:37:00+01:00')).toBe('2023-01-10T15:37:00+01:00');
    expect(parseDateString('2023-01-10T14:37:00.000Z')).toBe('2023-01-10T14:37:00Z');
    expect(parseDateString('2023-01-10 15:37')).toBe('2023-01-10T15:37:00');
  });

  it('reads RFC 2822 feed dates', () => {
    expect(parseDateString('Tue, 10 Jan 2023 15:37:00 +0100')).toBe('2023-01-10T15:37:00+01:00');
    expect(parseDateString('Tue, 10 Jan 2023 14:37:00 GMT')).toBe('2023-01-10T14:37:00Z');
  });

  it('reads a zone name after an ISO datetime and JavaScript Date#toString output', () => {
    expect(parseDateString('2019-11-18 17:19:53 GMT')).toBe('2019-11-18T17:19:53Z');
    expect(parseDateString('2019-11-19 23:46:00 UTC')).toBe('2019-11-19T23:46:00Z');
    expect(parseDateString('Tue Nov 19 2019 05:44:06 GMT+0100 (heure normale d’Europe centrale)')).toBe(
      '2019-11-19T05:44:06+01:00',
    );
    expect(parseDateString('Thu Jul 20 2017 15:40:55 GMT+0000 (UTC)')).toBe('2017-07-20T15:40:55Z');
  });

  it('reads French and Arabic bylines, with the time when given', () => {
    expect(parseDateString('Le 10/01/2023 à 10h13')).toBe('2023-01-10T10:13:00');
    expect(parseDateString('Mis à jour le 11 janvier 2023 à 17:40')).toBe('2023-01-11T17:40:00');
    expect(parseDateString('الثلاثاء 10 يناير 2023')).toBe('2023-01-10');
    expect(parseDateString('27 octobre 2019 - 05h00 - Economie')).toBe('2019-10-27T05:00:00');
  });

  it('returns null when the string holds no full date', () => {
    expect(parseDateString('')).toBeNull();
    expect(parseDateString('- 16h10 - Maroc - Ecrit par : S.A')).toBeNull();
    expect(parseDateString('2023-02-30')).toBeNull();
    expect(parseDateString('mars 2023')).toBeNull();
  });
});
