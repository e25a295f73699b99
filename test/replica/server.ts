// The replica web: one node:http server per real host, on 127.0.0.1 with an OS-given port,
// serving the same paths as the real sites (per the real source configs), so the real configs go
// through `pointSources` unchanged. Every page is built once at start-up (site.ts); `edit` makes a new
// version (new ETag, later Last-Modified) so re-crawls and conditional GETs can be tested.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import type { SourceConfig } from '../../crawlers/source-config.ts';
import { SOURCES } from '../../crawlers/sources/index.ts';
import { ARTICLES, PDFS } from './content/index.ts';
import { buildSite, etagOf, hostsOf, keyOf, lookup, type Resource, type Site } from './site.ts';

export interface ReplicaRequest {
  /** The real origin the request stood for, e.g. `https://www.cndp.ma`. */
  origin: string;
  /** Path and query exactly as received (percent-encoded). */
  path: string;
  method: string;
  status: number;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
}

export interface Replica {
  origins: Record<string, string>;
  pointSources(sources: SourceConfig[]): SourceConfig[];
  requests: ReplicaRequest[];
  edit(realUrl: string, change: (body: string) => string): void;
  failNext(realUrl: string, opts: { status: number; times: number; retryAfterSeconds?: number }): void;
  delay(realUrl: string, ms: number): void;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  /** How long the deliberately slow page takes to answer (default 3000 ms). */
  slowPageMs?: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What a running replica remembers between requests. */
interface ServeState {
  site: Site;
  failures: Map<string, { status: number; times: number; retryAfterSeconds?: number }>;
  delays: Map<string, number>;
  requests: ReplicaRequest[];
}

/** RFC 9110 §13.1.2/§13.1.3: If-None-Match wins; If-Modified-Since only when it is absent. */
function isNotModified(req: IncomingMessage, resource: Resource): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  const ifModifiedSince = req.headers['if-modified-since'];
  return ifNoneMatch !== undefined
    ? ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === resource.etag || tag.trim() === '*')
    : ifModifiedSince !== undefined &&
        Math.floor(resource.lastModified / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000);
}

