// Dataset exports and the change feed over HTTP: a job is created, polled and downloaded over a
// real port; the zip unpacks into a data package that validates. Real SQLite (built by the real
// pipeline), the real Meilisearch the API is built with, Fastify on 127.0.0.1.
import { createWriteStream, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { createApi } from '../api/index.ts';
import { createSearchIndex, type SearchIndex } from '../index/index.ts';
import type { Db } from '../store/db.ts';
import { DATASET_DOCS, datasetStore } from './datasets-fixtures.ts';
import { SILENT_LOG } from './search-fixtures.ts';
import { validateDataPackage } from './table-schema-validator.ts';

let db: Db;
let search: SearchIndex;
let app: FastifyInstance;
let base: string;
let work: string;

beforeAll(async () => {
  const store = await datasetStore();
  db = store.db;
  work = mkdtempSync(join(tmpdir(), 'raqib-exports-api-'));
  search = createSearchIndex({
    db,
    dataDir: store.dataDir,
    config: { indexPrefix: 'exports_' },
    log: SILENT_LOG,
    maxIndexingThreads: 1,
    pollMs: 50,
  });
  await search.start({ loop: false });
  app = await createApi({
    db,
    search,
    config: { corsOrigins: [], apiKeyHashes: [], readRequiresKey: false },
    exportsDir: join(store.dataDir, 'exports'),
  });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app?.close();
  await search?.close();
  db?.close();
});

async function waitDone(statusUrl: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const res = await app.inject({ method: 'GET', url: statusUrl });
    expect(res.statusCode).toBe(200);
    const job = res.json() as Record<string, unknown>;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('export did not finish');
}

async function unzip(file: string, into: string): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (err, z) => (err || !z ? reject(err) : resolve(z))),
  );
  const names: string[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      names.push(entry.fileName);
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return reject(err);
        const path = join(into, entry.fileName);
        mkdirSync(dirname(path), { recursive: true });
        pipeline(stream, createWriteStream(path)).then(() => zip.readEntry(), reject);
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return names;
}

describe('POST /exports → GET /exports/:id → download', () => {
  it('runs a filtered export as a job and serves a zip whose data package validates', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/exports',
      payload: { format: 'csv', tables: ['documents', 'mentions', 'cases'], language: ['ar'], bom: true },
    });
    expect(created.statusCode).toBe(202);
    const job = created.json();
    expect(job).toMatchObject({
      status: expect.stringMatching(/queued|running|done/),
      statusUrl: `/exports/${job.id}`,
    });
    expect(created.headers.location).toBe(job.statusUrl);

    const done = await waitDone(job.statusUrl);
    expect(done).toMatchObject({ status: 'done', downloadUrl: `/exports/${job.id}/download` });
    expect((done.progress as { fraction: number }).fraction).toBe(1);

    // The same request on an unchanged record is the same job.
    const again = await app.inject({
      method: 'POST',
      url: '/exports',
      payload: { format: 'csv', language: 'ar', tables: ['cases', 'documents', 'mentions'], bom: true },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(job.id);

    // Downloaded over a real socket, streamed to disk.
    const res = await fetch(`${base}${done.downloadUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="raqib-csv-exp_/);
    const zipPath = join(work, 'api.zip');
    await pipeline(Readable.fromWeb(res.body as never), createWriteStream(zipPath));
    const dir = join(work, 'api');
    const names = await unzip(zipPath, dir);
    expect(names.sort()).toEqual(['README.md', 'cases.csv', 'datapackage.json', 'documents.csv', 'mentions.csv']);
    const report = await validateDataPackage(dir);
    expect(report.errors).toEqual([]);
    expect(report.rows.documents?.map((d) => d.title)).toEqual([DATASET_DOCS[1].title]);
  });

  it('exports every table as Parquet', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/exports',
      payload: { format: 'parquet', relevant: 'all' },
    });
    expect(created.statusCode).toBe(202);
    const done = await waitDone(created.json().statusUrl);
    expect(done.status).toBe('done');
    const download = await app.inject({ method: 'GET', url: String(done.downloadUrl) });
    expect(download.statusCode).toBe(200);
    const zipPath = join(work, 'all-parquet.zip');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(zipPath, download.rawPayload);
    const dir = join(work, 'all-parquet');
    await unzip(zipPath, dir);
    const report = await validateDataPackage(dir);
    expect(report.errors).toEqual([]);
    expect(report.rows.documents).toHaveLength(DATASET_DOCS.length);
  });

  it('refuses bad requests with a code, and unknown jobs with 404', async () => {
    for (const payload of [
      { format: 'xlsx' },
      { format: 'csv', tables: ['passwords'] },
      { format: 'csv', lang: 'fr' },
      { format: 'csv', from: '2025-13-45' },
      { format: 'csv', article: ['12'] },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/exports', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.code).toBe('BAD_REQUEST');
    }
    expect((await app.inject({ method: 'GET', url: '/exports/exp_nothere' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/exports/exp_nothere/download' })).statusCode).toBe(404);
  });
});

describe('GET /changes', () => {
  it('lists documents and cases, resumes from nextCursor, and refuses a bad cursor', async () => {
    const first = await app.inject({ method: 'GET', url: '/changes?limit=2' });
    expect(first.statusCode).toBe(200);
    const page = first.json();
    expect(page.changes).toHaveLength(2);
    expect(page.hasMore).toBe(true);
    const rest = (await app.inject({ method: 'GET', url: `/changes?since=${page.nextCursor}&limit=100` })).json();
    const all = [...page.changes, ...rest.changes];
    expect(all.filter((c: { kind: string }) => c.kind === 'document')).toHaveLength(DATASET_DOCS.length);
    expect(all.filter((c: { kind: string }) => c.kind === 'case')).toHaveLength(1);
    expect(rest.hasMore).toBe(false);
    const after = (await app.inject({ method: 'GET', url: `/changes?since=${rest.nextCursor}` })).json();
    expect(after.changes).toEqual([]);
    const cases = (await app.inject({ method: 'GET', url: '/changes?kind=case' })).json();
    expect(cases.changes.map((c: { kind: string }) => c.kind)).toEqual(['case']);
    const bad = await app.inject({ method: 'GET', url: "/changes?since=1'%20OR%201=1" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BAD_REQUEST');
  });
});
