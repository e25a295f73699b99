// The system's own state: crawl health per source, and the store, index and scheduler status that
// monitors poll. Both are public; they show statuses and counts, never error texts or addresses.
import type { IndexHealth, SearchIndex } from '../index/index.ts';
import { type Db, pingDb } from '../store/db.ts';
import { getSourceConfig, listSourceHealth } from '../store/sources.ts';
import { errorBody } from './errors.ts';
import type { TypedApp } from './route-schemas.ts';

export interface SchedulerStatus {
  status: 'running' | 'stopped' | 'not_configured';
  [detail: string]: unknown;
}

export interface SystemRoutesDeps {
  db: Db;
  search: Pick<SearchIndex, 'health'>;
  now: () => Date;
  scheduler?: () => SchedulerStatus;
}

export function registerSourceRoutes(app: TypedApp, deps: Pick<SystemRoutesDeps, 'db' | 'now'>): void {
  const { db } = deps;
  app.get('/sources', { schema: { tags: ['system'], summary: 'Crawl health per source' } }, async () => {
    const sources = listSourceHealth(db).map((h) => {
      const config = getSourceConfig(db, h.sourceId) as Record<string, unknown> | null;
      return {
        ...h,
        name: typeof config?.name === 'string' ? config.name : null,
        kind: typeof config?.kind === 'string' ? config.kind : null,
        languages: Array.isArray(config?.languages) ? config.languages : [],
        outlet: typeof config?.outlet === 'string' ? config.outlet : null,
        backingOff: h.backoffUntil !== null && Date.parse(h.backoffUntil) > deps.now().getTime(),
      };
    });
    return { sources };
  });
}

export function registerHealthRoute(app: TypedApp, deps: Omit<SystemRoutesDeps, 'now'>): void {
  const { db, search } = deps;
  app.get(
    '/health',
    { schema: { tags: ['system'], summary: 'Store, index and scheduler status' } },
    async (req, reply) => {
      // Public: statuses and counts only. Error texts are logged, not shown — they carry internal
      // addresses (Meilisearch's URL and port) and file paths.
      let store: { status: 'ok' | 'unavailable'; error?: string } = { status: 'ok' };
      try {
        pingDb(db);
      } catch (e) {
        req.log.warn({ err: (e as Error).message }, 'health: store unavailable');
        store = { status: 'unavailable', error: 'store unavailable' };
      }
      let index: Omit<IndexHealth, 'url'>;
      try {
        const { url: _url, error, ...rest } = await search.health();
        if (error) req.log.warn({ err: error }, 'health: index unavailable');
        index = error ? { ...rest, error: 'search index unreachable' } : rest;
      } catch (e) {
        req.log.warn({ err: (e as Error).message }, 'health: index unavailable');
        index = { status: 'unavailable', managed: false, queued: -1, parked: 0, error: 'search index unreachable' };
      }
      const scheduler = deps.scheduler?.() ?? { status: 'not_configured' as const };
      const status = store.status !== 'ok' ? 'unavailable' : index.status !== 'ok' ? 'degraded' : 'ok';
      reply.header('cache-control', 'no-store');
      if (status === 'unavailable')
        return reply
          .status(503)
          .send({ status, store, index, scheduler, ...errorBody('INTERNAL', 'store unavailable') });
      return { status, store, index, scheduler };
    },
  );
}
