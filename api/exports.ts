// Dataset export jobs (issue #11; the routes are api/exports-routes.ts). Jobs run one at a time in
// this process, each on its own read-only snapshot of the record, yielding between batches so the
// API keeps answering; equal requests on an unchanged record reuse the finished job.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import {
  type ExportFormat,
  type ExportProgress,
  exportDataset,
  FORMATS,
  TABLE_NAMES,
  type TableName,
} from '../datasets/index.ts';
import { AppError } from '../pipeline/errors.ts';
import { currentChangeCursor } from '../store/changes.ts';
import type { Db } from '../store/db.ts';
import {
  countPendingExportJobs,
  deleteExportJob,
  type ExportJob,
  expiredExportJobs,
  failInterruptedExportJobs,
  findReusableExportJob,
  finishExportJob,
  getExportJob,
  insertExportJob,
  markExportJobRunning,
  nextQueuedExportJob,
  setExportJobProgress,
} from '../store/export-jobs.ts';
import type { ExportFilter } from '../store/exports.ts';
import { ENTITY_FILTER_PARAMS, type SearchQuerystring, searchQuerySchema, toDocumentQuery } from './search-route.ts';

/** Filter parameters shared with /search: same names, same validation, same meaning. */
const FILTER_PARAMS = [...ENTITY_FILTER_PARAMS, 'caseId', 'from', 'to', 'relevant', 'includeDuplicates'] as const;

type FilterParams = Pick<SearchQuerystring, (typeof FILTER_PARAMS)[number]>;

export interface ExportJobRequest extends Partial<FilterParams> {
  tables: TableName[] | 'all';
  format: ExportFormat;
  bom?: boolean;
  text?: boolean;
}

export const exportBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['format'],
  properties: {
    tables: {
      description: 'Tables to export, or `all`.',
      default: 'all',
      anyOf: [
        { type: 'string', enum: ['all'] },
        { type: 'array', items: { type: 'string', enum: [...TABLE_NAMES] }, minItems: 1, uniqueItems: true },
      ],
    },
    format: { type: 'string', enum: [...FORMATS] },
    bom: { type: 'boolean', default: false, description: 'CSV: start files with a UTF-8 byte-order mark.' },
    text: { type: 'boolean', default: false, description: 'Add the documents’ full text.' },
    ...Object.fromEntries(FILTER_PARAMS.map((p) => [p, searchQuerySchema.properties[p]])),
  },
} as const;

