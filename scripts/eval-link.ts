// Linking evaluation: run gold-labelled documents through understanding and incremental linking
// into a real SQLite store, then score the predicted cases against the gold ones.
//
//   npx tsx scripts/eval-link.ts [--jsonl eval/cases/cases.jsonl] [--order date|file|shuffle]
//                                [--relevance pipeline|gold] [--json]
//
// Pairwise precision/recall/F1 count pairs of documents put in one case; B-cubed averages, per
// document, how much of its predicted case is right and how much of its gold case it found. French–
// Arabic pairs are reported on their own because they can only meet through entity ids and dates.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { documentId } from '../pipeline/ids.ts';
import type { Entities, Lang, UnderstoodDocument } from '../pipeline/types.ts';
import { caseIdsForDocument, linkNewDocument } from '../store/cases.ts';
import { openDb } from '../store/db.ts';

const lineSchema = z.object({
  url: z.string().min(1),
  source: z.string().min(1),
  outlet: z.string().nullish(),
  sourceKind: z.string().nullish(),
  language: z.enum(['fr', 'ar', 'en', 'und']),
  title: z.string().nullish(),
  text: z.string(),
  publishedAt: z.string().nullish(),
  caseId: z.string().nullable(),
  note: z.string().optional(),
});
export type GoldDocument = z.infer<typeof lineSchema>;

export function loadGold(path: string): GoldDocument[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.trim() !== '')
    .map(({ l, i }) => {
      const parsed = lineSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${path}:${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
      return parsed.data;
    });
}

interface Understood {
  doc: UnderstoodDocument;
  /** Near-duplicate signal: MinHash signature when the pipeline gives one, else word shingles. */
  signature: Uint32Array | null;
}

type Understand = (g: GoldDocument) => Understood;

/**
 * The understanding stages, as far as they exist: the lead's `understand()` (pipeline/run.ts) when
 * present, else `extractEntities` alone on the given text.
 */
async function loadUnderstanding(): Promise<{ name: string; understand: Understand }> {
  try {
    // Specifiers in variables: these modules are written in parallel and typed loosely here on purpose.
    const runModule = '../pipeline/run.ts';
    const run = (await import(runModule)) as {
      understand: (input: Record<string, unknown>) => { doc: UnderstoodDocument; signature?: Uint32Array };
    };
    return {
      name: 'pipeline/run.ts understand()',
      understand: (g) => {
        const r = run.understand({
          url: g.url,
          canonicalUrl: g.url,
          sourceId: g.source,
          sourceKind: g.sourceKind ?? 'press',
          outlet: g.outlet ?? g.source,
          contentType: 'text/plain',
          body: g.text,
          hints: { title: g.title ?? null, publishedAt: g.publishedAt ?? null, language: g.language },
        });
        return { doc: r.doc, signature: r.signature ?? null };
      },
    };
  } catch (error) {
    const entitiesModule = '../pipeline/entities/index.ts';
    const entities = (await import(entitiesModule).catch(() => {
      throw new Error(`no understanding stage available (pipeline/run.ts failed: ${String(error)})`);
    })) as { extractEntities: (input: Record<string, unknown>) => Entities };
    return {
      name: 'pipeline/entities extractEntities()',
      understand: (g) => ({
        doc: {
          id: documentId(g.url),
          url: g.url,
          sourceId: g.source,
          outlet: g.outlet ?? g.source,
          title: g.title ?? null,
          text: g.text,
          language: g.language as Lang,
          paragraphLanguages: [],
          publishedAt: g.publishedAt ?? null,
          updatedAt: null,
          author: null,
          relevant: true,
          relevanceScore: 1,
          entities: entities.extractEntities({
            text: g.text,
            title: g.title ?? null,
            language: g.language,
            publishedAt: g.publishedAt ?? null,
          }),
          pipelineVersion: 0,
        },
        signature: null,
      }),
    };
  }
}

function shingles(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 4 < words.length; i++) out.add(words.slice(i, i + 5).join(' '));
  return out;
}

