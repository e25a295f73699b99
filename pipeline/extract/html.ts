import type { Extracted } from '../types.ts';
import { cleanBlocks, linkDensityOf, pruneTree, selectContent, toParagraphs } from './content.ts';
import { datesFromLine, findDates, parseMetaDate } from './dates.ts';
import { type El, parseHtml, textOf } from './dom.ts';
import { cleanAuthorName, readMetadata, stripSiteName } from './metadata.ts';
import { detectTicker, tickerTextLength } from './ticker.ts';

/** Bump when extraction output changes so stored documents are re-derived. */
export const EXTRACT_VERSION = 1;

/** Below this many characters of main text the page is treated as having no article. */
const MIN_TEXT = 80;

export function extractHtml(html: string, url: string): Extracted {
  let pass = analyze(html, true);
  if (textLength(pass.paragraphs) < 250) {
    // Class hints misled us (a wrapper named like chrome): retry without trusting them.
    const retry = analyze(html, false);
    if (textLength(retry.paragraphs) > textLength(pass.paragraphs) * 1.5) pass = retry;
  }
  const { head, visible, blocks, order, linkDensity } = pass;
  const meta = readMetadata(head, url);

  const title = meta.title ?? visible.h1 ?? (head.title ? stripSiteName(clean(head.title), meta.siteName) : null);
  let paragraphs = pass.paragraphs;
  if (title && paragraphs.length > 0 && sameText(paragraphs[0] ?? '', title)) paragraphs = paragraphs.slice(1);
  const text = paragraphs.join('\n\n');

  const anchor = blocks[0];
  const seen = anchor ? visibleDates(visible.dates, anchor, order) : { published: null, updated: null };

  let rejected: Extracted['rejected'] = null;
  if (text.length < MIN_TEXT) rejected = { reason: pass.tickerChars >= 200 ? 'ticker' : 'empty' };
  else if (detectTicker(paragraphs, { linkDensity })) rejected = { reason: 'ticker' };

  return {
    title: title || null,
    text,
    publishedAt: meta.publishedAt ?? seen.published ?? dateFromUrl(url),
    updatedAt: meta.updatedAt ?? seen.updated,
    author: meta.author ?? visible.author,
    canonicalUrl: meta.canonicalUrl,
    declaredLanguage: meta.declaredLanguage,
    rejected,
  };
}

function analyze(html: string, stripUnlikely: boolean) {
  const { root, head } = parseHtml(html);
  const body = findBody(root);
  // Visible dates, bylines and h1 are read before pruning, which removes the header blocks that
  // carry them; where they sit in the tree decides later whether they belong to the article.
  const order = documentOrder(body);
  const visible = collectVisible(body);
  const tickerChars = tickerTextLength(body);
  pruneTree(body, { stripUnlikely });
  const { blocks } = selectContent(body);
  const linkDensity = linkDensityOf(blocks);
  cleanBlocks(blocks);
  const paragraphs = toParagraphs(blocks);
  return { head, visible, blocks, order, linkDensity, paragraphs, tickerChars };
}

function findBody(root: El): El {
  const stack: El[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el.tag === 'body') return el;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (c !== undefined && typeof c !== 'string') stack.push(c);
    }
  }
  return root;
}

function textLength(paragraphs: string[]): number {
  let n = 0;
  for (const p of paragraphs) n += p.length;
  return n;
}

function clean(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return norm(a) === norm(b);
}

function documentOrder(body: El): Map<El, number> {
  const order = new Map<El, number>();
  let i = 0;
  const visit = (el: El) => {
    order.set(el, i++);
    for (const c of el.children) if (typeof c !== 'string') visit(c);
  };
  visit(body);
  return order;
}

interface DateCandidate {
  published: string | null;
  updated: string | null;
  /** The element the date was read from, and its ancestors at reading time (pruning detaches them). */
  el: El;
  ancestors: Set<El>;
  inLink: boolean;
}