/** Writes the answer and returns its status: an injected failure, 405, 404, 301, 304 or 200. */
function respond(
  state: ServeState,
  url: URL,
  resource: Resource | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): number {
  const failKey = [keyOf(url, true), keyOf(url, false)].find((k) => (state.failures.get(k)?.times ?? 0) > 0);
  const failure = failKey === undefined ? undefined : state.failures.get(failKey);
  if (failure !== undefined) {
    failure.times -= 1;
    if (failure.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(failure.retryAfterSeconds));
    res.writeHead(failure.status, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<html><body><h1>Error ${failure.status}</h1></body></html>`);
    return failure.status;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    res.end();
    return 405;
  }
  if (resource === undefined) {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(
      '<!DOCTYPE html><html><head><title>Page introuvable</title></head><body><h1>404</h1><p>Page introuvable</p></body></html>',
    );
    return 404;
  }
  if (resource.status === 301) {
    res.writeHead(301, { Location: resource.location ?? '/', 'Content-Type': resource.contentType });
    res.end(req.method === 'HEAD' ? undefined : resource.bytes);
    return 301;
  }
  const lastModified = new Date(resource.lastModified).toUTCString();
  const common = { ETag: resource.etag, 'Last-Modified': lastModified, 'Cache-Control': 'max-age=60' };
  if (isNotModified(req, resource)) {
    res.writeHead(304, common);
    res.end();
    return 304;
  }
  res.writeHead(200, {
    ...common,
    'Content-Type': resource.contentType,
    'Content-Length': String(resource.bytes.length),
  });
  res.end(req.method === 'HEAD' ? undefined : resource.bytes);
  return 200;
}

async function serve(state: ServeState, realHost: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `https://${realHost}`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const extraDelay =
    [keyOf(url, true), keyOf(url, false)].map((k) => state.delays.get(k)).find((ms) => ms !== undefined) ?? 0;
  const resource = lookup(state.site, url);
  const wait = extraDelay + (resource?.delayMs ?? 0);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  const status = respond(state, url, resource, req, res);
  state.requests.push({
    origin: `https://${realHost}`,
    path: req.url ?? '/',
    method: req.method ?? 'GET',
    status,
    headers,
  });
}

/** The real configs, rewritten to fetch from the replica's local origins. */
function pointSourcesAt(origins: Record<string, string>, sources: SourceConfig[]): SourceConfig[] {
  // Longest hosts first so `https://fr.hespress.com` is never half-rewritten by a shorter one.
  const pairs = Object.entries(origins).sort(([a], [b]) => b.length - a.length);
  const rewrite = (text: string): string => {
    let out = text;
    for (const [real, local] of pairs) {
      out = out.split(real).join(local);
      const escapedHost = escapeRegExp(new URL(real).host);
      const escapedLocal = escapeRegExp(local.replace(/^http:\/\//, ''));
      out = out.split(`https?://${escapedHost}`).join(`http://${escapedLocal}`);
      out = out.split(`https://${escapedHost}`).join(`http://${escapedLocal}`);
    }
    return out;
  };
  return sources.map((s) => ({
    ...s,
    homepage: rewrite(s.homepage),
    discovery: s.discovery.map((d) =>
      d.type === 'listing' || d.type === 'search'
        ? { ...d, url: rewrite(d.url), linkPattern: rewrite(d.linkPattern) }
        : { ...d, url: rewrite(d.url) },
    ),
    articlePatterns: s.articlePatterns.map(rewrite),
    canonicalization: {
      ...s.canonicalization,
      // The replica speaks plain HTTP; forcing https would send the crawler to the real web.
      forceHttps: false,
      rewrites: s.canonicalization.rewrites.map(([p, r]): [string, string] => [rewrite(p), rewrite(r)]),
    },
  }));
}

/** One server per real host on 127.0.0.1; returns them with each real origin's local one. */
async function listenAll(
  hosts: readonly string[],
  handler: (realHost: string) => (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ servers: Server[]; origins: Record<string, string> }> {
  const servers: Server[] = [];
  const origins: Record<string, string> = {};
  for (const host of hosts) {
    const server = createServer(handler(host));
    // Crawlers keep connections alive; do not let a stray socket hold `close()` for 5 s.
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    servers.push(server);
    origins[`https://${host}`] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  return { servers, origins };
}

export async function startReplica(options: ReplicaOptions = {}): Promise<Replica> {
  const hosts = hostsOf(SOURCES, ARTICLES, PDFS);
  let origins: Record<string, string> = {};
  const site: Site = {
    routes: new Map(),
    searches: new Map(),
    slowPageMs: options.slowPageMs ?? 3000,
    link: (realUrl) => {
      const url = new URL(realUrl);
      const origin = origins[url.origin];
      return origin === undefined ? realUrl : `${origin}${url.pathname}${url.search}${url.hash}`;
    },
  };
  const state: ServeState = { site, failures: new Map(), delays: new Map(), requests: [] };
  const listening = await listenAll(hosts, (realHost) => (req, res) => {
    serve(state, realHost, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  origins = listening.origins;
  await buildSite(site, hosts);

  const controlKey = (realUrl: string): string => keyOf(new URL(realUrl), true);
  const findResource = (realUrl: string): Resource => {
    const resource = site.routes.get(controlKey(realUrl)) ?? site.routes.get(keyOf(new URL(realUrl), false));
    if (resource === undefined) throw new Error(`replica: nothing served at ${realUrl}`);
    return resource;
  };

  return {
    origins,
    pointSources: (sources) => pointSourcesAt(origins, sources),
    requests: state.requests,
    edit(realUrl, change) {
      const resource = findResource(realUrl);
      if (resource.text === null || resource.charset === null)
        throw new Error(`replica: ${realUrl} is binary and cannot be edited`);
      resource.text = change(resource.text);
      resource.bytes = iconv.encode(resource.text, resource.charset);
      resource.etag = etagOf(resource.bytes);
      // HTTP dates have one-second precision: the new version must be visibly later.
      resource.lastModified = Math.max(Date.now(), resource.lastModified + 1000);
    },
    failNext(realUrl, opts) {
      state.failures.set(controlKey(realUrl), { ...opts });
    },
    delay(realUrl, ms) {
      state.delays.set(controlKey(realUrl), ms);
    },
    async close() {
      await Promise.all(
        listening.servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              server.closeAllConnections();
            }),
        ),
      );
    },
  };
}
