// A pre-normalized, lightly stemmed Arabic form of each document, indexed next to the original text.
//
// Meilisearch's tokenizer (charabia) segments Arabic but neither strips proclitics nor stems, so
// "والشركة", "بالشركات" and "الشركة" are three unrelated words to it. We index a second field where
// each Arabic word is reduced the same way the query is (see `normalizeArabicQuery`): letters and
// digits normalized (pipeline/normalize.ts), the conjunctions و/ف, the prepositions ب/ك/ل and the
// article ال split off, and a Light10-style suffix strip (Larkey, Ballesteros & Connell 2002,
// "Improving stemming for Arabic information retrieval"). Light stemming over-conflates a little;
// the original field still ranks exact words higher because it comes first in searchableAttributes.
import { normalizeArabic, toLatinDigits } from '../pipeline/normalize.ts';

const ARABIC_WORD = /[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u06f0-\u06f9]+/gu;
const HAS_ARABIC = /[\u0600-\u06ff]/u;

// Longest first; each only when enough of the word remains to still be a word (Light10 rules).
const ARTICLE_PREFIXES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال'] as const;
const SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'] as const;

/** Reduce one already-normalized Arabic word to its light stem. */
export function stemArabicWord(word: string): string {
  let w = word;
  // A lone و or ف before a longer word is almost always the conjunction.
  if (w.length > 3 && (w.startsWith('و') || w.startsWith('ف')) && !ARTICLE_PREFIXES.some((p) => w.startsWith(p))) {
    w = w.slice(1);
  }
  for (const p of ARTICLE_PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= 2) {
      w = w.slice(p.length);
      break;
    }
  }
  // Prepositions ب/ك/ل glued to a noun without the article (بشركة، لشركة).
  if (w.length > 4 && (w.startsWith('ب') || w.startsWith('ك') || w.startsWith('ل'))) w = w.slice(1);
  for (const s of SUFFIXES) {
    if (w.length - s.length >= 3 && w.endsWith(s)) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  return w;
}

/** The indexed form: every Arabic word normalized and stemmed; digits Latin; other scripts dropped. */
export function normalizeArabicForIndex(text: string): string {
  if (!HAS_ARABIC.test(text)) return '';
  const normalized = toLatinDigits(normalizeArabic(text));
  const out: string[] = [];
  for (const m of normalized.matchAll(ARABIC_WORD)) out.push(stemArabicWord(m[0]));
  // Digits matter for law numbers written in Arabic text ("القانون 09.08").
  for (const m of normalized.matchAll(/\d+/g)) out.push(m[0]);
  return out.join(' ');
}

/**
 * Rewrite a user query so its Arabic words meet the stemmed field: each Arabic word whose stem differs
 * is replaced by the stem (the original would only match the unstemmed field, and Meilisearch
 * requires every query word to match somewhere). Latin words and numbers pass through unchanged.
 */
export function normalizeArabicQuery(q: string): string {
  if (!HAS_ARABIC.test(q)) return q;
  return toLatinDigits(normalizeArabic(q)).replace(ARABIC_WORD, (w) => stemArabicWord(w));
}