interface Visible {
  dates: DateCandidate[];
  h1: string | null;
  author: string | null;
}

const AUTHOR_HINT = /(?:^|[\s_-])(?:byline|author|auteur|writer|signature|by-line)(?:$|[\s_-])/i;
const HAS_DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9]/;

function collectVisible(body: El): Visible {
  const dates: DateCandidate[] = [];
  let h1: string | null = null;
  let author: string | null = null;
  const seenEls = new Set<El>();

  const push = (el: El, published: string | null, updated: string | null) => {
    if (!published && !updated) return;
    const ancestors = new Set<El>();
    let inLink = false;
    for (let p: El | null = el; p; p = p.parent) {
      ancestors.add(p);
      if (p.tag === 'a') inLink = true;
    }
    dates.push({ published, updated, el, ancestors, inLink: inLink || isTeaserDate(el) });
  };

  const visit = (el: El) => {
    const prop = el.attrs.itemprop;
    if (prop === 'datePublished' || prop === 'dateModified') {
      const iso = parseMetaDate(el.attrs.content ?? el.attrs.datetime ?? textOf(el));
      if (prop === 'datePublished') push(el, iso, null);
      else push(el, null, iso);
      seenEls.add(el);
    } else if (el.tag === 'time') {
      const line = el.parent ? shortText(el.parent) : null;
      const fromAttr = parseMetaDate(el.attrs.datetime);
      const cue = line ? datesFromLine(line) : { published: null, updated: null };
      // The cue words ("Mis à jour le") sit outside the <time> element, in its parent's line.
      const isUpdate = cue.updated !== null && cue.published === null;
      const iso = fromAttr ?? parseMetaDate(textOf(el));
      push(el, isUpdate ? null : iso, isUpdate ? iso : null);
      seenEls.add(el);
    }
    if (h1 === null && el.tag === 'h1') {
      const t = textOf(el);
      if (t.length >= 8 && t.length <= 300) h1 = t;
    }
    if (
      author === null &&
      (el.attrs.rel === 'author' || prop === 'author' || AUTHOR_HINT.test(el.attrs.class ?? '')) &&
      !inCommentOrTeaser(el)
    ) {
      const t = cleanAuthor(textOf(el));
      if (t) author = t;
    }
    for (const c of el.children) {
      if (typeof c === 'string') {
        if (!HAS_DIGIT.test(c) || seenEls.has(el)) continue;
        const line = shortText(el) ?? c.trim().slice(0, 120);
        const found = datesFromLine(line);
        if (found.published || found.updated) {
          seenEls.add(el);
          push(el, found.published, found.updated);
        }
      } else visit(c);
    }
  };
  visit(body);
  return { dates, h1, author };
}

/**
 * A date printed next to another article's headline link (a teaser card, a related-articles item).
 * Looks at the two nearest small ancestors for a link long enough to be a headline: a byline link
 * to the author's page ("Par Salma Idrissi") is too short to count.
 */
function isTeaserDate(el: El): boolean {
  let cur: El | null = el.parent;
  for (let level = 0; cur && level < 2; level++, cur = cur.parent) {
    if (shortText(cur) === null) return false;
    if (hasHeadlineLink(cur)) return true;
  }
  return false;
}

function hasHeadlineLink(el: El): boolean {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.tag === 'a') {
      const t = textOf(c);
      if (t.length >= 25 && t.split(' ').length >= 4) return true;
    } else if (hasHeadlineLink(c)) return true;
  }
  return false;
}

const NOT_ARTICLE_HINT = /comment|commentaire|reply|respond|related|teaser|تعليق/i;

/** Readers' comments and teaser cards have their own "author" fields. */
function inCommentOrTeaser(el: El): boolean {
  let cur: El | null = el;
  // Four levels and never the page-level wrappers: WordPress puts `comments-open` on <body>.
  for (let level = 0; cur && level < 4 && cur.tag !== 'body' && cur.tag !== 'article'; level++, cur = cur.parent) {
    if (NOT_ARTICLE_HINT.test(`${cur.attrs.class ?? ''} ${cur.attrs.id ?? ''}`)) return true;
  }
  return false;
}

