// npm run bench:export [-- --docs 100000[,25000] --formats csv,jsonl,parquet]
// (`-- --seed-only --data DIR --docs N` only writes the synthetic store, for profiling.)
//
// Writes a synthetic archive (French and Arabic documents with snapshots, analyses, entities with
// sentences, cases of ten documents) straight into a fresh SQLite store, then exports every table
// in each format, each in a child process of its own so that its peak RSS is its own, and prints
// rows/s and peak memory. Goal: peak RSS under 300 MB whatever the size (memory holds one batch).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExportFormat, exportDataset, FORMATS, TABLE_NAMES } from '../datasets/index.ts';
import { EVENT_TYPES } from '../pipeline/types.ts';
import { openDb } from '../store/db.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const FR =
  'la commission a contrôlé le traitement des données personnelles de la société après une plainte des clients concernant les caméras et le transfert des fichiers vers un prestataire étranger sans autorisation préalable'.split(
    ' ',
  );
const AR =
  'قامت اللجنة الوطنية بمراقبة معالجة المعطيات الشخصية لدى الشركة بعد شكاية من الزبناء بخصوص الكاميرات ونقل الملفات إلى مزود أجنبي دون إذن مسبق'.split(
    ' ',
  );
const ORGS = Array.from({ length: 400 }, (_, i) => ({ id: `org:x-bench-${i}`, name: `Société Bench ${i}` }));
const LAWS = [
  { id: 'ma-law-09-08', label: 'Loi n° 09-08', kind: 'law', parentId: null },
  { id: 'ma-law-09-08/art-12', label: 'Article 12 — Loi n° 09-08', kind: 'article', parentId: 'ma-law-09-08' },
  { id: 'ma-law-09-08/art-43', label: 'Article 43 — Loi n° 09-08', kind: 'article', parentId: 'ma-law-09-08' },
];

