// Civil-date arithmetic on plain year/month/day triples, and on the ISO days (`YYYY-MM-DD`) the
// store and the API carry. Dates here are calendar days, not instants: working in UTC avoids the
// host time zone shifting a day across midnight. Every module that adds days or months to a day, or
// counts days between two, goes through here.
import { AppError } from '../errors.ts';

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(toTime({ y, m: m + 1, d: 0 })).getUTCDate();
}

/** A day that exists in the proleptic Gregorian calendar (30 February does not), any year. */
export function isCalendarDay(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** A day that exists and lies in the years news and law texts date things in. */
export function isValidYmd(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2100 && isCalendarDay(y, m, d);
}

export function formatYmd({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Reads the leading `YYYY-MM-DD` of an ISO date or datetime; null when absent or impossible. */
export function parseYmd(iso: string | null | undefined): Ymd | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return isValidYmd(y, mo, d) ? { y, m: mo, d } : null;
}

function fromTime(t: number): Ymd {
  const date = new Date(t);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

// `Date.UTC` reads years 0–99 as 1900–1999; `setUTCFullYear` takes the year as written.
function toTime({ y, m, d }: Ymd): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
}

export function addDays(date: Ymd, days: number): Ymd {
  return fromTime(toTime(date) + days * 86_400_000);
}

/** Month arithmetic clamps the day: 31 January + 1 month is 28/29 February, as deadlines are read. */
export function addMonths(date: Ymd, months: number): Ymd {
  const index = date.y * 12 + (date.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return { y, m, d: Math.min(date.d, daysInMonth(y, m)) };
}

/** 0 = Sunday ... 6 = Saturday, as `Date#getUTCDay`. */
export function weekdayOf(date: Ymd): number {
  return new Date(toTime(date)).getUTCDay();
}

export function diffDays(a: Ymd, b: Ymd): number {
  return Math.round((toTime(a) - toTime(b)) / 86_400_000);
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/**
 * The fields of the leading `YYYY-MM-DD` of an ISO date or datetime, any year (unlike `parseYmd`,
 * which keeps to the years texts are dated in). Throws on text that does not start with a day: the
 * callers hold days the pipeline or the store produced.
 */
function ymdOfIso(iso: string): Ymd {
  const m = ISO_DAY.exec(iso);
  if (!m) throw new AppError('INTERNAL', `not an ISO day: ${JSON.stringify(iso)}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** `addDays` on an ISO day: `2024-02-28` + 2 → `2024-03-01`. */
export function addDaysToIso(iso: string, days: number): string {
  return formatYmd(addDays(ymdOfIso(iso), days));
}

/** `addMonths` on an ISO day, clamping the day as `addMonths` does. */
export function addMonthsToIso(iso: string, months: number): string {
  return formatYmd(addMonths(ymdOfIso(iso), months));
}

/** Whole days from ISO day `b` to ISO day `a` (negative when `a` is earlier). */
export function daysBetweenIso(a: string, b: string): number {
  return diffDays(ymdOfIso(a), ymdOfIso(b));
}
