import { describe, expect, it } from 'vitest';
import {
  irrelevant,
  moratorium2019,
  surveillance2025,
  visaHearingAr,
  visaHearingFr,
  visaSanction,
} from '../../test/link-scenarios.ts';
import type { UnderstoodDocument } from '../types.ts';
import { type LinkFeatures, linkFeatures } from './features.ts';
import { type LinkContext, planLink, settleTarget } from './plan.ts';
import { addToSummary, type CaseSummary, emptySummary } from './summary.ts';

function caseOf(id: string, ...docs: UnderstoodDocument[]): CaseSummary {
  return docs.reduce((s, d) => addToSummary(s, linkFeatures(d)), emptySummary(id));
}

function context(candidates: CaseSummary[], extra: Partial<LinkContext> = {}): LinkContext {
  const members = new Map<string, LinkFeatures[]>();
  return {
    candidates,
    generic: new Set(),
    termWeights: {},
    duplicateCaseId: null,
    membersOf: (id) => members.get(id) ?? [],
    isPinned: () => false,
    ...extra,
  };
}

describe('planLink: the linking policy as a plan', () => {
  it('keeps an irrelevant page out of cases', () => {
    expect(planLink(linkFeatures(irrelevant), context([caseOf('c', visaHearingFr)]))).toEqual({
      action: 'none',
      mentions: [],
    });
  });

  it('joins the Arabic report of a hearing to the French one', () => {
    const plan = planLink(linkFeatures(visaHearingAr), context([caseOf('c_visa', visaHearingFr)]));
    expect(plan).toMatchObject({ action: 'join', caseId: 'c_visa', absorb: [] });
  });

  it('founds a case for a matter no candidate claims', () => {
    const plan = planLink(linkFeatures(surveillance2025), context([caseOf('c_visa', visaHearingFr)]));
    expect(plan).toMatchObject({ action: 'found', caseId: null });
  });

  it('sends a near-duplicate where its original went, whatever its own features say', () => {
    const plan = planLink(
      linkFeatures(moratorium2019),
      context([caseOf('c_visa', visaHearingFr)], { duplicateCaseId: 'c_visa' }),
    );
    expect(plan).toMatchObject({ action: 'join', caseId: 'c_visa', score: 1 });
  });

  it('absorbs a small case the grown matter claims, unless analysts pinned it', () => {
    const split = caseOf('c_small', visaHearingAr);
    const members = (id: string) => [linkFeatures(id === 'c_small' ? visaHearingAr : visaHearingFr)];
    const base = [caseOf('c_visa', visaHearingFr), split];
    const plan = planLink(linkFeatures(visaSanction), context(base, { membersOf: members }));
    expect(plan.action).toBe('join');
    if (plan.action === 'none') return;
    const other = plan.caseId === 'c_visa' ? 'c_small' : 'c_visa';
    expect(plan.absorb).toEqual([other]);
    const pinned = planLink(
      linkFeatures(visaSanction),
      context(base, { membersOf: members, isPinned: (id) => id === other }),
    );
    expect(pinned.action !== 'none' && pinned.absorb).toEqual([]);
  });
});

describe('planLink: two grown threads of one matter', () => {
  const copy = (doc: UnderstoodDocument, i: number) => ({ ...doc, id: `${doc.id}_${i}` });
  const thread = (id: string, ...docs: UnderstoodDocument[]) => ({ summary: caseOf(id, ...docs), docs });
  const french = thread('c_fr', ...[1, 2, 3, 4, 5].map((i) => copy(visaHearingFr, i)));
  const bridging = copy(visaHearingAr, 0);

  function plan(other: { summary: CaseSummary; docs: UnderstoodDocument[] }) {
    const members = new Map([
      ['c_fr', french.docs.map((d) => linkFeatures(d))],
      [other.summary.caseId, other.docs.map((d) => linkFeatures(d))],
    ]);
    return planLink(
      linkFeatures(bridging),
      context([french.summary, other.summary], { membersOf: (id) => members.get(id) ?? [] }),
    );
  }

  it('merges them when a report belongs to both and each report of the smaller belongs to the larger', () => {
    const arabic = thread('c_ar', ...[1, 2, 3, 4].map((i) => copy(visaHearingAr, i)));
    const p = plan(arabic);
    expect(p.action).toBe('join');
    if (p.action === 'none') return;
    expect([p.caseId, ...p.absorb].sort()).toEqual(['c_ar', 'c_fr']);
  });

  it('keeps them apart when the smaller holds reports the larger does not claim', () => {
    const mixed = thread('c_mixed', copy(visaHearingAr, 1), copy(visaHearingAr, 2), moratorium2019, surveillance2025);
    const p = plan(mixed);
    expect(p.action).toBe('join');
    if (p.action === 'none') return;
    expect(p.absorb).toEqual([]);
  });
});

describe('settleTarget: small cases a batch founded too early', () => {
  it('sends a one-report case to the matter that now claims it, and nowhere else', () => {
    const early = caseOf('c_early', visaHearingAr);
    const matter = caseOf('c_visa', visaHearingFr, visaSanction);
    const other = caseOf('c_moratorium', moratorium2019, surveillance2025);
    const members = [linkFeatures(visaHearingAr)];
    expect(settleTarget(early, members, [other, matter, early])).toBe('c_visa');
    expect(settleTarget(early, members, [other])).toBeNull();
  });

  it('never moves a case into a smaller one, nor a case analysts closed to automatic joins', () => {
    const early = caseOf('c_early', visaHearingAr, visaSanction);
    const members = [linkFeatures(visaHearingAr), linkFeatures(visaSanction)];
    expect(settleTarget(early, members, [caseOf('c_visa', visaHearingFr)])).toBeNull();
    const closed = { ...caseOf('c_visa', visaHearingFr, visaSanction, visaHearingFr), acceptsAutoJoin: false };
    expect(settleTarget(caseOf('c_early', visaHearingAr), [linkFeatures(visaHearingAr)], [closed])).toBeNull();
  });
});
