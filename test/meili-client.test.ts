// The one HTTP path to Meilisearch (index/meili-client.ts) against the real binary: what is an
// outage (retry later) and what is a refusal (isolate and park) decides whether the outbox loops or
// parks, so each mapping is checked with the answer Meilisearch really gives.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeiliClient, type MeiliServer, resolveMeilisearch } from '../index/index.ts';
import { type AppError, isAppError } from '../pipeline/errors.ts';
import { SILENT_LOG, tempDir } from './search-fixtures.ts';

let server: MeiliServer;
let client: MeiliClient;
let silent: Server;

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  server = await resolveMeilisearch({ config: {}, dataDir: tempDir('meili-client'), log: SILENT_LOG });
  client = new MeiliClient(server);
  // Accepts connections and never answers: a hung server.
  silent = createServer(() => {});
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
});

afterAll(async () => {
  client?.close();
  await server?.stop();
  silent?.close();
});

describe('MeiliClient', () => {
  it('creates an index, waits for the task and sees it exist', async () => {
    expect(await client.indexExists('mc_docs')).toBe(false);
    await client.waitForTasks([await client.createIndex('mc_docs', 'uid')]);
    expect(await client.indexExists('mc_docs')).toBe(true);
    await client.waitForTasks([await client.addDocuments('mc_docs', [{ uid: 'a', title: 'Loi 09-08' }], 'uid')]);
    const res = await client.search<{ hits: { uid: string }[] }>('mc_docs', { q: 'loi' });
    expect(res.hits.map((h) => h.uid)).toEqual(['a']);
    expect((await client.stats('mc_docs')).numberOfDocuments).toBe(1);
  });

  it('reports a task Meilisearch fails as INDEX_TASK_FAILED with its code', async () => {
    const task = await client.addDocuments('mc_docs', [{ uid: 'not valid!', title: 'x' }], 'uid');
    const e = await failure(client.waitForTasks([task]));
    expect(e.code).toBe('INDEX_TASK_FAILED');
    expect(e.details?.meiliCode).toBe('invalid_document_id');
  });

  it('reports a refused request as INDEX_TASK_FAILED with its code', async () => {
    const e = await failure(client.search('mc_docs', { q: '', filter: 'notFilterable = 1' }));
    expect(e.code).toBe('INDEX_TASK_FAILED');
    expect(e.details).toMatchObject({ status: 400, meiliCode: 'invalid_search_filter' });
  });

  it('treats a wrong key as an outage, and never puts a key in the error', async () => {
    const wrong = new MeiliClient({ url: server.url, apiKey: 'k'.repeat(40) });
    try {
      const e = await failure(wrong.search('mc_docs', { q: '' }));
      expect(e.code).toBe('INDEX_UNAVAILABLE');
      expect([401, 403]).toContain(e.details?.status);
      expect(e.message).not.toContain('k'.repeat(40));
      expect(e.message).not.toContain(server.apiKey as string);
    } finally {
      wrong.close();
    }
  });

  it('treats a closed port and a hung server as outages, within the timeout', async () => {
    const closed = new MeiliClient({ url: 'http://127.0.0.1:1', apiKey: undefined });
    expect((await failure(closed.health())).code).toBe('INDEX_UNAVAILABLE');
    closed.close();
    const address = silent.address() as { port: number };
    const hung = new MeiliClient(
      { url: `http://127.0.0.1:${address.port}`, apiKey: undefined },
      { requestTimeoutMs: 300 },
    );
    const started = Date.now();
    expect((await failure(hung.search('mc_docs', { q: '' }))).code).toBe('INDEX_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(5_000);
    hung.close();
  });
});
