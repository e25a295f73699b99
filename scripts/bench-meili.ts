// `npm run bench:meili [-- --docs N] [--kills K] [--shutdowns S]`: the supervised Meilisearch under a
// real `raqib serve` (its own process, its managed child), on a store of N documents (default 1000).
//   Recovery: the child is SIGKILLed K times (default 5); each time a document is written to the
//   store while it is dead. Printed per kill: /health ok again, and that document searchable — both
//   without a restart of serve — plus what /health and /search answered during the outage.
//   Shutdown: S times each (default 3), serve gets SIGTERM with changes pending and the child
//   (a) just killed, its restart in backoff, (b) hung (SIGSTOP: connections accepted, never
//   answered). Printed: time to exit, and whether the child was left behind.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../store/db.ts';
import { type FixtureDoc, storeFixture } from '../test/search-fixtures.ts';
import { childPids, type ServeProcess, startServeProcess } from '../test/serve-process.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const docCount = arg('docs', 1000);
const kills = arg('kills', 5);
const shutdowns = arg('shutdowns', 3);

// A made-up word per document, so "is it searchable" has exactly one answer.
const word = (i: number) => `zelmorak${i.toString(36)}`;
const doc = (i: number): FixtureDoc => ({
  id: `bench_${i}`,
  url: `https://bench.example.ma/fr/${i}`,
  language: 'fr',
  title: `Contrôle ${word(i)} chez un opérateur de télécommunications`,
  text: `La Commission a contrôlé les traitements de la société ${word(i)} et lui a adressé une mise en demeure.`,
  publishedAt: `2025-${String((i % 12) + 1).padStart(2, '0')}-10T09:00:00Z`,
  sourceId: 'press-fr-a',
  outlet: 'Courrier Atlas',
  sourceKind: 'press',
  events: ['formal_notice'],
});

function seed(dataDir: string, from: number, to: number) {
  const db = openDb(dataDir);
  try {
    db.transaction(() => {
      for (let i = from; i < to; i++) storeFixture(db, doc(i));
    })();
  } finally {
    db.close();
  }
}

const get = async (url: string) => {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, text: await res.text() };
  } catch (e) {
    return { status: -1, text: (e as Error).message };
  }
};
const searchable = async (s: ServeProcess, i: number) => {
  const r = await get(`${s.url}/search?q=${word(i)}&relevant=all`);
  return r.status === 200 && (JSON.parse(r.text) as { hits: unknown[] }).hits.length > 0;
};
const healthy = async (s: ServeProcess) => {
  const r = await get(`${s.url}/health`);
  return r.status === 200 && (JSON.parse(r.text) as { status?: string }).status === 'ok';
};
async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const meiliPid = (s: ServeProcess): number => {
  const [pid] = childPids(s.pid);
  if (pid === undefined) throw new Error('serve has no managed Meilisearch child');
  return pid;
};
// Running or stopped, not a zombie waiting to be reaped (the container's init may be slow to).
const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `median ${s[Math.floor(s.length / 2)]} ms, max ${s.at(-1)} ms (${xs.join(', ')})`;
};

const dirs: string[] = [];
let next = docCount;
async function servedStore(): Promise<{ serve: ServeProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'raqib-bench-meili-'));
  dirs.push(dataDir);
  seed(dataDir, 0, docCount);
  const serve = await startServeProcess({ dataDir, env: { LOG_LEVEL: 'warn' } });
  const t = Date.now();
  await until('first sync', () => searchable(serve, docCount - 1), 300_000);
  process.stderr.write(`serve up, ${docCount} documents indexed in ${Date.now() - t} ms\n`);
  return { serve, dataDir };
}

