// The replica's pages: every article, PDF, home page, robots.txt and discovery document (feeds,
// sitemaps, list pages, search endpoints) built once as resources under a routing key. Serving them
// over HTTP (conditional GETs, injected failures and delays) is server.ts.
import { createHash } from 'node:crypto';
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

type Charset = 'utf-8' | 'windows-1256' | 'iso-8859-1';

export interface Resource {
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

export function etagOf(bytes: Buffer): string {
  return `"${createHash('sha1').update(bytes).digest('hex').slice(0, 20)}"`;
}

/** Routing key: host + percent-decoded path (+ query). Arabic slugs arrive encoded or not. */
export function keyOf(url: URL, withQuery: boolean): string {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  return `${url.host}${path}${withQuery ? url.search : ''}`;
}

export function hostsOf(
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

/** Where the builders write: routes by key, search endpoints, and real URLs mapped to local ones. */
export interface Site {
  routes: Map<string, Resource>;
  searches: Map<string, { param: string; source: SourceConfig }>;
  /** A real URL as the replica serves it (its host's local origin), or unchanged when not replicated. */
  link(realUrl: string): string;
  slowPageMs: number;
}

function put(site: Site, realUrl: string, r: Omit<Resource, 'etag' | 'delayMs'> & { delayMs?: number }): void {
  site.routes.set(keyOf(new URL(realUrl), true), { ...r, delayMs: r.delayMs ?? 0, etag: etagOf(r.bytes) });
}

function putText(
  site: Site,
  realUrl: string,
  contentType: string,
  text: string,
  lastModified: number,
  charset: Charset = 'utf-8',
  declare = true,
  delayMs = 0,
): void {
  const bytes = iconv.encode(text, charset);
  put(site, realUrl, {
    status: 200,
    contentType: declare ? `${contentType}; charset=${charset}` : contentType,
    charset,
    text,
    bytes,
    lastModified,
    delayMs,
  });
}

function redirect(site: Site, fromUrl: string, toUrl: string): void {
  const text = `<html><body>Moved <a href="${site.link(toUrl)}">here</a></body></html>`;
  put(site, fromUrl, {
    status: 301,
    contentType: 'text/html; charset=utf-8',
    charset: 'utf-8',
    text,
    bytes: Buffer.from(text),
    lastModified: ROBOTS_DATE,
    location: site.link(toUrl),
  });
}

const sourceOf = (id: string): SourceConfig | undefined => SOURCES.find((s) => s.id === id);
const firstFeed = (s: SourceConfig | undefined): string | null =>
  s?.discovery.find((d) => d.type === 'feed')?.url ?? null;
const articlesOf = (sourceId: string): ArticleFixture[] =>
  ARTICLES.filter((a) => a.sourceId === sourceId).sort(byDateDesc);

function pageContext(site: Site, sourceId: string): PageContext {
  const source = sourceOf(sourceId);
  const outlet = outletOf(sourceId);
  return {
    outlet,
    link: site.link,
    homepage: source?.homepage ?? 'https://www.maghress.com/',
    feedUrl: firstFeed(source),
    tickerHeadlines: ARTICLES.filter((a) => a.sourceId === sourceId && a.lang === outlet.lang && !a.tickerOnly)
      .sort(byDateDesc)
      .slice(0, 5)
      .map((a) => a.title),
  };
}

/** Every article page (in its encoding, slow when asked), and a 301 from its old URL. */
function addArticles(site: Site): void {
  const pdfByKey = new Map(PDFS.map((p) => [p.key, p]));
  for (const a of ARTICLES) {
    const ctx = pageContext(site, a.sourceId);
    const lastModified = Date.parse(a.updatedAt ?? a.publishedAt);
    if (a.tickerOnly === true) {
      const headlines = ARTICLES.filter((x) => x.lang === a.lang && x.key !== a.key).map((x) => x.title);
      putText(site, a.url, 'text/html', renderTickerOnly(ctx, headlines, a.lang === 'ar' ? 'ar' : 'fr'), lastModified);
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
      site,
      a.url,
      'text/html',
      html,
      lastModified,
      charset,
      a.encoding !== 'windows-1256-meta',
      a.slow === true ? site.slowPageMs : 0,
    );
    if (a.oldUrl !== undefined) redirect(site, a.oldUrl, a.url);
  }
}

async function addPdfs(site: Site): Promise<void> {
  await Promise.all(
    PDFS.map(async (p) => {
      const bytes = Buffer.from(await pdfBytes(p));
      put(site, p.url, {
        status: 200,
        contentType: 'application/pdf',
        charset: null,
        text: null,
        bytes,
        lastModified: Date.parse(p.publishedAt),
      });
    }),
  );
}

/** Each host's home page (its newest articles) and robots.txt. */
function addHostPages(site: Site, hosts: readonly string[]): void {
  for (const host of hosts) {
    const onHost = ARTICLES.filter((a) => new URL(a.url).host === host && !a.tickerOnly).sort(byDateDesc);
    // A host may carry only a feed (www.hibapress.com serves the feed of ar.hibapress.com).
    const sourceId =
      onHost[0]?.sourceId ??
      SOURCES.find((s) =>
        [s.homepage, ...s.discovery.map((d) => d.url.replace('{query}', 'q'))].some((u) => new URL(u).host === host),
      )?.id;
    if (sourceId === undefined) continue;
    const ctx = pageContext(site, sourceId);
    const home = `https://${host}/`;
    putText(
      site,
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
      .map((d) => `Sitemap: ${site.link(d.url)}`);
    const rules = ['User-agent: *', 'Disallow: /wp-admin/', 'Allow: /wp-admin/admin-ajax.php'];
    // One host forbids a section its own list page links to; another asks for a crawl delay.
    if (host === 'fr.le360.ma') rules.push('Disallow: /videos/');
    if (host === 'www.bladi.net') rules.push('Disallow: /ecrire/', 'Crawl-delay: 1');
    putText(
      site,
      `https://${host}/robots.txt`,
      'text/plain',
      `${rules.join('\n')}\n\n${sitemaps.join('\n')}\n`,
      ROBOTS_DATE,
    );
  }
}

type Discovery = SourceConfig['discovery'][number];

/** What one source's discovery documents are built from. */
interface SourceView {
  source: SourceConfig;
  ctx: PageContext;
  /** Its articles, newest first, without ticker-only pages. */
  items: ArticleFixture[];
  newest: number;
}

function addFeed(site: Site, view: SourceView, d: Discovery): void {
  const { source, ctx, items, newest } = view;
  const feedItems: FeedItem[] = items
    .filter((a) => a.hideFromFeed !== true)
    .slice(0, 30)
    .map((a) => {
      // Feeds link through old URLs (301) and tracking parameters, as real ones do.
      const target = a.oldUrl ?? (source.id === 'yabiladi' ? `${a.url}?utm_source=rss_yabiladi&utm_medium=rss` : a.url);
      return { article: a, link: site.link(target) };
    });
  const meta = {
    title: ctx.outlet.siteName,
    selfUrl: site.link(d.url),
    siteUrl: site.link(source.homepage),
    lang: source.languages[0] ?? 'fr',
  };
  const format = ctx.outlet.feed;
  const xml =
    format === 'atom'
      ? renderAtom(meta, feedItems)
      : format === 'spip'
        ? renderSpipBackend(meta, feedItems)
        : renderRss(meta, feedItems);
  putText(site, d.url, format === 'atom' ? 'application/atom+xml' : 'application/rss+xml', xml, newest);
}

/** A sitemap index whose children list three articles each, as WordPress splits them. */
function addSitemap(site: Site, view: SourceView, d: Discovery): void {
  const { items, newest } = view;
  const chunks: ArticleFixture[][] = [];
  for (let i = 0; i < items.length; i += 3) chunks.push(items.slice(i, i + 3));
  const base = d.url.replace(/[^/]*$/, '');
  const children = chunks.map((chunk, i) => {
    const childUrl = `${base}wp-sitemap-posts-post-${i + 1}.xml`;
    const urls = chunk.map((a) => ({ loc: site.link(a.url), lastmod: a.updatedAt ?? a.publishedAt }));
    putText(
      site,
      childUrl,
      'application/xml',
      renderUrlset(urls),
      Date.parse(chunk[0]?.publishedAt ?? '2024-01-01T00:00:00Z'),
    );
    return { loc: site.link(childUrl), lastmod: chunk[0]?.publishedAt ?? '' };
  });
  putText(site, d.url, 'application/xml', renderSitemapIndex(children), newest);
}

/** A paginated list page; its first page also links PDFs, ticker-only copies and dead links. */
function addListing(site: Site, view: SourceView, d: Discovery): void {
  const { source, ctx, items, newest } = view;
  const sourcePdfs = PDFS.filter((p) => p.sourceId === source.id);
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
    putText(site, pageUrl(n), 'text/html', html, newest);
  }
  // WordPress sends /page/1/ back to the list itself.
  redirect(site, `${d.url}page/1/`, d.url);
}

/** Search endpoints answer per query (`searchPage`); here only their path and parameter are noted. */
function addSearch(site: Site, source: SourceConfig, d: Discovery): void {
  const template = new URL(d.url.replace('{page}', '1'));
  const param = [...template.searchParams.entries()].find(([, v]) => v.includes('{query}'))?.[0] ?? 's';
  site.searches.set(keyOf(template, false), { param, source });
}

/** Discovery documents, exactly where the real configs expect them. */
function addDiscovery(site: Site): void {
  for (const source of SOURCES) {
    const items = articlesOf(source.id).filter((a) => !a.tickerOnly);
    const view: SourceView = {
      source,
      ctx: pageContext(site, source.id),
      items,
      newest: Date.parse(items[0]?.publishedAt ?? '2024-01-01T00:00:00Z'),
    };
    for (const d of source.discovery) {
      if (d.type === 'feed') addFeed(site, view, d);
      else if (d.type === 'sitemap') addSitemap(site, view, d);
      else if (d.type === 'listing') addListing(site, view, d);
      else addSearch(site, source, d);
    }
  }
}

function searchPage(site: Site, url: URL): Resource | undefined {
  const search = site.searches.get(keyOf(url, false));
  if (search === undefined) return undefined;
  const query = url.searchParams.get(search.param);
  if (query === null) return undefined;
  const needle = query.normalize('NFC').toLowerCase();
  const ctx = pageContext(site, search.source.id);
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
}

export function lookup(site: Site, url: URL): Resource | undefined {
  return site.routes.get(keyOf(url, true)) ?? searchPage(site, url) ?? site.routes.get(keyOf(url, false));
}

/**
 * Every page of the replica, built once the ports are known (pages link to the local origins):
 * articles and their redirects, PDFs, home pages and robots.txt, then the discovery documents.
 */
export async function buildSite(site: Site, hosts: readonly string[]): Promise<void> {
  addArticles(site);
  await addPdfs(site);
  addHostPages(site, hosts);
  addDiscovery(site);
}
