// The crawler: one generic loop over `SourceConfig` data. Each source gets its own crawlee
// `RequestQueue` persisted under `<dataDir>/crawl-state/<sourceId>`, so a crash (or SIGKILL) leaves
// a queue the next run resumes. Fetching is ours, inside crawlee's `BasicCrawler`, because the
// conditional GET, charset and size rules need the raw bytes and headers. Handlers only turn a
// response into a stored snapshot (or new queue entries); understanding is the pipeline's job.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
// Only @crawlee/basic: the `crawlee` meta-package loads @crawlee/browser-pool, whose proxy-server module
// starts an unauthenticated forward proxy (proxy-chain) on all interfaces merely by being imported.
import { BasicCrawler, Configuration, Log, LogLevel, RequestQueue } from '@crawlee/basic';
import type { Logger } from 'pino';
import { AppError, isAppError } from '../pipeline/errors.ts';
import { sha256 } from '../pipeline/ids.ts';
import type { Db } from '../store/db.ts';
import {
  getDocumentByCanonicalUrl,
  getDocumentByFetchedUrl,
  recordSnapshot,
  touchDocument,
} from '../store/documents.ts';
import {
  clearFailure,
  documentsChangedSince,
  finishRun,
  getFailure,
  recordFailure,
  startOrResumeRun,
} from '../store/frontier.ts';
import { getSourceHealth, recordSourceRun, upsertSource } from '../store/sources.ts';
import { canonicalizeUrl } from './canonicalize.ts';
import type { CrawlConfig } from './config.ts';
import { decodeBody, mimeType } from './decode.ts';
import { expandTemplate, isSitemap, parseFeed, parseListing, parseSitemap } from './discovery.ts';
import { type FetchOutcome, fetchWithRetry } from './fetch-page.ts';
import { HostLimiter } from './host-limiter.ts';
import { extractPdfText, preloadPdf } from './pdf.ts';
import { matchesKeywords, visibleText } from './relevance.ts';
import { RobotsCache } from './robots.ts';
import type { SourceConfig } from './source-config.ts';

export interface CrawlProgress {
  queued: number;
  fetched: number;
  stored: number;
  failed: number;
  skipped: number;
}

export interface CrawlCounts extends CrawlProgress {
  /** Fetched with 200 but the text had not changed: nothing stored. */
  unchanged: number;
  /** 304 answers to conditional GETs. */
  notModified: number;
  /** Press pages without any of the source's keywords. */
  irrelevant: number;
  /** URLs robots.txt disallows. */
  disallowed: number;
  bytes: number;
}

export type SourceCrawlStatus = 'ok' | 'failed' | 'aborted' | 'backoff' | 'disabled';

export interface SourceCrawlResult {
  sourceId: string;
  status: SourceCrawlStatus;
  /** True when this run picked up a queue an interrupted run left behind. */
  resumed: boolean;
  counts: CrawlCounts;
  /** Documents seen for the first time during the run (including a resumed run's earlier part). */
  newDocumentIds: string[];
  /** Documents that got a new version during the run. */
  changedDocumentIds: string[];
  /** Failures of this run by error code. */
  errors: Record<string, number>;
  /** Article URLs that ended this run, and how many of them failed. */
  articles: { attempted: number; failed: number };
  /** True when the run deadline cut the run short (unfinished URLs are recorded as failed). */
  deadlineReached: boolean;
  durationMs: number;
}

export interface CrawlSummary {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  sources: SourceCrawlResult[];
  totals: CrawlCounts;
  newDocumentIds: string[];
  changedDocumentIds: string[];
}

export interface CrawlSourcesOptions {
  db: Db;
  sources: readonly SourceConfig[];
  crawl: CrawlConfig;
  dataDir: string;
  log: Logger;
  signal?: AbortSignal;
  onProgress?: (progress: CrawlProgress) => void;
  /** Crawl sources even while they back off after repeated failures. */
  force?: boolean;
  /**
   * Share one limiter between calls that may overlap (the scheduler runs sources separately, and
   * cndp-fr / cndp-ar are one host). Defaults to a limiter private to this call.
   */
  hostLimiter?: HostLimiter;
}

