// The run state alone, on a real SQLite file and a real crawlee queue: what it queues once, what
// it records when the deadline strikes, and how it judges the source's health.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../pipeline/errors.ts';
import { getFailure, listFailures } from '../store/frontier.ts';
import { type HandlerRun, startHandlerRun, testSource } from '../test/crawl-helpers.ts';
import type { CrawlRequest } from './types.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const o of open.splice(0)) await o.close();
});

async function setup(): Promise<HandlerRun> {
  const run = await startHandlerRun(
    testSource({
      discovery: [{ type: 'feed', url: 'https://example.org/feed', evidence: 'seen' }],
      articlePatterns: ['/actu/'],
    }),
  );
  open.push(run);
  return run;
}

const articleRequest = (url: string): CrawlRequest => ({
  url,
  uniqueKey: `article:${url}`,
  userData: { kind: 'article', depth: 0, discovery: -1, canonicalUrl: url },
});

describe('RunState', () => {
  it('queues each unique key once per run, even across calls, and counts only what it added', async () => {
    const run = await setup();
    const { state } = run.ctx;
    await state.enqueueArticles(['https://example.org/actu/1', 'https://example.org/page/2'], 0);
    await state.enqueueArticles(['https://example.org/actu/1?utm_medium=x', 'https://example.org/actu/3'], 0);
    expect((await run.queued()).map((r) => r.url)).toEqual([
      'https://example.org/actu/1',
      'https://example.org/actu/3',
    ]);
    expect(state.counts.queued).toBe(2);
    expect(state.outstandingCount).toBe(2);
  });

  it('records every URL left outstanding at the deadline as a transient timeout, once', async () => {
    const run = await setup();
    const { state, db } = run.ctx;
    const done = articleRequest('https://example.org/actu/1');
    const left = articleRequest('https://example.org/actu/2');
    const feed: CrawlRequest = {
      url: 'https://example.org/feed',
      uniqueKey: state.discoveryKey(0, 'https://example.org/feed'),
      userData: { kind: 'feed', depth: 0, discovery: 0 },
    };
    await state.enqueue([done, left, feed]);
    state.handled(done);
    state.deadlineReached = true;
    state.failUnfinished(new AppError('FETCH_TIMEOUT', 'deadline'));
    state.end();
    // A handler that ignored the abort reports late: nothing more is counted.
    state.fail(left.url, new AppError('FETCH_NETWORK', 'late'), 1, 'article');
    state.handled(left);

    expect(listFailures(db).map((f) => [f.url, f.reason, f.permanent])).toEqual([
      ['https://example.org/actu/2', 'FETCH_TIMEOUT', false],
      ['https://example.org/feed', 'FETCH_TIMEOUT', false],
    ]);
    expect(state.articles).toEqual({ attempted: 2, failed: 1 });
    expect(state.errors).toEqual({ FETCH_TIMEOUT: 2 });
    expect(state.outstandingCount).toBe(0);
  });

  it('counts an article abandoned by crawlee only if this run still had it outstanding', async () => {
    const run = await setup();
    const { state } = run.ctx;
    const mine = articleRequest('https://example.org/actu/1');
    await state.enqueue([mine]);
    state.abandoned(mine);
    state.abandoned(mine);
    // A resumed run handles articles the interrupted one queued: they count as attempted.
    state.handled(articleRequest('https://example.org/actu/from-before'));
    expect(state.articles.attempted).toBe(2);
  });

  it('marks codes not worth retrying soon as permanent failures', async () => {
    const run = await setup();
    const { state, db } = run.ctx;
    state.fail(
      'https://example.org/actu/a',
      new AppError('FETCH_HTTP_4XX', '404', { details: { status: 404 } }),
      1,
      'article',
    );
    state.fail(
      'https://example.org/actu/b',
      new AppError('FETCH_HTTP_5XX', '503', { details: { status: 503 } }),
      3,
      'article',
    );
    expect(getFailure(db, 'https://example.org/actu/a')).toMatchObject({ permanent: true, status: 404, attempts: 1 });
    expect(getFailure(db, 'https://example.org/actu/b')).toMatchObject({ permanent: false, status: 503, attempts: 3 });
  });

  describe('verdict', () => {
    it('fails a source nothing could be fetched from', async () => {
      const { state } = (await setup()).ctx;
      state.fail('https://example.org/feed', new AppError('FETCH_NETWORK', 'refused'), 3, 'feed');
      expect(state.verdict()).toEqual({ ok: false, error: 'no page could be fetched (FETCH_NETWORK)' });
    });

    it('fails a reachable source when most of its articles failed, and says how many', async () => {
      const { state } = (await setup()).ctx;
      state.successes = 1;
      for (const n of [1, 2]) {
        state.fail(`https://example.org/actu/${n}`, new AppError('FETCH_HTTP_5XX', '500'), 3, 'article');
        state.handled(articleRequest(`https://example.org/actu/${n}`));
      }
      state.handled(articleRequest('https://example.org/actu/3'));
      expect(state.verdict()).toEqual({ ok: false, error: '2 of 3 articles failed (FETCH_HTTP_5XX: 2)' });
    });

    it('keeps a source ok when a few articles failed, naming the deadline when it struck', async () => {
      const { state } = (await setup()).ctx;
      state.successes = 2;
      state.fail('https://example.org/actu/1', new AppError('FETCH_TIMEOUT', 't'), 0, 'article');
      for (const n of [1, 2, 3]) state.handled(articleRequest(`https://example.org/actu/${n}`));
      state.deadlineReached = true;
      expect(state.verdict()).toEqual({
        ok: true,
        error: '1 of 3 articles failed (FETCH_TIMEOUT: 1); run deadline reached',
      });
    });

    it('is clean when nothing failed', async () => {
      const { state } = (await setup()).ctx;
      expect(state.verdict()).toEqual({ ok: true, error: null });
    });
  });
});
