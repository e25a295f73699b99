import { describe, expect, it } from 'vitest';
import { runLinkEval, scoreClustering } from './eval-link.ts';

describe('scoreClustering', () => {
  it('counts pairs, French–Arabic pairs and B-cubed, with null as a singleton', () => {
    const gold = ['a', 'a', 'a', 'b', null];
    const predicted = ['x', 'x', 'y', 'y', 'y'];
    const s = scoreClustering(gold, predicted, ['fr', 'ar', 'fr', 'ar', 'fr']);
    // Predicted pairs: (0,1) right; (2,3), (2,4), (3,4) wrong. Gold pairs: (0,1), (0,2), (1,2).
    expect(s.pairwise).toMatchObject({ truePairs: 1, predictedPairs: 4, goldPairs: 3 });
    expect(s.pairwise.precision).toBeCloseTo(0.25);
    expect(s.pairwise.recall).toBeCloseTo(1 / 3);
    expect(s.frArPairs).toMatchObject({ truePairs: 1, predictedPairs: 3, goldPairs: 2 });
    expect(s.bcubed.precision).toBeCloseTo((1 + 1 + 1 / 3 + 1 / 3 + 1 / 3) / 5);
    expect(s.bcubed.recall).toBeCloseTo((2 / 3 + 2 / 3 + 1 / 3 + 1 + 1) / 5);
  });
});

describe('linking on the gold case set', () => {
  // Relevance taken from the labels so this measures linking; `npm run eval` reports the end-to-end
  // figure with the pipeline's own relevance.
  it('reaches pairwise F1 ≥ 0.9 with no false merges, in date and shuffled order', async () => {
    for (const order of ['date', 'shuffle'] as const) {
      const r = await runLinkEval({ order, relevance: 'gold' });
      expect(r.documents).toBeGreaterThanOrEqual(30);
      expect(r.pairwise.f1).toBeGreaterThanOrEqual(0.9);
      expect(r.frArPairs.f1).toBeGreaterThanOrEqual(0.9);
      expect(r.pairwise.precision).toBe(1);
    }
  });
});