type RequestKind = 'feed' | 'sitemap' | 'listing' | 'search' | 'article';

interface RequestData {
  kind: RequestKind;
  /** Listing/search page number, sitemap nesting depth, or article link depth. */
  depth: number;
  /** Index of the discovery entry that produced the request (listing/search link patterns). */
  discovery: number;
  /** When a listing URL has no `{page}` placeholder, pagination follows rel="next". */
  followNext?: boolean;
  canonicalUrl?: string;
}

function emptyCounts(): CrawlCounts {
  return {
    queued: 0,
    fetched: 0,
    stored: 0,
    failed: 0,
    skipped: 0,
    unchanged: 0,
    notModified: 0,
    irrelevant: 0,
    disallowed: 0,
    bytes: 0,
  };
}

const PERMANENT_CODES = new Set([
  'FETCH_HTTP_4XX',
  'FETCH_TOO_LARGE',
  'FETCH_ROBOTS_DISALLOWED',
  'DECODE_FAILED',
  'PDF_FAILED',
]);

export async function crawlSources(options: CrawlSourcesOptions): Promise<CrawlSummary> {
  const started = Date.now();
  const shared = {
    limiter: options.hostLimiter ?? new HostLimiter(),
    robots: createRobotsCache(options.crawl),
    progress: { queued: 0, fetched: 0, stored: 0, failed: 0, skipped: 0 } satisfies CrawlProgress,
  };
  if (options.sources.some((s) => s.articlePatterns.some((p) => /pdf/i.test(p)))) preloadPdf();
  const results: SourceCrawlResult[] = [];
  const pending = [...options.sources];
  const workers = Array.from({ length: Math.min(options.crawl.sourceConcurrency, pending.length) }, async () => {
    for (let source = pending.shift(); source; source = pending.shift()) {
      if (options.signal?.aborted) break;
      try {
        results.push(await crawlOneSource(source, options, shared));
      } catch (error) {
        // One source's surprise (a bad regex in its config, a full disk) never ends the others' run.
        options.log.error({ source: source.id, err: error }, 'source crawl failed');
        const code = isAppError(error) ? error.code : 'INTERNAL';
        recordSourceRun(options.db, source.id, {
          at: new Date().toISOString(),
          ok: false,
          errorCounts: { [code]: 1 },
          error: String((error as Error)?.message ?? error),
        });
        const counts = emptyCounts();
        results.push({
          sourceId: source.id,
          status: 'failed',
          resumed: false,
          counts,
          newDocumentIds: [],
          changedDocumentIds: [],
          errors: { [code]: 1 },
          articles: { attempted: 0, failed: 0 },
          deadlineReached: false,
          durationMs: 0,
        });
      }
    }
  });
  await Promise.all(workers);
  const order = new Map(options.sources.map((s, i) => [s.id, i]));
  results.sort((a, b) => (order.get(a.sourceId) ?? 0) - (order.get(b.sourceId) ?? 0));
  const totals = emptyCounts();
  for (const r of results)
    for (const key of Object.keys(totals) as Array<keyof CrawlCounts>) totals[key] += r.counts[key];
  return {
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    sources: results,
    totals,
    newDocumentIds: results.flatMap((r) => r.newDocumentIds),
    changedDocumentIds: results.flatMap((r) => r.changedDocumentIds),
  };
}

interface Shared {
  limiter: HostLimiter;
  robots: (fetchOne: RobotsFetchOne) => RobotsCache;
  progress: CrawlProgress;
}

type RobotsFetchOne = (url: string) => Promise<FetchOutcome>;

function createRobotsCache(crawl: CrawlConfig): (fetchOne: RobotsFetchOne) => RobotsCache {
  let cache: RobotsCache | null = null;
  return (fetchOne) => {
    cache ??= new RobotsCache(async (robotsUrl) => {
      const outcome = await fetchOne(robotsUrl);
      if (outcome.ok) return { status: outcome.response.status, text: outcome.response.body.toString('utf8') };
      const status = outcome.error.details?.status;
      return typeof status === 'number' ? { status, text: '' } : { status: null, errorCode: outcome.error.code };
    }, crawl.userAgent);
    return cache;
  };
}

