// The replica web: one node:http server per real host, on 127.0.0.1 with an OS-given port,
// serving the same paths as the real sites (per the real source configs), so the real configs go
// through `pointSources` unchanged. Every page is built once at start-up; `edit` makes a new
// version (new ETag, later Last-Modified) so re-crawls and conditional GETs can be tested.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import type { SourceConfig } from '../../crawlers/source-config.ts';
import { SOURCES } from '../../crawlers/sources/index.ts';
import { ARTICLES, DEAD_LINKS, PDFS } from './content/index.ts';
import type { ArticleFixture, PdfFixture } from './content/types.ts';
import { outletOf } from './outlets.ts';
import { pdfBytes } from './pdf.ts';
import {
  type FeedItem,
  type PageContext,
  renderArticle,
  renderAtom,
  renderListing,
  renderRss,
  renderSitemapIndex,
  renderSpipBackend,
  renderTickerOnly,
  renderUrlset,
} from './render.ts';

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

type Charset = 'utf-8' | 'windows-1256' | 'iso-8859-1';

interface Resource {
  status: 200 | 301;
  contentType: string;
  charset: Charset | null;
  /** Text resources keep their text so `edit` can change it; binary ones (PDF) only bytes. */
  text: string | null;
  bytes: Buffer;
  etag: string;
  lastModified: number;
  location?: string;
  delayMs: number;
}

const PAGE_SIZE = 4;
const ROBOTS_DATE = Date.parse('2024-01-01T00:00:00Z');

function etagOf(bytes: Buffer): string {
  return `"${createHash('sha1').update(bytes).digest('hex').slice(0, 20)}"`;
}

