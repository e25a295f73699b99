import { z } from 'zod';

/** Crawl settings read from the environment (parsed once by the root `config.ts`). */
export const crawlConfigSchema = z.object({
  userAgent: z
    .string()
    .min(1)
    .default('RaqibBot/0.1 (+https://github.com/raqib-ma/raqib; data-protection enforcement register)'),
  requestTimeoutMs: z.coerce.number().int().positive().default(30_000),
  maxPageBytes: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 1024 * 1024),
  maxRetries: z.coerce.number().int().min(0).max(10).default(3),
  /** Politeness (robots.txt crawl-delay, per-host rate limit). Off only for benchmarks. */
  politeness: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  maxConcurrency: z.coerce.number().int().positive().default(4),
  /** Sources crawled at the same time (each host keeps its own politeness limits). */
  sourceConcurrency: z.coerce.number().int().positive().default(4),
  /** First retry delay; doubles each attempt (with jitter). */
  retryBaseDelayMs: z.coerce.number().int().min(0).default(1_000),
  /** A Retry-After longer than this fails the URL for this run instead of stalling the crawl. */
  maxRetryAfterMs: z.coerce.number().int().min(0).default(120_000),
  /** A URL that failed permanently (404, too large) is not tried again for this long. */
  permanentFailureTtlHours: z.coerce
    .number()
    .min(0)
    .default(24 * 7),
  /** Cap on a robots.txt Crawl-delay we honour (a site asking for hours would stall every run). */
  maxCrawlDelayMs: z.coerce.number().int().min(0).default(60_000),
  /**
   * A source's crawl run ends by this time whatever its URLs do (hanging, dripping, retrying):
   * requests in flight are aborted and every URL not done is recorded as failed.
   */
  runDeadlineMs: z.coerce
    .number()
    .int()
    .min(1000)
    .default(30 * 60_000),
  /** A JSON or YAML file of extra sources (same schema as the built-in ones), merged with them. */
  sourcesFile: z.string().min(1).optional(),
  /** Sitemap indexes nest; deeper chains are a misconfiguration or a trap. */
  maxSitemapDepth: z.coerce.number().int().min(0).default(3),
});
export type CrawlConfig = z.infer<typeof crawlConfigSchema>;
