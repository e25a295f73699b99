// Regression: every `raqib serve` used to listen on a second, random port on all interfaces — an
// unauthenticated forward proxy (proxy-chain) started by crawlee's browser-pool merely being
// imported. The process tree may listen on the API port and on a loopback Meilisearch, nothing else.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childPids, isLoopback, listeningSockets, type ServeProcess, startServeProcess } from './serve-process.ts';

let serve: ServeProcess;

beforeAll(async () => {
  serve = await startServeProcess({ dataDir: mkdtempSync(join(tmpdir(), 'raqib-sockets-')) });
  // The proxy used to start asynchronously after import; give any such late listener time to appear.
  await new Promise((r) => setTimeout(r, 1500));
}, 90_000);

afterAll(async () => {
  await serve?.stop();
});

describe('listening sockets of raqib serve', () => {
  it('the serve process listens only on the API port', () => {
    const apiPort = Number(new URL(serve.url).port);
    const own = listeningSockets(serve.pid);
    console.log(`[figure] serve (pid ${serve.pid}) listens on: ${own.map((s) => `${s.address}:${s.port}`).join(', ')}`);
    expect(own.map((s) => s.port)).toEqual([apiPort]);
    expect(own.every((s) => isLoopback(s.address))).toBe(true);
  });

  it('its children (the managed Meilisearch) listen on loopback only', () => {
    const children = childPids(serve.pid);
    expect(children.length).toBeGreaterThan(0);
    const sockets = children.flatMap((pid) => listeningSockets(pid));
    console.log(
      `[figure] serve's children listen on: ${sockets.map((s) => `${s.address}:${s.port} (pid ${s.pid})`).join(', ')}`,
    );
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.filter((s) => !isLoopback(s.address))).toEqual([]);
  });
});
