// The fault-injecting server crawled for real: every URL ends in a stored page or a recorded
// failure with the right code, the run always ends (a hang or a drip cannot hold it), the run
// deadline cuts a run short without losing track of a URL, and source health counts failed articles.
import { afterEach, describe, expect, it } from 'vitest';
import { crawlSources } from '../crawlers/crawl.ts';
import { listSourcesWithHealth } from '../crawlers/health.ts';
import { type Db, openDb } from '../store/db.ts';
import { listFailures } from '../store/frontier.ts';
import { getSourceHealth } from '../store/sources.ts';
import { quietLog, tempDataDir, testCrawlConfig, testSource } from './crawl-helpers.ts';
import { EXPECTED, type FaultServer, faultOutcomes, startFaultServer } from './fault-server.ts';

let server: FaultServer | null = null;
let db: Db | null = null;
afterEach(async () => {
  db?.close();
  db = null;
  await server?.close();
  server = null;
});

const faultSource = (feedUrl: string) =>
  testSource({
    id: 'faults',
    discovery: [{ type: 'feed', url: feedUrl, evidence: 'seen' }],
    articlePatterns: ['/a/'],
    canonicalization: { forceHttps: false },
  });

describe('crawling the fault server', () => {
  it('ends every URL in a stored page or a recorded failure with the right code, twice in a row', async () => {
    server = await startFaultServer({ hugeBytes: 50 * 1024 * 1024 });
    const dataDir = tempDataDir('raqib-faults-');
    db = openDb(dataDir);
    const crawl = testCrawlConfig({
      requestTimeoutMs: 1500,
      maxRetries: 1,
      retryBaseDelayMs: 50,
      maxPageBytes: 2 * 1024 * 1024,
      politeness: 'off',
      runDeadlineMs: 30_000,
    });
    for (let run = 0; run < 2; run++) {
      const started = Date.now();
      const summary = await crawlSources({
        db,
        sources: [faultSource(server.feedUrl)],
        crawl,
        dataDir,
        log: quietLog(),
      });
      const ms = Date.now() - started;
      expect(ms).toBeLessThan(20_000);
      const outcomes = faultOutcomes(db, server);
      console.log(`[figure] fault crawl run ${run + 1}: ${ms} ms`, JSON.stringify(outcomes));
      // Permanent failures (too large, undecodable) are not re-fetched on the second run, but keep their code.
      expect(outcomes).toEqual(EXPECTED);
      const result = summary.sources[0]!;
      expect(result.deadlineReached).toBe(false);
      expect(result.articles.attempted).toBe(Object.keys(EXPECTED).length);
    }
    // Health counts the failed articles: 6 of 10 failed is a failing source with a reason.
    const health = getSourceHealth(db, 'faults')!;
    const failed = Object.values(EXPECTED).filter((e) => e !== 'stored').length;
    expect(health.lastRunArticles).toEqual({ attempted: Object.keys(EXPECTED).length, failed });
    expect(health.consecutiveFailures).toBeGreaterThan(0);
    expect(health.lastError).toMatch(new RegExp(`${failed} of ${Object.keys(EXPECTED).length} articles failed`));
    expect(listSourcesWithHealth(db, [faultSource(server.feedUrl)])[0]?.state).toMatch(/failing|backoff/);
  }, 90_000);

  it('a run deadline ends a run of hanging and dripping URLs, recording each as failed', async () => {
    server = await startFaultServer();
    const dataDir = tempDataDir('raqib-faults-deadline-');
    db = openDb(dataDir);
    // Requests may take 20 s each, but the run has 3 s.
    const crawl = testCrawlConfig({ requestTimeoutMs: 20_000, maxRetries: 3, politeness: 'off', runDeadlineMs: 3000 });
    const source = testSource({
      id: 'slow',
      discovery: [{ type: 'feed', url: server.feedUrl, evidence: 'seen' }],
      articlePatterns: ['/a/(hang|drip)$'],
      canonicalization: { forceHttps: false },
      politeness: { minDelayMs: 0, maxConcurrency: 1 },
    });
    const started = Date.now();
    const summary = await crawlSources({
      db,
      sources: [source],
      crawl: { ...crawl, maxConcurrency: 1 },
      dataDir,
      log: quietLog(),
    });
    const ms = Date.now() - started;
    console.log(`[figure] deadline run (3 s deadline, 20 s request timeout): ${ms} ms`);
    expect(ms).toBeLessThan(8000);
    const result = summary.sources[0]!;
    expect(result.deadlineReached).toBe(true);
    const failures = listFailures(db, 'slow');
    expect(failures.map((f) => f.url).sort()).toEqual([server.urlOf('drip'), server.urlOf('hang')].sort());
    expect(failures.every((f) => f.reason === 'FETCH_TIMEOUT' && !f.permanent)).toBe(true);
    const health = getSourceHealth(db, 'slow')!;
    expect(health.lastRunAt).not.toBeNull();
    expect(health.lastRunArticles).toEqual({ attempted: 2, failed: 2 });
  }, 30_000);
});
