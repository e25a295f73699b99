// What every entity finder shares about one document: the normalized text with its offset map,
// sentence boundaries, the dates found once, and a helper that turns a normalized match into a Span.
import { type DateMention, findDates } from '../dates/index.ts';
import { type NormalizedText, normalizeWithOffsets } from '../normalize.ts';
import type { Lang, Span } from '../types.ts';

/**
 * The dates stage's own mention type. The alias only keeps the name events.ts imports; new code
 * says DateMention.
 */
export type FoundDate = DateMention;

export interface DocContext {
  text: string;
  /** Normalized title (lowercase, folded), for context checks only: offsets point into `text`. */
  title: string;
  /** The title as written: capitals and quotes tell names apart (`salient-names.ts`). */
  rawTitle: string;
  language: Lang;
  publishedAt: string | null;
  norm: NormalizedText;
  /** Sentence ranges in original offsets, in order. */
  sentences: Array<{ start: number; end: number }>;
  dates: DateMention[];
}

// A sentence ends at . ! ? ؟ … followed by space and not part of an abbreviation or a number
// ("M.", "n°", "art.", "09.08"), or at a line break.
const ABBREVIATIONS = new Set([
  'm',
  'mme',
  'mlle',
  'me',
  'dr',
  'pr',
  'art',
  'n',
  'no',
  'st',
  'cf',
  'etc',
  'p',
  'av',
  'j.-c',
  'ste',
]);

function splitSentences(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let start = 0;
  const re = /[.!?؟…]+(?=\s)|\n+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0][0] !== '\n' && m[0] === '.') {
      const before = /([\p{L}.-]+)$/u.exec(text.slice(Math.max(0, m.index - 12), m.index));
      const word = before?.[1]?.toLowerCase() ?? '';
      if (ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(before?.[1] ?? '')) continue;
    }
    const end = m.index + m[0].length;
    if (text.slice(start, end).trim()) out.push({ start, end });
    start = end;
  }
  if (text.slice(start).trim()) out.push({ start, end: text.length });
  return out;
}

export function createContext(input: {
  text: string;
  title: string | null;
  language: Lang;
  publishedAt: string | null;
}): DocContext {
  const publishedAt = input.publishedAt ? input.publishedAt.slice(0, 10) : null;
  let dates: DateMention[] = [];
  try {
    dates = findDates(input.text, { reference: publishedAt });
  } catch {
    // A date finder failure must not lose the other entities of the document.
    dates = [];
  }
  return {
    text: input.text,
    title: normalizeWithOffsets(input.title ?? '').text,
    rawTitle: input.title ?? '',
    language: input.language,
    publishedAt,
    norm: normalizeWithOffsets(input.text),
    sentences: splitSentences(input.text),
    dates,
  };
}

/** Index of the sentence containing original offset `pos` (binary search). */
export function sentenceIndexAt(ctx: DocContext, pos: number): number {
  let lo = 0;
  let hi = ctx.sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((ctx.sentences[mid]?.start ?? 0) <= pos) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

export function sentenceAt(ctx: DocContext, pos: number): { start: number; end: number } {
  return ctx.sentences[sentenceIndexAt(ctx, pos)] ?? { start: 0, end: ctx.text.length };
}

/** A Span from original offsets. */
export function spanOf(ctx: DocContext, start: number, end: number, confidence: number): Span {
  const s = sentenceAt(ctx, start);
  return {
    start,
    end,
    text: ctx.text.slice(start, end),
    sentence: ctx.text.slice(s.start, s.end).trim(),
    confidence,
  };
}

/** Original offset of a normalized index. */
export function origIndex(ctx: DocContext, nIndex: number): number {
  return ctx.norm.map[nIndex] ?? ctx.text.length;
}

/** Normalized index of an original offset (first normalized char at or after it). */
export function normIndex(ctx: DocContext, origPos: number): number {
  const map = ctx.norm.map;
  let lo = 0;
  let hi = map.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((map[mid] ?? 0) < origPos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Stable readable id part from a name: normalized, letters and digits joined by dashes. */
export function slugOf(name: string): string {
  return normalizeWithOffsets(name)
    .text.replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
