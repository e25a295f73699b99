// The change feed (migration 007): every document and case, at its latest change, in change order.
// A mirror keeps the last cursor it read and asks for what changed after it; it never needs to
// re-download what it already has.
import { AppError } from '../pipeline/errors.ts';
import type { Db } from './db.ts';

export type ChangeKind = 'document' | 'case';
export type ChangeOp = 'created' | 'updated' | 'deleted';

export interface Change {
  /** Position in the feed; pass the last one read (or `nextCursor`) as `since` to resume. */
  seq: number;
  kind: ChangeKind;
  id: string;
  /**
   * Relative to where the reader's sync began: `created` when the entity appeared after it (the
   * reader cannot hold it yet), `updated` when it existed then, `deleted` when it is gone.
   */
  op: ChangeOp;
  changedAt: string;
  /** A deleted case that was absorbed by another: the case that holds its documents now. */
  redirectTo?: string;
}

export interface ChangeCursor {
  /** Last feed position read. */
  since: number;
  /** Where this sync began (while paging with `hasMore`); defaults to `since`. */
  start?: number;
}

export interface ListChangesOptions extends Partial<ChangeCursor> {
  limit?: number;
  kinds?: readonly ChangeKind[];
}

export interface ChangePage {
  changes: Change[];
  /** Resume from here; equal to `since` when nothing changed. */
  nextCursor: string;
  /** True when more changes wait after `nextCursor`. */
  hasMore: boolean;
}

export const MAX_CHANGES_PAGE = 1000;

export const CHANGE_CURSOR_PATTERN = '^\\d{1,15}(\\.\\d{1,15})?$';

/**
 * Cursors are opaque strings to clients: `<position>`, or `<position>.<start>` while a sync is
 * paging, so that `created` keeps meaning "new since this sync began" on every page.
 */
export function parseChangeCursor(value: string | undefined): ChangeCursor {
  if (value === undefined || value === '') return { since: 0 };
  if (!new RegExp(CHANGE_CURSOR_PATTERN).test(value))
    throw new AppError('BAD_REQUEST', 'Invalid cursor: give a nextCursor from /changes');
  const [since, start] = value.split('.').map(Number) as [number, number | undefined];
  if (start !== undefined && start > since)
    throw new AppError('BAD_REQUEST', 'Invalid cursor: give a nextCursor from /changes');
  return start === undefined ? { since } : { since, start };
}

/** The cursor of the latest change: what a snapshot (an export) is consistent with. */
export function currentChangeCursor(db: Db): number {
  return (db.prepare('SELECT coalesce(max(seq), 0) FROM changes').pluck().get() as number) ?? 0;
}

interface ChangeRow {
  seq: number;
  kind: ChangeKind;
  entity_id: string;
  deleted: number;
  created_seq: number | null;
  changed_at: string;
  redirect_to: string | null;
}

export function listChanges(db: Db, options: ListChangesOptions = {}): ChangePage {
  const since = Math.max(0, Math.trunc(options.since ?? 0));
  const start = Math.min(since, Math.max(0, Math.trunc(options.start ?? since)));
  const limit = Math.max(1, Math.min(Math.trunc(options.limit ?? 100), MAX_CHANGES_PAGE));
  const kinds = options.kinds?.length ? [...new Set(options.kinds)] : (['document', 'case'] as const);
  // One placeholder per kind; the values are bound, never spliced into the SQL.
  const read = db.transaction(() => ({
    end: currentChangeCursor(db),
    rows: db
      .prepare(
        `SELECT c.seq, c.kind, c.entity_id, c.deleted, c.created_seq, c.changed_at,
         CASE WHEN c.kind = 'case' AND c.deleted THEN (SELECT to_id FROM case_redirects WHERE from_id = c.entity_id) END AS redirect_to
       FROM changes c WHERE c.seq > ? AND c.kind IN (${kinds.map(() => '?').join(', ')})
       ORDER BY c.seq LIMIT ?`,
      )
      .all(since, ...kinds, limit + 1) as ChangeRow[],
  }));
  // One read transaction: the feed's end and the page come from the same state of the record.
  const { end, rows } = read();
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const changes = page.map((r): Change => {
    const created = r.created_seq === null || r.created_seq > start;
    const change: Change = {
      seq: r.seq,
      kind: r.kind,
      id: r.entity_id,
      op: r.deleted ? 'deleted' : created ? 'created' : 'updated',
      changedAt: r.changed_at,
    };
    if (r.redirect_to) change.redirectTo = r.redirect_to;
    return change;
  });
  // A full page resumes after its last row; a short one has read everything of the requested kinds
  // up to the feed's end, so the cursor jumps there (other kinds' rows are not re-scanned).
  if (hasMore) return { changes, nextCursor: `${page.at(-1)?.seq ?? since}.${start}`, hasMore };
  return { changes, nextCursor: String(Math.max(since, end)), hasMore };
}
