// Case rows as the store keeps them: prepared statements, a case's summary and members, and the
// resolution of merged ids. Shared by the linking engine (case-linking.ts) and the readers (cases.ts).
import type { Statement } from 'better-sqlite3';
import {
  type CaseDocument,
  type CaseSummary,
  type CaseType,
  emptySummary,
  type LinkFeatures,
} from '../pipeline/link/index.ts';
import { type Db, parseJsonColumn } from './db.ts';
export interface CaseRowDb {
  id: string;
  title_fr: string | null;
  title_ar: string | null;
  generated_title_fr: string;
  generated_title_ar: string;
  type: CaseType;
  accepts_auto_join: number;
  summary: string;
  doc_count: number;
  first_seen: string | null;
  last_seen: string | null;
  created_seq: number;
  created_at: string;
  updated_at: string;
}

// Prepared statements are cached per connection: preparing costs more than running these queries.
export const statements = new WeakMap<Db, Map<string, Statement>>();
export function q(db: Db, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = sql.startsWith('--pluck\n') ? db.prepare(sql).pluck() : db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** The same, returning the first column only (`pluck`), cached apart since pluck changes the statement. */
export function qp(db: Db, sql: string): Statement {
  return q(db, `--pluck\n${sql}`);
}

export function iso(now: Date | undefined): string {
  return (now ?? new Date()).toISOString();
}

/** Follow redirects to the live id (ids of absorbed cases keep answering). */
export function resolveCaseId(db: Db, id: string): string | null {
  let current = id;
  const redirect = qp(db, 'SELECT to_id FROM case_redirects WHERE from_id = ?');
  for (let hop = 0; hop < 32; hop++) {
    if (qp(db, 'SELECT 1 FROM cases WHERE id = ?').get(current)) return current;
    const next = redirect.get(current) as string | undefined;
    if (next === undefined) return null;
    current = next;
  }
  return null;
}

export function readSummary(row: Pick<CaseRowDb, 'id' | 'summary' | 'accepts_auto_join'>): CaseSummary {
  const summary = parseJsonColumn<CaseSummary>(row.summary, emptySummary(row.id));
  summary.caseId = row.id;
  summary.acceptsAutoJoin = row.accepts_auto_join === 1;
  return summary;
}

export function primaryMembers(db: Db, caseId: string): { documentId: string; pinned: boolean }[] {
  return (
    db
      .prepare(
        "SELECT document_id AS documentId, pinned FROM case_members WHERE case_id = ? AND role = 'primary' ORDER BY document_id",
      )
      .all(caseId) as { documentId: string; pinned: number }[]
  ).map((r) => ({ documentId: r.documentId, pinned: r.pinned === 1 }));
}

export function loadDocRows(
  db: Db,
  ids: readonly string[],
): { features: LinkFeatures; card: CaseDocument; seq: number }[] {
  const stmt = q(db, 'SELECT features, card, seq FROM case_documents WHERE document_id = ?');
  const out: { features: LinkFeatures; card: CaseDocument; seq: number }[] = [];
  for (const id of ids) {
    const row = stmt.get(id) as { features: string; card: string; seq: number } | undefined;
    if (!row) continue;
    out.push({
      features: parseJsonColumn<LinkFeatures>(row.features, null as never),
      card: parseJsonColumn<CaseDocument>(row.card, null as never),
      seq: row.seq,
    });
  }
  return out.sort((a, b) => a.seq - b.seq);
}

export function memberCards(db: Db, caseId: string): CaseDocument[] {
  return loadDocRows(
    db,
    primaryMembers(db, caseId).map((m) => m.documentId),
  ).map((d) => d.card);
}

export function hasPinned(db: Db, caseId: string): boolean {
  return q(db, 'SELECT 1 FROM case_members WHERE case_id = ? AND pinned = 1 LIMIT 1').get(caseId) !== undefined;
}

export function loadSummary(db: Db, caseId: string): CaseSummary | null {
  const row = q(db, 'SELECT id, summary, accepts_auto_join FROM cases WHERE id = ?').get(caseId) as
    | Pick<CaseRowDb, 'id' | 'summary' | 'accepts_auto_join'>
    | undefined;
  return row ? readSummary(row) : null;
}

export function caseIdsForDocument(db: Db, documentId: string): { caseId: string | null; mentionedCaseIds: string[] } {
  const rows = db
    .prepare('SELECT case_id, role FROM case_members WHERE document_id = ? ORDER BY case_id')
    .all(documentId) as { case_id: string; role: string }[];
  return {
    caseId: rows.find((r) => r.role === 'primary')?.case_id ?? null,
    mentionedCaseIds: rows.filter((r) => r.role === 'mention').map((r) => r.case_id),
  };
}
