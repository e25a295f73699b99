// The search index: Meilisearch as a rebuildable projection of the store.
export { normalizeArabicForIndex, normalizeArabicQuery, stemArabicWord } from './arabic.ts';
export type { CaseReader } from './case-reader.ts';
export { type IndexConfig, indexConfigSchema } from './config.ts';
export { type EnqueuedTask, MeiliClient, type MeiliClientOptions, type MeiliEndpoint } from './meili-client.ts';
export {
  buildCaseRecord,
  buildDocumentRecord,
  type CaseIndexRecord,
  type CaseLinks,
  type CaseSource,
  type DocumentIndexRecord,
  type DocumentSource,
} from './projection.ts';
export {
  type DocumentQuery,
  type DocumentSearchResult,
  FACETS,
  type FacetName,
  MAX_OFFSET_HITS,
  planDocumentSearch,
  type SearchHit,
  type SortOrder,
  type Understood,
} from './query.ts';
export type { ReindexProgress } from './reindex.ts';
export { createSearchIndex, type IndexHealth, type SearchIndex, type SearchIndexOptions } from './search-index.ts';
export type { CaseHit, CaseQuery } from './searches.ts';
export { findMeiliBinary, type Log, type MeiliServer, resolveMeilisearch } from './server.ts';
export { buildSynonyms, type GazetteerEntry, indexNames, lawNumberVariants } from './settings.ts';
export { defaultGazetteer } from './sources.ts';
export {
  closestNames,
  createQueryUnderstander,
  type EntitySuggestion,
  type QueryUnderstander,
  type QueryUnderstanding,
  type UnderstoodConcept,
  type UnderstoodEntity,
  type UnderstoodLaw,
} from './understand.ts';
