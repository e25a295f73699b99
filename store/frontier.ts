// Crawl bookkeeping beyond the request queue: failures per URL (with a reason code) and the runs of
// each source, so an interrupted run is recognised and resumed rather than restarted.
import type { Db } from './db.ts';

export interface FetchFailure {
  url: string;
  sourceId: string;
  reason: string;
  message: string;
  status: number | null;
  attempts: number;
  lastAttemptAt: string;
  permanent: boolean;
}

interface FailureRow {
  url: string;
  source_id: string;
  reason: string;
  message: string;
  status: number | null;
  attempts: number;
  last_attempt_at: string;
  permanent: number;
}

/** Upsert the last failure of a URL; `attempts` accumulates across runs. */
export function recordFailure(db: Db, failure: FetchFailure): void {
  db.prepare(
    `INSERT INTO fetch_failures (url, source_id, reason, message, status, attempts, last_attempt_at, permanent)
     VALUES (@url, @sourceId, @reason, @message, @status, @attempts, @lastAttemptAt, @permanent)
     ON CONFLICT (url) DO UPDATE SET source_id = excluded.source_id, reason = excluded.reason,
       message = excluded.message, status = excluded.status, attempts = fetch_failures.attempts + excluded.attempts,
       last_attempt_at = excluded.last_attempt_at, permanent = excluded.permanent`,
  ).run({ ...failure, permanent: failure.permanent ? 1 : 0 });
}

export function clearFailure(db: Db, url: string): void {
  db.prepare('DELETE FROM fetch_failures WHERE url = ?').run(url);
}

export function getFailure(db: Db, url: string): FetchFailure | null {
  const row = db.prepare('SELECT * FROM fetch_failures WHERE url = ?').get(url) as FailureRow | undefined;
  return row ? rowToFailure(row) : null;
}

export function listFailures(db: Db, sourceId?: string): FetchFailure[] {
  const rows = (
    sourceId === undefined
      ? db.prepare('SELECT * FROM fetch_failures ORDER BY url').all()
      : db.prepare('SELECT * FROM fetch_failures WHERE source_id = ? ORDER BY url').all(sourceId)
  ) as FailureRow[];
  return rows.map(rowToFailure);
}

function rowToFailure(row: FailureRow): FetchFailure {
  return {
    url: row.url,
    sourceId: row.source_id,
    reason: row.reason,
    message: row.message,
    status: row.status,
    attempts: row.attempts,
    lastAttemptAt: row.last_attempt_at,
    permanent: row.permanent === 1,
  };
}

export interface CrawlRun {
  id: number;
  sourceId: string;
  startedAt: string;
  /** How many processes have worked on this run (1 + resumptions). */
  attempts: number;
  resumed: boolean;
}

/** Open a run for a source, or resume the one a crash left open. */
export function startOrResumeRun(db: Db, sourceId: string, at: string): CrawlRun {
  return db.transaction((): CrawlRun => {
    const open = db
      .prepare(
        'SELECT id, started_at, attempts FROM crawl_runs WHERE source_id = ? AND finished_at IS NULL ORDER BY id DESC',
      )
      .get(sourceId) as { id: number; started_at: string; attempts: number } | undefined;
    if (open) {
      db.prepare('UPDATE crawl_runs SET attempts = attempts + 1, resumed_at = ? WHERE id = ?').run(at, open.id);
      return { id: open.id, sourceId, startedAt: open.started_at, attempts: open.attempts + 1, resumed: true };
    }
    const result = db.prepare('INSERT INTO crawl_runs (source_id, started_at) VALUES (?, ?)').run(sourceId, at);
    return { id: Number(result.lastInsertRowid), sourceId, startedAt: at, attempts: 1, resumed: false };
  })();
}

export function finishRun(db: Db, runId: number, status: 'ok' | 'failed', counts: unknown, at: string): void {
  db.prepare('UPDATE crawl_runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?').run(
    at,
    status,
    JSON.stringify(counts),
    runId,
  );
}

/** Ids of documents whose versions were written during a run (the crash-safe "what's new" list). */
export function documentsChangedSince(
  db: Db,
  sourceId: string,
  since: string,
): Array<{ id: string; versionNo: number }> {
  return db
    .prepare(
      `SELECT v.document_id AS id, v.version_no AS versionNo FROM document_versions v
       JOIN documents d ON d.id = v.document_id WHERE d.source_id = ? AND v.created_at >= ? ORDER BY v.document_id`,
    )
    .all(sourceId, since) as Array<{ id: string; versionNo: number }>;
}
