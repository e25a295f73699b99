// Linking evaluation: run gold-labelled documents through understanding and incremental linking
// into a real SQLite store, then score the predicted cases against the gold ones.
//
//   npx tsx scripts/eval-link.ts [--set cases|corpus|heldout|all] [--jsonl eval/cases/cases.jsonl]
//                                [--order date|file|shuffle] [--seed N] [--relevance pipeline|gold] [--json]
//
// Sets: `cases` is eval/cases/cases.jsonl (ours, for linking); `corpus` and `heldout` are the
// annotated corpora of eval/ (HTML pages with gold case labels); `all` is the three together.
//
// Pairwise precision/recall/F1 count pairs of documents put in one case; B-cubed averages, per
// document, how much of its predicted case is right and how much of its gold case it found. French–
// Arabic pairs are reported on their own because they can only meet through entity ids and dates.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { BLIND_DIR } from '../eval/blind/index.ts';
import { type EvalDoc, loadEvalCorpus } from '../eval/corpus/index.ts';
import { HELDOUT_DIR } from '../eval/heldout/index.ts';
import { linkInputOf } from '../pipeline/link/index.ts';
import { type SourceKind, understand } from '../pipeline/run.ts';
import type { Lang, UnderstoodDocument } from '../pipeline/types.ts';
import { linkNewDocument } from '../store/case-linking.ts';
import { caseIdsForDocument } from '../store/cases.ts';
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
  /** Near-duplicate signal: the pipeline's MinHash signature when there is one, else word shingles. */
  signature: Uint32Array | null;
}

/** One gold document, ready for `understand()`. */
export interface LinkEvalItem {
  url: string;
  source: string;
  outlet: string | null;
  sourceKind: SourceKind;
  language: Lang;
  caseId: string | null;
  contentType: 'text/plain' | 'text/html';
  body: string;
  hints?: { title: string | null; publishedAt: string | null; language: Lang };
}

export type LinkEvalSet = 'cases' | 'corpus' | 'heldout' | 'blind' | 'all';

function fromJsonl(g: GoldDocument): LinkEvalItem {
  const kind = g.sourceKind === 'regulator' || g.sourceKind === 'aggregator' ? g.sourceKind : 'press';
  return {
    url: g.url,
    source: g.source,
    outlet: g.outlet ?? g.source,
    sourceKind: kind,
    language: g.language,
    caseId: g.caseId,
    contentType: 'text/plain',
    body: g.text,
    hints: { title: g.title ?? null, publishedAt: g.publishedAt ?? null, language: g.language },
  };
}

function fromCorpus(doc: EvalDoc): LinkEvalItem {
  return {
    url: doc.url,
    source: doc.source,
    outlet: doc.source,
    sourceKind: doc.source === 'cndp.ma' ? 'regulator' : 'press',
    language: doc.language,
    caseId: doc.gold.caseId,
    contentType: 'text/html',
    body: doc.html,
  };
}

export function loadLinkEvalSet(set: Exclude<LinkEvalSet, 'all'>, jsonl?: string): LinkEvalItem[] {
  if (set === 'corpus') return loadEvalCorpus().map(fromCorpus);
  if (set === 'heldout') return loadEvalCorpus(HELDOUT_DIR).map(fromCorpus);
  if (set === 'blind') return loadEvalCorpus(BLIND_DIR).map(fromCorpus);
  return loadGold(resolve(jsonl ?? join(import.meta.dirname, '..', 'eval', 'cases', 'cases.jsonl'))).map(fromJsonl);
}

/**
 * Sets are scored apart (they label the same real matters with their own ids, so pooling them
 * would count true links across sets as errors) and their pair counts added up.
 */
export function combineResults(results: readonly LinkEvalResult[]): LinkEvalResult {
  const sum = (pick: (r: LinkEvalResult) => PairScores): PairScores => {
    const tp = results.reduce((n, r) => n + pick(r).truePairs, 0);
    const pp = results.reduce((n, r) => n + pick(r).predictedPairs, 0);
    const gp = results.reduce((n, r) => n + pick(r).goldPairs, 0);
    const precision = pp === 0 ? 1 : tp / pp;
    const recall = gp === 0 ? 1 : tp / gp;
    return { precision, recall, f1: f1(precision, recall), truePairs: tp, predictedPairs: pp, goldPairs: gp };
  };
  const documents = results.reduce((n, r) => n + r.documents, 0);
  const weighted = (pick: (r: LinkEvalResult) => number) =>
    results.reduce((n, r) => n + pick(r) * r.documents, 0) / Math.max(documents, 1);
  const bp = weighted((r) => r.bcubed.precision);
  const br = weighted((r) => r.bcubed.recall);
  return {
    understanding: results[0]?.understanding ?? '',
    relevance: results[0]?.relevance ?? 'pipeline',
    documents,
    goldCases: results.reduce((n, r) => n + r.goldCases, 0),
    predictedCases: results.reduce((n, r) => n + r.predictedCases, 0),
    pairwise: sum((r) => r.pairwise),
    frArPairs: sum((r) => r.frArPairs),
    bcubed: { precision: bp, recall: br, f1: f1(bp, br) },
    irrelevantKeptOut: {
      correct: results.reduce((n, r) => n + r.irrelevantKeptOut.correct, 0),
      total: results.reduce((n, r) => n + r.irrelevantKeptOut.total, 0),
    },
    docsPerSecond: weighted((r) => r.docsPerSecond),
    errors: results.flatMap((r) => r.errors),
  };
}

