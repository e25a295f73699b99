import type { Extracted } from '../types.ts';
import { cleanBlocks } from './clean.ts';
import { selectContent, toParagraphs } from './content.ts';
import { datesFromLine, findPrintedDates, parseMetaDate } from './dates.ts';
import { type El, parseHtml, textOf } from './dom.ts';
import { linkDensityOf } from './measure.ts';
import { cleanAuthorName, readMetadata, stripSiteName } from './metadata.ts';
import { pruneTree } from './prune.ts';
import { detectTicker, tickerTextLength } from './ticker.ts';

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

  const seen = visibleDates(visible, blocks, order, title);

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

function normText(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function sameText(a: string, b: string): boolean {
  return normText(a) === normText(b);
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
  /** Printed with another article: in a headline link's card, a related list, a comment, a quoted claim. */
  foreign: boolean;
  /** Inside a link whose text is only this date (a WordPress permalink): fine in the header, not elsewhere. */
  dateLink: boolean;
  /** Read from `<time datetime>` or an itemprop attribute rather than from printed text. */
  machine: boolean;
  /** A cue word ("Publié le", "نشر بتاريخ") or a date/byline class marks it as the page's own date. */
  cued: boolean;
  /** The text the date was read from: a date line has little else in it, a sentence does. */
  line: string;
}

interface Visible {
  dates: DateCandidate[];
  h1: string | null;
  /** Every h1 of the page with a headline-length text, in document order. */
  headings: El[];
  /** Per heading, the blocks just above it, taken before pruning detaches them. */
  aboveHeading: Map<El, El[]>;
  author: string | null;
}

const AUTHOR_HINT = /(?:^|[\s_-])(?:byline|author|auteur|writer|signature|by-line)(?:$|[\s_-])/i;
const HAS_DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9]/;

// Class words of the blocks that carry a page's own date line or byline.
const DATE_HINT = /date|time|publi|posted|meta|byline|author|auteur|info|details/i;

function collectVisible(body: El): Visible {
  const dates: DateCandidate[] = [];
  let h1: string | null = null;
  const headings: El[] = [];
  let author: string | null = null;
  const seenEls = new Set<El>();

  const push = (el: El, published: string | null, updated: string | null, line: string, machine: boolean) => {
    if (!published && !updated) return;
    const ancestors = new Set<El>();
    let link: El | null = null;
    for (let p: El | null = el; p; p = p.parent) {
      ancestors.add(p);
      if (p.tag === 'a' && link === null) link = p;
    }
    const dateLink = link !== null && isDateOnly(shortText(link));
    dates.push({
      published,
      updated,
      el,
      ancestors,
      foreign: (link !== null && !dateLink) || isTeaserDate(el) || inForeignBlock(el),
      dateLink,
      machine,
      cued: machine || hasCue(line) || hasDateHint(el),
      line,
    });
  };

  const visit = (el: El) => {
    const prop = el.attrs.itemprop;
    if (prop === 'datePublished' || prop === 'dateModified') {
      const iso = parseMetaDate(el.attrs.content ?? el.attrs.datetime ?? textOf(el));
      if (prop === 'datePublished') push(el, iso, null, '', true);
      else push(el, null, iso, '', true);
      seenEls.add(el);
    } else if (el.tag === 'time') {
      const fromAttr = parseMetaDate(el.attrs.datetime);
      const iso = fromAttr ?? parseMetaDate(textOf(el));
      const isUpdate = iso !== null && timeIsUpdate(el, iso);
      push(
        el,
        isUpdate ? null : iso,
        isUpdate ? iso : null,
        el.parent ? (shortText(el.parent) ?? '') : '',
        fromAttr !== null,
      );
      seenEls.add(el);
    }
    if (el.tag === 'h1') {
      const t = textOf(el);
      if (t.length >= 8 && t.length <= 300) {
        h1 ??= t;
        headings.push(el);
      }
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
          push(el, found.published, found.updated, line, false);
        }
      } else visit(c);
    }
  };
  visit(body);
  const aboveHeading = new Map<El, El[]>();
  for (const h of headings) aboveHeading.set(h, blocksAboveTitle(h));
  return { dates, h1, headings, aboveHeading, author };
}