/** Request filters → store filter, through the very function /search uses. */
export function exportFilterOf(params: Partial<FilterParams>): ExportFilter {
  const q = toDocumentQuery({
    q: '',
    relevant: params.relevant ?? 'true',
    includeDuplicates: params.includeDuplicates ?? false,
    sort: 'relevance',
    limit: 0,
    offset: 0,
    ...params,
  } as SearchQuerystring);
  const filter: ExportFilter = {
    languages: q.languages,
    sources: q.sources,
    outlets: q.outlets,
    kinds: q.kinds,
    orgs: q.orgs,
    laws: q.laws,
    eventTypes: q.eventTypes,
    caseIds: q.caseIds,
    from: q.from,
    to: q.to,
    relevant: q.relevant,
    includeDuplicates: q.includeDuplicates,
  };
  // Drop what is unset, so equal requests serialize (and dedupe) equally.
  return Object.fromEntries(
    Object.entries(filter).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as ExportFilter;
}

export interface ExportJobsOptions {
  db: Db;
  /** Where finished exports are kept (created if missing). */
  dir: string;
  raqibVersion: string;
  log?: FastifyBaseLogger;
  now?: () => Date;
  /** Jobs waiting or running at once; more are refused until some finish. */
  maxPending?: number;
  /** How long a finished export stays downloadable. */
  retentionMs?: number;
  batchSize?: number;
}

export interface ExportJobView {
  id: string;
  status: ExportJob['status'];
  request: unknown;
  progress: Record<string, unknown>;
  changeCursor: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  bytes: number | null;
  error: string | null;
  statusUrl: string;
  downloadUrl: string | null;
}

export interface ExportJobs {
  submit(request: ExportJobRequest): { job: ExportJobView; reused: boolean };
  get(id: string): ExportJobView | null;
  /** The finished file of a job, or why there is none. */
  download(id: string): { path: string; bytes: number; filename: string };
  /** Resolves when no job is running or queued (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const DAY = 24 * 3_600_000;

export function createExportJobs(options: ExportJobsOptions): ExportJobs {
  const { db, dir } = options;
  const now = options.now ?? (() => new Date());
  const maxPending = options.maxPending ?? 8;
  const retentionMs = options.retentionMs ?? 7 * DAY;
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let closed = false;
  failInterruptedExportJobs(db, now().toISOString());

  const view = (job: ExportJob): ExportJobView => ({
    id: job.id,
    status: job.status,
    request: job.request,
    progress: job.progress,
    changeCursor: String(job.changeCursor),
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    bytes: job.bytes,
    error: job.error,
    statusUrl: `/exports/${job.id}`,
    downloadUrl: job.status === 'done' ? `/exports/${job.id}/download` : null,
  });

  async function runOne(job: ExportJob): Promise<void> {
    const request = job.request as ExportJobRequest;
    const at = () => now().toISOString();
    markExportJobRunning(db, job.id, at());
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${job.id}.zip`);
    let last = 0;
    let progress: Record<string, unknown> = {};
    try {
      const result = await exportDataset({
        dbFile: db.name,
        out: file,
        tables: request.tables === 'all' ? TABLE_NAMES : request.tables,
        format: request.format,
        filter: exportFilterOf(request),
        text: request.text ?? false,
        bom: request.bom ?? false,
        raqibVersion: options.raqibVersion,
        now: now(),
        batchSize: options.batchSize,
        signal: abort.signal,
        onProgress: (p: ExportProgress) => {
          progress = { ...p, fraction: Math.round(p.fraction * 1000) / 1000 };
          // Written at most twice a second: the status endpoint reads it, the pipeline shares the file.
          if (Date.now() - last < 500) return;
          last = Date.now();
          setExportJobProgress(db, job.id, progress);
        },
      });
      finishExportJob(
        db,
        job.id,
        {
          file,
          bytes: result.bytes,
          progress: { ...progress, fraction: 1, tables: result.resources.map((r) => ({ name: r.name, rows: r.rows })) },
        },
        at(),
      );
      options.log?.info({ job: job.id, bytes: result.bytes }, 'export finished');
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'export failed';
      options.log?.warn({ job: job.id, err: (error as Error).message }, 'export failed');
      finishExportJob(db, job.id, { error: message }, at());
    }
  }

  function pump(): void {
    if (running || closed) return;
    const next = nextQueuedExportJob(db);
    if (!next) return;
    running = runOne(next).finally(() => {
      running = null;
      pump();
    });
  }

  async function expire(): Promise<void> {
    const before = new Date(now().getTime() - retentionMs).toISOString();
    for (const job of expiredExportJobs(db, before)) {
      if (job.file) await rm(job.file, { force: true });
      deleteExportJob(db, job.id);
    }
  }

  pump();

  return {
    submit(request) {
      const tables = request.tables === 'all' ? [...TABLE_NAMES] : [...new Set(request.tables)].sort();
      const normalized = {
        tables: tables.length === TABLE_NAMES.length ? 'all' : tables,
        format: request.format,
        bom: request.format === 'csv' ? (request.bom ?? false) : false,
        text: request.text ?? false,
        filter: exportFilterOf(request),
      };
      void expire().catch((e: unknown) => options.log?.warn({ err: (e as Error).message }, 'export cleanup failed'));
      const cursor = currentChangeCursor(db);
      // Same request, same state of the record: the same bytes. Hand back the job that makes them.
      const requestKey = createHash('sha256').update(JSON.stringify({ normalized, cursor })).digest('hex');
      const existing = findReusableExportJob(db, requestKey);
      if (
        existing &&
        (existing.status !== 'done' || (existing.file && existing.file !== '' && existsSync(existing.file)))
      )
        return { job: view(existing), reused: true };
      if (countPendingExportJobs(db) >= maxPending)
        throw new AppError('CONFLICT', `${maxPending} exports are already waiting; retry when one has finished`);
      const id = `exp_${randomBytes(9).toString('base64url')}`;
      insertExportJob(db, {
        id,
        requestKey,
        request: { ...request, tables: normalized.tables },
        changeCursor: cursor,
        createdAt: now().toISOString(),
      });
      pump();
      return { job: view(getExportJob(db, id) as ExportJob), reused: false };
    },
    get(id) {
      const job = getExportJob(db, id);
      return job ? view(job) : null;
    },
    download(id) {
      const job = getExportJob(db, id);
      if (!job) throw new AppError('NOT_FOUND', `No export ${id}`);
      if (job.status === 'failed')
        throw new AppError('CONFLICT', `Export ${id} failed: ${job.error ?? 'unknown error'}`);
      if (job.status !== 'done' || !job.file)
        throw new AppError('CONFLICT', `Export ${id} is ${job.status}: poll ${`/exports/${id}`}`);
      if (!existsSync(job.file)) throw new AppError('NOT_FOUND', `Export ${id} has expired; request it again`);
      const format = (job.request as ExportJobRequest).format;
      return { path: job.file, bytes: job.bytes ?? 0, filename: `raqib-${format}-${job.id}.zip` };
    },
    async idle() {
      while (running) await running;
    },
    async close() {
      closed = true;
      abort.abort();
      await running;
    },
  };
}
