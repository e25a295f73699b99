// The regex pieces the date rules are built from. They run on `normalizeForMatch` output
// (lowercase, unaccented, Arabic letters unified, Latin digits), so the vocabulary is written folded.
import {
  alternation,
  DAY_ORDINALS_ARABIC,
  DIRECTION_WORDS,
  MONTHS_ARABIC,
  MONTHS_ENGLISH,
  MONTHS_LATIN,
  NUMBER_WORDS_ARABIC,
  NUMBER_WORDS_FRENCH,
  UNITS,
  WEEKDAYS_ARABIC,
  WEEKDAYS_LATIN,
} from './vocabulary.ts';

// A word boundary, plus the one place where scraped Arabic pages glue words together: an Arabic
// letter directly before a digit ("خاص3 سبتمبر 2021" is a byline then a date).
export const L = '(?<![\\p{N}])(?:(?<![\\p{L}])|(?<=\\p{Script=Arabic})(?=\\d))';
export const R = '(?![\\p{L}\\p{N}])';
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
export const MONTH_LATIN = monthPattern(MONTHS_LATIN);
export const MONTH_EN = monthPattern(MONTHS_ENGLISH);
export const MONTH_AR = `(?:${alternation(MONTHS_ARABIC)})${NOT_LETTER}`;
// "ديسمبر/كانون الأول", "كانون الأول (ديسمبر)": the second name only repeats the first.
export const MONTH_AR_ALT = `(?:\\s*[/(]\\s*(?:${alternation(MONTHS_ARABIC)})\\s*\\)?)?`;
export const WD_LATIN = `(?:${alternation(WEEKDAYS_LATIN)})`;
export const WD_AR = `(?:${alternation(WEEKDAYS_ARABIC)})`;
export const DIR = `(?:${alternation(DIRECTION_WORDS)})`;
export const PROCLITIC = '[وبلف]?';
// A time after the date: "à 10h13", "à 23 H 18", "- 10:19", "| 9:32pm", ", 9:02 AM", "at 11:08 a.m.",
// "à 10h13min", "على الساعة 17:51"; a separator and a preposition may both appear ("- à 05h00").
export const TIME =
  '(?:\\s*(?:[,|•-]\\s*)?(?:(?:a|vers|des|at|علي\\s+الساعه|في\\s+الساعه|الساعه|في)\\s*)?(?<hh>\\d{1,2})\\s*(?:h|:)\\s*(?<mm>\\d{2})?(?:\\s*(?<ap>[ap])\\.?m\\.?(?![\\p{L}])|(?:\\s*mi?n)?(?![\\p{L}\\p{N}])))?';
// Legal style repeats the number in digits: "trois (3) mois", "ثلاثة (3) أشهر".
const NUM_REPEAT = '(?:\\s*\\(\\s*\\d{1,4}\\s*\\))?';
export const NUM_FR = `(?:\\d{1,4}|(?:${alternation(NUMBER_WORDS_FRENCH)})(?:[-\\s]+(?:et[-\\s]+)?(?:${alternation(NUMBER_WORDS_FRENCH)}))*)${NOT_LETTER}${NUM_REPEAT}`;
const AR_NUMBER_WORD = `(?:${alternation(NUMBER_WORDS_ARABIC)})${NOT_LETTER}`;
export const NUM_AR = `(?:\\d{1,4}|${AR_NUMBER_WORD}(?:\\s+و?${AR_NUMBER_WORD})*)${NUM_REPEAT}`;
export const UNIT = `(?:${alternation(UNITS)})${NOT_LETTER}`;
// An ordinal day is only a date when a month follows ("العاشر من يوليو"), which the rule requires.
export const AR_DAY_ORDINAL = `(?:${alternation(DAY_ORDINALS_ARABIC)})${NOT_LETTER}`;
export const YEAR = '(?<year>(?:19|20)\\d{2})(?!\\d)';

// Cheap pre-tests shared by several rules: most text has digits but no month name.
export const HAS_LATIN_MONTH = new RegExp(alternation(MONTHS_LATIN, MONTHS_ENGLISH));
export const HAS_ARABIC_MONTH = new RegExp(alternation(MONTHS_ARABIC));
export const HAS_YEAR = /(?:19|20)\d{2}/;

export function rx(source: string): RegExp {
  return new RegExp(source, 'gud');
}

// Edge words before a month or year: "fin mars", "mi-juillet", "نهاية شهر مارس".
export const EDGE_LATIN = '(?:a\\s+la\\s+fin|au\\s+debut|debut|fin|mi|early|late|end)';
export const EDGE_AR = `(?:${alternation({ بدايه: 0, مطلع: 0, اوايل: 0, منتصف: 0, اواسط: 0, نهايه: 0, اواخر: 0, متم: 0 })})`;
