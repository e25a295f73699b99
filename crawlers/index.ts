// The crawl side of Raqib: what entry points (cli.ts, app.ts) and the bench use.
export { type Canonicalization, canonicalizeUrl } from './canonicalize.ts';
export { type CrawlConfig, crawlConfigSchema } from './config.ts';
export { type CrawlSourcesOptions, type CrawlSummary, crawlSources } from './crawl.ts';
export { type Decoded, decodeBody } from './decode.ts';
export { type DiscoveredLink, parseFeed, parseListing, parseSitemap } from './discovery.ts';
export { listSourcesWithHealth, type SourceWithHealth } from './health.ts';
export { HostLimiter, type HostLimits } from './host-limiter.ts';
export { type PdfText, readPdfText } from './pdf.ts';
export { createProgressReporter, type ProgressReporter, type ProgressReporterOptions } from './progress.ts';
export { foldText, matchesKeywords } from './relevance.ts';
export { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler.ts';
export { type SourceConfig, type SourceConfigInput, sourceConfigSchema } from './source-config.ts';
export type { CrawlCounts, CrawlProgress, SourceCrawlResult, SourceCrawlStatus } from './types.ts';
