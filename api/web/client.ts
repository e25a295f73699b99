// The page reads the API's own JSON endpoints in-process (`inject`): the same validation, search
// semantics and errors as any client, with no second copy of the search logic and no network hop.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DocumentSearchResult, SearchHit } from '../../index/index.ts';
import { AppError, ERROR_CODES, type ErrorCode } from '../../pipeline/errors.ts';
import type { CaseRecord as CaseRecordBase } from '../../pipeline/link/index.ts';
import type { UiLang } from './i18n.ts';

/** A search response, with what issue 9 adds when present (how `q` was understood, hits via a case). */
export type SearchResponse = Omit<DocumentSearchResult, 'processingTimeMs' | 'hits' | 'understood'> & {
  understood?: unknown;
  hits: (SearchHit & Record<string, unknown>)[];
};

export interface DocumentResponse {
  id: string;
  url: string | null;
  sourceId: string | null;
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  analysis: {
    title: string | null;
    text: string;
    language: string;
    publishedAt: string | null;
    updatedAt: string | null;
    author: string | null;
    outlet: string | null;
    sourceKind: string | null;
    relevant: boolean;
    rejectedReason: string | null;
  } | null;
  entities: Record<string, EntityWithMentions[]> | null;
  duplicates: { canonicalId: string; memberIds: string[]; isDuplicate: boolean } | null;
  cases: { caseId: string | null; mentionedCaseIds: string[] };
  versions: { versionNo: number; contentHash: string; createdAt: string; snapshot: string }[];
  snapshot: string | null;
}

export interface EntityWithMentions {
  id?: string;
  name?: string;
  label?: string;
  type?: string;
  date?: string | null;
  kind?: string;
  mentions: { start: number; end: number; text: string }[];
}

export interface EntityResponse {
  id: string;
  type: string | null;
  kind: string | null;
  names: { fr: string[]; ar: string[]; en: string[] };
  variants: string[];
  documentCount: number;
  documents: {
    id: string;
    title: string | null;
    language: string;
    publishedAt: string | null;
    outlet: string | null;
  }[];
  caseIds: string[];
}

export interface SourceHealth {
  sourceId: string;
  name: string | null;
  kind: string | null;
  languages: string[];
  outlet: string | null;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  consecutiveFailures: number;
  errorCounts: Record<string, number>;
  lastError: string | null;
  backingOff: boolean;
}

export interface CaseListItem {
  id: string;
  titleFr: string;
  titleAr: string;
  type: string;
  documentCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

/** `/cases/:id`: the record, and the id asked for when it redirected (a merged case). */
export type CaseRecord = CaseRecordBase & { redirectedFrom?: string | null };

// Credentials the browser sent are passed on, so a server that requires a key for reads serves
// the page to whoever holds one.
const FORWARDED = ['authorization', 'x-api-key'] as const;

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  /** Like `get`, but a 404 is `null`. */
  find<T>(path: string): Promise<T | null>;
}

export function createApiClient(app: FastifyInstance, req: FastifyRequest): ApiClient {
  const headers: Record<string, string> = {};
  for (const h of FORWARDED) {
    const v = req.headers[h];
    if (typeof v === 'string') headers[h] = v;
  }
  const get = async <T>(path: string): Promise<T> => {
    const res = await app.inject({ method: 'GET', url: path, headers });
    if (res.statusCode === 200) return res.json() as T;
    let code = 'INTERNAL';
    let message = `HTTP ${res.statusCode}`;
    try {
      const body = res.json() as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? code;
      message = body.error?.message ?? message;
    } catch {
      // not JSON: keep the status line
    }
    throw new AppError(code in ERROR_CODES ? (code as ErrorCode) : 'INTERNAL', message);
  };
  return {
    get,
    async find<T>(path: string) {
      try {
        return await get<T>(path);
      } catch (e) {
        if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
        throw e;
      }
    },
  };
}

/**
 * Display names of organizations and laws (facet values, mentions) from `/entities/:id`, in the
 * interface language when the gazetteer has it. Names change only with the gazetteer, so they are
 * kept a few minutes; the map is bounded.
 */
export function createNameCache(ttlMs = 5 * 60_000, max = 2000) {
  const cache = new Map<string, { at: number; entity: EntityResponse | null }>();
  return async (api: ApiClient, id: string, lang: UiLang): Promise<string> => {
    let hit = cache.get(id);
    if (!hit || Date.now() - hit.at > ttlMs) {
      const entity = await api.find<EntityResponse>(`/entities/${encodeURIComponent(id)}`).catch(() => null);
      hit = { at: Date.now(), entity };
      if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      cache.set(id, hit);
    }
    return entityName(hit.entity, lang) ?? id;
  };
}

export function entityName(entity: EntityResponse | null, lang: UiLang): string | null {
  if (!entity) return null;
  return entity.names[lang][0] ?? entity.names.fr[0] ?? entity.names.en[0] ?? entity.variants[0] ?? null;
}
