// `npm run eval -- --corpus real`: the product's own path on real published coverage. The texts of
// ../shared/eval-real are read at run time (their publishers own them: they are never copied into
// the project), imported with `ingestLines` exactly as `raqib ingest --jsonl` would, processed and
// linked into a fresh SQLite record, then scored against the gold labels: publication dates,
// organizations, laws, deadlines, event types, and the case partition (pairwise, French–Arabic,
// B-cubed, distractors kept out, relevant documents left without a case).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ingestLines } from '../app/ingest.ts';
import { extractEntities, identityKeyOf } from '../pipeline/entities/index.ts';
import type { Lang } from '../pipeline/types.ts';
import { getAnalysis } from '../store/analyses.ts';
import { caseIdsForDocument, explainPair, getCase } from '../store/cases.ts';
import { openDb } from '../store/db.ts';
import { type PairScores, scoreClustering } from './eval-link.ts';

export const REAL_DIR = resolve(import.meta.dirname, '..', '..', 'shared', 'eval-real');

const realDocSchema = z.object({
  id: z.string(),
  url: z.string(),
  outlet: z.string(),
  language: z.enum(['fr', 'ar', 'en']),
  published: z.string().nullable(),
  title: z.string().nullable(),
  text: z.string(),
  gold: z.object({
    case: z.string().nullable(),
    organizations: z.array(z.string()),
    laws: z.array(z.string()),
    deadlines: z.array(z.object({ date: z.string(), label: z.string() })),
    events: z.array(z.object({ type: z.string(), date: z.string().nullable(), label: z.string() })),
  }),
});
export type RealDoc = z.infer<typeof realDocSchema>;

