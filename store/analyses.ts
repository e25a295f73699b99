// The derived record of each document (see migration 002). One transaction per document: the
// analysis row, its entity index rows and its near-duplicate band keys change together.
import type { Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { Entities, Lang, UnderstoodDocument } from '../pipeline/types.ts';
import { type Db, parseJsonColumn } from './db.ts';

export interface AnalysisInput {
  doc: UnderstoodDocument;
  versionNo: number;
  sourceKind: string;
  rejectedReason: string | null;
  contentHash: string;
  signature: Uint32Array | null;
  bandKeys: string[];
  duplicateOf: string | null;
  duplicateSimilarity: number | null;
}

export interface StoredAnalysis {
  documentId: string;
  versionNo: number;
  pipelineVersion: number;
  title: string | null;
  text: string;
  language: Lang;
  paragraphLanguages: Lang[];
  publishedAt: string | null;
  publishedAtSource: 'supplied' | 'page' | 'text' | null;
  publishedAtEvidence: string | null;
  updatedAt: string | null;
  author: string | null;
  outlet: string | null;
  sourceId: string;
  sourceKind: string;
  relevant: boolean;
  relevanceScore: number;
  rejectedReason: string | null;
  contentHash: string;
  duplicateOf: string | null;
  duplicateSimilarity: number | null;
  entities: Entities;
  analysedAt: string;
}

const EMPTY_ENTITIES: Entities = { organizations: [], persons: [], laws: [], deadlines: [], amounts: [], events: [] };

export function saveAnalysis(db: Db, input: AnalysisInput, now = new Date()): void {
  const { doc } = input;
  db.transaction(() => {
    db.prepare(
      `INSERT INTO analyses (document_id, version_no, pipeline_version, title, text, language, paragraph_languages,
         published_at, published_at_source, published_at_evidence, updated_at, author, outlet, source_id, source_kind,
         relevant, relevance_score, rejected_reason, content_hash, minhash, duplicate_of, duplicate_similarity, entities,
         analysed_at)
       VALUES (@id, @versionNo, @pipelineVersion, @title, @text, @language, @paragraphLanguages, @publishedAt,
         @publishedAtSource, @publishedAtEvidence, @updatedAt, @author, @outlet, @sourceId, @sourceKind, @relevant, @relevanceScore, @rejectedReason,
         @contentHash, @minhash, @duplicateOf, @duplicateSimilarity, @entities, @analysedAt)
       ON CONFLICT (document_id) DO UPDATE SET
         version_no = excluded.version_no, pipeline_version = excluded.pipeline_version, title = excluded.title,
         text = excluded.text, language = excluded.language, paragraph_languages = excluded.paragraph_languages,
         published_at = excluded.published_at, published_at_source = excluded.published_at_source,
         published_at_evidence = excluded.published_at_evidence, updated_at = excluded.updated_at, author = excluded.author,
         outlet = excluded.outlet, source_id = excluded.source_id, source_kind = excluded.source_kind,
         relevant = excluded.relevant, relevance_score = excluded.relevance_score,
         rejected_reason = excluded.rejected_reason, content_hash = excluded.content_hash, minhash = excluded.minhash,
         duplicate_of = excluded.duplicate_of, duplicate_similarity = excluded.duplicate_similarity,
         entities = excluded.entities, analysed_at = excluded.analysed_at`,
    ).run({
      id: doc.id,
      versionNo: input.versionNo,
      pipelineVersion: doc.pipelineVersion,
      title: doc.title,
      text: doc.text,
      language: doc.language,
      paragraphLanguages: JSON.stringify(doc.paragraphLanguages),
      publishedAt: doc.publishedAt,
      publishedAtSource: doc.publishedAtSource ?? null,
      publishedAtEvidence: doc.publishedAtEvidence ?? null,
      updatedAt: doc.updatedAt,
      author: doc.author,
      outlet: doc.outlet,
      sourceId: doc.sourceId,
      sourceKind: input.sourceKind,
      relevant: doc.relevant ? 1 : 0,
      relevanceScore: doc.relevanceScore,
      rejectedReason: input.rejectedReason,
      contentHash: input.contentHash,
      minhash: input.signature
        ? Buffer.from(input.signature.buffer, input.signature.byteOffset, input.signature.byteLength)
        : null,
      duplicateOf: input.duplicateOf,
      duplicateSimilarity: input.duplicateSimilarity,
      entities: JSON.stringify(doc.entities),
      analysedAt: now.toISOString(),
    });

    db.prepare('DELETE FROM document_entities WHERE document_id = ?').run(doc.id);
    const insertEntity = db.prepare(
      `INSERT INTO document_entities (document_id, entity_type, entity_id, label, mention_count)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (document_id, entity_type, entity_id) DO UPDATE SET mention_count = mention_count + excluded.mention_count`,
    );
    for (const o of doc.entities.organizations)
      insertEntity.run(doc.id, 'organization', o.id, o.name, o.mentions.length);
    for (const p of doc.entities.persons) insertEntity.run(doc.id, 'person', p.id, p.name, p.mentions.length);
    for (const l of doc.entities.laws) insertEntity.run(doc.id, 'law', l.id, l.label, l.mentions.length);
    for (const e of doc.entities.events) insertEntity.run(doc.id, 'event', e.type, e.type, e.mentions.length);

    db.prepare('DELETE FROM dedupe_bands WHERE document_id = ?').run(doc.id);
    const insertBand = db.prepare('INSERT OR IGNORE INTO dedupe_bands (band_key, document_id) VALUES (?, ?)');
    for (const key of input.bandKeys) insertBand.run(key, doc.id);
  })();
}

interface AnalysisRow {
  document_id: string;
  version_no: number;
  pipeline_version: number;
  title: string | null;
  text: string;
  language: string;
  paragraph_languages: string;
  published_at: string | null;
  published_at_source: 'supplied' | 'page' | 'text' | null;
  published_at_evidence: string | null;
  updated_at: string | null;
  author: string | null;
  outlet: string | null;
  source_id: string;
  source_kind: string;
  relevant: number;
  relevance_score: number;
  rejected_reason: string | null;
  content_hash: string;
  duplicate_of: string | null;
  duplicate_similarity: number | null;
  entities: string;
  analysed_at: string;
}

const langSchema = z.enum(['fr', 'ar', 'en', 'und']);

function fromRow(row: AnalysisRow): StoredAnalysis {
  return {
    documentId: row.document_id,
    versionNo: row.version_no,
    pipelineVersion: row.pipeline_version,
    title: row.title,
    text: row.text,
    language: langSchema.parse(row.language),
    paragraphLanguages: z.array(langSchema).parse(parseJsonColumn(row.paragraph_languages, [])),
    publishedAt: row.published_at,
    publishedAtSource: row.published_at_source,
    publishedAtEvidence: row.published_at_evidence,
    updatedAt: row.updated_at,
    author: row.author,
    outlet: row.outlet,
    sourceId: row.source_id,
    sourceKind: row.source_kind,
    relevant: row.relevant === 1,
    relevanceScore: row.relevance_score,
    rejectedReason: row.rejected_reason,
    contentHash: row.content_hash,
    duplicateOf: row.duplicate_of,
    duplicateSimilarity: row.duplicate_similarity,
    entities: { ...EMPTY_ENTITIES, ...parseJsonColumn<Partial<Entities>>(row.entities, {}) },
    analysedAt: row.analysed_at,
  };
}

// Every column but the MinHash blob, which only duplicate detection reads (findDuplicateCandidates).
const ANALYSIS_COLUMNS = `a.document_id, a.version_no, a.pipeline_version, a.title, a.text, a.language,
  a.paragraph_languages, a.published_at, a.published_at_source, a.published_at_evidence, a.updated_at, a.author,
  a.outlet, a.source_id, a.source_kind, a.relevant, a.relevance_score, a.rejected_reason, a.content_hash,
  a.duplicate_of, a.duplicate_similarity, a.entities, a.analysed_at`;

export function getAnalysis(db: Db, documentId: string): StoredAnalysis | null {
  const row = db.prepare(`SELECT ${ANALYSIS_COLUMNS} FROM analyses a WHERE a.document_id = ?`).get(documentId) as
    | AnalysisRow
    | undefined;
  return row ? fromRow(row) : null;
}

// Asked once per imported line: the statement is prepared once per connection.
const hasAnalysisStatements = new WeakMap<Db, Statement>();

export function hasAnalysis(db: Db, documentId: string): boolean {
  let statement = hasAnalysisStatements.get(db);
  if (!statement) {
    statement = db.prepare('SELECT 1 FROM analyses WHERE document_id = ?');
    hasAnalysisStatements.set(db, statement);
  }
  return statement.get(documentId) !== undefined;
}

export function countAnalyses(db: Db): number {
  return db.prepare('SELECT count(*) FROM analyses').pluck().get() as number;
}

/** An analysis with its document's canonical URL: what the search index and exports show. */
export type AnalysisWithUrl = StoredAnalysis & { canonicalUrl: string | null };

const WITH_URL = `SELECT ${ANALYSIS_COLUMNS}, d.canonical_url FROM analyses a LEFT JOIN documents d ON d.id = a.document_id`;

function fromRowWithUrl(row: AnalysisRow & { canonical_url: string | null }): AnalysisWithUrl {
  return { ...fromRow(row), canonicalUrl: row.canonical_url };
}

/** The analyses of `documentIds` that exist, in no particular order (ids without one are absent). */
export function analysesWithUrls(db: Db, documentIds: readonly string[]): AnalysisWithUrl[] {
  if (documentIds.length === 0) return [];
  const rows = db
    .prepare(`${WITH_URL} WHERE a.document_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(documentIds)) as (AnalysisRow & { canonical_url: string | null })[];
  return rows.map(fromRowWithUrl);
}

const understoodStatements = new WeakMap<Db, Statement>();

/**
 * The understood document as the pipeline made it, read back from its analysis and its document's
 * canonical URL (the `url` the pipeline gives a document), with the canonical id of its
 * near-duplicate cluster as it stands now. A large batch is linked after all of it is analysed;
 * reading each document back when its turn comes keeps one document in memory instead of the whole
 * batch (the texts and entities of 100,000 documents held through linking).
 */
export function understoodDocumentOf(
  db: Db,
  documentId: string,
): { doc: UnderstoodDocument; duplicateOf: string | null } | null {
  let statement = understoodStatements.get(db);
  if (!statement) {
    statement = db.prepare(`${WITH_URL} WHERE a.document_id = ?`);
    understoodStatements.set(db, statement);
  }
  const row = statement.get(documentId) as (AnalysisRow & { canonical_url: string | null }) | undefined;
  if (!row || row.canonical_url === null) return null;
  const a = fromRow(row);
  const doc: UnderstoodDocument = {
    id: a.documentId,
    url: row.canonical_url,
    sourceId: a.sourceId,
    outlet: a.outlet,
    title: a.title,
    text: a.text,
    language: a.language,
    paragraphLanguages: a.paragraphLanguages,
    publishedAt: a.publishedAt,
    publishedAtSource: a.publishedAtSource,
    publishedAtEvidence: a.publishedAtEvidence,
    updatedAt: a.updatedAt,
    author: a.author,
    relevant: a.relevant,
    relevanceScore: a.relevanceScore,
    entities: a.entities,
    pipelineVersion: a.pipelineVersion,
  };
  return { doc, duplicateOf: a.duplicateOf };
}

/** One page of every analysis in id order, after `afterId` (keyset paging: a rebuild reads them all). */
export function analysesPage(db: Db, afterId: string, limit: number): AnalysisWithUrl[] {
  const rows = db
    .prepare(`${WITH_URL} WHERE a.document_id > ? ORDER BY a.document_id LIMIT ?`)
    .all(afterId, limit) as (AnalysisRow & { canonical_url: string | null })[];
  return rows.map(fromRowWithUrl);
}

export interface DuplicateCandidate {
  id: string;
  contentHash: string;
  signature: Uint32Array;
  publishedAt: string | null;
  sourceKind: string;
  duplicateOf: string | null;
}

/** Documents sharing the content hash or at least one LSH band with the given keys. */
export function findDuplicateCandidates(
  db: Db,
  documentId: string,
  contentHash: string,
  bandKeys: string[],
): DuplicateCandidate[] {
  const ids = new Set<string>(
    db
      .prepare('SELECT document_id FROM analyses WHERE content_hash = ? AND document_id <> ?')
      .pluck()
      .all(contentHash, documentId) as string[],
  );
  const byBand = db
    .prepare('SELECT document_id FROM dedupe_bands WHERE band_key = ? AND document_id <> ? LIMIT 200')
    .pluck();
  for (const key of bandKeys) for (const id of byBand.all(key, documentId) as string[]) ids.add(id);
  if (ids.size === 0) return [];
  const get = db.prepare(
    'SELECT document_id, content_hash, minhash, published_at, source_kind, duplicate_of FROM analyses WHERE document_id = ? AND minhash IS NOT NULL',
  );
  const out: DuplicateCandidate[] = [];
  for (const id of ids) {
    const row = get.get(id) as
      | {
          document_id: string;
          content_hash: string;
          minhash: Buffer;
          published_at: string | null;
          source_kind: string;
          duplicate_of: string | null;
        }
      | undefined;
    if (!row) continue;
    const bytes = new Uint8Array(row.minhash);
    out.push({
      id: row.document_id,
      contentHash: row.content_hash,
      signature: new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4),
      publishedAt: row.published_at,
      sourceKind: row.source_kind,
      duplicateOf: row.duplicate_of,
    });
  }
  return out;
}

/** Point every member of `fromCanonical`'s cluster (and the canonical itself) at `toCanonical`. */
export function repointDuplicates(db: Db, fromCanonical: string, toCanonical: string): void {
  db.transaction(() => {
    db.prepare('UPDATE analyses SET duplicate_of = ? WHERE duplicate_of = ? AND document_id <> ?').run(
      toCanonical,
      fromCanonical,
      toCanonical,
    );
    db.prepare('UPDATE analyses SET duplicate_of = ? WHERE document_id = ?').run(toCanonical, fromCanonical);
  })();
}

export function duplicateClusterOf(db: Db, documentId: string): { canonicalId: string; memberIds: string[] } {
  const own = db.prepare('SELECT duplicate_of FROM analyses WHERE document_id = ?').pluck().get(documentId) as
    | string
    | null
    | undefined;
  const canonicalId = own ?? documentId;
  const memberIds = db
    .prepare('SELECT document_id FROM analyses WHERE duplicate_of = ? ORDER BY published_at')
    .pluck()
    .all(canonicalId) as string[];
  return { canonicalId, memberIds };
}

/**
 * Documents the pipeline still owes work: no analysis, an analysis of an older version of the text
 * or by an older pipeline, or an analysis whose case decision was never written (a crash between
 * the two transactions).
 */
export function staleDocumentIds(db: Db, pipelineVersion: number): string[] {
  return db
    .prepare(
      `SELECT d.id FROM documents d LEFT JOIN analyses a ON a.document_id = d.id
       WHERE a.document_id IS NULL OR a.version_no < d.current_version OR a.pipeline_version <> ?
          OR NOT EXISTS (SELECT 1 FROM case_documents c WHERE c.document_id = d.id)
       ORDER BY d.first_seen_at, d.id`,
    )
    .pluck()
    .all(pipelineVersion) as string[];
}
