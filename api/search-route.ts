// GET /search: every parameter is declared (and validated) by this JSON schema, which is also what
// the OpenAPI document shows. Filter values reach Meilisearch only through index/query.ts, quoted.
import type { FastifyInstance } from 'fastify';
import { type DocumentQuery, FACETS, type FacetName, type SearchIndex, type SortOrder } from '../index/index.ts';
import { AppError } from '../pipeline/errors.ts';
import { TOPIC_IDS } from '../pipeline/topics.ts';
import { EVENT_TYPES, type Lang } from '../pipeline/types.ts';
import { dateParam } from './params.ts';

export const MAX_QUERY_LENGTH = 200;
export const MAX_PAGE_SIZE = 100;
const MAX_VALUES = 20;

// Ids are ASCII slugs; outlet and source names may be any printable text (quoted downstream).
const ID = '^[A-Za-z0-9][A-Za-z0-9:._/-]{0,119}$';
const TEXT = '^[^\\u0000-\\u001f]{1,120}$';

const list = (items: object, description: string) => ({
  type: 'array',
  items,
  maxItems: MAX_VALUES,
  description: `${description} Repeat the parameter for several values (any of them matches).`,
});

/**
 * The /search filters that narrow by what a document is and says. Saved searches (alerts) and
 * dataset exports take these under the same names and schemas, each adding its own few.
 */
export const ENTITY_FILTER_PARAMS = [
  'language',
  'source',
  'outlet',
  'kind',
  'org',
  'law',
  'article',
  'eventType',
] as const;

export const searchQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    q: {
      type: 'string',
      maxLength: MAX_QUERY_LENGTH,
      default: '',
      description: 'Words in any language; empty lists everything.',
    },
    language: list({ type: 'string', enum: ['fr', 'ar', 'en', 'und'] }, 'Document language.'),
    source: list({ type: 'string', pattern: ID }, 'Source id.'),
    outlet: list({ type: 'string', pattern: TEXT }, 'Outlet name, exactly as in facets.'),
    kind: list({ type: 'string', pattern: ID }, 'Source kind (regulator, press...).'),
    org: {
      ...list(
        { type: 'string', pattern: TEXT },
        'Organization id or name in any script (`org:tlscontact`, `TLScontact`, `تي إل إس`); several must all be mentioned. An unknown name is a 400 listing the closest known ones.',
      ),
    },
    law: {
      ...list(
        { type: 'string', pattern: TEXT },
        'Law id or number in either order (`ma-law-09-08`, `09-08`, `08.09`); matches documents citing any of its articles too; several must all be cited.',
      ),
    },
    article: {
      ...list(
        { type: 'string', pattern: '^([A-Za-z0-9._-]+/art-[A-Za-z0-9._-]+|\\d{1,4}(-\\d{1,2})?( ?bis)?)$' },
        'Article id, or an article number with one `law`.',
      ),
    },
    eventType: list({ type: 'string', enum: [...EVENT_TYPES] }, 'Enforcement event type.'),
    topic: list(
      { type: 'string', enum: [...TOPIC_IDS] },
      'What the documents are about (facial_recognition, video_surveillance, data_leak...).',
    ),
    caseId: list({ type: 'string', pattern: ID }, 'Case id (primary or mentioned).'),
    from: dateParam('Published on or after (ISO date or date-time).'),
    to: dateParam('Published on or before (a bare date includes the whole day).'),
    relevant: {
      type: 'string',
      enum: ['true', 'false', 'all'],
      default: 'true',
      description: 'Relevance to data protection.',
    },
    includeDuplicates: { type: 'boolean', default: false, description: 'Include near-duplicate copies.' },
    facets: {
      type: 'string',
      pattern: `^(${Object.keys(FACETS).join('|')})(,(${Object.keys(FACETS).join('|')}))*$`,
      description: `Comma-separated facet names: ${Object.keys(FACETS).join(', ')}.`,
    },
    sort: { type: 'string', enum: ['relevance', 'date:desc', 'date:asc'], default: 'relevance' },
    limit: { type: 'integer', minimum: 0, maximum: MAX_PAGE_SIZE, default: 20 },
    offset: { type: 'integer', minimum: 0, maximum: 999, default: 0 },
    cursor: {
      type: 'string',
      pattern: '^[A-Za-z0-9_-]{1,200}$',
      description: 'nextCursor of the previous page (required beyond 1000 hits: use a date sort).',
    },
    groupBy: { type: 'string', enum: ['case'], description: 'One hit per case.' },
    expand: {
      type: 'string',
      enum: ['case', 'none'],
      default: 'case',
      description:
        'With words in `q` (relevance order): `case` also returns the other documents (any language) of the cases the hits belong to, each just below its hit with `via: "case"`; `none` only direct hits.',
    },
  },
} as const;

