// Cases (one enforcement matter each, with its timeline) and the analysts' curation of them: merge,
// split a document out, rename. Listing reads SQLite; `q` goes to the search index, which knows
// names in every language.
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { SearchIndex } from '../index/index.ts';
import { AppError } from '../pipeline/errors.ts';
import { CASE_TYPES } from '../pipeline/link/index.ts';
import { mergeCases, renameCase, splitDocument } from '../store/case-curation.ts';
import { getCaseRecord, listCases } from '../store/cases.ts';
import type { Db } from '../store/db.ts';
import {
  IdParams,
  notFound,
  oneOf,
  pageLimit,
  pageOffset,
  recordId,
  type TypedApp,
  WRITE_SECURITY,
} from './route-schemas.ts';

export interface CaseRoutesDeps {
  db: Db;
  search: Pick<SearchIndex, 'searchCases'>;
  now: () => Date;
  /** Returns an actor label or throws UNAUTHORIZED. */
  authorizeWrite: (req: FastifyRequest) => string;
  /** Called after a write so the index picks the change up without waiting for its poll. */
  afterWrite: () => void;
}

const CasesQuery = Type.Object(
  {
    limit: pageLimit(),
    offset: pageOffset(),
    type: Type.Optional(oneOf(CASE_TYPES)),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

const MergeBody = Type.Object({ absorbedId: recordId() }, { additionalProperties: false });

// `null` restores the generated title; written as a type list (not anyOf) as the OpenAPI readers of
// this API have always seen it.
const nullableTitle = () => Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 300 });
const RenameBody = Type.Object(
  { titleFr: Type.Optional(nullableTitle()), titleAr: Type.Optional(nullableTitle()) },
  { additionalProperties: false, minProperties: 1 },
);

/** Search results are pages of Meilisearch hits, which it serves up to this depth. */
const MAX_SEARCH_DEPTH = 1000;

export function registerCaseRoutes(app: TypedApp, deps: CaseRoutesDeps): void {
  const { db } = deps;

  app.get(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases, most recently active first; with `q`, cases matching words in any language',
        querystring: CasesQuery,
      },
    },
    async (req) => {
      const { limit, offset, type, q } = req.query;
      if (q) {
        if (offset + limit > MAX_SEARCH_DEPTH)
          throw new AppError('BAD_REQUEST', `offset + limit may not exceed ${MAX_SEARCH_DEPTH} with q`);
        const found = await deps.search.searchCases({ q, type, limit, offset });
        return { ...found, limit, offset };
      }
      const { total, cases } = listCases(db, { limit, offset, type });
      return { total, limit, offset, cases };
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: { tags: ['cases'], summary: 'A case record with its timeline (absorbed ids redirect)', params: IdParams },
    },
    async (req) => {
      const record = getCaseRecord(db, req.params.id, deps.now());
      if (!record) throw notFound('case', req.params.id);
      return record;
    },
  );

  app.post(
    '/cases/:id/merge',
    {
      schema: {
        tags: ['curation'],
        summary: 'Merge another case into this one (the absorbed id redirects here)',
        security: WRITE_SECURITY,
        params: IdParams,
        body: MergeBody,
      },
    },
    async (req) => {
      const actor = deps.authorizeWrite(req);
      const caseId = mergeCases(db, req.params.id, req.body.absorbedId, actor, deps.now());
      deps.afterWrite();
      return { caseId };
    },
  );

  // Under /documents because the analyst points at a document; what it changes is case membership.
  app.post(
    '/documents/:id/split',
    {
      schema: {
        tags: ['curation'],
        summary: 'Move a document out of its case into a new case of its own',
        security: WRITE_SECURITY,
        params: IdParams,
      },
    },
    async (req) => {
      const actor = deps.authorizeWrite(req);
      const caseId = splitDocument(db, req.params.id, actor, deps.now());
      deps.afterWrite();
      return { caseId };
    },
  );

  app.patch(
    '/cases/:id',
    {
      schema: {
        tags: ['curation'],
        summary: 'Rename a case (null restores the generated title)',
        security: WRITE_SECURITY,
        params: IdParams,
        body: RenameBody,
      },
    },
    async (req) => {
      const actor = deps.authorizeWrite(req);
      const caseId = renameCase(db, req.params.id, req.body, actor, deps.now());
      deps.afterWrite();
      return getCaseRecord(db, caseId, deps.now());
    },
  );
}
