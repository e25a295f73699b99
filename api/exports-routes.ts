// Dataset exports over HTTP: `POST /exports` queues a job, `GET /exports/:id` reports its progress,
// `GET /exports/:id/download` streams the finished zip; `GET /changes` is the feed a mirror follows.
import { createReadStream } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../pipeline/errors.ts';
import {
  CHANGE_CURSOR_PATTERN,
  type ChangeKind,
  listChanges,
  MAX_CHANGES_PAGE,
  parseChangeCursor,
} from '../store/changes.ts';
import type { Db } from '../store/db.ts';
import { type ExportJobRequest, type ExportJobs, exportBodySchema } from './exports.ts';
import { oneOf, type TypedApp, withDefault } from './route-schemas.ts';

export interface ExportRoutesOptions {
  db: Db;
  jobs: ExportJobs;
  /** Throws when the caller may not read (the API's read-key setting); POST is checked with it too. */
  authorizeRead?: (req: FastifyRequest) => void;
}

const ExportIdParams = Type.Object({ id: Type.String({ pattern: '^exp_[A-Za-z0-9_-]{1,40}$' }) });

// The body reuses /search's filter schemas (api/search-route.ts, plain JSON Schema); its type is
// the interface kept beside that schema in api/exports.ts.
const ExportBody = Type.Unsafe<ExportJobRequest>(exportBodySchema);

const ChangesQuery = Type.Object(
  {
    since: Type.Optional(
      Type.String({ pattern: CHANGE_CURSOR_PATTERN, description: 'nextCursor of the previous call.' }),
    ),
    limit: withDefault(Type.Integer({ minimum: 1, maximum: MAX_CHANGES_PAGE, default: 100 })),
    kind: Type.Optional(
      Type.Array(oneOf(['document', 'case'] as const satisfies readonly ChangeKind[]), {
        maxItems: 2,
        description: 'Only these kinds (repeat the parameter for both).',
      }),
    ),
  },
  { additionalProperties: false },
);

export function registerExportRoutes(app: TypedApp, options: ExportRoutesOptions): void {
  const { db, jobs } = options;

  app.post(
    '/exports',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Start a dataset export (CSV, JSONL or Parquet, zipped with a Frictionless datapackage.json)',
        description:
          'Takes the same filters as /search and reads the record, not the search index, so there is no size cap. Returns the job (202); poll statusUrl, then fetch downloadUrl. The same request on an unchanged record returns the existing job (200).',
        body: ExportBody,
      },
    },
    async (req, reply) => {
      options.authorizeRead?.(req);
      const { job, reused } = jobs.submit(req.body);
      reply.header('location', job.statusUrl);
      return reply.status(reused ? 200 : 202).send(job);
    },
  );

  app.get(
    '/exports/:id',
    {
      schema: {
        tags: ['datasets'],
        summary: 'An export job: status (queued, running, done, failed), progress, download URL',
        params: ExportIdParams,
      },
    },
    async (req, reply) => {
      const job = jobs.get(req.params.id);
      if (!job) throw new AppError('NOT_FOUND', `No export ${req.params.id}`);
      reply.header('cache-control', 'no-store');
      return job;
    },
  );

  app.get(
    '/exports/:id/download',
    {
      schema: {
        tags: ['datasets'],
        summary: 'The finished export: a zip of the data files, datapackage.json and README.md',
        params: ExportIdParams,
      },
    },
    async (req, reply) => {
      const file = jobs.download(req.params.id);
      reply
        .header('content-type', 'application/zip')
        .header('content-length', String(file.bytes))
        .header('content-disposition', `attachment; filename="${file.filename}"`);
      // Streamed from disk: memory stays flat whatever the size of the export.
      return reply.send(createReadStream(file.path));
    },
  );

  app.get(
    '/changes',
    {
      schema: {
        tags: ['datasets'],
        summary: 'Documents and cases created, updated or deleted after a cursor, in order',
        description:
          'Each entity appears once, at its latest change. Start without `since`, store `nextCursor`, and pass it as `since` next time; `hasMore` says whether to ask again right away. Deleted cases carry `redirectTo` when another case absorbed them.',
        querystring: ChangesQuery,
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return listChanges(db, {
        ...parseChangeCursor(req.query.since),
        limit: req.query.limit,
        kinds: req.query.kind,
      });
    },
  );
}