export interface SearchQuerystring {
  q: string;
  language?: Lang[];
  source?: string[];
  outlet?: string[];
  kind?: string[];
  org?: string[];
  law?: string[];
  article?: string[];
  eventType?: string[];
  topic?: string[];
  caseId?: string[];
  from?: string;
  to?: string;
  relevant: 'true' | 'false' | 'all';
  includeDuplicates: boolean;
  facets?: string;
  sort: SortOrder;
  limit: number;
  offset: number;
  cursor?: string;
  groupBy?: 'case';
  expand?: 'case' | 'none';
}

function toSeconds(value: string, endOfDay: boolean, name: string): number {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${endOfDay ? '23:59:59' : '00:00:00'}Z` : value;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) throw new AppError('BAD_REQUEST', `Invalid ${name}: not a real date`);
  return Math.floor(t / 1000);
}

/** Querystring (already schema-validated) → typed index query; semantic checks the schema cannot express. */
export function toDocumentQuery(qs: SearchQuerystring): DocumentQuery {
  const laws = [...(qs.law ?? [])];
  for (const a of qs.article ?? []) {
    if (a.includes('/art-')) laws.push(a);
    else if (qs.law?.length === 1) laws.push(`${qs.law[0]}/art-${a.replace(/\s+/g, '')}`);
    else throw new AppError('BAD_REQUEST', 'An article number needs exactly one `law` (or give the full article id)');
  }
  const from = qs.from === undefined ? undefined : toSeconds(qs.from, false, 'from');
  const to = qs.to === undefined ? undefined : toSeconds(qs.to, true, 'to');
  if (from !== undefined && to !== undefined && from > to) throw new AppError('BAD_REQUEST', '`from` is after `to`');
  if (qs.cursor && qs.offset > 0) throw new AppError('BAD_REQUEST', 'Give either a cursor or an offset, not both');
  return {
    q: qs.q.trim(),
    languages: qs.language,
    sources: qs.source,
    outlets: qs.outlet,
    kinds: qs.kind,
    orgs: qs.org,
    // A law given with article numbers is narrowed to those articles.
    laws:
      qs.article?.length && qs.law?.length === 1 && !qs.article.some((a) => a.includes('/art-')) ? laws.slice(1) : laws,
    eventTypes: qs.eventType,
    topics: qs.topic,
    caseIds: qs.caseId,
    from,
    to,
    relevant: qs.relevant === 'all' ? null : qs.relevant === 'true',
    includeDuplicates: qs.includeDuplicates,
    facets: qs.facets ? ([...new Set(qs.facets.split(','))] as FacetName[]) : undefined,
    sort: qs.sort,
    limit: qs.limit,
    offset: qs.offset,
    cursor: qs.cursor,
    groupByCase: qs.groupBy === 'case',
    expandCases: qs.expand !== 'none',
  };
}

export function registerSearchRoute(app: FastifyInstance, search: Pick<SearchIndex, 'searchDocuments'>): void {
  app.get<{ Querystring: SearchQuerystring }>(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search documents with typed filters, facets, highlights and cursor paging',
        querystring: searchQuerySchema,
      },
    },
    async (req, reply) => {
      const { processingTimeMs, ...result } = await search.searchDocuments(toDocumentQuery(req.query));
      // Timing goes in a header: the body stays a pure function of the query and the index, so its
      // ETag lets clients revalidate.
      reply.header('server-timing', `search;dur=${processingTimeMs}`);
      return result;
    },
  );
}
