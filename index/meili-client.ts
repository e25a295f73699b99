// The one HTTP path to Meilisearch, in the spirit of meilisearch-js's `HttpRequests`: every call —
// searches, writes, task polling, health — goes through `#request`, which owns the keep-alive pool,
// the timeout and the mapping of failures to AppError codes. Built on node:http rather than fetch or
// meilisearch-js: search is the hot path of the API and a pooled node:http request is measurably
// cheaper per call (bench:search compares it with Meilisearch's own timing).
// API reference: https://www.meilisearch.com/docs/reference/api/overview
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { AppError } from '../pipeline/errors.ts';

/** Where Meilisearch answers; read on every request, so a supervised server may move under us. */
export interface MeiliEndpoint {
  readonly url: string;
  readonly apiKey: string | undefined;
}

export interface MeiliClientOptions {
  /** Socket inactivity before a request is abandoned as an outage. */
  requestTimeoutMs?: number;
  /** How often a task's status is polled while waiting for it. */
  taskPollMs?: number;
}

/** The answer to every asynchronous write: the task to wait for. */
export interface EnqueuedTask {
  taskUid: number;
}

interface TaskStatus {
  uid: number;
  status: 'enqueued' | 'processing' | 'succeeded' | 'failed' | 'canceled';
  error?: { message?: string; code?: string } | null;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * Statuses that say "Meilisearch cannot serve us now" rather than "Meilisearch refused this
 * request": a wrong key or a rate limit must not park records as if they were bad.
 */
const OUTAGE_STATUSES = new Set([401, 403, 408, 429]);

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class MeiliClient {
  readonly #endpoint: MeiliEndpoint;
  readonly #agent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  readonly #timeoutMs: number;
  readonly #taskPollMs: number;

  constructor(endpoint: MeiliEndpoint, options: MeiliClientOptions = {}) {
    this.#endpoint = endpoint;
    this.#timeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#taskPollMs = options.taskPollMs ?? 25;
  }

  search<T>(indexUid: string, body: object): Promise<T> {
    return this.#request<T>('POST', `/indexes/${encodeURIComponent(indexUid)}/search`, body);
  }

  async health(): Promise<void> {
    await this.#request('GET', '/health');
  }

  /** Needs the key, unlike /health: answers only when this is our server. */
  version(): Promise<{ pkgVersion: string }> {
    return this.#request('GET', '/version');
  }

  stats(indexUid: string): Promise<{ numberOfDocuments: number }> {
    return this.#request('GET', `/indexes/${encodeURIComponent(indexUid)}/stats`);
  }

  async indexExists(indexUid: string): Promise<boolean> {
    try {
      await this.#request('GET', `/indexes/${encodeURIComponent(indexUid)}`);
      return true;
    } catch (e) {
      if (e instanceof AppError && e.details?.meiliCode === 'index_not_found') return false;
      throw e;
    }
  }

  createIndex(indexUid: string, primaryKey: string): Promise<EnqueuedTask> {
    return this.#request('POST', '/indexes', { uid: indexUid, primaryKey });
  }

  updateSettings(indexUid: string, settings: object): Promise<EnqueuedTask> {
    return this.#request('PATCH', `/indexes/${encodeURIComponent(indexUid)}/settings`, settings);
  }

  deleteIndex(indexUid: string): Promise<EnqueuedTask> {
    return this.#request('DELETE', `/indexes/${encodeURIComponent(indexUid)}`);
  }

  /** Add or replace whole documents: fields of a longer previous version do not linger. */
  addDocuments(indexUid: string, documents: readonly object[], primaryKey: string): Promise<EnqueuedTask> {
    const query = `?primaryKey=${encodeURIComponent(primaryKey)}`;
    return this.#request('POST', `/indexes/${encodeURIComponent(indexUid)}/documents${query}`, documents);
  }

  deleteDocuments(indexUid: string, ids: readonly string[]): Promise<EnqueuedTask> {
    return this.#request('POST', `/indexes/${encodeURIComponent(indexUid)}/documents/delete-batch`, ids);
  }

  /** `filter` in Meilisearch's array form, built by the caller from quoted values only. */
  deleteDocumentsWhere(indexUid: string, filter: readonly (string | readonly string[])[]): Promise<EnqueuedTask> {
    return this.#request('POST', `/indexes/${encodeURIComponent(indexUid)}/documents/delete`, { filter });
  }

  /** Swap the contents of index pairs in one atomic task. */
  swapIndexes(pairs: readonly (readonly [string, string])[]): Promise<EnqueuedTask> {
    return this.#request(
      'POST',
      '/swap-indexes',
      pairs.map((indexes) => ({ indexes, rename: false })),
    );
  }

