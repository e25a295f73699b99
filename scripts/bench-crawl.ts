// Crawl throughput: every source against the replica web, politeness off, into a fresh data dir,
// then a re-crawl (conditional GETs), then one synthetic source with many articles for the steady
// rate (the replica has ~6 pages per source, so its figure is dominated by per-source start-up).
// `npm run bench:crawl` (add `-- --politeness on` for the polite rate, `-- --keep` to keep the data
// dir, `-- --articles 500` to size the synthetic source).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { crawlConfigSchema } from '../crawlers/config.ts';
import { crawlSources } from '../crawlers/crawl.ts';
import { SOURCES } from '../crawlers/sources/index.ts';
import { openDb } from '../store/db.ts';
import { startSite, testSource } from '../test/crawl-helpers.ts';
import { startReplica } from '../test/replica/index.ts';

const { values } = parseArgs({
  options: {
    politeness: { type: 'string', default: 'off' },
    concurrency: { type: 'string', default: '8' },
    keep: { type: 'boolean', default: false },
    articles: { type: 'string', default: '300' },
  },
});

const replica = await startReplica({ slowPageMs: 500 });
const dataDir = mkdtempSync(join(tmpdir(), 'raqib-bench-crawl-'));
const db = openDb(dataDir);
try {
  const sources = replica.pointSources(SOURCES).map((s) => ({
    ...s,
    // With politeness on, keep the sources' own delays; off means "as fast as the crawler goes".
    politeness: values.politeness === 'off' ? { ...s.politeness, minDelayMs: 0 } : s.politeness,
  }));
  const crawl = crawlConfigSchema.parse({
    politeness: values.politeness,
    maxConcurrency: values.concurrency,
    sourceConcurrency: values.concurrency,
    requestTimeoutMs: 10_000,
    retryBaseDelayMs: 50,
  });
  const started = performance.now();
  const summary = await crawlSources({ db, sources, crawl, dataDir, log: pino({ level: 'silent' }) });
  const seconds = (performance.now() - started) / 1000;
  const requests = replica.requests.length;
  const t = summary.totals;
  const rows: Array<[string, string | number]> = [
    ['sources', summary.sources.length],
    ['requests served', requests],
    ['pages fetched', t.fetched],
    ['documents stored', t.stored],
    ['skipped (robots/irrelevant/known-dead)', t.skipped],
    ['failed', t.failed],
    ['bytes', t.bytes],
    ['seconds', seconds.toFixed(2)],
    ['pages/s', (t.fetched / seconds).toFixed(1)],
    ['requests/s', (requests / seconds).toFixed(1)],
    ['MB/s', (t.bytes / 1e6 / seconds).toFixed(2)],
  ];
  for (const [k, v] of rows) console.log(`${k.padEnd(40)} ${v}`);

  // Second pass: everything unchanged, answered by conditional GETs.
  const again = performance.now();
  const second = await crawlSources({ db, sources, crawl, dataDir, log: pino({ level: 'silent' }) });
  const s2 = (performance.now() - again) / 1000;
  console.log(
    `${'re-crawl: 304s / unchanged / stored'.padEnd(40)} ${second.totals.notModified} / ${second.totals.unchanged} / ${second.totals.stored}`,
  );
  console.log(`${'re-crawl seconds'.padEnd(40)} ${s2.toFixed(2)}`);

  // Steady state: one source, many small articles on one local host.
  const n = Number(values.articles);
  const site = await startSite({});
  const paths = Array.from({ length: n }, (_, i) => `/note/${i + 1}`);
  const items = paths.map((p) => `<item><link>${site.origin}${p}</link></item>`).join('');
  site.routes.set('/feed', {
    headers: { 'content-type': 'application/rss+xml' },
    body: `<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>${items}</channel></rss>`,
  });
  for (const p of paths) {
    site.routes.set(p, {
      body: `<html><body><article><h1>Note ${p}</h1>${'<p>Une note de synthèse pour le banc d’essai.</p>'.repeat(40)}</article></body></html>`,
    });
  }
  const synthetic = testSource({
    id: 'bench-synthetic',
    maxArticlesPerRun: n + 10,
    discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }],
    politeness: { minDelayMs: 0, maxConcurrency: Number(values.concurrency) },
  });
  const t3 = performance.now();
  const steady = await crawlSources({ db, sources: [synthetic], crawl, dataDir, log: pino({ level: 'silent' }) });
  const s3 = (performance.now() - t3) / 1000;
  await site.close();
  console.log(`${'synthetic: pages fetched / stored'.padEnd(40)} ${steady.totals.fetched} / ${steady.totals.stored}`);
  console.log(`${'synthetic: seconds'.padEnd(40)} ${s3.toFixed(2)}`);
  console.log(`${'synthetic: pages/s'.padEnd(40)} ${(steady.totals.fetched / s3).toFixed(1)}`);
} finally {
  db.close();
  await replica.close();
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
  else console.log(`data dir kept: ${dataDir}`);
}
