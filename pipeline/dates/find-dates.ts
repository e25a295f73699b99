// Finds dates in French, Arabic and English news and legal text and resolves them to ISO days.
//
// Matching runs on `normalizeForMatch` output (lowercase, unaccented, Arabic letters unified,
// Arabic-Indic digits made Latin), so one pattern covers "Août"/"aout" and "أكتوبر"/"اكتوبر"; spans
// are mapped back to the caller's string. Each rule below is one regex with a named group `s` for
// the span; overlapping candidates are settled longest-first, so "mercredi 23 octobre 2019" wins
// over the weekday "mercredi" alone and "le 10/01/2023 à 10h13" carries its time.
//
// Expressions that need the publication date (weekdays, "hier", "dans un délai de 30 jours",
// year-less "1er mars") are resolved against `reference` and marked `relative`; with no reference
// they are skipped rather than guessed.
import { normalizeWithOffsets, toOriginalRange } from '../normalize.ts';
import {
  addDays,
  addMonths,
  daysInMonth,
  diffDays,
  formatYmd,
  isValidYmd,
  parseYmd,
  weekdayOf,
  type Ymd,
} from './calendar.ts';
import {
  AMBIGUOUS_ARABIC_WEEKDAYS,
  alternation,
  DAY_ORDINALS_ARABIC,
  DIRECTION_WORDS,
  type Direction,
  DUAL_UNITS,
  type DurationUnit,
  MONTHS_ARABIC,
  MONTHS_ENGLISH,
  MONTHS_LATIN,
  NUMBER_WORDS_ARABIC,
  NUMBER_WORDS_FRENCH,
  parseNumberWords,
  UNITS,
  WEEKDAYS_ARABIC,
  WEEKDAYS_LATIN,
} from './vocabulary.ts';

export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** YYYY-MM-DD; for month precision the first day (last day for "fin mars"), for year precision 1 January. */
  date: string;
  precision: 'day' | 'month' | 'year';
  /** True when the date was resolved against the reference date (weekday, "hier", year-less, duration). */
  relative: boolean;
  /** HH:MM when the text gives a time of day next to the date. */
  time?: string;
}

export interface FindDatesOptions {
  /** The publication date (ISO date or datetime) relative expressions are resolved against. */
  reference: string | null;
}

interface Candidate {
  start: number;
  end: number;
  date: Ymd;
  precision: DateMention['precision'];
  relative: boolean;
  time?: string;
}

type Groups = Record<string, string | undefined>;

interface Rule {
  re: RegExp;
  /** A cheap test that must pass before the full pattern runs (most texts have no "mois dernier"). */
  trigger?: RegExp;
  /** Every match is resolved against the reference date, so the rule is skipped without one. */
  needsReference?: true;
  build(g: Groups, ref: Ymd | null): Omit<Candidate, 'start' | 'end'> | null;
}

// ---------------------------------------------------------------------------------------------
// Regex pieces (on normalized text)

// A word boundary, plus the one place where scraped Arabic pages glue words together: an Arabic
// letter directly before a digit ("خاص3 سبتمبر 2021" is a byline then a date).
const L = '(?<![\\p{N}])(?:(?<![\\p{L}])|(?<=\\p{Script=Arabic})(?=\\d))';
const R = '(?![\\p{L}\\p{N}])';
const NOT_LETTER = '(?![\\p{L}])';
// Only abbreviations take a full stop ("sept.", "janv."): the stop after "septembre." ends the sentence.
const abbreviations = (table: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(table).filter(
      ([k]) => k.length <= 4 && !['mars', 'mai', 'juin', 'may', 'june', 'july', 'aout'].includes(k),
    ),
  );
const fullNames = (table: Record<string, number>) =>
  Object.fromEntries(Object.entries(table).filter(([k]) => !(k in abbreviations(table))));
const monthPattern = (table: Record<string, number>) =>
  `(?:(?:${alternation(fullNames(table))})${NOT_LETTER}|(?:${alternation(abbreviations(table))})${NOT_LETTER}\\.?)`;
