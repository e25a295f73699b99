// Meilisearch as a projection of the store. Changes reach it through the outbox (store/outbox.ts):
// a loop pushes batches, waits for Meilisearch to confirm each task, and only then deletes the rows,
// so nothing is lost while Meilisearch is down and the index converges when it returns. `reindex`
// builds fresh indexes beside the live ones and swaps them in with one atomic `swapIndexes` task.
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Meilisearch, type Task } from 'meilisearch';
import { AppError, isAppError } from '../pipeline/errors.ts';
import type { Entities, Lang } from '../pipeline/types.ts';
import type { Db } from '../store/db.ts';
import { parseJsonColumn } from '../store/db.ts';
import { ackOutbox, failOutbox, outboxSize, parkedOutboxRows, readOutbox } from '../store/outbox.ts';
import { normalizeArabicQuery } from './arabic.ts';
import type { IndexConfig } from './config.ts';
import { EMBEDDER_NAME, type Embedder, embeddingText, loadEmbedder } from './embedder.ts';
import {
  buildCaseRecord,
  buildDocumentRecord,
  type CaseIndexRecord,
  type CaseLinks,
  type CaseSource,
  type DocumentIndexRecord,
  type DocumentSource,
  type ProjectionContext,
} from './projection.ts';
import {
  type DocumentQuery,
  type DocumentSearchResult,
  MAX_OFFSET_HITS,
  type MeiliSearchResponse,
  quote,
  runDocumentSearch,
} from './query.ts';
import { type Log, type MeiliServer, resolveMeilisearch } from './server.ts';
import {
  buildSynonyms,
  caseSettings,
  documentSettings,
  type GazetteerEntry,
  type IndexNames,
  indexNames,
} from './settings.ts';
import { caseReaderFromStore, defaultGazetteer } from './sources.ts';
import { createQueryUnderstander, type QueryUnderstander } from './understand.ts';

/** What the index needs from the case store (store/cases.ts), as a port so either can evolve. */
export interface CaseReader {
  caseIdsForDocument(documentId: string): CaseLinks;
  getCase(id: string): CaseSource | null;
  /** Every live case id (for reindex). */
  listCaseIds(): string[];
}

export interface SearchIndexOptions {
  db: Db;
  config: IndexConfig;
  dataDir: string;
  log: Log;
  /** Defaults to pipeline/entities' GAZETTEER and LAWS. */
  gazetteer?: readonly GazetteerEntry[];
  /** Defaults to the case store (store/cases.ts) over `db`. */
  cases?: CaseReader;
  /** An already-resolved server (tests share one); otherwise resolved at `start()`. */
  server?: MeiliServer;
  batchSize?: number;
  /** Idle poll of the outbox when nothing is queued. */
  pollMs?: number;
  maxBackoffMs?: number;
  maxIndexingThreads?: number;
  /** Characters per index chunk of long documents (see CHUNK_CHARS). */
  chunkChars?: number;
  /** A loaded embedding model; otherwise loaded from `config.embeddingModel` at start, if set. */
  embedder?: Embedder;
  /** Called after Meilisearch confirmed a batch (the alert engine matches what was just indexed). */
  onSynced?: () => void;
}

export interface ReindexProgress {
  index: 'documents' | 'cases';
  done: number;
  total: number;
}

export interface IndexHealth {
  status: 'ok' | 'unavailable';
  url: string | null;
  managed: boolean;
  queued: number;
  /** Records Meilisearch refused repeatedly, parked in the outbox with their error. */
  parked: number;
  documents?: number;
  error?: string;
}

export interface CaseQuery {
  q: string;
  type?: string;
  limit: number;
  offset: number;
}