/** The element's whole text when it is short enough to be a date or byline line; null otherwise. */
function shortText(el: El): string | null {
  const parts: string[] = [];
  let budget = 600;
  const visit = (n: El): boolean => {
    for (const c of n.children) {
      if (typeof c === 'string') {
        budget -= c.length;
        if (budget < 0) return false;
        parts.push(c);
      } else if (!visit(c)) return false;
    }
    return true;
  };
  if (!visit(el)) return null;
  const t = parts.join(' ').replace(/\s+/g, ' ').trim();
  return t.length <= 300 ? t : null;
}

function cleanAuthor(raw: string): string | null {
  const t = cleanAuthorName(raw);
  if (!t || t.length < 3 || t.length > 80 || HAS_DIGIT.test(t)) return null;
  return t;
}

/**
 * The date printed with the article: the closest candidate around the start of the main content,
 * searching outward one ancestor at a time so a dated teaser elsewhere in the header loses to the
 * article's own date line.
 */
function visibleDates(
  candidates: DateCandidate[],
  anchor: El,
  order: Map<El, number>,
): { published: string | null; updated: string | null } {
  const anchorOrder = order.get(anchor) ?? 0;
  // Dates inside the article text are events it reports, except a date line above the first
  // paragraph or a dateline opening it ("الرباط في 23 أكتوبر2019").
  const firstParagraph = firstParagraphOrder(anchor, order) ?? anchorOrder + 3;
  const usable = candidates.filter(
    (c) => !c.inLink && (!c.ancestors.has(anchor) || (order.get(c.el) ?? 0) <= firstParagraph + 1),
  );
  let region: El | null = anchor;
  for (let level = 0; region && level < 6; level++, region = region.parent) {
    const r = region;
    const inside = usable.filter((c) => c.ancestors.has(r));
    if (inside.length === 0) {
      if (r.tag === 'body') break;
      continue;
    }
    // Nearest before the content first (date lines sit above the text), then nearest after.
    inside.sort((a, b) => distance(a, anchorOrder, order) - distance(b, anchorOrder, order));
    const published = inside.find((c) => c.published)?.published ?? null;
    const updated = inside.find((c) => c.updated)?.updated ?? null;
    return { published, updated };
  }
  return { published: null, updated: null };
}

/**
 * Document-order index where the article's first paragraph starts (a `<p>` or a loose text run of
 * 80+ characters): anything at or before it is above the text. Null when there is no such paragraph.
 */
function firstParagraphOrder(el: El, order: Map<El, number>): number | null {
  let last = order.get(el) ?? null;
  for (const c of el.children) {
    if (typeof c === 'string') {
      if (c.trim().length >= 80) return last;
      continue;
    }
    if (c.tag === 'p' && textOf(c).length >= 80) return order.get(c) ?? last;
    const found = firstParagraphOrder(c, order);
    if (found !== null) return found;
    last = maxOrder(c, order) ?? last;
  }
  return null;
}

function maxOrder(el: El, order: Map<El, number>): number | null {
  let m = order.get(el) ?? null;
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    const o = maxOrder(c, order);
    if (o !== null && (m === null || o > m)) m = o;
  }
  return m;
}

function distance(c: DateCandidate, anchorOrder: number, order: Map<El, number>): number {
  const o = order.get(c.el) ?? 0;
  return o <= anchorOrder ? anchorOrder - o : (o - anchorOrder) * 2;
}

/** `/2019/11/19/` or `/2019-11-19/` in the URL path, as a date-only fallback. */
function dateFromUrl(url: string): string | null {
  const m = /\/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)/.exec(url);
  if (!m) return null;
  const found = findDates(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`)[0];
  return found?.iso ?? null;
}