function seed(dataDir: string, docs: number): void {
  const db = openDb(dataDir);
  const random = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const insertPage = db.prepare(
    `INSERT INTO pages (source_id, url, final_url, status, headers, body, content_type, charset, text, content_hash, fetched_at)
     VALUES (?, ?, ?, 200, '{}', ?, 'text/html', 'utf-8', '', ?, ?)`,
  );
  const insertDoc = db.prepare(
    `INSERT INTO documents (id, source_id, canonical_url, first_seen_at, last_seen_at, current_version) VALUES (?, ?, ?, ?, ?, 1)`,
  );
  const insertVersion = db.prepare(
    'INSERT INTO document_versions (document_id, version_no, page_id, content_hash, created_at) VALUES (?, 1, ?, ?, ?)',
  );
  const insertAnalysis = db.prepare(
    `INSERT INTO analyses (document_id, version_no, pipeline_version, title, text, language, published_at, outlet, source_id,
       source_kind, relevant, relevance_score, content_hash, entities, analysed_at)
     VALUES (?, 1, 2, ?, ?, ?, ?, ?, ?, 'press', ?, ?, ?, ?, ?)`,
  );
  const insertEntity = db.prepare(
    'INSERT OR IGNORE INTO document_entities (document_id, entity_type, entity_id, label, mention_count) VALUES (?, ?, ?, ?, ?)',
  );
  const insertCase = db.prepare(
    `INSERT INTO cases (id, generated_title_fr, generated_title_ar, type, summary, doc_count, first_seen, last_seen, created_seq, created_at, updated_at)
     VALUES (?, ?, ?, 'sanction', '{}', 10, ?, ?, ?, ?, ?)`,
  );
  const insertMember = db.prepare(
    "INSERT INTO case_members (document_id, case_id, role, score, pinned) VALUES (?, ?, 'primary', 1, 0)",
  );
  const insertCard = db.prepare(
    "INSERT INTO case_documents (document_id, seq, date, features, card, linked_at) VALUES (?, ?, ?, '{}', ?, ?)",
  );
  const now = '2026-01-01T00:00:00.000Z';
  db.transaction(() => {
    for (let i = 0; i < docs; i++) {
      const id = `doc_bench_${String(i).padStart(8, '0')}`;
      const ar = i % 3 === 0;
      const words = ar ? AR : FR;
      const sentences = Array.from({ length: 6 }, () => Array.from({ length: 18 }, () => pick(words)).join(' ')).map(
        (s) => `${s}.`,
      );
      const org = pick(ORGS);
      const law = pick(LAWS);
      const first = `${org.name} ${sentences[0]}`;
      const text = [first, ...sentences.slice(1)].join(' ');
      const day = `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      const span = (t: string, sentence: string, at: number) => ({
        start: at,
        end: at + t.length,
        text: t,
        sentence,
        confidence: 0.9,
      });
      const entities = {
        organizations: [{ id: org.id, name: org.name, known: false, mentions: [span(org.name, first, 0)] }],
        persons: [],
        laws: [{ ...law, mentions: [span(law.label, sentences[2] as string, 400)] }],
        deadlines:
          i % 4 === 0
            ? [{ date: '2025-06-30', label: 'deadline', mentions: [span('30 juin 2025', sentences[3] as string, 500)] }]
            : [],
        amounts: [],
        events: [{ type: pick(EVENT_TYPES), date: day, mentions: [span('sanction', first, 30)] }],
      };
      const url = `https://bench.example.ma/${ar ? 'ar' : 'fr'}/${i}`;
      const hash = `${i.toString(16).padStart(64, '0')}`;
      const page = Number(
        insertPage.run('bench', url, url, Buffer.from(text.slice(0, 200)), hash, now).lastInsertRowid,
      );
      insertDoc.run(id, 'bench', url, now, now);
      insertVersion.run(id, page, hash, now);
      insertAnalysis.run(
        id,
        `Titre ${i} : ${org.name}`,
        text,
        ar ? 'ar' : 'fr',
        day,
        ar ? 'أخبار مثال' : 'Presse Exemple',
        'bench',
        i % 10 === 9 ? 0 : 1,
        0.8,
        hash,
        JSON.stringify(entities),
        now,
      );
      insertEntity.run(id, 'organization', org.id, org.name, 1);
      insertEntity.run(id, 'law', law.id, law.label, 1);
      insertEntity.run(id, 'event', entities.events[0]?.type, entities.events[0]?.type, 1);
      const caseNo = Math.floor(i / 10);
      const caseId = `case_bench_${String(caseNo).padStart(7, '0')}`;
      if (i % 10 === 0)
        insertCase.run(caseId, `Sanction ${org.name}`, `عقوبة ${org.name}`, day, day, caseNo + 1, now, now);
      insertMember.run(id, caseId);
      const card = {
        id,
        url,
        title: `Titre ${i}`,
        language: ar ? 'ar' : 'fr',
        outlet: ar ? 'أخبار مثال' : 'Presse Exemple',
        sourceId: 'bench',
        fromRegulator: false,
        publishedAt: day,
        organizations: [{ id: org.id, name: org.name, subject: true, regulator: false }],
        laws: [{ id: law.id, label: law.label, kind: law.kind, parentId: law.parentId }],
        events: entities.events.map((e) => ({ type: e.type, date: e.date })),
        deadlines: entities.deadlines.map((d) => ({ date: d.date, label: d.label })),
        topics: [],
      };
      insertCard.run(id, i + 1, day, JSON.stringify(card), now);
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Child: one export, then a JSON line with its numbers. */
async function child(dataDir: string, format: ExportFormat, out: string): Promise<void> {
  const baseline = process.memoryUsage().rss;
  const started = performance.now();
  const result = await exportDataset({
    dbFile: join(dataDir, 'raqib.sqlite'),
    out,
    tables: TABLE_NAMES,
    format,
    filter: { relevant: null, includeDuplicates: true },
    raqibVersion: 'bench',
  });
  const seconds = (performance.now() - started) / 1000;
  const rows = result.resources.reduce((n, r) => n + r.rows, 0);
  process.stdout.write(
    `${JSON.stringify({
      format,
      seconds,
      rows,
      documents: result.resources.find((r) => r.name === 'documents')?.rows ?? 0,
      bytes: result.bytes,
      baselineRssMb: baseline / 2 ** 20,
      // ru_maxrss is the process's peak resident set (KiB on Linux).
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}

function runChild(dataDir: string, format: ExportFormat, out: string): Promise<Record<string, number | string>> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', format, '--data', dataDir, '--out', out],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    proc.stdout.on('data', (d) => {
      stdout += d;
    });
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`export child (${format}) exited with ${code}`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}'));
    });
  });
}

async function main(): Promise<void> {
  const childFormat = arg('child');
  if (childFormat) {
    await child(arg('data') as string, childFormat as ExportFormat, arg('out') as string);
    return;
  }
  const sizes = (arg('docs') ?? '100000').split(',').map(Number);
  const formats = (arg('formats') ?? FORMATS.join(',')).split(',') as ExportFormat[];
  for (const docs of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'raqib-bench-export-'));
    try {
      const t = performance.now();
      seed(dir, docs);
      process.stdout.write(
        `${docs} synthetic documents (${docs / 10} cases) seeded in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
      );
      for (const format of formats) {
        const r = await runChild(dir, format, join(dir, `out-${format}`));
        const seconds = Number(r.seconds);
        process.stdout.write(
          `${format.padEnd(8)} ${String(r.rows).padStart(9)} rows (all tables) in ${seconds.toFixed(1).padStart(6)} s = ${Math.round(
            Number(r.rows) / seconds,
          )
            .toString()
            .padStart(
              7,
            )} rows/s, ${Math.round(Number(r.documents) / seconds)} documents/s; ${(Number(r.bytes) / 2 ** 20).toFixed(1)} MB written; peak RSS ${Number(r.peakRssMb).toFixed(0)} MB (baseline ${Number(r.baselineRssMb).toFixed(0)} MB)\n`,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (process.argv.includes('--seed-only')) {
  seed(arg('data') as string, Number(arg('docs')));
} else await main();
