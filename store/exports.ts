// The read side of dataset exports (issue #11): the same filters as /search, answered from the
// record (never from the search index, which caps results at 1000), streamed row by row.
//
// An export reads through its own read-only connection inside one read transaction: a consistent
// snapshot of the record, pinned to a change-feed cursor, that can be iterated across `await`s
// without ever blocking (or being blocked by) the crawler and pipeline writing on the main
// connection. In WAL mode writers go on meanwhile; they only keep the WAL from shrinking.
import Database from 'better-sqlite3';
import { AppError } from '../pipeline/errors.ts';
import type { Entities, Lang } from '../pipeline/types.ts';
import { getCaseRecord, resolveCaseId } from './cases.ts';
import { currentChangeCursor } from './changes.ts';
import { type Db, parseJsonColumn } from './db.ts';

/** The /search filters, typed (dates as Unix seconds, like index/query.ts). */
export interface ExportFilter {
  languages?: readonly Lang[];
  sources?: readonly string[];
  outlets?: readonly string[];
  kinds?: readonly string[];
  /** Every one must be mentioned; an inner list is alternatives (any of them). Ids or exact names. */
  orgs?: readonly (string | readonly string[])[];
  /** Every one must be cited (inner lists: any of them); a law matches documents citing its articles too. */
  laws?: readonly (string | readonly string[])[];
  /** Any of them. */
  eventTypes?: readonly string[];
  /** Primary or mentioned case; absorbed ids follow their redirect. */
  caseIds?: readonly string[];
  from?: number;
  to?: number;
  /** `true` (default): relevant only; `false`: rejected only; `null`: both. */
  relevant?: boolean | null;
  includeDuplicates?: boolean;
}

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

export type ExportCaseRecord = NonNullable<ReturnType<typeof getCaseRecord>>;

export interface ExportSnapshot {
  /** The change-feed position this snapshot is consistent with. */
  readonly cursor: number;
  countDocuments(filter: ExportFilter): number;
  documents(filter: ExportFilter, options?: { text?: boolean }): IterableIterator<ExportDocumentRow>;
  documentEntities(filter: ExportFilter): IterableIterator<ExportEntitiesRow>;
  entities(filter: ExportFilter): IterableIterator<ExportEntityRow>;
  countCases(filter: ExportFilter): number;
  countEntities(filter: ExportFilter): number;
  caseIds(filter: ExportFilter): IterableIterator<string>;
  /** The sources the selected documents came from, with the name and homepage of their config. */
  sources(filter: ExportFilter): ExportSourceRow[];
  caseRecord(id: string): ExportCaseRecord | null;
  close(): void;
}

const EMPTY_ENTITIES: Entities = { organizations: [], persons: [], laws: [], deadlines: [], amounts: [], events: [] };

/** A parameterised WHERE clause over `analyses a`; values are bound, never spliced in. */
function exportWhere(
  filter: ExportFilter,
  resolveCase: (id: string) => string | null,
): {
  sql: string;
  params: Record<string, string | number>;
} {
  const clauses: string[] = [];
  const params: Record<string, string | number> = {};
  const list = (name: string, values: readonly string[] | undefined): boolean => {
    if (!values || values.length === 0) return false;
    params[name] = JSON.stringify([...new Set(values)]);
    return true;
  };
  if (list('languages', filter.languages)) clauses.push('a.language IN (SELECT value FROM json_each(@languages))');
  if (list('sources', filter.sources)) clauses.push('a.source_id IN (SELECT value FROM json_each(@sources))');
  if (list('outlets', filter.outlets)) clauses.push('a.outlet IN (SELECT value FROM json_each(@outlets))');
  if (list('kinds', filter.kinds)) clauses.push('a.source_kind IN (SELECT value FROM json_each(@kinds))');
  // Every group must match; within a group (a name's alternative ids) any one will do.
  const groups = (name: string, values: readonly (string | readonly string[])[] | undefined): boolean => {
    if (!values || values.length === 0) return false;
    params[name] = JSON.stringify(values.map((v) => (typeof v === 'string' ? [v] : [...v])));
    return true;
  };
  if (groups('orgs', filter.orgs))
    clauses.push(`NOT EXISTS (SELECT 1 FROM json_each(@orgs) j WHERE NOT EXISTS (
      SELECT 1 FROM document_entities de, json_each(j.value) alt WHERE de.document_id = a.document_id
        AND de.entity_type = 'organization' AND (de.entity_id = alt.value OR de.label = alt.value COLLATE NOCASE)))`);
  if (groups('laws', filter.laws))
    clauses.push(`NOT EXISTS (SELECT 1 FROM json_each(@laws) j WHERE NOT EXISTS (
      SELECT 1 FROM document_entities de, json_each(j.value) alt WHERE de.document_id = a.document_id
        AND de.entity_type = 'law' AND (de.entity_id = alt.value
          OR substr(de.entity_id, 1, length(alt.value) + 1) = alt.value || '/')))`);
  if (list('eventTypes', filter.eventTypes))
    clauses.push(`EXISTS (SELECT 1 FROM document_entities de WHERE de.document_id = a.document_id
      AND de.entity_type = 'event' AND de.entity_id IN (SELECT value FROM json_each(@eventTypes)))`);
  if (filter.caseIds && filter.caseIds.length > 0) {
    // An unknown case id matches nothing (like /search), it is not an error.
    list(
      'caseIds',
      filter.caseIds.map((id) => resolveCase(id) ?? id),
    );
    clauses.push(`EXISTS (SELECT 1 FROM case_members cm WHERE cm.document_id = a.document_id
      AND cm.case_id IN (SELECT value FROM json_each(@caseIds)))`);
  }
  if (filter.from !== undefined) {
    clauses.push('unixepoch(a.published_at) >= @from');
    params.from = filter.from;
  }
  if (filter.to !== undefined) {
    clauses.push('unixepoch(a.published_at) <= @to');
    params.to = filter.to;
  }
  const relevant = filter.relevant === undefined ? true : filter.relevant;
  if (relevant !== null) {
    clauses.push('a.relevant = @relevant');
    params.relevant = relevant ? 1 : 0;
  }
  if (!filter.includeDuplicates) clauses.push('(a.duplicate_of IS NULL OR a.duplicate_of = a.document_id)');
  return { sql: clauses.length ? clauses.join(' AND ') : '1', params };
}

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

