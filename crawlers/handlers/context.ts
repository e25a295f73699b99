// What a page handler is given: the source, the crawl settings, the store, the run's state and its
// fetcher. Handlers are plain functions of this context and one request, routed by label.
import type { Logger } from 'pino';
import type { Db } from '../../store/db.ts';
import type { CrawlConfig } from '../config.ts';
import type { RunState } from '../run-state.ts';
import type { SourceConfig } from '../source-config.ts';
import type { SourceFetcher } from '../source-fetcher.ts';
import type { RequestData } from '../types.ts';

export interface HandlerContext {
  source: SourceConfig;
  crawl: CrawlConfig;
  db: Db;
  log: Logger;
  state: RunState;
  fetcher: SourceFetcher;
}

export interface HandlerRequest {
  url: string;
  data: RequestData;
}

export type PageHandler = (ctx: HandlerContext, request: HandlerRequest) => Promise<void>;
