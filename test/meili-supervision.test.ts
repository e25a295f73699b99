// Kill tests for the managed Meilisearch under a real `raqib serve`: SIGKILL the child and the
// supervisor starts it again on the same port without a restart of serve, the index converges
// (changes written while it was dead included), /health is degraded meanwhile and never shows an
// internal address; and SIGTERM to serve finishes in seconds with the child hung or dead.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../store/db.ts';
import { CORPUS, type FixtureDoc, storeFixture } from './search-fixtures.ts';
import { childPids, type ServeProcess, startServeProcess } from './serve-process.ts';

const LATE_DOC: FixtureDoc = {
  id: 'doc_late',
  url: 'https://late.example.ma/fr/zephyrine',
  language: 'fr',
  title: 'La société Zephyrine Logistique mise en demeure',
  text: 'La Commission a mis en demeure la société Zephyrine Logistique de cesser la collecte des empreintes de ses chauffeurs.',
  publishedAt: '2025-03-02T09:00:00Z',
  sourceId: 'press-fr-a',
  outlet: 'Courrier Atlas',
  sourceKind: 'press',
  events: ['formal_notice'],
};

function seededDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'raqib-meili-kill-'));
  const db = openDb(dataDir);
  for (const f of CORPUS) storeFixture(db, f);
  db.close();
  return dataDir;
}

async function json(url: string): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, text };
}

async function until<T>(what: string, fn: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await fn();
      if (v !== null) return v;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const meiliPid = (serve: ServeProcess) => {
  const [pid] = childPids(serve.pid);
  if (pid === undefined) throw new Error('no managed Meilisearch child');
  return pid;
};

const searchTotal = async (serve: ServeProcess, q: string) =>
  ((await json(`${serve.url}/search?q=${encodeURIComponent(q)}&relevant=all`)).body.hits as unknown[]).length;

const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};

let serve: ServeProcess | null = null;
afterEach(async () => {
  // A SIGKILLed serve cannot stop its child: do it here, or a failed test leaves a Meilisearch behind.
  const children = serve ? childPids(serve.pid) : [];
  await serve?.stop('SIGKILL');
  for (const pid of children.filter(alive)) process.kill(pid, 'SIGKILL');
  serve = null;
});

