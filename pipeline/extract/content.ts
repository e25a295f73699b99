// Main-content selection. The approach follows the two extractors that score best on public
// benchmarks, re-implemented here: Readability's paragraph scoring with candidate climbing and
// sibling merging (https://github.com/mozilla/readability), preceded by trafilatura-style pruning of
// boilerplate by tag, role and class/id hints and followed by conditional cleaning of link-heavy or
// chrome-looking blocks inside the chosen container.
import { findDates } from './dates.ts';
import { type El, type Node, removeNode } from './dom.ts';

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

// Removed with their content before scoring: never article text.
const DROP_TAGS = new Set([
  'nav',
  'aside',
  'footer',
  'form',
  'input',
  'label',
  'menu',
  'dialog',
  'map',
  'area',
  'marquee',
]);
const DROP_ROLES = new Set([
  'navigation',
  'menu',
  'menubar',
  'complementary',
  'contentinfo',
  'banner',
  'dialog',
  'alertdialog',
  'alert',
  'search',
  'toolbar',
  'tablist',
]);

// Class/id hints. Tested against the joined `class id` string, lower-cased.
const UNLIKELY =
  /(?:^|[\s_-])(?:ad|ads|adv|advert|advertisement|banner|breadcrumbs?|combx|comments?|commentaires?|community|cookie|cover-wrap|disqus|footer|gdpr|header|legends|menu|navbar|nav|related|relatedposts|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|sponsored|supplemental|ad-break|agegate|pagination|pager|popup|modal|newsletter|subscribe|subscription|share|sharing|partage|sharebar|share-bar|ticker|breaking|marquee|most-read|mostread|popular|trending|outbrain|taboola|promo|recirc|read-more|readmore|lire-aussi|a-lire|also|widget|tags|tag-list|author-box|masthead|paywall|abonnement|abonne|signup|login|print|toolbar)(?:$|[\s_-])/;
const MAYBE_CANDIDATE = /and|article|body|column|content|main|mathjax|shadow|story|entry|post|text/;
const NEGATIVE =
  /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|taboola|promo|related|scroll|share|partage|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|ticker|newsletter|subscribe|abonn|paywall|recommend|popular|trending|most-read|lire-aussi|read-more|also/;
const POSITIVE =
  /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|corps|contenu|texte/;

// Lines that belong to the page's chrome even when they sit inside the article container.
// `(?![\p{L}\p{N}])` instead of `\b`, which is ASCII-only and never matches after Arabic letters.
const BOILERPLATE_LINE =
  /^(?:lire aussi|lire également|à lire aussi|a lire aussi|à lire également|voir aussi|sur le même sujet|dans la même rubrique|vous aimerez aussi|ne manquez pas|les plus lus|articles similaires|suivez-nous|inscrivez-vous|téléchargez l'application|recevez notre|read more|read also|see also|see more|you may also like|you might also like|more from|don't miss|most popular|mots-clés|leave a comment|leave a reply|laisser un commentaire|você pode gostar|veja também|leia também|te puede interesar|lee también|leggi anche|abonnez-vous|réservé aux abonnés|cet article est réservé|déjà abonné|share this|sign up|follow us|click here|get the latest|join our|have a tip|tell us what you think|download the|كلمات مفتاحية|أضف تعليق|اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|اقرأ المزيد|مواضيع ذات صلة|مقالات ذات صلة|أخبار ذات صلة|الأكثر قراءة|تابعونا)(?![\p{L}\p{N}])/iu;
// Single words that are chrome only when they are the whole line: "شارك" and "إعلان" also open
// ordinary sentences ("شارك في اللقاء..." = "took part in the meeting...").
const BOILERPLATE_WORD =
  /^(?:related|trending|recommended|subscribe|comments?|commentaires?|advertisement|publicité|sponsored|partager|partagez|share|tags|الوسوم|تعليقات|ذات صلة|شارك|إعلان|اشترك)\s*[:.…!]*$/iu;
