// The crawler: one generic run over `SourceConfig` data per source. A run is a small state object
// (run-state.ts), a queue persisted per source (frontier-queue.ts) so a crash resumes rather than
// restarts, one handler per page label (handlers/), and a thin loop routing requests to them
// (run-loop.ts). This file decides whether a source runs, wires one run together and records how
// it went.
import type { Logger } from 'pino';
import { isAppError } from '../pipeline/errors.ts';
import type { Db } from '../store/db.ts';
import { type CrawlRun, documentsChangedSince, finishRun, startOrResumeRun } from '../store/frontier.ts';
import { getSourceHealth, recordSourceRun, upsertSource } from '../store/sources.ts';
import type { CrawlConfig } from './config.ts';
import { type FrontierQueue, frontierDir, openFrontierQueue } from './frontier-queue.ts';
import type { HandlerContext } from './handlers/context.ts';
import { HostLimiter } from './host-limiter.ts';
import { preloadPdf } from './pdf.ts';
import { runLoop } from './run-loop.ts';
import { articleMatcher, RunState } from './run-state.ts';
import { seedRequests } from './seeds.ts';
import type { SourceConfig } from './source-config.ts';
import { createRobotsCacheFactory, createSourceFetcher, type RobotsCacheFactory } from './source-fetcher.ts';
import {
  type CrawlCounts,
  type CrawlProgress,
  emptyCounts,
  type SourceCrawlResult,
  type SourceCrawlStatus,
} from './types.ts';

export interface CrawlSummary {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  sources: SourceCrawlResult[];
  totals: CrawlCounts;
  newDocumentIds: string[];
  changedDocumentIds: string[];
}

export interface CrawlSourcesOptions {
  db: Db;
  sources: readonly SourceConfig[];
  crawl: CrawlConfig;
  dataDir: string;
  log: Logger;
  signal?: AbortSignal;
  onProgress?: (progress: CrawlProgress) => void;
  /** Crawl sources even while they back off after repeated failures. */
  force?: boolean;
  /**
   * Share one limiter between calls that may overlap (the scheduler runs sources separately, and
   * cndp-fr / cndp-ar are one host). Defaults to a limiter private to this call.
   */
  hostLimiter?: HostLimiter;
}

interface Shared {
  limiter: HostLimiter;
  robots: RobotsCacheFactory;
  progress: CrawlProgress;
}

export async function crawlSources(options: CrawlSourcesOptions): Promise<CrawlSummary> {
  const started = Date.now();
  const shared: Shared = {
    limiter: options.hostLimiter ?? new HostLimiter(),
    robots: createRobotsCacheFactory(options.crawl),
    progress: { queued: 0, fetched: 0, stored: 0, failed: 0, skipped: 0 },
  };
  if (options.sources.some((s) => s.articlePatterns.some((p) => /pdf/i.test(p)))) preloadPdf();
  const results: SourceCrawlResult[] = [];
  const pending = [...options.sources];
  const workers = Array.from({ length: Math.min(options.crawl.sourceConcurrency, pending.length) }, async () => {
    for (let source = pending.shift(); source; source = pending.shift()) {
      if (options.signal?.aborted) break;
      try {
        results.push(await crawlOneSource(source, options, shared));
      } catch (error) {
        // One source's surprise (a bad regex in its config, a full disk) never ends the others' run.
        options.log.error({ source: source.id, err: error }, 'source crawl failed');
        const code = isAppError(error) ? error.code : 'INTERNAL';
        recordSourceRun(options.db, source.id, {
          at: new Date().toISOString(),
          ok: false,
          errorCounts: { [code]: 1 },
          error: String((error as Error)?.message ?? error),
        });
        results.push({ ...idleResult(source.id, 'failed', Date.now()), errors: { [code]: 1 } });
      }
    }
  });
  await Promise.all(workers);
  const order = new Map(options.sources.map((s, i) => [s.id, i]));
  results.sort((a, b) => (order.get(a.sourceId) ?? 0) - (order.get(b.sourceId) ?? 0));
  const totals = emptyCounts();
  for (const r of results)
    for (const key of Object.keys(totals) as Array<keyof CrawlCounts>) totals[key] += r.counts[key];
  return {
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    sources: results,
    totals,
    newDocumentIds: results.flatMap((r) => r.newDocumentIds),
    changedDocumentIds: results.flatMap((r) => r.changedDocumentIds),
  };
}

