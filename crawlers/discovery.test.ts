import { describe, expect, it } from 'vitest';
import { canonicalizeUrl } from './canonicalize.ts';
import { expandTemplate, isSitemap, parseFeed, parseListing, parseSitemap } from './discovery.ts';
import { sourceConfigSchema } from './source-config.ts';

describe('parseFeed', () => {
  it('reads RSS 2.0 items, including SPIP backends with relative links and entities', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Site</title>
<item><title>Un</title><link>https://press.example/a/1</link><pubDate>Mon, 02 Jan 2023 10:00:00 +0000</pubDate></item>
<item><title>Deux</title><link>spip.php?article42&amp;lang=fr</link><dc:date>2023-01-03</dc:date></item>
<item><title>Trois</title><guid isPermaLink="true">https://press.example/a/3</guid></item>
</channel></rss>`;
    expect(parseFeed(xml, 'https://press.example/spip.php?page=backend')).toEqual([
      { url: 'https://press.example/a/1', lastmod: 'Mon, 02 Jan 2023 10:00:00 +0000' },
      { url: 'https://press.example/spip.php?article42&lang=fr', lastmod: '2023-01-03' },
      { url: 'https://press.example/a/3', lastmod: null },
    ]);
  });

  it('reads Atom entries, preferring the alternate link', () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><link rel="self" href="https://x.example/self/1"/><link rel="alternate" href="https://x.example/post/1"/><updated>2024-05-01T10:00:00Z</updated></entry>
<entry><link href="/post/2"/></entry></feed>`;
    expect(parseFeed(xml, 'https://x.example/feed.atom').map((l) => l.url)).toEqual([
      'https://x.example/post/1',
      'https://x.example/post/2',
    ]);
  });
});

describe('parseSitemap', () => {
  it('separates pages from child sitemaps', () => {
    const index = `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://s.example/sitemap-posts.xml</loc></sitemap><sitemap><loc>https://s.example/sitemap-pages.xml</loc></sitemap></sitemapindex>`;
    expect(isSitemap(index)).toBe(true);
    expect(parseSitemap(index, 'https://s.example/sitemap.xml')).toEqual({
      pages: [],
      sitemaps: ['https://s.example/sitemap-posts.xml', 'https://s.example/sitemap-pages.xml'],
    });
    const urlset = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://s.example/ar/%D8%AE%D8%A8%D8%B1/</loc><lastmod>2024-01-02</lastmod></url></urlset>`;
    expect(parseSitemap(urlset, 'https://s.example/').pages).toEqual([
      { url: 'https://s.example/ar/%D8%AE%D8%A8%D8%B1/', lastmod: '2024-01-02' },
    ]);
    expect(isSitemap('<rss version="2.0"></rss>')).toBe(false);
  });
});

describe('parseListing', () => {
  const html = `<html><head><link rel="next" href="/actualites/page/2/"></head><body>
<a href="/actualites/la-commission-publie-un-nouveau-rapport-annuel/">r</a>
<a href="/actualites/la-commission-publie-un-nouveau-rapport-annuel/#comments">dup</a>
<a href="/ar/اللجنة-تصدر-بلاغا-جديدا-حول-الكاميرات/">ar</a>
<a href="/contact/">contact</a><a href="mailto:x@y.z">mail</a></body></html>`;

  it('keeps links matching the pattern (raw or percent-decoded), once, and finds rel=next', () => {
    const out = parseListing(
      html,
      'https://c.example/actualites/',
      /^https:\/\/c\.example\/(actualites|ar)\/[^/]+-[^/]+-[^/]+\/$/,
    );
    expect(out.links).toEqual([
      'https://c.example/actualites/la-commission-publie-un-nouveau-rapport-annuel/',
      'https://c.example/ar/%D8%A7%D9%84%D9%84%D8%AC%D9%86%D8%A9-%D8%AA%D8%B5%D8%AF%D8%B1-%D8%A8%D9%84%D8%A7%D8%BA%D8%A7-%D8%AC%D8%AF%D9%8A%D8%AF%D8%A7-%D8%AD%D9%88%D9%84-%D8%A7%D9%84%D9%83%D8%A7%D9%85%D9%8A%D8%B1%D8%A7%D8%AA/',
    ]);
    expect(out.next).toBe('https://c.example/actualites/page/2/');
  });

  it('expands {page} and {query}', () => {
    expect(expandTemplate('https://c.example/?s={query}&paged={page}', { query: 'mise en demeure', page: 2 })).toBe(
      'https://c.example/?s=mise%20en%20demeure&paged=2',
    );
  });
});

describe('canonicalizeUrl', () => {
  const rules = (c: Record<string, unknown> = {}) =>
    sourceConfigSchema.parse({
      id: 'x',
      name: 'x',
      outlet: 'x',
      languages: ['fr'],
      kind: 'press',
      homepage: 'https://x.example/',
      discovery: [{ type: 'feed', url: 'https://x.example/feed', evidence: 'guess' }],
      schedule: '* * * * *',
      canonicalization: c,
    }).canonicalization;

  it('strips tracking parameters and fragments, sorts the rest, forces https and lower-cases the host', () => {
    expect(canonicalizeUrl('http://X.Example/a?utm_source=fb&b=2&fbclid=1&a=1#top', rules())).toBe(
      'https://x.example/a?a=1&b=2',
    );
  });

  it('makes Arabic slugs one URL however they are escaped', () => {
    const a = canonicalizeUrl('https://x.example/ar/%d8%ae%d8%a8%d8%b1/', rules());
    expect(a).toBe('https://x.example/ar/%D8%AE%D8%A8%D8%B1/');
    expect(canonicalizeUrl('https://x.example/ar/خبر/', rules())).toBe(a);
  });

  it('applies the trailing-slash policy except on files, and rewrites AMP views', () => {
    const r = rules({ trailingSlash: 'add', rewrites: [['/amp/?$', '/']] });
    expect(canonicalizeUrl('https://x.example/post/slug/amp/', r)).toBe('https://x.example/post/slug/');
    expect(canonicalizeUrl('https://x.example/post/slug', r)).toBe('https://x.example/post/slug/');
    expect(canonicalizeUrl('https://x.example/f/doc.pdf', r)).toBe('https://x.example/f/doc.pdf');
    expect(canonicalizeUrl('https://x.example/post/slug/', rules({ trailingSlash: 'remove' }))).toBe(
      'https://x.example/post/slug',
    );
  });
});
