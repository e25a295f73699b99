// Measures on the tiny DOM that content selection and cleaning share: block structure, text and
// link lengths, commas (Readability's signals), and the prose a subtree holds.
import { DROP_TAGS, isHidden } from './chrome.ts';
import type { El } from './dom.ts';

export const BLOCK_TAGS = new Set([
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

export const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

export function hasBlockChild(el: El): boolean {
  for (const c of el.children) if (typeof c !== 'string' && (BLOCK_TAGS.has(c.tag) || hasBlockChild(c))) return true;
  return false;
}

export interface Stats {
  /** Normalized text length. */
  len: number;
  /** Text length inside links. */
  linkLen: number;
  commas: number;
}

/** Per-extraction caches; the tree is mutated between phases, so each phase gets a fresh one. */
export class Measure {
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

export function countCommas(t: string): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 44 || c === 0x60c || c === 0xff0c) n++;
  }
  return n;
}

/**
 * Length of the text that reads like prose (paragraphs, long text runs) under each element.
 * Class hints are only trusted for elements that do not hold most of the page's prose: a wrapper
 * called `container penci_sidebar` or `l-sidebar-fixed l-article-body` can hold the article itself.
 */
export function proseLength(el: El, out: Map<El, number>): number {
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

export function plainLength(el: El): number {
  let n = 0;
  for (const c of el.children) n += typeof c === 'string' ? c.trim().length : plainLength(c);
  return n;
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

export function elementChildren(el: El): El[] {
  const out: El[] = [];
  for (const c of el.children) if (typeof c !== 'string') out.push(c);
  return out;
}

export function isAncestor(anc: El, el: El): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === anc) return true;
  return false;
}

export function textContent(el: El): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textContent(c);
  return s;
}

export function nextElement(el: El): El | null {
  const parent = el.parent;
  if (!parent) return null;
  const i = parent.children.indexOf(el);
  for (let j = i + 1; j < parent.children.length; j++) {
    const c = parent.children[j];
    if (c !== undefined && typeof c !== 'string') return c;
  }
  return null;
}
