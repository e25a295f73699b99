// The Frictionless Data Package (https://specs.frictionlessdata.io/data-package/) that describes an
// export, and the short README beside it. The descriptor is what makes the files citable and
// machine-checkable: types, descriptions, keys, licence, sources, versions and the change cursor.
import type { ExportFilter, ExportSourceRow } from '../store/exports.ts';
import { type ExportFormat, FORMAT_INFO } from './formats.ts';
import type { FieldSpec, TableName, TableSpec } from './tables.ts';

const DATA_LICENSE = {
  name: 'ODC-BY-1.0',
  path: 'https://opendatacommons.org/licenses/by/1-0/',
  title: 'Open Data Commons Attribution License v1.0',
} as const;

export interface WrittenResource {
  table: TableSpec;
  fields: readonly FieldSpec[];
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface PackageInfo {
  created: Date;
  format: ExportFormat;
  bom: boolean;
  raqibVersion: string;
  pipelineVersion: number;
  changeCursor: number;
  filter: ExportFilter;
  sources: readonly ExportSourceRow[];
  resources: readonly WrittenResource[];
}

const PACKAGE_NAME = 'raqib-data-protection-enforcement-morocco';

export function dataPackage(info: PackageInfo): Record<string, unknown> {
  const csv = info.format === 'csv';
  return {
    profile: 'tabular-data-package',
    name: PACKAGE_NAME,
    title: 'Raqib — data-protection enforcement in Morocco',
    description:
      'Communiqués and decisions of the CNDP (Commission nationale de contrôle de la protection des données à caractère personnel) and their French, Arabic and English press coverage, with the organizations, laws, events and deadlines found in them and the enforcement cases that link them. Built automatically by Raqib.',
    homepage: 'https://github.com/raqib-ma/raqib',
    version: info.raqibVersion,
    created: info.created.toISOString(),
    licenses: [DATA_LICENSE],
    sources: info.sources.map((s) => ({
      title: s.name,
      ...(s.homepage ? { path: s.homepage } : {}),
      raqibSourceId: s.id,
      kind: s.kind,
      documents: s.documentCount,
    })),
    contributors: [{ title: 'Raqib', role: 'author', path: 'https://github.com/raqib-ma/raqib' }],
    keywords: ['data protection', 'CNDP', 'Morocco', 'enforcement', 'law 09-08', 'press'],
    raqib: {
      version: info.raqibVersion,
      pipelineVersion: info.pipelineVersion,
      // GET /changes?since=<this> lists what changed after the export.
      changeCursor: String(info.changeCursor),
      format: info.format,
      filter: readableFilter(info.filter),
    },
    resources: info.resources.map((r) => ({
      profile: 'tabular-data-resource',
      name: r.table.name,
      title: r.table.title,
      description: r.table.description,
      path: r.path,
      format: FORMAT_INFO[info.format].extension,
      mediatype: FORMAT_INFO[info.format].mediatype,
      ...(info.format === 'parquet' ? {} : { encoding: 'utf-8' }),
      bytes: r.bytes,
      hash: `sha256:${r.sha256}`,
      rows: r.rows,
      ...(csv
        ? {
            dialect: {
              delimiter: ',',
              lineTerminator: '\r\n',
              quoteChar: '"',
              doubleQuote: true,
              header: true,
              skipInitialSpace: false,
            },
          }
        : {}),
      schema: {
        fields: r.fields.map((field) => ({
          name: field.name,
          type: field.type,
          ...(field.type === 'datetime' ? { format: 'any' } : {}),
          description: field.description,
          ...(field.required || field.enum
            ? {
                constraints: {
                  ...(field.required ? { required: true } : {}),
                  ...(field.enum ? { enum: [...field.enum] } : {}),
                },
              }
            : {}),
        })),
        // In CSV an empty unquoted field is null; a quoted "" is an empty string.
        missingValues: [''],
        primaryKey: [...r.table.primaryKey],
        ...(r.table.foreignKeys
          ? {
              foreignKeys: r.table.foreignKeys
                // A key to a table left out of this export would dangle.
                .filter((k) => info.resources.some((o) => o.table.name === k.reference.resource))
                .map((k) => ({ fields: k.fields, reference: { ...k.reference } })),
            }
          : {}),
      },
    })),
  };
}

/** The filter as a reader wants it: dates as ISO 8601 rather than the Unix seconds used to query. */
function readableFilter(filter: ExportFilter): Record<string, unknown> {
  const iso = (s: number | undefined) => (s === undefined ? undefined : new Date(s * 1000).toISOString());
  return { ...filter, from: iso(filter.from), to: iso(filter.to) };
}

export function readme(info: PackageInfo): string {
  const lines = [
    '# Raqib — data-protection enforcement in Morocco',
    '',
    `Exported ${info.created.toISOString()} by Raqib ${info.raqibVersion} (pipeline version ${info.pipelineVersion}).`,
    `Format: ${info.format}. Licence: ${DATA_LICENSE.title} (${DATA_LICENSE.name}) — cite “Raqib” and the source of each row.`,
    '',
    '`datapackage.json` (Frictionless Data Package) declares every file, column, type and key.',
    '',
    '| file | rows | what |',
    '| --- | ---: | --- |',
    ...info.resources.map((r) => `| ${r.path} | ${r.rows} | ${r.table.description} |`),
    '',
    '## Conventions',
    '',
    '- Every row derived from a document carries its provenance: `url`, `fetched_at` (snapshot fetch time),',
    '  `snapshot_content_hash` and `pipeline_version`; mentions, events and deadlines carry the `sentence` they were read in.',
    '- Dates are ISO 8601. `published_at` is as precise as the source states it; `published_date` is its day.',
    '- Offsets (`start`, `end`) count UTF-16 code units in the document text (`GET /documents/{id}` on the API).',
  ];
  if (info.format === 'csv')
    lines.push(
      '- CSV: UTF-8, header row, comma, CRLF. Every text value is quoted; an empty unquoted field is **null**, a quoted',
      '  `""` is an empty string. Lists are JSON arrays.' +
        (info.bom ? ' The file starts with a byte-order mark for spreadsheet programs.' : ''),
    );
  if (info.format === 'jsonl') lines.push('- JSON Lines: one object per line, every column present, null for none.');
  if (info.format === 'parquet')
    lines.push(
      '- Parquet: one row group per batch of rows, Snappy-compressed; lists are JSON text (logical type JSON).',
    );
  lines.push(
    '',
    '## Keeping a copy up to date',
    '',
    `This export is consistent with change cursor \`${info.changeCursor}\`. \`GET /changes?since=${info.changeCursor}\``,
    'on the Raqib API lists the documents and cases created, updated or deleted since.',
    '',
    '## Not included',
    '',
    '- Names of individuals (persons are not exported).',
    '- Full document texts unless the export asked for them: they belong to their publishers; follow `url`.',
    '',
  );
  return lines.join('\n');
}

export type { TableName };
