import { describe, expect, it } from 'vitest';
import type { UnderstoodDocument } from '../types.ts';
import { addToSummary, type CaseSummary, decideLink, emptySummary } from './decide.ts';
import { type LinkFeatures, linkFeatures } from './features.ts';
import {
  foreignAuthority,
  irrelevant,
  moratorium2019,
  moratorium2019Ar,
  moratoriumExtension,
  surveillance2025,
  telcoWithRecap,
  visaHearingAr,
  visaHearingArDuplicate,
  visaHearingFr,
  visaParliament,
  visaSanction,
} from './test-scenarios.ts';

function caseOf(id: string, ...docs: UnderstoodDocument[]): CaseSummary {
  return docs.reduce((s, d) => addToSummary(s, linkFeatures(d)), emptySummary(id));
}

describe('linkFeatures', () => {
  it('keeps the company as subject and the regulator apart', () => {
    const f = linkFeatures(visaHearingFr);
    expect(Object.keys(f.subjects)).toEqual(['org:visa-centre']);
    expect(f.regulatorIds).toEqual(['org:cndp']);
    expect(f.laws['ma-law-09-08']).toBeLessThan(0.1);
    expect(f.date).toBe('2023-01-09');
  });

  it('treats a passing mention as an organization, not a subject', () => {
    const f = linkFeatures(telcoWithRecap);
    expect(Object.keys(f.subjects)).toEqual(['org:telenord']);
    expect(f.orgIds).toContain('org:visa-centre');
  });

  it('notices words that point back to an earlier step', () => {
    expect(linkFeatures(moratoriumExtension).refersBack).toBe(true);
    expect(linkFeatures(moratorium2019).refersBack).toBe(false);
  });
});

describe('decideLink', () => {
  const visa = caseOf('case_visa', visaHearingFr);
  const mora = caseOf('case_mora', moratorium2019);

  it('joins French and Arabic coverage of one hearing through ids and dates', () => {
    const d = decideLink(linkFeatures(visaHearingAr), [mora, visa]);
    expect(d.primary?.caseId).toBe('case_visa');
    const ar = decideLink(linkFeatures(moratorium2019Ar), [visa, mora]);
    expect(ar.primary?.caseId).toBe('case_mora');
  });

  it('joins a near-duplicate to the case of its original whatever its features', () => {
    const withAr = addToSummary(visa, linkFeatures(visaHearingAr));
    const copy: LinkFeatures = linkFeatures(visaHearingArDuplicate, { duplicateOf: visaHearingAr.id });
    expect(decideLink(copy, [mora, withAr]).primary).toEqual({ caseId: 'case_visa', score: 1 });
  });

  it('joins a follow-up months later that refers back', () => {
    expect(decideLink(linkFeatures(visaSanction), [visa, mora]).primary?.caseId).toBe('case_visa');
    expect(decideLink(linkFeatures(moratoriumExtension), [visa, mora]).primary?.caseId).toBe('case_mora');
  });

  it('keeps the same topic years later apart (moratorium 2019 vs surveillance hearings 2025)', () => {
    const d = decideLink(linkFeatures(surveillance2025), [
      mora,
      caseOf('case_mora_full', moratorium2019, moratoriumExtension),
    ]);
    expect(d.primary).toBeNull();
  });

  it('keeps a parliamentary question about the company, without the regulator, apart', () => {
    const full = caseOf('case_visa', visaHearingFr, visaHearingAr, visaSanction);
    expect(decideLink(linkFeatures(visaParliament), [full]).primary).toBeNull();
  });

  it("keeps another country's authority apart even for the same company and month", () => {
    const full = caseOf('case_visa', visaHearingFr, visaHearingAr);
    expect(decideLink(linkFeatures(foreignAuthority), [full]).primary).toBeNull();
  });

  it('records a passing mention of another case without joining it', () => {
    const d = decideLink(linkFeatures(telcoWithRecap), [visa, mora]);
    expect(d.primary).toBeNull();
    expect(d.mentions).toEqual(['case_visa']);
  });

  it('puts irrelevant documents in no case', () => {
    expect(decideLink(linkFeatures(irrelevant), [visa, mora])).toEqual({ primary: null, mentions: [], bridges: [] });
  });

  it('never auto-joins a case an analyst split off', () => {
    const closed = { ...caseOf('case_split', visaHearingFr), acceptsAutoJoin: false };
    expect(decideLink(linkFeatures(visaHearingAr), [closed]).primary).toBeNull();
  });
});