const MONTH_LATIN = monthPattern(MONTHS_LATIN);
const MONTH_EN = monthPattern(MONTHS_ENGLISH);
const MONTH_AR = `(?:${alternation(MONTHS_ARABIC)})${NOT_LETTER}`;
// "ديسمبر/كانون الأول", "كانون الأول (ديسمبر)": the second name only repeats the first.
const MONTH_AR_ALT = `(?:\\s*[/(]\\s*(?:${alternation(MONTHS_ARABIC)})\\s*\\)?)?`;
const WD_LATIN = `(?:${alternation(WEEKDAYS_LATIN)})`;
const WD_AR = `(?:${alternation(WEEKDAYS_ARABIC)})`;
const DIR = `(?:${alternation(DIRECTION_WORDS)})`;
const PROCLITIC = '[وبلف]?';
// A time after the date: "à 10h13", "à 23 H 18", "- 10:19", "| 9:32pm", ", 9:02 AM", "at 11:08 a.m.",
// "à 10h13min", "على الساعة 17:51"; a separator and a preposition may both appear ("- à 05h00").
const TIME =
  '(?:\\s*(?:[,|•-]\\s*)?(?:(?:a|vers|des|at|علي\\s+الساعه|في\\s+الساعه|الساعه|في)\\s*)?(?<hh>\\d{1,2})\\s*(?:h|:)\\s*(?<mm>\\d{2})?(?:\\s*(?<ap>[ap])\\.?m\\.?(?![\\p{L}])|(?:\\s*mi?n)?(?![\\p{L}\\p{N}])))?';
// Legal style repeats the number in digits: "trois (3) mois", "ثلاثة (3) أشهر".
const NUM_REPEAT = '(?:\\s*\\(\\s*\\d{1,4}\\s*\\))?';
const NUM_FR = `(?:\\d{1,4}|(?:${alternation(NUMBER_WORDS_FRENCH)})(?:[-\\s]+(?:et[-\\s]+)?(?:${alternation(NUMBER_WORDS_FRENCH)}))*)${NOT_LETTER}${NUM_REPEAT}`;
const AR_NUMBER_WORD = `(?:${alternation(NUMBER_WORDS_ARABIC)})${NOT_LETTER}`;
const NUM_AR = `(?:\\d{1,4}|${AR_NUMBER_WORD}(?:\\s+و?${AR_NUMBER_WORD})*)${NUM_REPEAT}`;
const UNIT = `(?:${alternation(UNITS)})${NOT_LETTER}`;
// An ordinal day is only a date when a month follows ("العاشر من يوليو"), which the rule requires.
const AR_DAY_ORDINAL = `(?:${alternation(DAY_ORDINALS_ARABIC)})${NOT_LETTER}`;
const YEAR = '(?<year>(?:19|20)\\d{2})(?!\\d)';

// Cheap pre-tests shared by several rules: most text has digits but no month name.
const HAS_LATIN_MONTH = new RegExp(alternation(MONTHS_LATIN, MONTHS_ENGLISH));
const HAS_ARABIC_MONTH = new RegExp(alternation(MONTHS_ARABIC));
const HAS_YEAR = /(?:19|20)\d{2}/;

function rx(source: string): RegExp {
  return new RegExp(source, 'gud');
}

// ---------------------------------------------------------------------------------------------
// Resolution helpers

function direction(word: string | undefined): Direction | null {
  return word === undefined ? null : (DIRECTION_WORDS[word] ?? null);
}

