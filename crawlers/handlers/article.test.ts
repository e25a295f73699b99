// The article handler alone: an article served on 127.0.0.1, one call, then what the store holds,
// what the run counted and what it queued.
import { afterEach, describe, expect, it } from 'vitest';
import { getDocumentByCanonicalUrl, listDocumentVersions } from '../../store/documents.ts';
import { getFailure, recordFailure } from '../../store/frontier.ts';
import { type HandlerRun, startHandlerRun, startSite, type TestSite, testSource } from '../../test/crawl-helpers.ts';
import type { SourceConfigInput } from '../source-config.ts';
import type { RequestData } from '../types.ts';
import { handleArticle } from './article.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

function page(title: string, body: string, chrome = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><nav>${chrome}</nav><article><h1>${title}</h1><p>${body}</p></article></body></html>`;
}

async function setup(source: Partial<SourceConfigInput> = {}): Promise<{ site: TestSite; run: HandlerRun }> {
  const site = await startSite({});
  open.push(site);
  const run = await startHandlerRun(
    testSource({ discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }], ...source }),
  );
  open.push(run);
  return { site, run };
}

const https = (site: TestSite, path: string) => `https://127.0.0.1:${new URL(site.origin).port}${path}`;
const article = (canonicalUrl: string, depth = 0): RequestData => ({
  kind: 'article',
  depth,
  discovery: -1,
  canonicalUrl,
});

describe('handleArticle', () => {
  it('stores a redirected article under where it landed and queues the PDF it links one level deep', async () => {
    const { site, run } = await setup();
    site.routes.set('/old-permalink', (_req, res) => void res.writeHead(301, { location: '/actu/sanction' }).end());
    site.routes.set('/actu/sanction', {
      headers: { etag: '"e1"' },
      body: page(
        'Sanction',
        'La commission publie sa délibération. <a href="/docs/deliberation-12.pdf">Délibération (PDF)</a>',
      ),
    });
    const url = `${site.origin}/old-permalink`;

    await handleArticle(run.ctx, { url, data: article(https(site, '/old-permalink')) });

    const doc = getDocumentByCanonicalUrl(run.ctx.db, https(site, '/actu/sanction'));
    expect(doc).toMatchObject({ etag: '"e1"', currentVersion: 1 });
    expect(getDocumentByCanonicalUrl(run.ctx.db, https(site, '/old-permalink'))).toBeNull();
    expect(run.ctx.state.counts).toMatchObject({ fetched: 1, stored: 1, queued: 1 });
    expect(await run.queued()).toEqual([
      {
        url: `${site.origin}/docs/deliberation-12.pdf`,
        uniqueKey: `article:${https(site, '/docs/deliberation-12.pdf')}`,
        userData: article(https(site, '/docs/deliberation-12.pdf'), 1),
      },
    ]);
  });

  it('does not follow PDF links from a page that was itself linked (depth 1)', async () => {
    const { site, run } = await setup();
    site.routes.set('/annexe', { body: page('Annexe', 'Voir <a href="/docs/autre.pdf">le PDF</a>.') });
    await handleArticle(run.ctx, { url: `${site.origin}/annexe`, data: article(https(site, '/annexe'), 1) });
    expect(run.ctx.state.counts.stored).toBe(1);
    expect(await run.queued()).toEqual([]);
  });

  it('asks again with the stored validators: a 304 or the same text adds no version', async () => {
    const { site, run } = await setup();
    let chrome = 'menu v1';
    site.routes.set('/actu/1', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"' && chrome === 'menu v1') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' });
      res.end(page('Contrôle', 'Un contrôle sur place a été mené.', chrome));
    });
    const request = { url: `${site.origin}/actu/1`, data: article(https(site, '/actu/1')) };
    await handleArticle(run.ctx, request);
    await handleArticle(run.ctx, request);
    expect(
      site.requests.filter((r) => r.path === '/actu/1').map((r) => [r.headers['if-none-match'], r.status]),
    ).toEqual([
      [undefined, 200],
      ['"v1"', 304],
    ]);
    expect(run.ctx.state.counts.notModified).toBe(1);

    // The site ignores the validator and changes only its menu: the article text is the same.
    chrome = 'menu v2';
    await handleArticle(run.ctx, request);
    expect(run.ctx.state.counts).toMatchObject({ stored: 1, unchanged: 1, notModified: 1 });
    const doc = getDocumentByCanonicalUrl(run.ctx.db, https(site, '/actu/1'));
    expect(listDocumentVersions(run.ctx.db, doc!.id)).toHaveLength(1);
  });

  it("skips a press page without any of the source's keywords, storing nothing", async () => {
    const { site, run } = await setup({ kind: 'press', relevance: { mode: 'keywords', keywords: ['CNDP'] } });
    site.routes.set('/sport', { body: page('Football', 'Le match de samedi a été reporté.') });
    site.routes.set('/vie-privee', { body: page('Vie privée', 'La cndp rappelle les règles du consentement.') });
    await handleArticle(run.ctx, { url: `${site.origin}/sport`, data: article(https(site, '/sport')) });
    await handleArticle(run.ctx, { url: `${site.origin}/vie-privee`, data: article(https(site, '/vie-privee')) });
    expect(getDocumentByCanonicalUrl(run.ctx.db, https(site, '/sport'))).toBeNull();
    expect(getDocumentByCanonicalUrl(run.ctx.db, https(site, '/vie-privee'))).not.toBeNull();
    expect(run.ctx.state.counts).toMatchObject({ fetched: 2, stored: 1, irrelevant: 1, skipped: 1 });
  });

  it('does not fetch an article that failed permanently within the TTL, but counts it as failed', async () => {
    const { site, run } = await setup();
    site.routes.set('/gone', { body: page('Revenu', 'La page est revenue.') });
    const url = `${site.origin}/gone`;
    const failure = {
      url,
      sourceId: 'test-source',
      reason: 'FETCH_HTTP_4XX',
      message: 'gone',
      status: 404,
      attempts: 1,
      permanent: true,
    };
    recordFailure(run.ctx.db, { ...failure, lastAttemptAt: new Date().toISOString() });
    await handleArticle(run.ctx, { url, data: article(https(site, '/gone')) });
    expect(site.requests).toEqual([]);
    expect(run.ctx.state.articles.failed).toBe(1);
    expect(run.ctx.state.counts.skipped).toBe(1);

    // Past the TTL (a week by default) the URL is tried again, and its success clears the record.
    recordFailure(run.ctx.db, { ...failure, lastAttemptAt: new Date(Date.now() - 8 * 24 * 3_600_000).toISOString() });
    await handleArticle(run.ctx, { url, data: article(https(site, '/gone')) });
    expect(run.ctx.state.counts.stored).toBe(1);
    expect(getFailure(run.ctx.db, url)).toBeNull();
  });

  it('records a URL robots.txt disallows as a permanent failure without fetching it', async () => {
    const { site, run } = await setup();
    site.routes.set('/robots.txt', {
      headers: { 'content-type': 'text/plain' },
      body: 'User-agent: *\nDisallow: /prive/\n',
    });
    site.routes.set('/prive/dossier', { body: page('Privé', 'Ne pas indexer.') });
    const url = `${site.origin}/prive/dossier`;
    await handleArticle(run.ctx, { url, data: article(https(site, '/prive/dossier')) });
    expect(site.requests.map((r) => r.path)).toEqual(['/robots.txt']);
    expect(getFailure(run.ctx.db, url)).toMatchObject({
      reason: 'FETCH_ROBOTS_DISALLOWED',
      permanent: true,
      attempts: 0,
    });
    expect(run.ctx.state.counts).toMatchObject({ disallowed: 1, skipped: 1, failed: 0 });
  });

  it('records a PDF that cannot be read as a permanent PDF_FAILED article failure', async () => {
    const { site, run } = await setup();
    site.routes.set('/docs/broken.pdf', {
      headers: { 'content-type': 'application/pdf' },
      body: Buffer.from('%PDF-1.7\nthis is not really a PDF\n'),
    });
    const url = `${site.origin}/docs/broken.pdf`;
    await handleArticle(run.ctx, { url, data: article(https(site, '/docs/broken.pdf'), 1) });
    expect(getFailure(run.ctx.db, url)).toMatchObject({ reason: 'PDF_FAILED', permanent: true });
    expect(run.ctx.state.errors).toEqual({ PDF_FAILED: 1 });
    expect(run.ctx.state.articles.failed).toBe(1);
    expect(getDocumentByCanonicalUrl(run.ctx.db, https(site, '/docs/broken.pdf'))).toBeNull();
  });
});
