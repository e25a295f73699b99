// The crawler against a small programmable site on 127.0.0.1: the cases the replica web does not
// stage (exact failure sequences, size limits, a dead source). Replica-wide behaviour is tested in
// test/crawl-replica.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../store/db.ts';
import { openDb } from '../store/db.ts';
import { getDocumentByCanonicalUrl, latestVersion, listDocumentVersions } from '../store/documents.ts';
import { getFailure, listFailures } from '../store/frontier.ts';
import { getSourceHealth } from '../store/sources.ts';
import { quietLog, startSite, type TestSite, tempDataDir, testCrawlConfig, testSource } from '../test/crawl-helpers.ts';
import { crawlSources } from './crawl.ts';
import { listSourcesWithHealth } from './health.ts';
import { createProgressReporter } from './progress.ts';
import type { CrawlProgress } from './types.ts';

const open: Array<{ close(): unknown }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

function rss(origin: string, paths: string[]): string {
  const items = paths.map((p) => `<item><title>x</title><link>${origin}${p}</link></item>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;
}

function article(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><article><h1>${title}</h1><p>${body}</p></article></body></html>`;
}

async function setup(routes: Parameters<typeof startSite>[0]): Promise<{ site: TestSite; db: Db; dataDir: string }> {
  const site = await startSite(routes);
  open.push(site);
  const dataDir = tempDataDir();
  const db = openDb(dataDir);
  open.push(db);
  return { site, db, dataDir };
}

describe('crawlSources: storing and versioning', () => {
  it('stores feed articles once, answers re-crawls with conditional GETs and versions changed pages', async () => {
    const { site, db, dataDir } = await setup({});
    let version = 1;
    site.routes.set('/feed', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rss(site.origin, ['/a/1', '/a/2?utm_source=x']),
    });
    site.routes.set('/a/1', (req, res) => {
      const etag = `"v${version}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag });
      res.end(article('Mise en demeure', `La commission a adressé une mise en demeure, version ${version}.`));
    });
    site.routes.set('/a/2', { body: article('Contrôle', 'Un contrôle sur place a été mené chez un opérateur.') });
    const source = testSource({ discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }] });
    const run = () => crawlSources({ db, sources: [source], crawl: testCrawlConfig(), dataDir, log: quietLog() });

    const first = await run();
    expect(first.sources[0]?.status).toBe('ok');
    expect(first.newDocumentIds).toHaveLength(2);
    expect(first.totals.stored).toBe(2);
    const doc1 = getDocumentByCanonicalUrl(db, 'https://127.0.0.1:' + new URL(site.origin).port + '/a/1');
    expect(doc1?.etag).toBe('"v1"');
    // utm_* is stripped by the default canonicalization.
    expect(getDocumentByCanonicalUrl(db, `https://127.0.0.1:${new URL(site.origin).port}/a/2`)).not.toBeNull();

    const second = await run();
    expect(second.totals.stored).toBe(0);
    expect(second.totals.notModified).toBe(1);
    expect(second.totals.unchanged).toBe(1);
    expect(second.newDocumentIds).toEqual([]);
    expect(site.requests.filter((r) => r.path === '/a/1').map((r) => r.status)).toEqual([200, 304]);
    expect(listDocumentVersions(db, doc1!.id)).toHaveLength(1);

    version = 2;
    const third = await run();
    expect(third.changedDocumentIds).toEqual([doc1!.id]);
    const versions = listDocumentVersions(db, doc1!.id);
    expect(versions.map((v) => v.versionNo)).toEqual([1, 2]);
    expect(latestVersion(db, doc1!.id)?.page.text).toContain('version 2');
    expect(db.prepare('SELECT count(*) FROM pages').pluck().get() as number).toBe(3);
  });

  it('does not version a page whose chrome changed but whose article did not', async () => {
    const { site, db, dataDir } = await setup({});
    let visit = 0;
    site.routes.set('/feed', { headers: { 'content-type': 'application/rss+xml' }, body: rss(site.origin, ['/a/1']) });
    site.routes.set('/a/1', (_req, res) => {
      visit++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<html><head><title>Avertissement</title><script>var token = "${visit}";</script></head><body>` +
          `<aside>Les plus lus : article ${visit}</aside><article><p>La commission a adressé un avertissement.</p></article></body></html>`,
      );
    });
    const source = testSource({ discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }] });
    const run = () => crawlSources({ db, sources: [source], crawl: testCrawlConfig(), dataDir, log: quietLog() });
    expect((await run()).totals.stored).toBe(1);
    const second = await run();
    expect(second.totals).toMatchObject({ stored: 0, unchanged: 1 });
    expect(db.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(1);
  });
});

describe('crawlSources: retries, robots.txt, size and keywords', () => {
  it('retries 5xx and 429 (honouring Retry-After), then records what still fails', async () => {
    const { site, db, dataDir } = await setup({});
    let flaky = 0;
    let limited = 0;
    site.routes.set('/feed', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rss(site.origin, ['/flaky', '/limited', '/down', '/gone', '/slow']),
    });
    site.routes.set('/flaky', (_req, res) => {
      flaky++;
      if (flaky <= 2) return void res.writeHead(503).end('busy');
      res.writeHead(200, { 'content-type': 'text/html' }).end(article('Sanction', 'Une amende a été prononcée.'));
    });
    site.routes.set('/limited', (_req, res) => {
      limited++;
      if (limited === 1) return void res.writeHead(429, { 'retry-after': '1' }).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end(article('Audience', 'Une audience a eu lieu.'));
    });
    site.routes.set('/down', { status: 500, body: 'error' });
    site.routes.set('/slow', async (_req, res) => {
      await new Promise((r) => setTimeout(r, 1_500));
      res.writeHead(200).end('late');
    });
    const source = testSource({ discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }] });
    const summary = await crawlSources({
      db,
      sources: [source],
      crawl: testCrawlConfig({ requestTimeoutMs: 500, maxRetries: 2 }),
      dataDir,
      log: quietLog(),
    });
    expect(summary.totals.stored).toBe(2);
    expect(flaky).toBe(3);
    const limitedHits = site.requests.filter((r) => r.path === '/limited');
    expect(limitedHits.map((r) => r.status)).toEqual([429, 200]);
    expect(limitedHits[1]!.at - limitedHits[0]!.at).toBeGreaterThanOrEqual(950);
    expect(site.requests.filter((r) => r.path === '/down')).toHaveLength(3);
    expect(getFailure(db, `${site.origin}/down`)).toMatchObject({
      reason: 'FETCH_HTTP_5XX',
      status: 500,
      attempts: 3,
      permanent: false,
    });
    expect(getFailure(db, `${site.origin}/gone`)).toMatchObject({
      reason: 'FETCH_HTTP_4XX',
      status: 404,
      attempts: 1,
      permanent: true,
    });
    expect(getFailure(db, `${site.origin}/slow`)).toMatchObject({ reason: 'FETCH_TIMEOUT', permanent: false });
    expect(summary.sources[0]?.errors).toEqual({ FETCH_HTTP_5XX: 1, FETCH_HTTP_4XX: 1, FETCH_TIMEOUT: 1 });
    // The site answered, but 3 of its 5 articles failed: health counts them (it used to read as
    // healthy, with consecutiveFailures 0 and no error, whatever share of the articles failed).
    expect(getSourceHealth(db, source.id)).toMatchObject({
      consecutiveFailures: 1,
      errorCounts: { FETCH_HTTP_5XX: 1 },
      lastRunArticles: { attempted: 5, failed: 3 },
    });
    expect(getSourceHealth(db, source.id)?.lastError).toMatch(/^3 of 5 articles failed \(.*FETCH_HTTP_5XX: 1/);

    // A permanent failure is not retried on the next run; transient ones are.
    await crawlSources({
      db,
      sources: [source],
      crawl: testCrawlConfig({ requestTimeoutMs: 500, maxRetries: 0 }),
      dataDir,
      log: quietLog(),
    });
    expect(site.requests.filter((r) => r.path === '/gone')).toHaveLength(1);
    expect(site.requests.filter((r) => r.path === '/down')).toHaveLength(4);
  });

  it('honours robots.txt Disallow and Crawl-delay, and refuses pages over maxPageBytes', async () => {
    const { site, db, dataDir } = await setup({});
    site.routes.set('/robots.txt', {
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: *\nDisallow: /private/\nCrawl-delay: 0.2\n',
    });
    site.routes.set('/feed', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rss(site.origin, ['/a/1', '/a/2', '/private/x', '/big']),
    });
    site.routes.set('/a/1', { body: article('Un', 'Premier texte de test.') });
    site.routes.set('/a/2', { body: article('Deux', 'Second texte de test.') });
    site.routes.set('/private/x', { body: article('Privé', 'Ne doit pas être lu.') });
    site.routes.set('/big', { body: article('Gros', 'x'.repeat(20_000)) });
    const source = testSource({ discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }] });
    const summary = await crawlSources({
      db,
      sources: [source],
      crawl: testCrawlConfig({ maxPageBytes: 10_000 }),
      dataDir,
      log: quietLog(),
    });
    expect(site.requests.some((r) => r.path.startsWith('/private'))).toBe(false);
    expect(getFailure(db, `${site.origin}/private/x`)).toMatchObject({
      reason: 'FETCH_ROBOTS_DISALLOWED',
      permanent: true,
    });
    expect(getFailure(db, `${site.origin}/big`)).toMatchObject({ reason: 'FETCH_TOO_LARGE', permanent: true });
    expect(summary.totals.stored).toBe(2);
    expect(summary.totals.disallowed).toBe(1);
    for (const r of site.requests) expect(r.headers['user-agent']).toMatch(/^RaqibBot\//);
    // Crawl-delay 0.2 s: request starts on this host are spaced at least that much.
    const starts = site.requests.filter((r) => r.path !== '/robots.txt').map((r) => r.at);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(150);
  });

  it('keeps only keyword-matching pages of a press source, folding case and accents', async () => {
    const { site, db, dataDir } = await setup({});
    site.routes.set('/feed', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rss(site.origin, ['/p/1', '/p/2', '/p/3']),
    });
    site.routes.set('/p/1', { body: article('Vie privée', 'La PROTECTION DES DONNEES personnelles progresse.') });
    site.routes.set('/p/2', { body: article('Football', 'Le club local a gagné son match.') });
    site.routes.set('/p/3', { body: article('خبر', 'أصدرت اللجنة قرارا بشأن حماية المعطيات الشخصية.') });
    const source = testSource({
      kind: 'press',
      discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }],
      relevance: { mode: 'keywords', keywords: ['protection des données', 'المعطيات'] },
    });
    const summary = await crawlSources({ db, sources: [source], crawl: testCrawlConfig(), dataDir, log: quietLog() });
    expect(summary.totals.stored).toBe(2);
    expect(summary.sources[0]?.counts.irrelevant).toBe(1);
  });
});

describe('crawlSources: backoff and abort', () => {
  it('backs off a source that keeps failing without failing the others', async () => {
    const { site, db, dataDir } = await setup({});
    site.routes.set('/feed', { headers: { 'content-type': 'application/rss+xml' }, body: rss(site.origin, ['/a/1']) });
    site.routes.set('/a/1', { body: article('Un', 'Texte.') });
    const good = testSource({
      id: 'good',
      discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }],
    });
    const dead = testSource({
      id: 'dead',
      discovery: [{ type: 'feed', url: 'http://127.0.0.1:9/feed', evidence: 'seen' }],
    });
    const run = () =>
      crawlSources({ db, sources: [dead, good], crawl: testCrawlConfig({ maxRetries: 0 }), dataDir, log: quietLog() });
    const first = await run();
    expect(first.sources.map((s) => [s.sourceId, s.status])).toEqual([
      ['dead', 'failed'],
      ['good', 'ok'],
    ]);
    await run();
    const health = getSourceHealth(db, 'dead');
    expect(health?.consecutiveFailures).toBe(2);
    expect(health?.errorCounts.FETCH_NETWORK).toBe(2);
    expect(Date.parse(health?.backoffUntil ?? '')).toBeGreaterThan(Date.now());
    const third = await run();
    expect(third.sources[0]?.status).toBe('backoff');
    expect(listFailures(db, 'good')).toEqual([]);
    // `raqib sources` counts each source's own documents and failing URLs.
    expect(listSourcesWithHealth(db, [dead, good]).map((s) => [s.id, s.state, s.documents, s.failingUrls])).toEqual([
      ['dead', 'backoff', 0, 1],
      ['good', 'ok', 1, 0],
    ]);

    // A broken config (an invalid pattern) fails its own source, not the crawl.
    const broken = { ...good, id: 'broken', articlePatterns: ['(unclosed'] };
    const fourth = await crawlSources({
      db,
      sources: [broken, good],
      crawl: testCrawlConfig(),
      dataDir,
      log: quietLog(),
    });
    expect(fourth.sources.map((s) => [s.sourceId, s.status])).toEqual([
      ['broken', 'failed'],
      ['good', 'ok'],
    ]);
    expect(getSourceHealth(db, 'broken')).toMatchObject({ consecutiveFailures: 1, errorCounts: { INTERNAL: 1 } });
  });

  it('stops on abort, keeps the queue, and the next run finishes the same run', async () => {
    const { site, db, dataDir } = await setup({});
    const paths = Array.from({ length: 12 }, (_, i) => `/n/${i}`);
    site.routes.set('/feed', { headers: { 'content-type': 'application/rss+xml' }, body: rss(site.origin, paths) });
    for (const p of paths) {
      site.routes.set(p, async (_req, res) => {
        await new Promise((r) => setTimeout(r, 40));
        res.writeHead(200, { 'content-type': 'text/html' }).end(article(p, `Texte de la note ${p}.`));
      });
    }
    const source = testSource({
      discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }],
      politeness: { minDelayMs: 0, maxConcurrency: 1 },
    });
    const controller = new AbortController();
    const seen: CrawlProgress[] = [];
    const first = await crawlSources({
      db,
      sources: [source],
      crawl: testCrawlConfig(),
      dataDir,
      log: quietLog(),
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p);
        if (p.stored === 3) controller.abort();
      },
    });
    expect(first.sources[0]?.status).toBe('aborted');
    expect(first.totals.stored).toBeLessThan(paths.length);
    expect(seen.at(-1)?.queued).toBe(paths.length + 1);
    const second = await crawlSources({ db, sources: [source], crawl: testCrawlConfig(), dataDir, log: quietLog() });
    expect(second.sources[0]).toMatchObject({ status: 'ok', resumed: true });
    // The resumed run reports everything new since the run began, including the first part.
    expect(second.newDocumentIds).toHaveLength(paths.length);
    const fetches = site.requests.filter((r) => r.path.startsWith('/n/')).length;
    expect(fetches).toBe(paths.length);
    expect(db.prepare('SELECT count(*) FROM crawl_runs').pluck().get()).toBe(1);

    const [listed] = listSourcesWithHealth(db, [source]);
    expect(listed).toMatchObject({ id: source.id, state: 'ok', documents: paths.length, failingUrls: 0 });
  });
});

describe('createProgressReporter', () => {
  it('logs structured progress when the stream is not a terminal', () => {
    const records: unknown[] = [];
    const log = quietLog();
    log.info = ((obj: unknown) => {
      records.push(obj);
    }) as typeof log.info;
    const reporter = createProgressReporter(log, { stream: { isTTY: false } as NodeJS.WriteStream, intervalMs: 0 });
    reporter.update({ queued: 3, fetched: 1, stored: 1, failed: 0, skipped: 0 });
    reporter.done();
    expect(records).toEqual([
      { progress: { queued: 3, fetched: 1, stored: 1, failed: 0, skipped: 0 } },
      { progress: { queued: 3, fetched: 1, stored: 1, failed: 0, skipped: 0 } },
    ]);
  });

  it('rewrites one line on a terminal', () => {
    let out = '';
    const write = (s: string) => {
      out += s;
      return true;
    };
    const stream = { isTTY: true, write } as unknown as NodeJS.WriteStream;
    const reporter = createProgressReporter(quietLog(), { stream, intervalMs: 0 });
    reporter.update({ queued: 5, fetched: 2, stored: 1, failed: 1, skipped: 0 });
    reporter.done();
    expect(out).toContain('\r\x1b[2Kcrawl: 2/5 fetched');
    expect(out.endsWith('\n')).toBe(true);
  });
});
