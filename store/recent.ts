// What happened when, as the alerts read it: a document's headline, the newest cases, the documents
// and cases of a time window, and the deadlines falling between two days. Read-only; the tables
// are written by the pipeline (analyses) and case linking (cases, case_members).
import type { Db } from './db.ts';

export interface DocumentHeadline {
  id: string;
  title: string | null;
  language: string;
  publishedAt: string | null;
  sourceId: string;
  outlet: string | null;
  canonicalUrl: string | null;
}

/** An analysed document's title and where it comes from; null when it has no analysis. */
export function documentHeadline(db: Db, id: string): DocumentHeadline | null {
  const row = db
    .prepare(
      `SELECT a.document_id AS id, a.title, a.language, a.published_at AS publishedAt, a.source_id AS sourceId,
         a.outlet, d.canonical_url AS canonicalUrl
       FROM analyses a LEFT JOIN documents d ON d.id = a.document_id WHERE a.document_id = ?`,
    )
    .get(id) as DocumentHeadline | undefined;
  return row ?? null;
}

export interface NewCase {
  id: string;
  /** The analyst's title, else the generated one. */
  titleFr: string;
  titleAr: string;
  type: string;
  documentCount: number;
  createdAt: string;
}

/** The newest cases, in order of creation. */
export function newestCases(db: Db, limit: number): NewCase[] {
  return db
    .prepare(
      `SELECT id, coalesce(title_fr, generated_title_fr) AS titleFr, coalesce(title_ar, generated_title_ar) AS titleAr,
         type, doc_count AS documentCount, created_at AS createdAt FROM cases ORDER BY created_seq DESC LIMIT ?`,
    )
    .all(limit) as NewCase[];
}

/** Analysed documents published (or, undated, first seen) at or after `since`, newest first. */
export function documentIdsSince(db: Db, since: string, limit: number): string[] {
  return db
    .prepare(
      `SELECT a.document_id FROM analyses a LEFT JOIN documents d ON d.id = a.document_id
       WHERE coalesce(a.published_at, d.first_seen_at) >= ?
       ORDER BY coalesce(a.published_at, d.first_seen_at) DESC LIMIT ?`,
    )
    .pluck()
    .all(since, limit) as string[];
}

/** How many of a case's analysed documents were published (or, undated, first seen) at or after `since`. */
export function caseDocumentCountSince(db: Db, caseId: string, since: string): number {
  return db
    .prepare(
      `SELECT count(*) FROM case_members m JOIN analyses a ON a.document_id = m.document_id
       LEFT JOIN documents d ON d.id = m.document_id
       WHERE m.case_id = ? AND coalesce(a.published_at, d.first_seen_at) >= ?`,
    )
    .pluck()
    .get(caseId, since) as number;
}

/** Cases first seen (or, without that, created) at or after `since`, newest first. */
export function caseIdsSince(db: Db, since: string, limit: number): string[] {
  return db
    .prepare('SELECT id FROM cases WHERE coalesce(first_seen, created_at) >= ? ORDER BY created_seq DESC LIMIT ?')
    .pluck()
    .all(since, limit) as string[];
}

export interface DeadlineMention {
  documentId: string;
  /** YYYY-MM-DD */
  date: string;
  label: string;
  /** The document's primary case, if linked. */
  caseId: string | null;
  /** Organizations the document names. */
  orgIds: string[];
}

/** Deadlines named by relevant, non-duplicate documents, due between two days (inclusive), by date. */
export function deadlinesBetween(db: Db, fromDay: string, toDay: string): DeadlineMention[] {
  const rows = db
    .prepare(
      `SELECT a.document_id, json_extract(d.value, '$.date') AS date, json_extract(d.value, '$.label') AS label,
         a.entities, m.case_id
       FROM analyses a, json_each(a.entities, '$.deadlines') d
       LEFT JOIN case_members m ON m.document_id = a.document_id AND m.role = 'primary'
       WHERE a.relevant = 1 AND a.duplicate_of IS NULL
         AND json_extract(d.value, '$.date') BETWEEN ? AND ?
       ORDER BY date, a.document_id`,
    )
    .all(fromDay, toDay) as {
    document_id: string;
    date: string;
    label: string;
    entities: string;
    case_id: string | null;
  }[];
  return rows.map((r) => ({
    documentId: r.document_id,
    date: r.date,
    label: r.label,
    caseId: r.case_id,
    orgIds: ((JSON.parse(r.entities) as { organizations?: { id: string }[] }).organizations ?? []).map((o) => o.id),
  }));
}