function similarity(a: Understood, b: Understood): number {
  if (a.signature && b.signature && a.signature.length === b.signature.length && a.signature.length > 0) {
    let same = 0;
    for (let i = 0; i < a.signature.length; i++) if (a.signature[i] === b.signature[i]) same++;
    return same / a.signature.length;
  }
  const x = shingles(a.doc.text);
  const y = shingles(b.doc.text);
  let inter = 0;
  for (const s of x) if (y.has(s)) inter++;
  return inter / Math.max(1, x.size + y.size - inter);
}

export interface PairScores {
  precision: number;
  recall: number;
  f1: number;
  truePairs: number;
  predictedPairs: number;
  goldPairs: number;
}

export interface LinkEvalResult {
  understanding: string;
  relevance: 'pipeline' | 'gold';
  documents: number;
  goldCases: number;
  predictedCases: number;
  pairwise: PairScores;
  frArPairs: PairScores;
  bcubed: { precision: number; recall: number; f1: number };
  irrelevantKeptOut: { correct: number; total: number };
  docsPerSecond: number;
  errors: { kind: 'split' | 'merged'; a: string; b: string; goldA: string | null; goldB: string | null }[];
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Gold and predicted labels per document; null means "no case" and is its own singleton. */
export function scoreClustering(
  gold: (string | null)[],
  predicted: (string | null)[],
  languages: Lang[],
): { pairwise: PairScores; frArPairs: PairScores; bcubed: LinkEvalResult['bcubed'] } {
  const count = (filter: (i: number, j: number) => boolean): PairScores => {
    let tp = 0;
    let pp = 0;
    let gp = 0;
    for (let i = 0; i < gold.length; i++) {
      for (let j = i + 1; j < gold.length; j++) {
        if (!filter(i, j)) continue;
        const g = gold[i] !== null && gold[i] === gold[j];
        const p = predicted[i] !== null && predicted[i] === predicted[j];
        if (g) gp++;
        if (p) pp++;
        if (g && p) tp++;
      }
    }
    const precision = pp === 0 ? 1 : tp / pp;
    const recall = gp === 0 ? 1 : tp / gp;
    return { precision, recall, f1: f1(precision, recall), truePairs: tp, predictedPairs: pp, goldPairs: gp };
  };
  const pairwise = count(() => true);
  const frArPairs = count(
    (i, j) =>
      new Set([languages[i], languages[j]]).size === 2 &&
      [languages[i], languages[j]].every((l) => l === 'fr' || l === 'ar'),
  );
  let bp = 0;
  let br = 0;
  for (let i = 0; i < gold.length; i++) {
    const inGold = (j: number) => j === i || (gold[i] !== null && gold[j] === gold[i]);
    const inPred = (j: number) => j === i || (predicted[i] !== null && predicted[j] === predicted[i]);
    let both = 0;
    let g = 0;
    let p = 0;
    for (let j = 0; j < gold.length; j++) {
      const a = inGold(j);
      const b = inPred(j);
      if (a) g++;
      if (b) p++;
      if (a && b) both++;
    }
    bp += both / p;
    br += both / g;
  }
  const n = Math.max(gold.length, 1);
  return { pairwise, frArPairs, bcubed: { precision: bp / n, recall: br / n, f1: f1(bp / n, br / n) } };
}

export async function runLinkEval(
  options: {
    jsonl?: string;
    order?: 'date' | 'file' | 'shuffle';
    seed?: number;
    duplicateThreshold?: number;
    /** `gold`: take relevance from the labels (a null case = irrelevant) to measure linking alone. */
    relevance?: 'pipeline' | 'gold';
  } = {},
): Promise<LinkEvalResult> {
  const path = resolve(options.jsonl ?? join(import.meta.dirname, '..', 'eval', 'cases', 'cases.jsonl'));
  let gold = loadGold(path);
  if (options.order === 'date' || options.order === undefined) {
    gold = [...gold].sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''));
  } else if (options.order === 'shuffle') {
    let s = options.seed ?? 7;
    const rand = () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
    gold = gold
      .map((g) => ({ g, k: rand() }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.g);
  }
  const { name, understand } = await loadUnderstanding();
  const dir = mkdtempSync(join(tmpdir(), 'raqib-eval-link-'));
  const db = openDb(dir);
  try {
    const understood = gold.map((g) => {
      const u = understand(g);
      if (options.relevance === 'gold') u.doc = { ...u.doc, relevant: g.caseId !== null };
      return u;
    });
    const threshold = options.duplicateThreshold ?? 0.8;
    const started = performance.now();
    for (let i = 0; i < understood.length; i++) {
      const u = understood[i] as Understood;
      // Stand-in for the dedupe stage's lookup: the earliest earlier document this one copies.
      let duplicateOf: string | null = null;
      for (let j = 0; j < i && duplicateOf === null; j++) {
        const other = understood[j] as Understood;
        if (similarity(u, other) >= threshold) duplicateOf = other.doc.id;
      }
      linkNewDocument(db, { document: u.doc, duplicateOf, sourceKind: gold[i]?.sourceKind ?? 'press' });
    }
    const elapsed = (performance.now() - started) / 1000;
    const predicted = understood.map((u) => caseIdsForDocument(db, u.doc.id).caseId);
    const goldLabels = gold.map((g) => g.caseId);
    const scores = scoreClustering(
      goldLabels,
      predicted,
      gold.map((g) => g.language),
    );
    const errors: LinkEvalResult['errors'] = [];
    for (let i = 0; i < gold.length; i++) {
      for (let j = i + 1; j < gold.length; j++) {
        const g = goldLabels[i] !== null && goldLabels[i] === goldLabels[j];
        const p = predicted[i] !== null && predicted[i] === predicted[j];
        if (g === p) continue;
        errors.push({
          kind: g ? 'split' : 'merged',
          a: gold[i]?.url ?? '',
          b: gold[j]?.url ?? '',
          goldA: goldLabels[i] ?? null,
          goldB: goldLabels[j] ?? null,
        });
      }
    }
    const irrelevant = gold.map((g, i) => ({ g, i })).filter(({ g }) => g.caseId === null);
    return {
      understanding: name,
      relevance: options.relevance ?? 'pipeline',
      documents: gold.length,
      goldCases: new Set(goldLabels.filter((x) => x !== null)).size,
      predictedCases: new Set(predicted.filter((x) => x !== null)).size,
      ...scores,
      irrelevantKeptOut: {
        correct: irrelevant.filter(({ i }) => predicted[i] === null).length,
        total: irrelevant.length,
      },
      docsPerSecond: gold.length / Math.max(elapsed, 1e-9),
      errors,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function pct(x: number): string {
  return (100 * x).toFixed(1);
}

export function formatLinkEval(r: LinkEvalResult): string {
  const line = (label: string, s: PairScores) =>
    `${label.padEnd(18)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (${s.truePairs} right of ${s.predictedPairs} predicted, ${s.goldPairs} gold pairs)`;
  const out = [
    `linking — ${r.documents} documents, ${r.goldCases} gold cases, ${r.predictedCases} predicted (understanding: ${r.understanding}; relevance: ${r.relevance})`,
    line('pairwise', r.pairwise),
    line('pairwise FR–AR', r.frArPairs),
    `${'B-cubed'.padEnd(18)} P ${pct(r.bcubed.precision)}  R ${pct(r.bcubed.recall)}  F1 ${pct(r.bcubed.f1)}`,
    `irrelevant kept out of cases: ${r.irrelevantKeptOut.correct}/${r.irrelevantKeptOut.total}`,
  ];
  const shown = r.errors.slice(0, 15);
  if (shown.length > 0) out.push('pair errors (first 15):');
  for (const e of shown) out.push(`  ${e.kind.padEnd(6)} ${e.goldA ?? '∅'} | ${e.goldB ?? '∅'}  ${e.a}  ${e.b}`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const order = (value('--order') ?? 'date') as 'date' | 'file' | 'shuffle';
  const relevance = (value('--relevance') ?? 'pipeline') as 'pipeline' | 'gold';
  const result = await runLinkEval({ jsonl: value('--jsonl'), order, relevance });
  process.stdout.write(
    args.includes('--json') ? `${JSON.stringify(result, null, 2)}\n` : `${formatLinkEval(result)}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`eval-link: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
