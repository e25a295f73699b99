// `raqib demo`: the whole product on a machine without internet. The replica web (test/replica)
// stands in for the CNDP and the press; everything else is the real code path: crawl, pipeline,
// cases, index, API. The demo works in its own data directory, recreated on each run, so replica
// pages never mix with a real archive.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Config } from '../config.ts';
import { SOURCES } from '../crawlers/sources/index.ts';
import { createSearchIndex, type SearchIndex } from '../index/index.ts';
import { AppError } from '../pipeline/errors.ts';
import { listCases } from '../store/cases.ts';
import { type Replica, startReplica } from '../test/replica/index.ts';
import { openContext } from './context.ts';
import { crawlAndProcess } from './crawl.ts';
import { type Running, startServices } from './serve.ts';
import { onShutdown } from './shutdown.ts';

const MARKER = '.raqib-demo';

/** Empty the demo directory, refusing to touch a directory that holds anything but demo data. */
function resetDemoDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!existsSync(join(dir, MARKER))) {
      throw new AppError(
        'CONFIG_INVALID',
        `${dir} is not empty and is not a demo directory; the demo only writes to an empty or earlier demo directory`,
      );
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A step still running when shutdown is asked for gets this long in all before the process exits
 * anyway: startServices' own bounded stop takes under 10 s even with Meilisearch hung.
 */
const SHUTDOWN_DEADLINE_MS = 12_000;
/** How long a stopped crawl may take to wind down before the demo abandons it. */
const CRAWL_GRACE_MS = 2000;

export async function runDemo(config: Readonly<Config>, options: { serve: boolean }): Promise<void> {
  resetDemoDir(config.dataDir);
  // The replica answers on loopback at full speed: politeness would only make the demo slow.
  const demoConfig: Readonly<Config> = { ...config, crawl: { ...config.crawl, politeness: false } };
  const ctx = openContext(demoConfig);
  writeFileSync(join(config.dataDir, MARKER), 'This directory holds replica data written by `raqib demo`.\n');
  // Signals are ours before the replica, the crawl or the managed Meilisearch exist. Handled only
  // once the index was drained (as before), a SIGTERM during the crawl or the first indexing killed
  // the process outright and left its Meilisearch child running as an orphan. Now a signal at any
  // step aborts that step and the `finally` below stops whatever was started.
  const abort = new AbortController();
  const stopRequested = new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve()));
  let search: SearchIndex | null = null;
  let services: Running | null = null;
  const removeHandler = onShutdown(ctx.log, async () => {
    abort.abort();
    // Bounded whatever the step in progress waits on (a Meilisearch that never becomes healthy):
    // the managed child is killed rather than left behind, then the process exits.
    setTimeout(() => {
      const pid = (services?.search ?? search)?.server?.pid;
      if (pid) process.kill(pid, 'SIGKILL');
      process.exit(process.exitCode ?? 1);
    }, SHUTDOWN_DEADLINE_MS).unref();
  });
  const say = (line: string) => process.stderr.write(`${line}\n`);
  let replica: Replica | null = null;
  let crawlAbandoned = false;
  try {
    replica = await startReplica({ slowPageMs: 1500 });
    if (abort.signal.aborted) return;
    say(`Replica of ${Object.keys(replica.origins).length} sites on 127.0.0.1; data in ${config.dataDir}`);
    const sources = replica.pointSources(SOURCES);
    const crawling = crawlAndProcess(ctx, sources, { process: true, force: true, signal: abort.signal });
    const crawl = await Promise.race([crawling, stopRequested.then(() => delay(CRAWL_GRACE_MS, null))]);
    if (crawl === null) {
      // Stopping lets crawlee finish the requests in flight, and a source run that was still being
      // set up when the signal came does not see it. The demo's data is recreated on every run, so
      // a crawl that overstays its grace is abandoned rather than waited for.
      crawlAbandoned = true;
      crawling.catch(() => undefined);
      ctx.log.warn({ graceMs: CRAWL_GRACE_MS }, 'demo crawl abandoned at shutdown');
      return;
    }
    if (abort.signal.aborted) return;
    say(
      `Crawled ${crawl.totals.fetched} pages in ${(crawl.durationMs / 1000).toFixed(1)} s: ` +
        `${crawl.totals.stored} stored, ${crawl.totals.failed} failed (the replica has deliberate 404s and disallowed pages).`,
    );
    for (const s of crawl.sources) say(`  ${s.sourceId.padEnd(14)} ${JSON.stringify(s.counts)}`);
    const { total, cases } = listCases(ctx.db, { limit: 20 });
    say(`\n${total} cases:`);
    for (const c of cases)
      say(`  ${c.id}  ${String(c.documentCount).padStart(2)} docs  ${c.firstSeen?.slice(0, 10) ?? '?'}  ${c.titleFr}`);

    if (!options.serve) {
      // Index only: no port is taken, so the demo also runs where 3000 is in use.
      search = createSearchIndex({
        db: ctx.db,
        config: ctx.config.index,
        dataDir: ctx.config.dataDir,
        log: ctx.log,
      });
      await search.start();
      await Promise.race([search.drain(120_000), stopRequested]);
      if (abort.signal.aborted) return;
      say(`\nIndexed. Serve it later with: npx raqib serve --data-dir ${config.dataDir}`);
      return;
    }
    services = await startServices(ctx, { crawl: false });
    await Promise.race([services.search.drain(120_000), stopRequested]);
    if (abort.signal.aborted) return;
    say(
      `\nSearch is ready. Try:\n  curl '${services.url}/search?q=TLScontact'\n  curl '${services.url}/cases'\n  open ${services.url}/docs`,
    );
    // Last line on purpose: the page is where a newcomer starts exploring the cases.
    say(`\nThe web page (search, cases, documents; français / العربية): ${services.url}/ui`);
    await stopRequested;
  } finally {
    // startServices' stop is bounded step by step; the index-only path's close stops its managed
    // Meilisearch (SIGTERM, then SIGKILL after a grace).
    if (services) await services.stop();
    if (search) await search.close();
    // No child of ours runs any more: whatever an aborted step left pending (an abandoned crawl, a
    // call to Meilisearch) may not keep the process alive.
    if (abort.signal.aborted) setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
    await replica?.close();
    // An abandoned crawl still writes through the context; the process exit closes the database.
    if (!crawlAbandoned) ctx.close();
    removeHandler();
  }
}
