// Turning what a date rule matched into a calendar day: year-less days and months placed next to
// the reference date, weekdays resolved within its week, durations counted from it, month edges
// ("fin mars") and day-first numeric dates. The arithmetic itself is `calendar.ts`.
import { addDays, addMonths, daysInMonth, diffDays, isValidYmd, weekdayOf, type Ymd } from './calendar.ts';
import {
  DAY_ORDINALS_ARABIC,
  DIRECTION_WORDS,
  type Direction,
  type DurationUnit,
  parseNumberWords,
  UNITS,
  WEEKDAYS_ARABIC,
  WEEKDAYS_LATIN,
} from './vocabulary.ts';

export interface Candidate {
  start: number;
  end: number;
  date: Ymd;
  precision: 'day' | 'month' | 'year';
  relative: boolean;
  time?: string;
}

export type Groups = Record<string, string | undefined>;

export function direction(word: string | undefined): Direction | null {
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

export function ymd(y: number, m: number, d: number): Ymd | null {
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

export type WeekdayMode = Direction | 'this' | 'bare';

export function resolveWeekday(target: number, mode: WeekdayMode, ref: Ymd): Ymd {
  const current = weekdayOf(ref);
  const forward = (target - current + 7) % 7;
  if (mode === 'past') return addDays(ref, -((current - target + 7) % 7 || 7));
  if (mode === 'future') return addDays(ref, forward || 7);
  // "ce lundi" sits in the current week, either side; a bare "lundi" in news copy mostly reports
  // what happened, so the window leans to the past (four days back, two ahead).
  const maxAhead = mode === 'bare' ? 2 : 3;
  return addDays(ref, forward > maxAhead ? forward - 7 : forward);
}

export function applyDuration(ref: Ymd, n: number, unit: DurationUnit): Ymd {
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

export function edgeOf(word: string | undefined): Edge | null {
  if (word === undefined) return null;
  return EDGE_WORDS[word.replace(/\s+/g, ' ')] ?? null;
}

export function monthDate(
  y: number | null,
  m: number,
  edge: Edge | null,
  dir: Direction | null,
  ref: Ymd | null,
): Ymd | null {
  const day: number | 'last' = edge === 'end' ? 'last' : edge === 'mid' ? 15 : 1;
  if (y !== null) return ymd(y, m, day === 'last' ? daysInMonth(y, m) : day);
  if (ref === null) return null;
  return resolveYearless(m, day, dir, ref);
}

export function monthNumber(table: Record<string, number>, word: string | undefined): number | null {
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

export function dayMonth(
  g: Groups,
  table: Record<string, number>,
  ref: Ymd | null,
): Omit<Candidate, 'start' | 'end'> | null {
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

export function numericDate(y: number, m: number, d: number, g: Groups): Omit<Candidate, 'start' | 'end'> | null {
  // Day-first is the French and Arabic order; a "month" above 12 only fits the US order.
  const date = ymd(y, m, d) ?? (m > 12 ? ymd(y, d, m) : null);
  return date && { date, precision: 'day', relative: false, time: time(g) };
}

export function durationCandidate(
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