/**
 * Whether a `<time>` is the update stamp: by its class (WordPress prints `time.published` and
 * `time.updated` side by side), else by the cue word printed just before it ("Mis à jour le").
 */
function timeIsUpdate(el: El, iso: string): boolean {
  const cls = el.attrs.class ?? '';
  const parent = el.parent;
  if (!parent || /publi/i.test(cls)) return false;
  if (/modified/i.test(cls)) return true;
  // hAtom's `updated` is often the only date a theme prints (`entry-date updated`): it is the
  // update stamp only beside a `<time>` marked as the publication.
  if (
    /updated/i.test(cls) &&
    parent.children.some((c) => typeof c !== 'string' && c.tag === 'time' && /publi/i.test(c.attrs.class ?? ''))
  ) {
    return true;
  }
  let before = '';
  for (const c of parent.children) {
    if (c === el) break;
    before += typeof c === 'string' ? c : textOf(c);
  }
  // The cue is read off the same rules as a printed line: the text before, then this date.
  const found = findPrintedDates(`${before.slice(-40)} ${iso.slice(0, 10)}`);
  return found[found.length - 1]?.kind === 'updated';
}

function hasCue(line: string): boolean {
  return findPrintedDates(line).some((d) => d.kind !== 'unknown');
}

/** The element or a small block around it is classed as a date, meta or byline line. */
function hasDateHint(el: El): boolean {
  let cur: El | null = el;
  for (let level = 0; cur && level < 3; level++, cur = cur.parent) {
    if (level > 0 && shortText(cur) === null) return false;
    if (DATE_HINT.test(`${cur.attrs.class ?? ''} ${cur.attrs.id ?? ''}`)) return true;
  }
  return false;
}

/** A line that is a date and a few words at most ("Le 27 mars 2020 à 14h20", "Posted on ..."). */
function isDateOnly(line: string | null): boolean {
  if (!line || line.length > 160) return false;
  const found = findPrintedDates(line);
  if (found.length === 0) return false;
  let rest = line;
  for (const d of [...found].reverse()) rest = `${rest.slice(0, d.index)} ${rest.slice(d.index + d.length)}`;
  return rest.split(/[\s,;:|•·–—-]+/).filter((w) => /\p{L}{2,}/u.test(w)).length <= 4;
}

