// The HTTP API: a Fastify app built from its dependencies (no globals), so tests use `inject()` and
// the CLI (`raqib serve`, `raqib start`) calls `listen`. OpenAPI at /openapi.json, docs at /docs.
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { GazetteerEntry, SearchIndex } from '../index/index.ts';
import { defaultGazetteer } from '../index/sources.ts';
import type { Db } from '../store/db.ts';
import { type AlertRoutesOptions, registerAlertRoutes } from './alerts/index.ts';
import { requireKey } from './auth.ts';
import { registerCaseRoutes } from './cases-routes.ts';
import type { ApiConfig } from './config.ts';
import { registerDocumentRoutes } from './documents-routes.ts';
import { registerEntityRoutes } from './entities-routes.ts';
import { clientErrorHandler, installErrorHandling, sendError } from './errors.ts';
import { createExportJobs } from './exports.ts';
import { registerExportRoutes } from './exports-routes.ts';
import { assertFiniteJson, type ObjectSchema, parseParams } from './params.ts';
import { typed } from './route-schemas.ts';
import { registerSearchRoute } from './search-route.ts';
import { registerHealthRoute, registerSourceRoutes, type SchedulerStatus } from './system-routes.ts';
import { registerWebPages } from './web/index.ts';

export type { SchedulerStatus } from './system-routes.ts';

export interface ApiOptions {
  db: Db;
  search: Pick<SearchIndex, 'searchDocuments' | 'searchCases' | 'health' | 'kick'>;
  config: Pick<ApiConfig, 'corsOrigins' | 'apiKeyHashes' | 'readRequiresKey'> &
    Partial<Pick<ApiConfig, 'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs'>>;
  /** A pino logger (the app's); omitted: no request logging. */
  log?: FastifyBaseLogger;
  now?: () => Date;
  gazetteer?: readonly GazetteerEntry[];
  scheduler?: () => SchedulerStatus;
  version?: string;
  /** Where export jobs keep their zips; default `exports/` beside the database file. */
  exportsDir?: string;
  /** Alert subscriptions: link base, webhook allowlist, e-mail, preview matcher (api/alerts). */
  alerts?: Omit<AlertRoutesOptions, 'db' | 'gazetteer' | 'authorize' | 'now'>;
}

// Paths every caller may read even when reads require a key: liveness and the API description;
// feeds and unsubscribe pages, whose URL is itself the credential (feed readers send no keys).
const ALWAYS_PUBLIC = /^\/(health|openapi\.json|docs|feeds|unsubscribe)(\/|$|\?)/;

export async function createApi(options: ApiOptions): Promise<FastifyInstance> {
  const { db, search, config } = options;
  const now = options.now ?? (() => new Date());
  const app = Fastify({
    ...(options.log ? { loggerInstance: options.log } : { logger: false }),
    bodyLimit: 64 * 1024,
    // Unknown query parameters are errors (a typo like `lang=fr` should not silently match everything).
    // `x-date` marks calendar-checked dates for api/params.ts; Ajv only needs to know the keyword.
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
        keywords: ['x-date'],
      },
    },
    routerOptions: { maxParamLength: 200 },
    // Slow or incomplete requests are cut off in seconds, not minutes: Node checks these deadlines
    // every `connectionsCheckingInterval` (30 s by default, hence the 83 s 408 of before).
    requestTimeout: config.requestTimeoutMs ?? 20_000,
    keepAliveTimeout: config.keepAliveTimeoutMs ?? 5_000,
    http: {
      headersTimeout: Math.min(config.headersTimeoutMs ?? 10_000, config.requestTimeoutMs ?? 20_000),
      connectionsCheckingInterval: 500,
    },
    // Errors raised before routing (bad percent-encoding, over-long path segment) and by Node's
    // parser (malformed request, oversized headers, timeouts) take the same error path as the rest.
    frameworkErrors: (err, req, reply) => sendError(err, req, reply),
    clientErrorHandler,
  });
  installErrorHandling(app);

  // Write endpoints (those documenting a security requirement) check the key first, before the body
  // is read or validated: an unauthenticated caller learns nothing about what a valid request is.
  app.addHook('onRequest', async (req) => {
    const security = req.routeOptions.schema?.security;
    if (Array.isArray(security) && security.length > 0) requireKey(req, config.apiKeyHashes);
  });
  // Every route's query and path parameters go through the one strict parser (api/params.ts); Ajv
  // then sees values that are already typed. JSON bodies may not smuggle in non-finite numbers.
  app.addHook('preValidation', async (req) => {
    const schema = req.routeOptions.schema;
    if (schema?.querystring)
      req.query = parseParams(
        'query',
        (req.query ?? {}) as Record<string, unknown>,
        schema.querystring as ObjectSchema,
      );
    if (schema?.params)
      req.params = parseParams('path', (req.params ?? {}) as Record<string, unknown>, schema.params as ObjectSchema);
    if (req.body !== undefined) assertFiniteJson(req.body);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Raqib API',
        description: 'Open register of data-protection enforcement in Morocco: search, documents, cases, entities.',
        version: options.version ?? '0.1.0',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // ETags: a weak validator over the serialized body; registered before compression so the tag
  // names the representation before encoding.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method !== 'GET' || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = `W/"${createHash('sha1').update(payload).digest('base64url')}"`;
    reply.header('etag', etag);
    const inm = req.headers['if-none-match'];
    if (typeof inm === 'string' && inm.split(',').some((t) => t.trim() === etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });
  await app.register(compress, { threshold: 1024 });
  if (config.corsOrigins.length > 0) {
    await app.register(cors, {
      origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins],
      methods: ['GET', 'POST', 'PATCH'],
      allowedHeaders: ['authorization', 'x-api-key', 'content-type', 'if-none-match'],
    });
  }
  if (config.readRequiresKey) {
    app.addHook('onRequest', async (req) => {
      if (req.method === 'GET' && !ALWAYS_PUBLIC.test(req.url)) requireKey(req, config.apiKeyHashes);
    });
  }

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerSearchRoute(app, search);
  const routes = typed(app);
  const gazetteer = options.gazetteer ?? defaultGazetteer();
  registerDocumentRoutes(routes, db);
  registerCaseRoutes(routes, {
    db,
    search,
    now,
    authorizeWrite: (req: FastifyRequest) => requireKey(req, config.apiKeyHashes),
    afterWrite: () => search.kick(),
  });
  registerEntityRoutes(routes, { db, gazetteer });
  registerSourceRoutes(routes, { db, now });
  // Dataset exports (jobs) and the change feed; exports read the store, never the search index.
  const exportJobs = createExportJobs({
    db,
    dir: options.exportsDir ?? join(dirname(db.name), 'exports'),
    raqibVersion: options.version ?? '0.1.0',
    log: options.log,
    now,
  });
  app.addHook('onClose', async () => exportJobs.close());
  registerExportRoutes(routes, {
    db,
    jobs: exportJobs,
    authorizeRead: config.readRequiresKey ? (req: FastifyRequest) => requireKey(req, config.apiKeyHashes) : undefined,
  });

  // Alert subscriptions, feeds and unsubscribe (api/alerts); delivery runs in the alert engine.
  registerAlertRoutes(app, {
    ...options.alerts,
    db,
    gazetteer,
    authorize: (req: FastifyRequest) => requireKey(req, config.apiKeyHashes),
    now,
  });

  // The analysts' web page under /ui, reading the routes above in-process.
  registerWebPages(app);

  registerHealthRoute(routes, { db, search, scheduler: options.scheduler });

  return app;
}