async function crawlOneSource(
  source: SourceConfig,
  options: CrawlSourcesOptions,
  shared: Shared,
): Promise<SourceCrawlResult> {
  const { db, crawl, log: parentLog } = options;
  const log = parentLog.child({ source: source.id });
  const started = Date.now();
  const counts = emptyCounts();
  const errors: Record<string, number> = {};
  const articles = { attempted: 0, failed: 0 };
  let deadlineReached = false;
  const result = (
    status: SourceCrawlStatus,
    resumed: boolean,
    newIds: string[] = [],
    changedIds: string[] = [],
  ): SourceCrawlResult => ({
    sourceId: source.id,
    status,
    resumed,
    counts,
    newDocumentIds: newIds,
    changedDocumentIds: changedIds,
    errors,
    articles,
    deadlineReached,
    durationMs: Date.now() - started,
  });
  if (!source.enabled) return result('disabled', false);
  const health = getSourceHealth(db, source.id);
  if (!options.force && health?.backoffUntil && Date.parse(health.backoffUntil) > Date.now()) {
    log.warn({ backoffUntil: health.backoffUntil }, 'source is backing off after repeated failures; skipped');
    return result('backoff', false);
  }
  // Compiled first: a broken pattern fails this source before any state is created.
  const patterns = source.articlePatterns.map((p) => new RegExp(p));
  const isArticle = (url: string) =>
    patterns.length === 0 || patterns.some((re) => re.test(url) || re.test(safeDecode(url)));
  upsertSource(db, source.id, source);
  const run = startOrResumeRun(db, source.id, new Date().toISOString());
  const stateDir = join(options.dataDir, 'crawl-state', source.id);
  // A leftover directory of a run that did finish (e.g. killed while cleaning up) must not make
  // this run skip URLs as "already handled".
  let locked: string[] = [];
  if (!run.resumed) rmSync(stateDir, { recursive: true, force: true });
  else {
    locked = findLockedRequests(stateDir);
    log.info({ runId: run.id, attempt: run.attempts, inFlightAtCrash: locked.length }, 'resuming interrupted crawl');
  }

  const config = new Configuration({
    storageClientOptions: { localDataDirectory: stateDir },
    persistStorage: true,
    purgeOnStart: false,
  });
  const queue = await RequestQueue.open('frontier', { config });
  for (const id of locked) await queue.client.deleteRequestLock(id).catch(() => {});
  let articlesQueued = 0;
  const queuedKeys = new Set<string>();
  // Every URL this run took on, until it ends in a success or a recorded failure: what is left
  // when the deadline strikes is recorded as failed, so no URL silently vanishes from a run.
  const outstanding = new Map<string, { url: string; kind: RequestKind }>();
  // Ends the run's fetches (deadline or shutdown): in-flight requests abort, retries stop waiting.
  const runAbort = new AbortController();
  let ended = false;

  const bump = (key: keyof CrawlProgress, n = 1) => {
    counts[key] += n;
    shared.progress[key] += n;
    options.onProgress?.({ ...shared.progress });
  };

  const enqueue = async (requests: Array<{ url: string; uniqueKey: string; userData: RequestData }>) => {
    // Counted by unique key here: crawlee's `wasAlreadyPresent` misses duplicates added concurrently.
    const fresh = requests.filter((r) => !queuedKeys.has(r.uniqueKey));
    if (fresh.length === 0) return;
    for (const r of fresh) {
      queuedKeys.add(r.uniqueKey);
      outstanding.set(r.uniqueKey, { url: r.url, kind: r.userData.kind });
    }
    const info = await queue.addRequests(fresh);
    const added = info.processedRequests.filter((r) => !r.wasAlreadyPresent).length;
    if (added > 0) bump('queued', added);
  };

  const enqueueArticles = async (urls: string[], depth: number) => {
    const batch: Array<{ url: string; uniqueKey: string; userData: RequestData }> = [];
    for (const url of urls) {
      let canonicalUrl: string;
      try {
        canonicalUrl = canonicalizeUrl(url, source.canonicalization);
      } catch {
        continue;
      }
      // Patterns describe article URLs, not their tracking decorations: a feed link with
      // `?utm_source=rss` is an article if its canonical form is.
      if (!isArticle(url) && !isArticle(canonicalUrl)) continue;
      const uniqueKey = `article:${canonicalUrl}`;
      // The same article from the feed, the sitemap and a listing uses the budget once.
      if (queuedKeys.has(uniqueKey) || batch.some((b) => b.uniqueKey === uniqueKey)) continue;
      if (articlesQueued >= source.maxArticlesPerRun) {
        log.warn({ max: source.maxArticlesPerRun }, 'maxArticlesPerRun reached; further links ignored');
        break;
      }
      articlesQueued++;
      batch.push({
        url: url.split('#')[0]!,
        uniqueKey,
        userData: { kind: 'article', depth, discovery: -1, canonicalUrl },
      });
    }
    await enqueue(batch);
  };

  // Discovery entries are re-seeded on every attempt (the attempt number is in their unique key):
  // a resumed run re-reads feeds and listings, which recovers any queue write a crash lost, while
  // articles keep their canonical key and are not fetched twice.
  const seeds: Array<{ url: string; uniqueKey: string; userData: RequestData }> = [];
  source.discovery.forEach((d, index) => {
    const key = (url: string) => `discovery:${run.attempts}:${index}:${url}`;
    if (d.type === 'feed' || d.type === 'sitemap') {
      seeds.push({ url: d.url, uniqueKey: key(d.url), userData: { kind: d.type, depth: 0, discovery: index } });
    } else {
      const queries = d.type === 'search' ? d.queries : [''];
      const paged = d.url.includes('{page}');
      for (const query of queries) {
        for (let page = 1; page <= (paged ? d.maxPages : 1); page++) {
          const url = expandTemplate(d.url, { page, query });
          seeds.push({
            url,
            uniqueKey: key(url),
            userData: { kind: d.type, depth: page, discovery: index, followNext: !paged },
          });
        }
      }
    }
  });
  await enqueue(seeds);

  const fetchOptions = {
    userAgent: crawl.userAgent,
    timeoutMs: crawl.requestTimeoutMs,
    maxBytes: crawl.maxPageBytes,
    signal: runAbort.signal,
  };
  const robots = shared.robots((url) => fetchOne(url));
  let successes = 0;

  async function fetchOne(url: string, headers?: Record<string, string>): Promise<FetchOutcome> {
    const host = new URL(url).host;
    let delayMs = 0;
    let concurrency = crawl.maxConcurrency;
    if (crawl.politeness) {
      concurrency = source.politeness.maxConcurrency;
      delayMs = source.politeness.minDelayMs;
      if (source.politeness.respectRobots && !url.endsWith('/robots.txt')) {
        const rules = await robots.rulesFor(url);
        if (rules.crawlDelayMs !== null)
          delayMs = Math.max(delayMs, Math.min(rules.crawlDelayMs, crawl.maxCrawlDelayMs));
      }
    }
    return fetchWithRetry(
      url,
      { ...fetchOptions, ...(headers ? { headers } : {}) },
      {
        maxRetries: crawl.maxRetries,
        baseDelayMs: crawl.retryBaseDelayMs,
        maxRetryAfterMs: crawl.maxRetryAfterMs,
        around: (attempt) => shared.limiter.run(host, { delayMs, concurrency }, attempt),
        onRetry: ({ attempt, delayMs: wait, error }) => log.debug({ url, attempt, wait, code: error.code }, 'retrying'),
      },
    );
  }

  const fail = (url: string, error: AppError, attempts: number, kind?: RequestKind) => {
    // A handler still running after the run was wrapped up (it ignored the abort) was already
    // recorded as unfinished; counting it again would double the failure.
    if (ended) return;
    if (kind === 'article') articles.failed++;
    bump('failed');
    errors[error.code] = (errors[error.code] ?? 0) + 1;
    const status = typeof error.details?.status === 'number' ? error.details.status : null;
    recordFailure(db, {
      url,
      sourceId: source.id,
      reason: error.code,
      message: error.message,
      status,
      attempts,
      lastAttemptAt: new Date().toISOString(),
      permanent: PERMANENT_CODES.has(error.code),
    });
    log.warn({ url, code: error.code, status, attempts }, 'fetch failed');
  };

  async function handle(url: string, data: RequestData): Promise<void> {
    if (data.kind === 'article') {
      const previous = getFailure(db, url);
      if (
        previous?.permanent &&
        Date.now() - Date.parse(previous.lastAttemptAt) < crawl.permanentFailureTtlHours * 3_600_000
      ) {
        // Not fetched again, but still an article the source fails to deliver: health counts it.
        articles.failed++;
        bump('skipped');
        return;
      }
    }
    if (source.politeness.respectRobots) {
      const rules = await robots.rulesFor(url);
      if (rules.origin === 'unreachable') {
        // RFC 9309: an unreachable robots.txt means "crawl nothing". That is the site failing, so it
        // counts against the source's health and the URLs are retried next run.
        const code = (rules.errorCode ?? 'FETCH_NETWORK') as AppError['code'];
        fail(
          url,
          new AppError(code, `robots.txt of ${new URL(url).origin} unreachable; nothing fetched`),
          0,
          data.kind,
        );
        return;
      }
      if (!rules.isAllowed(url)) {
        counts.disallowed++;
        bump('skipped');
        if (data.kind === 'article') {
          recordFailure(db, {
            url,
            sourceId: source.id,
            reason: 'FETCH_ROBOTS_DISALLOWED',
            message: 'disallowed by robots.txt',
            status: null,
            attempts: 0,
            lastAttemptAt: new Date().toISOString(),
            permanent: true,
          });
        }
        return;
      }
    }
    const doc =
      data.kind === 'article'
        ? (getDocumentByCanonicalUrl(db, data.canonicalUrl ?? url) ?? getDocumentByFetchedUrl(db, url))
        : null;
    const conditional: Record<string, string> = {};
    if (doc?.etag) conditional['if-none-match'] = doc.etag;
    if (doc?.lastModified) conditional['if-modified-since'] = doc.lastModified;
    const outcome = await fetchOne(url, conditional);
    if (!outcome.ok) {
      fail(url, outcome.error, outcome.attempts, data.kind);
      return;
    }
    successes++;
    const { response } = outcome;
    bump('fetched');
    counts.bytes += response.body.byteLength;
    if (response.status === 304) {
      counts.notModified++;
      if (doc) touchDocument(db, doc.id, new Date().toISOString());
      clearFailure(db, url);
      return;
    }
    const contentType = mimeType(response.headers['content-type']) || 'application/octet-stream';
    const isPdf = contentType === 'application/pdf' || response.body.subarray(0, 5).toString('latin1') === '%PDF-';
    if (data.kind !== 'article') {
      await discover(response.finalUrl, decodeBody(response.body, response.headers['content-type']).text, data);
      clearFailure(db, url);
      return;
    }
    let text: string;
    let charset: string | null = null;
    try {
      if (isPdf) text = (await extractPdfText(response.body)).text;
      else {
        const decoded = decodeBody(response.body, response.headers['content-type']);
        text = decoded.text;
        charset = decoded.charset;
      }
    } catch (cause) {
      fail(url, isAppError(cause) ? cause : new AppError('DECODE_FAILED', String(cause), { cause }), 1, data.kind);
      return;
    }
    const readable = isPdf ? text : visibleText(text);
    if (source.relevance.mode === 'keywords' && source.relevance.keywords.length > 0) {
      if (!matchesKeywords(readable, source.relevance.keywords)) {
        counts.irrelevant++;
        bump('skipped');
        clearFailure(db, url);
        return;
      }
    }
    // A redirect (old permalink → new one) names the document by where it landed, so the feed's
    // old link and the sitemap's new one are one document.
    let canonicalUrl = data.canonicalUrl ?? url;
    if (response.finalUrl !== url) {
      try {
        canonicalUrl = canonicalizeUrl(response.finalUrl, source.canonicalization);
      } catch {
        // keep the discovered URL's canonical form
      }
    }
    const stored = recordSnapshot(db, {
      sourceId: source.id,
      url,
      canonicalUrl,
      finalUrl: response.finalUrl,
      status: response.status,
      headers: response.headers,
      body: response.body,
      contentType: isPdf ? 'application/pdf' : contentType,
      charset,
      text,
      fetchedAt: new Date().toISOString(),
      etag: response.headers.etag ?? null,
      lastModified: response.headers['last-modified'] ?? null,
      // Versions follow the readable text (article, title, description), not the page chrome.
      contentHash: isPdf ? undefined : sha256(readable.replace(/\s+/g, ' ').trim().normalize('NFC')),
    });
    clearFailure(db, url);
    if (stored.changed) bump('stored');
    else counts.unchanged++;
    // CNDP communiqués link the full deliberation as a PDF: follow those one level deep.
    if (!isPdf && data.depth === 0 && /\.pdf\b/i.test(text)) {
      const pdfLinks = parseListing(text, response.finalUrl, /\.pdf(?:$|\?)/i).links;
      await enqueueArticles(pdfLinks, 1);
    }
  }

  async function discover(pageUrl: string, body: string, data: RequestData): Promise<void> {
    const entry = source.discovery[data.discovery];
    if (data.kind === 'feed' || data.kind === 'sitemap') {
      // Sites mislabel both ways (a sitemap URL configured as a feed); the root element decides.
      if (isSitemap(body)) {
        const sitemap = parseSitemap(body, pageUrl);
        await enqueueArticles(
          sitemap.pages.map((p) => p.url),
          0,
        );
        if (data.depth < crawl.maxSitemapDepth) {
          await enqueue(
            sitemap.sitemaps.map((url) => ({
              url,
              uniqueKey: `discovery:${run.attempts}:${data.discovery}:${url}`,
              userData: { kind: 'sitemap', depth: data.depth + 1, discovery: data.discovery },
            })),
          );
        }
      } else {
        await enqueueArticles(
          parseFeed(body, pageUrl).map((l) => l.url),
          0,
        );
      }
      return;
    }
    if (!entry || (entry.type !== 'listing' && entry.type !== 'search')) return;
    const listing = parseListing(body, pageUrl, new RegExp(entry.linkPattern));
    await enqueueArticles(listing.links, 0);
    if (data.followNext && listing.next && data.depth < entry.maxPages) {
      await enqueue([
        {
          url: listing.next,
          uniqueKey: `discovery:${run.attempts}:${data.discovery}:${listing.next}`,
          userData: { ...data, depth: data.depth + 1 },
        },
      ]);
    }
  }

  const worstCaseMs =
    (crawl.maxRetries + 1) * crawl.requestTimeoutMs + crawl.maxRetries * crawl.maxRetryAfterMs + crawl.maxCrawlDelayMs;
  const crawler = new BasicCrawler(
    {
      requestQueue: queue,
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
      requestHandler: async ({ request }) => {
        const data = request.userData as RequestData;
        try {
          await handle(request.url, data);
        } catch (cause) {
          const error = isAppError(cause) ? cause : new AppError('INTERNAL', String(cause), { cause });
          fail(request.url, error, 1, data.kind);
        } finally {
          if (!ended) {
            outstanding.delete(request.uniqueKey);
            if (data.kind === 'article') articles.attempted++;
          }
        }
      },
      // Only crawlee's own handler timeout lands here (our handler catches everything else): the
      // URL is recorded as failed, like any other failure, rather than silently dropped.
      failedRequestHandler: ({ request }, cause) => {
        const data = request.userData as RequestData;
        fail(
          request.url,
          new AppError('FETCH_TIMEOUT', `handler timed out: ${cause.message}`, { cause }),
          1,
          data.kind,
        );
        if (!ended && outstanding.delete(request.uniqueKey) && data.kind === 'article') articles.attempted++;
      },
    },
    config,
  );
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
    deadlineReached = true;
    log.warn({ runDeadlineMs: crawl.runDeadlineMs, outstanding: outstanding.size }, 'crawl run deadline reached');
    runAbort.abort();
    crawler.stop('run deadline reached');
  }, crawl.runDeadlineMs);
  let crashed: unknown = null;
  try {
    const outcome = await Promise.race([crawler.run(), gaveUp]);
    if (outcome === 'gave-up') log.error({ runId: run.id }, 'crawler did not stop after its deadline; abandoned');
  } catch (error) {
    // crawlee's own machinery failed (e.g. its queue files stayed locked). The run stays open so
    // the next one resumes it; the source is marked failing; other sources go on.
    crashed = error;
  } finally {
    clearTimeout(deadline);
    clearTimeout(hardStop);
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (deadlineReached && crashed === null && !options.signal?.aborted) {
    // Every URL the run did not finish ends as a recorded failure (retried next run: transient).
    const unfinished = new AppError('FETCH_TIMEOUT', 'the crawl run deadline passed before this URL was done');
    for (const { url, kind } of outstanding.values()) {
      fail(url, unfinished, 0, kind);
      if (kind === 'article') articles.attempted++;
    }
    outstanding.clear();
  }
  ended = true;

  const changedRows = documentsChangedSince(db, source.id, run.startedAt);
  const newIds = [...new Set(changedRows.filter((r) => r.versionNo === 1).map((r) => r.id))];
  const newSet = new Set(newIds);
  const changedIds = [...new Set(changedRows.filter((r) => r.versionNo > 1 && !newSet.has(r.id)).map((r) => r.id))];
  if (crashed !== null) {
    errors.INTERNAL = (errors.INTERNAL ?? 0) + 1;
    log.error({ err: crashed, runId: run.id }, 'crawler stopped unexpectedly; the queue is kept for the next run');
    recordSourceRun(db, source.id, {
      at: new Date().toISOString(),
      ok: false,
      errorCounts: { INTERNAL: 1 },
      error: String((crashed as Error).message ?? crashed),
    });
    return result('failed', run.resumed, newIds, changedIds);
  }
  if (options.signal?.aborted) {
    log.info({ runId: run.id }, 'crawl interrupted; the queue is kept for the next run');
    return result('aborted', run.resumed, newIds, changedIds);
  }
  // A source "fails" when nothing at all could be fetched (the site, or our route to it, is down)
  // or when most of its articles failed; a few failed articles leave it ok but say so.
  const reachable = successes > 0 || counts.failed === 0;
  const mostArticlesFailed = articles.attempted > 0 && articles.failed * 2 > articles.attempted;
  const ok = reachable && !mostArticlesFailed;
  const byCode = Object.entries(errors)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ');
  const error = !reachable
    ? `no page could be fetched (${Object.keys(errors).join(', ')})`
    : articles.failed > 0
      ? `${articles.failed} of ${articles.attempted} articles failed (${byCode})${deadlineReached ? '; run deadline reached' : ''}`
      : null;
  const at = new Date().toISOString();
  finishRun(db, run.id, ok ? 'ok' : 'failed', counts, at);
  recordSourceRun(db, source.id, { at, ok, errorCounts: errors, error, articles });
  await queue.drop().catch(() => {});
  rmSync(stateDir, { recursive: true, force: true });
  log.info(
    { status: ok ? 'ok' : 'failed', ...counts, new: newIds.length, changed: changedIds.length },
    'source crawled',
  );
  return result(ok ? 'ok' : 'failed', run.resumed, newIds, changedIds);
}

/**
 * A SIGKILL leaves the requests that were in flight locked (crawlee writes a lock expiry into each
 * request file), and the resumed run would wait the lock out or end without them. We only read
 * crawlee's files to find them; the unlock itself goes through crawlee's client.
 */
function findLockedRequests(stateDir: string): string[] {
  const dir = join(stateDir, 'request_queues', 'frontier');
  if (!existsSync(dir)) return [];
  const now = Date.now();
  const ids: string[] = [];
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.json') || file.startsWith('__')) continue;
    try {
      const entry = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { id?: string; orderNo?: number | null };
      if (entry.id && typeof entry.orderNo === 'number' && Math.abs(entry.orderNo) > now) ids.push(entry.id);
    } catch {
      // A file half-written at the crash: crawlee keeps its own in-memory copy and rewrites it.
    }
  }
  return ids;
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
