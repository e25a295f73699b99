// The outbox sync: changes reach Meilisearch through the outbox (store/outbox.ts). A loop pushes
// batches, waits for Meilisearch to confirm each task, and only then deletes the rows, so nothing
// is lost while Meilisearch is down and the index converges when it returns.
import { AppError, isAppError } from '../pipeline/errors.ts';
import type { Db } from '../store/db.ts';
import { ackOutbox, failOutbox, type OutboxRow, outboxSize, readOutbox } from '../store/outbox.ts';
import type { Log } from './server.ts';
import type { IndexNames } from './settings.ts';
import { bisect, type IndexWriter } from './writer.ts';

export interface OutboxSyncOptions {
  db: Db;
  names: IndexNames;
  log: Log;
  /** Connects (server, indexes, settings) when needed and returns the writer; throws while down. */
  connect: () => Promise<IndexWriter>;
  /** Forget the connection after a failure, so the next attempt checks the indexes again. */
  disconnect: () => void;
  /** Runs `fn` with no other index writer (a rebuild) in between. */
  exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  batchSize: number;
  /** Idle poll of the outbox when nothing is queued. */
  pollMs: number;
  maxBackoffMs: number;
  /** Called after Meilisearch confirmed a batch. */
  onSynced?: () => void;
}

export interface SyncResult {
  pushed: number;
  remaining: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const idsOf = (rows: readonly OutboxRow[], kind: OutboxRow['kind']) => [
  ...new Set(rows.filter((r) => r.kind === kind).map((r) => r.entityId)),
];

export class OutboxSync {
  readonly #o: OutboxSyncOptions;
  #closed = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  constructor(options: OutboxSyncOptions) {
    this.#o = options;
  }

  /** Push one batch; throws when Meilisearch refuses it whole or is unreachable. */
  syncOnce(): Promise<SyncResult> {
    return this.#o.exclusive(() => this.#syncBatch());
  }

  /** Start the background loop (once). */
  start(): void {
    if (!this.#loop) this.#loop = this.#run();
  }

  /** Wake the loop now, e.g. after a write the caller wants visible soon. */
  kick(): void {
    this.#wake?.();
  }

  /** Push until the outbox is empty, retrying through failures until `timeoutMs` has passed. */
  async drain(timeoutMs: number): Promise<void> {
    const { db, log } = this.#o;
    const deadline = Date.now() + timeoutMs;
    while (outboxSize(db) > 0) {
      if (Date.now() > deadline) throw new AppError('INDEX_UNAVAILABLE', 'Outbox not drained in time');
      try {
        await this.syncOnce();
      } catch (e) {
        this.#o.disconnect();
        log.debug({ err: (e as Error).message }, 'drain retry');
        await sleep(200);
      }
    }
  }

  /** Stop the loop and wait for the batch in flight. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#wake?.();
    await this.#loop?.catch(() => undefined);
  }

  async #syncBatch(): Promise<SyncResult> {
    const { db, names } = this.#o;
    const writer = await this.#o.connect();
    const rows = readOutbox(db, this.#o.batchSize);
    if (rows.length === 0) return { pushed: 0, remaining: 0 };
    const push = async (part: readonly OutboxRow[]) => {
      const docIds = idsOf(part, 'document');
      const caseIds = idsOf(part, 'case');
      if (docIds.length > 0) await writer.pushDocuments(docIds, names.documents);
      if (caseIds.length > 0) await writer.pushCases(caseIds, names.cases);
      return docIds.length + caseIds.length;
    };
    let pushed: number;
    try {
      pushed = await push(rows);
    } catch (e) {
      if (!isAppError(e, 'INDEX_TASK_FAILED')) throw e;
      return this.#isolateRefused(rows, e, push);
    }
    ackOutbox(
      db,
      rows.map((r) => r.id),
    );
    this.#o.onSynced?.();
    return { pushed, remaining: outboxSize(db) };
  }

  /**
   * Meilisearch refused the batch (not an outage): find the culprit by halving the batch so one
   * bad record does not hold the rest back; the culprit is retried, then parked (store/outbox.ts).
   */
  async #isolateRefused(
    rows: OutboxRow[],
    error: AppError,
    push: (part: readonly OutboxRow[]) => Promise<number>,
  ): Promise<SyncResult> {
    const { db, log } = this.#o;
    if (rows.length === 1) {
      failOutbox(db, [(rows[0] as OutboxRow).id], error.message);
      throw error;
    }
    let pushed = 0;
    await bisect(
      rows,
      async (part) => {
        await push(part);
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

  async #run(): Promise<void> {
    const { log } = this.#o;
    let backoff = 0;
    while (!this.#closed) {
      let idle = false;
      try {
        const r = await this.syncOnce();
        idle = r.remaining === 0;
        backoff = 0;
      } catch (e) {
        this.#o.disconnect();
        backoff = Math.min(this.#o.maxBackoffMs, backoff === 0 ? 200 : backoff * 2);
        log.warn({ err: (e as Error).message, retryInMs: backoff }, 'index sync failed; will retry');
      }
      if (this.#closed) break;
      const delay = backoff > 0 ? backoff : idle ? this.#o.pollMs : 0;
      if (delay > 0) await this.#pause(delay);
    }
  }

  #pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }
}
