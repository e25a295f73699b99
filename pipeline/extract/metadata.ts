// Page metadata in order of trust: JSON-LD (schema.org Article and friends, including @graph and
// arrays), then OpenGraph / article:* / itemprop meta tags, then what the page prints. Machine
// metadata is written for crawlers and is rarely wrong about the article itself; visible text is
// only a fallback because headers and sidebars print other articles' titles and dates.

import { parseMetaDate } from './dates.ts';
import type { Head } from './dom.ts';

export interface PageMeta {
  /** From JSON-LD or OpenGraph only; the caller falls back to the page's h1 and `<title>`. */
  title: string | null;
  siteName: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  author: string | null;
  canonicalUrl: string | null;
  declaredLanguage: string | null;
}

const ARTICLE_TYPE = /Article|BlogPosting|Report|NewsArticle|Posting|LiveBlog/i;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseJsonLd(raw: string): Json | null {
  try {
    return JSON.parse(raw) as Json;
  } catch {
    // Hand-written JSON-LD often carries raw newlines or tabs inside strings.
    try {
      return JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' ')) as Json;
    } catch {
      return null;
    }
  }
}

/** Flattens arrays and `@graph` so every schema.org node can be looked at. */
function collectNodes(v: Json, out: Array<{ [k: string]: Json }>, depth = 0): void {
  if (depth > 6) return;
  if (Array.isArray(v)) {
    for (const x of v) collectNodes(x, out, depth + 1);
    return;
  }
  if (!isObject(v)) return;
  out.push(v);
  const graph = v['@graph'];
  if (graph !== undefined) collectNodes(graph, out, depth + 1);
  const main = v.mainEntity;
  if (isObject(main)) collectNodes(main, out, depth + 1);
}

function typesOf(node: { [k: string]: Json }): string {
  const t = node['@type'];
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) return t.filter((x) => typeof x === 'string').join(' ');
  return '';
}

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') return clean(v);
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (isObject(v)) return str(v['@value'] ?? v.name ?? v['@id']);
  return null;
}

function names(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return looksLikeUrl(v) ? [] : [clean(v)].filter(Boolean);
  if (Array.isArray(v)) return v.flatMap(names);
  if (isObject(v)) {
    const n = v.name;
    return typeof n === 'string' && !looksLikeUrl(n) ? [clean(n)].filter(Boolean) : [];
  }
  return [];
}

function clean(s: string): string {
  return decodeEntities(s).replace(/\s+/g, ' ').trim();
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** JSON-LD and meta values are often HTML-escaped a second time ("&#8211;", "&amp;"). */
function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,6}));/gi, (m, dec, hex, name) => {
    if (dec) return safeChar(Number.parseInt(dec, 10)) ?? m;
    if (hex) return safeChar(Number.parseInt(hex, 16)) ?? m;
    return NAMED[String(name).toLowerCase()] ?? m;
  });
}

function safeChar(code: number): string | null {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

/** "By ROBERT BURNS, AP Writer" → "ROBERT BURNS, AP Writer"; the prefix is not part of the name. */
export function cleanAuthorName(raw: string): string | null {
  const t = clean(raw)
    .replace(/^(?:par|by|de|بقلم|كتبه|إعداد)\s*:?\s+/i, '')
    .trim();
  if (t.length < 2 || t.length > 120 || looksLikeUrl(t)) return null;
  return t;
}

function looksLikeUrl(s: string): boolean {
  return /^(?:https?:)?\/\//i.test(s.trim());
}

function absolute(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base || undefined).toString();
  } catch {
    return null;
  }
}

/** `fr-FR`, `fr_FR`, `ar-MA` → `fr`, `ar`: the primary language subtag, lower-cased. */
function primaryLanguage(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const m = /^\s*([a-zA-Z]{2,3})(?:[-_]|$)/.exec(tag);
  return m ? m[1]!.toLowerCase() : null;
}

// Publication-date meta keys, most specific first (OpenGraph article:*, schema.org itemprop,
// Parse.ly, Sailthru, Dublin Core — https://www.dublincore.org/specifications/dublin-core/dcmi-terms/).
// The generic `date` / `DC.date` come last, after JSON-LD's dateCreated: they are sometimes the
// day the page was generated.
const PUBLISHED_KEYS = [
  'article:published_time',
  'og:article:published_time',
  'article:published',
  'datepublished',
  'og:published_time',
  'published_time',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'parsely-pub-date',
  'sailthru.date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date.created',
  'dcterms.created',
  'citation_publication_date',
];
const MODIFIED_KEYS = [
  'article:modified_time',
  'og:article:modified_time',
  'datemodified',
  'og:updated_time',
  'modified_time',
  'dc.date.modified',
  'dcterms.modified',
];

