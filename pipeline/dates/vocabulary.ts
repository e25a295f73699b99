// Words that name months, weekdays, numbers and directions in French, English and Arabic, written in
// the form `normalizeForMatch` produces (lowercase, no accents; أ/إ/آ → ا, ة → ه, ى → ي, ئ → ي).
// Regex sources are built once from these tables, longest alternative first so that `mai` never
// wins over `mayo`-like longer names (`ماي` / `مايو`).

export const MONTHS_LATIN: Record<string, number> = {
  janvier: 1,
  janv: 1,
  january: 1,
  jan: 1,
  fevrier: 2,
  fevr: 2,
  fev: 2,
  february: 2,
  feb: 2,
  mars: 3,
  march: 3,
  mar: 3,
  avril: 4,
  avr: 4,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juin: 6,
  june: 6,
  jun: 6,
  juillet: 7,
  juil: 7,
  july: 7,
  jul: 7,
  aout: 8,
  august: 8,
  aug: 8,
  septembre: 9,
  september: 9,
  sept: 9,
  sep: 9,
  octobre: 10,
  october: 10,
  oct: 10,
  novembre: 11,
  november: 11,
  nov: 11,
  decembre: 12,
  december: 12,
  dec: 12,
};

/** English month names, for the month-first form "January 10, 2023". */
export const MONTHS_ENGLISH: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

/**
 * Moroccan (يوليوز غشت شتنبر نونبر دجنبر), Mashreq/Egyptian, Tunisian/Algerian (جانفي فيفري أفريل جوان
 * جويلية أوت) and Levantine (كانون الثاني ... كانون الأول) month names.
 */
export const MONTHS_ARABIC: Record<string, number> = {
  يناير: 1,
  جانفي: 1,
  'كانون الثاني': 1,
  فبراير: 2,
  فيفري: 2,
  شباط: 2,
  مارس: 3,
  اذار: 3,
  ابريل: 4,
  افريل: 4,
  نيسان: 4,
  ماي: 5,
  مايو: 5,
  ايار: 5,
  يونيو: 6,
  يونيه: 6,
  جوان: 6,
  حزيران: 6,
  يوليوز: 7,
  يوليو: 7,
  يوليه: 7,
  جويليه: 7,
  تموز: 7,
  غشت: 8,
  اغسطس: 8,
  اوت: 8,
  اب: 8,
  شتنبر: 9,
  سبتمبر: 9,
  ايلول: 9,
  اكتوبر: 10,
  'تشرين الاول': 10,
  نونبر: 11,
  نوفمبر: 11,
  'تشرين الثاني': 11,
  دجنبر: 12,
  ديسمبر: 12,
  'كانون الاول': 12,
};

/** 0 = Sunday ... 6 = Saturday. */
export const WEEKDAYS_LATIN: Record<string, number> = {
  dimanche: 0,
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

export const WEEKDAYS_ARABIC: Record<string, number> = {
  الاحد: 0,
  الاثنين: 1,
  الاتنين: 1,
  الثلاثاء: 2,
  الاربعاء: 3,
  الخميس: 4,
  الجمعه: 5,
  السبت: 6,
};

/** Weekday names that are also ordinary words (الأحد "the one", الاثنين "the two", الجمعة "the congregation"). */
export const AMBIGUOUS_ARABIC_WEEKDAYS = new Set(['الاحد', 'الاثنين', 'الاتنين', 'الجمعه']);

export type Direction = 'past' | 'future' | 'current';

export const DIRECTION_WORDS: Record<string, Direction> = {
  dernier: 'past',
  derniere: 'past',
  passe: 'past',
  passee: 'past',
  precedent: 'past',
  precedente: 'past',
  prochain: 'future',
  prochaine: 'future',
  last: 'past',
  next: 'future',
  الماضي: 'past',
  الماضيه: 'past',
  المنصرم: 'past',
  المنصرمه: 'past',
  الفارط: 'past',
  الفارطه: 'past',
  المنقضي: 'past',
  المقبل: 'future',
  المقبله: 'future',
  القادم: 'future',
  القادمه: 'future',
  الجاري: 'current',
  الجاريه: 'current',
  الحالي: 'current',
  الحاليه: 'current',
};

export const NUMBER_WORDS_FRENCH: Record<string, number> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  cent: 100,
  cents: 100,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  eighteen: 18,
  twenty: 20,
  thirty: 30,
  forty: 40,
  sixty: 60,
  ninety: 90,
};

