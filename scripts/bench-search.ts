// npm run bench:search [-- --docs 50000 --concurrency 8 --seconds 10]
//
// Loads a synthetic FR/AR archive into a fresh store, builds the index with the real reindex path
// (real Meilisearch binary), then runs the same queries under the same concurrent load against
// Meilisearch directly and against the API (in its own process, as in production), alternating
// rounds to spread the noise of a shared machine, and prints p50/p95/p99, throughput and the ratio.
// Goal: API p95 ≤ 1.2 × Meilisearch p95. The raw side sends the API's own planned body (the query as
// typed); the API sends one query of the same shape (its words reordered, see index/query.ts). The
// synthetic archive has no cases, so case expansion's second request is never made here.
// Timings on this 2-core shared machine swing with other load: compare the two sides of one run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createApi, type SearchQuerystring, toDocumentQuery } from '../api/index.ts';
import { createSearchIndex, type MeiliServer, planDocumentSearch } from '../index/index.ts';
import { GAZETTEER } from '../pipeline/entities/index.ts';
import { EVENT_TYPES } from '../pipeline/types.ts';
import { openDb } from '../store/db.ts';

const silent = { info() {}, warn() {}, debug() {}, error() {} };

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

// ---- Synthetic archive --------------------------------------------------------------------------
// Small random generator so runs are reproducible.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FR_WORDS =
  'commission contrôle données personnelles traitement société audition plainte sanction mise demeure caméras surveillance transfert étranger consentement clients fichier sécurité fuite enquête délibération autorisation biométrie reconnaissance faciale opérateur banque assurance clinique hôpital école application mobile site cookies prospection téléphone publicité registre déclaration responsable sous-traitant conformité amende tribunal procureur rapport annuel moratoire notification violation mesures correctives délai'.split(
    ' ',
  );
const AR_WORDS =
  'اللجنة الوطنية مراقبة حماية المعطيات الشخصية معالجة شركة استماع شكاية عقوبة إنذار كاميرات المراقبة نقل الخارج موافقة الزبناء ملف أمن تسريب تحقيق مداولة ترخيص القياسات الحيوية التعرف على الوجه مشغل بنك تأمين مصحة مستشفى مدرسة تطبيق موقع إشهار سجل تصريح المسؤول مطابقة غرامة محكمة النيابة العامة تقرير سنوي توقيف إخطار خرق تدابير تصحيحية أجل'.split(
    ' ',
  );
const OUTLETS_FR = ['Courrier Atlas', 'Écho du Souss', 'Le Quotidien Numérique', 'Rabat Hebdo', 'CNDP'];
const OUTLETS_AR = ['أخبار اليوم', 'صوت الجهة', 'المنبر الرقمي', 'CNDP'];

function generate(db: ReturnType<typeof openDb>, n: number): void {
  const rand = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const orgs = GAZETTEER.map((g) => g.id);
  const insertDoc = db.prepare(
    `INSERT INTO documents (id, source_id, canonical_url, first_seen_at, last_seen_at, current_version) VALUES (?, ?, ?, ?, ?, 1)`,
  );
  const insertAnalysis = db.prepare(
    `INSERT INTO analyses (document_id, version_no, pipeline_version, title, text, language, paragraph_languages, published_at,
       outlet, source_id, source_kind, relevant, relevance_score, content_hash, duplicate_of, entities, analysed_at)
     VALUES (?, 1, 1, ?, ?, ?, '[]', ?, ?, ?, ?, ?, 0.8, ?, ?, ?, ?)`,
  );
  const start = Date.parse('2015-01-01T00:00:00Z');
  const span = Date.parse('2026-10-01T00:00:00Z') - start;
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const ar = rand() < 0.45;
      const words = ar ? AR_WORDS : FR_WORDS;
      const docOrgs = [...new Set([pick(orgs), pick(orgs), 'org:cndp'])];
      const orgNames = docOrgs.map((id) => {
        const g = GAZETTEER.find((x) => x.id === id);
        return (ar ? g?.names.ar[0] : g?.names.fr[0]) ?? id;
      });
      const len = 60 + Math.floor(rand() * 90);
      const body: string[] = [];
      for (let w = 0; w < len; w++) body.push(w % 23 === 5 ? pick(orgNames) : pick(words));
      const year = 2015 + Math.floor(rand() * 11);
      body.splice(10, 0, String(year));
      const text = `${body.slice(0, len / 2).join(' ')}.\n\n${body.slice(len / 2).join(' ')}.`;
      const title = `${pick(orgNames)} ${pick(words)} ${pick(words)} ${pick(words)}`;
      const id = `doc_bench_${i.toString(36).padStart(6, '0')}`;
      const published = new Date(start + Math.floor(rand() * span)).toISOString();
      const events = [pick(EVENT_TYPES), pick(EVENT_TYPES)];
      const entities = {
        organizations: docOrgs.map((o) => ({ id: o, name: o, known: true, mentions: [] })),
        persons: [],
        laws:
          rand() < 0.6 ? [{ id: 'ma-law-09-08', label: 'loi 09-08', kind: 'law', parentId: null, mentions: [] }] : [],
        deadlines: [],
        amounts: [],
        events: [...new Set(events)].map((type) => ({ type, date: null, mentions: [] })),
      };
      const source = ar ? `press-ar-${i % 4}` : `press-fr-${i % 5}`;
      insertDoc.run(id, source, `https://bench.example/${id}`, published, published);
      insertAnalysis.run(
        id,
        title,
        text,
        ar ? 'ar' : 'fr',
        published,
        ar ? pick(OUTLETS_AR) : pick(OUTLETS_FR),
        source,
        i % 10 === 0 ? 'regulator' : 'press',
        rand() < 0.9 ? 1 : 0,
        `h${i}`,
        rand() < 0.05 && i > 0 ? `doc_bench_${(i - 1).toString(36).padStart(6, '0')}` : null,
        JSON.stringify(entities),
        published,
      );
    }
  })();
}

