// `raqib crawl` and `raqib sources`: crawl the registry's sources (or some of them), then run the
// pipeline on what changed.
import type { Config } from '../config.ts';
import {
  type CrawlSummary,
  crawlSources,
  createProgressReporter,
  createScheduler,
  HostLimiter,
  listSourcesWithHealth,
  type SourceConfig,
} from '../crawlers/index.ts';
import { getSource, loadSourcesFile, mergeSources, SOURCES } from '../crawlers/sources/index.ts';
import { type AppContext, openContext } from './context.ts';
import { processDocuments, progressPrinter } from './process.ts';
import { onShutdown } from './shutdown.ts';

/** Crawl the given sources once, then process new and changed documents. */
export async function crawlAndProcess(
  ctx: AppContext,
  sources: readonly SourceConfig[],
  options: { process: boolean; signal?: AbortSignal; force?: boolean; hostLimiter?: HostLimiter } = { process: true },
): Promise<CrawlSummary> {
  const progress = createProgressReporter(ctx.log);
  const summary = await crawlSources({
    db: ctx.db,
    sources,
    crawl: ctx.config.crawl,
    dataDir: ctx.config.dataDir,
    log: ctx.log,
    signal: options.signal,
    force: options.force,
    hostLimiter: options.hostLimiter,
    onProgress: (p) => progress.update(p),
  });
  progress.done();
  ctx.log.info({ totals: summary.totals, ms: summary.durationMs }, 'crawl finished');
  if (options.process) {
    const ids = [...summary.newDocumentIds, ...summary.changedDocumentIds];
    if (ids.length > 0) {
      const processed = processDocuments(ctx.db, {
        documentIds: ids,
        onProgress: progressPrinter(ctx.log, 'processing'),
      });
      ctx.log.info(
        { processed: processed.processed, relevant: processed.relevant, failed: processed.failed.length },
        'pipeline finished',
      );
    }
  }
  return summary;
}

/** The built-in sources merged with the operator's file (`RAQIB_SOURCES`), read and validated now. */
function configuredSources(config?: Pick<Config, 'crawl'>): SourceConfig[] {
  const file = config?.crawl.sourcesFile;
  return file ? mergeSources(SOURCES, loadSourcesFile(file)) : SOURCES;
}

export function selectSources(ids: readonly string[] | undefined, config?: Pick<Config, 'crawl'>): SourceConfig[] {
  const all = configuredSources(config);
  if (ids && ids.length > 0) return ids.map((id) => all.find((s) => s.id === id) ?? getSource(id));
  return all.filter((s) => s.enabled);
}

export async function runCrawl(
  config: Readonly<Config>,
  options: { sourceIds?: string[]; once: boolean; process: boolean; force: boolean },
): Promise<void> {
  const ctx = openContext(config);
  const sources = selectSources(options.sourceIds, config);
  const abort = new AbortController();
  try {
    if (options.once) {
      const stop = onShutdown(ctx.log, async () => abort.abort());
      await crawlAndProcess(ctx, sources, { process: options.process, signal: abort.signal, force: options.force });
      stop();
      return;
    }
    // One limiter for every scheduled run: sources sharing a host (cndp-fr, cndp-ar) share its politeness.
    const hostLimiter = new HostLimiter();
    const scheduler = createScheduler({
      sources,
      log: ctx.log,
      jitterMs: 30_000,
      run: async (source) => {
        await crawlAndProcess(ctx, [source], {
          process: options.process,
          signal: abort.signal,
          force: options.force,
          hostLimiter,
        });
      },
    });
    ctx.log.info({ sources: sources.map((s) => `${s.id} (${s.schedule})`) }, 'crawl schedules started; Ctrl-C to stop');
    await new Promise<void>((resolve) => {
      onShutdown(ctx.log, async () => {
        abort.abort();
        await scheduler.stop();
        resolve();
      });
    });
  } finally {
    ctx.close();
  }
}

export async function printSources(config: Readonly<Config>, options: { json: boolean }): Promise<void> {
  const ctx = openContext(config);
  try {
    const rows = listSourcesWithHealth(ctx.db, configuredSources(config));
    if (options.json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    const table = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      lang: r.languages.join(','),
      schedule: r.schedule,
      state: r.state,
      docs: r.documents,
      'last success': r.health?.lastSuccessAt ?? '-',
      'fails in a row': r.health?.consecutiveFailures ?? 0,
      'failing urls': r.failingUrls,
    }));
    console.table(table);
  } finally {
    ctx.close();
  }
}
