// Dates from metadata strings: <meta> tags, JSON-LD, feed items, sitemap <lastmod>, bylines.
// ISO, RFC 2822 and `Date#toString` forms keep their time and offset; anything else goes through
// `findDates` and yields the first full (day-precision) date of the string.
import { formatYmd, isValidYmd } from './calendar.ts';
import { findDates } from './find-dates.ts';
import { MONTHS_ENGLISH } from './vocabulary.ts';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|GMT|UTC|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// RFC 2822 as RSS writes it: "Tue, 10 Jan 2023 15:37:00 +0100" (zone names read as offsets below).
const RFC2822 =
  /^(?:[a-z]{3,9},?\s*)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(gmt|ut|utc|z|[+-]\d{4}|[a-z]{3})?$/i;

// JavaScript's `Date#toString`, which some sites print into <meta> and JSON-LD:
// "Tue Nov 19 2019 05:44:06 GMT+0000 (Coordinated Universal Time)".
const JS_DATE =
  /^(?:[a-z]{3},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:(?:gmt|utc)\s*([+-]\d{2}:?\d{2})|([+-]\d{2}:?\d{2}|gmt|utc|z))?(?:\s*\([^)]*\))?$/i;

const ZONES: Record<string, string> = {
  gmt: 'Z',
  ut: 'Z',
  utc: 'Z',
  z: 'Z',
  est: '-05:00',
  edt: '-04:00',
  cet: '+01:00',
  cest: '+02:00',
};

function pad(n: string | number): string {
  return String(n).padStart(2, '0');
}

function zone(raw: string | undefined): string {
  if (raw === undefined) return '';
  const named = ZONES[raw.toLowerCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(raw);
  if (!m) return '';
  return m[2] === '00' && (m[3] ?? '00') === '00' ? 'Z' : `${m[1]}${m[2]}:${m[3] ?? '00'}`;
}

function combine(y: number, m: number, d: number, hh?: string, mm?: string, ss?: string, tz?: string): string | null {
  if (!isValidYmd(y, m, d)) return null;
  const date = formatYmd({ y, m, d });
  if (hh === undefined || mm === undefined) return date;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 60) return date;
  return `${date}T${pad(hh)}:${mm}:${ss ?? '00'}${zone(tz)}`;
}

/**
 * An ISO date (`YYYY-MM-DD`) or datetime (`YYYY-MM-DDTHH:MM:SS`, with its offset when the source
 * gave one) for a metadata string; null when the string holds no full date.
 */
export function parseDateString(s: string, opts?: { reference?: string | null }): string | null {
  const value = s.trim();
  if (value === '') return null;
  const iso = ISO.exec(value);
  if (iso) return combine(Number(iso[1]), Number(iso[2]), Number(iso[3]), iso[4], iso[5], iso[6], iso[7]);
  const rfc = RFC2822.exec(value);
  if (rfc) {
    const month = MONTHS_ENGLISH[(rfc[2] ?? '').toLowerCase()];
    if (month !== undefined) return combine(Number(rfc[3]), month, Number(rfc[1]), rfc[4], rfc[5], rfc[6], rfc[7]);
  }
  const js = JS_DATE.exec(value);
  if (js) {
    const month = MONTHS_ENGLISH[(js[1] ?? '').toLowerCase()];
    if (month !== undefined) return combine(Number(js[3]), month, Number(js[2]), js[4], js[5], js[6], js[7] ?? js[8]);
  }
  // Unix timestamps (seconds or milliseconds) appear in some JSON APIs.
  if (/^\d{10}$|^\d{13}$/.test(value)) {
    const ms = value.length === 10 ? Number(value) * 1000 : Number(value);
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  const mentions = findDates(value, { reference: opts?.reference ?? null });
  const found =
    mentions.find((m) => m.precision === 'day' && !m.relative) ?? mentions.find((m) => m.precision === 'day');
  if (found === undefined) return null;
  return found.time === undefined ? found.date : `${found.date}T${found.time}:00`;
}
