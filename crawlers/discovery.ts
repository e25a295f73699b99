// Discovery: turn a feed, a sitemap or a listing/search page into article URLs. Pure functions over
// text, so each format is tested without a server and the crawler stays a thin loop.
import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';

export interface DiscoveredLink {
  url: string;
  /** `<lastmod>` / `<pubDate>` / `<updated>` when the format gives one. */
  lastmod: string | null;
}

export interface SitemapContent {
  pages: DiscoveredLink[];
  /** Child sitemaps of a sitemap index. */
  sitemaps: string[];
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  // Entities in feeds are common (`&amp;` in URLs); an external DTD never is.
  processEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'url', 'sitemap'].includes(name),
});

function resolve(href: unknown, base: string): string | null {
  if (typeof href !== 'string' || href.trim() === '') return null;
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function text(node: unknown): string | null {
  if (typeof node === 'string') return node.trim();
  if (typeof node === 'number') return String(node);
  if (node && typeof node === 'object' && '#text' in node) return text((node as Record<string, unknown>)['#text']);
  return null;
}

/** RSS 2.0, RSS 1.0 (RDF), Atom, and SPIP's `spip.php?page=backend` (which is RSS 2.0). */
export function parseFeed(body: string, baseUrl: string): DiscoveredLink[] {
  const doc = xml.parse(body) as Record<string, Record<string, unknown> | undefined>;
  const out: DiscoveredLink[] = [];
  const channel = (doc.rss?.channel ?? doc.RDF) as Record<string, unknown> | undefined;
  const rssItems = (channel?.item ?? doc.RDF?.item ?? []) as Array<Record<string, unknown>>;
  for (const item of rssItems) {
    const links = (item.link ?? []) as unknown[];
    const guid = item.guid as Record<string, unknown> | string | undefined;
    const guidPermalink =
      typeof guid === 'object' && guid?.['@isPermaLink'] !== 'false'
        ? text(guid)
        : typeof guid === 'string'
          ? guid
          : null;
    const href = links.map(text).find(Boolean) ?? (item['@about'] as string | undefined) ?? guidPermalink;
    const url = resolve(href, baseUrl);
    if (url) out.push({ url, lastmod: text(item.pubDate) ?? text(item.date) });
  }
  const entries = (doc.feed?.entry ?? []) as Array<Record<string, unknown>>;
  for (const entry of entries) {
    const links = (entry.link ?? []) as Array<Record<string, unknown>>;
    const link = links.find((l) => (l['@rel'] ?? 'alternate') === 'alternate') ?? links[0];
    const url = resolve(link?.['@href'], baseUrl);
    if (url) out.push({ url, lastmod: text(entry.updated) ?? text(entry.published) });
  }
  return out;
}

export function isSitemap(body: string): boolean {
  return /<(urlset|sitemapindex)[\s>]/.test(body.slice(0, 2048));
}

export function parseSitemap(body: string, baseUrl: string): SitemapContent {
  const doc = xml.parse(body) as Record<string, Record<string, unknown> | undefined>;
  const pages: DiscoveredLink[] = [];
  const sitemaps: string[] = [];
  for (const entry of (doc.urlset?.url ?? []) as Array<Record<string, unknown>>) {
    const url = resolve(text(entry.loc), baseUrl);
    if (url) pages.push({ url, lastmod: text(entry.lastmod) });
  }
  for (const entry of (doc.sitemapindex?.sitemap ?? []) as Array<Record<string, unknown>>) {
    const url = resolve(text(entry.loc), baseUrl);
    if (url) sitemaps.push(url);
  }
  return { pages, sitemaps };
}

export interface ListingContent {
  /** Links whose absolute URL matches the pattern, in page order, without repeats. */
  links: string[];
  /** `rel="next"` pagination target, if any. */
  next: string | null;
}

export function parseListing(html: string, baseUrl: string, linkPattern: RegExp): ListingContent {
  const $ = cheerio.load(html);
  const base = resolve($('base[href]').attr('href'), baseUrl) ?? baseUrl;
  const seen = new Set<string>();
  const links: string[] = [];
  $('a[href]').each((_, el) => {
    const url = resolve($(el).attr('href'), base);
    if (!url) return;
    const bare = url.split('#')[0]!;
    if (seen.has(bare) || !(linkPattern.test(bare) || linkPattern.test(safeDecode(bare)))) return;
    seen.add(bare);
    links.push(bare);
  });
  const nextHref =
    $('link[rel~="next"]').attr('href') ??
    $('a[rel~="next"]').attr('href') ??
    $('a.next, .pagination a.next, a.next.page-numbers, .nav-previous a').first().attr('href');
  return { links, next: resolve(nextHref, base) };
}

/** `{page}` and `{query}` placeholders of listing/search URLs. */
export function expandTemplate(template: string, values: { page?: number; query?: string }): string {
  return template
    .replaceAll('{page}', String(values.page ?? 1))
    .replaceAll('{query}', encodeURIComponent(values.query ?? ''));
}

/** The URL with percent-escapes decoded (Arabic paths match patterns written in Arabic), or as is. */
export function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
