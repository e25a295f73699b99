// The read side of the index: /search, the alert engine's narrowed search and the cases search, as
// plain functions over the one client. Query planning lives in index/query.ts.
import { normalizeArabicQuery } from './arabic.ts';
import { EMBEDDER_NAME, type Embedder } from './embedder.ts';
import type { MeiliClient } from './meili-client.ts';
import type { CaseIndexRecord } from './projection.ts';
import {
  type DocumentQuery,
  type DocumentSearchResult,
  MAX_OFFSET_HITS,
  quote,
  runDocumentSearch,
  type SearchBackend,
} from './query.ts';
import type { IndexNames } from './settings.ts';
import type { QueryUnderstander } from './understand.ts';

export interface CaseQuery {
  q: string;
  type?: string;
  limit: number;
  offset: number;
}

export interface CaseHit {
  id: string;
  titleFr: string | null;
  titleAr: string | null;
  type: string | null;
  documentCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface SearchDeps {
  client: MeiliClient;
  names: IndexNames;
  understander: QueryUnderstander;
  embedder: Embedder | null;
}

function backend(deps: SearchDeps): SearchBackend {
  const { client, names, embedder } = deps;
  return {
    indexUid: names.documents,
    search: (body) => client.search(names.documents, body),
    embedQuery: embedder ? async (q) => (await embedder.embed([q]))[0] as number[] : undefined,
    embedderName: EMBEDDER_NAME,
  };
}

export function searchDocuments(deps: SearchDeps, query: DocumentQuery): Promise<DocumentSearchResult> {
  return runDocumentSearch(query, backend(deps), deps.understander);
}

/**
 * The ids among `documentIds` that /search would return for `query`: every request /search would
 * make, narrowed to these ids (values quoted by query.ts). Every word is required, as in /search's
 * date order: in relevance order Meilisearch drops trailing words when a page is not full, which a
 * handful of candidate ids always is. No vectors: the alert engine matches words.
 */
export async function searchDocumentsAmong(
  deps: SearchDeps,
  query: DocumentQuery,
  documentIds: readonly string[],
): Promise<string[]> {
  if (documentIds.length === 0) return [];
  const { client, names } = deps;
  const among = `documentId IN [${documentIds.map(quote).join(', ')}]`;
  const narrow = (body: object) => {
    const b = body as { filter?: unknown[]; q?: string };
    return { ...b, filter: [...(b.filter ?? []), among], ...(b.q ? { matchingStrategy: 'all' } : {}) };
  };
  const res = await runDocumentSearch(
    { ...query, limit: Math.min(MAX_OFFSET_HITS, documentIds.length * 4), offset: 0, cursor: undefined },
    {
      indexUid: names.documents,
      search: (body) => client.search(names.documents, narrow(body)),
    },
    deps.understander,
  );
  return [...new Set(res.hits.map((h) => h.id))];
}

/** Search the cases index (titles, subject and law names in every language). */
export async function searchCases(
  deps: Pick<SearchDeps, 'client' | 'names'>,
  query: CaseQuery,
): Promise<{ total: number; cases: CaseHit[] }> {
  const res = await deps.client.search<{ hits: CaseIndexRecord[]; estimatedTotalHits?: number }>(deps.names.cases, {
    q: normalizeArabicQuery(query.q),
    limit: query.limit,
    offset: query.offset,
    filter: query.type ? [`type = ${quote(query.type)}`] : [],
    attributesToRetrieve: ['id', 'title_fr', 'title_ar', 'type', 'documentCount', 'firstSeen', 'lastSeen'],
  });
  return {
    total: res.estimatedTotalHits ?? res.hits.length,
    cases: res.hits.map((h) => ({
      id: h.id,
      titleFr: h.title_fr,
      titleAr: h.title_ar,
      type: h.type,
      documentCount: h.documentCount,
      firstSeen: h.firstSeen,
      lastSeen: h.lastSeen,
    })),
  };
}
