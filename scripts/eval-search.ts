// npm run eval:search [-- --verbose] [-- --dir ../shared/eval-real]
//
// Cross-lingual retrieval on real coverage. The texts of ../shared/eval-real are read at run time
// (their publishers own them; nothing is copied into the project), imported with `ingestLines`
// exactly as `raqib ingest --jsonl` would (pipeline, duplicates, case linking — no gold), indexed by
// the real reindex path into a managed Meilisearch and served by the API on 127.0.0.1. The same
// texts go into a plain Meilisearch index (default settings, title and text) for comparison. Each
// query of queries.json names a matter (gold case) and the language it is written in; we score the
// top of the ranking:
//   cross-lingual recall@20  the matter's documents in the other languages found in the top 20
//   same-language recall@20  the matter's documents in the query's language found in the top 20
//   precision@10             the share of the top 10 that belong to the matter
// averaged over the queries (macro), Raqib's /search beside raw Meilisearch.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { createApi } from '../api/index.ts';
import { ingestLines } from '../app/ingest.ts';
import { createSearchIndex } from '../index/index.ts';
import { getAnalysis } from '../store/analyses.ts';
import { caseIdsForDocument } from '../store/cases.ts';
import { openDb } from '../store/db.ts';
import { ingestLinesOf, loadRealCorpus, REAL_DIR, type RealDoc } from './eval-real.ts';

const silent = { info() {}, warn() {}, debug() {}, error() {} };

const queriesSchema = z.array(z.object({ case: z.string(), lang: z.enum(['fr', 'ar', 'en']), q: z.string().min(1) }));
type EvalQuery = z.infer<typeof queriesSchema>[number];

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export interface Scores {
  crossRecall: number;
  sameRecall: number;
  precision10: number;
}

/** Macro-averaged scores of rankings (eval ids, best first) against the gold matters. */
export function scoreRankings(
  queries: readonly EvalQuery[],
  rankings: readonly (readonly string[])[],
  docs: readonly Pick<RealDoc, 'id' | 'language' | 'gold'>[],
): { mean: Scores; perQuery: Scores[] } {
  const perQuery = queries.map((q, i) => {
    const ranking = rankings[i] ?? [];
    const top20 = new Set(ranking.slice(0, 20));
    const inCase = docs.filter((d) => d.gold.case === q.case);
    const same = inCase.filter((d) => d.language === q.lang);
    const other = inCase.filter((d) => d.language !== q.lang);
    const recall = (set: typeof inCase) =>
      set.length === 0 ? 1 : set.filter((d) => top20.has(d.id)).length / set.length;
    const caseIds = new Set(inCase.map((d) => d.id));
    return {
      crossRecall: recall(other),
      sameRecall: recall(same),
      precision10: ranking.slice(0, 10).filter((id) => caseIds.has(id)).length / 10,
    };
  });
  const avg = (k: keyof Scores) => perQuery.reduce((s, x) => s + x[k], 0) / Math.max(1, perQuery.length);
  return {
    mean: { crossRecall: avg('crossRecall'), sameRecall: avg('sameRecall'), precision10: avg('precision10') },
    perQuery,
  };
}

