// `raqib ingest`: imported documents take the crawled pages' path through the record and the
// pipeline; bad lines are reported by number and never cost the good ones.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestLines } from '../app/ingest.ts';
import { type Db, openDb } from '../store/db.ts';
import { listDocumentVersions } from '../store/documents.ts';

const FR = {
  url: 'https://example.ma/actualite/cndp-societe-assurances?utm_source=rss',
  source: 'Exemple Presse',
  title: 'La CNDP met en demeure une société d’assurances',
  publishedAt: '2024-03-14',
  text: [
    'Rabat, le 14 mars 2024 — La Commission nationale de contrôle de la protection des données personnelles (CNDP) a adressé une mise en demeure à la société Assurances Atlas Horizon.',
    'Selon la Commission, l’assureur conservait les dossiers médicaux de ses clients sans déclaration préalable, en violation de la loi n° 09-08. La société dispose d’un délai expirant le 30 juin 2024 pour se mettre en conformité.',
    'La loi prévoit une amende de 20.000 à 200.000 DH pour ce manquement.',
  ].join('\n\n'),
};

const AR = {
  url: 'https://example.ma/ar/akhbar/12345',
  source: 'Exemple Presse',
  publishedAt: '2024-03-15T09:30:00Z',
  html: `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>اللجنة الوطنية توجه إنذارا لشركة تأمين</title></head>
<body><nav><a href="/">الرئيسية</a> <a href="/ar">أخبار</a></nav><article><h1>اللجنة الوطنية توجه إنذارا لشركة تأمين</h1>
<p>وجهت اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي إنذارا إلى شركة أطلس هورايزن للتأمين، بسبب معالجة ملفات طبية للزبناء دون تصريح مسبق طبقا للقانون رقم 08-09.</p>
<p>وأمهلت اللجنة الشركة إلى غاية 30 يونيو 2024 من أجل ملاءمة معالجاتها مع مقتضيات القانون، تحت طائلة إحالة الملف على النيابة العامة.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>`,
};

const dirs: Db[] = [];
function freshDb(): Db {
  const db = openDb(mkdtempSync(join(tmpdir(), 'raqib-ingest-')));
  dirs.push(db);
  return db;
}
afterEach(() => {
  for (const db of dirs.splice(0)) db.close();
});

describe('ingestLines', () => {
  it('imports good lines, reports bad ones by line number, and keeps outputs aligned with the input', async () => {
    const db = freshDb();
    const lines = [
      JSON.stringify(FR),
      '{"url": "https://example.ma/broken", "text": ',
      JSON.stringify({ source: 'x', text: 'no url here' }),
      JSON.stringify(AR),
      JSON.stringify({ url: 'https://example.ma/bad-date', text: 'Un texte.', publishedAt: '14/03/2024' }),
    ];
    const result = await ingestLines(db, lines);
    expect(result.lines).toBe(5);
    expect(result.imported).toBe(2);
    expect(result.errors.map((e) => e.line)).toEqual([2, 3, 5]);
    expect(result.errors[1]?.error.message).toMatch(/url/);
    expect(result.errors[2]?.error.message).toMatch(/publishedAt/);
    expect(result.outputs).toHaveLength(5);

    const fr = result.outputs[0];
    const ar = result.outputs[3];
    if (!fr || !ar || 'error' in fr || 'error' in ar) throw new Error('expected documents on lines 1 and 4');
    // Tracking parameters are not part of the document's identity.
    expect(fr.url).toBe('https://example.ma/actualite/cndp-societe-assurances');
    expect(fr.language).toBe('fr');
    expect(fr.title).toBe(FR.title);
    expect(fr.publishedAt?.slice(0, 10)).toBe('2024-03-14');
    expect(fr.relevant).toBe(true);
    expect(fr.entities.organizations.map((o) => o.id)).toContain('org:cndp');
    expect(fr.entities.laws.map((l) => l.id)).toContain('ma-law-09-08');
    expect(fr.entities.deadlines.map((d) => d.date)).toContain('2024-06-30');
    expect(fr.entities.amounts).toContainEqual({ value: 20000, currency: 'MAD', kind: 'legal_max' });
    expect(fr.entities.events.map((e) => e.type)).toContain('formal_notice');

    expect(ar.language).toBe('ar');
    expect(ar.title).toContain('إنذارا');
    // The Arabic text writes the law number reversed; it is the same law.
    expect(ar.entities.laws.map((l) => l.id)).toContain('ma-law-09-08');
    expect(ar.entities.organizations.map((o) => o.id)).toContain('org:cndp');
    // Same matter in two languages, linked through entities rather than words.
    expect(fr.caseId).not.toBeNull();
    expect(ar.caseId).toBe(fr.caseId);
  });

  it('is idempotent: importing the same lines again adds no version', async () => {
    const db = freshDb();
    const first = await ingestLines(db, [JSON.stringify(FR)]);
    const again = await ingestLines(db, [JSON.stringify(FR)]);
    const id = (first.outputs[0] as { id: string }).id;
    expect((again.outputs[0] as { id: string }).id).toBe(id);
    expect(listDocumentVersions(db, id)).toHaveLength(1);
    const changed = await ingestLines(db, [
      JSON.stringify({ ...FR, text: `${FR.text}\n\nMise à jour : la société a répondu.` }),
    ]);
    expect((changed.outputs[0] as { id: string }).id).toBe(id);
    expect(listDocumentVersions(db, id)).toHaveLength(2);
  });

  // Regression: a second ingest of the same file re-analysed and re-linked everything (5 min
  // against 27 s for 2,000 lines) and changed the case partition.
  it('re-ingesting an unchanged file is a no-op: no analysis, no linking, same cases', async () => {
    const db = freshDb();
    const lines = [JSON.stringify(FR), JSON.stringify(AR)];
    const first = await ingestLines(db, lines);
    expect(first.analysed).toBe(2);
    const snapshot = () => ({
      analyses: db.prepare('SELECT document_id, analysed_at, version_no FROM analyses ORDER BY document_id').all(),
      members: db.prepare('SELECT case_id, document_id, role FROM case_members ORDER BY document_id, case_id').all(),
      cases: db.prepare('SELECT * FROM cases ORDER BY id').all(),
      versions: db.prepare('SELECT count(*) FROM document_versions').pluck().get(),
    });
    const before = snapshot();
    const again = await ingestLines(db, lines, { now: new Date('2030-01-01T00:00:00Z') });
    expect(again.analysed).toBe(0);
    expect(snapshot()).toEqual(before);
    // Outputs are still one per line, read from the record.
    expect(again.outputs.map((o) => (o as { id: string }).id)).toEqual(
      first.outputs.map((o) => (o as { id: string }).id),
    );
    // A corrected date alone is a change: that document (only) is analysed again.
    const corrected = await ingestLines(db, [JSON.stringify({ ...FR, publishedAt: '2024-03-13' }), JSON.stringify(AR)]);
    expect(corrected.analysed).toBe(1);
    expect((corrected.outputs[0] as { publishedAt: string }).publishedAt).toMatch(/^2024-03-13/);
  });
});

