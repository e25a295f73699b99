// The feed/sitemap handler alone: one page served on 127.0.0.1, one call, then what the run's
// queue holds and what the store recorded.
import { afterEach, describe, expect, it } from 'vitest';
import { getFailure, recordFailure } from '../../store/frontier.ts';
import {
  type HandlerRun,
  startHandlerRun,
  startSite,
  type TestSite,
  testCrawlConfig,
  testSource,
} from '../../test/crawl-helpers.ts';
import type { SourceConfigInput } from '../source-config.ts';
import { handleFeed } from './feed.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

const RSS = (links: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${links
    .map((l) => `<item><title>x</title><link>${l}</link></item>`)
    .join('')}</channel></rss>`;

const SITEMAP_INDEX = (children: string[]) =>
  `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${children
    .map((c) => `<sitemap><loc>${c}</loc></sitemap>`)
    .join('')}</sitemapindex>`;

const URLSET = (pages: string[]) =>
  `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${pages
    .map((p) => `<url><loc>${p}</loc></url>`)
    .join('')}</urlset>`;

async function setup(
  body: (origin: string) => string,
  source: Partial<SourceConfigInput> = {},
  crawl = testCrawlConfig(),
): Promise<{ site: TestSite; run: HandlerRun }> {
  const site = await startSite({});
  open.push(site);
  site.routes.set('/feed', { headers: { 'content-type': 'application/xml' }, body: body(site.origin) });
  const run = await startHandlerRun(
    testSource({ discovery: [{ type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' }], ...source }),
    crawl,
  );
  open.push(run);
  return { site, run };
}

describe('handleFeed', () => {
  it('queues the feed articles the source calls articles, keyed by canonical URL, and clears an old failure', async () => {
    const { site, run } = await setup(
      (o) => RSS([`${o}/actu/1?utm_source=rss`, `${o}/actu/2#comments`, `${o}/tag/cndp`, `${o}/actu/1`]),
      { articlePatterns: ['/actu/\\d+$'] },
    );
    const url = `${site.origin}/feed`;
    recordFailure(run.ctx.db, {
      url,
      sourceId: 'test-source',
      reason: 'FETCH_HTTP_5XX',
      message: 'earlier run',
      status: 503,
      attempts: 1,
      lastAttemptAt: new Date().toISOString(),
      permanent: false,
    });

    await handleFeed(run.ctx, { url, data: { kind: 'feed', depth: 0, discovery: 0 } });

    const port = new URL(site.origin).port;
    const queued = await run.queued();
    // The utm-decorated link and the bare one are one article; the tag page is not an article.
    expect(queued.map((r) => r.uniqueKey)).toEqual([
      `article:https://127.0.0.1:${port}/actu/1`,
      `article:https://127.0.0.1:${port}/actu/2`,
    ]);
    expect(queued[1]).toMatchObject({
      url: `${site.origin}/actu/2`,
      userData: { kind: 'article', depth: 0, discovery: -1, canonicalUrl: `https://127.0.0.1:${port}/actu/2` },
    });
    expect(run.ctx.state.counts).toMatchObject({ queued: 2, fetched: 1, failed: 0 });
    expect(getFailure(run.ctx.db, url)).toBeNull();
  });

  it('reads a sitemap index configured as a feed and queues its child sitemaps one level deeper', async () => {
    const { site, run } = await setup((o) => SITEMAP_INDEX([`${o}/sitemap-1.xml`, `${o}/sitemap-2.xml`]));
    await handleFeed(run.ctx, { url: `${site.origin}/feed`, data: { kind: 'feed', depth: 0, discovery: 0 } });
    const queued = await run.queued();
    expect(queued).toEqual([
      {
        url: `${site.origin}/sitemap-1.xml`,
        uniqueKey: `discovery:1:0:${site.origin}/sitemap-1.xml`,
        userData: { kind: 'sitemap', depth: 1, discovery: 0 },
      },
      {
        url: `${site.origin}/sitemap-2.xml`,
        uniqueKey: `discovery:1:0:${site.origin}/sitemap-2.xml`,
        userData: { kind: 'sitemap', depth: 1, discovery: 0 },
      },
    ]);
  });

  it('stops following nested sitemaps at maxSitemapDepth but still queues their pages', async () => {
    const { site, run } = await setup(
      (o) => SITEMAP_INDEX([`${o}/deeper.xml`]),
      {},
      testCrawlConfig({ maxSitemapDepth: 2 }),
    );
    await handleFeed(run.ctx, { url: `${site.origin}/feed`, data: { kind: 'sitemap', depth: 2, discovery: 0 } });
    expect(await run.queued()).toEqual([]);

    site.routes.set('/feed', { headers: { 'content-type': 'application/xml' }, body: URLSET([`${site.origin}/p/9`]) });
    await handleFeed(run.ctx, { url: `${site.origin}/feed`, data: { kind: 'sitemap', depth: 2, discovery: 0 } });
    expect((await run.queued()).map((r) => r.url)).toEqual([`${site.origin}/p/9`]);
  });

  it("queues no more articles than the source's per-run budget, counting each article once", async () => {
    const { site, run } = await setup((o) => URLSET([1, 2, 2, 3, 4].map((n) => `${o}/p/${n}`)), {
      maxArticlesPerRun: 3,
    });
    await handleFeed(run.ctx, { url: `${site.origin}/feed`, data: { kind: 'sitemap', depth: 0, discovery: 0 } });
    expect((await run.queued()).map((r) => new URL(r.url).pathname)).toEqual(['/p/1', '/p/2', '/p/3']);
  });

  it('records a feed that keeps failing, with its code and attempts, and queues nothing', async () => {
    const { site, run } = await setup(() => '', {}, testCrawlConfig({ maxRetries: 1 }));
    site.routes.set('/feed', { status: 503, body: 'down' });
    const url = `${site.origin}/feed`;
    await handleFeed(run.ctx, { url, data: { kind: 'feed', depth: 0, discovery: 0 } });
    expect(await run.queued()).toEqual([]);
    expect(run.ctx.state.errors).toEqual({ FETCH_HTTP_5XX: 1 });
    expect(run.ctx.state.successes).toBe(0);
    expect(getFailure(run.ctx.db, url)).toMatchObject({
      reason: 'FETCH_HTTP_5XX',
      status: 503,
      attempts: 2,
      permanent: false,
    });
    // A discovery page is not an article: the source's article tally is untouched.
    expect(run.ctx.state.articles.failed).toBe(0);
    expect(site.requests.filter((r) => r.path === '/feed')).toHaveLength(2);
  });
});