  /**
   * Wait until each task has finished. A task that failed or was canceled is INDEX_TASK_FAILED
   * (Meilisearch refused the content); no answer in time is INDEX_UNAVAILABLE (an outage).
   */
  async waitForTasks(tasks: readonly EnqueuedTask[], timeoutMs = 120_000): Promise<void> {
    for (const { taskUid } of tasks) {
      const task = await this.#waitForTask(taskUid, timeoutMs);
      if (task.status !== 'succeeded') {
        throw new AppError(
          'INDEX_TASK_FAILED',
          `Meilisearch task ${task.uid} ${task.status}: ${task.error?.message ?? ''}`,
          { details: { meiliCode: task.error?.code } },
        );
      }
    }
  }

  /** Drop pooled sockets (the pool would otherwise keep idle connections to a stopped server). */
  close(): void {
    this.#agent.destroy();
  }

  async #waitForTask(taskUid: number, timeoutMs: number): Promise<TaskStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let task: TaskStatus;
      try {
        task = await this.#request<TaskStatus>('GET', `/tasks/${taskUid}`);
      } catch (cause) {
        throw new AppError('INDEX_UNAVAILABLE', 'Meilisearch did not confirm a task', { cause });
      }
      if (task.status !== 'enqueued' && task.status !== 'processing') return task;
      if (Date.now() > deadline) {
        throw new AppError('INDEX_UNAVAILABLE', `Meilisearch task ${taskUid} not finished in ${timeoutMs} ms`);
      }
      await sleep(this.#taskPollMs);
    }
  }

  /**
   * The choke point. 2xx → parsed JSON; no answer, a broken connection, 5xx, or an outage status →
   * INDEX_UNAVAILABLE (retry later); any other refusal → INDEX_TASK_FAILED with Meilisearch's code.
   * Neither the key nor request bodies go into errors or logs.
   */
  #request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const { url: base, apiKey } = this.#endpoint;
    const url = new URL(path, base);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = {};
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const where = `${method} ${url.pathname}`;
    return new Promise<T>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: `${url.pathname}${url.search}`,
          method,
          headers,
          agent: this.#agent,
          timeout: this.#timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (cause) =>
            reject(new AppError('INDEX_UNAVAILABLE', `Search index connection lost (${where})`, { cause })),
          );
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) {
              try {
                resolve((text === '' ? undefined : JSON.parse(text)) as T);
              } catch (cause) {
                reject(new AppError('INDEX_UNAVAILABLE', `Meilisearch answered ${where} with non-JSON`, { cause }));
              }
              return;
            }
            reject(refusal(status, text, where));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer in ${this.#timeoutMs} ms`)));
      req.on('error', (cause) =>
        reject(new AppError('INDEX_UNAVAILABLE', `Search index unreachable (${where}): ${cause.message}`, { cause })),
      );
      req.end(payload);
    });
  }
}

function refusal(status: number, text: string, where: string): AppError {
  let detail: { code?: string; message?: string } = {};
  try {
    detail = JSON.parse(text) as typeof detail;
  } catch {
    // A proxy's HTML error page, say: the status is all we have.
  }
  const outage = status >= 500 || OUTAGE_STATUSES.has(status);
  return new AppError(
    outage ? 'INDEX_UNAVAILABLE' : 'INDEX_TASK_FAILED',
    `Meilisearch refused ${where}: ${detail.message ?? status}`,
    { details: { status, meiliCode: detail.code } },
  );
}
