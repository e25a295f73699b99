import { describe, expect, it } from 'vitest';
import { makeDoc } from '../../test/link-factory.ts';
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
} from '../../test/link-scenarios.ts';
import type { UnderstoodDocument } from '../types.ts';
import { blockingKeys } from './blocking.ts';
import { canFoundCase, decideLink } from './decide.ts';
import { type LinkFeatures, linkFeatures } from './features.ts';
import { linkTerms, scoreCandidate, skeletonSimilarity, termWeights } from './score.ts';
import { addToSummary, type CaseSummary, emptySummary } from './summary.ts';

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
    const recalled = makeDoc({
      id: 'doc_r',
      text: "Un an après sa mise en demeure, l'opérateur est renvoyé devant le parquet.",
    });
    expect(linkFeatures(recalled).refersBack).toBe(true);
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

  it('lets a document start a case only when it is about a matter', () => {
    const general = makeDoc({
      id: 'doc_general',
      publishedAt: '2023-01-20',
      title: 'Dix ans de la loi 09-08',
      text: 'Retour sur dix ans de la loi 09-08 et de la commission.',
      orgs: [{ id: 'org:cndp', name: 'CNDP' }],
      laws: [{ id: 'ma-law-09-08', kind: 'law' }],
      events: [{ type: 'communique', date: '2023-01-20' }],
    });
    expect(canFoundCase(linkFeatures(general))).toBe(false);
    expect(canFoundCase(linkFeatures(visaHearingFr))).toBe(true);
    expect(canFoundCase(linkFeatures(moratorium2019))).toBe(true);
  });

  it('never auto-joins a case an analyst split off', () => {
    const closed = { ...caseOf('case_split', visaHearingFr), acceptsAutoJoin: false };
    expect(decideLink(linkFeatures(visaHearingAr), [closed]).primary).toBeNull();
  });
});

