// Outbox convergence: Meilisearch stops in the middle of an ingest and comes back; every change made
// meanwhile reaches the index, none is lost or duplicated.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchIndex, type MeiliServer, resolveMeilisearch, type SearchIndex } from '../index/index.ts';
import type { Db } from '../store/db.ts';
import { outboxSize, parkedOutboxRows } from '../store/outbox.ts';
import { CORPUS, GAZETTEER, insertFixture, openTempDb, SILENT_LOG } from './search-fixtures.ts';

let db: Db;
let dataDir: string;
let server: MeiliServer;
let search: SearchIndex;

const doc = (i: number) => ({
  ...CORPUS[0]!,
  id: `doc_bulk_${i}`,
  url: `https://news.example.ma/fr/bulk-${i}`,
  title: `Communiqué numéro ${i}`,
});

async function countIndexed(): Promise<number> {
  const r = await search.rawSearch({ q: '', limit: 0, filter: 'sourceId = "press-fr-a"' });
  return r.estimatedTotalHits ?? 0;
}

async function until(pred: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await pred()) return;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  const t = openTempDb('search-outbox');
  db = t.db;
  dataDir = t.dataDir;
  server = await resolveMeilisearch({ config: {}, dataDir: t.dataDir, log: SILENT_LOG, maxIndexingThreads: 1 });
  search = createSearchIndex({
    db,
    dataDir: t.dataDir,
    config: { indexPrefix: 'ob_' },
    log: SILENT_LOG,
    gazetteer: GAZETTEER,
    server,
    pollMs: 50,
    maxBackoffMs: 300,
    batchSize: 25,
  });
  await search.start();
});

afterAll(async () => {
  await search?.close();
  await server?.stop();
  db?.close();
});

describe('server resolution', () => {
  it('keeps a generated master key private in the data directory', () => {
    const stat = statSync(join(dataDir, 'meili-master-key'));
    expect(stat.mode & 0o777).toBe(0o600);
    expect(server.apiKey).toMatch(/^[0-9a-f]{64}$/);
    expect(server.managed).toBe(true);
  });

  it('joins the server already managed for the data directory instead of starting a second one', async () => {
    const second = await resolveMeilisearch({ config: {}, dataDir, log: SILENT_LOG });
    expect(second).toMatchObject({ url: server.url, managed: false, apiKey: server.apiKey });
  });

  it('uses a configured server as is', async () => {
    const external = await resolveMeilisearch({
      config: { url: `${server.url}/`, masterKey: server.apiKey },
      dataDir,
      log: SILENT_LOG,
    });
    expect(external).toMatchObject({ url: server.url, managed: false });
  });
});

describe('outbox sync', () => {
  it('queues each write in the writer transaction', () => {
    const before = outboxSize(db);
    expect(() =>
      db.transaction(() => {
        insertFixture(db, doc(9999));
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(outboxSize(db)).toBe(before);
  });

  it('converges after Meilisearch is stopped and restarted mid-ingest', async () => {
    for (let i = 0; i < 60; i++) insertFixture(db, doc(i));
    await until(async () => (await countIndexed()) > 0, 20_000);
    await server.stop();
    // Writes continue while the index is down: they must wait in the outbox.
    for (let i = 60; i < 150; i++) insertFixture(db, doc(i));
    db.prepare("UPDATE analyses SET title = 'Titre révisé pendant la panne' WHERE document_id = 'doc_bulk_3'").run();
    db.prepare("DELETE FROM analyses WHERE document_id = 'doc_bulk_4'").run();
    await new Promise((r) => setTimeout(r, 400));
    expect(outboxSize(db)).toBeGreaterThan(0);
    await server.start();
    await until(() => outboxSize(db) === 0, 30_000);
    expect(await countIndexed()).toBe(149);
    const revised = await search.searchDocuments({ q: 'révisé panne', limit: 5 });
    expect(revised.hits[0]?.id).toBe('doc_bulk_3');
    const deleted = await search.rawSearch({ q: '', filter: 'documentId = "doc_bulk_4"', limit: 1 });
    expect(deleted.hits).toHaveLength(0);
    const health = await search.health();
    expect(health).toMatchObject({ status: 'ok', queued: 0 });
  });

  it('parks a record Meilisearch refuses without holding back the others', async () => {
    // Meilisearch rejects document ids longer than 511 bytes: the whole task fails.
    const poison = { ...doc(0), id: `doc_${'x'.repeat(600)}`, url: 'https://news.example.ma/fr/poison' };
    insertFixture(db, poison);
    insertFixture(db, {
      ...doc(0),
      id: 'doc_after_poison',
      url: 'https://news.example.ma/fr/after',
      title: 'Après le rejet',
    });
    await until(() => outboxSize(db) === 0, 30_000);
    const after = await search.rawSearch({ q: '', filter: 'documentId = "doc_after_poison"', limit: 1 });
    expect(after.hits).toHaveLength(1);
    const parked = parkedOutboxRows(db);
    expect(parked.map((p) => p.entityId)).toEqual([poison.id]);
    expect(parked[0]?.lastError).toMatch(/identifier|id/i);
    expect(await search.health()).toMatchObject({ status: 'ok', queued: 0, parked: 1 });
    // A rebuild skips the refused record instead of failing, and queues it again.
    const total = db.prepare('SELECT count(*) FROM analyses').pluck().get() as number;
    const rebuilt = await search.reindex();
    expect(rebuilt.documents).toBe(total - 1);
    expect(db.prepare('SELECT count(*) FROM outbox WHERE entity_id = ? AND attempts = 0').pluck().get(poison.id)).toBe(
      1,
    );
  });
});