function time(g: Groups): string | undefined {
  if (g.hh === undefined) return undefined;
  let hh = Number(g.hh);
  const mm = g.mm === undefined ? 0 : Number(g.mm);
  // 12-hour clock: 12 AM is midnight, 12 PM noon; "15:30 pm" is read as written.
  if (g.ap !== undefined && hh >= 1 && hh <= 12) hh = (hh % 12) + (g.ap === 'p' ? 12 : 0);
  if (hh > 23 || mm > 59) return undefined;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

function ymd(y: number, m: number, d: number): Ymd | null {
  return isValidYmd(y, m, d) ? { y, m, d } : null;
}

/**
 * A day/month without a year takes the reference year, moved by "prochain"/"dernier" or, without
 * such a word, when the result would sit more than six months away from the publication date
 * (a December article citing "5 janvier" means next January).
 */
function resolveYearless(m: number, d: number | 'last', dir: Direction | null, ref: Ymd): Ymd | null {
  const make = (y: number) => ymd(y, m, d === 'last' ? daysInMonth(y, m) : d);
  let date = make(ref.y);
  if (date === null) {
    // 29 February in a common year: look at the neighbouring years instead of failing.
    date = dir === 'past' ? make(ref.y - 1) : make(ref.y + 1);
    return date;
  }
  const delta = diffDays(date, ref);
  if (dir === 'future' && delta <= 0) return make(ref.y + 1);
  if (dir === 'past' && delta >= 0) return make(ref.y - 1);
  if (dir === null && delta > 183) return make(ref.y - 1);
  if (dir === null && delta < -183) return make(ref.y + 1);
  return date;
}

type WeekdayMode = Direction | 'this' | 'bare';

function resolveWeekday(target: number, mode: WeekdayMode, ref: Ymd): Ymd {
  const current = weekdayOf(ref);
  const forward = (target - current + 7) % 7;
  if (mode === 'past') return addDays(ref, -((current - target + 7) % 7 || 7));
  if (mode === 'future') return addDays(ref, forward || 7);
  // "ce lundi" sits in the current week, either side; a bare "lundi" in news copy mostly reports
  // what happened, so the window leans to the past (four days back, two ahead).
  const maxAhead = mode === 'bare' ? 2 : 3;
  return addDays(ref, forward > maxAhead ? forward - 7 : forward);
}

function applyDuration(ref: Ymd, n: number, unit: DurationUnit): Ymd {
  switch (unit) {
    case 'day':
      return addDays(ref, n);
    case 'week':
      return addDays(ref, 7 * n);
    case 'month':
      return addMonths(ref, n);
    case 'year':
      return addMonths(ref, 12 * n);
  }
}

type Edge = 'start' | 'mid' | 'end';

const EDGE_WORDS: Record<string, Edge> = {
  debut: 'start',
  'au debut': 'start',
  mi: 'mid',
  fin: 'end',
  'a la fin': 'end',
  early: 'start',
  late: 'end',
  end: 'end',
  بدايه: 'start',
  مطلع: 'start',
  اوايل: 'start',
  منتصف: 'mid',
  اواسط: 'mid',
  نهايه: 'end',
  اواخر: 'end',
  متم: 'end',
};
const EDGE_LATIN = '(?:a\\s+la\\s+fin|au\\s+debut|debut|fin|mi|early|late|end)';
const EDGE_AR = `(?:${alternation({ بدايه: 0, مطلع: 0, اوايل: 0, منتصف: 0, اواسط: 0, نهايه: 0, اواخر: 0, متم: 0 })})`;

function edgeOf(word: string | undefined): Edge | null {
  if (word === undefined) return null;
  return EDGE_WORDS[word.replace(/\s+/g, ' ')] ?? null;
}

function monthDate(y: number | null, m: number, edge: Edge | null, dir: Direction | null, ref: Ymd | null): Ymd | null {
  const day: number | 'last' = edge === 'end' ? 'last' : edge === 'mid' ? 15 : 1;
  if (y !== null) return ymd(y, m, day === 'last' ? daysInMonth(y, m) : day);
  if (ref === null) return null;
  return resolveYearless(m, day, dir, ref);
}

function monthNumber(table: Record<string, number>, word: string | undefined): number | null {
  if (word === undefined) return null;
  return table[word.replace(/\.$/, '').replace(/\s+/g, ' ')] ?? null;
}

function dayNumber(word: string | undefined): number | null {
  if (word === undefined) return null;
  if (word === '1er' || word === '1re' || word === 'premier' || word === 'فاتح' || word === 'الفاتح') return 1;
  const ordinal = DAY_ORDINALS_ARABIC[word.replace(/\s+/g, ' ')];
  if (ordinal !== undefined) return ordinal;
  return /^\d{1,2}$/.test(word) ? Number(word) : null;
}

function dayMonth(g: Groups, table: Record<string, number>, ref: Ymd | null): Omit<Candidate, 'start' | 'end'> | null {
  const m = monthNumber(table, g.mon);
  const d = dayNumber(g.day);
  if (m === null || d === null) return null;
  if (g.year !== undefined) {
    const date = ymd(Number(g.year), m, d);
    return date && { date, precision: 'day', relative: false, time: time(g) };
  }
  // "10 may be fined": a year-less English "may" is the verb far more often than the month.
  if (ref === null || d > daysInMonth(2024, m) || g.mon === 'may') return null;
  let date = resolveYearless(m, d, direction(g.mod), ref);
  const weekday = g.wd === undefined ? undefined : (WEEKDAYS_LATIN[g.wd] ?? WEEKDAYS_ARABIC[g.wd]);
  if (date !== null && weekday !== undefined && g.mod === undefined) date = yearMatchingWeekday(date, weekday);
  return date && { date, precision: 'day', relative: true, time: time(g) };
}

/**
 * "mercredi 27 novembre" without a year: when the reference year makes it a Sunday, the text is
 * about another year (a related-article teaser, an old communiqué); the nearest year where the
 * day is a Wednesday is the better reading. Only earlier years are tried (up to six back, enough
 * for every weekday to come round): text about the future names the year.
 */
function yearMatchingWeekday(date: Ymd, weekday: number): Ymd {
  if (weekdayOf(date) === weekday) return date;
  for (let k = 1; k <= 6; k++) {
    const other = ymd(date.y - k, date.m, date.d);
    if (other !== null && weekdayOf(other) === weekday) return other;
  }
  return date;
}

function numericDate(y: number, m: number, d: number, g: Groups): Omit<Candidate, 'start' | 'end'> | null {
  // Day-first is the French and Arabic order; a "month" above 12 only fits the US order.
  const date = ymd(y, m, d) ?? (m > 12 ? ymd(y, d, m) : null);
  return date && { date, precision: 'day', relative: false, time: time(g) };
}

// ---------------------------------------------------------------------------------------------
// Rules

const RULES: Rule[] = [
  // 2023-01-10, 2023-01-10T15:37:00+01:00
  {
    re: rx(
      `(?<![\\p{N}])(?<s>(?<y>\\d{4})-(?<m>\\d{2})-(?<d>\\d{2})(?:[t\\s](?<hh>\\d{2}):(?<mm>\\d{2})(?::\\d{2}(?:\\.\\d+)?)?(?:z|[+-]\\d{2}:?\\d{2})?)?)(?![\\p{N}])`,
    ),
    build: (g) => numericDate(Number(g.y), Number(g.m), Number(g.d), g),
  },
  // 2023/01/10
  {
    // Not inside a URL path ("/2015/03/30/slug"): that is where a page was filed, not a date in the text.
    re: rx(`(?<![\\p{N}/])(?<s>(?<y>\\d{4})(?<sep>[/.])(?<m>\\d{1,2})\\k<sep>(?<d>\\d{1,2}))(?![\\p{N}/])`),
    build: (g) => numericDate(Number(g.y), Number(g.m), Number(g.d), g),
  },
  // 10/01/2023, 10-01-2023, 23.12.2022 à 23 H 18, mardi 10/01/2023
  {
    re: rx(
      `(?<![\\p{N}.,/]|\\p{N}-)(?<s>(?:(?:${WD_LATIN}|${WD_AR})\\s*,?\\s+)?(?<d>\\d{1,2})(?<sep>[/.-])(?<m>\\d{1,2})\\k<sep>(?<y>\\d{4})(?![\\p{N}])${TIME})`,
    ),
    trigger: /\d[/.-]\d{1,2}[/.-]\d/,
    build: (g) => numericDate(Number(g.y), Number(g.m), Number(g.d), g),
  },
  // mercredi 23 octobre 2019, 1er mars, 1e mars, le 31 mars prochain, 10 January 2023, and the
  // day glued to the month where markup was stripped ("<b>10</b>janvier 2023")
  {
    re: rx(
      `${L}(?<s>(?:(?<wd>${WD_LATIN})\\s*,?\\s+)?(?<day>1er|1re|premier|\\d{1,2})(?:\\s*er|e(?=\\s))?\\s*(?<mon>${MONTH_LATIN})(?:\\s*,?\\s*${YEAR})?(?:\\s+(?<mod>${DIR})${R})?${TIME})`,
    ),
    trigger: HAS_LATIN_MONTH,
    build: (g, ref) => dayMonth(g, MONTHS_LATIN, ref),
  },
  // January 10, 2023; Monday, November 18th, 2019 at 11:08 a.m.
  {
    re: rx(
      `${L}(?<s>(?:(?<wd>${WD_LATIN})\\s*,?\\s+)?(?<mon>${MONTH_EN})\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}${TIME})`,
    ),
    trigger: HAS_LATIN_MONTH,
    build: (g, ref) => dayMonth(g, MONTHS_ENGLISH, ref),
  },
  // Year-less English month-first dates, as news writes them: "on January 6", "by October 31",
  // "Sunday, March 9". A preposition or a weekday must lead, so the modal "may 10" stays a verb.
  {
    re: rx(
      `${L}(?:(?<lead>on|since|until|till|by|before|after|from|through|to|of)\\s+)?(?<s>(?:(?<wd>${WD_LATIN})\\s*,?\\s+)?(?<mon>${MONTH_EN})\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?)(?![\\p{N}]|,?\\s+(?:19|20)\\d{2})`,
    ),
    trigger: HAS_LATIN_MONTH,
    build: (g, ref) => (g.wd !== undefined || g.lead !== undefined ? dayMonth(g, MONTHS_ENGLISH, ref) : null),
  },
  // الثلاثاء 10 يناير 2023 على الساعة 15:37, 23 أكتوبر2019, فاتح مارس, 5 ديسمبر/كانون الأول 2022
  {
    re: rx(
      `${L}${PROCLITIC}(?<s>(?:(?:يوم|اليوم)\\s+)?(?:(?<wd>${WD_AR})\\s*,?\\s*)?(?<day>\\d{1,2}|الفاتح|فاتح|${AR_DAY_ORDINAL})\\s*(?:من\\s+)?(?:شهر\\s+)?${PROCLITIC}(?<mon>${MONTH_AR})${MONTH_AR_ALT}(?:\\s*,?\\s*(?:من\\s+)?(?:سنه\\s+|عام\\s+)?${YEAR})?(?:\\s+(?<mod>${DIR})${R})?${TIME})`,
    ),
    trigger: HAS_ARABIC_MONTH,
    build: (g, ref) => dayMonth(g, MONTHS_ARABIC, ref),
  },
  // The first day of a range takes the month and year written after the second: "du 3 au 5 mars
  // 2023", "les 12 et 13 janvier", "من 10 إلى 12 يناير 2023", "بين 3 و5 ماي".
  {
    re: rx(
      `${L}(?<s>(?<day>1er|\\d{1,2}))(?:\\s*er)?\\s*(?:au|et|-|a|to|and)\\s*(?=\\d{1,2}(?:\\s*er)?\\s+(?<mon>${MONTH_LATIN})(?:\\s*,?\\s*${YEAR})?)`,
    ),
    trigger: HAS_LATIN_MONTH,
    build: (g, ref) => dayMonth(g, MONTHS_LATIN, ref),
  },
  {
    re: rx(
      `${L}(?<s>(?<day>\\d{1,2}))\\s*(?:الي|حتي|-|و)\\s*(?=\\d{1,2}\\s*(?:من\\s+)?(?:شهر\\s+)?(?<mon>${MONTH_AR})${MONTH_AR_ALT}(?:\\s*,?\\s*(?:من\\s+)?(?:سنه\\s+|عام\\s+)?${YEAR})?)`,
    ),
    trigger: HAS_ARABIC_MONTH,
    build: (g, ref) => dayMonth(g, MONTHS_ARABIC, ref),
  },
  // mars 2023, fin mars, mi-mars, en mars dernier, début avril prochain
  {
    re: rx(
      `${L}(?:(?<prep>en|depuis|courant|des|jusqu'en|in|since|mois\\s+de|mois\\s+d')\\s*)?(?<s>(?:(?<edge>${EDGE_LATIN})[\\s-]+(?:(?:de\\s+|du\\s+mois\\s+de\\s+|d'|of\\s+)\\s*)?)?(?<mon>${MONTH_LATIN})(?:\\s*,?\\s*${YEAR})?(?:\\s+(?<mod>${DIR})${R})?)${R}`,
    ),
    trigger: HAS_LATIN_MONTH,
    build: (g, ref) => {
      if (g.prep === undefined && g.edge === undefined && g.year === undefined && g.mod === undefined) return null;
      const m = monthNumber(MONTHS_LATIN, g.mon);
      if (m === null) return null;
      const edge = edgeOf(g.edge);
      const date = monthDate(g.year === undefined ? null : Number(g.year), m, edge, direction(g.mod), ref);
      return date && { date, precision: 'month', relative: g.year === undefined };
    },
  },
  // شهر مارس, نهاية شهر مارس, بيناير 2023, مارس الماضي
  {
    re: rx(
      `${L}[وبلف]{0,2}(?<s>(?:(?<edge>${EDGE_AR})\\s+)?(?:(?<cue>شهر)\\s+)?(?<mon>${MONTH_AR})${MONTH_AR_ALT}(?:\\s*,?\\s*(?:من\\s+)?(?:سنه\\s+|عام\\s+)?${YEAR})?(?:\\s+(?<mod>${DIR})${R})?)${R}`,
    ),
    trigger: HAS_ARABIC_MONTH,
    build: (g, ref) => {
      if (g.cue === undefined && g.edge === undefined && g.year === undefined && g.mod === undefined) return null;
      const m = monthNumber(MONTHS_ARABIC, g.mon);
      if (m === null) return null;
      const date = monthDate(g.year === undefined ? null : Number(g.year), m, edgeOf(g.edge), direction(g.mod), ref);
      return date && { date, precision: 'month', relative: g.year === undefined };
    },
  },
  // en 2019, fin 2023, سنة 2019, عام 2020, نهاية 2023
  {
    re: rx(
      `${L}(?:(?<prep>en|depuis|courant|l'annee|annee|l'an|d'ici|jusqu'en|in|since)\\s+)?${PROCLITIC}(?<s>(?:(?<edge>${EDGE_LATIN}|${EDGE_AR})[\\s-]+)?(?:(?<cue>(?:ال)?(?:سنه|عام))\\s+)?${YEAR})${R}`,
    ),
    trigger: HAS_YEAR,
    build: (g) => {
      if (g.prep === undefined && g.edge === undefined && g.cue === undefined) return null;
      const y = Number(g.year);
      const date = edgeOf(g.edge) === 'end' ? ymd(y, 12, 31) : ymd(y, 1, 1);
      return date && { date, precision: 'year', relative: false };
    },
  },
  // mercredi dernier, ce lundi, lundi, last Monday
  {
    needsReference: true,
    re: rx(`${L}(?<s>(?:(?<pre>ce|cet|this|last|next)\\s+)?(?<wd>${WD_LATIN})(?:\\s+(?<mod>${DIR}))?)${R}`),
    trigger: /di(?![\p{L}])|dimanche|day(?![\p{L}])/u,
    build: (g, ref) => {
      const target = g.wd === undefined ? undefined : WEEKDAYS_LATIN[g.wd];
      if (ref === null || target === undefined) return null;
      const pre = g.pre === 'last' ? 'past' : g.pre === 'next' ? 'future' : g.pre === undefined ? null : 'this';
      const mode: WeekdayMode = direction(g.mod) ?? pre ?? 'bare';
      return {
        date: resolveWeekday(target, mode === 'current' ? 'this' : mode, ref),
        precision: 'day',
        relative: true,
      };
    },
  },
  // اليوم الخميس, يوم الأربعاء الماضي, الثلاثاء المقبل
  {
    needsReference: true,
    re: rx(`${L}${PROCLITIC}(?<s>(?:(?<pre>يوم|اليوم)\\s+)?(?<wd>${WD_AR})(?:\\s+(?<mod>${DIR}))?)${R}`),
    build: (g, ref) => {
      const target = g.wd === undefined ? undefined : WEEKDAYS_ARABIC[g.wd];
      if (ref === null || target === undefined || g.wd === undefined) return null;
      if (g.pre === undefined && g.mod === undefined && AMBIGUOUS_ARABIC_WEEKDAYS.has(g.wd)) return null;
      const dir = direction(g.mod);
      const mode: WeekdayMode = dir === 'current' || g.pre === 'اليوم' ? 'this' : (dir ?? 'bare');
      return { date: resolveWeekday(target, mode, ref), precision: 'day', relative: true };
    },
  },
  // hier, aujourd'hui, demain, أمس, اليوم, غدا
  {
    needsReference: true,
    re: rx(
      `${L}${PROCLITIC}(?<s>(?<word>aujourd'hui(?!\\s+le\\s+maroc)|avant-hier|apres-demain|hier|demain|yesterday|today|tomorrow|اول\\s+امس|الامس|امس|البارحه|اليوم(?!\\s*\\d)(?!\\s+(?:العالمي|الوطني|الدولي|الدراسي|الموالي|التالي|نفسه))|غدا|بعد\\s+غد))${R}`,
    ),
    build: (g, ref) => {
      if (ref === null || g.word === undefined) return null;
      const word = g.word.replace(/\s+/g, ' ');
      const offsets: Record<string, number> = {
        "aujourd'hui": 0,
        today: 0,
        اليوم: 0,
        hier: -1,
        yesterday: -1,
        امس: -1,
        الامس: -1,
        البارحه: -1,
        'avant-hier': -2,
        'اول امس': -2,
        demain: 1,
        tomorrow: 1,
        غدا: 1,
        'apres-demain': 2,
        'بعد غد': 2,
      };
      const offset = offsets[word];
      return offset === undefined ? null : { date: addDays(ref, offset), precision: 'day', relative: true };
    },
  },
  // le mois dernier, ce mois-ci, الشهر الماضي, هذا الشهر
  {
    needsReference: true,
    re: rx(
      `${L}${PROCLITIC}(?<s>(?:le\\s+)?mois\\s+(?<mod>dernier|prochain|passe|precedent)|(?<cur>ce\\s+mois(?:-ci)?|هذا\\s+الشهر)|(?:last|next)\\s+month|الشهر\\s+(?<armod>${DIR}))${R}`,
    ),
    trigger: /mois|month|الشهر/,
    build: (g, ref) => {
      if (ref === null) return null;
      const en = /^(last|next)/.exec(g.s ?? '')?.[1];
      const dir = g.cur !== undefined ? 'current' : direction(g.mod ?? g.armod ?? (en === undefined ? undefined : en));
      if (dir === null) return null;
      const date = addMonths({ y: ref.y, m: ref.m, d: 1 }, dir === 'past' ? -1 : dir === 'future' ? 1 : 0);
      return { date, precision: 'month', relative: true };
    },
  },
  // l'année dernière, l'an prochain, cette année, العام الماضي, السنة المقبلة, هذه السنة
  {
    needsReference: true,
    re: rx(
      `${L}${PROCLITIC}(?<s>l'annee\\s+(?<mod>derniere|prochaine|passee|precedente)|l'an\\s+(?<mod2>dernier|prochain|passe)|(?<cur>cette\\s+annee|this\\s+year|هذا\\s+العام|هذه\\s+السنه)|(?:last|next)\\s+year|(?:العام|السنه)\\s+(?<armod>${DIR}))${R}`,
    ),
    trigger: /annee|l'an|year|العام|السنه/,
    build: (g, ref) => {
      if (ref === null) return null;
      const en = /^(last|next)/.exec(g.s ?? '')?.[1];
      const dir = g.cur !== undefined ? 'current' : direction(g.mod ?? g.mod2 ?? g.armod ?? en);
      if (dir === null) return null;
      const y = ref.y + (dir === 'past' ? -1 : dir === 'future' ? 1 : 0);
      return { date: { y, m: 1, d: 1 }, precision: 'year', relative: true };
    },
  },
  // dans un délai de sept mois, sous un délai de 30 jours, dans les trois mois, d'ici deux semaines
  {
    needsReference: true,
    re: rx(
      `${L}(?<s>(?:(?:dans|sous)\\s+(?:un\\s+)?delai\\s+|(?:un\\s+)?delai\\s+)(?:(?:maximum|maximal|de\\s+grace|supplementaire|n'excedant\\s+pas|ne\\s+depassant\\s+pas)\\s+)?(?:de\\s+|d')?\\s*(?<num>${NUM_FR})\\s+(?<unit>${UNIT})|(?:dans|sous|d'ici|within)\\s+(?:les\\s+|a\\s+|a\\s+period\\s+of\\s+)?(?<num2>${NUM_FR})\\s+(?<unit2>${UNIT}))${R}`,
    ),
    build: (g, ref) => durationCandidate(g.num ?? g.num2, g.unit ?? g.unit2, ref),
  },
  // في أجل ثلاثة أشهر, في غضون 30 يوما, داخل أجل لا يتعدى شهرين, خلال 15 يوما
  {
    needsReference: true,
    re: rx(
      `${L}(?<!من\\s)${PROCLITIC}(?<s>(?:(?:في|داخل)\\s+)?(?:اجل|غضون|ظرف|مهله|اجال|خلال)\\s+(?:(?:لا\\s+(?:يتعدي|يتجاوز|تتعدي|تتجاوز)|اقصاه|اقصاها|اقصي)\\s+)?(?:(?<num>${NUM_AR})\\s*(?<unit>${UNIT})|(?<dual>${alternation(DUAL_UNITS)})|(?<single>شهر|اسبوع|سنه|عام|يوم)(?!\\s*\\d)))(?![\\p{L}\\p{N}])(?!\\s+(?:الماضيه|الماضي|الاخيره|الاخير|السابقه|المنصرمه|المقبله|القادمه|من\\s+سنه|من\\s+عام))`,
    ),
    build: (g, ref) => {
      if (g.dual !== undefined) {
        const unit = DUAL_UNITS[g.dual];
        return ref && unit ? { date: applyDuration(ref, 2, unit), precision: 'day', relative: true } : null;
      }
      // "خلال شهر" reads "during a month" as often as "within a month": only the deadline words count.
      if (g.single !== undefined) {
        if (/خلال/.test(g.s ?? '')) return null;
        return durationCandidate('1', g.single, ref);
      }
      return durationCandidate(g.num, g.unit, ref);
    },
  },
];

function durationCandidate(
  num: string | undefined,
  unitWord: string | undefined,
  ref: Ymd | null,
): Omit<Candidate, 'start' | 'end'> | null {
  if (ref === null || num === undefined || unitWord === undefined) return null;
  const n = parseNumberWords(
    num
      .replace(/\(.*\)/, '')
      .trim()
      .replace(/\s+/g, ' '),
  );
  const unit = UNITS[unitWord];
  if (n === null || n <= 0 || n > 3660 || unit === undefined) return null;
  return { date: applyDuration(ref, n, unit), precision: 'day', relative: true };
}

const TRAILING_MARK = /[\u0610-\u061a\u064b-\u065f\u0670\u0640]/;

// "la veille", "le lendemain", "اليوم الموالي": one day from the date told just before in the same
// sentence ("un communiqué publié jeudi 23 octobre annonce avoir mis en demeure, la veille, ..."),
// never guessed without one. "la veille de l'audience" counts from an event, not a date: skipped.
const NEIGHBOUR_DAY =
  /(?<![\p{L}])(?:(?<prev>la veille|the previous day)|(?<next>le lendemain|the next day|the following day|اليوم الموالي|اليوم التالي|في الغد))(?![\p{L}])(?!\s*(?:de |du |d'|des |of |ل|من ))/gu;

function addNeighbourDays(n: string, kept: Candidate[]): void {
  const found: Candidate[] = [];
  for (const m of n.matchAll(NEIGHBOUR_DAY)) {
    const start = m.index;
    const end = start + m[0].length;
    if (kept.some((k) => start < k.end && k.start < end)) continue;
    const anchor = kept.findLast((k) => k.end <= start && k.precision === 'day');
    if (!anchor || start - anchor.end > 200 || /[.!?؟]\s/.test(n.slice(anchor.end, start))) continue;
    const date = addDays(anchor.date, m.groups?.prev ? -1 : 1);
    found.push({ start, end, date, precision: 'day', relative: true });
  }
  kept.push(...found);
  kept.sort((a, b) => a.start - b.start);
}

// "fin mars de l'année prochaine", "نهاية شهر مارس من السنة المقبلة", "in June of last year": the
// year phrase right after a month or day without a year of its own says which year it is.
const YEAR_OF = /^\s*,?\s*(?:de|d'|du|of|من|في)?\s*$/u;

function attachRelativeYears(n: string, kept: Candidate[]): void {
  for (let i = 0; i + 1 < kept.length; i++) {
    const c = kept[i] as Candidate;
    const y = kept[i + 1] as Candidate;
    if (!c.relative || c.precision === 'year' || y.precision !== 'year' || !y.relative) continue;
    if (!YEAR_OF.test(n.slice(c.end, y.start))) continue;
    const last = new Date(Date.UTC(y.date.y, c.date.m, 0)).getUTCDate();
    kept[i] = { ...c, end: y.end, date: { ...c.date, y: y.date.y, d: Math.min(c.date.d, last) } };
    kept.splice(i + 1, 1);
  }
}

export function findDates(text: string, opts: FindDatesOptions): DateMention[] {
  const ref = parseYmd(opts.reference);
  const normalized = normalizeWithOffsets(text);
  const n = normalized.text;
  const candidates: Candidate[] = [];
  const triggered = new Map<RegExp, boolean>();
  for (const rule of RULES) {
    if (ref === null && rule.needsReference) continue;
    if (rule.trigger !== undefined) {
      let pass = triggered.get(rule.trigger);
      if (pass === undefined) {
        pass = rule.trigger.test(n);
        triggered.set(rule.trigger, pass);
      }
      if (!pass) continue;
    }
    rule.re.lastIndex = 0;
    for (const match of n.matchAll(rule.re)) {
      const span = match.indices?.groups?.s;
      if (span === undefined || match.groups === undefined) continue;
      // Trailing spaces can be swallowed by an optional group that then matched nothing.
      let [start, end] = span;
      while (end > start && /\s/.test(n[end - 1] ?? '')) end--;
      if (end <= start) continue;
      const built = rule.build(match.groups, ref);
      if (built === null) continue;
      candidates.push({ ...built, start, end });
    }
  }

  // Longest first: a full date beats the weekday or month-year inside it.
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    if (kept.some((k) => c.start < k.end && k.start < c.end)) continue;
    kept.push(c);
  }
  kept.sort((a, b) => a.start - b.start);
  attachRelativeYears(n, kept);
  addNeighbourDays(n, kept);

  return kept.map((c) => {
    const range = toOriginalRange(normalized, c.start, c.end);
    let end = range.end;
    // Keep harakat written on the last letter inside the span, but nothing after a space.
    while (end < text.length && TRAILING_MARK.test(text[end] ?? '')) end++;
    const mention: DateMention = {
      start: range.start,
      end,
      text: text.slice(range.start, end),
      date: formatYmd(c.date),
      precision: c.precision,
      relative: c.relative,
    };
    if (c.time !== undefined) mention.time = c.time;
    return mention;
  });
}
