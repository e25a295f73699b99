import { describe, expect, it } from 'vitest';
import { aggregate, shingleCounts } from './metric.ts';

describe('shingle metric', () => {
  it('counts shared and extra 4-token shingles, normalized per page', () => {
    // Truth: 6 tokens → 3 shingles. Prediction: same 6 tokens + 2 extra → 5 shingles, 3 shared.
    const c = shingleCounts('a b c d e f', 'a b c d e f g h');
    expect(c.tp).toBeCloseTo(3 / 5);
    expect(c.fp).toBeCloseTo(2 / 5);
    expect(c.fn).toBe(0);
  });

  it('uses multiset counts and Unicode word tokens', () => {
    const truth = 'واحد اثنان ثلاثة أربعة واحد اثنان ثلاثة أربعة';
    const c = shingleCounts(truth, 'واحد، اثنان! ثلاثة... أربعة');
    // Truth has 5 shingles (one repeated twice); the prediction matches one occurrence.
    expect(c.tp).toBeCloseTo(1 / 5);
    expect(c.fn).toBeCloseTo(4 / 5);
  });

  it('gives short texts a single short shingle, like the reference implementation', () => {
    expect(shingleCounts('deux mots', 'deux mots')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(shingleCounts('', '')).toEqual({ tp: 0, fp: 0, fn: 0 });
  });

  it('averages precision and recall over pages, skipping undefined ones, then takes F1', () => {
    const pages = [
      { tp: 0.5, fp: 0.5, fn: 0 },
      { tp: 0, fp: 0, fn: 1 }, // empty prediction: no precision, recall 0
    ];
    const r = aggregate(pages);
    expect(r.precision).toBeCloseTo(0.5);
    expect(r.recall).toBeCloseTo(0.5);
    expect(r.f1).toBeCloseTo(0.5);
  });
});