export const NUMBER_WORDS_ARABIC: Record<string, number> = {
  واحد: 1,
  واحده: 1,
  اثنين: 2,
  اثنان: 2,
  اثني: 2,
  اثنتين: 2,
  اثنتي: 2,
  ثلاث: 3,
  ثلاثه: 3,
  اربع: 4,
  اربعه: 4,
  خمس: 5,
  خمسه: 5,
  ست: 6,
  سته: 6,
  سبع: 7,
  سبعه: 7,
  ثمان: 8,
  ثماني: 8,
  ثمانيه: 8,
  تسع: 9,
  تسعه: 9,
  عشر: 10,
  عشره: 10,
  عشرين: 20,
  عشرون: 20,
  ثلاثين: 30,
  ثلاثون: 30,
  اربعين: 40,
  اربعون: 40,
  خمسين: 50,
  خمسون: 50,
  ستين: 60,
  ستون: 60,
  سبعين: 70,
  ثمانين: 80,
  تسعين: 90,
  تسعون: 90,
  مايه: 100,
  ميه: 100,
};

// Days of the month written as Arabic ordinals: "قبل العاشر من يوليو", "الحادي والعشرين من مارس".
// (The first is "فاتح", read with the digits.)
const AR_ORDINAL_UNITS = ['حادي', 'ثاني', 'ثالث', 'رابع', 'خامس', 'سادس', 'سابع', 'ثامن', 'تاسع'];
export const DAY_ORDINALS_ARABIC: Record<string, number> = {
  ...Object.fromEntries(AR_ORDINAL_UNITS.slice(1).map((u, i) => [`ال${u}`, i + 2])),
  العاشر: 10,
  ...Object.fromEntries(AR_ORDINAL_UNITS.map((u, i) => [`ال${u} عشر`, i + 11])),
  العشرين: 20,
  ...Object.fromEntries(AR_ORDINAL_UNITS.map((u, i) => [`ال${u} والعشرين`, i + 21])),
  الثلاثين: 30,
  'الحادي والثلاثين': 31,
};

export type DurationUnit = 'day' | 'week' | 'month' | 'year';

export const UNITS: Record<string, DurationUnit> = {
  jour: 'day',
  jours: 'day',
  semaine: 'week',
  semaines: 'week',
  mois: 'month',
  an: 'year',
  ans: 'year',
  annee: 'year',
  annees: 'year',
  day: 'day',
  days: 'day',
  week: 'week',
  weeks: 'week',
  month: 'month',
  months: 'month',
  year: 'year',
  years: 'year',
  يوم: 'day',
  ايام: 'day',
  يوما: 'day',
  اسبوع: 'week',
  اسابيع: 'week',
  اسبوعا: 'week',
  شهر: 'month',
  اشهر: 'month',
  شهور: 'month',
  شهرا: 'month',
  سنه: 'year',
  سنوات: 'year',
  سنين: 'year',
  عام: 'year',
  اعوام: 'year',
  عاما: 'year',
};

/** Arabic dual nouns carry their own number: شهرين = two months. */
export const DUAL_UNITS: Record<string, DurationUnit> = {
  يومين: 'day',
  اسبوعين: 'week',
  شهرين: 'month',
  سنتين: 'year',
  عامين: 'year',
};

/** Alternation of the keys, longest first, regex-escaped (spaces become `\s+`). */
export function alternation(...tables: Array<Record<string, unknown>>): string {
  const keys = new Set<string>();
  for (const table of tables) for (const key of Object.keys(table)) keys.add(key);
  return [...keys]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}

/** Sums number words ("dix-sept", "خمسة وعشرين", "quatre-vingt-dix"); null when a token is unknown. */
export function parseNumberWords(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  const tokens = s.split(/[\s-]+/).filter((t) => t !== '' && t !== 'et' && t !== 'and');
  let total = 0;
  let previous: string | null = null;
  for (const raw of tokens) {
    let token = raw;
    let value = NUMBER_WORDS_FRENCH[token] ?? NUMBER_WORDS_ARABIC[token];
    // The conjunction و is written glued to the next number word: خمسة وعشرين.
    if (value === undefined && token.startsWith('و')) {
      token = token.slice(1);
      value = NUMBER_WORDS_ARABIC[token];
    }
    if (value === undefined) return null;
    if (value === 100) total = (total === 0 ? 1 : total) * 100;
    else if (value === 20 && previous === 'quatre') total += 80 - 4;
    else total += value;
    previous = token;
  }
  return tokens.length > 0 ? total : null;
}
