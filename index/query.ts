// Typed search → Meilisearch request body, and Meilisearch response → API hits. Filters are built
// only from values the caller already validated, always quoted and escaped, in Meilisearch's array
// form (outer array AND, inner array OR): https://www.meilisearch.com/docs/learn/filtering_and_sorting/filter_expression_reference
import { AppError } from '../pipeline/errors.ts';
import type { Lang } from '../pipeline/types.ts';
import { normalizeArabicQuery } from './arabic.ts';
import { TEXT_ATTRIBUTES } from './settings.ts';
import {
  closestNames,
  type QueryUnderstander,
  type QueryUnderstanding,
  type UnderstoodConcept,
  type UnderstoodEntity,
  type UnderstoodLaw,
} from './understand.ts';

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
  /** Organization ids or names in any script (`org:tlscontact`, `TLScontact`, `تي إل إس`); resolved before searching. */
  orgs?: readonly string[];
  /**
   * Law or article ids (`ma-law-09-08`, `ma-law-09-08/art-43`) or law numbers (`09-08`, `08.09`); a law
   * also matches its articles' documents.
   */
  laws?: readonly string[];
  /**
   * `orgs` and `laws` resolved to ids (index/query.ts `resolveFilterNames`): one group per value, any
   * id of a group matches (a name two countries' bodies share stands for both). Set, they replace
   * `orgs`/`laws` in the filter.
   */
  orgGroups?: readonly (readonly string[])[];
  lawGroups?: readonly (readonly string[])[];
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
  /**
   * Bring the other documents of the cases the hits belong to (default: on for a relevance search
   * with words, off otherwise).
   */
  expandCases?: boolean;
  /**
   * `false`: the query exactly as typed, words in the user's order (default: reordered so the words
   * every language can match come first, see QueryUnderstanding.searchText). The index's names and
   * concept labels in every language match either way: they are part of each document.
   */
  crossLingual?: boolean;
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
  /**
   * Why it is here: `query` the query's own words matched; `translation` its concepts and names as
   * written in another language matched; `case` it belongs to the case of a hit above it.
   */
  via: 'query' | 'translation' | 'case';
  /** For `via: case`: the case it came through. */
  throughCaseId?: string;
}

export interface DocumentSearchResult {
  query: string;
  hits: SearchHit[];
  estimatedTotalHits: number;
  limit: number;
  offset: number;
  nextCursor: string | null;
  facets: Partial<Record<FacetName, Record<string, number>>>;
  /** How the query was read: the concepts, entities and laws its words named (empty for no words). */
  understood: Understood;
  processingTimeMs: number;
}

export interface Understood {
  concepts: UnderstoodConcept[];
  entities: UnderstoodEntity[];
  laws: UnderstoodLaw[];
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
  // A name that stands for several entities (an acronym two countries share) matches any of them.
  const each = (attr: string, ids: readonly string[]) =>
    ids.length === 1 ? `${attr} = ${quote(ids[0] as string)}` : ids.map((x) => `${attr} = ${quote(x)}`);
  for (const org of query.orgGroups ?? (query.orgs ?? []).map((o) => [o])) filter.push(each('orgIds', org));
  for (const law of query.lawGroups ?? (query.laws ?? []).map((l) => [l])) filter.push(each('lawIds', law));
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
  _rankingScore?: number;
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
  const hits = res.hits.map((h): SearchHit => ({ ...toHit(h), via: 'query' }));
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
    understood: { concepts: [], entities: [], laws: [] },
    processingTimeMs: res.processingTimeMs,
  };
}

