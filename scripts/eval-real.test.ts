// The real-coverage floor: ../shared/eval-real is read at run time (its texts are never copied into
// the project) and run through the import path. The thresholds are what this version reaches, so a
// change that breaks linking, dating or recognition on real text fails here.
import { describe, expect, it } from 'vitest';
import { runRealEval } from './eval-real.ts';

describe('eval --corpus real', () => {
  it('links real French and Arabic coverage into cases, keeps distractors out and never dates by import time', async () => {
    const r = await runRealEval();
    expect(r.documents).toBe(80);
    expect(r.dates.importTime).toBe(0);
    expect(r.dates.right).toBe(r.dates.goldDated);
    expect(r.cases.distractorsInCases).toBe(0);
    expect(r.cases.relevantWithoutCase).toBe(0);
    expect(r.cases.pairwise.f1).toBeGreaterThanOrEqual(0.9);
    expect(r.cases.frArPairs.recall).toBeGreaterThanOrEqual(0.85);
    expect(r.entities.organizations?.recall).toBeGreaterThanOrEqual(0.9);
    expect(r.entities.laws?.f1).toBeGreaterThanOrEqual(0.95);
  });
});