describe('decideLink: company names and subjects', () => {
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

  it('meets a shortened or half-translated name through its opening consonants', () => {
    expect(skeletonSimilarity('dkn', 'dknbls')).toBe(1); // "Dukkan+" / "Dukkan Plus"
    expect(skeletonSimilarity('sbrtnqbrkrk', 'sbrtnjklbrjrj')).toBe(1); // club name, tail translated
    expect(skeletonSimilarity('bqz', 'nsjbqz')).toBeLessThan(0.7); // a shared ending is not enough
    const fr = makeDoc({
      id: 'doc_b_fr',
      publishedAt: '2024-05-02',
      title: 'Recouvrement : mise en demeure pour Banque Amal',
      text: 'La CNDP a mis en demeure Banque Amal, qui confiait ses listes de débiteurs à un cabinet.',
      orgs: [{ id: 'org:x-banque-amal', name: 'Banque Amal' }],
    });
    const ar = makeDoc({
      id: 'doc_b_ar',
      language: 'ar',
      publishedAt: '2024-05-03',
      title: 'إنذار لبنك الأمل',
      text: 'وجهت اللجنة إنذارا إلى بنك الأمل بسبب تسليم لوائح المدينين لمكتب تحصيل.',
      orgs: [{ id: 'org:x-بنك-الامل', name: 'بنك الأمل' }],
    });
    // A name that is mostly its sector word keeps it in its key: "Banque" and "بنك" both read banque.
    expect(linkFeatures(fr).orgKeys['org:x-banque-amal']).toBe(linkFeatures(ar).orgKeys['org:x-بنك-الامل']);
    expect(scoreCandidate(linkFeatures(ar), caseOf('c', fr)).subject).toBe(1);
  });

  it('reads a company the headline names and the text only calls "the bank"', () => {
    const doc = makeDoc({
      id: 'doc_headline',
      language: 'ar',
      title: 'الضوء الأخضر لبنك الريف لاعتماد البصمة الصوتية',
      text: 'وافقت اللجنة الوطنية على طلب البنك بعد تعديل مدة الاحتفاظ بالتسجيلات.',
    });
    const features = linkFeatures(doc);
    expect(Object.keys(features.subjects)).toHaveLength(1);
    expect(Object.values(features.orgKeys)).toEqual(['bnkrf']); // banque + rf, as "Banque Rif" reads
  });

  it('keeps a two-consonant name for scoring but never blocks on it', () => {
    const doc = makeDoc({
      id: 'doc_w',
      title: 'La CNDP met en demeure Wsel',
      text: 'La CNDP a mis en demeure Wsel, qui suivait ses livreurs hors service.',
      orgs: [{ id: 'org:x-wsel', name: 'Wsel' }],
    });
    const features = linkFeatures(doc);
    expect(features.orgKeys['org:x-wsel']).toBe('sl');
    expect(blockingKeys(features).lookup.some((k) => k.startsWith('k:'))).toBe(false);
  });

  it('vetoes different subjects only between companies, not between bodies a meeting puts first', () => {
    const report = (id: string, org: { id: string; name: string }, language: 'fr' | 'ar' = 'fr') =>
      makeDoc({
        id,
        language,
        title: `Fès accueille la réunion du réseau, avec ${org.name}`,
        text: `À Fès, ${org.name} et les autorités de protection des données ont tenu leur réunion annuelle sur la coopération.`,
        orgs: [org],
      });
    const bodies = scoreCandidate(
      linkFeatures(report('a', { id: 'org:oic', name: 'OCI' })),
      caseOf('c', report('b', { id: 'org:islamic-dpa-network', name: 'Réseau' })),
    );
    const companies = scoreCandidate(
      linkFeatures(report('a', { id: 'org:x-atlas-voyages', name: 'Atlas Voyages' })),
      caseOf('c', report('b', { id: 'org:x-nour-sante', name: 'Nour Santé' })),
    );
    expect(bodies.subject).toBe(0);
    expect(bodies.score).toBeGreaterThan(companies.score * 1.5);
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

describe('cross-language evidence without shared entity ids', () => {
  // An institution the gazetteer does not know, so entity extraction gives the two reports nothing
  // in common: only the city, the particle-led name, the count and the step tie them.
  const leakAr = makeDoc({
    id: 'doc_clinic_ar',
    language: 'ar',
    publishedAt: '2025-04-07',
    title: 'تسريب ملفات مرضى مصحة بأكادير',
    text: 'تداول رواد مواقع التواصل ملفات حوالي 3 آلاف مريض من مصحة ابن زهر بأكادير، وتقدم مرضى بشكاية إلى اللجنة الوطنية.',
    orgs: [{ id: 'org:cndp', name: 'اللجنة الوطنية' }],
    events: [{ type: 'data_breach', date: '2025-04-07' }],
  });
  const noticeFr = makeDoc({
    id: 'doc_clinic_fr',
    publishedAt: '2025-04-16',
    title: 'La CNDP met en demeure une clinique',
    text: "La CNDP a mis en demeure la clinique Ibn Zohr d'Agadir après la diffusion des dossiers de 3.000 patients. Elle a mené une inspection sur place.",
    orgs: [{ id: 'org:cndp', name: 'CNDP' }],
    events: [
      { type: 'formal_notice', date: '2025-04-15' },
      { type: 'data_breach', date: null },
    ],
  });
  const otherLeakFr = makeDoc({
    id: 'doc_school_fr',
    publishedAt: '2025-04-15',
    title: 'Fuite de données dans une école de Fès',
    text: "Les bulletins de 740 élèves d'une école privée de Fès ont été publiés par erreur. La CNDP a été saisie.",
    orgs: [{ id: 'org:cndp', name: 'CNDP' }],
    events: [{ type: 'data_breach', date: '2025-04-14' }],
  });

  it('joins an Arabic and a French report of one leak through city, name and count', () => {
    const parts = scoreCandidate(linkFeatures(noticeFr), caseOf('c', leakAr));
    expect(parts.detail).toBeGreaterThan(0.9);
    expect(decideLink(linkFeatures(noticeFr), [caseOf('c', leakAr)]).primary?.caseId).toBe('c');
  });

  it('keeps a leak of the same weeks in another city, with other figures, apart', () => {
    const parts = scoreCandidate(linkFeatures(otherLeakFr), caseOf('c', leakAr));
    // Only the topic (a leak) is shared: no city, name or figure.
    expect(parts.detail).toBeLessThanOrEqual(0.35);
    expect(decideLink(linkFeatures(otherLeakFr), [caseOf('c', leakAr)]).primary).toBeNull();
  });
});

describe('event dates across sources', () => {
  const decision = makeDoc({
    id: 'doc_decision',
    publishedAt: '2024-06-03',
    text: 'Décision du 3 juin.',
    events: [{ type: 'moratorium', date: '2024-06-03' }],
  });
  // A later report dates the step by its own publication: "by then", not "on that day".
  const reportedLater = (date: string) =>
    makeDoc({ id: `doc_r_${date}`, publishedAt: date, text: 'Rapport.', events: [{ type: 'moratorium', date }] });

  it('reads a step dated by a report up to three weeks later as the same step', () => {
    expect(scoreCandidate(linkFeatures(reportedLater('2024-06-19')), caseOf('c', decision)).event).toBe(0.7);
  });

  it('does not stretch a precise date the other way or beyond three weeks', () => {
    expect(scoreCandidate(linkFeatures(reportedLater('2024-07-10')), caseOf('c', decision)).event).toBeLessThan(0.7);
    const earlier = makeDoc({
      id: 'doc_earlier',
      publishedAt: '2024-05-20',
      text: 'Rapport.',
      events: [{ type: 'moratorium', date: '2024-05-20' }],
    });
    const dated = makeDoc({
      id: 'doc_dated',
      publishedAt: '2024-06-20',
      text: 'Décision.',
      events: [{ type: 'moratorium', date: '2024-06-05' }],
    });
    // The report is from before the dated step: it cannot be reporting it.
    expect(scoreCandidate(linkFeatures(earlier), caseOf('c', dated)).event).toBeLessThan(0.7);
  });
});

describe('organizations that are not what a case is about', () => {
  const federation = { id: 'org:fmdc', name: 'Fédération marocaine des droits du consommateur' };
  it('does not make a consumer federation that files the complaint a subject', () => {
    const doc = makeDoc({
      id: 'doc_fed',
      title: 'La Fédération marocaine des droits du consommateur saisit la CNDP',
      text: 'La Fédération marocaine des droits du consommateur dénonce des SMS publicitaires. La Fédération marocaine des droits du consommateur a saisi la CNDP.',
      orgs: [federation],
    });
    const f = linkFeatures(doc);
    expect(f.subjects).toEqual({});
    expect(f.orgIds).toEqual(['org:fmdc']);
  });

  it('treats an unknown association by its name the same way', () => {
    const doc = makeDoc({
      id: 'doc_assoc',
      title: 'Une association de consommateurs porte plainte',
      text: 'Association marocaine des usagers des banques: plainte déposée. Association marocaine des usagers des banques.',
      orgs: [{ id: 'org:x-amub', name: 'Association marocaine des usagers des banques' }],
    });
    expect(linkFeatures(doc).subjects).toEqual({});
  });
});

describe('a company named in passing by a brief about no company', () => {
  const about = makeDoc({
    id: 'doc_about',
    publishedAt: '2024-02-01',
    title: 'Spyware : Sentinel Labs visé',
    text: 'Sentinel Labs est mis en cause. Sentinel Labs dément.',
    orgs: [{ id: 'org:sentinel', name: 'Sentinel Labs' }],
  });
  const brief = (date: string) =>
    makeDoc({
      id: `doc_brief_${date}`,
      language: 'ar',
      publishedAt: date,
      text: 'أصدرت اللجنة بلاغا حول برنامج تجسس تبيعه Sentinel Labs لعدة حكومات.',
      orgs: [{ id: 'org:sentinel', name: 'Sentinel Labs' }],
    });

  it('leans towards the case about that company in the same weeks', () => {
    expect(linkFeatures(brief('2024-02-02')).subjects).toEqual({});
    expect(scoreCandidate(linkFeatures(brief('2024-02-02')), caseOf('c', about)).subject).toBe(0.5);
  });

  it('does not months later', () => {
    expect(scoreCandidate(linkFeatures(brief('2024-07-02')), caseOf('c', about)).subject).toBe(0);
  });
});

describe('blockingKeys across languages', () => {
  it('lets a report about no company be found through its topic and the organizations it names', () => {
    const brief = makeDoc({
      id: 'doc_brief_keys',
      language: 'ar',
      publishedAt: '2024-03-01',
      text: 'قررت اللجنة تعليق التعرف على الوجه في الفضاءات العامة، وراسلت شركة نور تيك بهذا الشأن.',
      orgs: [
        { id: 'org:x-nourtech', name: 'نور تيك' },
        { id: 'org:ma-prosecutor', name: 'النيابة العامة' },
      ],
    });
    const f = { ...linkFeatures(brief), subjects: {} };
    const { write, lookup } = blockingKeys(f);
    expect(f.topics).toContain('facial_recognition');
    expect(write).toEqual(expect.arrayContaining(['p:facial_recognition', 'o:org:x-nourtech']));
    expect(write).not.toContain('o:org:ma-prosecutor');
    expect(lookup).toContain('p:facial_recognition');
  });

  it('records the words of a report about a company too: another report of its matter may put no one first', () => {
    const report = makeDoc({
      id: 'doc_keys_company',
      publishedAt: '2024-03-01',
      text: 'Selon Transmar, les registres des visiteurs de la coopérative conservaient les photocopies des cartes.',
      orgs: [{ id: 'org:x-transmar', name: 'Transmar' }],
    });
    const f = linkFeatures(report);
    expect(Object.keys(f.subjects)).toEqual(['org:x-transmar']);
    expect(blockingKeys(f).write).toEqual(expect.arrayContaining(['t:registr', 't:photoco']));
  });
});

describe('a busy archive', () => {
  const busy = { id: 'org:busy-telecom', name: 'BusyTel' };
  const cndp = { id: 'org:cndp', name: 'CNDP' };
  const inspection = makeDoc({
    id: 'doc_busy_inspection',
    publishedAt: '2022-02-10',
    title: 'BusyTel inspectée par la CNDP',
    text: 'La CNDP a mené une inspection chez BusyTel. BusyTel coopère.',
    orgs: [cndp, busy],
    events: [{ type: 'inspection', date: '2022-02-08' }],
  });
  const laterComplaint = makeDoc({
    id: 'doc_busy_complaint',
    publishedAt: '2022-03-01',
    title: 'Plainte contre BusyTel',
    text: 'Une association dépose plainte auprès de la CNDP contre BusyTel. BusyTel répond.',
    orgs: [cndp, busy],
    events: [{ type: 'complaint', date: '2022-02-28' }],
  });

  it('keeps two matters of one company the same month apart when nothing but the company ties them', () => {
    const parts = scoreCandidate(linkFeatures(laterComplaint), caseOf('case_busy', inspection));
    expect(parts.subject).toBe(1);
    expect(parts.score).toBeLessThan(0.4);
  });

  it('joins the same company when the report points back to the matter', () => {
    const followUp = makeDoc({
      ...{ id: 'doc_busy_followup', publishedAt: '2022-05-20', orgs: [cndp, busy] },
      title: 'BusyTel mise en demeure',
      text: "Faisant suite à son inspection, la CNDP a mis en demeure BusyTel. BusyTel dispose d'un mois.",
      events: [{ type: 'formal_notice', date: '2022-05-19' }],
    });
    expect(decideLink(linkFeatures(followUp), [caseOf('case_busy', inspection)]).primary?.caseId).toBe('case_busy');
  });

  it('weighs a word by its rarity among documents of its own language, a concept across all', () => {
    // 100 linked documents, 30 of them Arabic: a word in 25 Arabic reports is common in Arabic,
    // though rare against the whole archive; a concept counts against everything.
    const docs = new Map([
      ['شكايه', 25],
      ['#complaint', 25],
    ]);
    const weights = termWeights(['شكايه', '#complaint'], docs, { all: 100, language: 30 });
    expect(weights['شكايه']).toBeCloseTo(Math.log(31 / 26));
    expect(weights['#complaint']).toBeCloseTo(Math.log(101 / 26));
    expect(weights['شكايه'] as number).toBeLessThan(weights['#complaint'] as number);
  });

  it('tells sister companies of one group apart by the line of business their names state', () => {
    const doc = (id: string, language: 'fr' | 'ar', name: string, text: string) =>
      makeDoc({
        id,
        language,
        publishedAt: '2023-03-02',
        title: name,
        text,
        orgs: [{ id: `org:x-${id}`, name }],
        events: [{ type: 'formal_notice', date: '2023-03-01' }],
      });
    const telecomFr = doc('st-fr', 'fr', 'Sahara Télécom', 'La CNDP met en demeure Sahara Télécom pour ses appels.');
    const telecomAr = doc(
      'st-ar',
      'ar',
      'الصحراء للاتصالات',
      'وجهت اللجنة إنذارا إلى الصحراء للاتصالات بسبب المكالمات.',
    );
    const insuranceAr = doc('sa-ar', 'ar', 'الصحراء للتأمين', 'وجهت اللجنة إنذارا إلى الصحراء للتأمين بسبب المكالمات.');
    const group = caseOf('case_telecom', telecomFr);
    expect(scoreCandidate(linkFeatures(telecomAr), group).subject).toBe(1);
    expect(scoreCandidate(linkFeatures(insuranceAr), group).subject).toBe(0);
    // A report that names the group alone may be about either.
    const bare = doc('s-ar', 'ar', 'الصحراء', 'وجهت اللجنة إنذارا إلى الصحراء بسبب المكالمات.');
    expect(scoreCandidate(linkFeatures(bare), group).subject).toBe(1);
  });

  it('does not let a large case contain a newcomer through words one of its many reports used', () => {
    const report = (i: number, extra = '') =>
      makeDoc({
        id: `doc_big_${i}`,
        publishedAt: '2021-06-01',
        title: 'Vidéosurveillance : la CNDP contrôle Atlasco',
        text: `La CNDP a contrôlé les caméras de surveillance des agences Atlasco. ${extra}`,
        orgs: [{ id: 'org:x-atlasco', name: 'Atlasco' }],
      });
    const stray = 'Le dossier évoque aussi les drones de livraison et la géolocalisation des coursiers.';
    const newcomer = makeDoc({
      id: 'doc_drones',
      publishedAt: '2021-06-03',
      title: 'Drones de livraison',
      text: 'Les drones de livraison et la géolocalisation des coursiers inquiètent la CNDP.',
    });
    const small = caseOf('small', report(0, stray));
    const large = caseOf('large', report(0, stray), ...Array.from({ length: 39 }, (_, i) => report(i + 1)));
    const text = (summary: CaseSummary) => scoreCandidate(linkFeatures(newcomer), summary).text;
    expect(text(small)).toBeGreaterThan(0.3);
    expect(text(large)).toBeLessThan(text(small) / 2);
  });
});

describe('reports in one language', () => {
  const step = { type: 'inspection' as const, date: '2024-04-02' };
  const port = (id: string, text: string, orgs: { id: string; name: string }[] = [], publishedAt = '2024-04-04') =>
    makeDoc({ id, publishedAt, title: 'Inspection au port', text, orgs, events: [step] });
  const story =
    'La CNDP a inspecté les portiques biométriques du terminal roulier de Tanger Med, où les chauffeurs routiers laissent leurs empreintes digitales.';

  it('keep a company’s other matter apart when they share none of its words, even the same days', () => {
    const orgs = [{ id: 'org:x-dockline', name: 'Dockline' }];
    const inspection = port('doc_dock_1', `Dockline : ${story}`, orgs);
    const complaint = {
      id: 'doc_dock_2',
      publishedAt: '2024-04-05',
      title: 'Dockline visée par une plainte',
      text: 'Dockline : un syndicat de dockers saisit la commission au sujet des appels enregistrés du standard.',
      orgs,
      events: [{ type: 'complaint' as const, date: '2024-04-05' }],
    };
    const matter = caseOf('c', inspection);
    expect(scoreCandidate(linkFeatures(makeDoc(complaint)), matter).score).toBeLessThan(0.4);
    // In Arabic it shares no words with a French case by nature: the company and the days still tie
    // it — unless both date their different steps weeks apart.
    const arabic = {
      ...complaint,
      id: 'doc_dock_ar',
      language: 'ar' as const,
      text: 'Dockline : شكاية نقابة عمال الرصيف.',
    };
    expect(scoreCandidate(linkFeatures(makeDoc(arabic)), matter).score).toBeGreaterThanOrEqual(0.4);
    const earlier = { ...arabic, events: [{ type: 'complaint' as const, date: '2024-03-08' }] };
    expect(scoreCandidate(linkFeatures(makeDoc(earlier)), matter).score).toBeLessThan(0.4);
  });

  it('tell one story whoever each report puts first, when they share its words and its dated step', () => {
    const a = port('doc_port_a', `Selon Transmar, ${story}`, [{ id: 'org:x-transmar', name: 'Transmar' }]);
    const b = port('doc_port_b', `Pour Atlas Fret, ${story}`, [{ id: 'org:x-atlasfret', name: 'Atlas Fret' }]);
    expect(scoreCandidate(linkFeatures(b), caseOf('c', a)).score).toBeGreaterThanOrEqual(0.4);
    // Two companies' matters of the same step and days, told in other words, stay two matters.
    const c = makeDoc({
      id: 'doc_port_c',
      publishedAt: '2024-04-04',
      title: 'Inspection chez Atlas Fret',
      text: 'Atlas Fret : les enquêteurs de la commission ont examiné le fichier des clients de la messagerie.',
      orgs: [{ id: 'org:x-atlasfret', name: 'Atlas Fret' }],
      events: [step],
    });
    expect(scoreCandidate(linkFeatures(c), caseOf('c', a)).score).toBeLessThan(0.4);
  });
});

describe('a subject-less matter', () => {
  it('is not made a company’s matter by bystanders its reports each name once', () => {
    const report = (i: number, company?: string) =>
      makeDoc({
        id: `doc_cams_${i}`,
        publishedAt: '2022-10-03',
        title: 'Caméras dans les classes',
        text: `${company ? `${company} : ` : ''}La CNDP rappelle aux écoles que filmer les salles de classe en continu est interdit.`,
        orgs: company ? [{ id: `org:x-${company.toLowerCase()}`, name: company }] : [],
        events: [{ type: 'deliberation', date: '2022-09-29' }],
      });
    const matter = caseOf('c', report(0, 'Scolaris'), report(1, 'Edunet'), report(2), report(3), report(4));
    const newcomer = makeDoc({
      id: 'doc_cams_new',
      publishedAt: '2022-10-04',
      title: 'Les écoles et les caméras',
      text: 'Parentia : filmer les salles de classe est interdit, rappellent les inspecteurs de la commission aux directeurs des collèges privés de la région après plusieurs signalements de parents inquiets.',
      orgs: [{ id: 'org:x-parentia', name: 'Parentia' }],
      events: [{ type: 'deliberation', date: '2022-09-29' }],
    });
    const parts = scoreCandidate(linkFeatures(newcomer), matter);
    expect(parts.text).toBeLessThan(0.9);
    expect(parts.score).toBeGreaterThanOrEqual(0.4);
  });
});

describe('concepts', () => {
  it('count for nothing when the two shared are the field’s everyday themes', () => {
    const doc = (id: string, language: 'fr' | 'ar', text: string) =>
      makeDoc({ id, language, publishedAt: '2021-03-01', text, events: [{ type: 'complaint', date: '2021-03-01' }] });
    const fr = linkFeatures(doc('c_fr', 'fr', 'Des clients se plaignent de la vidéosurveillance.'));
    const ar = linkFeatures(doc('c_ar', 'ar', 'زبناء يشتكون من كاميرات المراقبة.'));
    const shared = (ar.concepts ?? []).filter((c) => fr.concepts?.includes(c));
    expect(shared.length).toBeGreaterThanOrEqual(2);
    const weights = (rarity: number) =>
      termWeights(linkTerms(ar), new Map(linkTerms(ar).map((t) => [t, t.startsWith('#') ? rarity : 1])), {
        all: 1000,
        language: 400,
      });
    const text = (rarity: number) => scoreCandidate({ ...ar, termWeights: weights(rarity) }, caseOf2(fr)).text;
    // In a third of the archive: everyday themes. In one report in a hundred: a story.
    expect(text(330)).toBeLessThan(0.3);
    expect(text(10)).toBeGreaterThan(0.5);
  });
});

function caseOf2(...features: LinkFeatures[]): CaseSummary {
  return features.reduce((s, f) => addToSummary(s, f), emptySummary('c'));
}
