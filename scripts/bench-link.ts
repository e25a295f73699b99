// Incremental linking at archive scale: generate a synthetic archive (matters about many
// organizations over a few years, covered in French, Arabic and English by several outlets, with
// near-duplicates, follow-ups and irrelevant pages), link it one document at a time into a real
// SQLite file, and print documents/s at each size. Blocking keeps the cost of one document flat, so
// the 100k run should cost about 10× the 10k run (goal: at most ~11×).
//
//   npx tsx scripts/bench-link.ts [--sizes 10000,100000] [--years 4] [--seed 42]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { linkInputOf } from '../pipeline/link/index.ts';
import { seededRandom } from '../pipeline/random.ts';
import type { EventType, Lang, Span, UnderstoodDocument } from '../pipeline/types.ts';
import { linkNewDocument } from '../store/case-linking.ts';
import { type Db, openDb } from '../store/db.ts';

const EVENT_MIX: EventType[] = [
  'hearing',
  'inspection',
  'formal_notice',
  'sanction',
  'complaint',
  'data_breach',
  'deliberation',
  'moratorium',
  'referral_prosecutor',
];
const COMMON_FR =
  'commission donnees controle plainte societe traitement conformite securite clients declaration'.split(' ');
const COMMON_AR = 'اللجنة المعطيات مراقبة شكاية شركة معالجة ملاءمة حماية الزبناء تصريح'.split(' ');

function span(text: string): Span[] {
  return [{ start: 0, end: Math.min(text.length, 10), text, sentence: text, confidence: 1 }];
}

interface Generated {
  doc: UnderstoodDocument;
  duplicateOf: string | null;
}

/**
 * Matters arrive at a steady rate over `years`; organizations scale with the archive (a bigger
 * archive covers more companies), with a few popular ones (platforms, telecoms) in many matters.
 */
export function* syntheticArchive(total: number, years: number, seed: number): Generator<Generated> {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const orgCount = Math.max(50, Math.round(total / 10));
  const start = Date.UTC(2019, 0, 1);
  const span_ = years * 365 * 86_400_000;
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  // Each matter: subject (Zipf-like popularity), 1–15 documents over days to weeks, sometimes a
  // follow-up months later.
  let produced = 0;
  let matterId = 0;
  const docs: { at: number; g: () => Generated }[] = [];
  while (produced < total) {
    const id = matterId++;
    const at = start + rand() * span_;
    const subject = rand() < 0.8 ? Math.floor(orgCount * rand() ** 1.5) : null;
    const event = pick(EVENT_MIX);
    const law = rand() < 0.3 ? `cndp-deliberation-D-${id}-${new Date(at).getUTCFullYear()}` : null;
    const size = Math.min(total - produced, 1 + Math.floor(-Math.log(1 - rand()) * 4));
    let original: string | null = null;
    for (let k = 0; k < size; k++) {
      const followUp = k > 0 && rand() < 0.1;
      const docAt = at + (followUp ? 60 + rand() * 200 : rand() * 20) * 86_400_000;
      const lang: Lang = rand() < 0.5 ? 'fr' : rand() < 0.85 ? 'ar' : 'en';
      const docId = `doc_bench_${id}_${k}`;
      const dup = original !== null && rand() < 0.15 ? original : null;
      if (k === 0) original = docId;
      const irrelevant = rand() < 0.08;
      const words = lang === 'ar' ? COMMON_AR : COMMON_FR;
      // Six words of the matter's own, distinct within the seven letters the linker keeps of a word.
      const topic = Array.from({ length: 6 }, (_, i) => `${lang}${i}q${id.toString(36)}`);
      const text = [...topic, ...Array.from({ length: 20 }, () => pick(words))].join(' ');
      const orgName = subject === null ? null : `Org${subject}`;
      const secondary = rand() < 0.3 ? Math.floor(orgCount * rand()) : null;
      docs.push({
        at: docAt,
        g: () => ({
          duplicateOf: dup,
          doc: {
            id: docId,
            url: `https://bench.test/${docId}`,
            sourceId: pick(['cndp', 'hespress', 'le360', 'medias24', 'alyaoum24', 'telquel']),
            outlet: pick(['CNDP', 'Hespress', 'Le360', 'Médias24', 'Alyaoum24', 'TelQuel']),
            title: `${orgName ?? ''} ${topic.slice(0, 3).join(' ')}`,
            text,
            language: lang,
            paragraphLanguages: [lang],
            publishedAt: day(docAt),
            updatedAt: null,
            author: null,
            relevant: !irrelevant,
            relevanceScore: irrelevant ? 0.1 : 0.9,
            entities: {
              organizations: [
                { id: 'org:cndp', name: 'CNDP', known: true, mentions: span('CNDP') },
                ...(orgName
                  ? [
                      {
                        id: `org:bench-${subject}`,
                        name: orgName,
                        known: true,
                        mentions: [...span(orgName), ...span(orgName)],
                      },
                    ]
                  : []),
                ...(secondary !== null
                  ? [{ id: `org:bench-${secondary}`, name: `Org${secondary}`, known: true, mentions: span('x') }]
                  : []),
              ],
              persons: [],
              laws: [
                {
                  id: 'ma-law-09-08',
                  label: 'loi 09-08',
                  kind: 'law' as const,
                  parentId: null,
                  mentions: span('09-08'),
                },
                ...(law
                  ? [{ id: law, label: law, kind: 'deliberation' as const, parentId: null, mentions: span(law) }]
                  : []),
              ],
              deadlines:
                rand() < 0.2 ? [{ date: day(docAt + 30 * 86_400_000), label: 'délai', mentions: span('d') }] : [],
              amounts: [],
              events: [
                { type: event, date: rand() < 0.7 ? day(at + rand() * 2 * 86_400_000) : null, mentions: span('e') },
              ],
            },
            pipelineVersion: 1,
          },
        }),
      });
      produced++;
    }
  }
  // Documents arrive roughly in publication order (crawls follow the news), with some jitter.
  docs.sort((a, b) => a.at - b.at);
  for (const d of docs) yield d.g();
}