// ---- Load ---------------------------------------------------------------------------------------
const QUERIES: Record<string, string | string[]>[] = [
  { q: 'TLS Contact' },
  { q: 'تي إل إس كونطاكط' },
  { q: 'sanction caméras', language: ['fr'] },
  { q: 'عقوبة', facets: 'language,eventType,org' },
  { q: 'fuite données clients', sort: 'date:desc' },
  { q: '', eventType: ['sanction'], facets: 'outlet' },
  { q: 'reconnaissance faciale', from: '2019-01-01', to: '2021-12-31' },
  { q: 'المعطيات الشخصية', language: ['ar'], limit: '20' },
  { q: 'banque', org: ['org:cndp'], law: ['ma-law-09-08'] },
  { q: '2024' },
  { q: 'mise en demeure opérateur', kind: ['press'], facets: 'source' },
  { q: 'كاميرات المراقبة', includeDuplicates: 'true' },
  { q: 'loi 09-08 consentement' },
  { q: 'plainte', groupBy: 'case' },
  { q: 'audition', outlet: ['Courrier Atlas', 'Rabat Hebdo'] },
];

function qs(params: Record<string, string | string[]>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) u.append(k, x);
  return u.toString();
}

interface Target {
  name: string;
  request: (i: number) => Promise<void>;
}

