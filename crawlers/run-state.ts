// The state of one source's crawl run, in one object: counters, the frontier (queue access with the
// run's own bookkeeping of what it took on), failures and the health verdict. Handlers change the
// run only through it, so each handler can be run alone against a fresh state and its effects read
// back (what was enqueued, counted, recorded as failed).
import type { RequestQueue } from '@crawlee/basic';
import type { Logger } from 'pino';
import type { AppError } from '../pipeline/errors.ts';
import type { Db } from '../store/db.ts';
import { clearFailure, recordFailure } from '../store/frontier.ts';
import { canonicalizeUrl } from './canonicalize.ts';
import { safeDecode } from './discovery.ts';
import type { SourceConfig } from './source-config.ts';
import {
  type CrawlCounts,
  type CrawlProgress,
  type CrawlRequest,
  emptyCounts,
  type RequestData,
  type RequestLabel,
  type SourceCrawlResult,
  type SourceCrawlStatus,
} from './types.ts';

/** Failures not worth retrying soon: the URL is skipped until `permanentFailureTtlHours` pass. */
const PERMANENT_CODES = new Set([
  'FETCH_HTTP_4XX',
  'FETCH_TOO_LARGE',
  'FETCH_ROBOTS_DISALLOWED',
  'DECODE_FAILED',
  'PDF_FAILED',
]);

/** Whether a URL is one of the source's articles (any URL, when it names no patterns). */
export function articleMatcher(source: SourceConfig): (url: string) => boolean {
  const patterns = source.articlePatterns.map((p) => new RegExp(p));
  return (url) => patterns.length === 0 || patterns.some((re) => re.test(url) || re.test(safeDecode(url)));
}

export interface RunStateOptions {
  source: SourceConfig;
  db: Db;
  log: Logger;
  queue: RequestQueue;
  /** The run's attempt number (1 + resumptions): discovery keys carry it, see `discoveryKey`. */
  attempt: number;
  isArticle: (url: string) => boolean;
  /** When the source's run began (its duration is measured from here); defaults to now. */
  startedAt?: number;
  /** Progress summed over every source of the call; this run adds to it. */
  progress?: CrawlProgress;
  onProgress?: (progress: CrawlProgress) => void;
}

export interface RunVerdict {
  ok: boolean;
  error: string | null;
}

export class RunState {
  readonly source: SourceConfig;
  readonly db: Db;
  readonly log: Logger;
  readonly counts: CrawlCounts = emptyCounts();
  /** Failures of this run by error code. */
  readonly errors: Record<string, number> = {};
  readonly articles = { attempted: 0, failed: 0 };
  /** Fetches that got an answer (any status): zero with failures means the site was unreachable. */
  successes = 0;
  deadlineReached = false;
  readonly startedAt: number;
  readonly #queue: RequestQueue;
  readonly #attempt: number;
  readonly #isArticle: (url: string) => boolean;
  readonly #progress: CrawlProgress;
  readonly #onProgress: ((progress: CrawlProgress) => void) | undefined;
  #articlesQueued = 0;
  readonly #queuedKeys = new Set<string>();
  // Every URL this run took on, until it ends in a success or a recorded failure: what is left
  // when the deadline strikes is recorded as failed, so no URL silently vanishes from a run.
  readonly #outstanding = new Map<string, { url: string; kind: RequestLabel }>();
  #ended = false;

  constructor(options: RunStateOptions) {
    this.source = options.source;
    this.db = options.db;
    this.log = options.log;
    this.#queue = options.queue;
    this.#attempt = options.attempt;
    this.startedAt = options.startedAt ?? Date.now();
    this.#isArticle = options.isArticle;
    this.#progress = options.progress ?? { queued: 0, fetched: 0, stored: 0, failed: 0, skipped: 0 };
    this.#onProgress = options.onProgress;
  }

  get outstandingCount(): number {
    return this.#outstanding.size;
  }

  bump(key: keyof CrawlProgress, n = 1): void {
    this.counts[key] += n;
    this.#progress[key] += n;
    this.#onProgress?.({ ...this.#progress });
  }

  /**
   * Discovery entries are re-seeded on every attempt (the attempt number is in their unique key):
   * a resumed run re-reads feeds and listings, which recovers any queue write a crash lost, while
   * articles keep their canonical key and are not fetched twice.
   */
  discoveryKey(discovery: number, url: string): string {
    return `discovery:${this.#attempt}:${discovery}:${url}`;
  }

