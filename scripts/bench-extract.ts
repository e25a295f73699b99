// Main-content extraction benchmark: F1/precision/recall on the public article-extraction
// benchmark (see ../shared/bench/article-extraction/README.md) and pages per second on one core.
// Usage: npx tsx scripts/bench-extract.ts [--bench DIR] [--predictions FILE] [--per-page]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { aggregate, extractHtml, type PageCounts, shingleCounts } from '../pipeline/extract/index.ts';

interface Args {
  bench: string;
  predictions: string | null;
  perPage: boolean;
}

function parseArgs(argv: string[]): Args {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const args: Args = {
    bench: path.resolve(repoRoot, '../shared/bench/article-extraction'),
    predictions: null,
    perPage: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--bench') args.bench = path.resolve(argv[++i] ?? '');
    else if (a === '--predictions') args.predictions = path.resolve(argv[++i] ?? '');
    else if (a === '--per-page') args.perPage = true;
    else throw new Error(`unknown argument: ${a}`);
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const truth = JSON.parse(readFileSync(path.join(args.bench, 'ground-truth.json'), 'utf8')) as Record<
  string,
  { articleBody: string; url: string }
>;
const ids = Object.keys(truth).sort();
const pages = ids.map((id) => {
  const html = gunzipSync(readFileSync(path.join(args.bench, 'html', `${id}.html.gz`))).toString('utf8');
  return { id, html, url: truth[id]?.url ?? '' };
});

// Warm-up pass so the JIT has compiled the hot paths before timing.
const predictions: Record<string, { articleBody: string }> = {};
for (const p of pages) predictions[p.id] = { articleBody: extractHtml(p.html, p.url).text };

const rounds = 3;
const start = performance.now();
const cpuStart = process.cpuUsage();
for (let r = 0; r < rounds; r++) for (const p of pages) extractHtml(p.html, p.url);
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
// CPU time as well as wall time: on a shared machine the wall clock also counts other processes.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

const counts: PageCounts[] = [];
const perPage: Array<{ id: string; p: number; r: number; url: string }> = [];
for (const p of pages) {
  const c = shingleCounts(truth[p.id]?.articleBody ?? '', predictions[p.id]?.articleBody ?? '');
  counts.push(c);
  perPage.push({
    id: p.id,
    p: c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 1,
    r: c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 1,
    url: p.url,
  });
}
const m = aggregate(counts);
if (args.perPage) {
  perPage.sort((a, b) => a.p + a.r - (b.p + b.r));
  for (const x of perPage.slice(0, 40))
    console.log(`${x.p.toFixed(3)} ${x.r.toFixed(3)} ${x.id.slice(0, 12)} ${x.url}`);
}
console.log(`pages       ${pages.length}`);
console.log(`F1          ${m.f1.toFixed(4)}`);
console.log(`precision   ${m.precision.toFixed(4)}`);
console.log(`recall      ${m.recall.toFixed(4)}`);
console.log(`pages/s     ${((pages.length * rounds) / seconds).toFixed(1)} (wall clock, single thread, after warm-up)`);
console.log(`pages/s     ${((pages.length * rounds) / cpuSeconds).toFixed(1)} (CPU time of this process)`);
if (args.predictions) {
  writeFileSync(args.predictions, JSON.stringify(predictions, null, 1));
  console.log(`predictions ${args.predictions}`);
}