describe('supervised Meilisearch', () => {
  it('restarts a SIGKILLed child without a restart of serve, and the index converges', async () => {
    const dataDir = seededDataDir();
    serve = await startServeProcess({ dataDir });
    const s = serve;
    await until('index synced', async () => ((await searchTotal(s, 'TLS Contact')) > 0 ? true : null), 60_000);

    const first = meiliPid(s);
    process.kill(first, 'SIGKILL');
    const killedAt = Date.now();
    // While it is down: degraded (or already back), never an internal address.
    const during = await json(`${s.url}/health`);
    expect(during.text).not.toMatch(/127\.0\.0\.1:\d+|localhost:\d+/);
    expect(['ok', 'degraded']).toContain(during.body.status);

    // A change written while the index is dead.
    const db = openDb(dataDir);
    storeFixture(db, LATE_DOC);
    db.close();

    await until(
      'health ok again',
      async () => ((await json(`${s.url}/health`)).body.status === 'ok' ? true : null),
      30_000,
    );
    const healthyMs = Date.now() - killedAt;
    await until(
      'late document searchable',
      async () => ((await searchTotal(s, 'Zephyrine')) > 0 ? true : null),
      30_000,
    );
    const recoveryMs = Date.now() - killedAt;
    console.log(
      `[figure] Meilisearch SIGKILL → /health ok: ${healthyMs} ms; change written meanwhile searchable: ${recoveryMs} ms`,
    );
    expect(recoveryMs).toBeLessThan(30_000);
    expect(meiliPid(s)).not.toBe(first);
    // Everything that was indexed before is still there.
    expect(await searchTotal(s, 'TLS Contact')).toBeGreaterThan(0);
    // Killed twice more: still recovers (backoff does not give up).
    for (let i = 0; i < 2; i++) {
      const pid = meiliPid(s);
      process.kill(pid, 'SIGKILL');
      await until('restarted', async () => (childPids(s.pid).some((p) => p !== pid) ? true : null), 30_000);
    }
    await until(
      'health ok after repeated kills',
      async () => ((await json(`${s.url}/health`)).body.status === 'ok' ? true : null),
      30_000,
    );
    // Shutdown with the child just killed (its restart pending in backoff) and a change queued.
    process.kill(meiliPid(s), 'SIGKILL');
    const again = openDb(dataDir);
    storeFixture(again, { ...LATE_DOC, id: 'doc_late_2', url: 'https://late.example.ma/fr/zephyrine-2' });
    again.close();
    const { ms } = await s.stop('SIGTERM');
    console.log(`[figure] serve SIGTERM with Meilisearch killed: ${ms} ms`);
    expect(ms).toBeLessThan(10_000);
  }, 150_000);

  // Regression: a SIGKILLed serve left its Meilisearch running; the next serve joined it as an
  // "external" server — never restarted when it died, never stopped at shutdown.
  it('a serve started after a SIGKILLed one stops the orphaned child and supervises its own', async () => {
    const dataDir = seededDataDir();
    const first = await startServeProcess({ dataDir });
    serve = first;
    await until('index synced', async () => ((await searchTotal(first, 'TLS Contact')) > 0 ? true : null), 60_000);
    const orphan = meiliPid(first);
    await first.stop('SIGKILL');
    expect(alive(orphan)).toBe(true);

    serve = await startServeProcess({ dataDir });
    const s = serve;
    expect(alive(orphan)).toBe(false);
    const own = meiliPid(s);
    expect(own).not.toBe(orphan);
    // The index survived the handover (same data directory), and the new child is supervised.
    await until('searchable again', async () => ((await searchTotal(s, 'TLS Contact')) > 0 ? true : null), 30_000);
    process.kill(own, 'SIGKILL');
    await until('restarted', async () => (childPids(s.pid).some((p) => p !== own) ? true : null), 30_000);
    const last = meiliPid(s);
    await s.stop('SIGTERM');
    await until('child stopped with serve', async () => (alive(last) ? null : true), 10_000);
  }, 150_000);

  it('SIGTERM finishes in seconds with the child hung and changes pending', async () => {
    const dataDir = seededDataDir();
    serve = await startServeProcess({ dataDir });
    const s = serve;
    await until('index synced', async () => ((await searchTotal(s, 'TLS Contact')) > 0 ? true : null), 60_000);
    const pid = meiliPid(s);
    // Hung, not dead: connections are accepted by the kernel and never answered.
    process.kill(pid, 'SIGSTOP');
    const db = openDb(dataDir);
    storeFixture(db, LATE_DOC);
    db.close();
    await new Promise((r) => setTimeout(r, 1000));
    const { ms } = await s.stop('SIGTERM');
    console.log(`[figure] serve SIGTERM with Meilisearch hung and changes pending: ${ms} ms`);
    expect(ms).toBeLessThan(10_000);
    // The hung child was not left behind.
    await until(
      'child gone',
      async () => {
        try {
          process.kill(pid, 0);
          return null;
        } catch {
          return true;
        }
      },
      10_000,
    );
  }, 120_000);

  it('a serve that cannot take its API port stops the Meilisearch it started and exits with an error', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const dataDir = seededDataDir();
    const child = spawn(process.execPath, ['bin/raqib.js', 'serve', '--port', String(port), '--data-dir', dataDir], {
      cwd: join(import.meta.dirname, '..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const seen = new Set<number>();
    const watch = setInterval(() => {
      for (const pid of childPids(child.pid as number)) seen.add(pid);
    }, 50);
    try {
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(seen.size).toBeGreaterThan(0); // the managed Meilisearch did start…
      await until('children gone', async () => ([...seen].some(alive) ? null : true), 10_000); // …and did not outlive serve
    } finally {
      clearInterval(watch);
      for (const pid of [...seen].filter(alive)) process.kill(pid, 'SIGKILL');
      taken.close();
    }
  }, 120_000);
});
