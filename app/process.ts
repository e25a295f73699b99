// The pipeline job, in the order it runs — the one place that says so:
//   load the stored page → understand it (pipeline/run.ts: extraction, dates, language, relevance,
//   entities) → choose its near-duplicate cluster (pipeline/dedupe.ts) → save the analysis →
//   read what linking needs of it (pipeline/link: `linkInputOf`) → link the batch in publication
//   order (store/case-linking.ts loads the candidates, `planLink` decides, the store applies) →
//   settle the small cases the batch founded (`settleTarget`).
// Every step reads and writes the record; the decisions themselves are the pure stages of pipeline/.

import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { chooseDuplicate, DEFAULT_DUPLICATE_THRESHOLD, estimateJaccard } from '../pipeline/dedupe.ts';
import { linkInputOf } from '../pipeline/link/index.ts';
import { PIPELINE_VERSION, type SourceKind, understand } from '../pipeline/run.ts';
import type { UnderstoodDocument } from '../pipeline/types.ts';
import {
  findDuplicateCandidates,
  repointDuplicates,
  saveAnalysis,
  staleDocumentIds,
  understoodDocumentOf,
} from '../store/analyses.ts';
import { linkNewDocument, settleCases } from '../store/case-linking.ts';
import type { Db } from '../store/db.ts';
import { getDocument, latestVersion, listDocumentIds } from '../store/documents.ts';
import { openContext } from './context.ts';
import { sourceInfo } from './source-info.ts';