// A heading or line announcing a block of links to other articles: the block after it goes too.
const RELATED_LEAD =
  /^(?:lire aussi|à lire aussi|voir aussi|sur le même sujet|vous aimerez aussi|articles similaires|les plus lus|you may also like|you might also like|more from|don't miss|see more|most popular|mots-clés|leave a comment|leave a reply|laisser un commentaire|tell us what you think|você pode gostar|veja também|leia também|te puede interesar|leggi anche|كلمات مفتاحية|أضف تعليق|اقرأ أيضا|مواضيع ذات صلة|مقالات ذات صلة|أخبار ذات صلة|الأكثر قراءة)(?![\p{L}\p{N}])/iu;
const PAYWALL =
  /abonnez-vous|réservé aux abonnés|déjà abonné|subscribe to (?:read|continue)|subscribers only|للمشتركين/i;

// "Publié le ...", "تم النشر بتاريخ ...": metadata printed as a line of its own.
const DATE_LINE =
  /^(?:publié|mis à jour|mise à jour|modifié|posted|published|updated|last updated|تم النشر|نشر في|نشر بتاريخ|آخر تحديث|تاريخ النشر)/i;

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

function hintOf(el: El): string {
  const cls = el.attrs.class ?? '';
  const id = el.attrs.id ?? '';
  return cls || id ? `${cls} ${id}`.toLowerCase() : '';
}

function isHidden(el: El): boolean {
  if ('hidden' in el.attrs) return true;
  if (el.attrs['aria-hidden'] === 'true') return true;
  const style = el.attrs.style;
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  return false;
}

function hasBlockChild(el: El): boolean {
  for (const c of el.children) if (typeof c !== 'string' && (BLOCK_TAGS.has(c.tag) || hasBlockChild(c))) return true;
  return false;
}

interface Stats {
  /** Normalized text length. */
  len: number;
  /** Text length inside links. */
  linkLen: number;
  commas: number;
}

/** Per-extraction caches; the tree is mutated between phases, so each phase gets a fresh one. */
class Measure {
  #stats = new Map<El, Stats>();

  stats(el: El): Stats {
    const cached = this.#stats.get(el);
    if (cached) return cached;
    const s: Stats = { len: 0, linkLen: 0, commas: 0 };
    for (const c of el.children) {
      if (typeof c === 'string') {
        const t = c.trim();
        if (t) {
          s.len += t.length + 1;
          s.commas += countCommas(t);
        }
      } else {
        const cs = this.stats(c);
        s.len += cs.len;
        s.commas += cs.commas;
        s.linkLen += c.tag === 'a' ? cs.len : cs.linkLen;
      }
    }
    this.#stats.set(el, s);
    return s;
  }

  linkDensity(el: El): number {
    const s = this.stats(el);
    return s.len === 0 ? 0 : s.linkLen / s.len;
  }
}

function countCommas(t: string): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 44 || c === 0x60c || c === 0xff0c) n++;
  }
  return n;
}

export interface CleanOptions {
  stripUnlikely: boolean;
}

/** Removes chrome before scoring. Returns nothing: the tree is edited in place. */
export function pruneTree(body: El, options: CleanOptions): void {
  const prose = new Map<El, number>();
  const total = proseLength(body, prose);
  const visit = (el: El) => {
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (c === undefined || typeof c === 'string') continue;
      const share = total === 0 ? 0 : (prose.get(c) ?? 0) / total;
      if (shouldDrop(c, options, share)) {
        el.children.splice(i, 1);
        c.parent = null;
        continue;
      }
      visit(c);
    }
  };
  visit(body);
}

/**
 * Length of the text that reads like prose (paragraphs, long text runs) under each element.
 * Class hints are only trusted for elements that do not hold most of the page's prose: a wrapper
 * called `container penci_sidebar` or `l-sidebar-fixed l-article-body` can hold the article itself.
 */
function proseLength(el: El, out: Map<El, number>): number {
  let n = 0;
  for (const c of el.children) {
    if (typeof c === 'string') {
      const len = c.trim().length;
      if (len >= 100) n += len;
    } else if (c.tag === 'p') {
      const len = plainLength(c);
      n += len;
      out.set(c, len);
    } else {
      const inner = proseLength(c, out);
      // Navigation and hidden blocks are dropped anyway; their teasers must not dilute the shares.
      if (!(DROP_TAGS.has(c.tag) && c.tag !== 'form') && !isHidden(c)) n += inner;
    }
  }
  out.set(el, n);
  return n;
}

