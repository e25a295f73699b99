// Typed search → Meilisearch request body, and Meilisearch response → API hits. Filters are built
// only from values the caller already validated, always quoted and escaped, in Meilisearch's array
// form (outer array AND, inner array OR): https://www.meilisearch.com/docs/learn/filtering_and_sorting/filter_expression_reference
import { AppError } from '../pipeline/errors.ts';
import type { Lang } from '../pipeline/types.ts';
import { normalizeArabicQuery } from './arabic.ts';
import { TEXT_ATTRIBUTES } from './settings.ts';

export const FACETS = {
  language: 'language',
  source: 'sourceId',
  outlet: 'outlet',
  kind: 'sourceKind',
  org: 'orgIds',
  law: 'lawIds',
  eventType: 'eventTypes',
  topic: 'topics',
  caseId: 'caseId',
} as const;
export type FacetName = keyof typeof FACETS;

export type SortOrder = 'relevance' | 'date:desc' | 'date:asc';

export interface DocumentQuery {
  q: string;
  languages?: readonly Lang[];
  sources?: readonly string[];
  outlets?: readonly string[];
  kinds?: readonly string[];
  orgs?: readonly string[];
  /** Law or article ids (`ma-law-09-08`, `ma-law-09-08/art-43`); a law also matches its articles' documents. */
  laws?: readonly string[];
  eventTypes?: readonly string[];
  /** What the documents are about (pipeline/topics.ts ids): any of them. */
  topics?: readonly string[];
  caseIds?: readonly string[];
  /** Unix seconds, inclusive. */
  from?: number;
  to?: number;
  /** `true` (default): relevant only; `false`: rejected only; `null`: both. */
  relevant?: boolean | null;
  includeDuplicates?: boolean;
  facets?: readonly FacetName[];
  sort?: SortOrder;
  limit: number;
  offset?: number;
  /** Opaque continuation from a previous page (`nextCursor`). */
  cursor?: string;
  groupByCase?: boolean;
}

export interface SearchHit {
  id: string;
  url: string | null;
  language: string;
  title: string | null;
  /** Title with `<mark>` around matched words. */
  titleHighlighted: string | null;
  publishedAt: string | null;
  caseId: string | null;
  sourceId: string;
  outlet: string | null;
  /** A window of the text around the matches, `<mark>` around matched words. */
  snippet: string;
}

export interface DocumentSearchResult {
  query: string;
  hits: SearchHit[];
  estimatedTotalHits: number;
  limit: number;
  offset: number;
  nextCursor: string | null;
  facets: Partial<Record<FacetName, Record<string, number>>>;
  processingTimeMs: number;
}

/** Meilisearch's hard cap on reachable hits with offset paging (settings.pagination.maxTotalHits). */
export const MAX_OFFSET_HITS = 1000;

interface CursorState {
  /** Offset paging (relevance order). */
  o?: number;
  /** Keyset paging (date order): last publishedAt and tie breaker. */
  p?: number;
  t?: number;
}

export function encodeCursor(state: CursorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

export function decodeCursor(cursor: string): CursorState {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (v && typeof v === 'object') {
      const { o, p, t } = v as Record<string, unknown>;
      const ok = (x: unknown) => x === undefined || (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0);
      if (ok(o) && ok(p) && ok(t) && (o !== undefined || (p !== undefined && t !== undefined))) {
        return { o: o as number | undefined, p: p as number | undefined, t: t as number | undefined };
      }
    }
  } catch {
    // fall through
  }
  throw new AppError('BAD_REQUEST', 'Invalid cursor: pass back the nextCursor of a previous page unchanged');
}

/** A Meilisearch string literal: double-quoted, backslash and quote escaped. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const anyOf = (attr: string, values: readonly string[] | undefined): string[] | null =>
  values && values.length > 0 ? values.map((v) => `${attr} = ${quote(v)}`) : null;

export function buildFilter(
  query: DocumentQuery,
  keyset?: { p: number; t: number; dir: 'asc' | 'desc' },
): (string | string[])[] {
  const filter: (string | string[])[] = [];
  const add = (clause: string[] | null) => {
    if (clause) filter.push(clause);
  };
  add(anyOf('language', query.languages));
  add(anyOf('sourceId', query.sources));
  add(anyOf('outlet', query.outlets));
  add(anyOf('sourceKind', query.kinds));
  // Several organizations (or laws) narrow the set: a document must mention each of them.
  for (const org of query.orgs ?? []) filter.push(`orgIds = ${quote(org)}`);
  for (const law of query.laws ?? []) filter.push(`lawIds = ${quote(law)}`);
  add(anyOf('eventTypes', query.eventTypes));
  add(anyOf('topics', query.topics));
  add(anyOf('caseIds', query.caseIds));
  if (query.from !== undefined) filter.push(`publishedAt >= ${Math.trunc(query.from)}`);
  // Unknown dates are stored as 0: a bounded range must not include them.
  if (query.to !== undefined) filter.push(`publishedAt >= 1`, `publishedAt <= ${Math.trunc(query.to)}`);
  const relevant = query.relevant === undefined ? true : query.relevant;
  if (relevant !== null) filter.push(`relevant = ${relevant}`);
  if (!query.includeDuplicates) filter.push('isDuplicate = false');
  if (keyset) {
    const op = keyset.dir === 'desc' ? '<' : '>';
    filter.push([`publishedAt ${op} ${keyset.p}`, `(publishedAt = ${keyset.p} AND tie ${op} ${keyset.t})`]);
  }
  return filter;
}

const TEXT_FIELDS = TEXT_ATTRIBUTES;
const TITLE_FIELDS = ['title_fr', 'title_ar', 'title_en'] as const;

export interface MeiliSearchBody {
  q: string;
  filter: (string | string[])[];
  limit: number;
  offset: number;
  sort?: string[];
  facets?: string[];
  distinct?: string;
  attributesToRetrieve: string[];
  attributesToHighlight: string[];
  attributesToCrop: string[];
  cropLength: number;
  highlightPreTag: string;
  highlightPostTag: string;
  matchingStrategy: 'last' | 'all';
}

export interface PlannedSearch {
  body: MeiliSearchBody;
  /** Keyset paging: the direction of the date order; null for offset paging. */
  keysetDir: 'asc' | 'desc' | null;
}