describe('raqib ingest (CLI)', () => {
  it('hands each line its output in input order through onOutput, collecting none', async () => {
    const lines = [JSON.stringify(FR), 'not json', JSON.stringify(AR)];
    const collected = await ingestLines(freshDb(), lines);
    const streamed: unknown[] = [];
    const result = await ingestLines(freshDb(), lines, {
      onOutput: async (o) => {
        // An asynchronous writer (a file stream waiting for 'drain') is awaited before the next line.
        await new Promise((r) => setImmediate(r));
        streamed.push(o);
      },
    });
    expect(result.outputs).toEqual([]);
    expect(streamed).toEqual(collected.outputs);
    expect(streamed).toHaveLength(3);
  });

  it('writes one JSON object per input line and exits 2 when lines were skipped', async () => {
    const { execFileSync } = await import('node:child_process');
    const dir = mkdtempSync(join(tmpdir(), 'raqib-ingest-cli-'));
    const input = join(dir, 'in.jsonl');
    const out = join(dir, 'out.jsonl');
    writeFileSync(input, `${JSON.stringify(FR)}\nnot json\n${JSON.stringify(AR)}\n`);
    let status = 0;
    try {
      execFileSync(
        process.execPath,
        [
          'bin/raqib.js',
          '--data-dir',
          join(dir, 'data'),
          '--log-level',
          'silent',
          'ingest',
          '--jsonl',
          input,
          '--out',
          out,
        ],
        {
          cwd: join(import.meta.dirname, '..'),
          stdio: 'pipe',
        },
      );
    } catch (error) {
      status = (error as { status: number }).status;
    }
    expect(status).toBe(2);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({ line: 2, error: { code: 'INPUT_INVALID' } });
    expect(rows[0]).toMatchObject({ language: 'fr', relevant: true });
    expect(Object.keys(rows[2])).toEqual(
      expect.arrayContaining([
        'id',
        'url',
        'language',
        'title',
        'publishedAt',
        'relevant',
        'duplicateOf',
        'entities',
        'caseId',
        'mentionedCaseIds',
      ]),
    );
  });

  it('gives the same cases the same ids whatever order the same data arrives in, and dates an undated copy from its text only', async () => {
    // An undated reprint of the French report, dated only by its own dateline.
    const reprint = {
      url: 'https://agregateur.example/fr/123',
      source: 'Agrégateur',
      text: FR.text.replace('Rabat, le 14 mars 2024 — ', 'Rabat, le 14 mars 2024 (MAP) — '),
    };
    const other = {
      url: 'https://example.ma/actualite/cndp-convention-universite',
      source: 'Exemple Presse',
      title: 'La CNDP signe une convention avec une université',
      text: "La CNDP a signé une convention de partenariat avec l'Université Ibn Zohr d'Agadir pour former des délégués à la protection des données.",
    };
    const runs = [
      [FR, AR, reprint, other],
      [other, reprint, AR, FR],
    ];
    const outcomes = [];
    for (const order of runs) {
      const result = await ingestLines(
        freshDb(),
        order.map((l) => JSON.stringify(l)),
        {
          now: new Date('2026-11-30T12:00:00Z'),
        },
      );
      const byUrl = new Map<string, { caseId: string | null; publishedAt: string | null }>();
      for (const o of result.outputs)
        if ('url' in o) byUrl.set(o.url, { caseId: o.caseId, publishedAt: o.publishedAt });
      outcomes.push(byUrl);
    }
    const [first, second] = outcomes;
    for (const url of [FR.url, AR.url, reprint.url, other.url].map((u) => u.replace(/\?utm_source=rss$/, '')))
      expect(second?.get(url)?.caseId).toBe(first?.get(url)?.caseId);
    expect(first?.get(reprint.url)?.publishedAt?.slice(0, 10)).toBe('2024-03-14');
    expect(first?.get(other.url)?.publishedAt).toBeNull();
    expect(first?.get(reprint.url)?.caseId).toBe(first?.get(AR.url)?.caseId);
  });
});
