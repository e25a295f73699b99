// The types alert modules share: what they need from outside (the search index, a logger) and the
// options of the HTTP routes. Apart from the modules that implement them, so none imports another
// in a circle.
import type { FastifyRequest } from 'fastify';
import type { DocumentQuery, GazetteerEntry } from '../../index/index.ts';
import type { Db } from '../../store/db.ts';
import type { LookupFn } from './ssrf.ts';

/** What matching needs from the search index (index/sync.ts). */
export interface AlertMatcher {
  /** The ids among `documentIds` that /search would return for `query`. */
  searchDocumentsAmong(query: DocumentQuery, documentIds: readonly string[]): Promise<string[]>;
}

export interface AlertLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

export interface AlertRoutesOptions {
  db: Db;
  /** Base of the links the API hands out; default: the request's own scheme and host. */
  publicUrl?: string;
  webhookAllowlist?: readonly string[];
  lookup?: LookupFn;
  /** Whether SMTP is configured: e-mail subscriptions are refused otherwise. */
  emailEnabled?: boolean;
  /** For previews (documents that would have matched); without it a preview is null. */
  matcher?: AlertMatcher;
  gazetteer: readonly GazetteerEntry[];
  authorize(req: FastifyRequest): string;
  /** A subscription changed (re-enabled...): the engine should look now. */
  onChange?: () => void;
  now: () => Date;
}
