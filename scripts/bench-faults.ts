// `npm run bench:faults [-- --runs N]`: crawl the fault-injecting server (test/fault-server.ts) N
// times (default 20), each in a fresh data directory, and print each fault's outcomes over the
// runs, the slowest run, and how many runs hit the run deadline (a hang would).
import { rmSync } from 'node:fs';
import pino from 'pino';
import { crawlConfigSchema } from '../crawlers/config.ts';
import { crawlSources } from '../crawlers/crawl.ts';
import { sourceConfigSchema } from '../crawlers/source-config.ts';
import { openDb } from '../store/db.ts';
import { tempDataDir } from '../test/crawl-helpers.ts';
import { EXPECTED, FAULTS, faultOutcomes, startFaultServer } from '../test/fault-server.ts';

const i = process.argv.indexOf('--runs');
const runs = Number(i >= 0 ? process.argv[i + 1] : 20);
const deadlineMs = 60_000;
const crawl = crawlConfigSchema.parse({
  requestTimeoutMs: 3000,
  maxRetries: 2,
  retryBaseDelayMs: 200,
  maxRetryAfterMs: 5000,
  maxPageBytes: 15 * 1024 * 1024,
  politeness: 'off',
  runDeadlineMs: deadlineMs,
});
const outcomes = new Map<string, Map<string, number>>(FAULTS.map((f) => [f, new Map()]));
const durations: number[] = [];
let deadlines = 0;
let hung = 0;
for (let run = 0; run < runs; run++) {
  const server = await startFaultServer();
  const source = sourceConfigSchema.parse({
    id: 'faults',
    name: 'Fault server',
    outlet: 'Faults',
    languages: ['fr', 'ar'],
    kind: 'press',
    homepage: `${server.origin}/`,
    schedule: '* * * * *',
    discovery: [{ type: 'feed', url: server.feedUrl, evidence: 'seen' }],
    articlePatterns: ['/a/'],
    relevance: { mode: 'all' },
    canonicalization: { forceHttps: false },
    politeness: { minDelayMs: 0, maxConcurrency: 4 },
  });
  const dataDir = tempDataDir('raqib-bench-faults-');
  const db = openDb(dataDir);
  const t = Date.now();
  // A watchdog well past the run deadline: a run that still has not ended is counted as hung and
  // left behind, rather than hanging the benchmark (and its count) with it.
  let watchdog: NodeJS.Timeout | undefined;
  const summary = await Promise.race([
    crawlSources({ db, sources: [source], crawl, dataDir, log: pino({ level: 'silent' }) }),
    new Promise<null>((resolve) => {
      watchdog = setTimeout(() => resolve(null), deadlineMs + 30_000);
    }),
  ]);
  clearTimeout(watchdog);
  durations.push(Date.now() - t);
  if (summary === null) hung++;
  else if (summary.sources[0]?.deadlineReached) deadlines++;
  for (const [fault, outcome] of Object.entries(faultOutcomes(db, server))) {
    const m = outcomes.get(fault)!;
    m.set(outcome, (m.get(outcome) ?? 0) + 1);
  }
  db.close();
  await server.close();
  // A hung run's directory is kept for a look at its state; finished ones would pile up in /tmp.
  if (summary !== null) rmSync(dataDir, { recursive: true, force: true });
  process.stderr.write(`run ${run + 1}/${runs}: ${durations.at(-1)} ms\n`);
}
console.log(
  `\n${runs} crawls of the fault server (request timeout 3 s, 2 retries, run deadline ${deadlineMs / 1000} s)`,
);
for (const fault of FAULTS) {
  const seen = [...outcomes.get(fault)!.entries()].map(([o, n]) => `${o} ×${n}`).join(', ');
  const ok = outcomes.get(fault)!.get(EXPECTED[fault]) === runs;
  console.log(`  ${fault.padEnd(18)} ${seen}${ok ? '' : `   (expected ${EXPECTED[fault]})`}`);
}
const sorted = [...durations].sort((x, y) => x - y);
console.log(
  `run time: median ${sorted[Math.floor(runs / 2)]} ms, slowest ${sorted.at(-1)} ms; runs that hit the deadline: ${deadlines}; runs that never ended: ${hung} of ${runs}`,
);
// A hung run's fetches would keep the event loop alive; the figures are printed, so leave.
process.exit(hung > 0 ? 1 : 0);
