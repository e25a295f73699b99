// Sources are data: every outlet is one validated `SourceConfig` value read by one generic crawler.
// Adding a WordPress / SPIP / sitemap / JSON-LD site is a config entry, not code.
import { z } from 'zod';

/** How sure we are of a fact about a real site (see shared SOURCES.md): seen, third-party, guess. */
export const evidenceSchema = z.enum(['seen', '3rd-party', 'guess']);

const urlString = z.string().url();

export const discoverySchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('feed'),
    /** RSS 2.0, Atom or SPIP `spip.php?page=backend`. */
    url: urlString,
    evidence: evidenceSchema,
  }),
  z.object({
    type: z.literal('sitemap'),
    /** A sitemap or sitemap index (nested indexes are followed). */
    url: urlString,
    evidence: evidenceSchema,
  }),
  z.object({
    type: z.literal('listing'),
    /** A list page; `{page}` in the URL is replaced by 1..maxPages when present. */
    url: urlString,
    /** Regular expression (source text) that article links must match to be enqueued. */
    linkPattern: z.string().min(1),
    /** Follow `rel="next"` / pagination links up to this many pages. */
    maxPages: z.number().int().positive().default(3),
    evidence: evidenceSchema,
  }),
  z.object({
    type: z.literal('search'),
    /** Site search for backfill; `{query}` (URL-encoded) and optional `{page}` are substituted. */
    url: urlString,
    queries: z.array(z.string().min(1)).min(1),
    linkPattern: z.string().min(1),
    maxPages: z.number().int().positive().default(2),
    evidence: evidenceSchema,
  }),
]);
export type Discovery = z.infer<typeof discoverySchema>;

export const sourceConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  name: z.string().min(1),
  /** The outlet as readers know it (one outlet may have several sources, one per edition). */
  outlet: z.string().min(1),
  languages: z.array(z.enum(['fr', 'ar', 'en'])).min(1),
  kind: z.enum(['regulator', 'press', 'aggregator']),
  homepage: urlString,
  discovery: z.array(discoverySchema).min(1),
  /** Article URLs must match one of these (regex source text); anything else is not stored. */
  articlePatterns: z.array(z.string().min(1)).default([]),
  canonicalization: z
    .object({
      /** Query parameters removed from every URL (exact names or `prefix*`). */
      stripParams: z.array(z.string()).default(['utm_*', 'fbclid', 'gclid', 'noamp', 'random-post', 'wpv_*']),
      forceHttps: z.boolean().default(true),
      /** Trailing slash policy for paths. */
      trailingSlash: z.enum(['keep', 'add', 'remove']).default('keep'),
      /** [pattern, replacement] pairs applied to the URL string, e.g. AMP or print views → article. */
      rewrites: z.array(z.tuple([z.string(), z.string()])).default([]),
    })
    .prefault({}),
  relevance: z
    .object({
      /** Press sources keep only pages matching one of these terms (case/accent-insensitive). */
      mode: z.enum(['all', 'keywords']).default('keywords'),
      keywords: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  /** node-cron expression. */
  schedule: z.string().min(1),
  politeness: z
    .object({
      /** Minimum delay between two requests to the same host (robots.txt crawl-delay wins if larger). */
      minDelayMs: z.number().int().min(0).default(2_000),
      maxConcurrency: z.number().int().positive().default(1),
      respectRobots: z.boolean().default(true),
    })
    .prefault({}),
  /** Stop discovery after this many new article URLs per run (protects against runaway listings). */
  maxArticlesPerRun: z.number().int().positive().default(200),
  enabled: z.boolean().default(true),
  notes: z.string().optional(),
});
export type SourceConfig = z.infer<typeof sourceConfigSchema>;
export type SourceConfigInput = z.input<typeof sourceConfigSchema>;

/** The first article or link pattern that is not a valid regular expression, described; else null. */
export function checkPatterns(source: SourceConfig): string | null {
  const linkPatterns = source.discovery.flatMap((d) =>
    d.type === 'listing' || d.type === 'search' ? [d.linkPattern] : [],
  );
  for (const pattern of [...source.articlePatterns, ...linkPatterns]) {
    try {
      new RegExp(pattern, 'u');
    } catch {
      return `bad pattern ${pattern}`;
    }
  }
  return null;
}
