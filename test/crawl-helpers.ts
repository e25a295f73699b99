// Helpers for the crawl tests: a tiny programmable site on 127.0.0.1 (for cases the replica does
// not model) and factories for sources, crawl config, data dirs and a quiet logger.
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type CrawlConfig, crawlConfigSchema } from '../crawlers/config.ts';
import { type SourceConfig, type SourceConfigInput, sourceConfigSchema } from '../crawlers/source-config.ts';

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
