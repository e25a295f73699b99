import { describe, expect, it } from 'vitest';
import type { UnderstoodDocument } from '../types.ts';
import {
  addToSummary,
  type CaseSummary,
  decideLink,
  emptySummary,
  scoreCandidate,
  skeletonSimilarity,
} from './decide.ts';
import { type LinkFeatures, linkFeatures } from './features.ts';
import { makeDoc } from './test-factory.ts';
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

  it('meets an unknown company across scripts through its consonant skeleton', () => {
    const fr = makeDoc({
      id: 'doc_h_fr',
      publishedAt: '2025-03-11',
      title: 'Fuite chez Horizon Santé',
      text: 'Horizon Santé a perdu les dossiers de ses patients. La CNDP enquête sur Horizon Santé.',
      orgs: [
        { id: 'org:cndp', name: 'CNDP' },
        { id: 'org:x-horizon-sante', name: 'Horizon Santé' },
      ],
    });
    const ar = makeDoc({
      id: 'doc_h_ar',
      language: 'ar',
      publishedAt: '2025-03-12',
      title: 'تسريب لدى أوريزون صحة',
      text: 'فتحت اللجنة الوطنية تحقيقا مع أوريزون صحة بعد تسريب ملفات المرضى.',
      orgs: [
        { id: 'org:cndp', name: 'اللجنة الوطنية' },
        { id: 'org:x-اوريزون-صحه', name: 'أوريزون صحة' },
      ],
    });
    expect(skeletonSimilarity('hrzn', 'rzn')).toBe(0.75);
    expect(scoreCandidate(linkFeatures(ar), caseOf('c', fr)).subject).toBe(1);
    expect(decideLink(linkFeatures(ar), [caseOf('c', fr)]).primary?.caseId).toBe('c');
  });

  it('treats prosecutors and courts as machinery of enforcement, not as what a case is about', () => {
    const doc = makeDoc({
      id: 'doc_court',
      title: 'Le parquet saisi',
      text: 'Le parquet de Rabat a reçu le dossier. Le parquet a ouvert une enquête. Le tribunal fixera une date.',
      orgs: [
        { id: 'org:ma-prosecutor', name: 'parquet' },
        { id: 'org:tribunal-premiere-instance-rabat', name: 'tribunal' },
      ],
    });
    const f = linkFeatures(doc);
    expect(f.subjects).toEqual({});
    expect(f.orgIds).toEqual(['org:ma-prosecutor', 'org:tribunal-premiere-instance-rabat']);
  });
});