async function main(): Promise<void> {
  const dir = resolve(argValue('dir') ?? REAL_DIR);
  const verbose = process.argv.includes('--verbose');
  if (!existsSync(join(dir, 'queries.json'))) throw new Error(`eval:search: no queries.json in ${dir}`);
  const docs = loadRealCorpus(dir);
  const queries = queriesSchema.parse(JSON.parse(readFileSync(join(dir, 'queries.json'), 'utf8')));

  const dataDir = mkdtempSync(join(tmpdir(), 'raqib-eval-search-'));
  const db = openDb(dataDir);
  const search = createSearchIndex({ db, dataDir, config: { indexPrefix: 'evalsearch_' }, log: silent });
  let app: Awaited<ReturnType<typeof createApi>> | null = null;
  try {
    let t0 = performance.now();
    const lines = ingestLinesOf(docs);
    const ingested = await ingestLines(db, lines, { now: new Date('2026-11-30T12:00:00Z') });
    const evalIdOf = new Map<string, string>();
    ingested.outputs.forEach((o, i) => {
      if ('id' in o) evalIdOf.set(o.id, (docs[i] as RealDoc).id);
    });
    console.log(`imported and processed ${docs.length} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    await search.start({ loop: false });
    t0 = performance.now();
    await search.reindex();
    console.log(`indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    app = await createApi({ db, search, config: { corsOrigins: [], apiKeyHashes: [], readRequiresKey: false } });
    const api = await app.listen({ port: 0, host: '127.0.0.1' });

    // The raw baseline: the same texts, Meilisearch's defaults, one query as typed.
    const server = search.server;
    if (!server) throw new Error('no Meilisearch');
    const meili = async (path: string, method: string, body?: unknown) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`meilisearch ${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, unknown>;
    };
    const task = await meili(
      '/indexes/evalraw_documents/documents?primaryKey=id',
      'POST',
      docs.map((d) => ({ id: d.id, title: d.title ?? '', text: d.text })),
    );
    for (;;) {
      const t = await meili(`/tasks/${task.taskUid}`, 'GET');
      if (t.status === 'succeeded') break;
      if (t.status === 'failed') throw new Error(`raw index: ${JSON.stringify(t.error)}`);
      await new Promise((r) => setTimeout(r, 50));
    }

    const raqibRankings: string[][] = [];
    const rawRankings: string[][] = [];
    for (const q of queries) {
      const res = await fetch(`${api}/search?${new URLSearchParams({ q: q.q, limit: '20' })}`);
      if (!res.ok) throw new Error(`/search ${res.status}: ${await res.text()}`);
      const body = (await res.json()) as { hits: { id: string; via: string }[] };
      raqibRankings.push(body.hits.map((h) => evalIdOf.get(h.id) ?? h.id));
      const raw = (await meili('/indexes/evalraw_documents/search', 'POST', { q: q.q, limit: 20 })) as {
        hits: { id: string }[];
      };
      rawRankings.push(raw.hits.map((h) => h.id));
    }
    const raqib = scoreRankings(queries, raqibRankings, docs);
    const raw = scoreRankings(queries, rawRankings, docs);

    if (verbose) {
      console.log(
        '\nquery                                                          cross  same   p@10 | raw cross same p@10',
      );
      queries.forEach((q, i) => {
        const a = raqib.perQuery[i] as Scores;
        const b = raw.perQuery[i] as Scores;
        console.log(
          `${q.lang} ${q.case.padEnd(30).slice(0, 30)} ${q.q.slice(0, 28).padEnd(28)} ${a.crossRecall.toFixed(2)}  ${a.sameRecall.toFixed(2)}  ${a.precision10.toFixed(2)} | ${b.crossRecall.toFixed(2)}  ${b.sameRecall.toFixed(2)}  ${b.precision10.toFixed(2)}`,
        );
        // Why a document of the matter is not in the top 20: how the pipeline filed it.
        const top = new Set((raqibRankings[i] ?? []).slice(0, 20));
        for (const d of docs) {
          if (d.gold.case !== q.case || top.has(d.id)) continue;
          const id = [...evalIdOf].find(([, e]) => e === d.id)?.[0];
          const a = id ? getAnalysis(db, id) : null;
          const c = id ? caseIdsForDocument(db, id).caseId : null;
          console.log(
            `    missed ${d.id} (${d.language}) relevant=${a?.relevant} duplicateOf=${a?.duplicateOf ? evalIdOf.get(a.duplicateOf) : null} case=${c}`,
          );
        }
      });
    }
    const f = (x: number) => x.toFixed(3).padStart(8);
    console.log(`\n${queries.length} queries, ${docs.length} documents (${dir})`);
    console.log('                          raqib /search   raw Meilisearch');
    console.log(`cross-lingual recall@20   ${f(raqib.mean.crossRecall)}        ${f(raw.mean.crossRecall)}`);
    console.log(`same-language recall@20   ${f(raqib.mean.sameRecall)}        ${f(raw.mean.sameRecall)}`);
    console.log(`precision@10              ${f(raqib.mean.precision10)}        ${f(raw.mean.precision10)}`);
    const met =
      raqib.mean.crossRecall >= 0.9 && raqib.mean.sameRecall >= 0.9 && raqib.mean.precision10 >= raw.mean.precision10;
    console.log(`\ntargets (cross ≥ 0.90, same ≥ 0.90, p@10 ≥ raw): ${met ? 'met' : 'NOT met'}`);
  } finally {
    await app?.close();
    await search.close();
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