export interface CaseHit {
  id: string;
  titleFr: string | null;
  titleAr: string | null;
  type: string | null;
  documentCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface SearchIndex {
  readonly names: IndexNames;
  /** Resolve the server, create indexes and settings, start the sync loop. */
  start(options?: { loop?: boolean }): Promise<void>;
  /** Push one batch from the outbox; throws when Meilisearch refuses or is unreachable. */
  syncOnce(): Promise<{ pushed: number; remaining: number }>;
  /** Push until the outbox is empty (or the timeout passes). */
  drain(timeoutMs?: number): Promise<void>;
  /** Wake the loop now (after a write the caller wants visible soon). */
  kick(): void;
  reindex(onProgress?: (p: ReindexProgress) => void): Promise<{ documents: number; cases: number }>;
  searchDocuments(query: DocumentQuery): Promise<DocumentSearchResult>;
  /**
   * The ids among `documentIds` that /search would return for `query` (every word required): the
   * alert engine matches saved searches against newly indexed documents only, with /search's code.
   */
  searchDocumentsAmong(query: DocumentQuery, documentIds: readonly string[]): Promise<string[]>;
  /** How queries and filter names are read (thesaurus, gazetteer, law numbers). */
  readonly understander: QueryUnderstander;
  /** Search the cases index (titles, subject and law names in every language). */
  searchCases(query: CaseQuery): Promise<{ total: number; cases: CaseHit[] }>;
  /** Raw Meilisearch search on the documents index (benchmarks compare against it). */
  rawSearch(body: object): Promise<MeiliSearchResponse>;
  health(): Promise<IndexHealth>;
  readonly server: MeiliServer | null;
  close(): Promise<void>;
}

interface AnalysisRow {
  document_id: string;
  title: string | null;
  text: string;
  language: Lang;
  paragraph_languages: string;
  published_at: string | null;
  outlet: string | null;
  source_id: string;
  source_kind: string;
  relevant: number;
  duplicate_of: string | null;
  entities: string;
  canonical_url: string | null;
}

const EMPTY_ENTITIES: Entities = { organizations: [], persons: [], laws: [], deadlines: [], amounts: [], events: [] };

const SELECT_ANALYSES = `SELECT a.document_id, a.title, a.text, a.language, a.paragraph_languages, a.published_at, a.outlet,
  a.source_id, a.source_kind, a.relevant, a.duplicate_of, a.entities, d.canonical_url
  FROM analyses a LEFT JOIN documents d ON d.id = a.document_id`;

function toSource(row: AnalysisRow): DocumentSource {
  return {
    documentId: row.document_id,
    url: row.canonical_url,
    title: row.title,
    text: row.text,
    language: row.language,
    paragraphLanguages: parseJsonColumn<Lang[]>(row.paragraph_languages, []),
    publishedAt: row.published_at,
    outlet: row.outlet,
    sourceId: row.source_id,
    sourceKind: row.source_kind,
    relevant: row.relevant === 1,
    duplicateOf: row.duplicate_of,
    entities: { ...EMPTY_ENTITIES, ...parseJsonColumn<Partial<Entities>>(row.entities, {}) },
  };
}

// Searches go through node:http with a keep-alive pool rather than fetch: it is the hot path of
// the API and measurably cheaper per request (the bench compares it with Meilisearch itself).
const searchAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });

function postJson<T>(server: MeiliServer, path: string, body: object): Promise<T> {
  const payload = Buffer.from(JSON.stringify(body));
  const url = new URL(path, server.url);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': payload.length,
  };
  if (server.apiKey) headers.authorization = `Bearer ${server.apiKey}`;
  return new Promise<T>((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers,
        agent: searchAgent,
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (cause) =>
          reject(new AppError('INDEX_UNAVAILABLE', 'Search index connection lost', { cause })),
        );
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve(JSON.parse(text) as T);
            return;
          }
          let detail: { code?: string; message?: string } = {};
          try {
            detail = JSON.parse(text) as typeof detail;
          } catch {
            // not JSON
          }
          // Filters are built only from validated values, so a rejected search is our fault or the index's.
          reject(
            new AppError(
              status >= 500 ? 'INDEX_UNAVAILABLE' : 'INDEX_TASK_FAILED',
              `Search failed: ${detail.message ?? status}`,
              {
                details: { meiliCode: detail.code },
              },
            ),
          );
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (cause) => reject(new AppError('INDEX_UNAVAILABLE', 'Search index unreachable', { cause })));
    req.end(payload);
  });
}

/**
 * Push `items`; when Meilisearch refuses the task (INDEX_TASK_FAILED), split in halves and retry
 * each, so k bad records among n cost O(k log n) tasks; `refused` gets each record refused alone.
 * Outages (any other error) propagate untouched.
 */
