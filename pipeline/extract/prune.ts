// Pruning before scoring (trafilatura-style): chrome goes by tag, ARIA role and class/id hint, each
// weighed against the share of the page's prose the element holds, so a wrapper with a misleading
// class that holds the article itself stays.
import {
  CAPTION_HINT,
  COMMENT_HINT,
  DROP_ROLES,
  DROP_TAGS,
  hintOf,
  isEmbeddedPost,
  isHidden,
  MAYBE_CANDIDATE,
  META_HINT,
  UNLIKELY,
} from './chrome.ts';
import type { El } from './dom.ts';
import { plainLength, proseLength } from './measure.ts';

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
