// A small validator for the Frictionless specs our exports declare — Data Package, Tabular Data
// Resource, Table Schema and CSV Dialect (https://specs.frictionlessdata.io/) — written here so the
// test checks the files against what the descriptor says, not against what the exporter meant.
// It checks the descriptor's structure, then reads every data file (CSV, JSONL or Parquet) and casts
// every cell by its field's type and constraints, plus primary-key uniqueness, bytes and hash.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';

const FIELD_TYPES = new Set([
  'string',
  'number',
  'integer',
  'boolean',
  'object',
  'array',
  'date',
  'time',
  'datetime',
  'year',
  'yearmonth',
  'duration',
  'geopoint',
  'geojson',
  'any',
]);
const NAME = /^[a-z0-9._-]+$/;

interface Field {
  name: string;
  type: string;
  format?: string;
  constraints?: { required?: boolean; enum?: unknown[] };
}

/** Split CSV text per RFC 4180; a cell is `null` when it was an empty unquoted field. */
export function parseCsv(text: string, dialect: { delimiter?: string; quoteChar?: string } = {}): (string | null)[][] {
  const delimiter = dialect.delimiter ?? ',';
  const quote = dialect.quoteChar ?? '"';
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    let cell: string | null;
    if (text[i] === quote) {
      let value = '';
      i++;
      for (;;) {
        if (i >= n) throw new Error('CSV: unterminated quoted field');
        const c = text[i] as string;
        if (c === quote) {
          if (text[i + 1] === quote) {
            value += quote;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
      cell = value;
    } else {
      let j = i;
      while (j < n && text[j] !== delimiter && text[j] !== '\r' && text[j] !== '\n') j++;
      const raw = text.slice(i, j);
      if (raw.includes(quote)) throw new Error(`CSV: stray quote in unquoted field ${JSON.stringify(raw)}`);
      cell = raw === '' ? null : raw;
      i = j;
    }
    row.push(cell);
    if (i >= n) {
      rows.push(row);
      break;
    }
    const c = text[i];
    if (c === delimiter) {
      i++;
      if (i >= n) {
        row.push(null);
        rows.push(row);
      }
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') i += 2;
    else if (c === '\n' || c === '\r') i++;
    else throw new Error(`CSV: unexpected character ${JSON.stringify(c)} after a field`);
    rows.push(row);
    row = [];
  }
  return rows;
}

function checkDescriptor(dp: Record<string, unknown>, errors: string[]): void {
  if (typeof dp.name !== 'string' || !NAME.test(dp.name)) errors.push('package: name must match ^[a-z0-9._-]+$');
  if (dp.created !== undefined && Number.isNaN(Date.parse(String(dp.created))))
    errors.push('package: created is not an RFC 3339 date-time');
  if (!Array.isArray(dp.licenses) || dp.licenses.length === 0) errors.push('package: licenses missing');
  else
    for (const l of dp.licenses as Record<string, unknown>[])
      if (typeof l.name !== 'string' && typeof l.path !== 'string') errors.push('license: needs a name or a path');
  if (dp.sources !== undefined) {
    if (!Array.isArray(dp.sources)) errors.push('package: sources must be an array');
    else
      for (const s of dp.sources as Record<string, unknown>[])
        if (typeof s.title !== 'string') errors.push('source: title missing');
  }
  if (!Array.isArray(dp.resources) || dp.resources.length === 0) errors.push('package: resources missing');
}

function castError(field: Field, value: unknown, physical: 'text' | 'native'): string | null {
  if (value === null) return field.constraints?.required ? 'required value is null' : null;
  const text = typeof value === 'string' ? value : null;
  const native = physical === 'native';
  switch (field.type) {
    case 'string':
      return typeof value === 'string' ? null : 'not a string';
    case 'integer':
      if (native) return Number.isInteger(value) ? null : 'not an integer';
      return text !== null && /^[+-]?\d+$/.test(text) ? null : 'not an integer';
    case 'number':
      if (native) return typeof value === 'number' && Number.isFinite(value) ? null : 'not a number';
      return text !== null && /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text) ? null : 'not a number';
    case 'boolean':
      if (native) return typeof value === 'boolean' ? null : 'not a boolean';
      return text === 'true' || text === 'false' ? null : 'not a boolean';
    case 'date':
      return text !== null && /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) ? null : 'not a date';
    case 'datetime': {
      if (text === null) return 'not a datetime';
      const strict = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text);
      if (field.format === 'any') return Number.isNaN(Date.parse(text)) ? 'not a datetime' : null;
      return strict ? null : 'not a datetime in the default format';
    }
    case 'array': {
      if (native) return Array.isArray(value) ? null : 'not an array';
      try {
        return Array.isArray(JSON.parse(text ?? '')) ? null : 'not a JSON array';
      } catch {
        return 'not a JSON array';
      }
    }
    default:
      return null;
  }
}

