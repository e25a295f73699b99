// How one source's run fetches: the crawler's GET (fetch-page.ts) wrapped in the source's
// politeness (per-host limiter, minimum delay, robots.txt Crawl-delay) and the run's abort signal.
import type { Logger } from 'pino';
import type { CrawlConfig } from './config.ts';
import { type FetchOutcome, fetchWithRetry } from './fetch-page.ts';
import type { HostLimiter } from './host-limiter.ts';
import { RobotsCache } from './robots.ts';
import type { SourceConfig } from './source-config.ts';

export type RobotsFetchOne = (url: string) => Promise<FetchOutcome>;

/** One robots.txt cache per crawl call, shared by its sources (cndp-fr and cndp-ar are one host). */
export type RobotsCacheFactory = (fetchOne: RobotsFetchOne) => RobotsCache;

export function createRobotsCacheFactory(crawl: CrawlConfig): RobotsCacheFactory {
  let cache: RobotsCache | null = null;
  return (fetchOne) => {
    cache ??= new RobotsCache(async (robotsUrl) => {
      const outcome = await fetchOne(robotsUrl);
      if (outcome.ok) return { status: outcome.response.status, text: outcome.response.body.toString('utf8') };
      const status = outcome.error.details?.status;
      return typeof status === 'number' ? { status, text: '' } : { status: null, errorCode: outcome.error.code };
    }, crawl.userAgent);
    return cache;
  };
}

export interface SourceFetcherOptions {
  source: SourceConfig;
  crawl: CrawlConfig;
  limiter: HostLimiter;
  robots: RobotsCacheFactory;
  log: Logger;
  /** Ends the run's fetches (deadline or shutdown): in-flight requests abort, retries stop waiting. */
  signal: AbortSignal;
}

export interface SourceFetcher {
  fetch(url: string, headers?: Record<string, string>): Promise<FetchOutcome>;
  robots: RobotsCache;
}

export function createSourceFetcher(options: SourceFetcherOptions): SourceFetcher {
  const { source, crawl, limiter, log } = options;
  const fetchOptions = {
    userAgent: crawl.userAgent,
    timeoutMs: crawl.requestTimeoutMs,
    maxBytes: crawl.maxPageBytes,
    signal: options.signal,
  };
  const robots = options.robots((url) => fetchOne(url));

  async function fetchOne(url: string, headers?: Record<string, string>): Promise<FetchOutcome> {
    const host = new URL(url).host;
    let delayMs = 0;
    let concurrency = crawl.maxConcurrency;
    if (crawl.politeness) {
      concurrency = source.politeness.maxConcurrency;
      delayMs = source.politeness.minDelayMs;
      if (source.politeness.respectRobots && !url.endsWith('/robots.txt')) {
        const rules = await robots.rulesFor(url);
        if (rules.crawlDelayMs !== null)
          delayMs = Math.max(delayMs, Math.min(rules.crawlDelayMs, crawl.maxCrawlDelayMs));
      }
    }
    return fetchWithRetry(
      url,
      { ...fetchOptions, ...(headers ? { headers } : {}) },
      {
        maxRetries: crawl.maxRetries,
        baseDelayMs: crawl.retryBaseDelayMs,
        maxRetryAfterMs: crawl.maxRetryAfterMs,
        around: (attempt) => limiter.run(host, { delayMs, concurrency }, attempt),
        onRetry: ({ attempt, delayMs: wait, error }) => log.debug({ url, attempt, wait, code: error.code }, 'retrying'),
      },
    );
  }

  return { fetch: fetchOne, robots };
}
