// Test factories for the search tests (index/ and api/): rows written with plain SQL into the real
// tables, and a small corpus of our own writing modeled on CNDP coverage. Not part of the public API.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CaseReader, createSearchIndex, type GazetteerEntry, type SearchIndex } from '../index/index.ts';
import { linkInputOf } from '../pipeline/link/index.ts';
import { detectTopics } from '../pipeline/topics.ts';
import type { Entities, EventType, Lang, UnderstoodDocument } from '../pipeline/types.ts';
import { saveAnalysis } from '../store/analyses.ts';
import { linkNewDocument } from '../store/case-linking.ts';
import { type Db, openDb } from '../store/db.ts';
import { recordSnapshot } from '../store/documents.ts';

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `raqib-${label}-`));
}

export function openTempDb(label: string): { db: Db; dataDir: string } {
  const dataDir = tempDir(label);
  return { db: openDb(dataDir), dataDir };
}

export const SILENT_LOG = { info() {}, warn() {}, debug() {}, error() {} };

export const GAZETTEER: GazetteerEntry[] = [
  {
    id: 'org:tlscontact',
    kind: 'organization',
    names: { fr: ['TLS Contact', 'TLScontact'], ar: ['تي إل إس كونطاكط'], en: ['TLScontact'] },
  },
  { id: 'org:cndp', kind: 'organization', names: { fr: ['CNDP'], ar: ['اللجنة الوطنية'], en: ['CNDP'] } },
  { id: 'org:marjane', kind: 'organization', names: { fr: ['Marjane'], ar: ['مرجان'], en: ['Marjane'] } },
  { id: 'ma-law-09-08', kind: 'law', names: { fr: ['loi 09-08'], ar: ['القانون 08-09'], en: ['law 09-08'] } },
];

export interface FixtureDoc {
  id: string;
  url: string;
  language: Lang;
  title: string;
  text: string;
  publishedAt: string | null;
  sourceId: string;
  outlet: string;
  sourceKind: string;
  relevant?: boolean;
  duplicateOf?: string | null;
  orgs?: string[];
  laws?: { id: string; parentId?: string }[];
  events?: EventType[];
  caseId?: string | null;
}

const span = (text: string) => ({ start: 0, end: text.length, text, sentence: text, confidence: 1 });

export function entitiesOf(doc: FixtureDoc): Entities {
  return {
    organizations: (doc.orgs ?? []).map((id) => ({
      id,
      name: GAZETTEER.find((g) => g.id === id)?.names.fr[0] ?? id,
      known: true,
      mentions: [span(id)],
    })),
    persons: [],
    laws: (doc.laws ?? []).map((l) => ({
      id: l.id,
      label: l.id,
      kind: l.parentId ? ('article' as const) : ('law' as const),
      parentId: l.parentId ?? null,
      mentions: [span(l.id)],
    })),
    deadlines: [],
    amounts: [],
    events: (doc.events ?? []).map((type) => ({
      type,
      date: doc.publishedAt?.slice(0, 10) ?? null,
      mentions: [span(type)],
    })),
  };
}

