// Optional embeddings end to end: a tiny ONNX sentence-embedding model the test writes itself
// (test/tiny-embedding-model.ts; nothing downloads), loaded through RAQIB_EMBEDDING_MODEL's config
// path with @huggingface/transformers and onnxruntime-node, a real Meilisearch with a userProvided
// embedder, hybrid queries. Fixtures are our own writing.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmbedder } from '../index/embedder.ts';
import type { SearchIndex } from '../index/index.ts';
import { documentSettings } from '../index/settings.ts';
import { isAppError } from '../pipeline/errors.ts';
import type { Db } from '../store/db.ts';
import { type FixtureDoc, indexFixtures, tempDir } from './search-fixtures.ts';
import { writeTinyEmbeddingModel } from './tiny-embedding-model.ts';

const base = { sourceKind: 'press', publishedAt: '2025-05-02T08:00:00Z', caseId: null } as const;
const DOCS: FixtureDoc[] = [
  {
    ...base,
    id: 'emb_face_ar',
    url: 'https://b.example/ar/face-gate',
    language: 'ar',
    sourceId: 'press-ar',
    outlet: 'صدى الجنوب',
    title: 'بوابات التعرف على الوجه',
    text: 'ركبت إدارة الملعب بوابات التعرف على الوجه قبل انطلاق الموسم.',
  },
  {
    ...base,
    id: 'emb_leak_fr',
    url: 'https://a.example/fr/leak-2',
    language: 'fr',
    sourceId: 'press-fr',
    outlet: 'Gazette du Souss',
    title: 'Une fuite chez un assureur',
    text: 'Une fuite de fichiers clients a été signalée par un assureur de la place.',
  },
];

let db: Db;
let search: SearchIndex;
let modelDir: string;

beforeAll(async () => {
  modelDir = join(tempDir('tiny-model'), 'tiny');
  writeTinyEmbeddingModel(modelDir);
  ({ db, search } = await indexFixtures('embedding-search', DOCS, {
    config: { indexPrefix: 'emb_', embeddingModel: modelDir },
    maxIndexingThreads: 1,
  }));
}, 60_000);

afterAll(async () => {
  await search?.close();
  db?.close();
});

describe('embeddings (optional)', () => {
  it('loads a local ONNX model and embeds across languages', async () => {
    const e = await loadEmbedder(modelDir);
    expect(e.dimensions).toBe(5);
    const [fr, ar, other] = await e.embed(['visage', 'الوجه', 'fuite']);
    const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
    expect(dot(fr as number[], ar as number[])).toBeCloseTo(1, 5);
    expect(dot(fr as number[], other as number[])).toBeCloseTo(0, 5);
  });

  it('refuses a folder that is not a model, saying what is missing', async () => {
    const err = await loadEmbedder(tempDir('not-a-model')).catch((e: unknown) => e);
    expect(isAppError(err, 'CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(/config\.json is missing/);
  });

  it('mixes vector similarity in: a word no thesaurus knows finds the other language', async () => {
    // "visage" alone names no concept and appears in no document: only the vectors bridge it.
    const r = await search.searchDocuments({ q: 'visage', limit: 10, crossLingual: false, expandCases: false });
    expect(r.understood.concepts).toEqual([]);
    expect(r.hits[0]?.id).toBe('emb_face_ar');
    const leak = await search.searchDocuments({ q: 'تسريب', limit: 10, crossLingual: false, expandCases: false });
    expect(leak.hits[0]?.id).toBe('emb_leak_fr');
    // With translations on, the hybrid query runs inside the federated search.
    const both = await search.searchDocuments({ q: 'fuite', limit: 10 });
    expect(both.hits[0]?.id).toBe('emb_leak_fr');
    expect(both.understood.concepts.map((c) => c.id)).toEqual(['data_leak']);
  });

  it('declares a userProvided embedder only when a model is configured', () => {
    expect(documentSettings({}).embedders).toBeUndefined();
    expect(documentSettings({}, { dimensions: 384 }).embedders).toEqual({
      raqib: { source: 'userProvided', dimensions: 384 },
    });
  });
});
