// The extractor's view of dates: which absolute dates a page prints ("Le 10/01/2023 à 10h13",
// "23.12.2022 à 23 H 18 • Mis à jour le 26.12.2022 à 01 H 40", "تم النشر بتاريخ 22 مارس 2025 على
// الساعة 17:51") and whether a cue word marks each as the publication or the update. Recognition
// is `pipeline/dates`; this file only adds the cue classification and the output shape. Printed
// dates carry no time zone, so they are returned as local ISO 8601 (`2023-01-10T10:13:00`, or
// `2023-01-10` without a time) rather than guessing an offset; metadata dates keep the offset they
// declare (`parseDateString`).
import { findDates, parseDateString } from '../dates/index.ts';
import { toLatinDigits } from '../normalize.ts';

export type DateKind = 'published' | 'updated' | 'unknown';

export interface FoundDate {
  iso: string;
  /** Offset and length of the match in the text as given. */
  index: number;
  length: number;
  kind: DateKind;
}

/** Kept for callers that compare digits across scripts; the one implementation is `toLatinDigits`. */
export const normalizeDigits = toLatinDigits;

// Every absolute day-precision date has digits (at least its year): most text nodes are skipped
// without running the date rules.
const HAS_DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9]/;

// A page's own date is a web-era date; older ones in a page or PDF are the law or dahir it cites
// ("dahir du 15 novembre 1958"), never its publication.
const EARLIEST = '1990';

const MACHINE_STAMP = /^\d{4}-\d{2}-\d{2}[T ]/i;

const UPDATED_CUE =
  /(?:mis à jour|mise à jour|màj|modifié|actualisé|updated|update|last modified|تم التحديث|آخر تحديث|تحديث)\s*(?:le|on|:|في|بتاريخ)?\s*$/i;
const PUBLISHED_CUE = /(?:publié|paru|posted|published|تم النشر|نشر|بتاريخ)\s*(?:le|on|:|في|بتاريخ)?\s*$/i;

function kindBefore(text: string, index: number): DateKind {
  const before = text.slice(Math.max(0, index - 30), index).replace(/\s+/g, ' ');
  if (UPDATED_CUE.test(before)) return 'updated';
  if (PUBLISHED_CUE.test(before)) return 'published';
  return 'unknown';
}

/** Every absolute date written in `text` (day precision), in reading order, each tagged by the cue word before it. */
export function findPrintedDates(text: string): FoundDate[] {
  if (!HAS_DIGIT.test(text)) return [];
  const found: FoundDate[] = [];
  for (const m of findDates(text, { reference: null })) {
    if (m.precision !== 'day' || m.relative || m.date < EARLIEST) continue;
    // A machine timestamp printed in the page ("2019-11-19T08:57:40+01:00") keeps its seconds
    // and declared offset, as it would in metadata.
    const stamp = m.time !== undefined && MACHINE_STAMP.test(m.text) ? parseDateString(m.text) : null;
    found.push({
      iso: stamp ?? (m.time === undefined ? m.date : `${m.date}T${m.time}:00`),
      index: m.start,
      length: m.end - m.start,
      kind: kindBefore(text, m.start),
    });
  }
  return found;
}

/**
 * A machine date from metadata (ISO 8601, RFC 2822, a Unix timestamp or a printed date). Returns
 * ISO 8601, keeping the declared offset; null when nothing date-like is found.
 */
export function parseMetaDate(value: string | null | undefined): string | null {
  return value ? parseDateString(value) : null;
}

/** The publication and update dates of a short date line, publication preferred for the first. */
export function datesFromLine(line: string): { published: string | null; updated: string | null } {
  const found = findPrintedDates(line);
  const updated = found.find((d) => d.kind === 'updated')?.iso ?? null;
  const published = (found.find((d) => d.kind === 'published') ?? found.find((d) => d.kind !== 'updated'))?.iso ?? null;
  return { published, updated };
}
