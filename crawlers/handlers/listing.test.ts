// The listing/search handler alone: an HTML list page on 127.0.0.1, one call, then the queue.
import { afterEach, describe, expect, it } from 'vitest';
import { getFailure } from '../../store/frontier.ts';
import { type HandlerRun, startHandlerRun, startSite, type TestSite, testSource } from '../../test/crawl-helpers.ts';
import { handleListing } from './listing.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

function listPage(links: string[], next?: string): string {
  const items = links.map((l) => `<li><a href="${l}">${l}</a></li>`).join('');
  const nav = next ? `<a rel="next" href="${next}">suivant</a>` : '';
  return `<!doctype html><html><body><ul>${items}</ul>${nav}<a href="/contact">Contact</a></body></html>`;
}

async function setup(maxPages = 3): Promise<{ site: TestSite; run: HandlerRun }> {
  const site = await startSite({
    '/communiques': { body: listPage(['/communiques/decision-1', '/communiques/decision-2'], '/communiques?p=2') },
  });
  open.push(site);
  const run = await startHandlerRun(
    testSource({
      discovery: [
        { type: 'feed', url: `${site.origin}/feed`, evidence: 'seen' },
        {
          type: 'listing',
          url: `${site.origin}/communiques`,
          linkPattern: '/communiques/[a-z]+-\\d+$',
          maxPages,
          evidence: 'seen',
        },
      ],
    }),
  );
  open.push(run);
  return { site, run };
}

describe('handleListing', () => {
  it("queues the links matching the entry's link pattern and follows rel=next one page deeper", async () => {
    const { site, run } = await setup();
    const url = `${site.origin}/communiques`;
    await handleListing(run.ctx, { url, data: { kind: 'listing', depth: 1, discovery: 1, followNext: true } });
    const queued = await run.queued();
    expect(queued.filter((r) => r.userData.kind === 'article').map((r) => new URL(r.url).pathname)).toEqual([
      '/communiques/decision-1',
      '/communiques/decision-2',
    ]);
    expect(queued.filter((r) => r.userData.kind === 'listing')).toEqual([
      {
        url: `${site.origin}/communiques?p=2`,
        uniqueKey: `discovery:1:1:${site.origin}/communiques?p=2`,
        userData: { kind: 'listing', depth: 2, discovery: 1, followNext: true },
      },
    ]);
    expect(getFailure(run.ctx.db, url)).toBeNull();
    expect(run.ctx.state.counts).toMatchObject({ fetched: 1, queued: 3 });
  });

  it('does not follow rel=next for a {page} template, nor past maxPages', async () => {
    const { site, run } = await setup(2);
    const url = `${site.origin}/communiques`;
    // A `{page}` template is seeded page by page: no followNext.
    await handleListing(run.ctx, { url, data: { kind: 'listing', depth: 1, discovery: 1, followNext: false } });
    expect((await run.queued()).map((r) => r.userData.kind)).toEqual(['article', 'article']);

    const deep = await startHandlerRun(run.ctx.source);
    open.push(deep);
    await handleListing(deep.ctx, { url, data: { kind: 'listing', depth: 2, discovery: 1, followNext: true } });
    expect((await deep.queued()).map((r) => r.userData.kind)).toEqual(['article', 'article']);
  });

  it('records a listing the site lost as a permanent 4xx failure without touching the article tally', async () => {
    const { site, run } = await setup();
    const url = `${site.origin}/archives`;
    await handleListing(run.ctx, { url, data: { kind: 'listing', depth: 1, discovery: 1, followNext: true } });
    expect(await run.queued()).toEqual([]);
    expect(getFailure(run.ctx.db, url)).toMatchObject({ reason: 'FETCH_HTTP_4XX', status: 404, permanent: true });
    expect(run.ctx.state.articles).toEqual({ attempted: 0, failed: 0 });
    expect(run.ctx.state.counts.failed).toBe(1);
  });
});
