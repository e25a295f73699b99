// The HTTP API (Fastify): search, documents, cases, entities, sources, health; OpenAPI and docs.

export { type ApiOptions, createApi, type SchedulerStatus } from './app.ts';
export { hashKey } from './auth.ts';
export type { ApiConfig } from './config.ts';
export { type ExportJobRequest, exportFilterOf } from './exports.ts';
export { type SearchQuerystring, toDocumentQuery } from './search-route.ts';
