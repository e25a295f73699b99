// Exact and near-duplicate detection across outlets.
//
// CNDP communiqués travel through the state agency and are reprinted near-verbatim by dozens of
// sites, each adding its own intro, byline and related-article links. Exact copies share a
// content hash of the normalized text; reprints share most of their word 5-shingles, which MinHash
// (128 permutations) estimates and LSH banding (32 bands × 4 rows) turns into store lookups: two
// texts with Jaccard 0.5 share a band with probability 1 − (1 − 0.5⁴)³² ≈ 0.87, at 0.7 ≈ 0.9998,
// at 0.2 only ≈ 0.05. Everything here is pure; the store looks candidates up by `lshKeys`.
// Reference: Leskovec, Rajaraman & Ullman, Mining of Massive Datasets, ch. 3.
import { createHash } from 'node:crypto';
import { normalizeForMatch } from './normalize.ts';
import { mulberry32 } from './random.ts';

export const MINHASH_PERMUTATIONS = 128;
export const LSH_BANDS = 32;
const LSH_ROWS = 4;
const SHINGLE_WORDS = 5;
/**
 * Estimated Jaccard from which a document is a reprint. Measured on the fixtures of dedupe.test.ts:
 * reprints with another intro, byline and related links 0.78, a desk-edited reprint (one sentence
 * rewritten, one dropped) 0.59, an Arabic reprint 0.89; a different story built on the same
 * communiqué template 0.21, another story about the same company 0. A rewrite of the same news in
 * other words is a separate document of the same case (the case linker's job), not a duplicate.
 */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.5;

const EMPTY = 0xffffffff;

/** Words of the normalized text: what both the hash and the shingles see. */
function words(text: string): string[] {
  return normalizeForMatch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** sha256 of the normalized words: equal for copies that differ only in case, accents, spacing, punctuation. */
export function contentHash(text: string): string {
  return createHash('sha256').update(words(text).join(' ')).digest('hex');
}

// Deterministic permutation parameters (mulberry32 from a fixed seed): signatures stored today must
// compare with signatures computed next year.
const random = mulberry32(0x5eed_2026);
const XOR_SEEDS = new Uint32Array(MINHASH_PERMUTATIONS);
const MULTIPLIERS = new Uint32Array(MINHASH_PERMUTATIONS);
const OFFSETS = new Uint32Array(MINHASH_PERMUTATIONS);
for (let i = 0; i < MINHASH_PERMUTATIONS; i++) {
  XOR_SEEDS[i] = random();
  MULTIPLIERS[i] = random() | 1;
  OFFSETS[i] = random();
}

/** murmur3's 32-bit finalizer: a bijection that spreads every input bit over the output. */
function fmix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a over UTF-16 code units, finalized. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/**
 * MinHash signature over word 5-shingles of the normalized text (texts shorter than five words
 * are one shingle). An empty text gives all 0xffffffff, which `lshKeys` and `estimateJaccard`
 * treat as "nothing to compare".
 */
export function minhashSignature(text: string): Uint32Array {
  const sig = new Uint32Array(MINHASH_PERMUTATIONS).fill(EMPTY);
  const w = words(text);
  if (w.length === 0) return sig;
  const shingles = new Set<number>();
  if (w.length < SHINGLE_WORDS) shingles.add(hashString(w.join(' ')));
  for (let i = 0; i + SHINGLE_WORDS <= w.length; i++) {
    shingles.add(hashString(w.slice(i, i + SHINGLE_WORDS).join(' ')));
  }
  for (const x of shingles) {
    for (let p = 0; p < MINHASH_PERMUTATIONS; p++) {
      // A distinct bijection of the 32-bit space per permutation: xor, odd multiply, add, mix.
      const h = fmix32((Math.imul((x ^ XOR_SEEDS[p]!) >>> 0, MULTIPLIERS[p]!) + OFFSETS[p]!) >>> 0);
      if (h < sig[p]!) sig[p] = h;
    }
  }
  return sig;
}

function isEmpty(sig: Uint32Array): boolean {
  for (let i = 0; i < sig.length; i++) if (sig[i] !== EMPTY) return false;
  return true;
}

/** One key per band, `"<band>:<hex hash of its rows>"`; none for an empty signature. */
export function lshKeys(sig: Uint32Array): string[] {
  if (sig.length !== LSH_BANDS * LSH_ROWS || isEmpty(sig)) return [];
  const keys: string[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = 0x9747b28c ^ b;
    for (let r = 0; r < LSH_ROWS; r++) h = fmix32(Math.imul(h ^ sig[b * LSH_ROWS + r]!, 0x01000193));
    keys.push(`${String(b).padStart(2, '0')}:${h.toString(16).padStart(8, '0')}`);
  }
  return keys;
}

/** Share of equal positions: an unbiased estimate of the Jaccard similarity of the shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0 || isEmpty(a) || isEmpty(b)) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

export interface DuplicateCandidate {
  id: string;
  contentHash: string;
  signature: Uint32Array;
  publishedAt: string | null;
  sourceKind: 'regulator' | 'press' | 'aggregator';
}

export interface DuplicateDecision {
  /** The cluster's canonical member when it is not `doc` itself; null when `doc` is unique or canonical. */
  duplicateOf: string | null;
  /** Best similarity between `doc` and a candidate (1 for an exact copy), 0 when none compares. */
  similarity: number;
}

function publishedTime(value: string | null): number {
  if (value === null) return Number.POSITIVE_INFINITY;
  const t = Date.parse(value);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/**
 * Canonical order within a cluster: the regulator's own text first (it is the source the press
 * copies), then the earliest published, then the smallest id so the choice is stable.
 */
function compareCanonical(a: DuplicateCandidate, b: DuplicateCandidate): number {
  const ra = a.sourceKind === 'regulator' ? 0 : 1;
  const rb = b.sourceKind === 'regulator' ? 0 : 1;
  if (ra !== rb) return ra - rb;
  const ta = publishedTime(a.publishedAt);
  const tb = publishedTime(b.publishedAt);
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Decides whether `doc` repeats one of `candidates` (found through shared LSH keys). The matches
 * at or above `threshold` form the cluster with `doc`; its canonical member is the regulator's
 * text, else the earliest published.
 */
export function chooseDuplicate(
  doc: DuplicateCandidate,
  candidates: DuplicateCandidate[],
  threshold: number = DEFAULT_DUPLICATE_THRESHOLD,
): DuplicateDecision {
  let similarity = 0;
  const cluster: DuplicateCandidate[] = [doc];
  for (const candidate of candidates) {
    if (candidate.id === doc.id) continue;
    const s = candidate.contentHash === doc.contentHash ? 1 : estimateJaccard(doc.signature, candidate.signature);
    if (s > similarity) similarity = s;
    if (s >= threshold) cluster.push(candidate);
  }
  if (cluster.length === 1) return { duplicateOf: null, similarity };
  cluster.sort(compareCanonical);
  const canonical = cluster[0]!;
  return { duplicateOf: canonical.id === doc.id ? null : canonical.id, similarity };
}