async function load(target: Target, concurrency: number, seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const i = n++;
        const t0 = performance.now();
        await target.request(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const docs = arg('docs', 50_000);
  const concurrency = arg('concurrency', 8);
  const seconds = arg('seconds', 8);
  const rounds = arg('rounds', 2);
  const dataDir = mkdtempSync(join(tmpdir(), 'raqib-bench-search-'));
  const db = openDb(dataDir);
  let t0 = performance.now();
  generate(db, docs);
  console.log(`generated ${docs} documents in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const search = createSearchIndex({ db, dataDir, config: { indexPrefix: 'bench_' }, log: silent });
  await search.start({ loop: false });
  t0 = performance.now();
  const built = await search.reindex();
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `reindexed ${built.documents} documents in ${secs.toFixed(1)} s (${Math.round(built.documents / secs)} docs/s)`,
  );
  const server = search.server!;

  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', dataDir, server.url, server.apiKey ?? ''],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const apiUrl = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`API process exited (${code})`)));
  });

  const bodies = QUERIES.map((q) => JSON.stringify(planDocumentSearch(toDocumentQuery(parseQs(q))).body));
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` };
  const meiliTarget: Target = {
    name: 'meilisearch',
    request: async (i) => {
      const res = await fetch(`${server.url}/indexes/bench_documents/search`, {
        method: 'POST',
        headers,
        body: bodies[i % bodies.length],
      });
      if (!res.ok) throw new Error(`meili ${res.status}`);
      await res.arrayBuffer();
    },
  };
  const urls = QUERIES.map((q) => `${apiUrl}/search?${qs(q)}`);
  const apiTarget: Target = {
    name: 'api',
    request: async (i) => {
      const res = await fetch(urls[i % urls.length]!);
      if (!res.ok) throw new Error(`api ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
    },
  };

  // Warm both paths (caches, JIT), then alternate rounds.
  await load(meiliTarget, concurrency, 1);
  await load(apiTarget, concurrency, 1);
  const all: Record<string, number[]> = { meilisearch: [], api: [] };
  let elapsed = { meilisearch: 0, api: 0 };
  for (let r = 0; r < rounds; r++) {
    for (const target of r % 2 === 0 ? [meiliTarget, apiTarget] : [apiTarget, meiliTarget]) {
      const t = performance.now();
      const lat = await load(target, concurrency, seconds);
      elapsed = { ...elapsed, [target.name]: elapsed[target.name as 'api'] + (performance.now() - t) / 1000 };
      all[target.name]!.push(...lat);
    }
  }
  const summary: Record<string, { p50: number; p95: number; p99: number; rps: number; n: number }> = {};
  for (const [name, lat] of Object.entries(all)) {
    lat.sort((a, b) => a - b);
    summary[name] = {
      p50: pct(lat, 50),
      p95: pct(lat, 95),
      p99: pct(lat, 99),
      rps: lat.length / elapsed[name as 'api'],
      n: lat.length,
    };
  }
  console.log(
    `\nconcurrency ${concurrency}, ${rounds} × ${seconds} s per target, ${QUERIES.length} queries round-robin`,
  );
  console.log('target        requests    p50 ms   p95 ms   p99 ms    req/s');
  for (const [name, s] of Object.entries(summary)) {
    console.log(
      `${name.padEnd(12)} ${String(s.n).padStart(9)} ${s.p50.toFixed(2).padStart(9)} ${s.p95.toFixed(2).padStart(8)} ${s.p99.toFixed(2).padStart(8)} ${s.rps.toFixed(0).padStart(8)}`,
    );
  }
  const ratio = (summary.api?.p95 ?? 0) / (summary.meilisearch?.p95 ?? 1);
  console.log(`\nAPI p95 / Meilisearch p95 = ${ratio.toFixed(2)} (goal ≤ 1.20: ${ratio <= 1.2 ? 'met' : 'NOT met'})`);
  console.log(
    `throughput ratio API / Meilisearch = ${((summary.api?.rps ?? 0) / (summary.meilisearch?.rps ?? 1)).toFixed(2)}`,
  );

  child.kill('SIGTERM');
  await search.close();
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
}

function parseQs(q: Record<string, string | string[]>): SearchQuerystring {
  // The API's own parsing path after schema validation (defaults filled in the same way).
  const arr = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
  return {
    q: (q.q as string) ?? '',
    language: arr(q.language) as ('fr' | 'ar' | 'en' | 'und')[] | undefined,
    source: arr(q.source),
    outlet: arr(q.outlet),
    kind: arr(q.kind),
    org: arr(q.org),
    law: arr(q.law),
    article: arr(q.article),
    eventType: arr(q.eventType),
    caseId: arr(q.caseId),
    from: q.from as string | undefined,
    to: q.to as string | undefined,
    relevant: 'true' as const,
    includeDuplicates: q.includeDuplicates === 'true',
    facets: q.facets as string | undefined,
    sort: ((q.sort as string) ?? 'relevance') as 'relevance',
    limit: Number(q.limit ?? 20),
    offset: 0,
    groupBy: q.groupBy as 'case' | undefined,
  };
}

// ---- API child mode: serve an existing data dir against a given Meilisearch --------------------
async function serve(): Promise<void> {
  const [, , , dataDir, url, key] = process.argv as string[];
  const db = openDb(dataDir!);
  const server: MeiliServer = { url: url!, apiKey: key, managed: false, stop: async () => {}, start: async () => {} };
  const search = createSearchIndex({ db, dataDir: dataDir!, config: { indexPrefix: 'bench_' }, log: silent, server });
  await search.start({ loop: false });
  const app = await createApi({ db, search, config: { corsOrigins: [], apiKeyHashes: [], readRequiresKey: false } });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`${address}\n`);
  process.on('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

// Declarations above are initialized by now (top-level await would otherwise hit them early).
if (process.argv[2] === '--serve') await serve();
else await main();