/** The result of a source that did not run (disabled, backing off, or failed before starting). */
function idleResult(sourceId: string, status: SourceCrawlStatus, started: number): SourceCrawlResult {
  return {
    sourceId,
    status,
    resumed: false,
    counts: emptyCounts(),
    newDocumentIds: [],
    changedDocumentIds: [],
    errors: {},
    articles: { attempted: 0, failed: 0 },
    deadlineReached: false,
    durationMs: Date.now() - started,
  };
}

async function crawlOneSource(
  source: SourceConfig,
  options: CrawlSourcesOptions,
  shared: Shared,
): Promise<SourceCrawlResult> {
  const { db, crawl } = options;
  const log = options.log.child({ source: source.id });
  const started = Date.now();
  if (!source.enabled) return idleResult(source.id, 'disabled', started);
  const health = getSourceHealth(db, source.id);
  if (!options.force && health?.backoffUntil && Date.parse(health.backoffUntil) > Date.now()) {
    log.warn({ backoffUntil: health.backoffUntil }, 'source is backing off after repeated failures; skipped');
    return idleResult(source.id, 'backoff', started);
  }
  // Compiled first: a broken pattern fails this source before any state is created.
  const isArticle = articleMatcher(source);
  upsertSource(db, source.id, source);
  const run = startOrResumeRun(db, source.id, new Date().toISOString());
  const frontier = await openFrontierQueue(frontierDir(options.dataDir, source.id), run.resumed);
  if (run.resumed)
    log.info(
      { runId: run.id, attempt: run.attempts, inFlightAtCrash: frontier.unlocked },
      'resuming interrupted crawl',
    );
  const state = new RunState({
    source,
    db,
    log,
    queue: frontier.queue,
    attempt: run.attempts,
    isArticle,
    startedAt: started,
    progress: shared.progress,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  await state.enqueue(seedRequests(source, (index, url) => state.discoveryKey(index, url)));
  // Ends the run's fetches (deadline or shutdown): in-flight requests abort, retries stop waiting.
  const runAbort = new AbortController();
  const fetcher = createSourceFetcher({
    source,
    crawl,
    limiter: shared.limiter,
    robots: shared.robots,
    log,
    signal: runAbort.signal,
  });
  const ctx: HandlerContext = { source, crawl, db, log, state, fetcher };
  const { crashed } = await runLoop(ctx, {
    queue: frontier.queue,
    config: frontier.config,
    runAbort,
    runId: run.id,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return finishSourceRun(ctx, run, frontier, crashed, options.signal);
}

/** Record how the run went: the source's health, the run row, and the documents it touched. */
async function finishSourceRun(
  { db, log, source, state }: HandlerContext,
  run: CrawlRun,
  frontier: FrontierQueue,
  crashed: unknown,
  signal: AbortSignal | undefined,
): Promise<SourceCrawlResult> {
  const changedRows = documentsChangedSince(db, source.id, run.startedAt);
  const newIds = [...new Set(changedRows.filter((r) => r.versionNo === 1).map((r) => r.id))];
  const newSet = new Set(newIds);
  const changedIds = [...new Set(changedRows.filter((r) => r.versionNo > 1 && !newSet.has(r.id)).map((r) => r.id))];
  if (crashed !== null) {
    state.errors.INTERNAL = (state.errors.INTERNAL ?? 0) + 1;
    log.error({ err: crashed, runId: run.id }, 'crawler stopped unexpectedly; the queue is kept for the next run');
    recordSourceRun(db, source.id, {
      at: new Date().toISOString(),
      ok: false,
      errorCounts: { INTERNAL: 1 },
      error: String((crashed as Error).message ?? crashed),
    });
    return state.result('failed', run.resumed, newIds, changedIds);
  }
  if (signal?.aborted) {
    log.info({ runId: run.id }, 'crawl interrupted; the queue is kept for the next run');
    return state.result('aborted', run.resumed, newIds, changedIds);
  }
  const { ok, error } = state.verdict();
  const at = new Date().toISOString();
  finishRun(db, run.id, ok ? 'ok' : 'failed', state.counts, at);
  recordSourceRun(db, source.id, { at, ok, errorCounts: state.errors, error, articles: state.articles });
  await frontier.discard();
  log.info(
    { status: ok ? 'ok' : 'failed', ...state.counts, new: newIds.length, changed: changedIds.length },
    'source crawled',
  );
  return state.result(ok ? 'ok' : 'failed', run.resumed, newIds, changedIds);
}
