// Meilisearch as a projection of the store: the facade the API and the entry points hold. It
// resolves the server, owns the one client (index/meili-client.ts) and hands the work to the
// outbox sync (index/outbox-sync.ts), the rebuild (index/reindex.ts) and the searches
// (index/searches.ts).
import { AppError, isAppError } from '../pipeline/errors.ts';
import type { Db } from '../store/db.ts';
import { outboxSize, parkedOutboxRows } from '../store/outbox.ts';
import { type CaseReader, caseReaderFromStore } from './case-reader.ts';
import type { IndexConfig } from './config.ts';
import { type Embedder, loadEmbedder } from './embedder.ts';
import { MeiliClient } from './meili-client.ts';
import { OutboxSync } from './outbox-sync.ts';
import type { ProjectionContext } from './projection.ts';
import type { DocumentQuery, DocumentSearchResult, MeiliSearchResponse } from './query.ts';
import { type ReindexProgress, reindex } from './reindex.ts';
import { type CaseHit, type CaseQuery, searchCases, searchDocuments, searchDocumentsAmong } from './searches.ts';
import { type Log, type MeiliServer, resolveMeilisearch } from './server.ts';
import {
  buildSynonyms,
  caseSettings,
  documentSettings,
  type GazetteerEntry,
  type IndexNames,
  indexNames,
} from './settings.ts';
import { defaultGazetteer } from './sources.ts';
import { createQueryUnderstander, type QueryUnderstander } from './understand.ts';
import { IndexWriter } from './writer.ts';

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

/** Runs async functions one after another: a tiny lock for the index's writers. */
function serial(): <T>(fn: () => Promise<T>) => Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  return (fn) => {
    const run = chain.then(fn);
    chain = run.catch(() => undefined);
    return run;
  };
}

export function createSearchIndex(options: SearchIndexOptions): SearchIndex {
  const { db, config, log } = options;
  const names = indexNames(config.indexPrefix);
  const cases = options.cases ?? caseReaderFromStore(db);
  const gazetteer = options.gazetteer ?? defaultGazetteer();
  const byId = new Map(gazetteer.map((g) => [g.id, g]));
  const ctx: ProjectionContext = { entry: (id) => byId.get(id), chunkChars: options.chunkChars };
  const synonyms = buildSynonyms(gazetteer);
  const understander = createQueryUnderstander(gazetteer);
  // Loaded at connect when config.embeddingModel is set (or given ready-made, as tests do).
  let embedder: Embedder | null = options.embedder ?? null;
  const docSettings = () => documentSettings(synonyms, embedder ?? undefined);

  let server: MeiliServer | null = options.server ?? null;
  let client: MeiliClient | null = null;
  let writer: IndexWriter | null = null;
  // Cleared after a failure, so the next attempt checks the indexes and settings again.
  let ready = false;
  // One writer at a time: the sync loop must not push to the live index while a reindex reads the
  // store, or a change pushed in between would be overwritten by the older snapshot at swap time.
  const exclusive = serial();

  /** The client for searches: usable as soon as a server is known (searches need no settings). */
  const searchClient = (): MeiliClient => {
    if (!server) throw new AppError('INDEX_UNAVAILABLE', 'Search index not started');
    client ??= new MeiliClient(server);
    return client;
  };

  async function connect(): Promise<IndexWriter> {
    if (ready && writer) return writer;
    server ??= await resolveMeilisearch({
      config,
      dataDir: options.dataDir,
      log,
      maxIndexingThreads: options.maxIndexingThreads,
    });
    const c = searchClient();
    if (!embedder && config.embeddingModel) {
      embedder = await loadEmbedder(config.embeddingModel);
      log.info({ model: embedder.model, dimensions: embedder.dimensions }, 'embedding model loaded');
    }
    writer ??= new IndexWriter({ db, client: c, cases, ctx, embedder });
    await writer.ensureIndex(names.documents, docSettings());
    await writer.ensureIndex(names.cases, caseSettings(synonyms));
    ready = true;
    return writer;
  }

  const sync = new OutboxSync({
    db,
    names,
    log,
    connect,
    disconnect: () => {
      ready = false;
    },
    exclusive,
    batchSize: options.batchSize ?? 500,
    pollMs: options.pollMs ?? 500,
    maxBackoffMs: options.maxBackoffMs ?? 30_000,
    onSynced: options.onSynced,
  });

  const searchDeps = () => ({ client: searchClient(), names, understander, embedder });

  return {
    names,
    get server() {
      return server;
    },
    async start(opts = {}) {
      try {
        await connect();
      } catch (e) {
        // A configured-but-down server is retried by the loop; a missing binary is fatal.
        if (isAppError(e, 'MEILI_NOT_FOUND') || !server || opts.loop === false) throw e;
        log.warn({ err: (e as Error).message }, 'Meilisearch not reachable yet; sync will retry');
      }
      if (opts.loop !== false) sync.start();
    },
    syncOnce: () => sync.syncOnce(),
    drain: (timeoutMs = 60_000) => sync.drain(timeoutMs),
    kick: () => sync.kick(),
    reindex: (onProgress) =>
      exclusive(async () => {
        const w = await connect();
        const settings = { documentSettings: docSettings(), caseSettings: caseSettings(synonyms) };
        return reindex({ db, writer: w, cases, names, log, ...settings }, onProgress);
      }),
    understander,
    searchDocuments: async (query) => searchDocuments(searchDeps(), query),
    searchDocumentsAmong: async (query, documentIds) => searchDocumentsAmong(searchDeps(), query, documentIds),
    searchCases: async (query) => searchCases(searchDeps(), query),
    rawSearch: async (body) => searchClient().search<MeiliSearchResponse>(names.documents, body),
    async health() {
      const queued = outboxSize(db);
      const parked = parkedOutboxRows(db).length;
      const base = { url: server?.url ?? null, managed: server?.managed ?? false, queued, parked };
      if (!server || !client) return { status: 'unavailable', ...base };
      try {
        await client.health();
        const stats = await client.stats(names.documents);
        return { status: 'ok', ...base, documents: stats.numberOfDocuments };
      } catch (e) {
        return { status: 'unavailable', ...base, error: (e as Error).message };
      }
    },
    async close() {
      await sync.close();
      await exclusive(async () => undefined);
      client?.close();
      if (server && !options.server) await server.stop();
    },
  };
}
