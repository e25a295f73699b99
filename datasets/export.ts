// One export, start to finish: open a snapshot of the record, stream each table into its file in
// batches, write datapackage.json and the README, then move the folder into place or zip it. A
// failed or aborted export leaves nothing at the destination.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, readdirSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import yazl from 'yazl';
import { AppError } from '../pipeline/errors.ts';
import { PIPELINE_VERSION } from '../pipeline/run.ts';
import { type ExportFilter, openExportSnapshot } from '../store/exports.ts';
import { createTableWriter, type ExportFormat, FORMAT_INFO } from './formats.ts';
import { dataPackage, readme, type WrittenResource } from './package.ts';
import { type Row, type RowContext, TABLES, type TableName, tableFields } from './tables.ts';

export interface ExportRequest {
  tables: readonly TableName[];
  format: ExportFormat;
  filter: ExportFilter;
  /** Add each document's full text to the documents table. */
  text?: boolean;
  /** CSV: start each file with a UTF-8 byte-order mark. */
  bom?: boolean;
}

export interface ExportProgress {
  table: TableName;
  /** 0-based position of `table` among the exported tables. */
  tableIndex: number;
  tables: number;
  /** Rows written to the current table so far. */
  rows: number;
  /** Rows written in all tables so far. */
  totalRows: number;
  /** 0–1, by units of work (documents, cases, entities) across the tables. */
  fraction: number;
}

export interface ExportOptions extends ExportRequest {
  /** The SQLite file of the record (`Db.name`); read through a connection of the export's own. */
  dbFile: string;
  /** A folder to create, or a `.zip` file. Must not exist yet. */
  out: string;
  raqibVersion: string;
  now?: Date;
  /** Rows per batch: the unit of memory and, in Parquet, the row-group size. */
  batchSize?: number;
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
}

export interface ExportResult {
  path: string;
  zip: boolean;
  bytes: number;
  changeCursor: number;
  resources: { name: TableName; path: string; rows: number; bytes: number; sha256: string }[];
}

// Rows wait in a batch until written. Small batches for text formats keep those rows young, so the
// garbage collector's cheap young-generation passes reclaim them; Parquet needs its batch as a row
// group, where bigger compresses better and reads faster.
const DEFAULT_BATCH: Record<ExportFormat, number> = { csv: 1_000, jsonl: 1_000, parquet: 10_000 };

export async function exportDataset(options: ExportOptions): Promise<ExportResult> {
  const zip = options.out.toLowerCase().endsWith('.zip');
  if (existsSync(options.out) && !(isEmptyDir(options.out) && !zip))
    throw new AppError('CONFLICT', `${options.out} already exists: choose a new path or remove it`);
  if (options.tables.length === 0) throw new AppError('BAD_REQUEST', 'No table to export');
  const now = options.now ?? new Date();
  const staging = join(dirname(options.out), `.${basename(options.out)}.partial-${process.pid}-${Date.now()}`);
  await mkdir(staging, { recursive: true });
  const snapshot = openExportSnapshot(options.dbFile, now);
  try {
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH[options.format]);
    const tables = [...new Set(options.tables)];
    const text = options.text ?? false;
    const written: WrittenResource[] = [];
    let totalRows = 0;
    for (const [tableIndex, name] of tables.entries()) {
      const table = TABLES[name];
      const fields = tableFields(name, { text });
      const file = `${name}.${FORMAT_INFO[options.format].extension}`;
      const path = join(staging, file);
      let units = 0;
      const ctx: RowContext = {
        snapshot,
        filter: options.filter,
        text,
        today: now.toISOString().slice(0, 10),
        tick: () => {
          units++;
        },
      };
      const unitsTotal = Math.max(1, table.units(ctx));
      const writer = createTableWriter(options.format, path, fields, {
        bom: options.bom ?? false,
        metadata: {
          'raqib.table': name,
          'raqib.version': options.raqibVersion,
          'raqib.pipeline_version': String(PIPELINE_VERSION),
          'raqib.change_cursor': String(snapshot.cursor),
        },
      });
      let rows = 0;
      const report = () =>
        options.onProgress?.({
          table: name,
          tableIndex,
          tables: tables.length,
          rows,
          totalRows,
          fraction: Math.min(1, (tableIndex + Math.min(1, units / unitsTotal)) / tables.length),
        });
      try {
        let batch: Row[] = [];
        for (const row of table.rows(ctx)) {
          batch.push(row);
          if (batch.length < batchSize) continue;
          await writer.write(batch);
          rows += batch.length;
          totalRows += batch.length;
          batch = [];
          report();
          if (options.signal?.aborted) throw new AppError('CONFLICT', 'Export cancelled');
          // Let the server answer other requests between batches.
          await yieldToLoop();
        }
        await writer.write(batch);
        rows += batch.length;
        totalRows += batch.length;
      } finally {
        await writer.close();
      }
      units = unitsTotal;
      report();
      const { bytes, sha256 } = await hashFile(path);
      written.push({ table, fields, path: file, rows, bytes, sha256 });
    }
    const info = {
      created: now,
      format: options.format,
      bom: options.bom ?? false,
      raqibVersion: options.raqibVersion,
      pipelineVersion: PIPELINE_VERSION,
      changeCursor: snapshot.cursor,
      filter: options.filter,
      sources: snapshot.sources(options.filter),
      resources: written,
    };
    await writeFile(join(staging, 'datapackage.json'), `${JSON.stringify(dataPackage(info), null, 2)}\n`);
    await writeFile(join(staging, 'README.md'), readme(info));
    let bytes: number;
    if (zip) {
      bytes = await zipFolder(
        staging,
        ['datapackage.json', 'README.md', ...written.map((r) => r.path)],
        options.out,
        options.format !== 'parquet',
      );
      await rm(staging, { recursive: true, force: true });
    } else {
      bytes = written.reduce((sum, r) => sum + r.bytes, 0);
      if (existsSync(options.out)) await rm(options.out, { recursive: true });
      await rename(staging, options.out);
    }
    return {
      path: options.out,
      zip,
      bytes,
      changeCursor: snapshot.cursor,
      resources: written.map((r) => ({
        name: r.table.name,
        path: r.path,
        rows: r.rows,
        bytes: r.bytes,
        sha256: r.sha256,
      })),
    };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  } finally {
    snapshot.close();
  }
}

function isEmptyDir(path: string): boolean {
  try {
    return readdirSync(path).length === 0;
  } catch {
    return false;
  }
}

async function hashFile(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Zip the files as they are on disk, streaming (yazl reads each file when its turn comes). */
async function zipFolder(dir: string, files: readonly string[], out: string, compress: boolean): Promise<number> {
  const zipfile = new yazl.ZipFile();
  for (const file of files)
    zipfile.addFile(join(dir, file), file, { compress: compress || !file.endsWith('.parquet') });
  const partial = `${out}.partial`;
  const output = createWriteStream(partial);
  zipfile.outputStream.pipe(output);
  zipfile.end();
  await once(output, 'close');
  await rename(partial, out);
  return output.bytesWritten;
}
