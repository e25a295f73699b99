// Read endpoints over the system of record (documents, cases, entities, sources) and the analysts'
// write endpoints. These read SQLite directly: they serve one record at a time, not search hits.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createQueryUnderstander, type GazetteerEntry, type SearchIndex } from '../index/index.ts';
import { AppError } from '../pipeline/errors.ts';
import { CASE_TYPES } from '../pipeline/link/index.ts';
import { duplicateClusterOf, getAnalysis } from '../store/analyses.ts';
import { caseIdsForDocument, getCaseRecord, listCases, mergeCases, renameCase, splitDocument } from '../store/cases.ts';
import type { Db } from '../store/db.ts';
import { getDocument, latestVersion, listDocumentVersions } from '../store/documents.ts';
import { getSnapshot } from '../store/pages.ts';
import { getSourceConfig, listSourceHealth } from '../store/sources.ts';

export interface RecordRoutesDeps {
  db: Db;
  search: Pick<SearchIndex, 'searchCases'>;
  now: () => Date;
  gazetteer: readonly GazetteerEntry[];
  /** Returns an actor label or throws UNAUTHORIZED. */
  authorizeWrite: (req: FastifyRequest) => string;
  /** Called after a write so the index picks the change up without waiting for its poll. */
  afterWrite: () => void;
}

const ID = '^[A-Za-z0-9][A-Za-z0-9:._/-]{0,119}$';
const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string', pattern: ID } },
} as const;
const page = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
  offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
} as const;

const notFound = (what: string, id: string) => new AppError('NOT_FOUND', `No ${what} ${id}`, { details: { id } });

