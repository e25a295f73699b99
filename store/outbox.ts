// The search-index outbox (migration 004): rows queued by triggers in the writer's transaction,
// read in batches by the index sync, deleted once Meilisearch confirmed the write.
import type { Db } from './db.ts';

export type OutboxKind = 'document' | 'case';

export interface OutboxRow {
  id: number;
  kind: OutboxKind;
  entityId: string;
  attempts: number;
}

/**
 * Rows Meilisearch refused this many times (a document it cannot take, not an outage: outages do
 * not count) are parked: kept with their error for inspection, no longer blocking the queue.
 */
export const MAX_ATTEMPTS = 5;

/** The oldest pushable rows, at most `limit`. */
export function readOutbox(db: Db, limit: number): OutboxRow[] {
  return (
    db
      .prepare('SELECT id, kind, entity_id, attempts FROM outbox WHERE attempts < ? ORDER BY id LIMIT ?')
      .all(MAX_ATTEMPTS, limit) as {
      id: number;
      kind: OutboxKind;
      entity_id: string;
      attempts: number;
    }[]
  ).map((r) => ({ id: r.id, kind: r.kind, entityId: r.entity_id, attempts: r.attempts }));
}

/** Remove pushed rows by id: rows queued meanwhile for the same entity stay and are pushed again. */
export function ackOutbox(db: Db, ids: readonly number[]): void {
  const del = db.prepare('DELETE FROM outbox WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) del.run(id);
  })();
}

export function failOutbox(db: Db, ids: readonly number[], error: string): void {
  const upd = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) upd.run(error.slice(0, 500), id);
  })();
}

/** Rows still to push (parked rows excluded). */
export function outboxSize(db: Db): number {
  return db.prepare('SELECT count(*) FROM outbox WHERE attempts < ?').pluck().get(MAX_ATTEMPTS) as number;
}

export function parkedOutboxRows(db: Db): { kind: OutboxKind; entityId: string; lastError: string | null }[] {
  return (
    db
      .prepare('SELECT kind, entity_id, last_error FROM outbox WHERE attempts >= ? ORDER BY id LIMIT 100')
      .all(MAX_ATTEMPTS) as {
      kind: OutboxKind;
      entity_id: string;
      last_error: string | null;
    }[]
  ).map((r) => ({ kind: r.kind, entityId: r.entity_id, lastError: r.last_error }));
}

/** Queue an entity explicitly (e.g. after a gazetteer change that no trigger sees). */
export function enqueue(db: Db, kind: OutboxKind, entityId: string): void {
  db.prepare('INSERT INTO outbox (kind, entity_id) VALUES (?, ?)').run(kind, entityId);
}

/** The newest queued row's id (0 when empty): a rebuild reading the store from here covers it. */
export function lastOutboxId(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) FROM outbox').pluck().get() as number) ?? 0;
}

export interface RebuildCoverage {
  /** Rows up to this id were covered by the rebuild's read of the store. */
  coveredUpTo: number;
  /** ISO time the rebuild began (minus slack): anything changed since is queued again. */
  since: string;
  /** Documents Meilisearch refused during the rebuild, queued so they end up parked and visible. */
  refusedDocumentIds: readonly string[];
}

/**
 * After a rebuild-and-swap: drop the rows the rebuild covered, and queue whatever changed while it
 * ran. Another process (`raqib serve` while `raqib reindex` runs) may have pushed such a change to
 * the old index and acknowledged it; the swap threw that away.
 */
export function requeueAfterRebuild(db: Db, coverage: RebuildCoverage): void {
  db.transaction(() => {
    db.prepare('DELETE FROM outbox WHERE id <= ?').run(coverage.coveredUpTo);
    db.prepare(
      "INSERT INTO outbox (kind, entity_id) SELECT 'document', document_id FROM analyses WHERE analysed_at >= ?",
    ).run(coverage.since);
    db.prepare("INSERT INTO outbox (kind, entity_id) SELECT 'case', id FROM cases WHERE updated_at >= ?").run(
      coverage.since,
    );
    db.prepare(
      `INSERT INTO outbox (kind, entity_id) SELECT 'document', m.document_id FROM case_members m
       JOIN cases c ON c.id = m.case_id WHERE c.updated_at >= ?`,
    ).run(coverage.since);
    const insert = db.prepare("INSERT INTO outbox (kind, entity_id) VALUES ('document', ?)");
    for (const id of coverage.refusedDocumentIds) insert.run(id);
  })();
}
