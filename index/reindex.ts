// Rebuild-and-swap: fresh indexes are built beside the live ones from a full read of the store, then
// swapped in with one atomic `swap-indexes` task, so searches never see a half-built index.
// https://www.meilisearch.com/docs/reference/api/indexes#swap-indexes
import { isAppError } from '../pipeline/errors.ts';
import { analysesPage, countAnalyses } from '../store/analyses.ts';
import type { Db } from '../store/db.ts';
import { lastOutboxId, requeueAfterRebuild } from '../store/outbox.ts';
import type { CaseReader } from './case-reader.ts';
import type { EnqueuedTask } from './meili-client.ts';
import type { DocumentIndexRecord } from './projection.ts';
import type { Log } from './server.ts';
import type { IndexNames } from './settings.ts';
import { bisect, type IndexWriter } from './writer.ts';

export interface ReindexProgress {
  index: 'documents' | 'cases';
  done: number;
  total: number;
}

export interface ReindexDeps {
  db: Db;
  writer: IndexWriter;
  cases: CaseReader;
  names: IndexNames;
  documentSettings: object;
  caseSettings: object;
  log: Log;
}

const PAGE = 1000;
/** Enqueued document payloads kept in flight before waiting for the oldest. */
const MAX_PENDING = 4;

/** Build `${live}_next` with `fill`, then swap it in under the live name and drop the old one. */
async function buildAndSwap(
  writer: IndexWriter,
  live: string,
  settings: object,
  fill: (tmp: string) => Promise<number>,
): Promise<number> {
  const { client } = writer;
  const tmp = `${live}_next`;
  // A leftover from an interrupted rebuild; its absence fails the task, which is fine.
  await client.waitForTasks([await client.deleteIndex(tmp)]).catch(() => undefined);
  await writer.ensureIndex(tmp, settings);
  const count = await fill(tmp);
  // Nothing is visible under the live name until this single task swaps both indexes.
  await client.waitForTasks([await client.swapIndexes([[live, tmp]])]);
  await client.waitForTasks([await client.deleteIndex(tmp)]);
  return count;
}

/**
 * Every analysis into `tmp`, a page at a time. A batch Meilisearch refuses is retried in halves so
 * one bad record cannot fail the rebuild; the ids refused alone are added to `refused`.
 */
async function fillDocuments(
  deps: ReindexDeps,
  tmp: string,
  refused: string[],
  onProgress?: (p: ReindexProgress) => void,
): Promise<number> {
  const { db, writer } = deps;
  const total = countAnalyses(db);
  let last = '';
  let done = 0;
  const pending: { task: EnqueuedTask; records: DocumentIndexRecord[] }[] = [];
  const settle = async (batch: typeof pending) => {
    for (const { task, records } of batch) {
      try {
        await writer.client.waitForTasks([task]);
      } catch (e) {
        if (!isAppError(e, 'INDEX_TASK_FAILED')) throw e;
        await bisect(
          records,
          async (part) => {
            await writer.client.waitForTasks([await writer.addDocuments(tmp, part)]);
          },
          (record) => {
            refused.push(record.documentId);
            done--;
          },
        );
      }
    }
  };
  for (;;) {
    const page = analysesPage(db, last, PAGE);
    if (page.length === 0) break;
    const records = await writer.documentRecords(page);
    pending.push({ task: await writer.addDocuments(tmp, records), records });
    last = page[page.length - 1]?.documentId ?? last;
    done += page.length;
    if (pending.length >= MAX_PENDING) await settle(pending.splice(0, pending.length - 2));
    onProgress?.({ index: 'documents', done, total });
  }
  await settle(pending);
  return done;
}

async function fillCases(deps: ReindexDeps, tmp: string, onProgress?: (p: ReindexProgress) => void): Promise<number> {
  const caseIds = deps.cases.listCaseIds();
  for (let i = 0; i < caseIds.length; i += PAGE) {
    await deps.writer.pushCases(caseIds.slice(i, i + PAGE), tmp);
    onProgress?.({ index: 'cases', done: Math.min(i + PAGE, caseIds.length), total: caseIds.length });
  }
  return caseIds.length;
}

/** Rebuild both indexes from the store; the caller keeps other index writers out meanwhile. */
export async function reindex(
  deps: ReindexDeps,
  onProgress?: (p: ReindexProgress) => void,
): Promise<{ documents: number; cases: number }> {
  const { db, writer, names, log } = deps;
  // Changes queued up to here are covered by the fresh read below; later ones stay queued.
  const coveredUpTo = lastOutboxId(db);
  // Timestamps in the store are ISO strings; a minute of slack covers clock skew between writers.
  const since = new Date(Date.now() - 60_000).toISOString();
  const refused: string[] = [];
  const documents = await buildAndSwap(writer, names.documents, deps.documentSettings, (tmp) =>
    fillDocuments(deps, tmp, refused, onProgress),
  );
  const cases = await buildAndSwap(writer, names.cases, deps.caseSettings, (tmp) => fillCases(deps, tmp, onProgress));
  requeueAfterRebuild(db, { coveredUpTo, since, refusedDocumentIds: refused });
  if (refused.length > 0) log.warn({ refused: refused.length }, 'reindex: records refused by Meilisearch were queued');
  return { documents, cases };
}
