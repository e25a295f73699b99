import { describe, expect, it } from 'vitest';
import { makeDoc } from '../../test/link-factory.ts';
import {
  moratorium2019,
  moratorium2019Ar,
  moratoriumExtension,
  visaHearingAr,
  visaHearingFr,
} from '../../test/link-scenarios.ts';
import { linkFeatures } from './features.ts';
import { buildCaseRecord, type CaseDocument, caseDocument, caseTypeOf } from './record.ts';

function card(doc: Parameters<typeof caseDocument>[0], sourceKind = 'press'): CaseDocument {
  return caseDocument(doc, { sourceKind, subjectIds: Object.keys(linkFeatures(doc).subjects) });
}

const row = (id: string) => ({ id, titleFr: null, titleAr: null, createdAt: '2020-01-01T00:00:00Z' });

describe('buildCaseRecord', () => {
  it('names a subject-less regulatory decision by its matter, in both languages', () => {
    const record = buildCaseRecord(
      row('case_m'),
      [card(moratorium2019), card(moratorium2019Ar), card(moratoriumExtension)],
      '2021-01-01',
    );
    expect(record.type).toBe('regulatory_decision');
    expect(record.title).toEqual({
      fr: 'Décision de la CNDP : moratoire (reconnaissance faciale, 2019)',
      ar: 'قرار اللجنة الوطنية: تعليق مؤقت (التعرف على الوجه، 2019)',
    });
    expect(record.subjects).toEqual([]);
    expect(record.laws[0]).toMatchObject({
      id: 'cndp-deliberation-D-194-2019',
      documentIds: [moratorium2019Ar.id, moratorium2019.id, moratoriumExtension.id],
    });
    // Two sources give the moratorium the same date: one entry citing both, saying what happened in
    // both languages and quoting a sentence that reports it.
    expect(record.timeline[0]).toMatchObject({
      date: '2019-08-30',
      type: 'moratorium',
      label: { fr: 'Moratoire', ar: 'تعليق مؤقت' },
      documentIds: [moratorium2019Ar.id, moratorium2019.id],
      disputed: false,
      otherDates: [],
    });
    expect(record.timeline[0]?.sentence).toMatch(/\S/);
    expect(record.firstSeen).toBe('2019-09-04');
    expect(record.lastSeen).toBe('2020-03-30');
    expect(record.completeness).toContain('no regulator communiqué found, press only');
  });

  it('keeps a regulator communiqué out of the press-only note and prefers analyst titles', () => {
    const record = buildCaseRecord(
      { ...row('case_v'), titleFr: 'Affaire des caméras' },
      [card(visaHearingFr, 'regulator'), card(visaHearingAr)],
      '2023-01-15',
    );
    expect(record.title.fr).toBe('Affaire des caméras');
    expect(record.title.ar).toBe('مراقبة اللجنة الوطنية لـ فيزا سنتر (2023)');
    expect(record.type).toBe('investigation');
    expect(record.regulators).toEqual([{ id: 'org:cndp', name: 'CNDP' }]);
    expect(record.completeness).not.toContain('no regulator communiqué found, press only');
    expect(record.documents[1]?.outlets[0]?.documents[0]).toMatchObject({ id: visaHearingFr.id, fromRegulator: true });
  });

  it("does not put a press-only statement in the CNDP's mouth", () => {
    const warning = (id: string, sourceKind: string) =>
      card(
        makeDoc({
          id,
          publishedAt: '2025-02-10',
          title: 'Enregistrement des appels : une association alerte',
          text: "Une association de consommateurs s'inquiète de l'enregistrement des appels par les centres d'appels.",
          orgs: [{ id: 'org:cndp', name: 'CNDP' }],
        }),
        sourceKind,
      );
    expect(buildCaseRecord(row('case_w'), [warning('w1', 'press')], '2025-03-01').title).toEqual({
      fr: 'Alerte sur les données personnelles (enregistrement des appels, 2025)',
      ar: 'تنبيه بشأن المعطيات الشخصية (تسجيل المكالمات، 2025)',
    });
    expect(buildCaseRecord(row('case_w'), [warning('w2', 'regulator')], '2025-03-01').title.fr).toBe(
      'Prise de position de la CNDP (enregistrement des appels, 2025)',
    );
  });

  it('tells platform cooperation, breaches and sanctions apart', () => {
    let n = 0;
    const doc = (events: Parameters<typeof makeDoc>[0]['events'], org = { id: 'org:facebook', name: 'Facebook' }) =>
      card(
        makeDoc({ id: `d${n++}`, title: org.name, text: `${org.name} et la CNDP. ${org.name}.`, orgs: [org], events }),
      );
    expect(caseTypeOf([doc([{ type: 'communique' }])], ['org:facebook'])).toBe('platform_cooperation');
    expect(caseTypeOf([doc([{ type: 'data_breach' }])], ['org:facebook'])).toBe('data_breach');
    expect(caseTypeOf([doc([{ type: 'hearing' }]), doc([{ type: 'sanction' }])], ['org:x'])).toBe('sanction');
    expect(caseTypeOf([doc([])], [])).toBe('public_statement');
  });
});