/** Routing key: host + percent-decoded path (+ query). Arabic slugs arrive encoded or not. */
function keyOf(url: URL, withQuery: boolean): string {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  return `${url.host}${path}${withQuery ? url.search : ''}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function hostsOf(
  sources: readonly SourceConfig[],
  articles: readonly ArticleFixture[],
  pdfs: readonly PdfFixture[],
): string[] {
  const hosts = new Set<string>();
  for (const s of sources) {
    hosts.add(new URL(s.homepage).host);
    for (const d of s.discovery) hosts.add(new URL(d.url.replace('{query}', 'q').replace('{page}', '1')).host);
  }
  for (const a of articles) hosts.add(new URL(a.url).host);
  for (const p of pdfs) hosts.add(new URL(p.url).host);
  return [...hosts].sort();
}

function byDateDesc(a: ArticleFixture, b: ArticleFixture): number {
  return Date.parse(b.publishedAt) - Date.parse(a.publishedAt);
}

/** Which articles a list page shows, beyond "all of its source". */
function listingFilter(listingUrl: string): (a: ArticleFixture) => boolean {
  const path = decodeURIComponent(new URL(listingUrl).pathname);
  if (path === '/deliberation/') return (a) => a.section === 'Délibérations';
  if (path === '/communiques/') return (a) => a.section === 'Communiqués';
  if (path === '/ar/المداولات/') return (a) => a.section === 'المداولات';
  if (path === '/ar/البلاغات/') return (a) => a.section === 'البلاغات';
  if (path === '/fr/') return (a) => a.lang === 'fr';
  if (new URL(listingUrl).host === 'www.maghress.com' && path === '/') return (a) => a.lang === 'ar';
  return () => true;
}

export async function startReplica(options: ReplicaOptions = {}): Promise<Replica> {
  const slowPageMs = options.slowPageMs ?? 3000;
  const hosts = hostsOf(SOURCES, ARTICLES, PDFS);
  const routes = new Map<string, Resource>();
  const failures = new Map<string, { status: number; times: number; retryAfterSeconds?: number }>();
  const delays = new Map<string, number>();
  const searches = new Map<string, { param: string; source: SourceConfig }>();
  const requests: ReplicaRequest[] = [];
  const origins: Record<string, string> = {};
  const servers: Server[] = [];

  const handler = (realHost: string) => (req: IncomingMessage, res: ServerResponse) => {
    serve(realHost, req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  };

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

  const link = (realUrl: string): string => {
    const url = new URL(realUrl);
    const origin = origins[url.origin];
    return origin === undefined ? realUrl : `${origin}${url.pathname}${url.search}${url.hash}`;
  };

  const put = (realUrl: string, r: Omit<Resource, 'etag' | 'delayMs'> & { delayMs?: number }): void => {
    routes.set(keyOf(new URL(realUrl), true), { ...r, delayMs: r.delayMs ?? 0, etag: etagOf(r.bytes) });
  };
  const putText = (
    realUrl: string,
    contentType: string,
    text: string,
    lastModified: number,
    charset: Charset = 'utf-8',
    declare = true,
    delayMs = 0,
  ): void => {
    const bytes = iconv.encode(text, charset);
    put(realUrl, {
      status: 200,
      contentType: declare ? `${contentType}; charset=${charset}` : contentType,
      charset,
      text,
      bytes,
      lastModified,
      delayMs,
    });
  };
  const redirect = (fromUrl: string, toUrl: string): void => {
    const text = `<html><body>Moved <a href="${link(toUrl)}">here</a></body></html>`;
    put(fromUrl, {
      status: 301,
      contentType: 'text/html; charset=utf-8',
      charset: 'utf-8',
      text,
      bytes: Buffer.from(text),
      lastModified: ROBOTS_DATE,
      location: link(toUrl),
    });
  };

  const sourceOf = (id: string): SourceConfig | undefined => SOURCES.find((s) => s.id === id);
  const firstFeed = (s: SourceConfig | undefined): string | null =>
    s?.discovery.find((d) => d.type === 'feed')?.url ?? null;
  const pageContext = (sourceId: string): PageContext => {
    const source = sourceOf(sourceId);
    const outlet = outletOf(sourceId);
    return {
      outlet,
      link,
      homepage: source?.homepage ?? 'https://www.maghress.com/',
      feedUrl: firstFeed(source),
      tickerHeadlines: ARTICLES.filter((a) => a.sourceId === sourceId && a.lang === outlet.lang && !a.tickerOnly)
        .sort(byDateDesc)
        .slice(0, 5)
        .map((a) => a.title),
    };
  };

  // --- articles, redirects, PDFs
  const articlesOf = (sourceId: string): ArticleFixture[] =>
    ARTICLES.filter((a) => a.sourceId === sourceId).sort(byDateDesc);
  const pdfByKey = new Map(PDFS.map((p) => [p.key, p]));
  for (const a of ARTICLES) {
    const ctx = pageContext(a.sourceId);
    const lastModified = Date.parse(a.updatedAt ?? a.publishedAt);
    if (a.tickerOnly === true) {
      const headlines = ARTICLES.filter((x) => x.lang === a.lang && x.key !== a.key).map((x) => x.title);
      putText(a.url, 'text/html', renderTickerOnly(ctx, headlines, a.lang === 'ar' ? 'ar' : 'fr'), lastModified);
      continue;
    }
    const siblings = articlesOf(a.sourceId).filter((x) => x.key !== a.key && !x.tickerOnly);
    const teaser = a.sourceId === 'leconomiste' ? (siblings.find((x) => x.story === null) ?? null) : null;
    const charset: Charset =
      a.encoding === 'iso-8859-1' ? 'iso-8859-1' : a.encoding?.startsWith('windows-1256') ? 'windows-1256' : 'utf-8';
    const charsetMeta =
      a.encoding === 'windows-1256-header'
        ? ''
        : a.encoding === 'iso-8859-1'
          ? '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
          : `<meta charset="${charset}">`;
    const html = renderArticle(a, {
      ...ctx,
      related: siblings.slice(0, 3),
      headerTeaser: teaser,
      pdfUrl: a.pdfKey === undefined ? null : (pdfByKey.get(a.pdfKey)?.url ?? null),
      charsetMeta,
    });
    putText(
      a.url,
      'text/html',
      html,
      lastModified,
      charset,
      a.encoding !== 'windows-1256-meta',
      a.slow === true ? slowPageMs : 0,
    );
    if (a.oldUrl !== undefined) redirect(a.oldUrl, a.url);
  }
  await Promise.all(
    PDFS.map(async (p) => {
      const bytes = Buffer.from(await pdfBytes(p));
      put(p.url, {
        status: 200,
        contentType: 'application/pdf',
        charset: null,
        text: null,
        bytes,
        lastModified: Date.parse(p.publishedAt),
      });
    }),
  );

  // --- per-host home pages and robots.txt
  for (const host of hosts) {
    const onHost = ARTICLES.filter((a) => new URL(a.url).host === host && !a.tickerOnly).sort(byDateDesc);
    // A host may carry only a feed (www.hibapress.com serves the feed of ar.hibapress.com).
    const sourceId =
      onHost[0]?.sourceId ??
      SOURCES.find((s) =>
        [s.homepage, ...s.discovery.map((d) => d.url.replace('{query}', 'q'))].some((u) => new URL(u).host === host),
      )?.id;
    if (sourceId === undefined) continue;
    const ctx = pageContext(sourceId);
    const home = `https://${host}/`;
    putText(
      home,
      'text/html',
      renderListing(
        {
          title: ctx.outlet.siteName,
          lang: ctx.outlet.lang,
          items: onHost.slice(0, 12),
          extraLinks: [],
          prevUrl: null,
          nextUrl: null,
        },
        ctx,
      ),
      Date.parse(onHost[0]?.publishedAt ?? '2024-01-01T00:00:00Z'),
    );
    const sitemaps = SOURCES.filter((s) => new URL(s.homepage).host === host)
      .flatMap((s) => s.discovery)
      .filter((d) => d.type === 'sitemap')
      .map((d) => `Sitemap: ${link(d.url)}`);
    const rules = ['User-agent: *', 'Disallow: /wp-admin/', 'Allow: /wp-admin/admin-ajax.php'];
    // One host forbids a section its own list page links to; another asks for a crawl delay.
    if (host === 'fr.le360.ma') rules.push('Disallow: /videos/');
    if (host === 'www.bladi.net') rules.push('Disallow: /ecrire/', 'Crawl-delay: 1');
    putText(`https://${host}/robots.txt`, 'text/plain', `${rules.join('\n')}\n\n${sitemaps.join('\n')}\n`, ROBOTS_DATE);
  }

  // --- discovery documents, exactly where the real configs expect them
  for (const source of SOURCES) {
    const ctx = pageContext(source.id);
    const items = articlesOf(source.id).filter((a) => !a.tickerOnly);
    const newest = Date.parse(items[0]?.publishedAt ?? '2024-01-01T00:00:00Z');
    const sourcePdfs = PDFS.filter((p) => p.sourceId === source.id);
    for (const d of source.discovery) {
      if (d.type === 'feed') {
        const feedItems: FeedItem[] = items
          .filter((a) => a.hideFromFeed !== true)
          .slice(0, 30)
          .map((a) => {
            // Feeds link through old URLs (301) and tracking parameters, as real ones do.
            const target =
              a.oldUrl ?? (source.id === 'yabiladi' ? `${a.url}?utm_source=rss_yabiladi&utm_medium=rss` : a.url);
            return { article: a, link: link(target) };
          });
        const meta = {
          title: ctx.outlet.siteName,
          selfUrl: link(d.url),
          siteUrl: link(source.homepage),
          lang: source.languages[0] ?? 'fr',
        };
        const format = ctx.outlet.feed;
        const xml =
          format === 'atom'
            ? renderAtom(meta, feedItems)
            : format === 'spip'
              ? renderSpipBackend(meta, feedItems)
              : renderRss(meta, feedItems);
        putText(d.url, format === 'atom' ? 'application/atom+xml' : 'application/rss+xml', xml, newest);
      } else if (d.type === 'sitemap') {
        const chunks: ArticleFixture[][] = [];
        for (let i = 0; i < items.length; i += 3) chunks.push(items.slice(i, i + 3));
        const base = d.url.replace(/[^/]*$/, '');
        const children = chunks.map((chunk, i) => {
          const childUrl = `${base}wp-sitemap-posts-post-${i + 1}.xml`;
          const urls = chunk.map((a) => ({ loc: link(a.url), lastmod: a.updatedAt ?? a.publishedAt }));
          putText(
            childUrl,
            'application/xml',
            renderUrlset(urls),
            Date.parse(chunk[0]?.publishedAt ?? '2024-01-01T00:00:00Z'),
          );
          return { loc: link(childUrl), lastmod: chunk[0]?.publishedAt ?? '' };
        });
        putText(d.url, 'application/xml', renderSitemapIndex(children), newest);
      } else if (d.type === 'listing') {
        const shown = items.filter(listingFilter(d.url));
        const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
        const pageUrl = (n: number): string => (n === 1 ? d.url : `${d.url}page/${n}/`);
        for (let n = 1; n <= pages; n++) {
          const extraLinks =
            n !== 1
              ? []
              : [
                  ...sourcePdfs.map((p) => ({ url: p.url, text: p.title })),
                  // Maghress lists its ticker-only pages like any other copy.
                  ...articlesOf(source.id)
                    .filter((a) => a.tickerOnly === true && listingFilter(d.url)(a))
                    .map((a) => ({ url: a.url, text: a.section })),
                  ...DEAD_LINKS.filter((x) => x.listing === d.url).map((x) => ({ url: x.url, text: x.text })),
                ];
          const html = renderListing(
            {
              title: ctx.outlet.siteName,
              lang: ctx.outlet.lang,
              items: shown.slice((n - 1) * PAGE_SIZE, n * PAGE_SIZE),
              extraLinks,
              prevUrl: n > 1 ? pageUrl(n - 1) : null,
              nextUrl: n < pages ? pageUrl(n + 1) : null,
            },
            ctx,
          );
          putText(pageUrl(n), 'text/html', html, newest);
        }
        // WordPress sends /page/1/ back to the list itself.
        redirect(`${d.url}page/1/`, d.url);
      } else {
        const template = new URL(d.url.replace('{page}', '1'));
        const param = [...template.searchParams.entries()].find(([, v]) => v.includes('{query}'))?.[0] ?? 's';
        searches.set(keyOf(template, false), { param, source });
      }
    }
  }

  const searchPage = (url: URL): Resource | undefined => {
    const search = searches.get(keyOf(url, false));
    if (search === undefined) return undefined;
    const query = url.searchParams.get(search.param);
    if (query === null) return undefined;
    const needle = query.normalize('NFC').toLowerCase();
    const ctx = pageContext(search.source.id);
    const hits = articlesOf(search.source.id).filter(
      (a) => !a.tickerOnly && `${a.title}\n${a.paragraphs.join('\n')}`.normalize('NFC').toLowerCase().includes(needle),
    );
    const html = renderListing(
      {
        title: `${ctx.outlet.siteName} — ${query}`,
        lang: ctx.outlet.lang,
        items: hits.slice(0, 10),
        extraLinks: [],
        prevUrl: null,
        nextUrl: null,
      },
      ctx,
    );
    const bytes = Buffer.from(html);
    return {
      status: 200,
      contentType: 'text/html; charset=utf-8',
      charset: 'utf-8',
      text: html,
      bytes,
      etag: etagOf(bytes),
      lastModified: Date.now(),
      delayMs: 0,
    };
  };

  const lookup = (url: URL): Resource | undefined =>
    routes.get(keyOf(url, true)) ?? searchPage(url) ?? routes.get(keyOf(url, false));
  const controlKey = (realUrl: string): string => keyOf(new URL(realUrl), true);

  async function serve(realHost: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `https://${realHost}`);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const finish = (status: number): void => {
      requests.push({
        origin: `https://${realHost}`,
        path: req.url ?? '/',
        method: req.method ?? 'GET',
        status,
        headers,
      });
    };
    const control = [keyOf(url, true), keyOf(url, false)];
    const extraDelay = control.map((k) => delays.get(k)).find((ms) => ms !== undefined) ?? 0;
    const resource = lookup(url);
    const wait = extraDelay + (resource?.delayMs ?? 0);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    const failKey = control.find((k) => (failures.get(k)?.times ?? 0) > 0);
    const failure = failKey === undefined ? undefined : failures.get(failKey);
    if (failure !== undefined) {
      failure.times -= 1;
      if (failure.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(failure.retryAfterSeconds));
      res.writeHead(failure.status, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<html><body><h1>Error ${failure.status}</h1></body></html>`);
      finish(failure.status);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' });
      res.end();
      finish(405);
      return;
    }
    if (resource === undefined) {
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        '<!DOCTYPE html><html><head><title>Page introuvable</title></head><body><h1>404</h1><p>Page introuvable</p></body></html>',
      );
      finish(404);
      return;
    }
    if (resource.status === 301) {
      res.writeHead(301, { Location: resource.location ?? '/', 'Content-Type': resource.contentType });
      res.end(req.method === 'HEAD' ? undefined : resource.bytes);
      finish(301);
      return;
    }
    const lastModified = new Date(resource.lastModified).toUTCString();
    const common = { ETag: resource.etag, 'Last-Modified': lastModified, 'Cache-Control': 'max-age=60' };
    // RFC 9110 §13.1.2/§13.1.3: If-None-Match wins; If-Modified-Since only when it is absent.
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    const notModified =
      ifNoneMatch !== undefined
        ? ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === resource.etag || tag.trim() === '*')
        : ifModifiedSince !== undefined &&
          Math.floor(resource.lastModified / 1000) <= Math.floor(Date.parse(ifModifiedSince) / 1000);
    if (notModified) {
      res.writeHead(304, common);
      res.end();
      finish(304);
      return;
    }
    res.writeHead(200, {
      ...common,
      'Content-Type': resource.contentType,
      'Content-Length': String(resource.bytes.length),
    });
    res.end(req.method === 'HEAD' ? undefined : resource.bytes);
    finish(200);
  }

  const pointSources = (sources: SourceConfig[]): SourceConfig[] => {
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
  };

  const findResource = (realUrl: string): Resource => {
    const resource = routes.get(controlKey(realUrl)) ?? routes.get(keyOf(new URL(realUrl), false));
    if (resource === undefined) throw new Error(`replica: nothing served at ${realUrl}`);
    return resource;
  };

  return {
    origins,
    pointSources,
    requests,
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
      failures.set(controlKey(realUrl), { ...opts });
    },
    delay(realUrl, ms) {
      delays.set(controlKey(realUrl), ms);
    },
    async close() {
      await Promise.all(
        servers.map(
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
