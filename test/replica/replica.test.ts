import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../crawlers/source-config.ts';
import { getSource, SOURCES } from '../../crawlers/sources/index.ts';
import { ARTICLES, DEAD_LINKS, GOLD, PDFS, type Replica, STORY_IDS, startReplica } from './index.ts';

let replica: Replica;
let pointed: SourceConfig[];
const SLOW_MS = 300;

beforeAll(async () => {
  replica = await startReplica({ slowPageMs: SLOW_MS });
  pointed = replica.pointSources(SOURCES);
});
afterAll(async () => {
  await replica.close();
});

function local(realUrl: string): string {
  const url = new URL(realUrl);
  const origin = replica.origins[url.origin];
  if (origin === undefined) throw new Error(`no replica for ${url.origin}`);
  return `${origin}${url.pathname}${url.search}`;
}

async function get(url: string, init?: RequestInit): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });
const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Links of an RSS 2.0, SPIP backend or Atom document. */
function feedLinks(body: string): string[] {
  const doc = xml.parse(body);
  if (doc.rss !== undefined) return asArray(doc.rss.channel.item).map((i: { link: string }) => i.link);
  if (doc.feed !== undefined) {
    return asArray(doc.feed.entry).map(
      (e: { link: { '@href': string } | { '@href': string }[] }) => asArray(e.link)[0]?.['@href'] ?? '',
    );
  }
  throw new Error('not a feed');
}

function matchesAny(patterns: string[], url: string): boolean {
  return patterns.some((p) => new RegExp(p, 'u').test(url));
}

describe('the replica answers every discovery URL of the real configs', () => {
  it('rewrites every config to replica origins and nothing real is left', () => {
    const realHosts = Object.keys(replica.origins).map((o) => new URL(o).host);
    for (const s of pointed) {
      const text = JSON.stringify([s.homepage, s.discovery, s.articlePatterns]);
      for (const host of realHosts) {
        expect(text).not.toContain(`https://${host}`);
        expect(text).not.toContain(`https://${host.replace(/\./g, '\\\\.')}`);
      }
      expect(s.canonicalization.forceHttps).toBe(false);
    }
    // The real configs themselves are untouched.
    expect(getSource('cndp-fr').homepage).toBe('https://www.cndp.ma/');
  });

  it('serves each feed, sitemap, listing and search page with status 200', async () => {
    for (const s of pointed) {
      for (const d of s.discovery) {
        const url = d.type === 'search' ? d.url.replace('{query}', encodeURIComponent(d.queries[0] ?? '')) : d.url;
        const res = await get(url);
        expect(res.status, `${s.id} ${d.type} ${url}`).toBe(200);
        const type = res.headers.get('content-type') ?? '';
        if (d.type === 'feed') expect(type).toMatch(/xml/);
        if (d.type === 'listing' || d.type === 'search') {
          const links = [...res.bytes.toString('utf8').matchAll(/href="([^"]+)"/g)].map((m) => m[1] ?? '');
          expect(
            links.some((l) => new RegExp(d.linkPattern, 'u').test(l)),
            `${s.id} ${url} links to an article`,
          ).toBe(true);
        }
      }
    }
  });

  it('feeds parse (RSS, Atom, SPIP) and every item leads to an article of its source', async () => {
    const formats = new Set<string>();
    let checked = 0;
    for (const s of pointed) {
      for (const d of s.discovery.filter((x) => x.type === 'feed')) {
        const body = (await get(d.url)).bytes.toString('utf8');
        formats.add(body.includes('<feed') ? 'atom' : body.includes('SPIP') ? 'spip' : 'rss');
        const links = feedLinks(body);
        expect(links.length, d.url).toBeGreaterThan(0);
        for (const link of links) {
          let res = await get(link);
          if (res.status === 301) res = await get(new URL(res.headers.get('location') ?? '', link).href);
          expect(res.status, link).toBe(200);
          const canonical = link.split('?')[0] ?? link;
          expect(matchesAny(s.articlePatterns, new URL(canonical).href), `${s.id}: ${canonical}`).toBe(true);
          checked++;
        }
      }
    }
    expect(formats).toEqual(new Set(['rss', 'atom', 'spip']));
    expect(checked).toBeGreaterThan(40);
  });

  it('a sitemap index lists child sitemaps whose URLs all exist', async () => {
    const cndp = pointed.find((s) => s.id === 'cndp-fr');
    const sitemap = cndp?.discovery.find((d) => d.type === 'sitemap');
    if (sitemap === undefined) throw new Error('cndp-fr has no sitemap');
    const index = xml.parse((await get(sitemap.url)).bytes.toString('utf8'));
    const children = asArray(index.sitemapindex.sitemap).map((c: { loc: string }) => c.loc);
    expect(children.length).toBeGreaterThanOrEqual(2);
    for (const child of children) {
      const set = xml.parse((await get(child)).bytes.toString('utf8'));
      for (const u of asArray(set.urlset.url) as { loc: string }[]) expect((await get(u.loc)).status).toBe(200);
    }
  });

  it('paginates listings WordPress-style with rel="next"', async () => {
    const first = (await get(local('https://www.cndp.ma/actualites/'))).bytes.toString('utf8');
    const next = /<link rel="next" href="([^"]+)"/.exec(first)?.[1];
    expect(next).toBe(local('https://www.cndp.ma/actualites/page/2/'));
    expect((await get(next ?? '')).status).toBe(200);
  });
});

