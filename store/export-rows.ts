// The rows of a dataset export, read from inside an export snapshot (store/exports.ts): one function
// per table of the export, each a single statement over the documents `ExportWhere` selects, streamed
// row by row where a table can be large.
import type { Entities, Lang } from '../pipeline/types.ts';
import { type Db, parseJsonColumn } from './db.ts';
import type { ExportWhere } from './export-filter.ts';

export interface ExportDocumentRow {
  id: string;
  url: string;
  fetchedUrl: string | null;
  sourceId: string;
  sourceKind: string;
  outlet: string | null;
  language: Lang;
  title: string | null;
  author: string | null;
  publishedAt: string | null;
  publishedAtSource: string | null;
  updatedAt: string | null;
  relevant: boolean;
  relevanceScore: number;
  rejectedReason: string | null;
  duplicateOf: string | null;
  duplicateSimilarity: number | null;
  caseId: string | null;
  mentionedCaseIds: string[];
  firstSeenAt: string;
  lastSeenAt: string;
  versionNo: number;
  snapshotId: number | null;
  fetchedAt: string | null;
  snapshotContentHash: string | null;
  pipelineVersion: number;
  analysedAt: string;
  text?: string;
}

/** A document with its parsed entities: the source of the mentions, events and deadlines tables. */
export interface ExportEntitiesRow {
  documentId: string;
  url: string;
  caseId: string | null;
  language: Lang;
  publishedAt: string | null;
  fetchedAt: string | null;
  snapshotContentHash: string | null;
  pipelineVersion: number;
  entities: Entities;
}

export interface ExportEntityRow {
  type: 'organization' | 'law';
  id: string;
  name: string;
  variants: string[];
  documentCount: number;
  mentionCount: number;
  firstPublishedAt: string | null;
  lastPublishedAt: string | null;
}

export interface ExportSourceRow {
  id: string;
  name: string;
  homepage: string | null;
  kind: string;
  documentCount: number;
}

const EMPTY_ENTITIES: Entities = { organizations: [], persons: [], laws: [], deadlines: [], amounts: [], events: [] };

interface DocumentSqlRow {
  id: string;
  url: string;
  fetched_url: string | null;
  source_id: string;
  source_kind: string;
  outlet: string | null;
  language: Lang;
  title: string | null;
  author: string | null;
  published_at: string | null;
  published_at_source: string | null;
  updated_at: string | null;
  relevant: number;
  relevance_score: number;
  rejected_reason: string | null;
  duplicate_of: string | null;
  duplicate_similarity: number | null;
  case_id: string | null;
  mentioned: string;
  first_seen_at: string;
  last_seen_at: string;
  version_no: number;
  snapshot_id: number | null;
  fetched_at: string | null;
  snapshot_hash: string | null;
  pipeline_version: number;
  analysed_at: string;
  text?: string;
  entities?: string;
}

// A version row repeats its snapshot's hash and fetch time (store/documents.ts writes both from the
// same values), so provenance is read there: the page row keeps those columns after the raw body,
// and reaching them would walk every overflow page of the HTML.
const PROVENANCE_JOINS = `FROM analyses a JOIN documents d ON d.id = a.document_id
  LEFT JOIN document_versions v ON v.document_id = a.document_id AND v.version_no = a.version_no`;

export function countDocuments(db: Db, w: ExportWhere): number {
  return db.prepare(`SELECT count(*) FROM analyses a WHERE ${w.sql}`).pluck().get(w.params) as number;
}

function documentRow(r: DocumentSqlRow, text: boolean): ExportDocumentRow {
  const row: ExportDocumentRow = {
    id: r.id,
    url: r.url,
    fetchedUrl: r.fetched_url,
    sourceId: r.source_id,
    sourceKind: r.source_kind,
    outlet: r.outlet,
    language: r.language,
    title: r.title,
    author: r.author,
    publishedAt: r.published_at,
    publishedAtSource: r.published_at_source,
    updatedAt: r.updated_at,
    relevant: r.relevant === 1,
    relevanceScore: r.relevance_score,
    rejectedReason: r.rejected_reason,
    duplicateOf: r.duplicate_of,
    duplicateSimilarity: r.duplicate_similarity,
    caseId: r.case_id,
    mentionedCaseIds: parseJsonColumn<string[]>(r.mentioned, []),
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
    versionNo: r.version_no,
    snapshotId: r.snapshot_id,
    fetchedAt: r.fetched_at,
    snapshotContentHash: r.snapshot_hash,
    pipelineVersion: r.pipeline_version,
    analysedAt: r.analysed_at,
  };
  if (text) row.text = r.text ?? '';
  return row;
}

/**
 * `dateSource`: the SQL of the publication date's provenance column (`NULL` on a record that
 * predates it, see openExportSnapshot).
 */
export function* documentRows(
  db: Db,
  w: ExportWhere,
  options: { text?: boolean; dateSource: string },
): Generator<ExportDocumentRow> {
  const stmt = db.prepare(
    `SELECT a.document_id AS id, d.canonical_url AS url, a.source_id, a.source_kind, a.outlet,
       a.language, a.title, a.author, a.published_at, ${options.dateSource} AS published_at_source, a.updated_at, a.relevant,
       a.relevance_score, a.rejected_reason, a.duplicate_of, a.duplicate_similarity,
       (SELECT case_id FROM case_members WHERE document_id = a.document_id AND role = 'primary') AS case_id,
       (SELECT json_group_array(case_id) FROM (SELECT case_id FROM case_members
          WHERE document_id = a.document_id AND role = 'mention' ORDER BY case_id)) AS mentioned,
       (SELECT url FROM pages WHERE id = v.page_id) AS fetched_url,
       d.first_seen_at, d.last_seen_at, a.version_no, v.page_id AS snapshot_id, v.created_at AS fetched_at,
       v.content_hash AS snapshot_hash, a.pipeline_version, a.analysed_at
       ${options.text ? ', a.text' : ''}
     ${PROVENANCE_JOINS} WHERE ${w.sql} ORDER BY a.document_id`,
  );
  for (const r of stmt.iterate(w.params) as IterableIterator<DocumentSqlRow>) yield documentRow(r, !!options.text);
}