function enumError(field: Field, value: unknown): string | null {
  const allowed = field.constraints?.enum;
  if (!allowed || value === null) return null;
  return allowed.includes(value) ? null : `not one of ${allowed.join(', ')}`;
}

async function readRows(
  dir: string,
  resource: Record<string, unknown>,
  fields: Field[],
  errors: string[],
): Promise<{ rows: Record<string, unknown>[]; physical: 'text' | 'native' }> {
  const path = join(dir, String(resource.path));
  const format = String(resource.format);
  if (format === 'csv') {
    let text = readFileSync(path, 'utf8');
    if (text.startsWith('\uFEFF')) text = text.slice(1);
    const dialect = (resource.dialect ?? {}) as { delimiter?: string; quoteChar?: string; lineTerminator?: string };
    if (dialect.lineTerminator && text.length > 0 && !text.endsWith(dialect.lineTerminator))
      errors.push(`${resource.name}: file does not end with the declared line terminator`);
    const [header, ...body] = parseCsv(text, dialect);
    const names = fields.map((f) => f.name);
    if (JSON.stringify(header) !== JSON.stringify(names))
      errors.push(`${resource.name}: header differs from the schema`);
    const rows = body.map((cells, i) => {
      if (cells.length !== names.length) errors.push(`${resource.name} row ${i + 1}: ${cells.length} cells`);
      return Object.fromEntries(names.map((n, j) => [n, cells[j] ?? null]));
    });
    return { rows, physical: 'text' };
  }
  if (format === 'jsonl') {
    const lines = readFileSync(path, 'utf8').split('\n');
    if (lines.pop() !== '') errors.push(`${resource.name}: last line not terminated`);
    const rows = lines.map((l, i) => {
      const row = JSON.parse(l) as Record<string, unknown>;
      const keys = Object.keys(row);
      if (JSON.stringify(keys) !== JSON.stringify(fields.map((f) => f.name)))
        errors.push(`${resource.name} line ${i + 1}: keys differ from the schema`);
      return row;
    });
    // JSON carries strings for dates, numbers and booleans natively.
    return { rows, physical: 'native' };
  }
  if (format === 'parquet') {
    const bytes = readFileSync(path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const meta = parquetMetadata(file);
    const columns = meta.schema.slice(1).map((s) => s.name);
    if (JSON.stringify(columns) !== JSON.stringify(fields.map((f) => f.name)))
      errors.push(`${resource.name}: Parquet columns differ from the schema`);
    const raw = await parquetReadObjects({ file });
    const rows = raw.map((r) =>
      Object.fromEntries(
        fields.map((f) => {
          let v = r[f.name] ?? null;
          if (typeof v === 'bigint') v = Number(v);
          // Lists are JSON-typed columns: a reader hands back the list itself, not its text.
          return [f.name, v];
        }),
      ),
    );
    return { rows, physical: 'native' };
  }
  errors.push(`${resource.name}: unknown format ${format}`);
  return { rows: [], physical: 'text' };
}

export interface ValidationReport {
  errors: string[];
  rows: Record<string, Record<string, unknown>[]>;
}

/** Validate `dir/datapackage.json` and every file it declares; returns the errors and the rows read. */
export async function validateDataPackage(dir: string): Promise<ValidationReport> {
  const errors: string[] = [];
  const dp = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8')) as Record<string, unknown>;
  checkDescriptor(dp, errors);
  const out: Record<string, Record<string, unknown>[]> = {};
  const resources = (Array.isArray(dp.resources) ? dp.resources : []) as Record<string, unknown>[];
  const names = new Set<string>();
  for (const resource of resources) {
    const name = String(resource.name);
    if (!NAME.test(name)) errors.push(`resource ${name}: bad name`);
    if (names.has(name)) errors.push(`resource ${name}: duplicate name`);
    names.add(name);
    if (typeof resource.path !== 'string' || resource.path.includes('..') || resource.path.startsWith('/'))
      errors.push(`resource ${name}: path must be a relative POSIX path`);
    const schema = resource.schema as { fields?: Field[]; primaryKey?: string[]; foreignKeys?: unknown[] } | undefined;
    const fields = schema?.fields ?? [];
    if (fields.length === 0) errors.push(`resource ${name}: schema has no fields`);
    const fieldNames = new Set<string>();
    for (const f of fields) {
      if (typeof f.name !== 'string' || f.name === '') errors.push(`${name}: field without a name`);
      if (fieldNames.has(f.name)) errors.push(`${name}: duplicate field ${f.name}`);
      fieldNames.add(f.name);
      if (!FIELD_TYPES.has(f.type)) errors.push(`${name}.${f.name}: unknown type ${f.type}`);
    }
    for (const k of schema?.primaryKey ?? [])
      if (!fieldNames.has(k)) errors.push(`${name}: primary key ${k} is not a field`);
    const bytes = readFileSync(join(dir, String(resource.path)));
    if (resource.bytes !== undefined && resource.bytes !== bytes.length) errors.push(`${name}: bytes differ`);
    if (resource.hash !== undefined && resource.hash !== `sha256:${createHash('sha256').update(bytes).digest('hex')}`)
      errors.push(`${name}: hash differs`);
    const { rows, physical } = await readRows(dir, resource, fields, errors);
    if (resource.rows !== undefined && resource.rows !== rows.length)
      errors.push(`${name}: ${rows.length} rows, declared ${resource.rows}`);
    const keys = new Set<string>();
    rows.forEach((row, i) => {
      for (const f of fields) {
        const value = row[f.name] ?? null;
        const problem = castError(f, value, physical) ?? enumError(f, value);
        if (problem) errors.push(`${name} row ${i + 1} ${f.name}: ${problem} (${JSON.stringify(value)})`);
      }
      const key = JSON.stringify((schema?.primaryKey ?? []).map((k) => row[k]));
      if (schema?.primaryKey?.length) {
        if (keys.has(key)) errors.push(`${name} row ${i + 1}: duplicate primary key ${key}`);
        keys.add(key);
      }
    });
    out[name] = rows;
  }
  // Foreign keys: every reference must point at a row of the referenced resource.
  for (const resource of resources) {
    const fks =
      (resource.schema as { foreignKeys?: { fields: string; reference: { resource: string; fields: string } }[] })
        ?.foreignKeys ?? [];
    for (const fk of fks) {
      const target = out[fk.reference.resource];
      if (!target) {
        errors.push(`${resource.name}: foreign key to missing resource ${fk.reference.resource}`);
        continue;
      }
      const known = new Set(target.map((r) => r[fk.reference.fields]));
      for (const row of out[String(resource.name)] ?? [])
        if (row[fk.fields] !== null && !known.has(row[fk.fields]))
          errors.push(`${resource.name}: ${fk.fields}=${String(row[fk.fields])} has no ${fk.reference.resource} row`);
    }
  }
  return { errors, rows: out };
}