/** A date line rather than a sentence: a cue or class says so, or it has few words besides the date. */
function isDateLineCandidate(c: DateCandidate): boolean {
  return c.cued || isDateOnly(c.line);
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
      if (t.length >= 25 && t.split(' ').length >= 4 && !isDateOnly(t)) return true;
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

// Blocks whose dates are not the page's: readers' comments, related articles, and claims or
// quotes the article reports on (a fact-check's "stated on October 13, 2019 in a tweet").
const FOREIGN_DATE_HINT = /comment|commentaire|reply|respond|related|teaser|claim|quote|statement|citation|تعليق/i;
const QUOTE_TAGS = new Set(['blockquote', 'q', 'cite', 'figcaption']);

function inForeignBlock(el: El): boolean {
  let cur: El | null = el;
  for (let level = 0; cur && level < 5; level++, cur = cur.parent) {
    if (cur.tag === 'body' || cur.tag === 'article' || cur.tag === 'main') return false;
    if (QUOTE_TAGS.has(cur.tag)) return true;
    if (FOREIGN_DATE_HINT.test(`${cur.attrs.class ?? ''} ${cur.attrs.id ?? ''}`)) return true;
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

interface PageDates {
  published: string | null;
  updated: string | null;
}

/**
 * The date printed with the article, best first:
 * 1. a date line in the header zone — after the title h1 and before the first paragraph of the
 *    text, or in the blocks just above the title — `<time datetime>` first, then lines with a
 *    cue word or a date/byline class, then bare date lines ("الأربعاء 05 فبراير 2025");
 * 2. a dateline opening the text ("Rabat, le 9 janvier 2023 –", "الرباط في 23 أكتوبر2019");
 * 3. the nearest remaining date around the content, searching outward one ancestor at a time.
 * Dates inside the text are events it reports, and dates printed with other articles (teasers,
 * related lists, comments, quoted claims) are never candidates. With a title h1, dates above it
 * are the page's chrome (header tickers, teasers) and are not candidates either.
 */
function visibleDates(visible: Visible, blocks: El[], order: Map<El, number>, pageTitle: string | null): PageDates {
  const anchor = blocks[0];
  if (!anchor) return { published: null, updated: null };
  const anchorOrder = order.get(anchor) ?? 0;
  // The content may start with its title block: the text begins at the first paragraph of any block.
  let first: ReturnType<typeof firstParagraph> = null;
  for (const b of blocks) {
    if (QUOTE_TAGS.has(b.tag)) continue;
    first = firstParagraph(b, order);
    if (first) break;
  }
  const firstOrder = first?.order ?? anchorOrder + 3;
  const at = (c: DateCandidate) => order.get(c.el) ?? 0;
  const inText = (c: DateCandidate) => at(c) >= firstOrder && blocks.some((b) => c.ancestors.has(b));
  const usable = visible.dates.filter((c) => !c.foreign && c.el !== first?.el && !inText(c));

  const title = titleHeading(visible.headings, firstOrder, order, pageTitle);
  let header: DateCandidate[];
  let rest: DateCandidate[];
  if (title) {
    const titleOrder = order.get(title) ?? 0;
    const above = visible.aboveHeading.get(title) ?? [];
    const zone = (c: DateCandidate) => {
      const o = at(c);
      if (o > titleOrder && o < firstOrder) return 2;
      return above.some((a) => c.ancestors.has(a)) ? 1 : 0;
    };
    const rank = (c: DateCandidate) => zone(c) * 4 + (c.machine ? 2 : 0) + (c.cued ? 1 : 0);
    header = usable
      .filter((c) => zone(c) > 0 && isDateLineCandidate(c))
      .sort((a, b) => rank(b) - rank(a) || Math.abs(at(a) - titleOrder) - Math.abs(at(b) - titleOrder));
    rest = usable.filter((c) => !c.dateLink && at(c) > titleOrder && !header.includes(c));
  } else {
    // No title to anchor the header on: the nearest date lines above the text.
    const above = usable.filter((c) => at(c) < firstOrder && isDateLineCandidate(c));
    header = nearestRegion(above, anchor, anchorOrder, order);
    rest = usable.filter((c) => !c.dateLink && !header.includes(c));
  }

  const published = header.find((c) => c.published)?.published ?? null;
  const updated = header.find((c) => c.updated)?.updated ?? null;
  if (published) return { published, updated };
  const opening = first ? datelineDate(first.text) : null;
  if (opening) return { published: opening, updated };
  const near = nearestRegion(rest, anchor, anchorOrder, order);
  return {
    published: near.find((c) => c.published)?.published ?? null,
    updated: updated ?? near.find((c) => c.updated)?.updated ?? null,
  };
}

/** Beyond this many elements between the title and the text, the h1 is not the article's title. */
const MAX_HEADER_SPAN = 400;

/**
 * The article's title: the h1 above the text that the page's title names, else the last
 * headline-like one (a logo h1 comes earlier and is short; a promo h1 does not match the title).
 */
function titleHeading(headings: El[], firstOrder: number, order: Map<El, number>, pageTitle: string | null): El | null {
  let named: El | null = null;
  let headline: El | null = null;
  const wanted = pageTitle ? normText(pageTitle) : '';
  for (const h of headings) {
    const o = order.get(h) ?? 0;
    if (o >= firstOrder || firstOrder - o > MAX_HEADER_SPAN || inForeignBlock(h)) continue;
    const t = textOf(h);
    const n = normText(t);
    // The last one: a sticky site header may repeat the title higher up.
    if (wanted.length >= 8 && n.length >= 8 && (wanted.includes(n) || n.includes(wanted))) named = h;
    if (t.length >= 20 || t.split(/\s+/).length >= 3) headline = h;
  }
  return named ?? headline;
}

/** The two blocks with text just above the title (a kicker with the date, a byline), past thin wrappers. */
function blocksAboveTitle(title: El): El[] {
  let t = title;
  while (t.parent && t.parent.tag !== 'body' && t.parent.children.filter((c) => typeof c !== 'string').length === 1) {
    t = t.parent;
  }
  const siblings = t.parent ? t.parent.children.filter((c): c is El => typeof c !== 'string') : [];
  const above: El[] = [];
  // Empty blocks (ad slots, spacers) do not count towards the two.
  for (let i = siblings.indexOf(t) - 1, texts = 0; i >= 0 && texts < 2; i--) {
    const s = siblings[i]!;
    above.push(s);
    if (textOf(s).length > 0) texts++;
  }
  return above;
}

/**
 * The candidates of the smallest region around the content that has any, nearest first: searching
 * outward one ancestor at a time so a dated teaser elsewhere in the page loses to a date line next
 * to the text. Before the content beats after it (date lines sit above the text).
 */
function nearestRegion(
  candidates: DateCandidate[],
  anchor: El,
  anchorOrder: number,
  order: Map<El, number>,
): DateCandidate[] {
  let region: El | null = anchor;
  for (let level = 0; region && level < 6; level++, region = region.parent) {
    const r = region;
    const inside = candidates.filter((c) => c.ancestors.has(r));
    if (inside.length > 0) {
      return inside.sort((a, b) => distance(a, anchorOrder, order) - distance(b, anchorOrder, order));
    }
    if (r.tag === 'body') break;
  }
  return [];
}

// A dateline: a place (and "le"/"في") before the date, a dash, colon or the end of the line after it.
const DATELINE_PREFIX = /^[\p{L}\p{M}\s'’.,،()\-–—]{0,45}$/u;
const DATELINE_SUFFIX = /^\s*(?:\([^)]{0,25}\)\s*)?(?:[-–—:|]|$)/u;
const DATELINE_FILLER = /^(?:le|la|on|du|في|بتاريخ|يوم)$/i;

/** The date of a dateline opening the text ("Rabat, le 9 janvier 2023 –"); null for a sentence. */
function datelineDate(text: string): string | null {
  const head = text.slice(0, 160);
  const d = findPrintedDates(head)[0];
  if (!d || d.index > 45) return null;
  const prefix = head.slice(0, d.index);
  if (!DATELINE_PREFIX.test(prefix)) return null;
  const words = prefix.split(/[\s,،()\-–—]+/).filter((w) => w.length > 0);
  if (words.length > 4 || !words.some((w) => !DATELINE_FILLER.test(w))) return null;
  return DATELINE_SUFFIX.test(head.slice(d.index + d.length)) ? d.iso : null;
}

/**
 * Where the article's first paragraph starts (a `<p>` or a loose text run of 80+ characters) in
 * document order, with its element and text: anything before it is above the text.
 */
function firstParagraph(el: El, order: Map<El, number>): { order: number; el: El; text: string } | null {
  let last = order.get(el) ?? 0;
  for (const c of el.children) {
    if (typeof c === 'string') {
      if (c.trim().length >= 80) return { order: last + 1, el, text: c.trim() };
      continue;
    }
    if (c.tag === 'p') {
      const t = textOf(c);
      if (t.length >= 80) return { order: order.get(c) ?? last, el: c, text: t };
    }
    // A quotation is not where the article's own text starts.
    const found = QUOTE_TAGS.has(c.tag) ? null : firstParagraph(c, order);
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
  const found = findPrintedDates(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`)[0];
  return found?.iso ?? null;
}
