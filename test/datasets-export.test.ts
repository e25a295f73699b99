// Dataset exports end to end on a record built by the real pipeline: every table in every format,
// read back (CSV by our RFC 4180 reader, Parquet by hyparquet), validated against the Table Schema
// the data package declares, filtered like /search, zipped.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { readParquet } from 'parquet-wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { exportFilterOf } from '../api/exports.ts';
import { csvCell } from '../datasets/formats.ts';
import { type ExportFormat, exportDataset, FORMATS, TABLE_NAMES, TABLES } from '../datasets/index.ts';
import type { Db } from '../store/db.ts';
import { DATASET_DOCS, datasetStore } from './datasets-fixtures.ts';
import { parseCsv, validateDataPackage } from './table-schema-validator.ts';

let db: Db;
let out: string;
const NOW = new Date('2025-03-01T12:00:00Z');

beforeAll(async () => {
  ({ db } = await datasetStore());
  out = mkdtempSync(join(tmpdir(), 'raqib-export-out-'));
});
afterAll(() => db?.close());

const run = (name: string, format: ExportFormat, extra: Partial<Parameters<typeof exportDataset>[0]> = {}) =>
  exportDataset({
    dbFile: db.name,
    out: join(out, name),
    tables: TABLE_NAMES,
    format,
    filter: {},
    raqibVersion: '0.1.0-test',
    now: NOW,
    ...extra,
  });