export function loadRealCorpus(dir = REAL_DIR): RealDoc[] {
  if (!existsSync(dir)) throw new Error(`eval-real: no corpus at ${dir} (it lives in ../shared/eval-real)`);
  return readdirSync(dir)
    .filter((f) => /^r\d+\.json$/.test(f))
    .sort()
    .map((f) => {
      const parsed = realDocSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`${f}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      return parsed.data;
    });
}

// Gold organizations are canonical display names; the system's are ids. The name is resolved the
// way the system resolves any mention — the recognizer run on the name itself — and a name the
// recognizer does not know becomes the identity key of an unknown organization. The country in
// parentheses ("APDP (Mali)") is the annotators' disambiguation, given to the recognizer as context.
function goldOrgIds(name: string): string[] {
  const bare = name.replace(/\s*\(([^)]*)\)\s*$/, '');
  const country = /\(([^)]*)\)\s*$/.exec(name)?.[1];
  const context = country ? `${bare} (${country})` : bare;
  const found = extractEntities({ text: context, title: null, language: 'fr', publishedAt: null }).organizations;
  if (found.length > 0) return [found[0]?.id ?? ''];
  return [`org:x-${identityKeyOf(bare) ?? bare.toLowerCase()}`];
}

function goldLawId(label: string): string {
  const law = /^loi (\d{2})-(\d{2})$/.exec(label);
  if (law) return `ma-law-${law[1]}-${law[2]}`;
  const deliberation = /^délibération (\d+)-(\d{4})$/.exec(label);
  if (deliberation) return `cndp-deliberation-D-${deliberation[1]}-${deliberation[2]}`;
  return label;
}

/**
 * The annotators' event vocabulary is finer than the system's; each gold type maps to the system
 * type that stands for it (the README suggests this coarsening), or to none when the system has no
 * such step.
 */
const GOLD_EVENT_TYPE: Record<string, string | null> = {
  communique: 'communique',
  publication: 'communique',
  formal_demand: 'formal_notice',
  inspection: 'inspection',
  investigation: 'inspection',
  prosecutor_investigation: 'referral_prosecutor',
  referral_to_cndp: 'complaint',
  leak_reported: 'data_breach',
  parliamentary_question: null,
  controller_statement: null,
  deliberation: 'deliberation',
  hearings_announced: 'hearing',
  meeting: 'meeting',
  meeting_scheduled: 'meeting',
  partnership_agreement: 'agreement',
  mechanism_established: 'agreement',
  launch: 'launch',
};

interface Count {
  tp: number;
  fp: number;
  fn: number;
}
export interface RealScore extends Count {
  precision: number;
  recall: number;
  f1: number;
}
const toScore = (c: Count): RealScore => {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  return {
    ...c,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
};

export interface RealEvalResult {
  documents: number;
  dates: { goldDated: number; right: number; inferredOnUndated: number; importTime: number };
  entities: Record<string, RealScore>;
  cases: {
    goldCases: number;
    predictedCases: number;
    pairwise: PairScores;
    frArPairs: PairScores;
    bcubed: { precision: number; recall: number; f1: number };
    distractorsInCases: number;
    distractors: number;
    relevantWithoutCase: number;
    relevant: number;
  };
  misses: string[];
  pairErrors: string[];
}

// A fixed import time: a publication date equal to it can only be the import time leaking in.
const IMPORT_TIME = new Date('2026-11-30T12:00:00Z');

/** Exactly what a user hands `raqib ingest --jsonl`: each page's own facts, no gold. */
export function ingestLinesOf(docs: RealDoc[]): string[] {
  return docs.map((d) =>
    JSON.stringify({
      url: d.url,
      source: d.outlet,
      title: d.title,
      text: d.text,
      publishedAt: d.published,
      language: d.language,
    }),
  );
}

export async function runRealEval(dir = REAL_DIR): Promise<RealEvalResult> {
  const docs = loadRealCorpus(dir);
  const dataDir = mkdtempSync(join(tmpdir(), 'raqib-eval-real-'));
  const db = openDb(dataDir);
  try {
    const lines = ingestLinesOf(docs);
    const ingested = await ingestLines(db, lines, { now: IMPORT_TIME });
    const ids = ingested.outputs.map((o) => ('id' in o ? o.id : null));
    const misses: string[] = [];
    const counts: Record<string, Count> = {};
    const dates = { goldDated: 0, right: 0, inferredOnUndated: 0, importTime: 0 };
    const predicted: (string | null)[] = [];
    const languages: Lang[] = [];
    docs.forEach((doc, i) => {
      const id = ids[i];
      const analysis = id ? getAnalysis(db, id) : null;
      const caseId = id ? caseIdsForDocument(db, id).caseId : null;
      predicted.push(caseId);
      languages.push(doc.language);
      if (!analysis) {
        misses.push(`${doc.id}: not analysed`);
        return;
      }
      const got = analysis.publishedAt?.slice(0, 10) ?? null;
      if (got === IMPORT_TIME.toISOString().slice(0, 10)) dates.importTime++;
      if (doc.published) {
        dates.goldDated++;
        if (got === doc.published) dates.right++;
        else misses.push(`${doc.id} date: gold ${doc.published}, got ${got}`);
      } else if (got) {
        dates.inferredOnUndated++;
      }
      const compare = (type: string, gold: string[], pred: string[]) => {
        const g = new Set(gold);
        const p = new Set(pred);
        const c = counts[type] ?? { tp: 0, fp: 0, fn: 0 };
        const missed = [...g].filter((x) => !p.has(x));
        const extra = [...p].filter((x) => !g.has(x));
        c.tp += g.size - missed.length;
        c.fn += missed.length;
        c.fp += extra.length;
        counts[type] = c;
        if (missed.length || extra.length)
          misses.push(`${doc.id} ${type}: missed [${missed.join(', ')}] extra [${extra.join(', ')}]`);
      };
      const entities = analysis.entities;
      // Distractors are annotated for organizations and laws only (see the corpus README).
      compare(
        'organizations',
        doc.gold.organizations.flatMap(goldOrgIds),
        entities.organizations.map((o) => o.id),
      );
      compare(
        'laws',
        doc.gold.laws.map(goldLawId),
        // Foreign laws are left out of the gold on purpose; the system tells them by their id.
        entities.laws.filter((l) => l.id.startsWith('ma-') || l.id.startsWith('cndp-')).map((l) => l.id),
      );
      if (doc.gold.case !== null) {
        compare(
          'deadlines',
          doc.gold.deadlines.map((d) => d.date),
          entities.deadlines.map((d) => d.date),
        );
        compare(
          'events(type)',
          doc.gold.events.flatMap((e) => GOLD_EVENT_TYPE[e.type] ?? []),
          entities.events.map((e) => e.type),
        );
      }
    });
    const gold = docs.map((d) => d.gold.case);
    const clustering = scoreClustering(gold, predicted, languages);
    const pairErrors: string[] = [];
    for (let i = 0; i < docs.length; i++) {
      for (let j = i + 1; j < docs.length; j++) {
        const a = docs[i] as RealDoc;
        const b = docs[j] as RealDoc;
        const g = a.gold.case !== null && a.gold.case === b.gold.case;
        const p = predicted[i] !== null && predicted[i] === predicted[j];
        if (g === p) continue;
        const why = ids[i] && ids[j] ? explainPair(db, ids[i] as string, ids[j] as string) : 'not analysed';
        pairErrors.push(
          `${g ? 'split ' : 'joined'} ${a.id}~${b.id} (${a.gold.case ?? '∅'} | ${b.gold.case ?? '∅'}): ${why}`,
        );
      }
    }
    for (const [i, doc] of docs.entries()) {
      const caseId = predicted[i];
      if (doc.gold.case === null && caseId) {
        misses.push(`${doc.id} distractor in case ${caseId}: ${getCase(db, caseId)?.titleFr ?? ''}`);
      }
      if (doc.gold.case !== null && !caseId) misses.push(`${doc.id} (${doc.gold.case}) in no case`);
    }
    return {
      documents: docs.length,
      dates,
      entities: Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, toScore(c)])),
      cases: {
        goldCases: new Set(gold.filter((g) => g !== null)).size,
        predictedCases: new Set(predicted.filter((p) => p !== null)).size,
        ...clustering,
        distractorsInCases: docs.filter((d, i) => d.gold.case === null && predicted[i]).length,
        distractors: docs.filter((d) => d.gold.case === null).length,
        relevantWithoutCase: docs.filter((d, i) => d.gold.case !== null && !predicted[i]).length,
        relevant: docs.filter((d) => d.gold.case !== null).length,
      },
      misses,
      pairErrors,
    };
  } finally {
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

export function formatRealEval(r: RealEvalResult, verbose: boolean): string {
  const out = [`corpus: real (${r.documents} documents from ../shared/eval-real, through ingest)`];
  out.push(
    `publication dates: ${r.dates.right}/${r.dates.goldDated} dated right; ${r.dates.inferredOnUndated} undated pages dated from their text; ${r.dates.importTime} dated at import time (must be 0)`,
  );
  out.push(`\n${'type'.padEnd(20)}${'P'.padStart(8)}${'R'.padStart(8)}${'F1'.padStart(8)}   tp/fp/fn`);
  for (const [name, s] of Object.entries(r.entities)) {
    out.push(`${name.padEnd(20)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.f1)}   ${s.tp}/${s.fp}/${s.fn}`);
  }
  const c = r.cases;
  const line = (label: string, s: PairScores) =>
    `${label.padEnd(18)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (${s.truePairs} right of ${s.predictedPairs} predicted, ${s.goldPairs} gold pairs)`;
  out.push(`\ncases — ${c.goldCases} gold, ${c.predictedCases} predicted`);
  out.push(line('pairwise', c.pairwise));
  out.push(line('pairwise FR–AR', c.frArPairs));
  out.push(`${'B-cubed'.padEnd(18)} P ${pct(c.bcubed.precision)}  R ${pct(c.bcubed.recall)}  F1 ${pct(c.bcubed.f1)}`);
  out.push(`distractors joined to a case: ${c.distractorsInCases}/${c.distractors}`);
  out.push(`relevant documents in no case: ${c.relevantWithoutCase}/${c.relevant}`);
  out.push(
    'goals: pairwise F1 ≥ 90%, FR–AR recall ≥ 85%, 0 distractors, 0 without case, organizations R ≥ 90%, laws F1 ≥ 95%',
  );
  if (verbose) {
    out.push('\nmisses:');
    for (const m of r.misses) out.push(`  ${m}`);
    out.push('\nsplits and false joins (with the linker’s reading of the later document against the other’s case):');
    for (const e of r.pairErrors) out.push(`  ${e}`);
  }
  return out.join('\n');
}
