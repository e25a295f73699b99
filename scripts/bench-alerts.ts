// npm run bench:alerts [-- --samples 5 --scheduled 2 --schedule '* * * * *' --subs 20 --docs 50]
//
// Latency from a page appearing at a source to the webhook arriving, through the real path: a local
// site on 127.0.0.1 (RSS feed + article pages of our own writing), the crawler, the pipeline and
// case linking, the index outbox into a managed Meilisearch, the alert engine (woken by the index
// sync) and a signed webhook to a receiver on 127.0.0.1.
//
// 1. Forced crawl: the page appears, a crawl of its source starts at once (`--samples` times).
// 2. Scheduler: the real scheduler (node-cron + the default 30 s jitter, as `raqib start` runs it)
//    on `--schedule` (default every minute: a sample at the sources' default `*/15 * * * *` would
//    take up to 15 minutes). The default pace's figure is that wait plus the measured pipeline.
// 3. Throughput: `--subs` webhook subscriptions × `--docs` new documents, matched and delivered to
//    one receiver: deliveries/s.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createAlertEngine } from '../api/alerts/index.ts';
import { crawlAndProcess } from '../app/crawl.ts';
import { loadConfig } from '../config.ts';
import { createScheduler, type SourceConfig } from '../crawlers/index.ts';
import { createSearchIndex } from '../index/index.ts';
import { openDb } from '../store/db.ts';
import { createSubscription } from '../store/subscriptions.ts';
import { startSite, testSource } from '../test/crawl-helpers.ts';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '5' },
    scheduled: { type: 'string', default: '2' },
    schedule: { type: 'string', default: '* * * * *' },
    subs: { type: 'string', default: '20' },
    docs: { type: 'string', default: '50' },
    keep: { type: 'boolean', default: false },
  },
});

const dataDir = mkdtempSync(join(tmpdir(), 'raqib-bench-alerts-'));
const config = loadConfig({ RAQIB_DATA_DIR: dataDir, RAQIB_POLITENESS: 'off', LOG_LEVEL: 'silent' });
const log = pino({ level: 'silent' });
const db = openDb(dataDir);
const ctx = { config, db, log, close: () => db.close() };

// The receiver: arrival time per idempotency key (the first arrival counts).
const arrivals = new Map<string, { at: number; body: string }>();
const waiters: (() => void)[] = [];
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const key = String(req.headers['idempotency-key']);
    if (!arrivals.has(key)) arrivals.set(key, { at: Date.now(), body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(200).end();
    for (const w of waiters.splice(0)) w();
  });
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

/** Resolves with the arrival time of the first webhook about page `n` (by its title). */
function arrivalOf(n: number, timeoutMs = 300_000): Promise<number> {
  const title = `"title":"Communiqué ${n} sur`;
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`no webhook for page ${n}`)), timeoutMs);
    const check = () => {
      for (const a of arrivals.values())
        if (a.body.includes(title)) {
          clearTimeout(deadline);
          resolve(a.at);
          return;
        }
      waiters.push(check);
    };
    check();
  });
}

// The source: an RSS feed listing articles; "a page appears" = a new article and its feed item.
const site = await startSite({});
const pages: string[] = [];
// Each page says something else: pages differing only by a number would be near-duplicates of one
// another, which /search (and so alerting) rightly leaves out.
const WORDS =
  'commission contrôle caméras commerce clients fichier consentement délai conservation images plainte enquête banque clinique école opérateur application mobile cookies prospection téléphone registre déclaration sous-traitant conformité amende rapport notification violation mesures correctives biométrie badge pointage salariés vidéosurveillance parking hôtel pharmacie laboratoire assurance mutuelle agence voyage transport livraison'.split(
    ' ',
  );
let seed = 7;
const rand = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const sentence = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
function publish(n: number): number {
  const path = `/communiques/${n}`;
  site.routes.set(path, {
    body: `<html lang="fr"><head><title>Communiqué ${n} sur la vidéosurveillance à Tiznit</title>
<meta property="article:published_time" content="${new Date().toISOString()}"></head>
<body><article><h1>Communiqué ${n} sur la vidéosurveillance à Tiznit</h1>
<p>Tiznit : ${sentence(40)}.</p>
<p>${sentence(40)}.</p>
<p>${sentence(40)}.</p>
</article></body></html>`,
  });
  pages.push(path);
  const items = pages.map((p) => `<item><link>${site.origin}${p}</link></item>`).join('');
  site.routes.set('/feed', {
    headers: { 'content-type': 'application/rss+xml' },
    body: `<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>${items}</channel></rss>`,
  });
  return n;
}

const source = (schedule: string): SourceConfig =>
  testSource({
    id: 'bench-alerts',
    homepage: `${site.origin}/`,
    schedule,
    discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }],
    politeness: { minDelayMs: 0, maxConcurrency: 4 },
  });

const search = createSearchIndex({
  db,
  config: config.index,
  dataDir,
  log,
  onSynced: () => engine.kick(),
});
const engine = createAlertEngine({
  db,
  matcher: search,
  config: { ...config.alerts, webhookAllowlist: ['127.0.0.1'] },
  publicUrl: 'http://raqib.test',
  log,
});

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
  return { n: s.length, p50: q(0.5), max: s[s.length - 1] as number, mean: s.reduce((a, b) => a + b, 0) / s.length };
};
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