// Also hover cards and tooltips: hidden by CSS we do not run, they repeat names inside sentences.
const CAPTION_HINT = /caption|credit|gallery|slideshow|carousel|lightbox|tooltip|popover|rollover|hovercard/;
const META_HINT =
  /caption|credit|byline|author|dateline|timestamp|post-date|postdate|pubdate|published|updated|meta-data|metadata|article-meta|entry-meta|post-meta|article-info|date|time/;
const COMMENT_HINT = /comment|disqus|replies|respond|commentaire/;

function shouldDrop(el: El, options: CleanOptions, share: number): boolean {
  if (DROP_TAGS.has(el.tag)) return !(el.tag === 'form' && share > 0.3);
  if (isHidden(el)) return true;
  const role = el.attrs.role;
  if (role && DROP_ROLES.has(role)) return share < 0.3;
  if (el.tag === 'header' && share < 0.2) return true;
  // Captions, credits, galleries, bylines and date lines are not part of the article body.
  if ((el.tag === 'figure' || el.tag === 'figcaption') && share < 0.3) return true;
  const hint0 = hintOf(el);
  if (hint0 && share < 0.1 && CAPTION_HINT.test(hint0)) return true;
  if (!options.stripUnlikely) return false;
  if (isEmbeddedPost(el)) return false;
  if (el.tag === 'body' || el.tag === 'a' || el.tag === 'main' || el.tag === 'article') return false;
  const hint = hintOf(el);
  if (!hint) return false;
  if (!UNLIKELY.test(hint)) {
    return share < 0.05 && META_HINT.test(hint) && plainLength(el) < 300;
  }
  if (COMMENT_HINT.test(hint)) return share < 0.8;
  if (share < 0.05 && META_HINT.test(hint) && plainLength(el) < 300) return true;
  if (share >= 0.3) return false;
  if (MAYBE_CANDIDATE.test(hint) && !/share|related|sidebar|newsletter|ticker|footer|menu/.test(hint)) return false;
  return true;
}

function plainLength(el: El): number {
  let n = 0;
  for (const c of el.children) n += typeof c === 'string' ? c.trim().length : plainLength(c);
  return n;
}

function classWeight(el: El): number {
  let w = 0;
  const cls = (el.attrs.class ?? '').toLowerCase();
  const id = (el.attrs.id ?? '').toLowerCase();
  if (cls) {
    if (NEGATIVE.test(cls)) w -= 25;
    if (POSITIVE.test(cls)) w += 25;
  }
  if (id) {
    if (NEGATIVE.test(id)) w -= 25;
    if (POSITIVE.test(id)) w += 25;
  }
  if (el.attrs.itemprop === 'articleBody') w += 50;
  return w;
}

