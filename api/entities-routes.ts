// Organizations, laws and persons seen in documents, with the gazetteer's names for them in every
// script: `/entities?q=تي إل إس` finds TLScontact through query understanding (index/understand.ts).
import { Type } from 'typebox';
import { createQueryUnderstander, type GazetteerEntry } from '../index/index.ts';
import type { Db } from '../store/db.ts';
import {
  entityCaseIds,
  entityDocuments,
  entityMentions,
  LISTED_ENTITY_TYPES,
  listEntityCounts,
} from '../store/entities.ts';
import { IdParams, notFound, oneOf, pageLimit, pageOffset, type TypedApp } from './route-schemas.ts';

export interface EntityRoutesDeps {
  db: Db;
  gazetteer: readonly GazetteerEntry[];
}

const EntitiesQuery = Type.Object(
  {
    limit: pageLimit(),
    offset: pageOffset(),
    type: Type.Optional(oneOf(LISTED_ENTITY_TYPES)),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);

const EntityQuery = Type.Object({ limit: pageLimit() }, { additionalProperties: false });

export function registerEntityRoutes(app: TypedApp, deps: EntityRoutesDeps): void {
  const { db } = deps;
  const gazetteerById = new Map(deps.gazetteer.map((g) => [g.id, g]));
  const understander = createQueryUnderstander(deps.gazetteer);

  app.get(
    '/entities',
    {
      schema: {
        tags: ['entities'],
        summary: 'Organizations, laws and persons seen in documents, by number of documents',
        description:
          '`q` matches ids and labels, and names in any script or spelling: `suggestions` lists the known entities it names (French, Arabic and English names), best first, whether or not documents mention them yet.',
        querystring: EntitiesQuery,
      },
    },
    async (req) => {
      const { type, q, limit, offset } = req.query;
      const suggestions = q ? understander.suggest(q, 10, type === 'organization' ? 'org' : type) : [];
      const rows = listEntityCounts(db, { type, q, alsoIds: suggestions.map((s) => s.id), limit, offset });
      return {
        limit,
        offset,
        entities: rows.map((r) => {
          const g = gazetteerById.get(r.id);
          return g ? { ...r, names: g.names } : r;
        }),
        suggestions: suggestions.map(({ id, kind, names, matched }) => ({ id, kind, names, matched })),
      };
    },
  );

  app.get(
    '/entities/:id',
    {
      schema: {
        tags: ['entities'],
        summary:
          'An organization or law: its name variants, its cases and documents (ids with a slash: encode it as %2F)',
        params: IdParams,
        querystring: EntityQuery,
      },
    },
    async (req) => {
      const { id } = req.params;
      const entry = gazetteerById.get(id);
      const { labels, documentCount } = entityMentions(db, id);
      if (!entry && labels.length === 0) throw notFound('entity', id);
      return {
        id,
        type: entry?.kind === 'law' ? 'law' : (labels[0]?.type ?? (entry ? 'organization' : null)),
        kind: entry?.kind ?? null,
        names: entry ? entry.names : { fr: [], ar: [], en: [] },
        variants: [...new Set(labels.map((l) => l.label))],
        documentCount,
        documents: entityDocuments(db, id, req.query.limit),
        caseIds: entityCaseIds(db, id),
      };
    },
  );
}
