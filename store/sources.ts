// Per-source health: when a source last worked, how often it fails and by what kind of error, and
// whether it is backing off. A source that keeps failing is paused with exponential backoff so one
// dead site neither crashes a run nor hammers the host.
import { z } from 'zod';
import type { Db } from './db.ts';

export interface SourceHealth {
  sourceId: string;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  consecutiveFailures: number;
  errorCounts: Record<string, number>;
  backoffUntil: string | null;
  lastError: string | null;
  /** Article URLs the last run finished and how many of them failed; null before any such run. */
  lastRunArticles: { attempted: number; failed: number } | null;
}

export interface SourceRunOutcome {
  at: string;
  ok: boolean;
  /** Failures of this run by error code; added to the cumulative counts. */
  errorCounts: Record<string, number>;
  error?: string | null;
  articles?: { attempted: number; failed: number };
}

export interface BackoffPolicy {
  /** Failures in a row tolerated before backing off. */
  afterFailures: number;
  baseMs: number;
  maxMs: number;
}

const DEFAULT_BACKOFF: BackoffPolicy = { afterFailures: 2, baseMs: 30 * 60_000, maxMs: 24 * 3_600_000 };

const errorCountsSchema = z.record(z.string(), z.number());

interface SourceRow {
  id: string;
  config: string;
  last_run_at: string | null;
  last_success_at: string | null;
  last_failure_at: string | null;
  consecutive_failures: number;
  error_counts: string;
  backoff_until: string | null;
  last_error: string | null;
  last_run_articles: number | null;
  last_run_articles_failed: number | null;
}

/** Keep the config a source ran with beside its health (sources are data; this is their record). */
export function upsertSource(db: Db, sourceId: string, config: unknown): void {
  db.prepare(
    `INSERT INTO sources (id, config) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET config = excluded.config`,
  ).run(sourceId, JSON.stringify(config));
}

export function recordSourceRun(
  db: Db,
  sourceId: string,
  outcome: SourceRunOutcome,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): SourceHealth {
  return db.transaction(() => {
    db.prepare(`INSERT INTO sources (id, config) VALUES (?, '{}') ON CONFLICT (id) DO NOTHING`).run(sourceId);
    const before = getSourceHealth(db, sourceId);
    const counts = { ...(before?.errorCounts ?? {}) };
    for (const [code, n] of Object.entries(outcome.errorCounts)) counts[code] = (counts[code] ?? 0) + n;
    if (outcome.articles) {
      db.prepare('UPDATE sources SET last_run_articles = ?, last_run_articles_failed = ? WHERE id = ?').run(
        outcome.articles.attempted,
        outcome.articles.failed,
        sourceId,
      );
    }
    if (outcome.ok) {
      // A good run that still lost some articles says so; a clean one keeps the last error on record.
      db.prepare(
        `UPDATE sources SET last_run_at = ?, last_success_at = ?, consecutive_failures = 0, backoff_until = NULL,
           error_counts = ?, last_error = coalesce(?, last_error) WHERE id = ?`,
      ).run(outcome.at, outcome.at, JSON.stringify(counts), outcome.error ?? null, sourceId);
    } else {
      const failures = (before?.consecutiveFailures ?? 0) + 1;
      const backoffUntil =
        failures >= policy.afterFailures
          ? new Date(
              Date.parse(outcome.at) + Math.min(policy.maxMs, policy.baseMs * 2 ** (failures - policy.afterFailures)),
            ).toISOString()
          : null;
      db.prepare(
        `UPDATE sources SET last_run_at = ?, last_failure_at = ?, consecutive_failures = ?, backoff_until = ?,
           error_counts = ?, last_error = ? WHERE id = ?`,
      ).run(outcome.at, outcome.at, failures, backoffUntil, JSON.stringify(counts), outcome.error ?? null, sourceId);
    }
    return getSourceHealth(db, sourceId)!;
  })();
}

export function getSourceHealth(db: Db, sourceId: string): SourceHealth | null {
  const row = db.prepare('SELECT * FROM sources WHERE id = ?').get(sourceId) as SourceRow | undefined;
  return row ? rowToHealth(row) : null;
}

export function listSourceHealth(db: Db): SourceHealth[] {
  return (db.prepare('SELECT * FROM sources ORDER BY id').all() as SourceRow[]).map(rowToHealth);
}

/** Documents on record and URLs whose last attempt failed, per source (`raqib sources`). */
export function countBySource(db: Db): { documents: Map<string, number>; failingUrls: Map<string, number> } {
  const tally = (sql: string) =>
    new Map((db.prepare(sql).all() as Array<{ source_id: string; n: number }>).map((r) => [r.source_id, r.n]));
  return {
    documents: tally('SELECT source_id, count(*) AS n FROM documents GROUP BY source_id'),
    failingUrls: tally('SELECT source_id, count(*) AS n FROM fetch_failures GROUP BY source_id'),
  };
}

function rowToHealth(row: SourceRow): SourceHealth {
  return {
    sourceId: row.id,
    lastRunAt: row.last_run_at,
    lastSuccessAt: row.last_success_at,
    lastFailureAt: row.last_failure_at,
    consecutiveFailures: row.consecutive_failures,
    errorCounts: errorCountsSchema.parse(JSON.parse(row.error_counts)),
    backoffUntil: row.backoff_until,
    lastError: row.last_error,
    lastRunArticles:
      row.last_run_articles === null || row.last_run_articles === undefined
        ? null
        : { attempted: row.last_run_articles, failed: row.last_run_articles_failed ?? 0 },
  };
}

/** The configuration a source was last recorded with (a registry entry, or an importer's description). */
export function getSourceConfig(db: Db, sourceId: string): unknown {
  const config = db.prepare('SELECT config FROM sources WHERE id = ?').pluck().get(sourceId) as string | undefined;
  return config === undefined ? null : (JSON.parse(config) as unknown);
}
