// Enforcement cases in the store (migration 003), as read: one case, a list, a document's cases,
// the full record with its timeline, the curation log, and why two documents share a case or not.
// The linking engine that writes them is store/case-linking.ts (analysts' corrections: case-curation.ts).
import {
  buildCaseRecord,
  type CaseRecord,
  type CaseType,
  type LinkFeatures,
  scoreCandidate,
} from '../pipeline/link/index.ts';
import {
  type CaseRowDb,
  caseIdsForDocument,
  loadDocRows,
  loadSummary,
  memberCards,
  q,
  qp,
  resolveCaseId,
} from './case-rows.ts';
import { type Db, parseJsonColumn } from './db.ts';

export { caseIdsForDocument, resolveCaseId };

export interface CaseInfo {
  id: string;
  /** The id asked for, when it redirected to `id`. */
  redirectedFrom: string | null;
  titleFr: string;
  titleAr: string;
  /** True when an analyst set the title. */
  titleSetByAnalyst: boolean;
  type: CaseType;
  acceptsAutoJoin: boolean;
  documentCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ListCasesOptions {
  limit?: number;
  offset?: number;
  type?: CaseType;
}

function toInfo(row: CaseRowDb, redirectedFrom: string | null): CaseInfo {
  return {
    id: row.id,
    redirectedFrom,
    titleFr: row.title_fr ?? row.generated_title_fr,
    titleAr: row.title_ar ?? row.generated_title_ar,
    titleSetByAnalyst: row.title_fr !== null || row.title_ar !== null,
    type: row.type,
    acceptsAutoJoin: row.accepts_auto_join === 1,
    documentCount: row.doc_count,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getCase(db: Db, id: string): CaseInfo | null {
  const live = resolveCaseId(db, id);
  if (!live) return null;
  const row = q(db, 'SELECT * FROM cases WHERE id = ?').get(live) as CaseRowDb;
  return toInfo(row, live === id ? null : id);
}

export function listCases(db: Db, options: ListCasesOptions = {}): { total: number; cases: CaseInfo[] } {
  const limit = Math.max(1, Math.min(options.limit ?? 50, 1000));
  const offset = Math.max(0, options.offset ?? 0);
  const where = options.type ? 'WHERE type = @type' : '';
  const params = { type: options.type ?? null, limit, offset };
  const total = qp(db, `SELECT COUNT(*) FROM cases ${where}`).get(params) as number;
  const rows = db
    .prepare(
      `SELECT * FROM cases ${where}
       ORDER BY last_seen IS NULL, last_seen DESC, created_seq DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as CaseRowDb[];
  return { total, cases: rows.map((r) => toInfo(r, null)) };
}

/** The full record of a case (following redirects); null when unknown. */
export function getCaseRecord(
  db: Db,
  id: string,
  now: Date | string = new Date(),
): (CaseRecord & { redirectedFrom: string | null; mentionedIn: string[] }) | null {
  const info = getCase(db, id);
  if (!info) return null;
  const row = q(db, 'SELECT title_fr, title_ar, created_at FROM cases WHERE id = ?').get(info.id) as {
    title_fr: string | null;
    title_ar: string | null;
    created_at: string;
  };
  const record = buildCaseRecord(
    { id: info.id, titleFr: row.title_fr, titleAr: row.title_ar, createdAt: row.created_at },
    memberCards(db, info.id),
    now,
  );
  const mentionedIn = qp(
    db,
    "SELECT document_id FROM case_members WHERE case_id = ? AND role = 'mention' ORDER BY document_id",
  ).all(info.id) as string[];
  return { ...record, redirectedFrom: info.redirectedFrom, mentionedIn };
}

/** The analysts' decisions, newest first. */
export function curationLog(
  db: Db,
  limit = 100,
): {
  op: string;
  caseId: string | null;
  otherCaseId: string | null;
  documentId: string | null;
  payload: unknown;
  actor: string;
  at: string;
}[] {
  return (
    db
      .prepare(
        `SELECT op, case_id AS caseId, other_case_id AS otherCaseId, document_id AS documentId, payload, actor, at
         FROM case_curation ORDER BY id DESC LIMIT ?`,
      )
      .all(limit) as {
      op: string;
      caseId: string | null;
      otherCaseId: string | null;
      documentId: string | null;
      payload: string;
      actor: string;
      at: string;
    }[]
  ).map((r) => ({ ...r, payload: parseJsonColumn<unknown>(r.payload, {}) }));
}

/**
 * Why two documents sit where they are, as the linker reads them: each one's score against the
 * other's case (its parts), or why it is in no case. For evaluation and curation tools.
 */
export function explainPair(db: Db, a: string, b: string): string {
  const [fa, fb] = [a, b].map((id) => loadDocRows(db, [id])[0]?.features ?? null);
  const ca = caseIdsForDocument(db, a).caseId;
  const cb = caseIdsForDocument(db, b).caseId;
  const side = (f: LinkFeatures | null, otherCase: string | null): string => {
    if (!f) return 'never linked';
    if (!f.relevant) return 'irrelevant';
    if (!otherCase) return 'other side in no case';
    const summary = loadSummary(db, otherCase);
    if (!summary) return 'no such case';
    const p = scoreCandidate(f, summary);
    const parts = (['subject', 'law', 'event', 'text', 'detail', 'time', 'regulator'] as const)
      .map((k) => `${k} ${p[k].toFixed(2)}`)
      .join(' ');
    return `score ${p.score.toFixed(2)} (${parts}; date ${f.date ?? '?'})`;
  };
  return `${ca ?? '∅'} vs ${cb ?? '∅'} — a→B: ${side(fa ?? null, cb)}; b→A: ${side(fb ?? null, ca)}`;
}

/** Every live case id, in id order (absorbed ids live only in case_redirects): a full rebuild of the cases index. */
export function listLiveCaseIds(db: Db): string[] {
  return qp(db, 'SELECT id FROM cases ORDER BY id').all() as string[];
}