export function* documentEntityRows(db: Db, w: ExportWhere): Generator<ExportEntitiesRow> {
  const stmt = db.prepare(
    `SELECT a.document_id AS id, d.canonical_url AS url, a.language, a.published_at, v.created_at AS fetched_at,
       v.content_hash AS snapshot_hash, a.pipeline_version, a.entities,
       (SELECT case_id FROM case_members WHERE document_id = a.document_id AND role = 'primary') AS case_id
     ${PROVENANCE_JOINS} WHERE ${w.sql} ORDER BY a.document_id`,
  );
  for (const r of stmt.iterate(w.params) as IterableIterator<DocumentSqlRow>) {
    yield {
      documentId: r.id,
      url: r.url,
      caseId: r.case_id,
      language: r.language,
      publishedAt: r.published_at,
      fetchedAt: r.fetched_at,
      snapshotContentHash: r.snapshot_hash,
      pipelineVersion: r.pipeline_version,
      entities: { ...EMPTY_ENTITIES, ...parseJsonColumn<Partial<Entities>>(r.entities, {}) },
    };
  }
}

export function* entityRows(db: Db, w: ExportWhere): Generator<ExportEntityRow> {
  // Persons are left out on purpose: a register of enforcement publishes who was sanctioned
  // (organizations) and under which law, not the names of the individuals in the coverage.
  const stmt = db.prepare(
    `SELECT de.entity_type AS type, de.entity_id AS id,
       json_group_array(DISTINCT de.label) AS variants, count(DISTINCT de.document_id) AS document_count,
       sum(de.mention_count) AS mention_count, min(a.published_at) AS first_published_at,
       max(a.published_at) AS last_published_at
     FROM document_entities de JOIN analyses a ON a.document_id = de.document_id
     WHERE de.entity_type IN ('organization', 'law') AND ${w.sql}
     GROUP BY de.entity_type, de.entity_id ORDER BY de.entity_type, de.entity_id`,
  );
  const labelCounts = db.prepare(
    `SELECT label FROM document_entities WHERE entity_type = ? AND entity_id = ?
     GROUP BY label ORDER BY count(*) DESC, label LIMIT 1`,
  );
  for (const r of stmt.iterate(w.params) as IterableIterator<{
    type: 'organization' | 'law';
    id: string;
    variants: string;
    document_count: number;
    mention_count: number;
    first_published_at: string | null;
    last_published_at: string | null;
  }>) {
    const variants = parseJsonColumn<string[]>(r.variants, []).sort();
    yield {
      type: r.type,
      id: r.id,
      name: (labelCounts.pluck().get(r.type, r.id) as string | undefined) ?? variants[0] ?? r.id,
      variants,
      documentCount: r.document_count,
      mentionCount: r.mention_count,
      firstPublishedAt: r.first_published_at,
      lastPublishedAt: r.last_published_at,
    };
  }
}

export function countCases(db: Db, w: ExportWhere): number {
  return db
    .prepare(
      `SELECT count(DISTINCT cm.case_id) FROM case_members cm JOIN analyses a ON a.document_id = cm.document_id
       WHERE cm.role = 'primary' AND ${w.sql}`,
    )
    .pluck()
    .get(w.params) as number;
}

export function countEntities(db: Db, w: ExportWhere): number {
  return db
    .prepare(
      `SELECT count(*) FROM (SELECT 1 FROM document_entities de JOIN analyses a ON a.document_id = de.document_id
       WHERE de.entity_type IN ('organization', 'law') AND ${w.sql} GROUP BY de.entity_type, de.entity_id)`,
    )
    .pluck()
    .get(w.params) as number;
}

export function sourceRows(db: Db, w: ExportWhere): ExportSourceRow[] {
  const rows = db
    .prepare(
      `SELECT a.source_id AS id, min(a.source_kind) AS kind, count(*) AS n, s.config
       FROM analyses a LEFT JOIN sources s ON s.id = a.source_id WHERE ${w.sql}
       GROUP BY a.source_id ORDER BY a.source_id`,
    )
    .all(w.params) as { id: string; kind: string; n: number; config: string | null }[];
  return rows.map((r) => {
    const config = parseJsonColumn<{ name?: unknown; homepage?: unknown }>(r.config, {});
    return {
      id: r.id,
      name: typeof config.name === 'string' ? config.name : r.id,
      homepage: typeof config.homepage === 'string' ? config.homepage : null,
      kind: r.kind,
      documentCount: r.n,
    };
  });
}

export function* caseIdRows(db: Db, w: ExportWhere): Generator<string> {
  const stmt = db
    .prepare(
      `SELECT DISTINCT cm.case_id FROM case_members cm JOIN analyses a ON a.document_id = cm.document_id
       WHERE cm.role = 'primary' AND ${w.sql} ORDER BY cm.case_id`,
    )
    .pluck();
  yield* stmt.iterate(w.params) as IterableIterator<string>;
}
