// `raqib demo`: the whole product on a machine without internet. The replica web (test/replica)
// stands in for the CNDP and the press; everything else is the real code path: crawl, pipeline,
// cases, index, API. The demo works in its own data directory, recreated on each run, so replica
// pages never mix with a real archive.
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { SOURCES } from '../crawlers/sources/index.ts';
import { createSearchIndex } from '../index/index.ts';
import { AppError } from '../pipeline/errors.ts';
import { listCases } from '../store/cases.ts';
import { startReplica } from '../test/replica/index.ts';
import { openContext } from './context.ts';
import { crawlAndProcess } from './crawl.ts';
import { startServices } from './serve.ts';
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

export async function runDemo(config: Readonly<Config>, options: { serve: boolean }): Promise<void> {
  resetDemoDir(config.dataDir);
  // The replica answers on loopback at full speed: politeness would only make the demo slow.
  const demoConfig: Readonly<Config> = { ...config, crawl: { ...config.crawl, politeness: false } };
  const ctx = openContext(demoConfig);
  writeFileSync(join(config.dataDir, MARKER), 'This directory holds replica data written by `raqib demo`.\n');
  const replica = await startReplica({ slowPageMs: 1500 });
  const say = (line: string) => process.stderr.write(`${line}\n`);
  try {
    say(`Replica of ${Object.keys(replica.origins).length} sites on 127.0.0.1; data in ${config.dataDir}`);
    const sources = replica.pointSources(SOURCES);
    const crawl = await crawlAndProcess(ctx, sources, { process: true, force: true });
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
      const search = createSearchIndex({
        db: ctx.db,
        config: ctx.config.index,
        dataDir: ctx.config.dataDir,
        log: ctx.log,
      });
      try {
        await search.start();
        await search.drain(120_000);
      } finally {
        await search.close();
      }
      say(`\nIndexed. Serve it later with: npx raqib serve --data-dir ${config.dataDir}`);
      return;
    }
    const services = await startServices(ctx, { crawl: false });
    await services.search.drain(120_000);
    say(
      `\nSearch is ready. Try:\n  curl '${services.url}/search?q=TLScontact'\n  curl '${services.url}/cases'\n  open ${services.url}/docs`,
    );
    // Last line on purpose: the page is where a newcomer starts exploring the cases.
    say(`\nThe web page (search, cases, documents; français / العربية): ${services.url}/ui`);
    await new Promise<void>((resolve) => {
      onShutdown(ctx.log, async () => {
        await services.stop();
        resolve();
      });
    });
  } finally {
    await replica.close();
    ctx.close();
  }
}
