// Civil-date arithmetic on plain year/month/day triples. Dates here are calendar days, not instants:
// working in UTC avoids the host time zone shifting a day across midnight.

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
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

function toTime({ y, m, d }: Ymd): number {
  return Date.UTC(y, m - 1, d);
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
