// `raqib sources`: every configured source with what the store knows of its health.
import type { Db } from '../store/db.ts';
import { countBySource, listSourceHealth, type SourceHealth } from '../store/sources.ts';
import type { SourceConfig } from './source-config.ts';

export interface SourceWithHealth {
  id: string;
  name: string;
  outlet: string;
  kind: SourceConfig['kind'];
  languages: SourceConfig['languages'];
  enabled: boolean;
  schedule: string;
  /** Never crawled yet when null. */
  health: SourceHealth | null;
  documents: number;
  /** URLs whose last attempt failed, transient and permanent. */
  failingUrls: number;
  /**
   * `ok`, `degraded` (reached, but some articles of the last run failed), `failing` (last run
   * failed: site unreachable or most articles failed), `backoff` (paused), `never`, `disabled`.
   */
  state: 'ok' | 'degraded' | 'failing' | 'backoff' | 'never' | 'disabled';
}

export function listSourcesWithHealth(db: Db, sources: readonly SourceConfig[], now = new Date()): SourceWithHealth[] {
  const health = new Map(listSourceHealth(db).map((h) => [h.sourceId, h]));
  const counts = countBySource(db);
  return sources.map((source) => {
    const h = health.get(source.id) ?? null;
    const state: SourceWithHealth['state'] = !source.enabled
      ? 'disabled'
      : !h?.lastRunAt
        ? 'never'
        : h.backoffUntil && Date.parse(h.backoffUntil) > now.getTime()
          ? 'backoff'
          : h.consecutiveFailures > 0
            ? 'failing'
            : (h.lastRunArticles?.failed ?? 0) > 0
              ? 'degraded'
              : 'ok';
    return {
      id: source.id,
      name: source.name,
      outlet: source.outlet,
      kind: source.kind,
      languages: source.languages,
      enabled: source.enabled,
      schedule: source.schedule,
      health: h,
      documents: counts.documents.get(source.id) ?? 0,
      failingUrls: counts.failingUrls.get(source.id) ?? 0,
      state,
    };
  });
}