export interface ProcessOptions {
  /** Only these documents; otherwise every document whose analysis is missing or out of date. */
  documentIds?: readonly string[];
  /** Re-derive every document, even up-to-date ones. */
  all?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface ProcessSummary {
  processed: number;
  relevant: number;
  duplicates: number;
  failed: Array<{ documentId: string; error: string }>;
}

/** Documents whose latest version has no up-to-date analysis or no case decision yet. */
export function pendingDocumentIds(db: Db, all = false): string[] {
  return all ? listDocumentIds(db) : staleDocumentIds(db, PIPELINE_VERSION);
}

export function processDocuments(db: Db, options: ProcessOptions = {}): ProcessSummary {
  const ids = options.documentIds ?? pendingDocumentIds(db, options.all ?? false);
  const summary: ProcessSummary = { processed: 0, relevant: 0, duplicates: 0, failed: [] };
  // Only what orders the linking is kept per document: the understood documents themselves (text,
  // paragraphs, entities) are read back from their analyses one at a time when linked. Holding them
  // all until the batch was linked made a 100,000-document ingest peak at 1.3 GB RSS.
  const understood: Array<{
    id: string;
    publishedAt: string | null;
    sourceKind: SourceKind;
    duplicateOf: string | null;
  }> = [];

  for (const [i, id] of ids.entries()) {
    try {
      const record = getDocument(db, id);
      const latest = latestVersion(db, id);
      if (!record || !latest) throw new Error('document has no stored version');
      const source = sourceInfo(db, record.sourceId);
      const hints = source.hintsFor(latest.page);
      const result = understand({
        url: latest.page.finalUrl,
        canonicalUrl: record.canonicalUrl,
        sourceId: record.sourceId,
        sourceKind: source.kind,
        outlet: source.outlet,
        contentType: latest.page.contentType,
        body: latest.page.text,
        hints,
      });
      const duplicateOf = placeInCluster(
        db,
        result.doc,
        source.kind,
        result.contentHash,
        result.signature,
        result.bandKeys,
      );
      saveAnalysis(db, {
        doc: result.doc,
        versionNo: latest.versionNo,
        sourceKind: source.kind,
        rejectedReason: result.rejectedReason,
        contentHash: result.contentHash,
        signature: result.signature,
        bandKeys: result.bandKeys,
        duplicateOf: duplicateOf.id,
        duplicateSimilarity: duplicateOf.similarity,
      });
      understood.push({
        id: result.doc.id,
        publishedAt: result.doc.publishedAt,
        sourceKind: source.kind,
        duplicateOf: duplicateOf.id,
      });
      summary.processed++;
      if (result.doc.relevant) summary.relevant++;
      if (duplicateOf.id) summary.duplicates++;
    } catch (error) {
      // One bad document must not stop the batch; it stays pending and is retried next run.
      summary.failed.push({ documentId: id, error: error instanceof Error ? error.message : String(error) });
    }
    options.onProgress?.(i + 1, ids.length);
  }

  // Cases grow in the order the matter unfolded, so link the batch by publication date; undated
  // coverage comes last, when the dated reports have laid the matters out. Ties break on the id, so
  // the same data founds the same cases with the same ids whatever order it was fetched in.
  understood.sort(
    (a, b) => (a.publishedAt ?? '\uffff').localeCompare(b.publishedAt ?? '\uffff') || a.id.localeCompare(b.id),
  );
  const founded: string[] = [];
  for (const item of understood) {
    // The cluster may have been re-pointed by a later member of the batch: the stored analysis says.
    const stored = understoodDocumentOf(db, item.id);
    if (!stored) continue;
    const duplicateOf = stored.duplicateOf ?? item.duplicateOf;
    const linked = linkNewDocument(db, linkInputOf(stored.doc, { duplicateOf, sourceKind: item.sourceKind }));
    if (linked.caseId) founded.push(linked.caseId);
  }
  // Then settle: a small case founded before the batch's other reports were in may belong to them.
  settleCases(db, founded);
  return summary;
}

/**
 * Near-duplicates: candidates come from shared LSH bands or the same content hash. The cluster's
 * canonical member is the regulator's text, else the earliest published; when the new document
 * outranks the current canonical, the whole cluster is re-pointed at it.
 */
function placeInCluster(
  db: Db,
  doc: UnderstoodDocument,
  sourceKind: SourceKind,
  hash: string,
  signature: Uint32Array,
  bandKeys: string[],
): { id: string | null; similarity: number | null } {
  const stored = findDuplicateCandidates(db, doc.id, hash, bandKeys);
  if (stored.length === 0) return { id: null, similarity: null };
  const self = { id: doc.id, contentHash: hash, signature, publishedAt: doc.publishedAt, sourceKind };
  const candidates = stored.map((c) => ({ ...c, sourceKind: asSourceKind(c.sourceKind) }));
  const decision = chooseDuplicate(self, candidates);
  if (decision.duplicateOf !== null) {
    const canonical = candidates.find((c) => c.id === decision.duplicateOf);
    return { id: canonical?.duplicateOf ?? decision.duplicateOf, similarity: decision.similarity };
  }
  for (const c of candidates) {
    const similarity = c.contentHash === hash ? 1 : estimateJaccard(signature, c.signature);
    if (similarity >= DEFAULT_DUPLICATE_THRESHOLD) repointDuplicates(db, c.duplicateOf ?? c.id, doc.id);
  }
  return { id: null, similarity: decision.similarity || null };
}

function asSourceKind(kind: string): SourceKind {
  return kind === 'regulator' || kind === 'aggregator' ? kind : 'press';
}

export async function runProcess(config: Readonly<Config>, options: { all: boolean }): Promise<void> {
  const ctx = openContext(config);
  try {
    const summary = processDocuments(ctx.db, { all: options.all, onProgress: progressPrinter(ctx.log, 'processing') });
    ctx.log.info(
      {
        processed: summary.processed,
        relevant: summary.relevant,
        duplicates: summary.duplicates,
        failed: summary.failed.length,
      },
      'pipeline finished',
    );
    for (const f of summary.failed) ctx.log.warn(f, 'document not processed');
  } finally {
    ctx.close();
  }
}

/**
 * A progress callback: a line rewritten in place on a terminal, a structured log line every few
 * seconds otherwise (and at the end).
 */
export function progressPrinter(log: Logger, label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let lastLog = 0;
  return (done, total) => {
    if (tty) {
      process.stderr.write(`\r${label} ${done}/${total}${done === total ? '\n' : ''}`);
    } else if (done === total || Date.now() - lastLog > 5_000) {
      lastLog = Date.now();
      log.info({ done, total }, label);
    }
  };
}
