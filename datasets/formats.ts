// File writers for the three formats. Each takes rows in batches and writes them out as they come,
// so memory holds one batch (one Parquet row group), never the table.

import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import type { CellValue, FieldSpec, Row } from './tables.ts';

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

export const FORMATS = ['csv', 'jsonl', 'parquet'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export const FORMAT_INFO: Record<ExportFormat, { extension: string; mediatype: string }> = {
  csv: { extension: 'csv', mediatype: 'text/csv' },
  jsonl: { extension: 'jsonl', mediatype: 'application/jsonl' },
  parquet: { extension: 'parquet', mediatype: 'application/vnd.apache.parquet' },
};

export interface TableFileWriter {
  write(rows: readonly Row[]): Promise<void>;
  close(): Promise<void>;
}

export interface WriterOptions {
  /** CSV only: start with a byte-order mark, so spreadsheet programs read the Arabic as UTF-8. */
  bom?: boolean;
  /** Parquet: key-value metadata written in the footer. */
  metadata?: Record<string, string>;
}

export function createTableWriter(
  format: ExportFormat,
  path: string,
  fields: readonly FieldSpec[],
  options: WriterOptions = {},
): TableFileWriter {
  switch (format) {
    case 'csv':
      return textWriter(path, options.bom ? `\uFEFF${csvHeader(fields)}` : csvHeader(fields), (row) =>
        csvLine(row, fields),
      );
    case 'jsonl':
      return textWriter(path, '', (row) => jsonLine(row, fields));
    case 'parquet':
      return parquetWriter(path, fields, options.metadata ?? {});
  }
}

/**
 * CSV per RFC 4180 with one convention on top: every string is quoted and a null is an empty,
 * unquoted field, so `""` (an empty string) and nothing (null) stay distinct for readers that tell
 * them apart. Arrays are JSON text. Lines end with CRLF.
 */
export function csvCell(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = Array.isArray(value) ? JSON.stringify(value) : value;
  return `"${text.replaceAll('"', '""')}"`;
}

function csvHeader(fields: readonly FieldSpec[]): string {
  return `${fields.map((field) => csvCell(field.name)).join(',')}\r\n`;
}

function csvLine(row: Row, fields: readonly FieldSpec[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += csvCell(row[(fields[i] as FieldSpec).name]);
  }
  return `${line}\r\n`;
}

function jsonLine(row: Row, fields: readonly FieldSpec[]): string {
  // Keys in schema order, every declared field present (null when absent).
  const ordered: Record<string, CellValue> = {};
  for (const field of fields) ordered[field.name] = row[field.name] ?? null;
  return `${JSON.stringify(ordered)}\n`;
}

function textWriter(path: string, head: string, line: (row: Row) => string): TableFileWriter {
  const stream: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let failure: Error | null = null;
  stream.on('error', (e) => {
    failure = e;
  });
  if (head) stream.write(head);
  return {
    async write(rows) {
      if (failure) throw failure;
      // Pieces of about 64 KiB: small strings die young; one string per batch would be megabytes,
      // allocated where only a full collection frees them.
      let chunk = '';
      let full = false;
      for (const row of rows) {
        chunk += line(row);
        if (chunk.length < 65_536) continue;
        full = !stream.write(chunk) || full;
        chunk = '';
      }
      if (chunk) full = !stream.write(chunk) || full;
      // Backpressure: wait for the disk when the stream's buffer is full.
      if (full && stream.writableNeedDrain) await once(stream, 'drain');
    },
    async close() {
      if (failure) throw failure;
      stream.end();
      await once(stream, 'finish');
    },
  };
}

/** Parquet types per Table Schema type; dates stay ISO strings, arrays are JSON text (logical JSON). */
function parquetElement(field: FieldSpec): SchemaElement {
  const repetition_type = field.required ? 'REQUIRED' : 'OPTIONAL';
  switch (field.type) {
    case 'integer':
      return { name: field.name, type: 'INT64', repetition_type };
    case 'number':
      return { name: field.name, type: 'DOUBLE', repetition_type };
    case 'boolean':
      return { name: field.name, type: 'BOOLEAN', repetition_type };
    case 'array':
      return { name: field.name, type: 'BYTE_ARRAY', converted_type: 'JSON', repetition_type };
    default:
      return { name: field.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
  }
}

function parquetWriter(path: string, fields: readonly FieldSpec[], metadata: Record<string, string>): TableFileWriter {
  const schema: SchemaElement[] = [{ name: 'root', num_children: fields.length }, ...fields.map(parquetElement)];
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema,
    codec: 'SNAPPY',
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    createdBy: 'raqib (hyparquet-writer)',
  });
  return {
    async write(rows) {
      if (rows.length === 0) return;
      const columnData = fields.map((field) => ({
        name: field.name,
        data: rows.map((row) => parquetValue(row[field.name], field)),
      }));
      // One call, one row group: the batch size is the row-group size.
      await writer.write({ columnData, rowGroupSize: rows.length });
    },
    async close() {
      await writer.finish();
    },
  };
}

function parquetValue(value: CellValue | undefined, field: FieldSpec): unknown {
  if (value === null || value === undefined) return null;
  if (field.type === 'integer') return BigInt(value as number);
  // JSON columns take the value itself: the writer serializes it (stringifying here would nest it).
  return value;
}