export async function benchLink(size: number, years: number, seed: number) {
  const dir = mkdtempSync(join(tmpdir(), 'raqib-bench-link-'));
  const db = openDb(dir);
  try {
    const started = performance.now();
    let lastReport = started;
    let n = 0;
    let windowStart = started;
    let windowCount = 0;
    const windows: number[] = [];
    const irrelevant = new Set<string>();
    for (const g of syntheticArchive(size, years, seed)) {
      if (!g.doc.relevant) irrelevant.add(g.doc.id);
      linkNewDocument(db, linkInputOf(g.doc, { duplicateOf: g.duplicateOf, sourceKind: 'press' }));
      n++;
      windowCount++;
      const t = performance.now();
      if (windowCount === Math.max(1000, Math.floor(size / 10))) {
        windows.push((windowCount * 1000) / (t - windowStart));
        windowStart = t;
        windowCount = 0;
      }
      if (t - lastReport > 15_000) {
        process.stderr.write(`  ${size}: ${n} linked (${((n * 1000) / (t - started)).toFixed(0)} docs/s)\n`);
        lastReport = t;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const cases = db.prepare('SELECT COUNT(*) FROM cases').pluck().get() as number;
    const bytes = statSync(join(dir, 'raqib.sqlite')).size;
    const matters = new Set<string>();
    for (const id of db.prepare('SELECT document_id FROM case_documents').pluck().iterate() as Iterable<string>)
      matters.add(id.split('_')[2] as string);
    const quality = pairwiseAgainstMatters(db, irrelevant);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    return {
      size,
      seconds,
      docsPerSecond: size / seconds,
      cases,
      matters: matters.size,
      windows,
      dbMb: bytes / 1e6,
      rssMb,
      ...quality,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/**
 * Pairwise precision and recall of the cases against the generated matters (a document's matter is
 * in its id; irrelevant pages belong to none), counted from the contingency table so that 100k
 * documents cost one pass, not 5·10⁹ pairs.
 */
function pairwiseAgainstMatters(db: Db, irrelevant: ReadonlySet<string>) {
  const cell = new Map<string, number>();
  const gold = new Map<string, number>();
  const predicted = new Map<string, number>();
  const rows = db
    .prepare("SELECT document_id AS doc, case_id AS c FROM case_members WHERE role = 'primary'")
    .iterate() as Iterable<{ doc: string; c: string }>;
  for (const { doc, c } of rows) {
    predicted.set(c, (predicted.get(c) ?? 0) + 1);
    if (irrelevant.has(doc)) continue;
    const matter = doc.split('_')[2] as string;
    cell.set(`${matter} ${c}`, (cell.get(`${matter} ${c}`) ?? 0) + 1);
  }
  for (const doc of db.prepare('SELECT document_id FROM case_documents').pluck().iterate() as Iterable<string>) {
    if (irrelevant.has(doc)) continue;
    const matter = doc.split('_')[2] as string;
    gold.set(matter, (gold.get(matter) ?? 0) + 1);
  }
  let tp = 0;
  for (const n of cell.values()) tp += pairs(n);
  let pp = 0;
  for (const n of predicted.values()) pp += pairs(n);
  let gp = 0;
  for (const n of gold.values()) gp += pairs(n);
  const precision = pp === 0 ? 1 : tp / pp;
  const recall = gp === 0 ? 1 : tp / gp;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const sizes = (value('--sizes') ?? '10000,100000').split(',').map(Number);
  const years = Number(value('--years') ?? 4);
  const seed = Number(value('--seed') ?? 42);
  // Warm-up (not reported): JIT-compiling the linker would otherwise be billed to the first size.
  await benchLink(1000, years, seed + 1);
  const results = [];
  for (const size of sizes) {
    const r = await benchLink(size, years, seed);
    results.push(r);
    process.stdout.write(
      `link ${String(size).padStart(7)} docs over ${years} years: ${r.seconds.toFixed(1)} s, ` +
        `${r.docsPerSecond.toFixed(0)} docs/s, ${r.cases} cases for ${r.matters} generated matters, ` +
        `pairwise P ${(100 * r.precision).toFixed(1)} R ${(100 * r.recall).toFixed(1)} F1 ${(100 * r.f1).toFixed(1)}, ` +
        `db ${r.dbMb.toFixed(0)} MB, peak RSS ${r.rssMb.toFixed(0)} MB; ` +
        `docs/s per tenth: ${r.windows.map((w) => w.toFixed(0)).join(' ')}\n`,
    );
  }
  const [small, large] = [results[0], results.at(-1)];
  if (small && large && large !== small) {
    process.stdout.write(
      `cost ratio ${large.size}/${small.size}: ${(large.seconds / small.seconds).toFixed(2)}× ` +
        `for ${(large.size / small.size).toFixed(0)}× the documents (goal ≤ ~11×)\n`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench-link: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