async function bisect<T>(
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

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function createSearchIndex(options: SearchIndexOptions): SearchIndex {
  const { db, config, log } = options;
  const names = indexNames(config.indexPrefix);
  const cases = options.cases ?? caseReaderFromStore(db);
  const batchSize = options.batchSize ?? 500;
  const pollMs = options.pollMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const gazetteer = options.gazetteer ?? defaultGazetteer();
  const byId = new Map(gazetteer.map((g) => [g.id, g]));
  const ctx: ProjectionContext = { entry: (id) => byId.get(id), chunkChars: options.chunkChars };
  const synonyms = buildSynonyms(gazetteer);
  const understander = createQueryUnderstander(gazetteer);
  // Loaded at start() when config.embeddingModel is set (or given ready-made, as tests do).
  let embedder: Embedder | null = options.embedder ?? null;
  const docSettings = () => documentSettings(synonyms, embedder ?? undefined);

  /** Vectors for the records (title and opening of the text), in batches; no model, no change. */
  async function withVectors<T extends DocumentIndexRecord>(records: T[]): Promise<T[]> {
    if (!embedder || records.length === 0) return records;
    const e = embedder;
    const out: T[] = [];
    for (let i = 0; i < records.length; i += 32) {
      const batch = records.slice(i, i + 32);
      const texts = batch.map((r) =>
        embeddingText(r.title, [r.text_fr, r.text_ar, r.text_en].filter((t) => typeof t === 'string').join('\n')),
      );
      const vectors = await e.embed(texts);
      batch.forEach((r, j) => {
        out.push({ ...r, _vectors: { [EMBEDDER_NAME]: vectors[j] ?? null } });
      });
    }
    return out;
  }

  let server: MeiliServer | null = options.server ?? null;
  let client: Meilisearch | null = null;
  let ready = false;
  let closed = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  // One writer at a time: the sync loop must not push to the live index while a reindex reads the
  // store, or a change pushed in between would be overwritten by the older snapshot at swap time.
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  };

  const meili = (): Meilisearch => {
    if (!client) throw new AppError('INDEX_UNAVAILABLE', 'Search index not started');
    return client;
  };

  async function waitAll(tasks: { taskUid: number }[], timeout = 120_000): Promise<void> {
    for (const t of tasks) {
      let task: Task;
      try {
        task = await meili().tasks.waitForTask(t.taskUid, { timeout, interval: 25 });
      } catch (cause) {
        throw new AppError('INDEX_UNAVAILABLE', 'Meilisearch did not confirm a task', { cause });
      }
      if (task.status !== 'succeeded') {
        throw new AppError(
          'INDEX_TASK_FAILED',
          `Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`,
          {
            details: { code: task.error?.code },
          },
        );
      }
    }
  }

  async function call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (cause) {
      if (isAppError(cause)) throw cause;
      throw new AppError('INDEX_UNAVAILABLE', `Meilisearch request failed: ${(cause as Error).message}`, { cause });
    }
  }

  async function ensureIndex(uid: string, primaryKey: string, settings: object): Promise<void> {
    const c = meili();
    const exists = await call(async () => {
      try {
        await c.index(uid).getRawInfo();
        return true;
      } catch (e) {
        if ((e as { cause?: { code?: string } }).cause?.code === 'index_not_found') return false;
        throw e;
      }
    });
    if (!exists) await waitAll([await call(() => c.createIndex(uid, { primaryKey }))]);
    await waitAll([await call(() => c.index(uid).updateSettings(settings))]);
  }

  async function ensureReady(): Promise<void> {
    if (ready) return;
    if (!server) {
      server = await resolveMeilisearch({
        config,
        dataDir: options.dataDir,
        log,
        maxIndexingThreads: options.maxIndexingThreads,
      });
    }
    client = new Meilisearch({ host: server.url, apiKey: server.apiKey });
    if (!embedder && config.embeddingModel) {
      embedder = await loadEmbedder(config.embeddingModel);
      log.info({ model: embedder.model, dimensions: embedder.dimensions }, 'embedding model loaded');
    }
    await ensureIndex(names.documents, 'uid', docSettings());
    await ensureIndex(names.cases, 'uid', caseSettings(synonyms));
    ready = true;
  }

  function loadDocuments(ids: string[]): Map<string, DocumentSource> {
    const rows = db
      .prepare(`${SELECT_ANALYSES} WHERE a.document_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as AnalysisRow[];
    return new Map(rows.map((r) => [r.document_id, toSource(r)]));
  }

  function documentRecord(src: DocumentSource): DocumentIndexRecord {
    return buildDocumentRecord(src, cases.caseIdsForDocument(src.documentId), ctx);
  }

  const caseUid = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

  async function pushDocuments(ids: string[], target = names.documents): Promise<void> {
    const found = loadDocuments(ids);
    let records: DocumentIndexRecord[] = [];
    const gone: string[] = [];
    for (const id of ids) {
      const src = found.get(id);
      if (src) records.push(documentRecord(src));
      else gone.push(id);
    }
    records = await withVectors(records);
    const c = meili().index(target);
    const tasks = [];
    if (gone.length > 0)
      tasks.push(await call(() => c.deleteDocuments({ filter: [gone.map((id) => `documentId = ${quote(id)}`)] })));
    // addDocuments replaces whole documents, so fields of a longer previous version do not linger.
    if (records.length > 0) tasks.push(await call(() => c.addDocuments(records, { primaryKey: 'uid' })));
    await waitAll(tasks);
  }

  async function pushCases(ids: string[], target = names.cases): Promise<void> {
    const records: (CaseIndexRecord & { uid: string })[] = [];
    const gone: string[] = [];
    for (const id of ids) {
      const c = cases.getCase(id);
      if (c) records.push({ uid: caseUid(c.id), ...buildCaseRecord(c, ctx) });
      else gone.push(caseUid(id));
    }
    const index = meili().index(target);
    const tasks = [];
    if (gone.length > 0) tasks.push(await call(() => index.deleteDocuments(gone)));
    if (records.length > 0) tasks.push(await call(() => index.addDocuments(records, { primaryKey: 'uid' })));
    await waitAll(tasks);
  }

  async function syncBatch(): Promise<{ pushed: number; remaining: number }> {
    await ensureReady();
    const rows = readOutbox(db, batchSize);
    if (rows.length === 0) return { pushed: 0, remaining: 0 };
    const docIds = [...new Set(rows.filter((r) => r.kind === 'document').map((r) => r.entityId))];
    const caseIds = [...new Set(rows.filter((r) => r.kind === 'case').map((r) => r.entityId))];
    try {
      if (docIds.length > 0) await pushDocuments(docIds);
      if (caseIds.length > 0) await pushCases(caseIds);
    } catch (e) {
      if (!isAppError(e, 'INDEX_TASK_FAILED')) throw e;
      // Meilisearch refused the batch (not an outage): find the culprit by halving the batch so one
      // bad record does not hold the rest back; the culprit is retried, then parked (store/outbox.ts).
      if (rows.length === 1) {
        failOutbox(db, [rows[0]!.id], (e as Error).message);
        throw e;
      }
      let pushed = 0;
      await bisect(
        rows,
        async (part) => {
          const docs = part.filter((r) => r.kind === 'document').map((r) => r.entityId);
          const cs = part.filter((r) => r.kind === 'case').map((r) => r.entityId);
          if (docs.length > 0) await pushDocuments([...new Set(docs)]);
          if (cs.length > 0) await pushCases([...new Set(cs)]);
          ackOutbox(
            db,
            part.map((r) => r.id),
          );
          pushed += part.length;
        },
        (row, err) => {
          failOutbox(db, [row.id], err.message);
          log.warn({ kind: row.kind, id: row.entityId, err: err.message }, 'index refused a record');
        },
      );
      return { pushed, remaining: outboxSize(db) };
    }
    ackOutbox(
      db,
      rows.map((r) => r.id),
    );
    options.onSynced?.();
    return { pushed: docIds.length + caseIds.length, remaining: outboxSize(db) };
  }

  const syncOnce = () => exclusive(syncBatch);

  async function runLoop(): Promise<void> {
    let backoff = 0;
    while (!closed) {
      let idle = false;
      try {
        const r = await syncOnce();
        idle = r.remaining === 0;
        backoff = 0;
      } catch (e) {
        ready = false;
        backoff = Math.min(maxBackoffMs, backoff === 0 ? 200 : backoff * 2);
        log.warn({ err: (e as Error).message, retryInMs: backoff }, 'index sync failed; will retry');
      }
      if (closed) break;
      const delay = backoff > 0 ? backoff : idle ? pollMs : 0;
      if (delay > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  }

  async function reindexAll(onProgress?: (p: ReindexProgress) => void): Promise<{ documents: number; cases: number }> {
    await ensureReady();
    const c = meili();
    // Changes queued up to here are covered by the fresh read below; later ones stay queued.
    const coveredUpTo = (db.prepare('SELECT coalesce(max(id), 0) FROM outbox').pluck().get() as number) ?? 0;
    // Timestamps in the store are ISO strings; a minute of slack covers clock skew between writers.
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    const build = async (live: string, settings: object, fill: (tmp: string) => Promise<number>) => {
      const tmp = `${live}_next`;
      await waitAll([await call(() => c.deleteIndex(tmp))]).catch(() => undefined);
      await ensureIndex(tmp, 'uid', settings);
      const count = await fill(tmp);
      // Nothing is visible under the live name until this single task swaps both indexes.
      await waitAll([await call(() => c.swapIndexes([{ indexes: [live, tmp], rename: false }]))]);
      await waitAll([await call(() => c.deleteIndex(tmp))]);
      return count;
    };
    const total = db.prepare('SELECT count(*) FROM analyses').pluck().get() as number;
    const refused: string[] = [];
    const documents = await build(names.documents, docSettings(), async (tmp) => {
      let last = '';
      let done = 0;
      const page = db.prepare(`${SELECT_ANALYSES} WHERE a.document_id > ? ORDER BY a.document_id LIMIT ?`);
      const pending: { task: { taskUid: number }; records: DocumentIndexRecord[] }[] = [];
      // A batch Meilisearch refuses is retried record by record so one bad record cannot fail the
      // rebuild; refused records are queued in the outbox, where they end up parked and visible.
      const settle = async (batch: typeof pending) => {
        for (const { task, records } of batch) {
          try {
            await waitAll([task]);
          } catch (e) {
            if (!isAppError(e, 'INDEX_TASK_FAILED')) throw e;
            await bisect(
              records,
              async (part) => {
                await waitAll([await call(() => c.index(tmp).addDocuments(part, { primaryKey: 'uid' }))]);
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
        const rows = page.all(last, 1000) as AnalysisRow[];
        if (rows.length === 0) break;
        const records = await withVectors(rows.map((r) => documentRecord(toSource(r))));
        pending.push({ task: await call(() => c.index(tmp).addDocuments(records, { primaryKey: 'uid' })), records });
        last = rows[rows.length - 1]?.document_id ?? last;
        done += rows.length;
        // Keep a bounded number of enqueued payloads in flight.
        if (pending.length >= 4) await settle(pending.splice(0, pending.length - 2));
        onProgress?.({ index: 'documents', done, total });
      }
      await settle(pending);
      return done;
    });
    const caseIds = cases.listCaseIds();
    const caseCount = await build(names.cases, caseSettings(synonyms), async (tmp) => {
      for (let i = 0; i < caseIds.length; i += 1000) {
        await pushCases(caseIds.slice(i, i + 1000), tmp);
        onProgress?.({ index: 'cases', done: Math.min(i + 1000, caseIds.length), total: caseIds.length });
      }
      return caseIds.length;
    });
    // Another process (`raqib serve` while `raqib reindex` runs) may have pushed a change to the old
    // index during the build and acknowledged it: queue whatever changed since the build began.
    db.transaction(() => {
      db.prepare('DELETE FROM outbox WHERE id <= ?').run(coveredUpTo);
      db.prepare(
        "INSERT INTO outbox (kind, entity_id) SELECT 'document', document_id FROM analyses WHERE analysed_at >= ?",
      ).run(startedAt);
      db.prepare("INSERT INTO outbox (kind, entity_id) SELECT 'case', id FROM cases WHERE updated_at >= ?").run(
        startedAt,
      );
      db.prepare(
        `INSERT INTO outbox (kind, entity_id) SELECT 'document', m.document_id FROM case_members m
         JOIN cases c ON c.id = m.case_id WHERE c.updated_at >= ?`,
      ).run(startedAt);
      const enqueue = db.prepare("INSERT INTO outbox (kind, entity_id) VALUES ('document', ?)");
      for (const id of refused) enqueue.run(id);
    })();
    if (refused.length > 0)
      log.warn({ refused: refused.length }, 'reindex: records refused by Meilisearch were queued');
    return { documents, cases: caseCount };
  }

  return {
    names,
    get server() {
      return server;
    },
    async start(opts = {}) {
      try {
        await ensureReady();
      } catch (e) {
        // A configured-but-down server is retried by the loop; a missing binary is fatal.
        if (isAppError(e, 'MEILI_NOT_FOUND') || !server || opts.loop === false) throw e;
        log.warn({ err: (e as Error).message }, 'Meilisearch not reachable yet; sync will retry');
      }
      if (opts.loop !== false && !loop) loop = runLoop();
    },
    syncOnce,
    async drain(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (outboxSize(db) > 0) {
        if (Date.now() > deadline) throw new AppError('INDEX_UNAVAILABLE', 'Outbox not drained in time');
        try {
          await syncOnce();
        } catch (e) {
          ready = false;
          log.debug({ err: (e as Error).message }, 'drain retry');
          await sleep(200);
        }
      }
    },
    kick() {
      wake?.();
    },
    reindex: (onProgress) => exclusive(() => reindexAll(onProgress)),
    understander,
    async searchDocuments(query) {
      if (!server) throw new AppError('INDEX_UNAVAILABLE', 'Search index not started');
      const s = server;
      return runDocumentSearch(
        query,
        {
          indexUid: names.documents,
          search: (body) => postJson(s, `/indexes/${names.documents}/search`, body),
          multiSearch: (body) => postJson(s, '/multi-search', body),
          embedQuery: embedder ? async (q) => (await (embedder as Embedder).embed([q]))[0] as number[] : undefined,
          embedderName: EMBEDDER_NAME,
        },
        understander,
      );
    },
    async searchDocumentsAmong(query, documentIds) {
      if (!server) throw new AppError('INDEX_UNAVAILABLE', 'Search index not started');
      if (documentIds.length === 0) return [];
      const s = server;
      // Every request /search would make, narrowed to these ids (values quoted by query.ts). Every
      // word is required, as in /search's date order: in relevance order Meilisearch drops trailing
      // words when a page is not full, which a handful of candidate ids always is.
      const among = `documentId IN [${documentIds.map(quote).join(', ')}]`;
      const narrow = (body: object) => {
        const b = body as { filter?: unknown[]; q?: string };
        return { ...b, filter: [...(b.filter ?? []), among], ...(b.q ? { matchingStrategy: 'all' } : {}) };
      };
      const res = await runDocumentSearch(
        { ...query, limit: Math.min(MAX_OFFSET_HITS, documentIds.length * 4), offset: 0, cursor: undefined },
        {
          indexUid: names.documents,
          search: (body) => postJson(s, `/indexes/${names.documents}/search`, narrow(body)),
          multiSearch: (body) => {
            const b = body as { queries: object[] };
            return postJson(s, '/multi-search', { ...b, queries: b.queries.map(narrow) });
          },
        },
        understander,
      );
      return [...new Set(res.hits.map((h) => h.id))];
    },
    async searchCases(query) {
      if (!server) throw new AppError('INDEX_UNAVAILABLE', 'Search index not started');
      const res = await postJson<{ hits: (CaseIndexRecord & { uid: string })[]; estimatedTotalHits?: number }>(
        server,
        `/indexes/${names.cases}/search`,
        {
          q: normalizeArabicQuery(query.q),
          limit: query.limit,
          offset: query.offset,
          filter: query.type ? [`type = ${quote(query.type)}`] : [],
          attributesToRetrieve: ['id', 'title_fr', 'title_ar', 'type', 'documentCount', 'firstSeen', 'lastSeen'],
        },
      );
      return {
        total: res.estimatedTotalHits ?? res.hits.length,
        cases: res.hits.map((h) => ({
          id: h.id,
          titleFr: h.title_fr,
          titleAr: h.title_ar,
          type: h.type,
          documentCount: h.documentCount,
          firstSeen: h.firstSeen,
          lastSeen: h.lastSeen,
        })),
      };
    },
    async rawSearch(body) {
      if (!server) throw new AppError('INDEX_UNAVAILABLE', 'Search index not started');
      return postJson<MeiliSearchResponse>(server, `/indexes/${names.documents}/search`, body);
    },
    async health() {
      const queued = outboxSize(db);
      const parked = parkedOutboxRows(db).length;
      if (!server || !client)
        return { status: 'unavailable', url: server?.url ?? null, managed: server?.managed ?? false, queued, parked };
      try {
        await client.health();
        const stats = await client.index(names.documents).getStats();
        return {
          status: 'ok',
          url: server.url,
          managed: server.managed,
          queued,
          parked,
          documents: stats.numberOfDocuments,
        };
      } catch (e) {
        return {
          status: 'unavailable',
          url: server.url,
          managed: server.managed,
          queued,
          parked,
          error: (e as Error).message,
        };
      }
    },
    async close() {
      closed = true;
      wake?.();
      await loop?.catch(() => undefined);
      await chain.catch(() => undefined);
      if (server && !options.server) await server.stop();
    },
  };
}