function understandItem(item: LinkEvalItem): Understood {
  const r = understand({
    url: item.url,
    canonicalUrl: item.url,
    sourceId: item.source,
    sourceKind: item.sourceKind,
    outlet: item.outlet,
    contentType: item.contentType,
    body: item.body,
    ...(item.hints ? { hints: item.hints } : {}),
  });
  return { doc: r.doc, signature: r.signature ?? null };
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

export interface EvaluateLinkingOptions {
  order?: 'date' | 'file' | 'shuffle';
  seed?: number;
  /** MinHash agreement (or shingle Jaccard) from which a document is a near-duplicate of an earlier one. */
  duplicateThreshold?: number;
  /** `gold`: take relevance from the labels (a null case = irrelevant) to measure linking alone. */
  relevance?: 'pipeline' | 'gold';
  understanding?: string;
}

export interface LinkEvalRun {
  understood: UnderstoodDocument;
  caseId: string | null;
  sourceKind: string;
  signature?: Uint32Array | null;
}

/**
 * Link already-understood gold documents one at a time into a fresh SQLite store and score the
 * cases. `scripts/eval.ts` can call this with the runs it already has.
 */
export function evaluateLinking(input: readonly LinkEvalRun[], options: EvaluateLinkingOptions = {}): LinkEvalResult {
  let runs = [...input];
  if (options.order === 'date' || options.order === undefined) {
    runs.sort((a, b) => (a.understood.publishedAt ?? '').localeCompare(b.understood.publishedAt ?? ''));
  } else if (options.order === 'shuffle') {
    let s = options.seed ?? 7;
    const rand = () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return s / 2 ** 31;
    };
    runs = runs
      .map((r) => ({ r, k: rand() }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.r);
  }
  if (options.relevance === 'gold')
    runs = runs.map((r) => ({ ...r, understood: { ...r.understood, relevant: r.caseId !== null } }));
  const dir = mkdtempSync(join(tmpdir(), 'raqib-eval-link-'));
  const db = openDb(dir);
  try {
    const understood: Understood[] = runs.map((r) => ({ doc: r.understood, signature: r.signature ?? null }));
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
      linkNewDocument(db, linkInputOf(u.doc, { duplicateOf, sourceKind: runs[i]?.sourceKind ?? 'press' }));
    }
    const elapsed = (performance.now() - started) / 1000;
    const predicted = understood.map((u) => caseIdsForDocument(db, u.doc.id).caseId);
    const goldLabels = runs.map((r) => r.caseId);
    const scores = scoreClustering(
      goldLabels,
      predicted,
      runs.map((r) => r.understood.language),
    );
    const errors: LinkEvalResult['errors'] = [];
    for (let i = 0; i < runs.length; i++) {
      for (let j = i + 1; j < runs.length; j++) {
        const g = goldLabels[i] !== null && goldLabels[i] === goldLabels[j];
        const p = predicted[i] !== null && predicted[i] === predicted[j];
        if (g === p) continue;
        errors.push({
          kind: g ? 'split' : 'merged',
          a: runs[i]?.understood.url ?? '',
          b: runs[j]?.understood.url ?? '',
          goldA: goldLabels[i] ?? null,
          goldB: goldLabels[j] ?? null,
        });
      }
    }
    const irrelevant = goldLabels.map((g, i) => ({ g, i })).filter(({ g }) => g === null);
    return {
      understanding: options.understanding ?? 'pipeline/run.ts understand()',
      relevance: options.relevance ?? 'pipeline',
      documents: runs.length,
      goldCases: new Set(goldLabels.filter((x) => x !== null)).size,
      predictedCases: new Set(predicted.filter((x) => x !== null)).size,
      ...scores,
      irrelevantKeptOut: {
        correct: irrelevant.filter(({ i }) => predicted[i] === null).length,
        total: irrelevant.length,
      },
      docsPerSecond: runs.length / Math.max(elapsed, 1e-9),
      errors,
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runLinkEval(
  options: EvaluateLinkingOptions & { set?: LinkEvalSet; jsonl?: string } = {},
): Promise<LinkEvalResult> {
  const set = options.set ?? 'cases';
  if (set === 'all') {
    const parts = (['cases', 'corpus', 'heldout', 'blind'] as const).map((one) => runLinkEvalSync(one, options));
    return combineResults(parts);
  }
  return runLinkEvalSync(set, options);
}

function runLinkEvalSync(set: Exclude<LinkEvalSet, 'all'>, options: EvaluateLinkingOptions & { jsonl?: string }) {
  const items = loadLinkEvalSet(set, options.jsonl);
  const runs = items.map((item) => {
    const u = understandItem(item);
    return { understood: u.doc, caseId: item.caseId, sourceKind: item.sourceKind, signature: u.signature };
  });
  return evaluateLinking(runs, options);
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
  const set = (value('--set') ?? 'cases') as LinkEvalSet;
  const seed = value('--seed') === undefined ? undefined : Number(value('--seed'));
  const result = await runLinkEval({
    set,
    jsonl: value('--jsonl'),
    order,
    relevance,
    ...(seed === undefined ? {} : { seed }),
  });
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