export function registerRecordRoutes(app: FastifyInstance, deps: RecordRoutesDeps): void {
  const { db } = deps;

  app.get<{ Params: { id: string } }>(
    '/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'A document: text, metadata, entities with offsets, duplicates, versions',
        params: idParams,
      },
    },
    async (req) => {
      const { id } = req.params;
      const analysis = getAnalysis(db, id);
      const doc = getDocument(db, id);
      if (!analysis && !doc) throw notFound('document', id);
      const versions = listDocumentVersions(db, id).map((v) => ({
        versionNo: v.versionNo,
        contentHash: v.contentHash,
        createdAt: v.createdAt,
        snapshot: `/documents/${encodeURIComponent(id)}/snapshot?version=${v.versionNo}`,
      }));
      const cluster = analysis ? duplicateClusterOf(db, id) : null;
      return {
        id,
        url: doc?.canonicalUrl ?? null,
        sourceId: analysis?.sourceId ?? doc?.sourceId ?? null,
        firstSeenAt: doc?.firstSeenAt ?? null,
        lastSeenAt: doc?.lastSeenAt ?? null,
        analysis: analysis
          ? {
              versionNo: analysis.versionNo,
              pipelineVersion: analysis.pipelineVersion,
              title: analysis.title,
              text: analysis.text,
              language: analysis.language,
              paragraphLanguages: analysis.paragraphLanguages,
              publishedAt: analysis.publishedAt,
              updatedAt: analysis.updatedAt,
              author: analysis.author,
              outlet: analysis.outlet,
              sourceKind: analysis.sourceKind,
              relevant: analysis.relevant,
              relevanceScore: analysis.relevanceScore,
              rejectedReason: analysis.rejectedReason,
              analysedAt: analysis.analysedAt,
            }
          : null,
        entities: analysis?.entities ?? null,
        duplicates: cluster
          ? {
              canonicalId: cluster.canonicalId,
              memberIds: [...new Set([cluster.canonicalId, ...cluster.memberIds])],
              isDuplicate: cluster.canonicalId !== id,
            }
          : null,
        cases: caseIdsForDocument(db, id),
        versions,
        snapshot: doc ? `/documents/${encodeURIComponent(id)}/snapshot` : null,
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { version?: number } }>(
    '/documents/:id/snapshot',
    {
      schema: {
        tags: ['documents'],
        summary: 'The raw stored bytes of a version (latest by default), with their content type',
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { version: { type: 'integer', minimum: 1 } },
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      let snapshot = null;
      if (req.query.version === undefined) snapshot = latestVersion(db, id)?.page ?? null;
      else {
        const v = listDocumentVersions(db, id).find((x) => x.versionNo === req.query.version);
        snapshot = v ? getSnapshot(db, v.pageId) : null;
      }
      if (!snapshot) throw notFound('snapshot of document', id);
      const type = snapshot.charset ? `${snapshot.contentType}; charset=${snapshot.charset}` : snapshot.contentType;
      // Third-party HTML served from our origin must not run scripts or reach our cookies.
      return reply
        .header('content-type', type)
        .header('content-security-policy', 'sandbox')
        .header('x-content-type-options', 'nosniff')
        .header('x-raqib-fetched-at', snapshot.fetchedAt)
        .header('x-raqib-source-url', encodeURI(snapshot.finalUrl))
        .send(snapshot.body);
    },
  );

  app.get<{ Querystring: { limit: number; offset: number; type?: (typeof CASE_TYPES)[number]; q?: string } }>(
    '/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases, most recently active first; with `q`, cases matching words in any language',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...page,
            type: { type: 'string', enum: [...CASE_TYPES] },
            q: { type: 'string', minLength: 1, maxLength: 200 },
          },
        },
      },
    },
    async (req) => {
      if (req.query.q) {
        if (req.query.offset + req.query.limit > 1000)
          throw new AppError('BAD_REQUEST', 'offset + limit may not exceed 1000 with q');
        const found = await deps.search.searchCases({
          q: req.query.q,
          type: req.query.type,
          limit: req.query.limit,
          offset: req.query.offset,
        });
        return { ...found, limit: req.query.limit, offset: req.query.offset };
      }
      const { total, cases } = listCases(db, {
        limit: req.query.limit,
        offset: req.query.offset,
        type: req.query.type,
      });
      return { total, limit: req.query.limit, offset: req.query.offset, cases };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/cases/:id',
    {
      schema: { tags: ['cases'], summary: 'A case record with its timeline (absorbed ids redirect)', params: idParams },
    },
    async (req) => {
      const record = getCaseRecord(db, req.params.id, deps.now());
      if (!record) throw notFound('case', req.params.id);
      return record;
    },
  );

  const writeSecurity: { [label: string]: string[] }[] = [{ bearerAuth: [] }, { apiKey: [] }];

  app.post<{ Params: { id: string }; Body: { absorbedId: string } }>(
    '/cases/:id/merge',
    {
      schema: {
        tags: ['curation'],
        summary: 'Merge another case into this one (the absorbed id redirects here)',
        security: writeSecurity,
        params: idParams,
        body: {
          type: 'object',
          required: ['absorbedId'],
          additionalProperties: false,
          properties: { absorbedId: { type: 'string', pattern: ID } },
        },
      },
    },
    async (req) => {
      const actor = deps.authorizeWrite(req);
      const caseId = mergeCases(db, req.params.id, req.body.absorbedId, actor, deps.now());
      deps.afterWrite();
      return { caseId };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/documents/:id/split',
    {
      schema: {
        tags: ['curation'],
        summary: 'Move a document out of its case into a new case of its own',
        security: writeSecurity,
        params: idParams,
      },
    },
    async (req) => {
      const actor = deps.authorizeWrite(req);
      const caseId = splitDocument(db, req.params.id, actor, deps.now());
      deps.afterWrite();
      return { caseId };
    },
  );

  app.patch<{ Params: { id: string }; Body: { titleFr?: string | null; titleAr?: string | null } }>(
    '/cases/:id',
    {
      schema: {
        tags: ['curation'],
        summary: 'Rename a case (null restores the generated title)',
        security: writeSecurity,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            titleFr: { type: ['string', 'null'], maxLength: 300 },
            titleAr: { type: ['string', 'null'], maxLength: 300 },
          },
        },
      },
    },
    async (req) => {
      const actor = deps.authorizeWrite(req);
      const caseId = renameCase(db, req.params.id, req.body, actor, deps.now());
      deps.afterWrite();
      return getCaseRecord(db, caseId, deps.now());
    },
  );

  const gazetteerById = new Map(deps.gazetteer.map((g) => [g.id, g]));
  // Names in every script and spelling (index/understand.ts): `q=تي إل إس` finds TLScontact.
  const understander = createQueryUnderstander(deps.gazetteer);
  const ENTITY_TYPES = ['organization', 'law', 'person'] as const;

  app.get<{ Querystring: { type?: (typeof ENTITY_TYPES)[number]; q?: string; limit: number; offset: number } }>(
    '/entities',
    {
      schema: {
        tags: ['entities'],
        summary: 'Organizations, laws and persons seen in documents, by number of documents',
        description:
          '`q` matches ids and labels, and names in any script or spelling: `suggestions` lists the known entities it names (French, Arabic and English names), best first, whether or not documents mention them yet.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...page,
            type: { type: 'string', enum: [...ENTITY_TYPES] },
            q: { type: 'string', minLength: 1, maxLength: 100 },
          },
        },
      },
    },
    async (req) => {
      const { type, q, limit, offset } = req.query;
      const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const suggestionKind = type === 'organization' ? 'org' : type;
      const suggestions = q ? understander.suggest(q, 10, suggestionKind) : [];
      const rows = db
        .prepare(
          `SELECT entity_type AS type, entity_id AS id, min(label) AS label, count(DISTINCT document_id) AS documents
           FROM document_entities
           WHERE entity_type IN ('organization', 'law', 'person')
             AND (@type IS NULL OR entity_type = @type)
             AND (@like IS NULL OR entity_id LIKE @like ESCAPE '\\' OR label LIKE @like ESCAPE '\\'
                  OR entity_id IN (SELECT value FROM json_each(@ids)))
           GROUP BY entity_type, entity_id ORDER BY documents DESC, entity_id LIMIT @limit OFFSET @offset`,
        )
        .all({ type: type ?? null, like, ids: JSON.stringify(suggestions.map((s) => s.id)), limit, offset }) as {
        type: string;
        id: string;
        label: string;
        documents: number;
      }[];
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

  app.get<{ Params: { id: string }; Querystring: { limit: number } }>(
    '/entities/:id',
    {
      schema: {
        tags: ['entities'],
        summary:
          'An organization or law: its name variants, its cases and documents (ids with a slash: encode it as %2F)',
        params: idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { limit: page.limit } },
      },
    },
    async (req) => {
      const { id } = req.params;
      const entry = gazetteerById.get(id);
      const labels = db
        .prepare('SELECT DISTINCT entity_type, label FROM document_entities WHERE entity_id = ? LIMIT 200')
        .all(id) as {
        entity_type: string;
        label: string;
      }[];
      if (!entry && labels.length === 0) throw notFound('entity', id);
      const total = db
        .prepare('SELECT count(DISTINCT document_id) FROM document_entities WHERE entity_id = ?')
        .pluck()
        .get(id) as number;
      const documents = db
        .prepare(
          `SELECT a.document_id AS id, a.title, a.language, a.published_at AS publishedAt, a.outlet
           FROM analyses a WHERE a.document_id IN (SELECT document_id FROM document_entities WHERE entity_id = ?)
           ORDER BY a.published_at DESC LIMIT ?`,
        )
        .all(id, req.query.limit) as { id: string }[];
      const caseIds = new Set<string>();
      const caseOf = db
        .prepare(
          "SELECT DISTINCT m.case_id FROM case_members m JOIN document_entities e ON e.document_id = m.document_id WHERE e.entity_id = ? AND m.role = 'primary' LIMIT 200",
        )
        .pluck();
      for (const c of caseOf.all(id) as string[]) caseIds.add(c);
      return {
        id,
        type: entry?.kind === 'law' ? 'law' : (labels[0]?.entity_type ?? (entry ? 'organization' : null)),
        kind: entry?.kind ?? null,
        names: entry ? entry.names : { fr: [], ar: [], en: [] },
        variants: [...new Set(labels.map((l) => l.label))],
        documentCount: total,
        documents,
        caseIds: [...caseIds],
      };
    },
  );

  app.get('/sources', { schema: { tags: ['system'], summary: 'Crawl health per source' } }, async () => {
    const sources = listSourceHealth(db).map((h) => {
      const config = getSourceConfig(db, h.sourceId) as Record<string, unknown> | null;
      return {
        ...h,
        name: typeof config?.name === 'string' ? config.name : null,
        kind: typeof config?.kind === 'string' ? config.kind : null,
        languages: Array.isArray(config?.languages) ? config.languages : [],
        outlet: typeof config?.outlet === 'string' ? config.outlet : null,
        backingOff: h.backoffUntil !== null && Date.parse(h.backoffUntil) > deps.now().getTime(),
      };
    });
    return { sources };
  });
}
