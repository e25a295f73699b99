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
  type TextLang,
  tokenize,
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
  /** Search the query's forms in the other languages too (default: on). */
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
      via: 'query',
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
    understood: { concepts: [], entities: [], laws: [] },
    processingTimeMs: res.processingTimeMs,
  };
}

// ---- Cross-lingual search -------------------------------------------------------------------------
//
// One federated multi-search (https://www.meilisearch.com/docs/reference/api/multi_search#federation)
// runs the query as typed and, on the documents of each other language, the query said again from
// the concepts, names and laws it was understood to name (index/understand.ts). Meilisearch merges
// the lists by weighted ranking score, so the query's own words (weight 1) rank before the same
// match reached through a translation. A second request brings the other documents of the cases the
// best hits belong to (case expansion); each is ranked just below the hit that brought it.

export interface SearchBackend {
  search(body: object): Promise<MeiliSearchResponse>;
  multiSearch(body: object): Promise<FederatedResponse>;
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

interface FederatedHit extends MeiliHit {
  _federation?: { indexUid: string; queriesPosition: number; weightedRankingScore: number };
}

export interface FederatedResponse {
  hits: FederatedHit[];
  estimatedTotalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
  processingTimeMs: number;
}

/** Translations weigh less than the query's own words: an equal match ranks the typed language first. */
const TRANSLATION_WEIGHT = 0.9;
/**
 * A translation is a bag of concept labels in no meaningful order, so Meilisearch drops its most
 * common words first (`frequency`) rather than its last ones: a document that matches the rare,
 * telling concepts ranks above one that only shares the authority's name.
 */
const TRANSLATION_STRATEGY = 'frequency';
/** A document that carries a name of the query by its (transliteration-invariant) organization id. */
const NAME_ID_WEIGHT = 0.85;
/** Only hits at least this good bring their case: a weak partial match says little about the case. */
const EXPAND_MIN_SCORE = 0.3;
/** An expanded document ranks just below the hit that brought it. */
const EXPAND_DECAY = 0.98;
const MAX_EXPANDED = 100;

const LANG_LIST: readonly TextLang[] = ['fr', 'ar', 'en'];

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

export async function runDocumentSearch(
  rawQuery: DocumentQuery,
  backend: SearchBackend,
  understander: QueryUnderstander,
): Promise<DocumentSearchResult> {
  const query = resolveFilterNames(rawQuery, understander);
  const plan = planDocumentSearch(query);
  const u = query.q.trim() ? understander.understand(query.q) : null;
  const relevanceOrder = plan.keysetDir === null && !query.groupByCase;
  const crossLingual = (query.crossLingual ?? true) && relevanceOrder && u !== null;
  const expand = (query.expandCases ?? true) && relevanceOrder && u !== null;

  // The query as typed only: date order, grouping by case, or nothing to translate or expand.
  const translations = crossLingual ? translatedQueries(query, u as QueryUnderstanding) : [];
  const nameIds = crossLingual ? (u as QueryUnderstanding).unknownOrgIds : [];
  // Hybrid: the query's vector next to its words, in relevance order only (a date order has no use for it).
  const hybrid =
    backend.embedQuery && backend.embedderName && u && plan.keysetDir === null
      ? {
          hybrid: { embedder: backend.embedderName, semanticRatio: SEMANTIC_RATIO },
          vector: await backend.embedQuery(query.q),
        }
      : {};
  if (translations.length === 0 && nameIds.length === 0 && !expand) {
    const res = await backend.search({ ...plan.body, ...hybrid });
    return { ...shapeResult(query, plan, res), understood: understoodOf(u) };
  }

  const { body } = plan;
  // Expansion reorders the window, so the window is fetched from the start and cut afterwards.
  const window = body.offset + body.limit;
  const common = {
    attributesToRetrieve: body.attributesToRetrieve,
    attributesToHighlight: body.attributesToHighlight,
    attributesToCrop: body.attributesToCrop,
    cropLength: body.cropLength,
    highlightPreTag: body.highlightPreTag,
    highlightPostTag: body.highlightPostTag,
  };
  const queries: object[] = [
    {
      indexUid: backend.indexUid,
      q: body.q,
      filter: body.filter,
      matchingStrategy: body.matchingStrategy,
      ...hybrid,
      ...common,
    },
  ];
  for (const t of translations) {
    queries.push({
      indexUid: backend.indexUid,
      q: normalizeArabicQuery(t.q),
      filter: [...body.filter, `language = ${quote(t.lang)}`],
      matchingStrategy: TRANSLATION_STRATEGY,
      federationOptions: { weight: TRANSLATION_WEIGHT },
      ...common,
    });
  }
  if (nameIds.length > 0) {
    queries.push({
      indexUid: backend.indexUid,
      q: '',
      filter: [...body.filter, nameIds.map((id) => `orgIds = ${quote(id)}`)],
      federationOptions: { weight: NAME_ID_WEIGHT },
      ...common,
    });
  }
  const federation: Record<string, unknown> = { offset: 0, limit: window };
  if (body.facets) {
    federation.facetsByIndex = { [backend.indexUid]: body.facets };
    federation.mergeFacets = {};
  }
  const res = await backend.multiSearch({ federation, queries });

  type Scored = { hit: SearchHit; score: number; tie: number };
  const direct: Scored[] = res.hits.map((h) => ({
    hit: {
      ...toHit(h),
      via: (h._federation?.queriesPosition ?? 0) === 0 ? 'query' : 'translation',
    },
    score: h._federation?.weightedRankingScore ?? 0,
    tie: h.tie,
  }));

  let expanded: Scored[] = [];
  let processingTimeMs = res.processingTimeMs;
  if (expand) {
    const best = new Map<string, number>();
    for (const d of direct) {
      const c = d.hit.caseId;
      if (c && d.score >= EXPAND_MIN_SCORE && !best.has(c)) best.set(c, d.score);
    }
    if (best.size > 0) {
      const seen = new Set(direct.map((d) => d.hit.id));
      const more = await backend.search({
        q: '',
        filter: [...body.filter, [...best.keys()].map((c) => `caseId = ${quote(c)}`)],
        limit: MAX_EXPANDED,
        offset: 0,
        attributesToRetrieve: body.attributesToRetrieve,
        attributesToCrop: body.attributesToCrop,
        cropLength: body.cropLength,
      });
      processingTimeMs += more.processingTimeMs;
      expanded = more.hits
        .filter((h) => !seen.has(h.documentId) && h.caseId && best.has(h.caseId))
        .map((h) => ({
          hit: { ...toHit(h), via: 'case' as const, throughCaseId: h.caseId as string },
          score: (best.get(h.caseId as string) as number) * EXPAND_DECAY,
          tie: h.tie,
        }));
    }
  }
  // Stable: direct hits keep Meilisearch's order among themselves; an expansion goes below its hit.
  const merged = [...direct, ...expanded].map((x, i) => ({ ...x, i })).sort((a, b) => b.score - a.score || a.i - b.i);
  const page = merged.slice(body.offset, window).map((x) => x.hit);
  const total = (res.estimatedTotalHits ?? direct.length) + expanded.length;
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

/** One query per other language the caller did not filter out, in that language's words. */
function translatedQueries(query: DocumentQuery, u: QueryUnderstanding): { lang: TextLang; q: string }[] {
  const wanted = query.languages && query.languages.length > 0 ? new Set<string>(query.languages) : null;
  const out: { lang: TextLang; q: string }[] = [];
  // A query that names only places and dates says too little to look for in other languages.
  if (
    u.entities.length === 0 &&
    u.laws.length === 0 &&
    u.concepts.every((c) => c.group === 'place' || c.group === 'time')
  )
    return out;
  const own = new Set(tokenize(query.q).map((t) => t.key));
  for (const lang of LANG_LIST) {
    const q = u.translations[lang];
    if (!q || lang === u.language || (wanted && !wanted.has(lang))) continue;
    // Said with the query's own words (a Latin name in English and French): the query already asks it.
    if (tokenize(q).every((t) => own.has(t.key))) continue;
    out.push({ lang, q });
  }
  return out;
}