try {
  await search.start();
  engine.start();
  // A first crawl sees the archive (one page) before anyone subscribes, as in production.
  publish(0);
  await crawlAndProcess(ctx, [source('0 0 1 1 *')], { process: true, force: true });
  search.kick();
  await search.drain(120_000);
  createSubscription(db, {
    kind: 'search',
    channel: 'webhook',
    rate: 'realtime',
    params: { query: { q: 'Tiznit', relevant: 'true', includeDuplicates: false } },
    target: hookUrl,
  });

  // 1. Forced crawl.
  const forced: { total: number; crawl: number; after: number }[] = [];
  for (let i = 1; i <= Number(values.samples); i++) {
    const t0 = Date.now();
    publish(i);
    await crawlAndProcess(ctx, [source('0 0 1 1 *')], { process: true, force: true });
    const crawled = Date.now();
    search.kick();
    const at = await arrivalOf(i);
    forced.push({ total: at - t0, crawl: crawled - t0, after: at - crawled });
  }
  const f = stats(forced.map((x) => x.total));
  const fAfter = stats(forced.map((x) => x.after));
  console.log('forced crawl: page appears → webhook arrives');
  console.log(`  samples ${f.n}   p50 ${sec(f.p50)}   max ${sec(f.max)}   mean ${sec(f.mean)}`);
  console.log(`  of which crawl + pipeline + linking p50 ${sec(stats(forced.map((x) => x.crawl)).p50)}`);
  console.log(`  of which index sync + matching + delivery p50 ${sec(fAfter.p50)}   max ${sec(fAfter.max)}`);

  // 2. The real scheduler.
  const scheduledSamples = Number(values.scheduled);
  if (scheduledSamples > 0) {
    const scheduler = createScheduler({
      sources: [source(values.schedule)],
      log,
      jitterMs: 30_000,
      run: async (s) => {
        await crawlAndProcess(ctx, [s], { process: true });
        search.kick();
      },
    });
    const lat: number[] = [];
    for (let i = 0; i < scheduledSamples; i++) {
      const t0 = Date.now();
      lat.push((await arrivalOf(publish(100 + i))) - t0);
    }
    await scheduler.stop();
    const s = stats(lat);
    console.log(`scheduler on '${values.schedule}' with 30 s jitter: page appears → webhook arrives`);
    console.log(`  samples ${lat.map(sec).join(', ')}   mean ${sec(s.mean)}`);
  }
  // The sources' default pace: a page waits for the next */15 tick (7.5 min on average, 15 at
  // worst) plus up to 30 s of jitter, then the forced-crawl path above.
  console.log("default pace ('*/15 * * * *' + 30 s jitter), from the figures above:");
  console.log(`  expected mean ${sec(450_000 + 15_000 + f.p50)}   worst ${sec(900_000 + 30_000 + f.max)}`);
  console.log(`  after the crawl that sees the page: p50 ${sec(fAfter.p50)}, max ${sec(fAfter.max)} (goal < 120 s)`);

  // 3. Throughput: many subscriptions × many new documents.
  const subs = Number(values.subs);
  const docs = Number(values.docs);
  await engine.stop();
  for (let i = 0; i < subs; i++)
    createSubscription(db, {
      kind: 'org',
      channel: 'webhook',
      rate: 'realtime',
      params: { orgId: 'org:cndp' },
      target: hookUrl,
    });
  const before = arrivals.size;
  const insert = db.prepare(
    `INSERT INTO analyses (document_id, version_no, pipeline_version, title, text, language, paragraph_languages,
       published_at, outlet, source_id, source_kind, relevant, relevance_score, content_hash, duplicate_of, entities, analysed_at)
     VALUES (?, 1, 1, ?, ?, 'fr', '[]', ?, 'Bench', 'bench-alerts', 'regulator', 1, 0.9, ?, NULL, ?, ?)`,
  );
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < docs; i++) {
      const id = `doc_bench_${i}`;
      db.prepare(
        `INSERT INTO documents (id, source_id, canonical_url, first_seen_at, last_seen_at, current_version) VALUES (?, 'bench-alerts', ?, ?, ?, 1)`,
      ).run(id, `${site.origin}/bulk/${i}`, now, now);
      insert.run(
        id,
        `Délibération ${i}`,
        `La Commission a rendu la délibération ${i}.`,
        now,
        `h${i}`,
        JSON.stringify({ organizations: [{ id: 'org:cndp', name: 'CNDP', known: true, mentions: [] }] }),
        now,
      );
    }
  })();
  await search.drain(120_000);
  const t0 = Date.now();
  engine.start();
  const expected = subs * docs;
  while (arrivals.size - before < expected) {
    await new Promise((r) => setTimeout(r, 20));
    if (Date.now() - t0 > 600_000) throw new Error('throughput run timed out');
  }
  const ms = Date.now() - t0;
  const matched = db
    .prepare("SELECT max(created_at) FROM deliveries WHERE delivery_key LIKE 'document:doc_bench_%'")
    .pluck()
    .get() as string;
  console.log(`throughput: ${subs} subscriptions × ${docs} new documents = ${expected} webhooks`);
  console.log(
    `  all matched after ${sec(Date.parse(matched) - t0)}, all delivered after ${sec(ms)}: ${(expected / (ms / 1000)).toFixed(0)} deliveries/s`,
  );
} finally {
  await engine.stop();
  await search.close();
  await site.close();
  receiver.close();
  db.close();
  if (!values.keep) rmSync(dataDir, { recursive: true, force: true });
  else console.log(`data dir kept: ${dataDir}`);
}
