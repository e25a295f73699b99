// Cleaning of text the crawler already pulled out of a PDF (CNDP deliberations, communiqués).
// PDF text arrives as visual lines: paragraphs are broken at every line end, words are hyphenated
// across lines, and each page repeats its running header, footer and page number.
import type { Extracted } from '../types.ts';
import { findPrintedDates } from './dates.ts';

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
  const title = headingOf(paragraphs);
  const dated = findPrintedDates(body.slice(0, 3000)).find((d) => d.kind !== 'updated');
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

// A public body's letterhead: the kingdom, the body's name, its services, addresses and
// references. Short lines at the head of the first page; the document's own heading comes after.
const KINGDOM = /^(?:royaumedumaroc|kingdomofmorocco|المملكةالمغربية)$/;
const INSTITUTION =
  /^(?:commission|conseil|minist[eè]re|direction|autorit[eé]|agence|secr[eé]tariat|cabinet|pr[eé]sidence|le pr[eé]sident|national commission|اللجنة|المجلس|وزارة|المديرية|الهيئة|الوكالة|الكتابة|رئاسة|الرئيس)(?=[\s,:]|$)/iu;
const REFERENCE = /^(?:n[°o]\s|r[eé]f|t[eé]l|fax|e-?mail|www\.|https?:|b\.?p\.?\s|رقم|الهاتف|الفاكس|ص\.?ب)/iu;
// The genre alone ("Communiqué", "بلاغ صحفي"): a heading the subject line under it completes.
const GENRE =
  /^(?:communiqu[eé](?:\s+de\s+presse)?|press\s+release|note\s+d['’]information|avis|بلاغ(?:\s+صحفي)?|بيان|إعلان)\s*[:.]?$/iu;
const LETTERHEAD_LINES = 6;

/** Whether a paragraph is letterhead; the kingdom's name may open it, run together with what follows. */
function isLetterhead(paragraph: string): boolean {
  const rest = afterKingdom(paragraph);
  if (rest === '') return true;
  if (REFERENCE.test(rest)) return true;
  // A date line ("Rabat, le 12 mars 2021", "الرباط في 3 مارس 2024") dates the page, it does not title it.
  if (findPrintedDates(rest).length > 0 && rest.length < 60) return true;
  return INSTITUTION.test(rest) && rest.length <= 120 && !/[.!?؟]$/.test(rest);
}

/** The paragraph without a leading "Royaume du Maroc" (however the text layer spaced its letters). */
function afterKingdom(paragraph: string): string {
  const words = paragraph.split(/\s+/);
  let letters = '';
  for (let n = 1; n <= Math.min(words.length, 6); n++) {
    letters += (words[n - 1] ?? '').toLowerCase().replace(/[^\p{L}]/gu, '');
    if (KINGDOM.test(letters)) return words.slice(n).join(' ');
  }
  return paragraph;
}

/**
 * The document's own heading: the first substantial paragraph once the letterhead is passed. A
 * bare genre heading ("Communiqué", "بلاغ") is completed by what follows it: the subject line, or
 * the first sentence of the text when the communiqué has no subject line.
 */
function headingOf(paragraphs: string[]): string | null {
  const meaningful = paragraphs.filter((p) => (p.match(/\p{L}/gu)?.length ?? 0) >= 4);
  let i = 0;
  while (i < Math.min(meaningful.length, LETTERHEAD_LINES) && isLetterhead(meaningful[i] as string)) i++;
  if (i === meaningful.length) i = 0;
  const heading = meaningful[i];
  if (heading === undefined) return null;
  const next = meaningful[i + 1];
  if (GENRE.test(heading) && next) return `${heading.replace(/\s*[:.]$/, '')} : ${shortened(next)}`;
  return shortened(heading);
}

const MAX_TITLE = 160;

/** A heading as it stands, or a paragraph's first sentence cut at a word near `MAX_TITLE`. */
function shortened(paragraph: string): string {
  const sentence = paragraph.match(/^.+?[.!?؟](?=\s|$)/u)?.[0] ?? paragraph;
  if (sentence.length <= MAX_TITLE) return sentence.replace(/\.$/, '');
  const cut = sentence.slice(0, MAX_TITLE);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_TITLE / 2))}…`;
}