/** Open a consistent, read-only snapshot of the record at `dbFile` (the path of `Db.name`). */
export function openExportSnapshot(dbFile: string, now: Date = new Date()): ExportSnapshot {
  if (dbFile === ':memory:' || dbFile === '')
    throw new AppError('INTERNAL', 'Exports read a database file through their own connection');
  const db: Db = new Database(dbFile, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.exec('BEGIN');
  // The first read starts the snapshot; everything below sees the record as of this cursor.
  const cursor = currentChangeCursor(db);
  const columns = new Set((db.prepare('PRAGMA table_info(analyses)').all() as { name: string }[]).map((c) => c.name));
  // Migration 005 (where a publication date came from) may not be applied to every record yet.
  const dateSource = columns.has('published_at_source') ? 'a.published_at_source' : 'NULL';
  const where = (filter: ExportFilter) => exportWhere(filter, (id) => resolveCaseId(db, id));

  return {
    cursor,
    countDocuments(filter) {
      const w = where(filter);
      return db.prepare(`SELECT count(*) FROM analyses a WHERE ${w.sql}`).pluck().get(w.params) as number;
    },
    *documents(filter, options = {}) {
      const w = where(filter);
      const stmt = db.prepare(
        `SELECT a.document_id AS id, d.canonical_url AS url, a.source_id, a.source_kind, a.outlet,
           a.language, a.title, a.author, a.published_at, ${dateSource} AS published_at_source, a.updated_at, a.relevant,
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
      for (const r of stmt.iterate(w.params) as IterableIterator<DocumentSqlRow>) {
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
        if (options.text) row.text = r.text ?? '';
        yield row;
      }
    },
    *documentEntities(filter) {
      const w = where(filter);
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
    },
    *entities(filter) {
      const w = where(filter);
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
    },
    countCases(filter) {
      const w = where(filter);
      return db
        .prepare(
          `SELECT count(DISTINCT cm.case_id) FROM case_members cm JOIN analyses a ON a.document_id = cm.document_id
           WHERE cm.role = 'primary' AND ${w.sql}`,
        )
        .pluck()
        .get(w.params) as number;
    },
    countEntities(filter) {
      const w = where(filter);
      return db
        .prepare(
          `SELECT count(*) FROM (SELECT 1 FROM document_entities de JOIN analyses a ON a.document_id = de.document_id
           WHERE de.entity_type IN ('organization', 'law') AND ${w.sql} GROUP BY de.entity_type, de.entity_id)`,
        )
        .pluck()
        .get(w.params) as number;
    },
    sources(filter) {
      const w = where(filter);
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
    },
    *caseIds(filter) {
      const w = where(filter);
      const stmt = db
        .prepare(
          `SELECT DISTINCT cm.case_id FROM case_members cm JOIN analyses a ON a.document_id = cm.document_id
           WHERE cm.role = 'primary' AND ${w.sql} ORDER BY cm.case_id`,
        )
        .pluck();
      yield* stmt.iterate(w.params) as IterableIterator<string>;
    },
    caseRecord(id) {
      return getCaseRecord(db, id, now);
    },
    close() {
      if (!db.open) return;
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
    },
  };
}
