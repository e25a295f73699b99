// A small parser for the date lines news pages print next to an article ("Le 10/01/2023 à 10h13",
// "23.12.2022 à 23 H 18 • Mis à jour le 26.12.2022 à 01 H 40", "تم النشر بتاريخ 22 مارس 2025 على الساعة
// 17:51", "الرباط في 23 أكتوبر2019") and for machine dates in metadata. Printed dates carry no time
// zone, so they are returned as local ISO 8601 (`2023-01-10T10:13:00`, or `2023-01-10` without a
// time) rather than guessing an offset; metadata dates keep the offset they declare.

export type DateKind = 'published' | 'updated' | 'unknown';

export interface FoundDate {
  iso: string;
  /** Offset and length of the match in the text (digit normalization keeps offsets). */
  index: number;
  length: number;
  kind: DateKind;
}

const MONTHS: Record<string, number> = {
  // French (with and without accents, common abbreviations)
  janvier: 1,
  janv: 1,
  février: 2,
  fevrier: 2,
  févr: 2,
  fevr: 2,
  mars: 3,
  avril: 4,
  avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7,
  juil: 7,
  août: 8,
  aout: 8,
  septembre: 9,
  sept: 9,
  octobre: 10,
  novembre: 11,
  décembre: 12,
  decembre: 12,
  déc: 12,
  // English
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
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
  // Arabic, Moroccan usage (French-derived names)
  يناير: 1,
  فبراير: 2,
  مارس: 3,
  أبريل: 4,
  ابريل: 4,
  إبريل: 4,
  ماي: 5,
  يونيو: 6,
  يوليوز: 7,
  غشت: 8,
  شتنبر: 9,
  أكتوبر: 10,
  اكتوبر: 10,
  نونبر: 11,
  دجنبر: 12,
  // Arabic, Mashreq usage
  مايو: 5,
  يوليو: 7,
  أغسطس: 8,
  اغسطس: 8,
  سبتمبر: 9,
  نوفمبر: 11,
  ديسمبر: 12,
};

// Longest names first so "juillet" wins over "juil" and "يوليوز" over "يوليو".
const MONTH_ALT = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');

const TIME = String.raw`(?:\s*(?:à|a|at|-|–|,|\||•|على الساعة|الساعة|في)?\s*(?:à|at|الساعة)?\s*(\d{1,2})\s*(?:h|H|:)\s*(\d{2})(?:\s*([aApP])\.?[mM]\.?)?)?`;
const NUMERIC = new RegExp(String.raw`(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)` + TIME, 'g');
const ISO = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?/g;
const DAY_MONTH_YEAR = new RegExp(
  String.raw`(?<!\d)(\d{1,2})(?:er|e)?\s*(${MONTH_ALT})\.?\s*,?\s*(\d{4})(?!\d)` + TIME,
  'giu',
);
const MONTH_DAY_YEAR = new RegExp(String.raw`\b(${MONTH_ALT})\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)` + TIME, 'giu');

const UPDATED_CUE =
  /(?:mis à jour|mise à jour|màj|modifié|actualisé|updated|update|last modified|تم التحديث|آخر تحديث|تحديث)\s*(?:le|on|:|في|بتاريخ)?\s*$/i;
const PUBLISHED_CUE = /(?:publié|paru|posted|published|تم النشر|نشر|بتاريخ)\s*(?:le|on|:|في|بتاريخ)?\s*$/i;

/** Replaces Arabic-Indic and Persian digits by ASCII ones (same string length). */
export function normalizeDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= 0x6f0 ? c - 0x6f0 : c - 0x660);
  });
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function build(y: number, mo: number, d: number, h?: string, mi?: string, ampm?: string): string | null {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCDate() !== d) return null;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (h === undefined || mi === undefined) return date;
  let hour = Number(h);
  const minute = Number(mi);
  if (ampm) {
    const pm = ampm.toLowerCase() === 'p';
    if (hour === 12) hour = pm ? 12 : 0;
    else if (pm) hour += 12;
  }
  if (hour > 23 || minute > 59) return date;
  return `${date}T${pad(hour)}:${pad(minute)}:00`;
}

function kindBefore(text: string, index: number): DateKind {
  const before = text.slice(Math.max(0, index - 30), index).replace(/\s+/g, ' ');
  if (UPDATED_CUE.test(before)) return 'updated';
  if (PUBLISHED_CUE.test(before)) return 'published';
  return 'unknown';
}

/** Every date written in `text`, in reading order, each tagged by the cue word before it. */
export function findDates(input: string): FoundDate[] {
  const text = normalizeDigits(input);
  const found: FoundDate[] = [];
  const taken: Array<[number, number]> = [];
  const add = (index: number, length: number, iso: string | null) => {
    if (!iso) return;
    if (taken.some(([s, e]) => index < e && index + length > s)) return;
    taken.push([index, index + length]);
    found.push({ iso, index, length, kind: kindBefore(text, index) });
  };
  for (const m of text.matchAll(ISO)) {
    const iso = m[4] === undefined ? build(+m[1]!, +m[2]!, +m[3]!) : isoFromMatch(m);
    add(m.index, m[0].length, iso);
  }
  for (const m of text.matchAll(NUMERIC)) add(m.index, m[0].length, build(+m[3]!, +m[2]!, +m[1]!, m[4], m[5], m[6]));
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    const mo = MONTHS[m[2]!.toLowerCase()];
    if (mo) add(m.index, m[0].length, build(+m[3]!, mo, +m[1]!, m[4], m[5], m[6]));
  }
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    const mo = MONTHS[m[1]!.toLowerCase()];
    if (mo) add(m.index, m[0].length, build(+m[3]!, mo, +m[2]!, m[4], m[5], m[6]));
  }
  return found.sort((a, b) => a.index - b.index);
}

function isoFromMatch(m: RegExpMatchArray): string | null {
  const base = build(+m[1]!, +m[2]!, +m[3]!, m[4], m[5]);
  if (!base || base.length === 10) return base;
  const withSeconds = m[6] ? `${base.slice(0, 17)}${m[6]}` : base;
  const zone = m[7];
  if (!zone) return withSeconds;
  return withSeconds + (zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`);
}

/**
 * A machine date from metadata (ISO 8601, RFC 2822, or a printed date). Returns ISO 8601, keeping
 * the declared offset; null when nothing date-like is found.
 */
export function parseMetaDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (!v) return null;
  // RFC 2822 and other forms JavaScript understands ("Tue, 19 Nov 2019 08:57:40 GMT").
  if (/^[a-z]{3},?\s+\d{1,2}\s+[a-z]{3}\s+\d{4}/i.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return new Date(t).toISOString();
  }
  const first = findDates(v)[0];
  if (first) return first.iso;
  // Unix timestamps (seconds or milliseconds) appear in some JSON-LD.
  if (/^\d{10}(\d{3})?$/.test(v)) {
    const n = Number(v);
    return new Date(v.length === 10 ? n * 1000 : n).toISOString();
  }
  return null;
}

/** The publication and update dates of a short date line, publication preferred for the first. */
export function datesFromLine(line: string): { published: string | null; updated: string | null } {
  const found = findDates(line);
  const updated = found.find((d) => d.kind === 'updated')?.iso ?? null;
  const published = (found.find((d) => d.kind === 'published') ?? found.find((d) => d.kind !== 'updated'))?.iso ?? null;
  return { published, updated };
}
