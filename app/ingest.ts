// `raqib ingest --jsonl FILE [--out FILE]`: documents that were not crawled enter the same record
// and the same pipeline as crawled pages. A bad line is reported with its number and skipped; it
// never costs the good lines.

import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Canonicalization } from '../crawlers/canonicalize.ts';
import { canonicalizeUrl } from '../crawlers/canonicalize.ts';
import { SOURCES } from '../crawlers/sources/index.ts';
import { type PublicDocument, toPublicDocument } from '../pipeline/export-shape.ts';
import { PIPELINE_VERSION } from '../pipeline/run.ts';
import { analysesWithUrls, hasAnalysis, staleDocumentIds } from '../store/analyses.ts';
import { caseIdsForDocument } from '../store/cases.ts';
import type { Db } from '../store/db.ts';
import { importContentHash, recordSnapshot } from '../store/documents.ts';
import { upsertSource } from '../store/sources.ts';
import { openContext } from './context.ts';
import { processDocuments, progressPrinter } from './process.ts';
import { IMPORT_HEADERS } from './source-info.ts';

const isoDate = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
    'expected an ISO date or datetime',
  )
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real date');

export const importLineSchema = z
  .object({
    url: z.string().url(),
    source: z.string().trim().min(1).optional(),
    title: z.string().trim().min(1).nullish(),
    text: z.string().optional(),
    html: z.string().optional(),
    publishedAt: isoDate.nullish(),
    language: z.enum(['fr', 'ar', 'en']).nullish(),
  })
  .refine((line) => (line.text ?? '').trim() !== '' || (line.html ?? '').trim() !== '', {
    message: 'needs a non-empty "text" or "html"',
  });
export type ImportLine = z.infer<typeof importLineSchema>;

export interface IngestLineError {
  line: number;
  error: { code: 'INPUT_INVALID' | 'PIPELINE_FAILED'; message: string };
}

export interface IngestResult {
  lines: number;
  imported: number;
  /** Documents that went through the pipeline: new or changed ones (0 for an unchanged file). */
  analysed: number;
  errors: IngestLineError[];
  /** One entry per input line, in order. */
  outputs: Array<PublicDocument | IngestLineError>;
}

const IMPORT_CANONICALIZATION: Canonicalization = {
  stripParams: ['utm_*', 'fbclid', 'gclid'],
  forceHttps: false,
  trailingSlash: 'keep',
  rewrites: [],
};

