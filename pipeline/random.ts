// Seeded pseudo-random numbers (mulberry32, a public-domain 32-bit generator by Tommy Ettinger):
// the same seed gives the same sequence on every machine and every release. MinHash permutations
// depend on it (signatures stored today must compare with signatures computed next year), and so do
// the generated test corpora and benchmark archives.

/** Uniform 32-bit unsigned integers. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Uniform numbers in [0, 1), as `Math.random` but from a seed. */
export function seededRandom(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}
