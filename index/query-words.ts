// The words of queries and of the names and labels they are matched against, compared through one key
// per word — French/English folded (case, accents, plural -s, feminine -e), Arabic normalized and
// lightly stemmed the way the index stems `norm_ar` — with stop words dropped on both sides. Names
// the lookup does not know exactly are compared by consonant skeleton (pipeline/entities), so
// "Wikaytna" meets "Wiqaytna" and "تي إل إس كونتاكت" meets TLScontact.
import { consonantSkeleton } from '../pipeline/entities/index.ts';
import { foldFrench, normalizeArabic, toLatinDigits } from '../pipeline/normalize.ts';
import type { Token } from '../pipeline/thesaurus/index.ts';
import { stemArabicWord } from './arabic.ts';

export const ARABIC = /[\u0600-\u06ff]/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

const LATIN_STOP = new Set(
  (
    'le la les l de des du d un une et ou a au aux en pour par sur dans avec sans ce cet cette ces son sa ses ' +
    'leur leurs qui que qu se s est sont y ne pas plus the of for and to in on an with by from at is are be as its this that'
  ).split(' '),
);
const ARABIC_STOP = new Set(
  'في من على إلى الى عن مع ذات هذا هذه التي الذي الذين و أو او ثم قد كما بعد قبل حول ضد عبر لدى بين عند'
    .split(' ')
    .map((w) => toLatinDigits(normalizeArabic(w))),
);

/** The comparison key of one word, or '' for a stop word. */
export function wordKey(word: string): string {
  if (ARABIC.test(word)) {
    const n = toLatinDigits(normalizeArabic(word));
    if (ARABIC_STOP.has(n)) return '';
    return stemArabicWord(n);
  }
  let w = foldFrench(word);
  if (LATIN_STOP.has(w)) return '';
  if (/^\d+$/.test(w)) return w;
  if (w.length > 3 && /[sx]$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  for (const m of s.replace(/[’‘`´]/g, "'").matchAll(WORD)) {
    const key = wordKey(m[0]);
    if (key) out.push({ text: m[0], key });
  }
  return out;
}

/** The keys of a text's words, joined: two spellings of one phrase give the same string. */
export function tokenizeKey(s: string): string {
  return tokenize(s)
    .map((t) => t.key)
    .join(' ');
}

/** Skeletons fold the letters transliteration swaps most (g/j/q: غ, ج, ق and Latin g). */
export function skeletonKey(name: string): string {
  return consonantSkeleton(name).replace(/[jqg]/g, 'g');
}
export const MIN_SKELETON = 3;

/** Names of one or two characters ("X") would match stray letters; they need their full entry. */
export function usableName(n: string): boolean {
  return n.replace(/\s+/g, '').length > 2;
}
