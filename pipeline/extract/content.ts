// Main-content selection. The approach follows the two extractors that score best on public
// benchmarks, re-implemented here: Readability's paragraph scoring with candidate climbing and
// sibling merging (https://github.com/mozilla/readability), preceded by trafilatura-style pruning of
// boilerplate by tag, role and class/id hints (prune.ts) and followed by conditional cleaning of
// link-heavy or chrome-looking blocks inside the chosen container (clean.ts).
import { classWeight } from './chrome.ts';
import type { El, Node } from './dom.ts';
import {
  BLOCK_TAGS,
  countCommas,
  elementChildren,
  HEADINGS,
  hasBlockChild,
  isAncestor,
  Measure,
  proseLength,
  textContent,
} from './measure.ts';

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
