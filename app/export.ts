// `raqib export <table|all> --format csv|jsonl|parquet [filters] --out PATH`: the dataset export
// from the terminal, with the same filters as /search and a progress bar on a terminal.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { exportFilterOf } from '../api/index.ts';
import type { Config } from '../config.ts';
import { type ExportProgress, exportDataset, FORMATS, TABLE_NAMES, type TableName } from '../datasets/index.ts';
import { isCalendarDay } from '../pipeline/dates/index.ts';
import { AppError } from '../pipeline/errors.ts';
import { openContext } from './context.ts';

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A real calendar day: `Date` would quietly roll 2025-02-30 over to March. */
const realDate = (value: string): boolean =>
  isCalendarDay(Number(value.slice(0, 4)), Number(value.slice(5, 7)), Number(value.slice(8, 10)));
const dateParam = z.string().regex(DATE, 'an ISO date or date-time').refine(realDate, 'not a real date');

export const exportCommandSchema = z.object({
  tables: z
    .string()
    .transform((v) => v.split(',').map((t) => t.trim()))
    .pipe(z.array(z.enum(['all', ...TABLE_NAMES])).min(1)),
  format: z.enum(FORMATS),
  out: z.string().min(1),
  language: z.array(z.enum(['fr', 'ar', 'en', 'und'])).optional(),
  source: z.array(z.string().min(1)).optional(),
  outlet: z.array(z.string().min(1)).optional(),
  kind: z.array(z.string().min(1)).optional(),
  org: z.array(z.string().min(1)).optional(),
  law: z.array(z.string().min(1)).optional(),
  article: z.array(z.string().min(1)).optional(),
  eventType: z.array(z.string().min(1)).optional(),
  case: z.array(z.string().min(1)).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  relevant: z.enum(['true', 'false', 'all']).default('true'),
  includeDuplicates: z.boolean().default(false),
  bom: z.boolean().default(false),
  withText: z.boolean().default(false),
  batchSize: z.coerce.number().int().min(100).max(1_000_000).optional(),
});
export type ExportCommandOptions = z.input<typeof exportCommandSchema>;

function raqibVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** `[#########-----------]  45%  mentions (4/7)  120,000 rows` on one rewritten line. */
function progressBar(stream: NodeJS.WriteStream): (p: ExportProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    const finished = p.tableIndex === p.tables - 1 && p.fraction >= 1;
    if (now - last < 100 && !finished) return;
    last = now;
    const width = 28;
    const filled = Math.round(p.fraction * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(p.fraction * 100)).padStart(3)}%  ${p.table} (${p.tableIndex + 1}/${p.tables})  ${p.totalRows.toLocaleString('en')} rows`;
    stream.write(`\r${line.padEnd(stream.columns ? Math.min(stream.columns - 1, 100) : 80)}${finished ? '\n' : ''}`);
  };
}

export async function runExport(config: Readonly<Config>, input: ExportCommandOptions): Promise<void> {
  const parsed = exportCommandSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`);
    throw new AppError('BAD_REQUEST', `Invalid export: ${problems.join('; ')}`);
  }
  const o = parsed.data;
  const tables: TableName[] = o.tables.includes('all') ? [...TABLE_NAMES] : (o.tables as TableName[]);
  // The /search parameters, through the same conversion the API uses.
  const filter = exportFilterOf({
    language: o.language,
    source: o.source,
    outlet: o.outlet,
    kind: o.kind,
    org: o.org,
    law: o.law,
    article: o.article,
    eventType: o.eventType,
    caseId: o.case,
    from: o.from,
    to: o.to,
    relevant: o.relevant,
    includeDuplicates: o.includeDuplicates,
  });
  const ctx = openContext(config);
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  try {
    const started = Date.now();
    const result = await exportDataset({
      dbFile: ctx.db.name,
      out: o.out,
      tables,
      format: o.format,
      filter,
      text: o.withText,
      bom: o.bom,
      raqibVersion: raqibVersion(),
      batchSize: o.batchSize,
      signal: abort.signal,
      onProgress: process.stderr.isTTY ? progressBar(process.stderr) : undefined,
    });
    for (const r of result.resources)
      process.stdout.write(
        `${r.path.padEnd(20)} ${String(r.rows).padStart(10)} rows ${String(r.bytes).padStart(12)} bytes\n`,
      );
    process.stdout.write(
      `${result.path}: ${result.zip ? 'zip' : 'folder'}, ${result.bytes} bytes, change cursor ${result.changeCursor}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    ctx.log.info({ out: result.path, tables: result.resources.length, bytes: result.bytes }, 'export finished');
  } finally {
    process.off('SIGINT', onSignal);
    ctx.close();
  }
}