export function insertFixture(db: Db, doc: FixtureDoc, now = '2026-01-01T00:00:00Z'): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO documents (id, source_id, canonical_url, first_seen_at, last_seen_at, current_version)
       VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (id) DO NOTHING`,
    ).run(doc.id, doc.sourceId, doc.url, now, now);
    db.prepare(
      `INSERT INTO analyses (document_id, version_no, pipeline_version, title, text, language, paragraph_languages,
         published_at, outlet, source_id, source_kind, relevant, relevance_score, content_hash, duplicate_of, entities, analysed_at)
       VALUES (?, 1, 1, ?, ?, ?, '[]', ?, ?, ?, ?, ?, 0.9, ?, ?, ?, ?)
       ON CONFLICT (document_id) DO UPDATE SET title = excluded.title, text = excluded.text, relevant = excluded.relevant,
         duplicate_of = excluded.duplicate_of, entities = excluded.entities, published_at = excluded.published_at`,
    ).run(
      doc.id,
      doc.title,
      doc.text,
      doc.language,
      doc.publishedAt,
      doc.outlet,
      doc.sourceId,
      doc.sourceKind,
      doc.relevant === false ? 0 : 1,
      `hash-${doc.id}`,
      doc.duplicateOf ?? null,
      JSON.stringify(entitiesOf(doc)),
      now,
    );
  })();
}

/**
 * Store a fixture the way the pipeline does, through the real store modules: a raw snapshot
 * (documents, pages), the analysis (analyses, document_entities) and case linking. Returns the
 * document id (derived from the URL), which replaces the fixture's id.
 */
export function storeFixture(db: Db, fixture: FixtureDoc, idMap: Map<string, string> = new Map()): string {
  const html = `<html><head><title>${fixture.title}</title></head><body><article>${fixture.text}</article></body></html>`;
  const snap = recordSnapshot(db, {
    sourceId: fixture.sourceId,
    url: fixture.url,
    canonicalUrl: fixture.url,
    finalUrl: fixture.url,
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from(html),
    contentType: 'text/html',
    charset: 'utf-8',
    text: fixture.text,
    fetchedAt: fixture.publishedAt ?? '2026-01-01T00:00:00Z',
  });
  const id = snap.documentId;
  idMap.set(fixture.id, id);
  const doc: UnderstoodDocument = {
    id,
    url: fixture.url,
    sourceId: fixture.sourceId,
    outlet: fixture.outlet,
    title: fixture.title,
    text: fixture.text,
    language: fixture.language,
    paragraphLanguages: [],
    publishedAt: fixture.publishedAt,
    updatedAt: null,
    author: null,
    relevant: fixture.relevant !== false,
    relevanceScore: fixture.relevant === false ? 0.1 : 0.9,
    entities: entitiesOf(fixture),
    pipelineVersion: 1,
  };
  const duplicateOf = fixture.duplicateOf ? (idMap.get(fixture.duplicateOf) ?? null) : null;
  saveAnalysis(db, {
    doc,
    versionNo: snap.versionNo,
    sourceKind: fixture.sourceKind,
    rejectedReason: null,
    contentHash: `hash-${id}`,
    signature: null,
    bandKeys: [],
    duplicateOf,
    duplicateSimilarity: duplicateOf ? 0.95 : null,
  });
  linkNewDocument(db, linkInputOf(doc, { duplicateOf, sourceKind: fixture.sourceKind }));
  return id;
}

/** A case reader over the fixtures' `caseId`s (the real one comes from store/cases.ts). */
export function fixtureCases(docs: FixtureDoc[]): CaseReader {
  return {
    caseIdsForDocument: (id) => ({ caseId: docs.find((d) => d.id === id)?.caseId ?? null, mentionedCaseIds: [] }),
    getCase: (id) => {
      const members = docs.filter((d) => d.caseId === id);
      if (members.length === 0) return null;
      const dates = members
        .map((d) => d.publishedAt)
        .filter((d): d is string => d !== null)
        .sort();
      return {
        id,
        titleFr: `Affaire ${id}`,
        titleAr: `قضية ${id}`,
        type: 'investigation',
        topic: detectTopics(members.map((d) => `${d.title}\n${d.text}`).join('\n'))[0] ?? null,
        orgIds: [...new Set(members.flatMap((d) => d.orgs ?? []))],
        lawIds: [...new Set(members.flatMap((d) => (d.laws ?? []).map((l) => l.id)))],
        eventTypes: [...new Set(members.flatMap((d) => d.events ?? []))],
        languages: [...new Set(members.map((d) => d.language))],
        firstSeenAt: dates[0] ?? null,
        lastSeenAt: dates[dates.length - 1] ?? null,
        documentCount: members.length,
      };
    },
    listCaseIds: () => [...new Set(docs.map((d) => d.caseId).filter((c): c is string => !!c))],
  };
}

// Our own writing, modeled on the kind of coverage Raqib collects.
export const CORPUS: FixtureDoc[] = [
  {
    id: 'doc_tls_fr',
    url: 'https://news.example.ma/fr/tls-audition',
    language: 'fr',
    title: 'Le gendarme des données convoque TLS Contact',
    text:
      'Le prestataire de visas TLS Contact a été entendu par la CNDP après un contrôle surprise de ses locaux à Rabat.\n\n' +
      'Selon le régulateur, des captures de caméras partaient vers des serveurs situés hors du Royaume, ce que la loi 09-08 encadre strictement.',
    publishedAt: '2023-01-09T20:00:00Z',
    sourceId: 'press-fr-a',
    outlet: 'Courrier Atlas',
    sourceKind: 'press',
    orgs: ['org:tlscontact', 'org:cndp'],
    laws: [{ id: 'ma-law-09-08' }, { id: 'ma-law-09-08/art-43', parentId: 'ma-law-09-08' }],
    events: ['hearing', 'inspection'],
    caseId: 'case_tls',
  },
  {
    id: 'doc_tls_ar',
    url: 'https://akhbar.example.ma/ar/tls',
    language: 'ar',
    title: 'اللجنة تستمع إلى مسؤولي شركة تي إل إس كونطاكط',
    text:
      'استمعت اللجنة الوطنية إلى مسؤولي شركة تي إل إس كونطاكط بعد مراقبة مفاجئة لمقرها بالرباط.\n\n' +
      'وأكد بلاغ اللجنة أن صورا من كاميرات المراقبة كانت ترسل بانتظام إلى الخارج، خلافا لمقتضيات القانون 08-09.',
    publishedAt: '2023-01-10T10:00:00Z',
    sourceId: 'press-ar-a',
    outlet: 'أخبار اليوم',
    sourceKind: 'press',
    orgs: ['org:tlscontact', 'org:cndp'],
    laws: [{ id: 'ma-law-09-08' }],
    events: ['hearing'],
    caseId: 'case_tls',
  },
  {
    id: 'doc_tls_dup',
    url: 'https://mirror.example.ma/fr/tls-audition',
    language: 'fr',
    title: 'Le gendarme des données convoque TLS Contact',
    text: 'Reprise intégrale: le prestataire de visas TLS Contact a été entendu par la CNDP après un contrôle surprise.',
    publishedAt: '2023-01-10T08:00:00Z',
    sourceId: 'press-fr-b',
    outlet: 'Écho du Souss',
    sourceKind: 'aggregator',
    duplicateOf: 'doc_tls_fr',
    orgs: ['org:tlscontact'],
    events: ['hearing'],
    caseId: 'case_tls',
  },
  {
    id: 'doc_moratoire_fr',
    url: 'https://cndp.example.ma/fr/moratoire',
    language: 'fr',
    title: 'Moratoire sur la reconnaissance faciale',
    text:
      'La Commission suspend pour plusieurs mois toute nouvelle autorisation de reconnaissance faciale, le temps de consulter les acteurs publics et privés.\n\n' +
      'Une délibération encadrera ensuite cette technologie biométrique.',
    publishedAt: '2019-09-05T09:00:00Z',
    sourceId: 'cndp-fr',
    outlet: 'CNDP',
    sourceKind: 'regulator',
    orgs: ['org:cndp'],
    laws: [{ id: 'ma-law-09-08' }],
    events: ['moratorium'],
    caseId: 'case_moratoire',
  },
  {
    id: 'doc_rapport_2024',
    url: 'https://cndp.example.ma/fr/rapport-2024',
    language: 'fr',
    title: "Bilan d'activité 2024",
    text: "Le bilan d'activité 2024 recense les plaintes reçues et les contrôles menés auprès des enseignes de distribution comme Marjane.",
    publishedAt: '2025-03-01T09:00:00Z',
    sourceId: 'cndp-fr',
    outlet: 'CNDP',
    sourceKind: 'regulator',
    orgs: ['org:cndp', 'org:marjane'],
    events: ['communique', 'complaint'],
    caseId: null,
  },
  {
    id: 'doc_rapport_2025',
    url: 'https://cndp.example.ma/fr/rapport-2025',
    language: 'fr',
    title: "Bilan d'activité 2025",
    text: "Le bilan d'activité 2025 détaille les sanctions prononcées et les mises en demeure adressées aux responsables de traitement.",
    publishedAt: '2026-03-01T09:00:00Z',
    sourceId: 'cndp-fr',
    outlet: 'CNDP',
    sourceKind: 'regulator',
    orgs: ['org:cndp'],
    events: ['communique', 'sanction', 'formal_notice'],
    caseId: null,
  },
  {
    id: 'doc_sport_fr',
    url: 'https://news.example.ma/fr/football',
    language: 'fr',
    title: 'Le derby de Casablanca se joue à guichets fermés',
    text: 'Les supporters ont rempli le stade bien avant le coup d envoi, sans lien avec la protection des données.',
    publishedAt: '2024-05-01T18:00:00Z',
    sourceId: 'press-fr-a',
    outlet: 'Courrier Atlas',
    sourceKind: 'press',
    relevant: false,
    caseId: null,
  },
  {
    id: 'doc_breach_en',
    url: 'https://wire.example.com/en/breach',
    language: 'en',
    title: 'Moroccan regulator looks into retail loyalty data leak',
    text: 'The CNDP opened an inquiry after loyalty card records of Marjane shoppers surfaced on a forum.',
    publishedAt: '2024-11-12T12:00:00Z',
    sourceId: 'wire-en',
    outlet: 'Wire',
    sourceKind: 'press',
    orgs: ['org:cndp', 'org:marjane'],
    events: ['data_breach', 'inspection'],
    caseId: 'case_marjane',
  },
  {
    id: 'doc_breach_ar',
    url: 'https://akhbar.example.ma/ar/marjane',
    language: 'ar',
    title: 'تسريب بيانات بطاقات الوفاء لدى مرجان',
    text: 'فتحت اللجنة الوطنية تحقيقا بعد ظهور معطيات زبناء بطاقات الوفاء في منتدى على الإنترنت، وطالبت الشركات المعنية بتوضيحات.',
    publishedAt: '2024-11-13T09:00:00Z',
    sourceId: 'press-ar-a',
    outlet: 'أخبار اليوم',
    sourceKind: 'press',
    orgs: ['org:cndp', 'org:marjane'],
    events: ['data_breach'],
    caseId: 'case_marjane',
  },
];

/** A long document (several index chunks) whose last paragraph holds a unique word. */
export function longDocument(paragraphs: number): FixtureDoc {
  const body = Array.from(
    { length: paragraphs },
    (_, i) =>
      `Paragraphe ${i}: la commission examine les registres de traitement et les mesures de sécurité du responsable.`,
  );
  body.push('Dernier paragraphe: mention du mot introuvable zanzibarite en toute fin.');
  return {
    id: 'doc_long',
    url: 'https://cndp.example.ma/fr/rapport-long',
    language: 'fr',
    title: 'Rapport technique très long',
    text: body.join('\n\n'),
    publishedAt: '2022-06-01T00:00:00Z',
    sourceId: 'cndp-fr',
    outlet: 'CNDP',
    sourceKind: 'regulator',
    orgs: ['org:cndp'],
    caseId: null,
  };
}

/**
 * A temp database with CORPUS stored (fixture ids → stored ids into `ids`) and a fresh index under
 * `indexPrefix` started on it: the setup the API tests share. The caller drains the index once it
 * has written whatever else its tests need.
 */
export async function openCorpusIndex(options: {
  label: string;
  indexPrefix: string;
  ids: Map<string, string>;
  onSynced?: () => void;
}): Promise<{ db: Db; search: SearchIndex }> {
  const { db, dataDir } = openTempDb(options.label);
  const search = createSearchIndex({
    db,
    dataDir,
    config: { indexPrefix: options.indexPrefix },
    log: SILENT_LOG,
    gazetteer: GAZETTEER,
    maxIndexingThreads: 1,
    pollMs: 50,
    ...(options.onSynced ? { onSynced: options.onSynced } : {}),
  });
  await search.start({ loop: false });
  for (const f of CORPUS) storeFixture(db, f, options.ids);
  return { db, search };
}

/**
 * A temp database holding `docs` (rows written straight into the tables) and an index over them
 * with the cases `fixtureCases` derives, started and drained: the setup of the index-level search
 * tests. `options` are the index's own (prefix, gazetteer, chunk size, embedding model...).
 */
export async function indexFixtures(
  label: string,
  docs: FixtureDoc[],
  options: Omit<Parameters<typeof createSearchIndex>[0], 'db' | 'dataDir' | 'log' | 'cases'>,
): Promise<{ db: Db; search: SearchIndex }> {
  const { db, dataDir } = openTempDb(label);
  const search = createSearchIndex({ db, dataDir, log: SILENT_LOG, cases: fixtureCases(docs), ...options });
  await search.start({ loop: false });
  for (const d of docs) insertFixture(db, d);
  await search.drain();
  return { db, search };
}
