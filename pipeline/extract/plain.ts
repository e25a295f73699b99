// Main content of a web page that arrives as plain text (`raqib ingest` lines with `text`, pages
// copied from a browser, text/plain responses). Such text keeps the page's chrome as lines: menus
// and paywall prompts above the article, a date line, and below it comment prompts, "previous /
// next article" links and a list of related headlines, each with its teaser — teasers of *other*
// enforcement stories, which would otherwise lend their entities to this document.
//
// Lines are scored the way body-text extraction scores tokens (Finn et al., "BTE"): prose counts
// for its length, chrome against it, and the article is the contiguous run of lines with the
// highest total. A related-articles heading or a comment form ends the article outright.
import type { Extracted } from '../types.ts';
import { isChromeLine, isDateLine, startsRelatedBlock } from './chrome.ts';
import { findPrintedDates } from './dates.ts';

type Kind = 'prose' | 'heading' | 'short' | 'bullet' | 'teaser' | 'date' | 'chrome';

const BULLET = /^[•·▪►●◦*–—-]\s+\S/u;
// Where a page's article is over: comment forms and links to the previous or next article.
const END_OF_ARTICLE =
  /^(?:(?:اترك|أضف|اضف)\s+تعليق|التعليقات|المقال (?:السابق|التالي)|المنشور (?:السابق|التالي)|الخبر (?:السابق|التالي)|article (?:précédent|suivant)|(?:previous|next) (?:article|post)|laisser un commentaire|leave a (?:comment|reply)|commentaires?\s*(?:\(\d+\))?$|comments?\s*(?:\(\d+\))?$)/iu;
const ENDS_SENTENCE = /[.!?؟:;»"”)…]$/u;

function kindOf(raw: string, previous: Kind | null): Kind {
  const t = raw.trim();
  // A bulleted sentence is the article's own list ("- une amende de 50 000 DH ;"); a bulleted
  // headline, with no closing punctuation, is a link to another article.
  if (BULLET.test(t)) return ENDS_SENTENCE.test(t) && t.length >= 40 ? 'prose' : 'bullet';
  // An indented paragraph under a bulleted headline is that headline's teaser.
  if ((previous === 'bullet' || previous === 'teaser') && /^\s{2,}\S/u.test(raw)) return 'teaser';
  if (isDateLine(t)) return 'date';
  if (isChromeLine(t)) return 'chrome';
  // Menu items, "Par", tracking codes ("xr:d:DAF…"): too few words to be a headline or a sentence.
  if ((t.length < 30 && !ENDS_SENTENCE.test(t)) || t.split(/\s+/).length < 3) return 'short';
  if (t.length >= 150 || (ENDS_SENTENCE.test(t) && t.length >= 40)) return 'prose';
  return 'heading';
}

/** What a line adds to the run that contains it. */
function weight(kind: Kind, length: number): number {
  switch (kind) {
    case 'prose':
      return length;
    case 'heading':
      return -20;
    case 'short':
    case 'date':
      return -30;
    default:
      return -length - 50;
  }
}

interface Line {
  text: string;
  kind: Kind;
}

export function extractPlainText(body: string, title: string | null): Extracted {
  const lines: Line[] = [];
  let previous: Kind | null = null;
  for (const raw of unwrap(body.replace(/\r\n?/g, '\n').split('\n'))) {
    if (!raw.trim()) continue;
    const kind = kindOf(raw, previous);
    lines.push({ text: raw.replace(/\s+/g, ' ').trim(), kind });
    previous = kind;
  }
  const [from, to] = articleRun(lines);
  const article = lines.slice(from, to).filter((l) => l.kind === 'prose' || l.kind === 'heading');
  // Nothing reads as prose (a one-line note, a list): keep the text rather than lose it.
  const kept = article.length > 0 ? article : lines.filter((l) => l.kind !== 'chrome');
  const text = kept.map((l) => l.text).join('\n\n');
  const head = lines.slice(0, from + 1);
  const dateline = head.find((l) => l.kind === 'date') ?? lines.slice(from, from + 3).find((l) => l.kind === 'date');
  return {
    title: title ?? headline(head.slice(0, -1)),
    text,
    publishedAt: dateline ? (findPrintedDates(dateline.text).find((d) => d.kind !== 'updated')?.iso ?? null) : null,
    updatedAt: null,
    author: null,
    canonicalUrl: null,
    declaredLanguage: null,
    rejected: text ? null : { reason: 'empty' },
  };
}

/**
 * Text wrapped at a fixed width (mail, PDF copies) breaks sentences over lines that would each read
 * as a headline. A block of three or more lines whose lines nearly all reach the block's width (50
 * to 100 characters) is one wrapped paragraph; elsewhere a line that carries on in lower case
 * continues the line before it. A headline followed by its lead is neither, and stays apart.
 */
function unwrap(raw: string[]): string[] {
  const out: string[] = [];
  let block: string[] = [];
  const flush = () => {
    const lengths = block.map((l) => l.trim().length);
    const width = Math.max(0, ...lengths);
    const full = lengths.slice(0, -1).filter((n) => n >= 0.8 * width).length;
    const wrapped =
      block.length >= 3 &&
      width >= 50 &&
      width <= 100 &&
      full >= (2 / 3) * (block.length - 1) &&
      !block.some((l) => BULLET.test(l.trim()));
    if (wrapped) out.push(block.map((l) => l.trim()).join(' '));
    else {
      for (const line of block) {
        const prev = out.at(-1)?.trim() ?? '';
        const t = line.trim();
        if (prev && /^\p{Ll}/u.test(t) && !ENDS_SENTENCE.test(prev) && !BULLET.test(t)) out[out.length - 1] += ` ${t}`;
        else out.push(line);
      }
    }
    block = [];
  };
  for (const line of raw) {
    if (line.trim()) block.push(line);
    else {
      flush();
      out.push('');
    }
  }
  flush();
  return out;
}

/** [from, to) of the best-scoring run of lines, cut where the article visibly ends (after some prose). */
function articleRun(lines: Line[]): [number, number] {
  let end = lines.length;
  let seenProse = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (seenProse && (startsRelatedBlock(line.text) || END_OF_ARTICLE.test(line.text))) {
      end = i;
      break;
    }
    if (line.kind === 'prose') seenProse = true;
  }
  let best: [number, number, number] = [0, 0, 0];
  let start = 0;
  let sum = 0;
  for (let i = 0; i < end; i++) {
    const line = lines[i] as Line;
    if (sum <= 0) {
      start = i;
      sum = 0;
    }
    sum += weight(line.kind, line.text.length);
    if (sum > best[2]) best = [start, i + 1, sum];
  }
  return [best[0], best[1]];
}

/** The page's headline: the last heading-like line above the article that is not chrome. */
function headline(above: Line[]): string | null {
  const candidate = above.findLast((l) => l.kind === 'heading' || (l.kind === 'prose' && !ENDS_SENTENCE.test(l.text)));
  return candidate && candidate.text.length <= 200 ? candidate.text : null;
}