// ---- Cross-lingual search -------------------------------------------------------------------------
//
// One plain search, the query as typed. The other languages' coverage is reached through what the
// index stores beside each document (projection.ts): the names of its entities in every language
// (entities_*), its law numbers both ways round (lawRefs) and the labels of its thesaurus concepts
// in every language (concepts_*). A French "reconnaissance faciale" thus matches an Arabic article
// on التعرف على الوجه through its concepts_fr; those attributes come last in searchableAttributes, so
// a document matching the query's own words ranks first among equal matches. Translating the query
// at search time instead (one federated query per language) cost 2–3 Meilisearch queries per
// /search, and p95 latency under load with them (bench:search).
//
// Case expansion needs the hits' cases, so it is a second request, made only when a good hit
// belongs to a case: a filter-only search (no words to rank) for the other documents of those cases.

export interface SearchBackend {
  search(body: object): Promise<MeiliSearchResponse>;
  /** No longer called (one plain search suffices); kept optional so existing backends still type-check. */
  multiSearch?(body: { queries: object[] }): Promise<unknown>;
  indexUid: string;
  /** Set when an embedding model is configured: the query's vector, for hybrid search. */
  embedQuery?: (q: string) => Promise<number[]>;
  embedderName?: string;
}

/**
 * Share of vector similarity in a hybrid ranking
 * (https://www.meilisearch.com/docs/learn/ai_powered_search/getting_started_with_ai_search): words
 * stay the larger part, so an exact name or number still ranks first.
 */
const SEMANTIC_RATIO = 0.4;

/** Only hits at least this good bring their case: a weak partial match says little about the case. */
const EXPAND_MIN_SCORE = 0.3;
const MAX_EXPANDED = 100;

/** Filter values given by name (org=TLScontact, law=09-08) resolved to ids; unknown names are a 400. */
export function resolveFilterNames(query: DocumentQuery, understander: QueryUnderstander): DocumentQuery {
  const resolveAll = (kind: 'org' | 'law', values: readonly string[] | undefined) =>
    values?.map((v) => {
      const ids = understander.resolve(kind, v);
      if (ids.length === 0) {
        const close = closestNames(understander, v, kind);
        throw new AppError(
          'BAD_REQUEST',
          `Unknown ${kind === 'org' ? 'organization' : 'law'} "${v}"` +
            (close.length > 0 ? `; closest known: ${close.join(', ')}` : '; see GET /entities?q=…'),
        );
      }
      // One name for several entities (an acronym shared across countries) matches any of them.
      return ids;
    });
  const orgs = resolveAll('org', query.orgs);
  const laws = resolveAll('law', query.laws);
  return { ...query, orgGroups: orgs, lawGroups: laws };
}

function understoodOf(u: QueryUnderstanding | null): Understood {
  return u ? { concepts: u.concepts, entities: u.entities, laws: u.laws } : { concepts: [], entities: [], laws: [] };
}

/**
 * `query` when the hit shows the query's words (a highlight) or is written in the query's language;
 * otherwise it came through its concepts' or entities' names in another language.
 */
function viaOf(hit: Omit<SearchHit, 'via'>, u: QueryUnderstanding | null): SearchHit['via'] {
  if (!u || hit.language === u.language) return 'query';
  return hit.snippet.includes(MARK) || (hit.titleHighlighted ?? '').includes(MARK) ? 'query' : 'translation';
}

