// End to end: the real source configs crawled against the replica web (every real host on its own
// 127.0.0.1 port). One full crawl in beforeAll, then re-crawls that exercise conditional GETs,
// edits and failures. Politeness stays on (robots.txt, per-host limits) with tiny delays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrawlConfig } from '../crawlers/config.ts';
import { type CrawlSummary, crawlSources } from '../crawlers/crawl.ts';
import type { SourceConfig } from '../crawlers/source-config.ts';
import { SOURCES } from '../crawlers/sources/index.ts';
import { documentId } from '../pipeline/ids.ts';
import { type Db, openDb } from '../store/db.ts';
import { getDocument, latestVersion, listDocumentVersions } from '../store/documents.ts';
import { getFailure, listFailures } from '../store/frontier.ts';
import { quietLog, tempDataDir, testCrawlConfig } from './crawl-helpers.ts';
import { ARTICLES, DEAD_LINKS, PDFS } from './replica/content/index.ts';
import { startReplica } from './replica/index.ts';

type Replica = Awaited<ReturnType<typeof startReplica>>;

let replica: Replica;
let db: Db;
let dataDir: string;
let sources: SourceConfig[];
let first: CrawlSummary;
const crawl: CrawlConfig = testCrawlConfig({ requestTimeoutMs: 2_000, maxCrawlDelayMs: 150, maxConcurrency: 4 });

/** The replica URL of a real one, as the crawler saw it. */
function local(realUrl: string): string {
  const url = new URL(realUrl);
  const origin = replica.origins[url.origin];
  if (!origin) throw new Error(`no replica origin for ${url.origin}`);
  return `${origin}${url.pathname}${url.search}`;
}

function sourceOf(id: string): SourceConfig {
  const s = sources.find((x) => x.id === id);
  if (!s) throw new Error(`unknown source ${id}`);
  return s;
}

/** Stored document of a fixture (the canonical form of its replica URL under its source's rules). */
function docOf(realUrl: string, sourceId: string) {
  const source = sourceOf(sourceId);
  const rows = db.prepare('SELECT id, canonical_url FROM documents WHERE source_id = ?').all(source.id) as Array<{
    id: string;
    canonical_url: string;
  }>;
  const target = decodeURI(new URL(local(realUrl)).pathname);
  const row = rows.find(
    (r) => decodeURI(new URL(r.canonical_url).pathname).replace(/\/$/, '') === target.replace(/\/$/, ''),
  );
  return row ? getDocument(db, row.id) : null;
}

/** Words of letters only (no markup-sensitive characters), to find in decoded text. */
function words(text: string, min = 4): string[] {
  return text.split(/\s+/).filter((w) => w.length >= min && /^[\p{L}]+$/u.test(w));
}

function run(only?: string[], overrides: Partial<CrawlConfig> = {}) {
  return crawlSources({
    db,
    sources: only ? sources.filter((s) => only.includes(s.id)) : sources,
    crawl: { ...crawl, ...overrides },
    dataDir,
    log: quietLog(),
  });
}

beforeAll(async () => {
  replica = await startReplica({ slowPageMs: 300 });
  dataDir = tempDataDir('raqib-crawl-replica-');
  db = openDb(dataDir);
  sources = replica.pointSources(SOURCES).map((s) => ({ ...s, politeness: { ...s.politeness, minDelayMs: 0 } }));
  first = await run();
}, 120_000);

afterAll(async () => {
  db?.close();
  await replica?.close();
});

