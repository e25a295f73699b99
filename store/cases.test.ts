import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linkInputOf } from '../pipeline/link/index.ts';
import type { UnderstoodDocument } from '../pipeline/types.ts';
import { makeDoc } from '../test/link-factory.ts';
import {
  irrelevant,
  moratorium2019,
  moratorium2019Ar,
  moratoriumExtension,
  surveillance2025,
  telcoWithRecap,
  visaHearingAr,
  visaHearingArDuplicate,
  visaHearingFr,
  visaSanction,
} from '../test/link-scenarios.ts';
import { mergeCases, renameCase, splitDocument } from './case-curation.ts';
import { linkNewDocument, relinkAll, settleCases } from './case-linking.ts';
import { caseIdsForDocument, curationLog, getCase, getCaseRecord, listCases } from './cases.ts';
import { type Db, openDb } from './db.ts';

let dir: string;
let db: Db;
const now = new Date('2023-02-01T00:00:00Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'raqib-cases-'));
  db = openDb(dir);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function link(doc: UnderstoodDocument, duplicateOf: string | null = null) {
  return linkNewDocument(
    db,
    linkInputOf(doc, { duplicateOf, sourceKind: doc.sourceId.startsWith('cndp') ? 'regulator' : 'press' }),
    { now },
  );
}

function memberships(): Record<string, string | null> {
  const ids = db.prepare('SELECT document_id FROM case_documents ORDER BY document_id').pluck().all() as string[];
  return Object.fromEntries(ids.map((id) => [id, caseIdsForDocument(db, id).caseId]));
}

function linkAll() {
  for (const d of [visaHearingFr, moratorium2019, visaHearingAr, moratorium2019Ar, irrelevant, telcoWithRecap]) link(d);
  link(visaHearingArDuplicate, visaHearingAr.id);
  for (const d of [moratoriumExtension, visaSanction, surveillance2025]) link(d);
}

describe('store/cases: linking', () => {
  it('links incrementally: FR+AR, duplicates and follow-ups join; negatives and irrelevant stay apart', () => {
    const first = link(visaHearingFr);
    expect(first.created).toBe(true);
    const ar = link(visaHearingAr);
    expect(ar).toMatchObject({ caseId: first.caseId, created: false });
    expect(link(visaHearingArDuplicate, visaHearingAr.id).caseId).toBe(first.caseId);
    expect(link(irrelevant)).toEqual({ caseId: null, mentionedCaseIds: [], created: false, mergedCaseIds: [] });
    const telco = link(telcoWithRecap);
    expect(telco.caseId).not.toBe(first.caseId);
    expect(telco.mentionedCaseIds).toEqual([first.caseId]);
    expect(link(visaSanction).caseId).toBe(first.caseId);
    const mora = link(moratorium2019);
    expect(link(moratoriumExtension).caseId).toBe(mora.caseId);
    expect(link(surveillance2025).caseId).not.toBe(mora.caseId);
    expect(caseIdsForDocument(db, telcoWithRecap.id)).toEqual({
      caseId: telco.caseId,
      mentionedCaseIds: [first.caseId],
    });
  });

  it('finds a follow-up months later through the matter’s own words', () => {
    const registers =
      'Les registres des visiteurs de la coopérative laitière conservaient les photocopies des cartes sans limite de durée, ont relevé les contrôleurs.';
    linkAll(); // an archive, so that words have a rarity
    const first = link(
      makeDoc({
        id: 'doc_coop_first',
        publishedAt: '2024-04-04',
        text: registers,
        events: [{ type: 'inspection', date: '2024-04-02' }],
      }),
    );
    // Six months on, no company and the step undated: only the words lead back to the matter.
    const later = makeDoc({
      id: 'doc_coop_later',
      publishedAt: '2024-10-10',
      text: `Faisant suite à son contrôle, la commission relève que ${registers.toLowerCase()}`,
      events: [{ type: 'inspection' }],
    });
    expect(link(later).caseId).toBe(first.caseId);
  });

  it('lets general coverage join the matter it names, but never start a case of its own', () => {
    const visa = link(visaHearingFr).caseId;
    const interview = makeDoc({
      id: 'doc_interview',
      publishedAt: '2023-01-20',
      title: 'Le président de la CNDP fait le point sur la loi 09-08',
      text: "Dans un entretien, le président de la CNDP revient sur dix ans d'application de la loi 09-08 et sur la réforme annoncée.",
      orgs: [{ id: 'org:cndp', name: 'CNDP' }],
      laws: [{ id: 'ma-law-09-08', kind: 'law' }],
    });
    const result = link(interview);
    expect(result.caseId).toBeNull();
    expect(result.created).toBe(false);
    expect(getCase(db, visa ?? '')?.documentCount).toBe(1);
    expect(listCases(db).total).toBe(1);
  });

  it('attaches an earlier small case once a later document shows it is the same matter', () => {
    const alpha = { id: 'org:alpha', name: 'AlphaPay' };
    const ministry = { id: 'org:ministry', name: 'الوزارة' };
    const a = makeDoc({
      id: 'doc_alpha_fr',
      publishedAt: '2024-03-01',
      title: 'AlphaPay dans le viseur de la CNDP',
      text: 'La CNDP examine les pratiques de AlphaPay. AlphaPay promet de coopérer.',
      orgs: [{ id: 'org:cndp', name: 'CNDP' }, alpha],
    });
    // Arabic report of the leak that names no company: nothing ties it to AlphaPay yet.
    const b = makeDoc({
      id: 'doc_leak_ar',
      language: 'ar',
      publishedAt: '2024-03-02',
      title: 'تسريب معطيات زبناء',
      text: 'تسربت معطيات آلاف الزبناء يوم 2 مارس وانتشرت على مواقع التواصل حسب بلاغ الوزارة.',
      orgs: [{ id: 'org:cndp', name: 'اللجنة الوطنية' }, ministry],
      events: [{ type: 'data_breach', date: '2024-03-02' }],
    });
    const c = makeDoc({
      id: 'doc_alpha_leak_fr',
      publishedAt: '2024-03-03',
      title: 'Fuite chez AlphaPay',
      text: 'AlphaPay confirme la fuite du 2 mars signalée par le ministère. La CNDP enquête sur AlphaPay.',
      orgs: [{ id: 'org:cndp', name: 'CNDP' }, alpha, { id: 'org:ministry', name: 'ministère' }],
      events: [{ type: 'data_breach', date: '2024-03-02' }],
    });
    const first = link(a).caseId as string;
    const leak = link(b).caseId as string;
    expect(leak).not.toBe(first);
    const joined = link(c);
    expect(joined).toMatchObject({ caseId: first, mergedCaseIds: [leak] });
    expect(caseIdsForDocument(db, b.id).caseId).toBe(first);
    expect(getCase(db, leak)).toMatchObject({ id: first, redirectedFrom: leak, documentCount: 3 });
    expect(getCaseRecord(db, leak, now)?.documents.map((g) => g.language)).toEqual(['ar', 'fr']);
  });

  it('settles a small case a batch founded too early into the matter that now claims it', () => {
    const matter = link(visaHearingFr).caseId as string;
    link(visaSanction);
    // Linked with a bar nothing reaches, the Arabic report founds a case of its own, as an undated
    // report does when it is linked before its matter's other coverage.
    const never = { join: 2, mention: 2, bridge: 2 };
    const early = linkNewDocument(db, linkInputOf(visaHearingAr), { now, thresholds: never }).caseId as string;
    expect(early).not.toBe(matter);
    expect(settleCases(db, [early, matter], { now })).toEqual([early]);
    expect(caseIdsForDocument(db, visaHearingAr.id).caseId).toBe(matter);
    expect(getCase(db, early)).toMatchObject({ id: matter, redirectedFrom: early, documentCount: 3 });
    // Nothing left to settle: a second pass changes nothing.
    expect(settleCases(db, [matter], { now })).toEqual([]);
  });

  it('re-links a new version of a document in place, keeping its case id', () => {
    const { caseId } = link(visaHearingFr);
    link(visaHearingAr);
    const again = link({ ...visaHearingFr, title: 'La CNDP a entendu VisaCentre (mise à jour)' });
    expect(again.caseId).toBe(caseId);
    expect(getCase(db, caseId as string)?.documentCount).toBe(2);
    expect(listCases(db).total).toBe(1);
  });
});

describe('store/cases: the case record', () => {
  it('builds the record: bilingual titles, disputed dates with their sources, deadlines, outlets, completeness', () => {
    const { caseId } = link(visaHearingFr);
    link(visaHearingAr);
    link(visaSanction);
    const record = getCaseRecord(db, caseId as string, '2023-02-10');
    expect(record).not.toBeNull();
    if (!record) return;
    expect(record.type).toBe('sanction');
    expect(record.title.fr).toBe('Sanction de la CNDP contre VisaCentre (2023)');
    expect(record.title.ar).toBe('عقوبة اللجنة الوطنية ضد فيزا سنتر (2023)');
    expect(record.subjects[0]).toMatchObject({ id: 'org:visa-centre', documentCount: 3 });
    const hearings = record.timeline.filter((t) => t.type === 'hearing');
    // Each source's date is kept, and each entry points to the date the other source gives.
    expect(hearings).toMatchObject([
      {
        date: '2023-01-05',
        type: 'hearing',
        label: { fr: 'Audition de VisaCentre', ar: 'الاستماع إلى فيزا سنتر' },
        documentIds: [visaHearingAr.id],
        disputed: true,
        otherDates: [{ date: '2023-01-06', documentIds: [visaHearingFr.id] }],
      },
      {
        date: '2023-01-06',
        type: 'hearing',
        documentIds: [visaHearingFr.id],
        disputed: true,
        otherDates: [{ date: '2023-01-05', documentIds: [visaHearingAr.id] }],
      },
    ]);
    expect(record.deadlines).toEqual([
      {
        date: '2023-02-28',
        label: 'mise en conformité',
        status: 'upcoming',
        documentIds: [visaHearingFr.id, visaHearingAr.id],
      },
    ]);
    expect(getCaseRecord(db, caseId as string, '2023-03-01')?.deadlines[0]?.status).toBe('passed');
    expect(record.documents.map((g) => g.language)).toEqual(['ar', 'fr']);
    expect(record.documents[1]?.outlets.map((o) => o.outlet)).toEqual(['CNDP', 'Le Matin']);
    expect(record.firstSeen).toBe('2023-01-09');
    expect(record.lastSeen).toBe('2023-06-15');
    expect(record.completeness).toContain('sources disagree on some dates');
    expect(record.completeness).not.toContain('no regulator communiqué found, press only');
  });

  it('notes press-only cases', () => {
    const { caseId } = link(visaHearingAr);
    expect(getCaseRecord(db, caseId as string, now)?.completeness).toContain(
      'no regulator communiqué found, press only',
    );
  });

  it('lists cases most recent first, with paging', () => {
    linkAll();
    const all = listCases(db, { limit: 100 });
    expect(all.total).toBeGreaterThanOrEqual(4);
    const lastSeen = all.cases.map((c) => c.lastSeen ?? '');
    expect([...lastSeen].sort().reverse()).toEqual(lastSeen);
    const page = listCases(db, { limit: 2, offset: 1 });
    expect(page.cases.map((c) => c.id)).toEqual(all.cases.slice(1, 3).map((c) => c.id));
    expect(listCases(db, { type: 'regulatory_decision' }).cases.every((c) => c.type === 'regulatory_decision')).toBe(
      true,
    );
  });
});

describe('store/cases: curation that survives relinkAll', () => {
  it('keeps case ids stable across relinkAll', () => {
    linkAll();
    const before = memberships();
    const cases = listCases(db)
      .cases.map((c) => c.id)
      .sort();
    const result = relinkAll(db, { now });
    expect(result.retired).toEqual([]);
    expect(memberships()).toEqual(before);
    expect(
      listCases(db)
        .cases.map((c) => c.id)
        .sort(),
    ).toEqual(cases);
  });

  it('merges with a redirect, and the merge survives relinkAll', () => {
    const visa = link(visaHearingFr).caseId as string;
    const mora = link(moratorium2019).caseId as string;
    const survivor = mergeCases(db, visa, mora, 'analyst@example');
    expect(survivor).toBe(visa);
    expect(getCase(db, mora)).toMatchObject({ id: visa, redirectedFrom: mora, documentCount: 2 });
    relinkAll(db, { now });
    expect(caseIdsForDocument(db, moratorium2019.id).caseId).toBe(visa);
    expect(caseIdsForDocument(db, visaHearingFr.id).caseId).toBe(visa);
    // A later document that belongs to the absorbed matter lands in the survivor.
    expect(link(moratorium2019Ar).caseId).toBe(visa);
    expect(curationLog(db)[0]).toMatchObject({
      op: 'merge',
      caseId: visa,
      otherCaseId: mora,
      actor: 'analyst@example',
    });
  });

  it('splits a document into a pinned case of its own that relinkAll keeps', () => {
    linkAll();
    const original = caseIdsForDocument(db, visaSanction.id).caseId as string;
    const split = splitDocument(db, visaSanction.id, 'analyst@example');
    expect(split).not.toBe(original);
    expect(caseIdsForDocument(db, visaSanction.id).caseId).toBe(split);
    expect(getCase(db, original)?.documentCount).toBe(3);
    relinkAll(db, { now });
    expect(caseIdsForDocument(db, visaSanction.id).caseId).toBe(split);
    expect(caseIdsForDocument(db, visaHearingFr.id).caseId).toBe(original);
    expect(getCase(db, split)?.documentCount).toBe(1);
    // Re-linking a new version of the pinned document does not move it either.
    expect(link(visaSanction).caseId).toBe(split);
  });

  it('keeps a rename across relinkAll and new documents', () => {
    const { caseId } = link(visaHearingFr);
    renameCase(db, caseId as string, { titleFr: 'Affaire VisaCentre' }, 'analyst@example');
    relinkAll(db, { now });
    link(visaHearingAr);
    const info = getCase(db, caseId as string);
    expect(info).toMatchObject({ titleFr: 'Affaire VisaCentre', titleSetByAnalyst: true, documentCount: 2 });
    expect(info?.titleAr).toBe('مراقبة اللجنة الوطنية لـ فيزا سنتر (2023)');
  });

  it('rejects curation of unknown cases with NOT_FOUND', () => {
    expect(() => mergeCases(db, 'case_nope', 'case_other', 'a')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => splitDocument(db, 'doc_nope', 'a')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => renameCase(db, 'case_nope', { titleFr: 'x' }, 'a')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });
});
