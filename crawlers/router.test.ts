// Routing by label, and what happens when a handler throws: the URL ends as a recorded failure
// and leaves the run's outstanding set, whatever the handler was doing.
import { afterEach, describe, expect, it } from 'vitest';
import { getFailure } from '../store/frontier.ts';
import { startHandlerRun, startSite, type TestSite, testSource } from '../test/crawl-helpers.ts';
import { ROUTES, routeRequest } from './router.ts';
import { seedRequests } from './seeds.ts';
import type { CrawlRequest } from './types.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function startListingSite(): Promise<TestSite> {
  const site = await startSite({
    '/liste': { body: '<html><body><a href="/actu/1">un</a></body></html>' },
    '/sitemap.xml': {
      headers: { 'content-type': 'application/xml' },
      body: '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/actu/2</loc></url></urlset>',
    },
  });
  open.push(site);
  return site;
}

describe('routeRequest', () => {
  it('has one handler per label; feeds and sitemaps share one, listings and searches another', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(['article', 'feed', 'listing', 'search', 'sitemap']);
    expect(ROUTES.sitemap).toBe(ROUTES.feed);
    expect(ROUTES.search).toBe(ROUTES.listing);
    expect(ROUTES.article).not.toBe(ROUTES.feed);
  });

  it('sends a sitemap request to the feed/sitemap handler and marks it done', async () => {
    const site = await startListingSite();
    const run = await startHandlerRun(
      testSource({ discovery: [{ type: 'sitemap', url: `${site.origin}/sitemap.xml`, evidence: 'seen' }] }),
    );
    open.push(run);
    const seeds = seedRequests(run.ctx.source, (i, url) => run.ctx.state.discoveryKey(i, url));
    await run.ctx.state.enqueue(seeds);
    await routeRequest(run.ctx, seeds[0]!);
    expect((await run.queued()).map((r) => [r.userData.kind, new URL(r.url).pathname])).toEqual([
      ['sitemap', '/sitemap.xml'],
      ['article', '/actu/2'],
    ]);
    expect(run.ctx.state.outstandingCount).toBe(1);
  });

  it('records a handler that throws as an INTERNAL failure of its URL', async () => {
    const site = await startListingSite();
    // Source configs are data; a link pattern that is not a regular expression surfaces only when
    // the listing handler compiles it.
    const run = await startHandlerRun(
      testSource({
        discovery: [{ type: 'listing', url: `${site.origin}/liste`, linkPattern: '/actu/(', evidence: 'seen' }],
      }),
    );
    open.push(run);
    const [seed] = seedRequests(run.ctx.source, (i, url) => run.ctx.state.discoveryKey(i, url)) as [CrawlRequest];
    await run.ctx.state.enqueue([seed]);
    await routeRequest(run.ctx, seed);
    expect(getFailure(run.ctx.db, seed.url)).toMatchObject({ reason: 'INTERNAL', permanent: false, attempts: 1 });
    expect(run.ctx.state.errors).toEqual({ INTERNAL: 1 });
    expect(run.ctx.state.outstandingCount).toBe(0);
  });

  it('records a request whose label no handler knows (a queue written by other code) as failed', async () => {
    const run = await startHandlerRun(
      testSource({ discovery: [{ type: 'feed', url: 'https://example.org/feed', evidence: 'seen' }] }),
    );
    open.push(run);
    const request = {
      url: 'https://example.org/gallery/1',
      uniqueKey: 'gallery:1',
      userData: { kind: 'gallery', depth: 0, discovery: 0 },
    } as unknown as CrawlRequest;
    await routeRequest(run.ctx, request);
    expect(getFailure(run.ctx.db, request.url)).toMatchObject({
      reason: 'INTERNAL',
      message: 'no handler for the request label gallery',
    });
  });
});

describe('seedRequests', () => {
  it('expands {page} templates and search queries, and follows rel=next only without a template', () => {
    const source = testSource({
      discovery: [
        { type: 'feed', url: 'https://example.org/feed', evidence: 'seen' },
        {
          type: 'listing',
          url: 'https://example.org/news?page={page}',
          linkPattern: '/n/',
          maxPages: 2,
          evidence: 'seen',
        },
        { type: 'listing', url: 'https://example.org/archive', linkPattern: '/n/', evidence: 'seen' },
        {
          type: 'search',
          url: 'https://example.org/?s={query}',
          queries: ['CNDP', 'données'],
          linkPattern: '/n/',
          evidence: 'guess',
        },
      ],
    });
    const seeds = seedRequests(source, (i, url) => `discovery:7:${i}:${url}`);
    expect(seeds.map((s) => [s.url, s.userData.kind, s.userData.depth, s.userData.followNext ?? null])).toEqual([
      ['https://example.org/feed', 'feed', 0, null],
      ['https://example.org/news?page=1', 'listing', 1, false],
      ['https://example.org/news?page=2', 'listing', 2, false],
      ['https://example.org/archive', 'listing', 1, true],
      ['https://example.org/?s=CNDP', 'search', 1, true],
      ['https://example.org/?s=donn%C3%A9es', 'search', 1, true],
    ]);
    expect(seeds[3]?.uniqueKey).toBe('discovery:7:2:https://example.org/archive');
  });
});
