// Writes projections of the store into a Meilisearch index and waits for Meilisearch to confirm:
// the one place both the outbox sync (index/outbox-sync.ts) and the rebuild (index/reindex.ts) turn
// ids into records. Records are built from the store's validated reads (store/analyses.ts).
import { AppError, isAppError } from '../pipeline/errors.ts';
import { type AnalysisWithUrl, analysesWithUrls } from '../store/analyses.ts';
import type { Db } from '../store/db.ts';
import type { CaseReader } from './case-reader.ts';
import { EMBEDDER_NAME, type Embedder, embeddingText } from './embedder.ts';
import type { EnqueuedTask, MeiliClient } from './meili-client.ts';
import {
  buildCaseRecord,
  buildDocumentRecord,
  type CaseIndexRecord,
  type DocumentIndexRecord,
  type DocumentSource,
  type ProjectionContext,
} from './projection.ts';
import { quote } from './query.ts';

export interface IndexWriterDeps {
  db: Db;
  client: MeiliClient;
  cases: CaseReader;
  ctx: ProjectionContext;
  /** Vectors are added when a model is loaded; none, records go without. */
  embedder: Embedder | null;
}

export const PRIMARY_KEY = 'uid';

/** Meilisearch ids allow only [A-Za-z0-9_-]. */
const caseUid = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

function toSource(a: AnalysisWithUrl): DocumentSource {
  return {
    documentId: a.documentId,
    url: a.canonicalUrl,
    title: a.title,
    text: a.text,
    language: a.language,
    paragraphLanguages: a.paragraphLanguages,
    publishedAt: a.publishedAt,
    outlet: a.outlet,
    sourceId: a.sourceId,
    sourceKind: a.sourceKind,
    relevant: a.relevant,
    duplicateOf: a.duplicateOf,
    entities: a.entities,
  };
}

/**
 * Push `items`; when Meilisearch refuses the task (INDEX_TASK_FAILED), split in halves and retry
 * each, so k bad records among n cost O(k log n) tasks; `refused` gets each record refused alone.
 * Outages (any other error) propagate untouched.
 */
export async function bisect<T>(
  items: T[],
  push: (part: T[]) => Promise<void>,
  refused: (item: T, err: Error) => void,
): Promise<void> {
  try {
    await push(items);
  } catch (e) {
    if (!isAppError(e, 'INDEX_TASK_FAILED')) throw e;
    if (items.length === 1) {
      refused(items[0] as T, e);
      return;
    }
    const mid = Math.ceil(items.length / 2);
    await bisect(items.slice(0, mid), push, refused);
    await bisect(items.slice(mid), push, refused);
  }
}

export class IndexWriter {
  readonly #deps: IndexWriterDeps;

  constructor(deps: IndexWriterDeps) {
    this.#deps = deps;
  }

  get client(): MeiliClient {
    return this.#deps.client;
  }

  /** Create the index when missing and apply `settings`, waiting for both tasks. */
  async ensureIndex(uid: string, settings: object): Promise<void> {
    const { client } = this.#deps;
    if (!(await client.indexExists(uid))) await client.waitForTasks([await client.createIndex(uid, PRIMARY_KEY)]);
    await client.waitForTasks([await client.updateSettings(uid, settings)]);
  }

  /** Records for the analyses given (vectors included when a model is loaded). */
  async documentRecords(analyses: readonly AnalysisWithUrl[]): Promise<DocumentIndexRecord[]> {
    const { cases, ctx } = this.#deps;
    const records = analyses.map((a) => buildDocumentRecord(toSource(a), cases.caseIdsForDocument(a.documentId), ctx));
    return this.#withVectors(records);
  }

  /** Enqueue an add-or-replace of `records` (whole documents: no field of an older version lingers). */
  addDocuments(target: string, records: readonly object[]): Promise<EnqueuedTask> {
    return this.#deps.client.addDocuments(target, records, PRIMARY_KEY);
  }

  /** Index the current projection of each document id; ids with no analysis any more are deleted. */
  async pushDocuments(ids: readonly string[], target: string): Promise<void> {
    const { client } = this.#deps;
    const found = new Map(this.#readAnalyses(ids).map((a) => [a.documentId, a]));
    const gone = ids.filter((id) => !found.has(id));
    const records = await this.documentRecords(ids.flatMap((id) => found.get(id) ?? []));
    const tasks: EnqueuedTask[] = [];
    // A long document is several records (chunks) sharing its documentId: delete by filter.
    if (gone.length > 0)
      tasks.push(await client.deleteDocumentsWhere(target, [gone.map((id) => `documentId = ${quote(id)}`)]));
    if (records.length > 0) tasks.push(await this.addDocuments(target, records));
    await client.waitForTasks(tasks);
  }

  /** Index the current projection of each case id; unknown or absorbed ids are deleted. */
  async pushCases(ids: readonly string[], target: string): Promise<void> {
    const { client, cases, ctx } = this.#deps;
    const records: (CaseIndexRecord & { uid: string })[] = [];
    const gone: string[] = [];
    for (const id of ids) {
      const c = cases.getCase(id);
      if (c) records.push({ uid: caseUid(c.id), ...buildCaseRecord(c, ctx) });
      else gone.push(caseUid(id));
    }
    const tasks: EnqueuedTask[] = [];
    if (gone.length > 0) tasks.push(await client.deleteDocuments(target, gone));
    if (records.length > 0) tasks.push(await this.addDocuments(target, records));
    await client.waitForTasks(tasks);
  }

  /**
   * A stored row that fails validation is a record the index cannot take, like one Meilisearch
   * refuses: reported as INDEX_TASK_FAILED so the caller isolates and parks it instead of treating
   * it as an outage and retrying forever.
   */
  #readAnalyses(ids: readonly string[]): AnalysisWithUrl[] {
    try {
      return analysesWithUrls(this.#deps.db, ids);
    } catch (cause) {
      if (isAppError(cause)) throw cause;
      throw new AppError('INDEX_TASK_FAILED', `Stored analysis unreadable: ${(cause as Error).message}`, { cause });
    }
  }

  /** Vectors for the records (title and opening of the text), in batches; no model, no change. */
  async #withVectors<T extends DocumentIndexRecord>(records: T[]): Promise<T[]> {
    const { embedder } = this.#deps;
    if (!embedder || records.length === 0) return records;
    const out: T[] = [];
    for (let i = 0; i < records.length; i += 32) {
      const batch = records.slice(i, i + 32);
      const texts = batch.map((r) =>
        embeddingText(r.title, [r.text_fr, r.text_ar, r.text_en].filter((t) => typeof t === 'string').join('\n')),
      );
      const vectors = await embedder.embed(texts);
      batch.forEach((r, j) => {
        out.push({ ...r, _vectors: { [EMBEDDER_NAME]: vectors[j] ?? null } });
      });
    }
    return out;
  }
}