const healthMs: number[] = [];
const convergeMs: number[] = [];
const outage = new Map<string, number>();
const note = (k: string) => outage.set(k, (outage.get(k) ?? 0) + 1);
let leakedAddress = 0;
{
  const { serve, dataDir } = await servedStore();
  const pidBefore = serve.pid;
  for (let k = 0; k < kills; k++) {
    const pid = meiliPid(serve);
    process.kill(pid, 'SIGKILL');
    const t0 = Date.now();
    const i = next++;
    seed(dataDir, i, i + 1);
    // What clients see while it is down (or already coming back).
    const h = await get(`${serve.url}/health`);
    if (/127\.0\.0\.1:\d+|localhost:\d+/.test(h.text)) leakedAddress++;
    note(`/health ${h.status} ${(JSON.parse(h.text) as { status?: string }).status ?? '?'}`);
    const s = await get(`${serve.url}/search?q=${word(0)}`);
    note(`/search ${s.status}`);
    await until('health ok', () => healthy(serve));
    healthMs.push(Date.now() - t0);
    await until('written while dead: searchable', () => searchable(serve, i));
    convergeMs.push(Date.now() - t0);
    process.stderr.write(
      `kill ${k + 1}/${kills}: health ok ${healthMs.at(-1)} ms, converged ${convergeMs.at(-1)} ms\n`,
    );
    // Let the backoff settle as in production (a server that ran a while restarts quickly again).
    await new Promise((r) => setTimeout(r, 1000));
  }
  const everIndexed = await searchable(serve, 0);
  if (serve.child.exitCode !== null || serve.pid !== pidBefore) throw new Error('serve restarted');
  await serve.stop('SIGTERM');
  console.log(
    `\nMeilisearch child SIGKILLed ${kills} times under a live serve (${docCount} documents, one written during each outage):`,
  );
  console.log(`  /health ok again:             ${stats(healthMs)}`);
  console.log(`  change made while dead found: ${stats(convergeMs)}`);
  console.log(`  serve restarted: never; earlier documents still found: ${everIndexed ? 'yes' : 'NO'}`);
  console.log(
    `  answers during the outage: ${[...outage.entries()].map(([k, n]) => `${k} ×${n}`).join(', ')}; internal address shown: ${leakedAddress}`,
  );
}

const shutdown: Record<'killed' | 'hung', number[]> = { killed: [], hung: [] };
const leftBehind: Record<'killed' | 'hung', number> = { killed: 0, hung: 0 };
for (const mode of ['killed', 'hung'] as const) {
  for (let r = 0; r < shutdowns; r++) {
    const { serve, dataDir } = await servedStore();
    const pid = meiliPid(serve);
    process.kill(pid, mode === 'killed' ? 'SIGKILL' : 'SIGSTOP');
    // Changes pending: the sync has something to push that can never be confirmed.
    seed(dataDir, next, next + 20);
    next += 20;
    // Killed: SIGTERM at once, while the supervisor's restart is pending or under way. Hung: give
    // the sync a moment to be stuck waiting on the child.
    if (mode === 'hung') await new Promise((res) => setTimeout(res, 1000));
    const kids = [pid, ...childPids(serve.pid)];
    const { ms } = await serve.stop('SIGTERM');
    shutdown[mode].push(ms);
    await new Promise((res) => setTimeout(res, 500));
    const left = kids.filter(alive);
    if (left.length > 0) leftBehind[mode]++;
    for (const p of left) process.kill(p, 'SIGKILL');
    process.stderr.write(`shutdown (${mode}) ${r + 1}/${shutdowns}: ${ms} ms\n`);
  }
}
console.log(`\nserve SIGTERM with 20 changes pending, ${shutdowns} runs each:`);
console.log(
  `  Meilisearch just killed (restart in backoff): ${stats(shutdown.killed)}; child left behind: ${leftBehind.killed}`,
);
console.log(
  `  Meilisearch hung (SIGSTOP):                   ${stats(shutdown.hung)}; child left behind: ${leftBehind.hung}`,
);
for (const d of dirs) rmSync(d, { recursive: true, force: true });
