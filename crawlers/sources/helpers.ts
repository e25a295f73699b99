import type { SourceConfigInput } from '../source-config.ts';
import { PRESS_KEYWORDS } from './keywords.ts';

/** One regular expression (source text) matching any of the given ones; listings reuse article patterns. */
export function anyOf(patterns: readonly string[]): string {
  return patterns.map((p) => `(?:${p})`).join('|');
}

/**
 * A press source: keeps only pages matching the shared vocabulary. Politeness stays at the schema
 * defaults (2 s per host, one request at a time) because these are small newsrooms' servers.
 */
export function press(input: Omit<SourceConfigInput, 'relevance'>): SourceConfigInput {
  return { ...input, relevance: { mode: 'keywords', keywords: [...PRESS_KEYWORDS] } };
}

/** WordPress AMP views (`…/amp/`, `?amp=1`) are alternates of the article itself. */
export function ampRewrites(escapedOrigin: string): [string, string][] {
  return [
    [`^(${escapedOrigin}/.+?)/amp/?$`, '$1/'],
    [`^(${escapedOrigin}/[^?#]+)\\?amp(?:=1)?$`, '$1'],
  ];
}
