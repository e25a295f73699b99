// Conditional cleaning inside the chosen blocks (Readability's `_cleanConditionally`, adapted): link
// lists, related-article leads, bylines, date lines, paywall prompts and thin or link-heavy
// containers are removed from what selection kept.
import {
  BOILERPLATE_LINE,
  BOILERPLATE_WORD,
  classWeight,
  DATE_LINE,
  isDateLine,
  isEmbeddedPost,
  PAYWALL,
  RELATED_LEAD,
} from './chrome.ts';
import { type El, removeNode } from './dom.ts';
import { HEADINGS, hasBlockChild, Measure, nextElement, type Stats, textContent } from './measure.ts';

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
