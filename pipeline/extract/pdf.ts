// Cleaning of text the crawler already pulled out of a PDF (CNDP deliberations, communiqués).
// PDF text arrives as visual lines: paragraphs are broken at every line end, words are hyphenated
// across lines, and each page repeats its running header, footer and page number.
import type { Extracted } from '../types.ts';
import { findDates } from './dates.ts';

const PAGE_NUMBER = /^(?:[-–—\s]*)(?:page|p\.|صفحة|الصفحة)?\s*\d{1,4}\s*(?:(?:\/|sur|of|من)\s*\d{1,4})?(?:[-–—\s]*)$/i;
const ENDS_SENTENCE = /[.!?؟:;»"”)]$/;
const STARTS_ITEM = /^(?:[-–—•▪●*]|\d{1,3}[.)-]\s|[a-z][.)]\s|[IVX]{1,5}[.)-]\s|article\s+\d|المادة)/i;

export function extractPdfText(text: string, url: string): Extracted {
  void url;
  const pages = text
    .replace(/\r\n?/g, '\n')
    .split('\f')
    .map((p) => p.split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim()));
  const repeated = repeatedLines(pages);

  const lines: string[] = [];
  for (const page of pages) {
    for (const line of page) {
      if (PAGE_NUMBER.test(line)) continue;
      if (line && repeated.has(shape(line))) continue;
      lines.push(line);
    }
    // A page break ends a line but not necessarily a paragraph; let the joiner decide.
  }

  const paragraphs = joinLines(lines);
  const body = paragraphs.join('\n\n');
  const title = paragraphs.length > 0 ? firstMeaningfulLine(lines) : null;
  const dated = findDates(body.slice(0, 3000)).find((d) => d.kind !== 'updated');
  return {
    title,
    text: body,
    publishedAt: dated?.iso ?? null,
    updatedAt: null,
    author: null,
    canonicalUrl: null,
    declaredLanguage: null,
    rejected: body.length < 40 ? { reason: 'empty' } : null,
  };
}

/** Digits blurred so "Page 3 / 12" headers on every page compare equal. */
function shape(line: string): string {
  return line.toLowerCase().replace(/\d+/g, '#');
}

/** Lines among the first/last three of a page that recur on at least half the pages (min. 2). */
function repeatedLines(pages: string[][]): Set<string> {
  const out = new Set<string>();
  if (pages.length < 2) return out;
  const counts = new Map<string, number>();
  for (const page of pages) {
    const lines = page.filter(Boolean);
    const edges = new Set([...lines.slice(0, 3), ...lines.slice(-3)].map(shape));
    for (const e of edges) counts.set(e, (counts.get(e) ?? 0) + 1);
  }
  const need = Math.max(2, Math.ceil(pages.length / 2));
  for (const [k, n] of counts) if (n >= need && k.length > 0) out.add(k);
  return out;
}

function joinLines(lines: string[]): string[] {
  const widths = lines.filter(Boolean).map((l) => l.length);
  widths.sort((a, b) => a - b);
  // The typical full-line width: a line much shorter than that ended its paragraph.
  const typical = widths[Math.floor(widths.length * 0.8)] ?? 0;
  const paragraphs: string[] = [];
  let buf = '';
  let prev = '';
  const flush = () => {
    const t = buf.replace(/\s+/g, ' ').trim();
    if (t) paragraphs.push(t);
    buf = '';
  };
  for (const line of lines) {
    if (!line) {
      flush();
      prev = '';
      continue;
    }
    if (buf) {
      const shortPrev = prev.length < typical * 0.7;
      const breakHere =
        STARTS_ITEM.test(line) || (ENDS_SENTENCE.test(prev) && shortPrev) || (shortPrev && /^\p{Lu}/u.test(line));
      if (breakHere) flush();
    }
    if (buf && /\p{Ll}-$/u.test(buf) && /^\p{Ll}/u.test(line)) buf = buf.slice(0, -1) + line;
    else buf = buf ? `${buf} ${line}` : line;
    prev = line;
  }
  flush();
  return paragraphs;
}

function firstMeaningfulLine(lines: string[]): string | null {
  for (const line of lines) {
    const letters = line.match(/\p{L}/gu)?.length ?? 0;
    if (letters >= 8 && line.split(/\s+/).length >= 2) return line;
  }
  return null;
}
