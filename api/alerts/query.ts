// A saved search is /search's own querystring (its filter parameters), validated by the same JSON
// schema and turned into an index query by the same function, so "the same typed filters as
// /search" holds by construction rather than by keeping two lists in step.
import type { DocumentQuery } from '../../index/index.ts';
import type { SavedSearch } from '../../store/subscriptions.ts';
import { ENTITY_FILTER_PARAMS, type SearchQuerystring, searchQuerySchema, toDocumentQuery } from '../search-route.ts';

/** The /search parameters a saved search keeps: the query and its filters (no paging, dates or facets). */
const SAVED_SEARCH_FIELDS = ['q', ...ENTITY_FILTER_PARAMS, 'topic', 'caseId', 'relevant', 'includeDuplicates'] as const;

const props = searchQuerySchema.properties as Record<string, object>;

export const savedSearchJsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: "The query and filters of GET /search (same names, same values); they match as /search's do.",
  properties: Object.fromEntries(SAVED_SEARCH_FIELDS.map((f) => [f, props[f]])),
} as const;

export function toSavedQuery(saved: SavedSearch, limit: number): DocumentQuery {
  const qs: SearchQuerystring = {
    ...(saved as Omit<SearchQuerystring, 'sort' | 'limit' | 'offset'>),
    q: saved.q ?? '',
    relevant: saved.relevant ?? 'true',
    includeDuplicates: saved.includeDuplicates ?? false,
    sort: 'relevance',
    limit,
    offset: 0,
  } as SearchQuerystring;
  return toDocumentQuery(qs);
}
