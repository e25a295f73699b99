// Export jobs (migration 007): what was asked, how far it got, where the result lies. The worker
// that runs them lives with the API; this module only reads and writes the rows.
import { type Db, parseJsonColumn } from './db.ts';

export type ExportJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportJob {
  id: string;
  requestKey: string;
  request: unknown;
  status: ExportJobStatus;
  progress: Record<string, unknown>;
  changeCursor: number;
  file: string | null;
  bytes: number | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

interface JobRow {
  id: string;
  request_key: string;
  request: string;
  status: ExportJobStatus;
  progress: string;
  change_cursor: number;
  file: string | null;
  bytes: number | null;
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

function fromRow(r: JobRow): ExportJob {
  return {
    id: r.id,
    requestKey: r.request_key,
    request: parseJsonColumn<unknown>(r.request, {}),
    status: r.status,
    progress: parseJsonColumn<Record<string, unknown>>(r.progress, {}),
    changeCursor: r.change_cursor,
    file: r.file,
    bytes: r.bytes,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export function insertExportJob(
  db: Db,
  job: { id: string; requestKey: string; request: unknown; changeCursor: number; createdAt: string },
): void {
  db.prepare(
    `INSERT INTO export_jobs (id, request_key, request, status, change_cursor, created_at)
     VALUES (?, ?, ?, 'queued', ?, ?)`,
  ).run(job.id, job.requestKey, JSON.stringify(job.request), job.changeCursor, job.createdAt);
}

export function getExportJob(db: Db, id: string): ExportJob | null {
  const row = db.prepare('SELECT * FROM export_jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row ? fromRow(row) : null;
}

/** The newest job for the same request on the same state of the record that has not failed. */
export function findReusableExportJob(db: Db, requestKey: string): ExportJob | null {
  const row = db
    .prepare(`SELECT * FROM export_jobs WHERE request_key = ? AND status <> 'failed' ORDER BY created_at DESC LIMIT 1`)
    .get(requestKey) as JobRow | undefined;
  return row ? fromRow(row) : null;
}

export function countPendingExportJobs(db: Db): number {
  return db.prepare("SELECT count(*) FROM export_jobs WHERE status IN ('queued', 'running')").pluck().get() as number;
}

export function nextQueuedExportJob(db: Db): ExportJob | null {
  const row = db.prepare("SELECT * FROM export_jobs WHERE status = 'queued' ORDER BY created_at, id LIMIT 1").get() as
    | JobRow
    | undefined;
  return row ? fromRow(row) : null;
}

export function markExportJobRunning(db: Db, id: string, at: string): void {
  db.prepare("UPDATE export_jobs SET status = 'running', started_at = ? WHERE id = ?").run(at, id);
}

export function setExportJobProgress(db: Db, id: string, progress: Record<string, unknown>): void {
  db.prepare('UPDATE export_jobs SET progress = ? WHERE id = ?').run(JSON.stringify(progress), id);
}

export function finishExportJob(
  db: Db,
  id: string,
  outcome: { file: string; bytes: number; progress: Record<string, unknown> } | { error: string },
  at: string,
): void {
  if ('error' in outcome)
    db.prepare("UPDATE export_jobs SET status = 'failed', error = ?, finished_at = ? WHERE id = ?").run(
      outcome.error,
      at,
      id,
    );
  else
    db.prepare(
      "UPDATE export_jobs SET status = 'done', file = ?, bytes = ?, progress = ?, finished_at = ? WHERE id = ?",
    ).run(outcome.file, outcome.bytes, JSON.stringify(outcome.progress), at, id);
}

/** After a restart: a job that was running died with the process; queued ones wait their turn. */
export function failInterruptedExportJobs(db: Db, at: string): number {
  return db
    .prepare(
      "UPDATE export_jobs SET status = 'failed', error = 'interrupted by a restart', finished_at = ? WHERE status = 'running'",
    )
    .run(at).changes;
}

/** Finished jobs older than `before`: their files are due for deletion. */
export function expiredExportJobs(db: Db, before: string): ExportJob[] {
  return (
    db
      .prepare("SELECT * FROM export_jobs WHERE status IN ('done', 'failed') AND finished_at < ? ORDER BY finished_at")
      .all(before) as JobRow[]
  ).map(fromRow);
}

export function deleteExportJob(db: Db, id: string): void {
  db.prepare('DELETE FROM export_jobs WHERE id = ?').run(id);
}