export async function runDocumentSearch(
  rawQuery: DocumentQuery,
  backend: SearchBackend,
  understander: QueryUnderstander,
): Promise<DocumentSearchResult> {
  const query = resolveFilterNames(rawQuery, understander);
  const plan = planDocumentSearch(query);
  const u = query.q.trim() ? understander.understand(query.q) : null;
  const relevanceOrder = plan.keysetDir === null && !query.groupByCase;
  const expand = (query.expandCases ?? true) && relevanceOrder && u !== null;
  const { body } = plan;
  // Hybrid: the query's vector next to its words, in relevance order only (a date order has no use for it).
  const hybrid =
    backend.embedQuery && backend.embedderName && u && plan.keysetDir === null
      ? {
          hybrid: { embedder: backend.embedderName, semanticRatio: SEMANTIC_RATIO },
          vector: await backend.embedQuery(query.q),
        }
      : {};
  const crossLingual = query.crossLingual !== false;
  // Relevance order: the words every language can match first (QueryUnderstanding.searchText), so
  // that the `last` strategy drops the words only the query's language has before the others.
  const q = crossLingual && plan.keysetDir === null && u?.searchText ? normalizeArabicQuery(u.searchText) : body.q;
  if (!expand) {
    const res = await backend.search({ ...body, ...hybrid, q });
    const shaped = shapeResult(query, plan, res);
    return { ...shaped, hits: shaped.hits.map((h) => ({ ...h, via: viaOf(h, u) })), understood: understoodOf(u) };
  }

  // Expansion reorders the window, so the window is fetched from the start and cut afterwards.
  const window = body.offset + body.limit;
  const res = await backend.search({
    ...body,
    ...hybrid,
    q,
    offset: 0,
    limit: window,
    showRankingScore: true,
  });
  type Scored = { hit: SearchHit; score: number };
  const direct: Scored[] = res.hits.map((h) => {
    const hit = toHit(h);
    return { hit: { ...hit, via: viaOf(hit, u) }, score: h._rankingScore ?? 0 };
  });

  // The first good hit of each case brings the case's other documents, right below it.
  const bringer = new Map<string, string>();
  for (const d of direct) {
    const c = d.hit.caseId;
    if (c && d.score >= EXPAND_MIN_SCORE && !bringer.has(c)) bringer.set(c, d.hit.id);
  }
  const expanded = new Map<string, SearchHit[]>();
  let processingTimeMs = res.processingTimeMs;
  // A weak direct hit of a case comes up to its case's place too; a good one keeps its own.
  const place = new Map(direct.map((d, i) => [d.hit.id, { d, i }]));
  const pulled = new Set<string>();
  if (bringer.size > 0) {
    const more = await backend.search({
      q: '',
      filter: [...body.filter, [...bringer.keys()].map((c) => `caseId = ${quote(c)}`)],
      limit: MAX_EXPANDED,
      offset: 0,
      attributesToRetrieve: body.attributesToRetrieve,
      attributesToCrop: body.attributesToCrop,
      cropLength: body.cropLength,
    });
    processingTimeMs += more.processingTimeMs;
    for (const h of more.hits) {
      const by = h.caseId ? bringer.get(h.caseId) : undefined;
      if (!by) continue;
      const own = place.get(h.documentId);
      const byAt = place.get(by)?.i ?? 0;
      if (own && (own.i <= byAt || own.d.score >= EXPAND_MIN_SCORE)) continue;
      const list = expanded.get(by) ?? [];
      if (own) pulled.add(h.documentId);
      list.push(own ? own.d.hit : { ...toHit(h), via: 'case', throughCaseId: h.caseId as string });
      expanded.set(by, list);
    }
  }
  // Direct hits keep Meilisearch's order; a case's other documents follow the hit that brought them.
  const merged = direct.filter((d) => !pulled.has(d.hit.id)).flatMap((d) => [d.hit, ...(expanded.get(d.hit.id) ?? [])]);
  const page = merged.slice(body.offset, window);
  const expandedCount = merged.length - direct.length;
  const total = (res.estimatedTotalHits ?? direct.length) + expandedCount;
  const facets: DocumentSearchResult['facets'] = {};
  if (res.facetDistribution) {
    for (const name of query.facets ?? []) facets[name] = res.facetDistribution[FACETS[name]] ?? {};
  }
  const more = merged.length > window || (res.estimatedTotalHits ?? 0) > window;
  return {
    query: query.q,
    hits: page,
    estimatedTotalHits: total,
    limit: body.limit,
    offset: body.offset,
    nextCursor: page.length === body.limit && more && window < MAX_OFFSET_HITS ? encodeCursor({ o: window }) : null,
    facets,
    understood: understoodOf(u),
    processingTimeMs,
  };
}

function toHit(h: MeiliHit): Omit<SearchHit, 'via'> {
  return {
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
  };
}
