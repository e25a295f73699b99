// `raqib serve`, `raqib start` and `raqib reindex`: the API over the record, the index kept in sync
// through the outbox, and (for `start`) the crawl schedules feeding the pipeline.
import type { FastifyInstance } from 'fastify';
import { type AlertEngine, createAlertEngine, createSmtpMailer } from '../api/alerts/index.ts';
import { createApi } from '../api/index.ts';
import type { Config } from '../config.ts';
import { createScheduler, HostLimiter, type Scheduler } from '../crawlers/index.ts';
import { createSearchIndex, type SearchIndex } from '../index/index.ts';
import { upsertSource } from '../store/sources.ts';
import { type AppContext, openContext } from './context.ts';
import { crawlAndProcess, selectSources } from './crawl.ts';
import { onShutdown } from './shutdown.ts';

export interface Running {
  url: string;
  api: FastifyInstance;
  search: SearchIndex;
  scheduler: Scheduler | null;
  alerts: AlertEngine;
  stop(): Promise<void>;
}

/** Start the index sync and the API (and optionally the crawl schedules) over an open context. */
export async function startServices(ctx: AppContext, options: { crawl: boolean }): Promise<Running> {
  // The alert engine matches right after the index sync confirms a batch (onSynced), so alerts
  // follow /search's view of the record; it is created once the API's address is known.
  let alerts: AlertEngine | null = null;
  const search = createSearchIndex({
    db: ctx.db,
    config: ctx.config.index,
    dataDir: ctx.config.dataDir,
    log: ctx.log,
    onSynced: () => alerts?.kick(),
  });
  await search.start();
  try {
    const running = await startAround(ctx, options, search);
    alerts = running.alerts;
    return running;
  } catch (error) {
    // A failure after the index started (the API's port taken, say) must not leave a managed
    // Meilisearch running behind a process that is about to exit.
    await within(ctx.log, 'index sync', search.close(), 1500);
    await within(ctx.log, 'meilisearch', search.server?.stop(), 3500);
    throw error;
  }
}

/** Everything `startServices` runs around a started index: crawl schedules, the API, alerts. */
async function startAround(ctx: AppContext, options: { crawl: boolean }, search: SearchIndex): Promise<Running> {
  // A managed Meilisearch restarted by its supervisor: sync at once rather than after the backoff.
  search.server?.onRestart?.(() => search.kick());
  const abort = new AbortController();
  let engine: AlertEngine | null = null;
  let scheduler: Scheduler | null = null;
  if (options.crawl) {
    // Sources sharing a host (cndp-fr, cndp-ar) share its politeness across their scheduled runs.
    const hostLimiter = new HostLimiter();
    const sources = selectSources(undefined, ctx.config);
    // Listed by /sources from the start, with no run yet, rather than appearing one by one.
    for (const source of sources) upsertSource(ctx.db, source.id, source);
    scheduler = createScheduler({
      sources,
      log: ctx.log,
      jitterMs: 30_000,
      // A fresh `raqib start` collects now; conditional requests make a restart's re-crawl cheap.
      runAtStart: true,
      run: async (source) => {
        await crawlAndProcess(ctx, [source], { process: true, signal: abort.signal, hostLimiter });
        search.kick();
      },
    });
  }
  const api = await createApi({
    db: ctx.db,
    search,
    config: ctx.config.api,
    log: ctx.log,
    scheduler: () =>
      scheduler
        ? { status: abort.signal.aborted ? 'stopped' : 'running', running: scheduler.running() }
        : { status: 'not_configured' },
    alerts: {
      publicUrl: ctx.config.alerts.publicUrl,
      webhookAllowlist: ctx.config.alerts.webhookAllowlist,
      emailEnabled: ctx.config.alerts.smtpHost !== undefined,
      matcher: search,
      onChange: () => engine?.kick(),
    },
  });
  const address = await api.listen({ port: ctx.config.api.port, host: ctx.config.api.host });
  ctx.log.info({ url: address }, 'API listening');
  const mailer = createSmtpMailer(ctx.config.alerts);
  engine = createAlertEngine({
    db: ctx.db,
    matcher: search,
    config: ctx.config.alerts,
    publicUrl: ctx.config.alerts.publicUrl ?? address,
    log: ctx.log,
    mailer,
    userAgent: ctx.config.crawl.userAgent,
  });
  engine.start();
  process.stderr.write(`Raqib API on ${address}  (docs: ${address}/docs, web page: ${address}/ui)\n`);
  return {
    url: address,
    api,
    search,
    scheduler,
    alerts: engine,
    // Bounded whatever the index state: a dead or hung Meilisearch (sync waiting on a task, a
    // restart in backoff) must not hold the process for minutes. Each step gets a slice; a step
    // that overruns is abandoned (the outbox keeps what was not pushed) and the managed child is
    // stopped regardless.
    async stop() {
      abort.abort();
      await within(ctx.log, 'scheduler', scheduler?.stop(), 1500);
      await within(ctx.log, 'api', api.close(), 1500);
      // A delivery in flight is abandoned after its slice; its claim makes it retry after the backoff.
      await within(ctx.log, 'alerts', engine.stop(), 1500);
      mailer?.close();
      await within(ctx.log, 'index sync', search.close(), 1500);
      await within(ctx.log, 'meilisearch', search.server?.stop(), 3500);
    },
  };
}

async function within(log: AppContext['log'], step: string, work: Promise<unknown> | undefined, ms: number) {
  if (!work) return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  const outcome = await Promise.race([
    work.then(
      () => 'done' as const,
      () => 'failed' as const,
    ),
    late,
  ]);
  clearTimeout(timer);
  if (outcome !== 'done') log.warn({ step, outcome, ms }, 'shutdown step abandoned');
}

export async function runServe(config: Readonly<Config>, options: { crawl: boolean }): Promise<void> {
  const ctx = openContext(config);
  // Signals are handled from the start: a SIGTERM while the managed Meilisearch is starting waits
  // for the start to settle, then stops what it started, rather than orphaning the child.
  const starting = startServices(ctx, options);
  const stopped = new Promise<void>((resolve) => {
    onShutdown(ctx.log, async () => {
      // Bounded however the start or the stop goes.
      setTimeout(() => process.exit(process.exitCode ?? 0), 12_000).unref();
      const running = await starting.catch(() => null);
      await running?.stop();
      ctx.close();
      resolve();
      // Whatever an abandoned step left pending (a request to a dead Meilisearch) may not keep the
      // process alive: exit shortly unless the event loop empties first.
      setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
    });
  });
  await starting;
  await stopped;
}

export async function runReindex(config: Readonly<Config>): Promise<void> {
  const ctx = openContext(config);
  const search = createSearchIndex({ db: ctx.db, config: ctx.config.index, dataDir: ctx.config.dataDir, log: ctx.log });
  try {
    await search.start({ loop: false });
    const tty = process.stderr.isTTY;
    const counts = await search.reindex((p) => {
      if (tty) process.stderr.write(`\rreindex ${p.index}: ${p.done}/${p.total}${p.done === p.total ? '\n' : ''}`);
    });
    ctx.log.info(counts, 'reindex finished: fresh indexes swapped in');
  } finally {
    await search.close();
    ctx.close();
  }
}
