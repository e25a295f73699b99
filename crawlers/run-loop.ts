// The thin loop of one source's run: crawlee's `BasicCrawler` pulls requests from the source's
// queue and hands each to the handler of its label; this file only adds the run's edges (the
// deadline, shutdown, and a crawler that will not stop). Fetching is ours, inside the handlers,
// because the conditional GET, charset and size rules need the raw bytes and headers.
import { BasicCrawler, type Configuration, Log, LogLevel, type RequestQueue } from '@crawlee/basic';
import { AppError } from '../pipeline/errors.ts';
import type { HandlerContext } from './handlers/context.ts';
import { routeRequest } from './router.ts';
import type { RequestData } from './types.ts';

export interface RunLoopOptions {
  queue: RequestQueue;
  config: Configuration;
  /** Shutdown: requests in flight finish; the rest of the queue is kept for the next run. */
  signal?: AbortSignal;
  /** Aborted at the deadline: the fetches in flight end. */
  runAbort: AbortController;
  runId: number;
}

/** Runs the queue to its end (or the deadline, or shutdown); answers what crashed crawlee, if anything. */
export async function runLoop(ctx: HandlerContext, options: RunLoopOptions): Promise<{ crashed: unknown }> {
  const { crawl, state, log } = ctx;
  const crawler = createCrawler(ctx, options);
  // Shutdown is graceful: requests in flight finish (and are marked done); the rest of the queue
  // is kept for the next run. Only the deadline aborts requests in flight.
  const onAbort = () => crawler.stop('aborted');
  options.signal?.addEventListener('abort', onAbort, { once: true });
  // The run deadline: stop taking new URLs and abort those in flight. crawlee's stop() waits for
  // running handlers, so a last grace timer ends the wait even if a handler never returns.
  let hardStop: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'gave-up'>((resolve) => {
    hardStop = setTimeout(() => resolve('gave-up'), crawl.runDeadlineMs + crawl.requestTimeoutMs + 5000);
  });
  const deadline = setTimeout(() => {
    state.deadlineReached = true;
    log.warn({ runDeadlineMs: crawl.runDeadlineMs, outstanding: state.outstandingCount }, 'crawl run deadline reached');
    options.runAbort.abort();
    crawler.stop('run deadline reached');
  }, crawl.runDeadlineMs);
  let crashed: unknown = null;
  try {
    const outcome = await Promise.race([crawler.run(), gaveUp]);
    if (outcome === 'gave-up')
      log.error({ runId: options.runId }, 'crawler did not stop after its deadline; abandoned');
  } catch (error) {
    // crawlee's own machinery failed (e.g. its queue files stayed locked). The run stays open so
    // the next one resumes it; the source is marked failing; other sources go on.
    crashed = error;
  } finally {
    clearTimeout(deadline);
    clearTimeout(hardStop);
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (state.deadlineReached && crashed === null && !options.signal?.aborted) {
    // Every URL the run did not finish ends as a recorded failure (retried next run: transient).
    state.failUnfinished(new AppError('FETCH_TIMEOUT', 'the crawl run deadline passed before this URL was done'));
  }
  state.end();
  return { crashed };
}

function createCrawler(ctx: HandlerContext, options: RunLoopOptions): BasicCrawler {
  const { crawl, state } = ctx;
  const worstCaseMs =
    (crawl.maxRetries + 1) * crawl.requestTimeoutMs + crawl.maxRetries * crawl.maxRetryAfterMs + crawl.maxCrawlDelayMs;
  return new BasicCrawler(
    {
      requestQueue: options.queue,
      maxConcurrency: crawl.maxConcurrency,
      // No ramp-up: politeness is enforced per host by our limiter, not by crawlee's autoscaling.
      minConcurrency: crawl.maxConcurrency,
      // Retries are ours (Retry-After, backoff); crawlee's would re-run the whole handler.
      maxRequestRetries: 0,
      useSessionPool: false,
      requestHandlerTimeoutSecs: Math.ceil(worstCaseMs / 1000) + 60,
      statusMessageLoggingInterval: 3600,
      log: new Log({ level: LogLevel.OFF }),
      // Crawlee polls for new work twice a second by default; a crawl is mostly short gaps.
      autoscaledPoolOptions: { maybeRunIntervalSecs: 0.05 },
      requestHandler: ({ request }) =>
        routeRequest(ctx, {
          url: request.url,
          uniqueKey: request.uniqueKey,
          userData: request.userData as RequestData,
        }),
      // Only crawlee's own handler timeout lands here (our handler catches everything else): the
      // URL is recorded as failed, like any other failure, rather than silently dropped.
      failedRequestHandler: ({ request }, cause) => {
        const data = request.userData as RequestData;
        const error = new AppError('FETCH_TIMEOUT', `handler timed out: ${cause.message}`, { cause });
        state.fail(request.url, error, 1, data.kind);
        state.abandoned({ uniqueKey: request.uniqueKey, userData: data });
      },
    },
    options.config,
  );
}