describe('a full crawl of the replica', () => {
  it('stores every regulator page and every press article about a case', () => {
    const missing = ARTICLES.filter(
      (a) => !a.tickerOnly && (sourceOf(a.sourceId).kind === 'regulator' || a.story !== null),
    ).filter((a) => docOf(a.url, a.sourceId) === null);
    expect(missing.map((a) => a.key)).toEqual([]);
    expect(first.sources.every((s) => s.status === 'ok')).toBe(true);
    expect(first.newDocumentIds.length).toBe(db.prepare('SELECT count(*) FROM documents').pluck().get());
  });

  it('uses every discovery method: feeds, sitemap indexes, paginated listings and search', () => {
    const paths = replica.requests.filter((r) => r.status === 200).map((r) => decodeURIComponent(r.path));
    for (const type of ['feed', 'sitemap', 'listing', 'search'] as const) {
      const entries = sources.flatMap((s) => s.discovery).filter((d) => d.type === type);
      expect(entries.length, type).toBeGreaterThan(0);
    }
    expect(paths.some((p) => /wp-sitemap-posts-post-\d+\.xml$/.test(p))).toBe(true);
    expect(paths.some((p) => /\/page\/2\/$/.test(p))).toBe(true);
    expect(paths.some((p) => /[?&]s=/.test(p))).toBe(true);
    // Pages left out of feeds are still found (listings, sitemaps).
    const hidden = ARTICLES.filter(
      (a) => a.hideFromFeed && !a.tickerOnly && (sourceOf(a.sourceId).kind === 'regulator' || a.story),
    );
    for (const a of hidden) expect(docOf(a.url, a.sourceId), a.key).not.toBeNull();
  });

  it('honours robots.txt Disallow and Crawl-delay and identifies itself', () => {
    const le360 = replica.requests.filter((r) => r.origin === 'https://fr.le360.ma');
    expect(le360.some((r) => r.path.startsWith('/robots.txt'))).toBe(true);
    expect(le360.some((r) => r.path.startsWith('/videos/'))).toBe(false);
    expect(listFailures(db).some((f) => f.reason === 'FETCH_ROBOTS_DISALLOWED')).toBe(true);
    for (const r of replica.requests) expect(r.headers['user-agent']).toMatch(/^RaqibBot\//);
  });

  it('decodes every charset variant (header, meta only, ISO-8859-1) into readable text', () => {
    const variants = ['windows-1256-header', 'windows-1256-meta', 'iso-8859-1'] as const;
    for (const encoding of variants) {
      const fixtures = ARTICLES.filter((a) => a.encoding === encoding);
      expect(fixtures.length, encoding).toBeGreaterThan(0);
      for (const a of fixtures) {
        const doc = docOf(a.url, a.sourceId);
        expect(doc, a.key).not.toBeNull();
        const text = latestVersion(db, doc!.id)!.page.text;
        for (const w of words(a.paragraphs[0] ?? a.title).slice(0, 6)) expect(text, `${a.key}: ${w}`).toContain(w);
      }
    }
  });

  it('stores PDFs as bytes with their text, Arabic included', () => {
    for (const pdf of PDFS) {
      const doc = docOf(pdf.url, pdf.sourceId);
      expect(doc, pdf.key).not.toBeNull();
      const { page } = latestVersion(db, doc!.id)!;
      expect(page.contentType).toBe('application/pdf');
      expect(page.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const expected = words(pdf.paragraphs.join(' ')).slice(0, 20);
      const found = expected.filter((w) => page.text.includes(w));
      expect(found.length / expected.length, pdf.key).toBeGreaterThanOrEqual(0.8);
    }
    expect(PDFS.some((p) => p.lang === 'ar')).toBe(true);
  });

  it('records dead links as permanent failures and follows 301s to one document', () => {
    for (const dead of DEAD_LINKS) {
      const failure = getFailure(db, local(dead.url));
      expect(failure, dead.url).toMatchObject({ reason: 'FETCH_HTTP_4XX', status: 404, permanent: true });
    }
    for (const a of ARTICLES.filter((x) => x.oldUrl && (sourceOf(x.sourceId).kind === 'regulator' || x.story))) {
      expect(docOf(a.url, a.sourceId), a.key).not.toBeNull();
      expect(docOf(a.oldUrl!, a.sourceId), a.key).toBeNull();
    }
  });
});

describe('re-crawling the replica', () => {
  it('answers unchanged pages with 304s and stores nothing new', async () => {
    const pagesBefore = db.prepare('SELECT count(*) FROM pages').pluck().get();
    const seenBefore = replica.requests.length;
    const second = await run();
    expect(second.totals.stored).toBe(0);
    expect(second.newDocumentIds).toEqual([]);
    expect(second.changedDocumentIds).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(pagesBefore);
    const again = replica.requests.slice(seenBefore);
    const conditional = again.filter((r) => r.headers['if-none-match'] || r.headers['if-modified-since']);
    expect(conditional.length).toBeGreaterThan(10);
    expect(conditional.every((r) => r.status === 304 || r.status === 301)).toBe(true);
    expect(second.totals.notModified).toBe(conditional.filter((r) => r.status === 304).length);
  });

  it('makes a new version of an edited page, and only of that page', async () => {
    const target = ARTICLES.find((a) => a.sourceId === 'cndp-fr' && !a.oldUrl && !a.slow && !a.encoding)!;
    const doc = docOf(target.url, target.sourceId)!;
    replica.edit(target.url, (body) =>
      body.replace('</article>', '<p>Mise à jour : la Commission a précisé sa position.</p></article>'),
    );
    const third = await run(['cndp-fr']);
    expect(third.changedDocumentIds).toEqual([doc.id]);
    const versions = listDocumentVersions(db, doc.id);
    expect(versions.map((v) => v.versionNo)).toEqual([1, 2]);
    expect(latestVersion(db, doc.id)!.page.text).toContain('la Commission a précisé sa position');
  });

  it('retries 5xx and 429 (Retry-After), and records timeouts and persistent errors', async () => {
    const cndp = ARTICLES.filter((a) => a.sourceId === 'cndp-fr' && !a.oldUrl && !a.slow);
    const [flaky, limited, broken, slow] = cndp;
    if (!flaky || !limited || !broken || !slow) throw new Error('replica needs four plain cndp-fr pages');
    replica.failNext(flaky.url, { status: 503, times: 2 });
    replica.failNext(limited.url, { status: 429, times: 1, retryAfterSeconds: 1 });
    replica.failNext(broken.url, { status: 500, times: 10 });
    replica.delay(slow.url, 2_000);
    const seenBefore = replica.requests.length;
    const summary = await run(['cndp-fr'], { requestTimeoutMs: 1_000, maxRetries: 2 });
    replica.delay(slow.url, 0);
    replica.failNext(broken.url, { status: 500, times: 0 });
    const hits = (u: string) =>
      replica.requests
        .slice(seenBefore)
        .filter((r) => decodeURIComponent(r.path) === decodeURIComponent(new URL(u).pathname))
        .map((r) => r.status);
    expect(hits(flaky.url)).toEqual([503, 503, 304]);
    expect(hits(limited.url)).toEqual([429, 304]);
    expect(hits(broken.url)).toEqual([500, 500, 500]);
    expect(getFailure(db, local(broken.url))).toMatchObject({
      reason: 'FETCH_HTTP_5XX',
      status: 500,
      attempts: 3,
      permanent: false,
    });
    expect(getFailure(db, local(slow.url))).toMatchObject({ reason: 'FETCH_TIMEOUT', attempts: 3, permanent: false });
    expect(summary.sources[0]?.status).toBe('ok');
    expect(summary.sources[0]?.errors.FETCH_HTTP_5XX).toBe(1);
    // At least the delayed page; a loaded machine may time out another one too.
    expect(summary.sources[0]?.errors.FETCH_TIMEOUT).toBeGreaterThanOrEqual(1);
    // The id of a document is the hash of its canonical URL, whatever URL form found it.
    expect(docOf(flaky.url, 'cndp-fr')?.id).toBe(documentId(docOf(flaky.url, 'cndp-fr')!.canonicalUrl));
  });
});