/** Parse one line; returns the error message instead of throwing. */
export function parseImportLine(raw: string): ImportLine | string {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  const parsed = importLineSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  return parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

function resolveSource(db: Db, name: string | undefined): { id: string; canonicalization: Canonicalization } {
  const wanted = (name ?? 'import').toLowerCase();
  const known = SOURCES.find((s) => [s.id, s.outlet, s.name].some((v) => v.toLowerCase() === wanted));
  if (known) return { id: known.id, canonicalization: known.canonicalization };
  const slug =
    wanted
      .normalize('NFKD')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'unnamed';
  const id = `import-${slug}`;
  upsertSource(db, id, { id, name: name ?? 'import', outlet: name ?? null, kind: 'press', imported: true });
  return { id, canonicalization: IMPORT_CANONICALIZATION };
}

/** Import the lines of `input` (an async iterable of raw lines), then process the imported documents. */
export async function ingestLines(
  db: Db,
  lines: AsyncIterable<string> | Iterable<string>,
  options: {
    now?: Date;
    onProgress?: (done: number, total: number) => void;
    /** Build `outputs` (one understood document per line); off, only errors are read back. */
    outputs?: boolean;
    /**
     * Receives each line's output, in input order, instead of `outputs` collecting them: a large
     * file's documents are then written out one at a time rather than held in memory together.
     */
    onOutput?: (output: PublicDocument | IngestLineError) => void | Promise<void>;
  } = {},
): Promise<IngestResult> {
  const now = options.now ?? new Date();
  const errors: IngestLineError[] = [];
  const perLine: Array<{ line: number; documentId: string } | IngestLineError> = [];
  const fail = (line: number, code: IngestLineError['error']['code'], message: string) => {
    const error: IngestLineError = { line, error: { code, message } };
    errors.push(error);
    return error;
  };
  // Documents whose snapshot is new or changed in this file: only these (and any the record still
  // has pending) go through the pipeline and linking. Re-ingesting an unchanged file is then a
  // hash check per line: no re-analysis, no re-linking, the same cases.
  const changed = new Set<string>();
  const store = (batch: Array<{ lineNo: number; line: ImportLine }>) =>
    db.transaction(() => {
      for (const { lineNo, line } of batch) {
        const source = resolveSource(db, line.source);
        const body = line.html ?? line.text ?? '';
        const headers: Record<string, string> = {};
        if (line.title) headers[IMPORT_HEADERS.title] = line.title;
        if (line.publishedAt) headers[IMPORT_HEADERS.publishedAt] = line.publishedAt;
        if (line.language) headers[IMPORT_HEADERS.language] = line.language;
        const stored = recordSnapshot(db, {
          sourceId: source.id,
          url: line.url,
          canonicalUrl: canonicalizeUrl(line.url, source.canonicalization),
          finalUrl: line.url,
          status: 200,
          headers,
          body: Buffer.from(body, 'utf8'),
          contentType: line.html ? 'text/html' : 'text/plain',
          charset: 'utf-8',
          text: body,
          fetchedAt: now.toISOString(),
          // The title, date and language given beside the text are part of what was imported: a
          // corrected date is a new version even when the text is the same.
          contentHash: importContentHash(body, headers),
        });
        if (stored.changed) changed.add(stored.documentId);
        perLine.push({ line: lineNo, documentId: stored.documentId });
      }
    })();
  // Lines are stored in batches, one transaction each: one commit per line is most of the time of
  // a large import, and a crash loses at most the batch in progress (re-ingesting redoes it).
  let batch: Array<{ lineNo: number; line: ImportLine }> = [];
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const line = raw.trim() === '' ? 'empty line' : parseImportLine(raw);
    if (typeof line === 'string') {
      perLine.push(fail(lineNo, 'INPUT_INVALID', line));
      continue;
    }
    batch.push({ lineNo, line });
    if (batch.length >= 500) {
      store(batch);
      batch = [];
    }
  }
  store(batch);
  perLine.sort((a, b) => a.line - b.line);

  const ids = [...new Set(perLine.flatMap((x) => ('documentId' in x ? [x.documentId] : [])))];
  const pending = new Set(staleDocumentIds(db, PIPELINE_VERSION));
  const toProcess = ids.filter((id) => changed.has(id) || pending.has(id));
  // Only the failures are kept from the summary: its per-document map is garbage once linked.
  const failures =
    toProcess.length > 0 ? processDocuments(db, { documentIds: toProcess, onProgress: options.onProgress }).failed : [];
  const failed = new Map(failures.map((f) => [f.documentId, f.error]));
  // Read back after the whole file is processed and linked: duplicates and cases reflect every line.
  // Without `--out` the per-line documents are not built: on a large file they would hold every
  // document's entities in memory at once for nothing.
  const wantOutputs = options.onOutput !== undefined || (options.outputs ?? true);
  const outputs: IngestResult['outputs'] = [];
  const emit = async (output: PublicDocument | IngestLineError) => {
    if (options.onOutput) await options.onOutput(output);
    else outputs.push(output);
  };
  for (const entry of perLine) {
    if (!('documentId' in entry)) {
      if (wantOutputs) await emit(entry);
      continue;
    }
    const id = entry.documentId;
    if (failed.has(id) || !hasAnalysis(db, id)) {
      // Stored but not understood: the snapshot is kept and `raqib process` retries it.
      const error = fail(entry.line, 'PIPELINE_FAILED', failed.get(id) ?? 'not analysed');
      if (wantOutputs) await emit(error);
      continue;
    }
    if (wantOutputs) await emit(publicDocumentOf(db, id));
  }
  errors.sort((a, b) => a.line - b.line);
  return { lines: lineNo, imported: ids.length, analysed: toProcess.length, errors, outputs };
}

function publicDocumentOf(db: Db, documentId: string): PublicDocument {
  const analysis = analysesWithUrls(db, [documentId])[0];
  if (!analysis?.canonicalUrl) throw new Error(`no analysis for ${documentId}`);
  const cases = caseIdsForDocument(db, documentId);
  return toPublicDocument({
    id: analysis.documentId,
    url: analysis.canonicalUrl,
    language: analysis.language,
    title: analysis.title,
    publishedAt: analysis.publishedAt,
    relevant: analysis.relevant,
    duplicateOf: analysis.duplicateOf,
    entities: analysis.entities,
    caseId: cases.caseId,
    mentionedCaseIds: cases.mentionedCaseIds,
  });
}

export async function runIngest(config: Readonly<Config>, options: { input: string; out?: string }): Promise<number> {
  const ctx = openContext(config);
  try {
    const lines = createInterface({
      input: createReadStream(options.input, 'utf8'),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    // `--out` is written line by line as the documents are read back, never collected first.
    const path = options.out;
    let out: WriteStream | null = null;
    const write = path
      ? async (o: PublicDocument | IngestLineError) => {
          out ??= createWriteStream(path, 'utf8');
          if (!out.write(`${JSON.stringify(o)}\n`)) await once(out, 'drain');
        }
      : undefined;
    const result = await ingestLines(ctx.db, lines, {
      onProgress: progressPrinter(ctx.log, 'processing'),
      outputs: false,
      onOutput: write,
    });
    for (const e of result.errors) ctx.log.warn({ line: e.line, reason: e.error.message }, 'line skipped');
    if (path) {
      // An empty input still leaves its (empty) output file.
      const stream: WriteStream = out ?? createWriteStream(path, 'utf8');
      stream.end();
      await once(stream, 'finish');
    }
    ctx.log.info(
      { lines: result.lines, imported: result.imported, analysed: result.analysed, skipped: result.errors.length },
      'ingest finished',
    );
    return result.errors.length > 0 ? 2 : 0;
  } finally {
    ctx.close();
  }
}
