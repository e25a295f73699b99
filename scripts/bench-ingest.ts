// `npm run bench:ingest [-- --count N]`: peak memory and time of `raqib ingest` over N generated
// documents (default 100,000), through the real path — JSONL file, validation, store, pipeline,
// case linking — in a fresh data directory; then the same file again (the re-ingest no-op).
// Peak RSS is the process's high-water mark (getrusage maxrss). Peak RSS per phase comes from a
// worker thread: processing is synchronous and blocks the main thread's timers for minutes, so a
// sampler on the main thread would see nothing of the phases that matter.

import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { ingestLines } from '../app/ingest.ts';
import { openDb } from '../store/db.ts';
import { generateArticles } from '../test/generated-articles.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const count = Number(arg('count', '100000'));
const keep = process.argv.includes('--keep');
const dir = mkdtempSync(join(tmpdir(), 'raqib-bench-ingest-'));
const file = join(dir, 'input.jsonl');

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const PHASES = ['write input', 'store lines', 'understand', 'link + read back', 're-ingest', 'hash check'] as const;
type Phase = (typeof PHASES)[number];
// Shared with the sampler: [0] the current phase, [1 + i] peak RSS of phase i in MB.
const shared = new Int32Array(new SharedArrayBuffer(4 * (1 + PHASES.length)));
const sampler = new Worker(
  `const { workerData } = require('node:worker_threads');
   const s = workerData;
   setInterval(() => {
     const rss = Math.round(process.memoryUsage.rss() / 1048576);
     const slot = 1 + Atomics.load(s, 0);
     if (rss > Atomics.load(s, slot)) Atomics.store(s, slot, rss);
   }, 50);`,
  { eval: true, workerData: shared },
);
sampler.unref();
const phaseStart = new Map<Phase, number>();
const phaseMs = new Map<Phase, number>();
let current: Phase | null = null;
/** Close the current phase and open `phase` (null: the end). */
const enter = (phase: Phase | null) => {
  const now = performance.now();
  if (current) phaseMs.set(current, now - (phaseStart.get(current) ?? now));
  current = phase;
  if (phase) {
    phaseStart.set(phase, now);
    Atomics.store(shared, 0, PHASES.indexOf(phase));
  }
  const m = process.memoryUsage();
  console.log(
    `  → ${phase ?? 'end'}: rss ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB, external ${mb(m.external)} MB, maxrss ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
  );
};
enter('write input');

const out = createWriteStream(file, 'utf8');
for (const line of generateArticles(count)) if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
out.end();
await once(out, 'finish');
console.log(`input: ${count} lines, ${mb(statSync(file).size)} MB (${file})`);

const db = openDb(join(dir, 'data'));
const lines = () => createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
let lastReport = Date.now();
const progress = (done: number, total: number) => {
  if (current === 'store lines') enter('understand');
  if (done === total) enter('link + read back');
  if (Date.now() - lastReport < 30_000 && done !== total) return;
  lastReport = Date.now();
  console.log(`  processing ${done}/${total}  rss ${mb(process.memoryUsage().rss)} MB`);
};

enter('store lines');
let t = performance.now();
const first = await ingestLines(db, lines(), { onProgress: progress, outputs: false });
const firstMs = performance.now() - t;
enter('re-ingest');
const peakFirst = process.resourceUsage().maxRSS * 1024;
console.log(
  `first ingest: ${first.imported} documents (${first.analysed} analysed, ${first.errors.length} errors) in ${(firstMs / 1000).toFixed(1)} s — ${(firstMs / Math.max(1, first.imported)).toFixed(2)} ms/doc`,
);
const cases = db.prepare('SELECT count(*) FROM cases').pluck().get() as number;
const partition = () =>
  db
    .prepare(
      "SELECT group_concat(case_id || ':' || document_id) FROM (SELECT case_id, document_id FROM case_members WHERE role = 'primary' ORDER BY document_id)",
    )
    .pluck()
    .get() as string | null;
const before = partition();
console.log(`cases: ${cases}`);
console.log(`peak RSS after first ingest: ${mb(peakFirst)} MB`);

t = performance.now();
const again = await ingestLines(db, lines(), { outputs: false });
const againMs = performance.now() - t;
console.log(
  `re-ingest of the same file: ${again.analysed} analysed in ${(againMs / 1000).toFixed(1)} s; case partition ${partition() === before ? 'unchanged' : 'CHANGED'}`,
);
// The yardstick for "about the time of a hash check": read, parse and hash every line, no store.
enter('hash check');
t = performance.now();
for await (const raw of lines())
  createHash('sha256')
    .update(JSON.stringify(JSON.parse(raw)))
    .digest('hex');
console.log(
  `hash check of the file alone (read, parse, sha256 per line): ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
enter(null);
console.log('peak RSS by phase (sampled every 50 ms):');
for (const [i, phase] of PHASES.entries())
  console.log(
    `  ${phase.padEnd(16)} ${String(Atomics.load(shared, 1 + i)).padStart(5)} MB  ${((phaseMs.get(phase) ?? 0) / 1000).toFixed(1).padStart(7)} s`,
  );
console.log(`peak RSS overall: ${mb(process.resourceUsage().maxRSS * 1024)} MB (goal ≤ 1024 MB)`);
db.close();
if (!keep) rmSync(dir, { recursive: true, force: true });