function baseScore(el: El): number {
  switch (el.tag) {
    case 'div':
    case 'article':
    case 'main':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

const SCORABLE = new Set(['p', 'pre', 'td', 'section', 'div', 'article', 'main', 'blockquote', 'font', 'center']);

/** Length and comma count of the phrasing (non-block) content directly in `el`. */
function ownText(el: El): { len: number; commas: number } {
  let len = 0;
  let commas = 0;
  const visit = (n: El) => {
    for (const c of n.children) {
      if (typeof c === 'string') {
        const t = c.trim();
        len += t.length;
        commas += countCommas(t);
      } else if (!BLOCK_TAGS.has(c.tag)) visit(c);
    }
  };
  visit(el);
  return { len, commas };
}

export interface ContentResult {
  blocks: El[];
}

export function selectContent(body: El): ContentResult {
  const m = new Measure();
  const scores = new Map<El, number>();
  const initialize = (el: El): number => {
    let s = scores.get(el);
    if (s === undefined) {
      s = baseScore(el) + classWeight(el);
      scores.set(el, s);
    }
    return s;
  };

  const visit = (el: El) => {
    if (SCORABLE.has(el.tag) || HEADINGS.has(el.tag)) {
      const own = ownText(el);
      if (own.len >= 25) {
        const isParagraphLike = el.tag === 'p' || el.tag === 'pre' || el.tag === 'td' || !hasBlockChild(el);
        // A container with loose text runs is scored as if those runs were wrapped in a <p> inside it.
        let anc: El | null = isParagraphLike ? el.parent : el;
        const contribution = 1 + own.commas + Math.min(Math.floor(own.len / 100), 3);
        for (let level = 0; anc && level < 5; level++, anc = anc.parent) {
          if (anc.tag === '#root') break;
          const div = level === 0 ? 1 : level === 1 ? 2 : level * 3;
          scores.set(anc, initialize(anc) + contribution / div);
        }
      }
    }
    for (const c of el.children) if (typeof c !== 'string') visit(c);
  };
  visit(body);

  if (scores.size === 0) return { blocks: [] };

  const ranked: Array<{ el: El; score: number }> = [];
  for (const [el, s] of scores) ranked.push({ el, score: s * (1 - m.linkDensity(el)) });
  ranked.sort((a, b) => b.score - a.score);
  const finalScore = new Map<El, number>();
  for (const r of ranked) finalScore.set(r.el, r.score);
  const best = ranked[0];
  if (!best) return { blocks: [] };
  let top = best.el;

  // Several strong candidates under one ancestor mean the article is split (e.g. body columns).
  const alternatives = ranked.slice(1, 5).filter((r) => r.score / best.score >= 0.75);
  if (alternatives.length >= 3) {
    let parent = top.parent;
    while (parent && parent !== body && parent.tag !== '#root') {
      let count = 0;
      for (const a of alternatives) if (isAncestor(parent, a.el)) count++;
      if (count >= 3) {
        top = parent;
        break;
      }
      parent = parent.parent;
    }
  }

  // Climb while the parent scores comparably: the article's real wrapper often beats its first block.
  let lastScore = finalScore.get(top) ?? 0;
  const threshold = lastScore / 3;
  let parent = top.parent;
  while (parent && parent !== body && parent.tag !== '#root') {
    const ps = finalScore.get(parent);
    if (ps === undefined) {
      parent = parent.parent;
      continue;
    }
    if (ps < threshold) break;
    if (ps > lastScore) {
      top = parent;
      break;
    }
    lastScore = ps;
    parent = parent.parent;
  }
  while (top.parent && top.parent !== body && top.parent.tag !== '#root' && elementChildren(top.parent).length === 1)
    top = top.parent;

  const topScore = finalScore.get(top) ?? 0;
  const blocks: El[] = [];
  const container = top.parent;
  if (!container) return { blocks: [top] };
  const siblingThreshold = Math.max(10, topScore * 0.2);
  const topClass = top.attrs.class ?? '';
  for (const sib of elementChildren(container)) {
    if (sib === top) {
      blocks.push(sib);
      continue;
    }
    let append = false;
    const bonus = topClass !== '' && sib.attrs.class === topClass ? topScore * 0.2 : 0;
    const ss = finalScore.get(sib);
    if (ss !== undefined && ss + bonus >= siblingThreshold) append = true;
    else if (ss === undefined && hasBlockChild(sib)) {
      // Paragraphs nested deeper than the five scored levels leave a sibling section unscored:
      // judge it by the prose it holds, more leniently when it is built like the top candidate.
      const prose = proseLength(sib, new Map());
      const ld = m.linkDensity(sib);
      if (ld < 0.25 && (prose >= 400 || (bonus > 0 && prose >= 100))) append = true;
    } else if (sib.tag === 'p' || (!hasBlockChild(sib) && !BLOCK_TAGS.has(sib.tag)) || !hasBlockChild(sib)) {
      const ld = m.linkDensity(sib);
      const len = m.stats(sib).len;
      if (len > 80 && ld < 0.25) append = true;
      else if (len < 80 && len > 0 && ld === 0 && /[.!?؟»"]\s*$/.test(textContent(sib))) append = true;
    }
    if (append) blocks.push(sib);
  }
  return { blocks };
}

/** Share of the text of `els` that sits inside links. */
export function linkDensityOf(els: El[]): number {
  const m = new Measure();
  let len = 0;
  let link = 0;
  for (const el of els) {
    const s = m.stats(el);
    len += s.len;
    link += el.tag === 'a' ? s.len : s.linkLen;
  }
  return len === 0 ? 0 : link / len;
}

function elementChildren(el: El): El[] {
  const out: El[] = [];
  for (const c of el.children) if (typeof c !== 'string') out.push(c);
  return out;
}

function isAncestor(anc: El, el: El): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === anc) return true;
  return false;
}

function textContent(el: El): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textContent(c);
  return s;
}

/** Conditional cleaning inside the chosen blocks (Readability's `_cleanConditionally`, adapted). */
export function cleanBlocks(blocks: El[]): void {
  const m = new Measure();
  for (const b of blocks) cleanConditionally(b, m, true);
}

const CONDITIONAL = new Set(['div', 'section', 'ul', 'ol', 'table', 'dl', 'figure', 'aside', 'header', 'footer']);

function cleanConditionally(el: El, m: Measure, isRoot: boolean): void {
  if (!isRoot && isEmbeddedPost(el)) return;
  // Children first so a container is judged on what survives inside it.
  for (let i = el.children.length - 1; i >= 0; i--) {
    const c = el.children[i];
    if (c === undefined || typeof c === 'string') continue;
    cleanConditionally(c, m, false);
  }
  if (isRoot) return;
  if (HEADINGS.has(el.tag) || el.tag === 'p' || el.tag === 'strong' || el.tag === 'b') {
    const t = textContent(el).replace(/\s+/g, ' ').trim();
    if (t.length < 80 && (RELATED_LEAD.test(t) || BOILERPLATE_WORD.test(t))) {
      const next = nextElement(el);
      if (next && m.linkDensity(next) > 0.3) removeNode(next);
      removeNode(el);
      return;
    }
  }
  if (HEADINGS.has(el.tag)) {
    if (classWeight(el) < 0 || m.linkDensity(el) > 0.5) removeNode(el);
    return;
  }
  if (el.tag === 'p' || el.tag === 'li' || el.tag === 'div' || el.tag === 'span') {
    const t = textContent(el).replace(/\s+/g, ' ').trim();
    // A paragraph that is nothing but a link is a pointer to another article ("<p><a>Headline</a></p>").
    if ((el.tag === 'p' || (el.tag === 'div' && !hasBlockChild(el))) && t.length > 0 && t.length < 200) {
      const st = statsFresh(el);
      if (st.linkLen / Math.max(1, st.len) >= 0.8) {
        removeNode(el);
        return;
      }
    }
    if (t.length < 120 && isDateLine(t)) {
      removeNode(el);
      return;
    }
    if (
      t.length < 200 &&
      (BOILERPLATE_LINE.test(t) ||
        BOILERPLATE_WORD.test(t) ||
        (t.length < 120 && (PAYWALL.test(t) || (DATE_LINE.test(t) && /\d|[\u0660-\u0669]/.test(t)))))
    ) {
      removeNode(el);
      return;
    }
  }
  if (!CONDITIONAL.has(el.tag)) return;
  const weight = classWeight(el);
  const s = statsFresh(el);
  if (weight < 0 && s.len < 1500) {
    removeNode(el);
    return;
  }
  if (s.commas >= 10) return;
  const ld = s.len === 0 ? 0 : s.linkLen / s.len;
  const counts = countTags(el);
  const isList = el.tag === 'ul' || el.tag === 'ol';
  let remove = false;
  if (counts.img > 1 && counts.p / counts.img < 0.5 && s.len < 200) remove = true;
  else if (!isList && counts.li > counts.p + 10 && s.len < 1000) remove = true;
  else if (counts.input > Math.floor(counts.p / 3)) remove = true;
  else if (!isList && s.len < 25 && (counts.img === 0 || counts.img > 2)) remove = true;
  else if (weight < 25 && ld > 0.2) remove = !(isList && ld < 0.5 && s.len > 200);
  else if (weight >= 25 && ld > 0.5) remove = true;
  else if (isList && ld > 0.5) remove = true;
  if (remove) removeNode(el);
}

/** A line of page chrome: "Lire aussi", "Partager", a paywall prompt... (for plain-text pages too). */
export function isChromeLine(t: string): boolean {
  return BOILERPLATE_LINE.test(t) || BOILERPLATE_WORD.test(t) || (t.length < 120 && PAYWALL.test(t));
}

/** A line announcing links to other articles: what follows it is not the article. */
export function startsRelatedBlock(t: string): boolean {
  return RELATED_LEAD.test(t);
}

const BYLINE_CUE =
  /(?:^|[\s(|•-])(?:publi\w*|posted|par|by|écrit|ecrit|mis à jour|updated|modifié|نشر|بتاريخ)(?![\p{L}\p{N}])/iu;

/**
 * A date with a byline cue or little else ("05/10/2018 - Publié par X", "Le 10/01/2023 à 10h13").
 * A sentence ("Le 12 mars 2020, la loi a été adoptée par le Parlement.") ends with a full stop.
 */
const MAX_DATE_LINE = 160;

export function isDateLine(t: string): boolean {
  if (!/\d|[\u0660-\u0669]/.test(t) || /[.!?؟:]$/.test(t)) return false;
  // A byline or date line is a line, not a paragraph: a paragraph that cites a deliberation "du 14
  // juillet 2015" carries a date and a cue word, and is still the article.
  if (t.length > MAX_DATE_LINE) return false;
  const dates = findDates(t);
  if (dates.length === 0) return false;
  if (BYLINE_CUE.test(t)) return true;
  let rest = t;
  for (const d of dates.reverse()) rest = `${rest.slice(0, d.index)} ${rest.slice(d.index + d.length)}`;
  return rest.split(/[\s,;:|•–-]+/).filter((w) => /\p{L}{2,}/u.test(w)).length <= 3;
}

function nextElement(el: El): El | null {
  const parent = el.parent;
  if (!parent) return null;
  const i = parent.children.indexOf(el);
  for (let j = i + 1; j < parent.children.length; j++) {
    const c = parent.children[j];
    if (c !== undefined && typeof c !== 'string') return c;
  }
  return null;
}

// Quoted social posts (tweets, Instagram) are part of what the article reports.
const EMBED_CLASS = /(?:^|\s)(?:twitter-tweet|instagram-media|tiktok-embed|fb-post)(?:\s|$)/;

function isEmbeddedPost(el: El): boolean {
  if (EMBED_CLASS.test(el.attrs.class ?? '')) return true;
  // A thin wrapper around an embed (`div.social-media-embed > blockquote.twitter-tweet`).
  for (let depth = 0, cur: El | undefined = el; cur && depth < 4; depth++) {
    const kids: El[] = cur.children.filter((c): c is El => typeof c !== 'string');
    if (kids.length !== 1) return false;
    cur = kids[0];
    if (cur && EMBED_CLASS.test(cur.attrs.class ?? '')) return true;
  }
  return false;
}

function statsFresh(el: El): Stats {
  return new Measure().stats(el);
}

function countTags(el: El): { p: number; img: number; li: number; input: number } {
  const out = { p: 0, img: 0, li: 0, input: 0 };
  const visit = (n: El) => {
    for (const c of n.children) {
      if (typeof c === 'string') continue;
      if (c.tag === 'p') out.p++;
      else if (c.tag === 'img') out.img++;
      else if (c.tag === 'li') out.li++;
      else if (c.tag === 'input') out.input++;
      visit(c);
    }
  };
  visit(el);
  return out;
}

/** Serializes blocks into paragraphs: block boundaries and line breaks end a paragraph. */
export function toParagraphs(blocks: Node[]): string[] {
  const paragraphs: string[] = [];
  let buf = '';
  const flush = () => {
    const t = buf.replace(/\s+/g, ' ').trim();
    if (t) paragraphs.push(t);
    buf = '';
  };
  const visit = (n: Node) => {
    if (typeof n === 'string') {
      buf += n;
      return;
    }
    if (n.tag === 'br' || n.tag === 'hr') {
      flush();
      return;
    }
    if (n.tag === 'img') return;
    const block = BLOCK_TAGS.has(n.tag);
    if (block) flush();
    else if (n.tag === 'td' || n.tag === 'th') buf += ' ';
    for (const c of n.children) visit(c);
    if (block) flush();
  };
  for (const b of blocks) visit(b);
  flush();
  return paragraphs;
}