describe('HTTP behaviour', () => {
  it('answers conditional requests with 304, and a new version after edit()', async () => {
    const real = 'https://fr.le360.ma/sports/derby-de-casablanca-le-wydad-et-le-raja-se-neutralisent-272050';
    const first = await get(local(real));
    const etag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    expect(etag).not.toBe('');
    expect((await get(local(real), { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await get(local(real), { headers: { 'If-Modified-Since': lastModified } })).status).toBe(304);
    replica.edit(real, (body) => body.replace('score nul et vierge', 'score nul (1-1)'));
    const changed = await get(local(real), { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.bytes.toString('utf8')).toContain('score nul (1-1)');
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(Date.parse(changed.headers.get('last-modified') ?? '')).toBeGreaterThan(Date.parse(lastModified));
  });

  it('decodes the windows-1256 and ISO-8859-1 pages only with the charset they declare', async () => {
    const header = await get(local('https://ar.hibapress.com/details-212998.html'));
    expect(header.headers.get('content-type')).toBe('text/html; charset=windows-1256');
    expect(iconv.decode(header.bytes, 'windows-1256')).toContain('تمديد تعليق البت في طلبات التعرف على الوجه');
    expect(header.bytes.toString('utf8')).not.toContain('تمديد');

    const meta = await get(local('https://al3omk.com/512377.html'));
    expect(meta.headers.get('content-type')).toBe('text/html');
    const metaText = iconv.decode(meta.bytes, 'windows-1256');
    expect(metaText).toContain('<meta charset="windows-1256">');
    expect(metaText).toContain('لجنة حماية المعطيات تمدد تعليق التعرف على الوجه');

    const latin = await get(local('https://www.bladi.net/tls-contact-avertissement-cndp,98765.html'));
    expect(latin.headers.get('content-type')).toBe('text/html; charset=iso-8859-1');
    expect(iconv.decode(latin.bytes, 'latin1')).toContain('délibération n° D-58-2023');
    expect(latin.bytes.includes(Buffer.from('é', 'latin1'))).toBe(true);
  });

  it('serves PDF communiqués whose text layer reads back in French and in Arabic', async () => {
    const texts: Record<string, string> = {};
    for (const p of PDFS) {
      const res = await get(local(p.url));
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = await getDocument({ data: new Uint8Array(res.bytes) }).promise;
      const lines: string[] = [];
      for (let n = 1; n <= pdf.numPages; n++) {
        const content = await (await pdf.getPage(n)).getTextContent();
        for (const item of content.items) if ('str' in item) lines.push(item.str);
      }
      texts[p.lang] = lines.join('\n');
    }
    expect(texts.fr).toContain('TLS Contact Maroc');
    expect(texts.fr).toContain('28 février 2023');
    expect(texts.ar).toContain('اللجنة الوطنية لمراقبة حماية المعطيات');
    expect(texts.ar).toContain('تي إل إس كونطاكط');
    expect(texts.ar).toContain('28 فبراير 2023');
    expect(texts.ar).toContain('08-09');
  });

  it('has robots rules, a redirect, a dead link, a ticker-only page and a slow page', async () => {
    const le360 = (await get(local('https://fr.le360.ma/robots.txt'))).bytes.toString('utf8');
    expect(le360).toContain('Disallow: /videos/');
    const listing = (await get(local('https://fr.le360.ma/societe/'))).bytes.toString('utf8');
    const all = [listing];
    for (let n = 2; n <= 3; n++)
      all.push((await get(local(`https://fr.le360.ma/societe/page/${n}/`))).bytes.toString('utf8'));
    expect(all.join('')).toContain('/videos/festival-des-arts-populaires');
    expect((await get(local('https://www.bladi.net/robots.txt'))).bytes.toString('utf8')).toContain('Crawl-delay: 1');

    const moved = await get(local('https://fr.le360.ma/societe/tls-contact-convoque-par-la-cndp-272001'));
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(
      local('https://fr.le360.ma/societe/tlscontact-la-cndp-denonce-des-transferts-dimages-vers-letranger-272001'),
    );

    const dead = DEAD_LINKS[0];
    if (dead === undefined) throw new Error('no dead link');
    expect((await get(local(dead.listing))).bytes.toString('utf8')).toContain(local(dead.url));
    expect((await get(local(dead.url))).status).toBe(404);

    expect((await get(local('https://www.maghress.com/fr/'))).bytes.toString('utf8')).toContain(
      local('https://www.maghress.com/fr/challenge/145203'),
    );
    const ticker = (await get(local('https://www.maghress.com/fr/challenge/145203'))).bytes.toString('utf8');
    expect(ticker).not.toContain('<article');
    expect(ticker).not.toContain('<h1');

    const started = Date.now();
    expect(
      (await get(local('https://medias24.com/2025/03/18/bank-al-maghrib-abaisse-son-taux-directeur-a-2-25/'))).status,
    ).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 20);
  });

  it('fails on demand with Retry-After, delays on demand, and logs every request', async () => {
    const real = 'https://www.yabiladi.com/rss';
    const before = replica.requests.length;
    replica.failNext(real, { status: 503, times: 2, retryAfterSeconds: 7 });
    const a = await get(local(real), { headers: { 'User-Agent': 'RaqibTest/1' } });
    expect(a.status).toBe(503);
    expect(a.headers.get('retry-after')).toBe('7');
    expect((await get(local(real))).status).toBe(503);
    expect((await get(local(real))).status).toBe(200);
    const logged = replica.requests
      .slice(before)
      .filter((r) => r.origin === 'https://www.yabiladi.com' && r.path === '/rss');
    expect(logged.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(logged[0]?.headers['user-agent']).toBe('RaqibTest/1');

    replica.delay(real, 150);
    const started = Date.now();
    await get(local(real));
    expect(Date.now() - started).toBeGreaterThanOrEqual(130);
  });

  it('serves Arabic slugs whether the path arrives percent-encoded or not', async () => {
    const real = 'https://www.cndp.ma/ar/اللجنة-الوطنية-تواصل-الحوار-مع-فايسبوك/';
    const res = await get(local(real));
    expect(res.status).toBe(200);
    const html = res.bytes.toString('utf8');
    expect(html).toContain('الرباط في 23 أكتوبر2019 –');
    expect(html).toContain('"@type":"Article"');
    expect(matchesAny(pointed.find((s) => s.id === 'cndp-ar')?.articlePatterns ?? [], new URL(local(real)).href)).toBe(
      true,
    );
  });
});

describe('replica content', () => {
  const W = /[\p{L}\p{N}_]+/gu;

  it('covers every story from the CNDP and several outlets in French and Arabic', () => {
    for (const story of STORY_IDS) {
      const pages = GOLD.filter((g) => g.story === story);
      expect(
        pages.some((g) => g.outlet === 'CNDP'),
        story,
      ).toBe(true);
      expect(new Set(pages.filter((g) => g.outlet !== 'CNDP').map((g) => g.outlet)).size, story).toBeGreaterThanOrEqual(
        3,
      );
      expect(new Set(pages.map((g) => g.language)), story).toEqual(expect.objectContaining(new Set(['fr', 'ar'])));
    }
    expect(GOLD.filter((g) => g.story === null && g.kind === 'article').length).toBeGreaterThanOrEqual(6);
    const wires = new Map<string, Set<string>>();
    for (const g of GOLD)
      if (g.dupGroup?.startsWith('map-')) wires.set(g.dupGroup, (wires.get(g.dupGroup) ?? new Set()).add(g.outlet));
    expect(wires.size).toBeGreaterThanOrEqual(2);
    for (const outlets of wires.values()) expect(outlets.size).toBeGreaterThanOrEqual(3);
  });

  it('has realistic lengths, unique URLs served by their source, and no run of 10 words from the seeds', () => {
    const urls = new Set<string>();
    for (const a of ARTICLES) {
      expect(urls.has(a.url), a.url).toBe(false);
      urls.add(a.url);
      expect(matchesAny(getSource(a.sourceId).articlePatterns, new URL(a.url).href), a.key).toBe(true);
      if (a.tickerOnly === true) continue;
      const words = [a.title, ...a.paragraphs].join(' ').split(/\s+/).length;
      expect(words, a.key).toBeGreaterThanOrEqual(150);
      expect(words, a.key).toBeLessThanOrEqual(500);
    }
    // The seed articles sit beside the repository (shared/seeds) on developer and CI machines.
    const seedDir = path.resolve(import.meta.dirname, '../../../shared/seeds');
    const grams = (text: string): Set<string> => {
      const words = text.toLowerCase().match(W) ?? [];
      const out = new Set<string>();
      for (let i = 0; i + 10 <= words.length; i++) out.add(words.slice(i, i + 10).join(' '));
      return out;
    };
    let seedFiles: string[] = [];
    try {
      seedFiles = readdirSync(seedDir).filter((f) => f.endsWith('.txt'));
    } catch {
      // No seeds on this machine: the overlap check below has nothing to compare with.
    }
    const seed = new Set(seedFiles.flatMap((f) => [...grams(readFileSync(path.join(seedDir, f), 'utf8'))]));
    for (const page of [...ARTICLES, ...PDFS]) {
      const shared = [...grams([page.title, ...page.paragraphs].join('\n'))].filter((g) => seed.has(g));
      expect(shared, page.key).toEqual([]);
    }
  });
});