export function planDocumentSearch(query: DocumentQuery): PlannedSearch {
  const sort = query.sort ?? 'relevance';
  const state = query.cursor ? decodeCursor(query.cursor) : null;
  let offset = query.offset ?? 0;
  let keyset: { p: number; t: number; dir: 'asc' | 'desc' } | undefined;
  const keysetDir = sort === 'relevance' ? null : sort === 'date:desc' ? 'desc' : 'asc';
  if (state) {
    if (keysetDir && state.p !== undefined && state.t !== undefined)
      keyset = { p: state.p, t: state.t, dir: keysetDir };
    else if (!keysetDir && state.o !== undefined) offset = state.o;
    else throw new AppError('BAD_REQUEST', 'This cursor belongs to a different sort order');
  }
  if (!keysetDir && offset + query.limit > MAX_OFFSET_HITS) {
    throw new AppError(
      'BAD_REQUEST',
      `offset + limit may not exceed ${MAX_OFFSET_HITS} in relevance order; use sort=date:desc and the cursor to page deeper`,
    );
  }
  const body: MeiliSearchBody = {
    q: normalizeArabicQuery(query.q),
    filter: buildFilter(query, keyset),
    limit: query.limit,
    offset: keysetDir ? (keyset ? 0 : offset) : offset,
    attributesToRetrieve: [
      'documentId',
      'url',
      'language',
      'title',
      'publishedAt',
      'publishedAtIso',
      'caseId',
      'sourceId',
      'outlet',
      'tie',
    ],
    attributesToHighlight: [...TITLE_FIELDS, ...TEXT_FIELDS],
    attributesToCrop: [...TEXT_FIELDS],
    cropLength: 30,
    highlightPreTag: '<mark>',
    highlightPostTag: '</mark>',
    // With an explicit order every returned document should match every word; in relevance order
    // Meilisearch may drop trailing words to avoid empty pages.
    matchingStrategy: keysetDir ? 'all' : 'last',
  };
  if (keysetDir) body.sort = [`publishedAt:${keysetDir}`, `tie:${keysetDir}`];
  if (query.facets && query.facets.length > 0) body.facets = query.facets.map((f) => FACETS[f]);
  if (query.groupByCase) body.distinct = 'caseId';
  return { body, keysetDir };
}

interface MeiliHit {
  documentId: string;
  url: string | null;
  language: string;
  title: string | null;
  publishedAt: number;
  publishedAtIso: string | null;
  caseId: string | null;
  sourceId: string;
  outlet: string | null;
  tie: number;
  _formatted?: Record<string, unknown>;
}

export interface MeiliSearchResponse {
  hits: MeiliHit[];
  estimatedTotalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
  processingTimeMs: number;
}

const MARK = '<mark>';

function pickSnippet(f: Record<string, unknown> | undefined, language: string): string {
  if (!f) return '';
  const own = f[`text_${language}`];
  const candidates = [own, ...TEXT_FIELDS.map((k) => f[k])].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  );
  return candidates.find((c) => c.includes(MARK)) ?? candidates[0] ?? '';
}

function pickTitle(f: Record<string, unknown> | undefined): string | null {
  if (!f) return null;
  for (const k of TITLE_FIELDS) if (typeof f[k] === 'string') return f[k] as string;
  return null;
}

export function shapeResult(query: DocumentQuery, plan: PlannedSearch, res: MeiliSearchResponse): DocumentSearchResult {
  const hits = res.hits.map(
    (h): SearchHit => ({
      id: h.documentId,
      url: h.url,
      language: h.language,
      title: h.title,
      titleHighlighted: pickTitle(h._formatted),
      publishedAt: h.publishedAtIso,
      caseId: h.caseId,
      sourceId: h.sourceId,
      outlet: h.outlet,
      snippet: pickSnippet(h._formatted, h.language),
    }),
  );
  let nextCursor: string | null = null;
  const last = res.hits[res.hits.length - 1];
  if (res.hits.length === plan.body.limit && last) {
    if (plan.keysetDir) nextCursor = encodeCursor({ p: last.publishedAt, t: last.tie });
    else if (plan.body.offset + plan.body.limit < MAX_OFFSET_HITS)
      nextCursor = encodeCursor({ o: plan.body.offset + plan.body.limit });
  }
  const facets: DocumentSearchResult['facets'] = {};
  if (res.facetDistribution) {
    for (const name of query.facets ?? []) facets[name] = res.facetDistribution[FACETS[name]] ?? {};
  }
  return {
    query: query.q,
    hits,
    estimatedTotalHits: res.estimatedTotalHits ?? hits.length,
    limit: plan.body.limit,
    offset: plan.body.offset,
    nextCursor,
    facets,
    processingTimeMs: res.processingTimeMs,
  };
}
