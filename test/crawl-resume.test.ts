// Crash and resume: a crawl in a child process is SIGKILLed mid-run; the next run picks up the
// persisted crawlee queue. No article may be lost, none stored twice, and finished work is not
// fetched again.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { SOURCES } from '../crawlers/sources/index.ts';
import { openDb } from '../store/db.ts';
import { startSite, tempDataDir, testSource } from './crawl-helpers.ts';
import { ARTICLES, PDFS, startReplica } from './replica/index.ts';

const ARTICLE_COUNT = 30;
const closers: Array<() => Promise<unknown> | unknown> = [];
afterAll(async () => {
  for (const close of closers) await close();
});

function runChild(dataDir: string, sourcesFile: string): { done: Promise<number | null>; kill: () => void } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'crawl-child.ts'), dataDir, sourcesFile],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += String(d);
  });
  const done = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) console.error(stderr);
      resolve(code);
    }),
  );
  return { done, kill: () => child.kill('SIGKILL') };
}

/**
 * Writes `sources` into a fresh data dir, starts a crawl child and SIGKILLs it once `killAt` pages
 * are stored. Returns what the next run needs, a live count of stored pages and the first child's
 * exit code.
 */
async function crawlThenKill(sources: unknown[], killAt: number, pollMs: number) {
  const dataDir = tempDataDir();
  const sourcesFile = join(dataDir, 'sources.json');
  writeFileSync(sourcesFile, JSON.stringify(sources));
  openDb(dataDir).close();
  const watcher = new Database(join(dataDir, 'raqib.sqlite'), { readonly: true });
  closers.push(() => watcher.close());
  const pageCount = () => watcher.prepare('SELECT count(*) FROM pages').pluck().get() as number;

  const first = runChild(dataDir, sourcesFile);
  // The child starts tsx and the crawler first: on a loaded two-core machine that alone can take
  // tens of seconds, so the kill point is awaited generously.
  const deadline = Date.now() + 90_000;
  while (pageCount() < killAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, pollMs));
  first.kill();
  return { dataDir, sourcesFile, pageCount, exitCode: await first.done };
}

it('resumes an interrupted crawl without losing or duplicating pages', async () => {
  const paths = Array.from({ length: ARTICLE_COUNT }, (_, i) => `/actu/${i + 1}`);
  const site = await startSite({
    '/feed': {
      headers: { 'content-type': 'application/rss+xml' },
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${paths.map((p) => `<item><link>PLACEHOLDER${p}</link></item>`).join('')}</channel></rss>`,
    },
  });
  closers.push(() => site.close());
  const feed = site.routes.get('/feed') as { body: string };
  feed.body = feed.body.replaceAll('PLACEHOLDER', site.origin);
  for (const [i, path] of paths.entries()) {
    site.routes.set(path, async (_req, res) => {
      await new Promise((r) => setTimeout(r, 60));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<html><body><article><p>Communiqué numéro ${i + 1} de la commission de contrôle.</p></article></body></html>`,
      );
    });
  }
  const source = testSource({
    id: 'resume',
    discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }],
    politeness: { minDelayMs: 0, maxConcurrency: 2 },
  });

  const { dataDir, sourcesFile, pageCount, exitCode } = await crawlThenKill([source], 8, 20);
  expect(exitCode).toBeNull();
  const storedAtKill = pageCount();
  expect(storedAtKill).toBeGreaterThanOrEqual(8);
  expect(storedAtKill).toBeLessThan(ARTICLE_COUNT);

  const second = runChild(dataDir, sourcesFile);
  expect(await second.done).toBe(0);

  const db = openDb(dataDir);
  closers.push(() => db.close());
  const stored = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  const extraVersions = db.prepare('SELECT count(*) FROM document_versions WHERE version_no > 1').pluck().get();
  console.log(
    `[figure] crawl SIGKILLed at ${storedAtKill}/${ARTICLE_COUNT} pages, resumed: lost ${ARTICLE_COUNT - stored}, duplicated ${extraVersions}`,
  );
  expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(ARTICLE_COUNT);
  expect(db.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(ARTICLE_COUNT);
  expect(db.prepare('SELECT max(version_no) FROM document_versions').pluck().get()).toBe(1);
  const run = db.prepare('SELECT attempts, finished_at, status FROM crawl_runs').all();
  expect(run).toEqual([expect.objectContaining({ attempts: 2, status: 'ok' })]);
  // Resumed, not restarted: articles finished before the kill are not fetched again (a few that
  // were in flight, or whose "handled" mark was not yet on disk, may be).
  const articleFetches = site.requests.filter((r) => r.path.startsWith('/actu/')).length;
  expect(articleFetches).toBeLessThanOrEqual(ARTICLE_COUNT + 6);
  expect(articleFetches).toBeLessThan(ARTICLE_COUNT + storedAtKill);
}, 240_000);

it('resumes against the replica web: Arabic URLs, redirects and PDFs survive a SIGKILL', async () => {
  const replica = await startReplica({ slowPageMs: 200 });
  closers.push(() => replica.close());
  const ids = ['cndp-fr', 'cndp-ar'];
  const sources = replica
    .pointSources(SOURCES.filter((s) => ids.includes(s.id)))
    .map((s) => ({ ...s, politeness: { ...s.politeness, minDelayMs: 0, maxConcurrency: 1 } }));
  // Slow every page down a little so the kill lands mid-crawl.
  for (const a of ARTICLES.filter((x) => ids.includes(x.sourceId))) replica.delay(a.url, 80);
  for (const p of PDFS) replica.delay(p.url, 80);
  const { dataDir, sourcesFile, pageCount } = await crawlThenKill(sources, 3, 10);
  const atKill = pageCount();
  expect(atKill).toBeGreaterThanOrEqual(3);

  const second = runChild(dataDir, sourcesFile);
  expect(await second.done).toBe(0);
  const db = openDb(dataDir);
  closers.push(() => db.close());
  const expected =
    ARTICLES.filter((a) => ids.includes(a.sourceId) && !a.tickerOnly).length +
    PDFS.filter((p) => ids.includes(p.sourceId)).length;
  expect(atKill).toBeLessThan(expected);
  const stored = db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  const extraVersions = db.prepare('SELECT count(*) FROM document_versions WHERE version_no > 1').pluck().get();
  console.log(
    `[figure] replica crawl SIGKILLed at ${atKill}/${expected} pages, resumed: lost ${expected - stored}, duplicated ${extraVersions}`,
  );
  expect(db.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(expected);
  expect(db.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(expected);
  expect(db.prepare('SELECT count(*) FROM document_versions WHERE version_no > 1').pluck().get()).toBe(0);
  const runs = db.prepare('SELECT source_id, status FROM crawl_runs WHERE finished_at IS NOT NULL').all();
  expect(runs).toHaveLength(2);
}, 240_000);