export function readMetadata(head: Head, url: string): PageMeta {
  const meta = new Map<string, string>();
  for (const m of head.metas) {
    const key = (m.property ?? m.name ?? m.itemprop ?? m['http-equiv'] ?? '').toLowerCase();
    const value = m.content ?? m.datetime;
    // First occurrence wins: later ones tend to belong to embedded widgets.
    if (key && value && !meta.has(key)) meta.set(key, value);
  }
  const link = (rel: string) =>
    head.links.find((l) => (l.rel ?? '').toLowerCase().split(/\s+/).includes(rel))?.href ?? null;

  const nodes: Array<{ [k: string]: Json }> = [];
  for (const raw of head.jsonLd) {
    const parsed = parseJsonLd(raw);
    if (parsed !== null) collectNodes(parsed, nodes);
  }
  const article = nodes.find((n) => ARTICLE_TYPE.test(typesOf(n)));
  const webPage = nodes.find((n) => /WebPage/.test(typesOf(n)));
  const ld = article ?? webPage;

  const ogTitle = meta.get('og:title') ?? meta.get('twitter:title') ?? null;
  const ogSite = meta.get('og:site_name');
  const siteName =
    (ogSite ? clean(ogSite) : null) ?? str(nodes.find((n) => /WebSite|Organization/.test(typesOf(n)))?.name);
  let title = str(article?.headline) ?? (ogTitle ? clean(ogTitle) : null) ?? str(article?.name);
  if (title) title = stripSiteName(title, siteName ?? null);

  // The first key present that holds a readable date: a page may declare an empty or garbled
  // `article:published_time` and a good `pubdate`.
  const firstDate = (keys: string[]) => {
    for (const k of keys) {
      const iso = parseMetaDate(meta.get(k));
      if (iso) return iso;
    }
    return null;
  };
  const publishedAt =
    parseMetaDate(str(ld?.datePublished)) ??
    firstDate(PUBLISHED_KEYS) ??
    parseMetaDate(str(ld?.dateCreated)) ??
    firstDate(['dc.date', 'dcterms.date', 'date']);
  const updatedAt = parseMetaDate(str(ld?.dateModified)) ?? firstDate(MODIFIED_KEYS);

  const ldAuthors = names(article?.author ?? article?.creator);
  const metaAuthor = meta.get('author') ?? meta.get('article:author') ?? meta.get('parsely-author') ?? null;
  const author =
    ldAuthors.length > 0
      ? cleanAuthorName([...new Set(ldAuthors)].join(', '))
      : metaAuthor
        ? cleanAuthorName(metaAuthor)
        : null;

  const canonicalUrl = absolute(link('canonical') ?? meta.get('og:url') ?? str(ld?.url) ?? null, url);

  const declaredLanguage =
    primaryLanguage(head.htmlLang) ??
    primaryLanguage(meta.get('og:locale')) ??
    primaryLanguage(str(ld?.inLanguage)) ??
    primaryLanguage(meta.get('content-language')) ??
    primaryLanguage(meta.get('language'));

  return {
    title: title || null,
    siteName: siteName ?? null,
    publishedAt,
    updatedAt,
    author: author || null,
    canonicalUrl,
    declaredLanguage,
  };
}

/** Drops a trailing or leading " | Site" / " - Site" that `<title>` and og:title often carry. */
export function stripSiteName(title: string, siteName: string | null): string {
  // Only separators with spaces around them: "Infraction : TLS Contact" keeps its colon.
  const seps = [...title.matchAll(/\s+[|–—•»]\s+|\s+-\s+/g)];
  if (seps.length === 0) return title;
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const site = siteName ? norm(siteName) : '';
  const lastSep = seps[seps.length - 1]!;
  const firstSep = seps[0]!;
  const head = title.slice(0, lastSep.index).trim();
  const tail = norm(title.slice(lastSep.index + lastSep[0].length));
  const lead = norm(title.slice(0, firstSep.index));
  const rest = title.slice(firstSep.index + firstSep[0].length).trim();
  if (site && tail && (tail.includes(site) || site.includes(tail))) return head || title;
  if (site && lead && (lead.includes(site) || site.includes(lead))) return rest || title;
  // Without a declared site name, drop a short last segment that looks like a brand ("Le Desk").
  if (!site && seps.length === 1 && tail.length > 0 && tail.length <= 20 && head.length >= 2 * tail.length) return head;
  return title;
}