  async enqueue(requests: CrawlRequest[]): Promise<void> {
    // Counted by unique key here: crawlee's `wasAlreadyPresent` misses duplicates added concurrently.
    const fresh = requests.filter((r) => !this.#queuedKeys.has(r.uniqueKey));
    if (fresh.length === 0) return;
    for (const r of fresh) {
      this.#queuedKeys.add(r.uniqueKey);
      this.#outstanding.set(r.uniqueKey, { url: r.url, kind: r.userData.kind });
    }
    const info = await this.#queue.addRequests(fresh);
    const added = info.processedRequests.filter((r) => !r.wasAlreadyPresent).length;
    if (added > 0) this.bump('queued', added);
  }

  /** Queue the links that are articles of this source, within its per-run budget. */
  async enqueueArticles(urls: string[], depth: number): Promise<void> {
    const { source } = this;
    const batch: CrawlRequest[] = [];
    for (const url of urls) {
      let canonicalUrl: string;
      try {
        canonicalUrl = canonicalizeUrl(url, source.canonicalization);
      } catch {
        continue;
      }
      // Patterns describe article URLs, not their tracking decorations: a feed link with
      // `?utm_source=rss` is an article if its canonical form is.
      if (!this.#isArticle(url) && !this.#isArticle(canonicalUrl)) continue;
      const uniqueKey = `article:${canonicalUrl}`;
      // The same article from the feed, the sitemap and a listing uses the budget once.
      if (this.#queuedKeys.has(uniqueKey) || batch.some((b) => b.uniqueKey === uniqueKey)) continue;
      if (this.#articlesQueued >= source.maxArticlesPerRun) {
        this.log.warn({ max: source.maxArticlesPerRun }, 'maxArticlesPerRun reached; further links ignored');
        break;
      }
      this.#articlesQueued++;
      batch.push({
        url: url.split('#')[0]!,
        uniqueKey,
        userData: { kind: 'article', depth, discovery: -1, canonicalUrl },
      });
    }
    await this.enqueue(batch);
  }

  /** A URL ended in a recorded failure (transient or permanent, by its code). */
  fail(url: string, error: AppError, attempts: number, kind?: RequestLabel): void {
    // A handler still running after the run was wrapped up (it ignored the abort) was already
    // recorded as unfinished; counting it again would double the failure.
    if (this.#ended) return;
    if (kind === 'article') this.articles.failed++;
    this.bump('failed');
    this.errors[error.code] = (this.errors[error.code] ?? 0) + 1;
    const status = typeof error.details?.status === 'number' ? error.details.status : null;
    recordFailure(this.db, {
      url,
      sourceId: this.source.id,
      reason: error.code,
      message: error.message,
      status,
      attempts,
      lastAttemptAt: new Date().toISOString(),
      permanent: PERMANENT_CODES.has(error.code),
    });
    this.log.warn({ url, code: error.code, status, attempts }, 'fetch failed');
  }

  /** robots.txt forbids the URL: skipped, and an article is remembered as a permanent failure. */
  disallowed(url: string, kind: RequestLabel): void {
    this.counts.disallowed++;
    this.bump('skipped');
    if (kind !== 'article') return;
    recordFailure(this.db, {
      url,
      sourceId: this.source.id,
      reason: 'FETCH_ROBOTS_DISALLOWED',
      message: 'disallowed by robots.txt',
      status: null,
      attempts: 0,
      lastAttemptAt: new Date().toISOString(),
      permanent: true,
    });
  }

  /** The URL was handled (whatever the outcome): any failure it had on record is over. */
  succeeded(url: string): void {
    clearFailure(this.db, url);
  }

  /**
   * The handler returned (any outcome). An article counts as attempted even when this process did
   * not queue it: a resumed run finishes articles the interrupted one took on.
   */
  handled(request: { uniqueKey: string; userData: RequestData }): void {
    if (this.#ended) return;
    this.#outstanding.delete(request.uniqueKey);
    if (request.userData.kind === 'article') this.articles.attempted++;
  }

  /** crawlee gave up on the handler (its own timeout); the failure itself goes through `fail`. */
  abandoned(request: { uniqueKey: string; userData: RequestData }): void {
    if (this.#ended) return;
    if (this.#outstanding.delete(request.uniqueKey) && request.userData.kind === 'article') this.articles.attempted++;
  }

  /** The deadline passed: every URL the run did not finish ends as a (transient) recorded failure. */
  failUnfinished(error: AppError): void {
    for (const { url, kind } of this.#outstanding.values()) {
      this.fail(url, error, 0, kind);
      if (kind === 'article') this.articles.attempted++;
    }
    this.#outstanding.clear();
  }

  /** Wrap the run up: later reports from handlers that ignored the abort change nothing. */
  end(): void {
    this.#ended = true;
  }

  /**
   * A source "fails" when nothing at all could be fetched (the site, or our route to it, is down)
   * or when most of its articles failed; a few failed articles leave it ok but say so.
   */
  verdict(): RunVerdict {
    const { articles, errors, counts } = this;
    const reachable = this.successes > 0 || counts.failed === 0;
    const mostArticlesFailed = articles.attempted > 0 && articles.failed * 2 > articles.attempted;
    const byCode = Object.entries(errors)
      .map(([code, n]) => `${code}: ${n}`)
      .join(', ');
    const error = !reachable
      ? `no page could be fetched (${Object.keys(errors).join(', ')})`
      : articles.failed > 0
        ? `${articles.failed} of ${articles.attempted} articles failed (${byCode})${this.deadlineReached ? '; run deadline reached' : ''}`
        : null;
    return { ok: reachable && !mostArticlesFailed, error };
  }

  result(
    status: SourceCrawlStatus,
    resumed: boolean,
    newIds: string[] = [],
    changedIds: string[] = [],
  ): SourceCrawlResult {
    return {
      sourceId: this.source.id,
      status,
      resumed,
      counts: this.counts,
      newDocumentIds: newIds,
      changedDocumentIds: changedIds,
      errors: this.errors,
      articles: this.articles,
      deadlineReached: this.deadlineReached,
      durationMs: Date.now() - this.startedAt,
    };
  }
}
