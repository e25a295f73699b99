import { z } from 'zod';

/** Crawl settings read from the environment (parsed once by the root `config.ts`). */
export const crawlConfigSchema = z.object({
  userAgent: z
    .string()
    .min(1)
    .default('RaqibBot/0.1 (+https://github.com/raqib-ma/raqib; data-protection enforcement register)'),
  requestTimeoutMs: z.coerce.number().int().positive().default(30_000),
  maxPageBytes: z.coerce.number().int().positive().default(15 * 1024 * 1024),
  maxRetries: z.coerce.number().int().min(0).max(10).default(3),
  /** Politeness (robots.txt crawl-delay, per-host rate limit). Off only for benchmarks. */
  politeness: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  maxConcurrency: z.coerce.number().int().positive().default(4),
});
export type CrawlConfig = z.infer<typeof crawlConfigSchema>;
