// Helpers for the crawl tests: a tiny programmable site on 127.0.0.1 (for cases the replica does
// not model) and factories for sources, crawl config, data dirs and a quiet logger.
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type CrawlConfig, crawlConfigSchema } from '../crawlers/config.ts';
import { openFrontierQueue } from '../crawlers/frontier-queue.ts';
import type { HandlerContext } from '../crawlers/handlers/context.ts';
import { HostLimiter } from '../crawlers/host-limiter.ts';
import { articleMatcher, RunState } from '../crawlers/run-state.ts';
import { type SourceConfig, type SourceConfigInput, sourceConfigSchema } from '../crawlers/source-config.ts';
import { createRobotsCacheFactory, createSourceFetcher } from '../crawlers/source-fetcher.ts';
import type { CrawlRequest } from '../crawlers/types.ts';
import { openDb } from '../store/db.ts';

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface TestSite {
  origin: string;
  routes: Map<string, Route | Handler>;
  requests: Array<{ path: string; headers: IncomingMessage['headers']; status: number; at: number }>;
  close(): Promise<void>;
}

export async function startSite(routes: Record<string, Route | Handler> = {}): Promise<TestSite> {
  const map = new Map(Object.entries(routes));
  const requests: TestSite['requests'] = [];
  const server = createServer(async (req, res) => {
    const path = req.url ?? '/';
    const route = map.get(path) ?? map.get(path.split('?')[0]!);
    res.on('finish', () => requests.push({ path, headers: req.headers, status: res.statusCode, at: Date.now() }));
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (typeof route === 'function') {
      await route(req, res);
      return;
    }
    res.writeHead(route.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...route.headers });
    res.end(route.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes: map,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function tempDataDir(prefix = 'raqib-crawl-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function testCrawlConfig(overrides: Partial<Record<keyof CrawlConfig, unknown>> = {}): CrawlConfig {
  return crawlConfigSchema.parse({
    requestTimeoutMs: 2_000,
    retryBaseDelayMs: 20,
    maxRetryAfterMs: 3_000,
    maxCrawlDelayMs: 300,
    maxRetries: 2,
    ...overrides,
  });
}

export function testSource(input: Partial<SourceConfigInput> & Pick<SourceConfigInput, 'discovery'>): SourceConfig {
  return sourceConfigSchema.parse({
    id: 'test-source',
    name: 'Test source',
    outlet: 'Test',
    languages: ['fr'],
    kind: 'regulator',
    homepage: 'https://example.org/',
    schedule: '*/15 * * * *',
    relevance: { mode: 'all' },
    politeness: { minDelayMs: 0, maxConcurrency: 4 },
    ...input,
  });
}

export function quietLog() {
  return pino({ level: 'silent' });
}

export interface HandlerRun {
  ctx: HandlerContext;
  /** The requests waiting in the run's queue, in queue order. */
  queued(): Promise<CrawlRequest[]>;
  close(): Promise<void>;
}

/**
 * One source's run as the crawler builds it (a real SQLite file, a real crawlee queue on disk, the
 * real fetcher with its limiter and robots cache), without the loop: a test calls one handler and
 * reads back what it enqueued, stored and recorded.
 */
export async function startHandlerRun(
  source: SourceConfig,
  crawl: CrawlConfig = testCrawlConfig(),
): Promise<HandlerRun> {
  const dataDir = tempDataDir('raqib-handler-');
  const db = openDb(dataDir);
  const frontier = await openFrontierQueue(join(dataDir, 'crawl-state', source.id), false);
  const log = quietLog();
  const state = new RunState({ source, db, log, queue: frontier.queue, attempt: 1, isArticle: articleMatcher(source) });
  const abort = new AbortController();
  const fetcher = createSourceFetcher({
    source,
    crawl,
    limiter: new HostLimiter(),
    robots: createRobotsCacheFactory(crawl),
    log,
    signal: abort.signal,
  });
  return {
    ctx: { source, crawl, db, log, state, fetcher },
    queued: async () => {
      // crawlee's head listing returns whole stored requests (its type names only a few fields).
      const head = await frontier.queue.client.listHead({ limit: 10_000 });
      return (head.items as unknown as CrawlRequest[]).map(({ url, uniqueKey, userData }) => ({
        url,
        uniqueKey,
        userData,
      }));
    },
    close: async () => {
      abort.abort();
      await frontier.discard();
      db.close();
    },
  };
}