describe('dataset export', () => {
  const exported: Partial<Record<ExportFormat, Awaited<ReturnType<typeof validateDataPackage>>>> = {};

  it.each(FORMATS)(
    'writes every table as %s, and the data package validates against its Table Schema',
    async (format) => {
      const result = await run(`all-${format}`, format, { batchSize: 2 });
      expect(result.resources.map((r) => r.name)).toEqual([...TABLE_NAMES]);
      const report = await validateDataPackage(join(out, `all-${format}`));
      expect(report.errors).toEqual([]);
      exported[format] = report;
      // The two relevant fixture documents (the football page is not about data protection).
      expect(report.rows.documents).toHaveLength(2);
      expect(report.rows.cases).toHaveLength(1);
      expect(report.rows.mentions?.length).toBeGreaterThan(4);
    },
  );

  it('reads back the same rows from CSV, JSONL and Parquet', () => {
    const jsonl = exported.jsonl?.rows;
    const parquet = exported.parquet?.rows;
    expect(jsonl && parquet).toBeTruthy();
    for (const table of TABLE_NAMES) expect(parquet?.[table], table).toEqual(jsonl?.[table]);
    // CSV is text: compare through the same typed view.
    const csvDocs = exported.csv?.rows.documents ?? [];
    expect(csvDocs.map((d) => d.title)).toEqual(jsonl?.documents?.map((d) => d.title));
    expect(csvDocs.map((d) => d.relevant)).toEqual(['true', 'true']);
  });

  it('Parquet files read back through Apache Arrow (parquet-wasm) as well', () => {
    // A second reader, independent of the writer's authors: arrow-rs compiled to WebAssembly.
    for (const table of TABLE_NAMES) {
      const bytes = new Uint8Array(readFileSync(join(out, 'all-parquet', `${table}.parquet`)));
      const arrow = tableFromIPC(readParquet(bytes).intoIPCStream());
      const arrays = new Set(TABLES[table].fields.filter((f) => f.type === 'array').map((f) => f.name));
      const rows = arrow.toArray().map((r) =>
        Object.fromEntries(
          Object.entries(r.toJSON() as Record<string, unknown>).map(([k, v]) => [
            k,
            // Arrow keeps the JSON logical type as text; integers come back as 64-bit.
            typeof v === 'bigint' ? Number(v) : arrays.has(k) && typeof v === 'string' ? JSON.parse(v) : v,
          ]),
        ),
      );
      expect(rows, table).toEqual(exported.jsonl?.rows[table]);
    }
  });

  it('keeps Arabic text and quotes intact in CSV, and null apart from the empty string', () => {
    const text = readFileSync(join(out, 'all-csv', 'documents.csv'), 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(false);
    const [header, ...rows] = parseCsv(text);
    const title = header?.indexOf('title') ?? -1;
    const author = header?.indexOf('author') ?? -1;
    const titles = rows.map((r) => r[title]);
    expect(titles).toContain(DATASET_DOCS[1].title);
    expect(titles).toContain(DATASET_DOCS[0].title);
    expect(rows.every((r) => r[author] === null)).toBe(true);
    expect(csvCell('')).toBe('""');
    expect(csvCell(null)).toBe('');
    expect(parseCsv('"a",,""\r\n')).toEqual([['a', null, '']]);
    const sentences = parseCsv(readFileSync(join(out, 'all-csv', 'mentions.csv'), 'utf8')).map((r) => r[8]);
    expect(sentences.some((s) => s?.includes('عقوبة في حق شركة مصحة الواحة'))).toBe(true);
  });

  it('puts provenance on every document-derived row', () => {
    const rows = exported.jsonl?.rows ?? {};
    for (const table of ['documents', 'mentions', 'events', 'deadlines'] as const)
      for (const row of rows[table] ?? []) {
        expect(row.url, table).toMatch(/^https:\/\//);
        expect(row.fetched_at, table).toMatch(/^\d{4}-\d{2}-\d{2}T/);
        expect(row.snapshot_content_hash, table).toMatch(/^[0-9a-f]{64}$/);
        expect(row.pipeline_version, table).toBeGreaterThan(0);
      }
    expect(rows.mentions?.every((m) => typeof m.sentence === 'string' && m.sentence.includes(String(m.text)))).toBe(
      true,
    );
    const deadline = rows.deadlines?.[0];
    expect(deadline).toMatchObject({ date: '2025-03-31', status: 'upcoming' });
  });

  it('flattens each case record into timeline rows that point at its documents', () => {
    const rows = exported.jsonl?.rows ?? {};
    const caseRow = rows.cases?.[0] as { id: string; document_ids: string[]; timeline_entries: number };
    const timeline = rows.timeline ?? [];
    expect(timeline).toHaveLength(caseRow.timeline_entries);
    expect(timeline.every((t) => t.case_id === caseRow.id)).toBe(true);
    const sanction = timeline.find((t) => t.event_type === 'sanction');
    expect(sanction).toMatchObject({ entry_kind: 'event', date: '2025-02-11' });
    for (const t of timeline) for (const d of t.document_ids as string[]) expect(caseRow.document_ids).toContain(d);
  });

  it('adds a byte-order mark only when asked, and the text column only when asked', async () => {
    await run('bom', 'csv', { tables: ['documents'], bom: true, text: true });
    const text = readFileSync(join(out, 'bom', 'documents.csv'), 'utf8');
    expect(text.startsWith('\uFEFF"id"')).toBe(true);
    const report = await validateDataPackage(join(out, 'bom'));
    expect(report.errors).toEqual([]);
    expect(String(report.rows.documents?.find((d) => d.language === 'ar')?.text)).toContain('كاميرات المراقبة');
  });

  it('selects a slice with the /search filters, read from the store', async () => {
    const rows = async (name: string, params: Parameters<typeof exportFilterOf>[0]) => {
      await run(name, 'jsonl', { tables: ['documents', 'mentions'], filter: exportFilterOf(params) });
      return (await validateDataPackage(join(out, name))).rows;
    };
    expect((await rows('ar', { language: ['ar'] })).documents?.map((d) => d.language)).toEqual(['ar']);
    expect((await rows('all', { relevant: 'all' })).documents).toHaveLength(3);
    expect((await rows('irrelevant', { relevant: 'false' })).documents?.map((d) => d.title)).toEqual([
      DATASET_DOCS[2].title,
    ]);
    expect((await rows('from', { from: '2025-02-12' })).documents?.map((d) => d.language)).toEqual(['ar']);
    const declared = JSON.parse(readFileSync(join(out, 'from', 'datapackage.json'), 'utf8'));
    expect(declared.raqib.filter).toMatchObject({ from: '2025-02-12T00:00:00.000Z', relevant: true });
    expect((await rows('to', { to: '2025-02-11' })).documents?.map((d) => d.language)).toEqual(['fr']);
    const article = await rows('article', { law: ['ma-law-09-08'], article: ['12'] });
    expect(article.documents?.map((d) => d.language)).toEqual(['fr']);
    // A law matches documents citing it or any of its articles.
    expect((await rows('law', { law: ['ma-law-09-08'] })).documents).toHaveLength(2);
    const caseId = String(exported.jsonl?.rows.cases?.[0]?.id);
    expect((await rows('case', { caseId: [caseId], relevant: 'all' })).documents).toHaveLength(2);
    expect((await rows('nocase', { caseId: ['case_does_not_exist'] })).documents).toEqual([]);
    const org = await rows('org', { org: ['org:cndp', 'org:does-not-exist'] });
    expect(org.documents).toEqual([]);
    expect(org.mentions).toEqual([]);
    // An organization may be named as well as given by id (the exact name, any case).
    expect((await rows('orgname', { org: ['clinique oasis'] })).documents?.map((d) => d.language)).toContain('fr');
    // Hostile values are data, never SQL.
    expect((await rows('hostile', { outlet: ["x') OR 1=1 --"] })).documents).toEqual([]);
  });

  it('zips the package, and refuses to overwrite', async () => {
    const result = await run('pack.zip', 'parquet', { tables: ['cases', 'timeline'] });
    expect(result.zip).toBe(true);
    const names = await zipEntries(join(out, 'pack.zip'));
    expect(names.sort()).toEqual(['README.md', 'cases.parquet', 'datapackage.json', 'timeline.parquet']);
    await expect(run('pack.zip', 'csv')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('the validator catches a file that breaks its schema', async () => {
    await run('broken', 'csv', { tables: ['documents'] });
    const path = join(out, 'broken', 'documents.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/,true,/, ',yes,'));
    const report = await validateDataPackage(join(out, 'broken'));
    expect(report.errors.some((e) => /relevant: not a boolean/.test(e))).toBe(true);
    expect(report.errors.some((e) => /hash differs/.test(e))).toBe(true);
  });
});

function zipEntries(path: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
