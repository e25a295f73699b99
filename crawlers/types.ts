// The crawler's shared vocabulary: what a run counts, what it returns, and the requests it queues.
// Kept apart from crawl.ts so the run state, the handlers and the run loop share it without
// importing each other.

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

/** The page label a request is routed by (crawlee's router-by-label). */
export type RequestLabel = 'feed' | 'sitemap' | 'listing' | 'search' | 'article';

export interface RequestData {
  kind: RequestLabel;
  /** Listing/search page number, sitemap nesting depth, or article link depth. */
  depth: number;
  /** Index of the discovery entry that produced the request (listing/search link patterns). */
  discovery: number;
  /** When a listing URL has no `{page}` placeholder, pagination follows rel="next". */
  followNext?: boolean;
  canonicalUrl?: string;
}

/** One entry of the source's request queue, as crawlee stores it. */
export interface CrawlRequest {
  url: string;
  uniqueKey: string;
  userData: RequestData;
}

export function emptyCounts(): CrawlCounts {
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
