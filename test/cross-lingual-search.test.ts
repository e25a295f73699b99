// Cross-lingual search end to end: a real Meilisearch, the API on a real port. Fixtures are our own
// writing: one matter told in French, Arabic and English with no word in common, a leak at a
// company named in both scripts, and an unrelated story.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../api/index.ts';
import type { DocumentQuery, SearchIndex } from '../index/index.ts';
import { type MeiliSearchResponse, runDocumentSearch, type SearchBackend } from '../index/query.ts';
import type { GazetteerEntry } from '../index/settings.ts';
import { isAppError } from '../pipeline/errors.ts';
import type { Db } from '../store/db.ts';
import { type FixtureDoc, indexFixtures } from './search-fixtures.ts';

const GAZ: GazetteerEntry[] = [
  { id: 'org:cndp', kind: 'regulator', names: { fr: ['CNDP'], ar: ['اللجنة الوطنية'], en: ['CNDP'] } },
  {
    id: 'org:atlas-mobile',
    kind: 'company',
    names: { fr: ['Atlas Mobile'], ar: ['أطلس موبايل'], en: ['Atlas Mobile'] },
  },
  { id: 'ma-law-09-08', kind: 'law', names: { fr: ['loi 09-08'], ar: ['القانون 08-09'], en: ['law 09-08'] } },
];

const base = { sourceKind: 'press', publishedAt: '2025-03-10T09:00:00Z' } as const;
const DOCS: FixtureDoc[] = [
  {
    ...base,
    id: 'face_fr',
    url: 'https://a.example/fr/face',
    language: 'fr',
    sourceId: 'press-fr',
    outlet: 'Gazette du Souss',
    title: 'Moratoire sur la reconnaissance faciale aux caisses',
    text: 'La commission impose un moratoire sur la reconnaissance faciale installée aux caisses d’une enseigne de supermarchés.',
    orgs: ['org:cndp'],
    caseId: 'case_face',
  },
  {
    ...base,
    id: 'face_ar',
    url: 'https://b.example/ar/face',
    language: 'ar',
    sourceId: 'press-ar',
    outlet: 'صدى الجنوب',
    title: 'تجميد تقنية التعرف على الوجه في المتاجر',
    text: 'قررت اللجنة تجميد استعمال تقنية التعرف على الوجه عند صناديق الأداء في سلسلة متاجر كبرى.',
    orgs: ['org:cndp'],
    caseId: 'case_face',
  },
  {
    ...base,
    id: 'face_en',
    url: 'https://c.example/en/pilot',
    language: 'en',
    sourceId: 'wire-en',
    outlet: 'Maghreb Wire',
    title: 'Checkout pilot on hold',
    text: 'Shoppers were scanned at the till; the pilot stays on hold until the authority rules.',
    caseId: 'case_face',
  },
  {
    ...base,
    id: 'leak_fr',
    url: 'https://a.example/fr/leak',
    language: 'fr',
    sourceId: 'press-fr',
    outlet: 'Gazette du Souss',
    title: 'Atlas Mobile: des numéros d’abonnés en ligne',
    text: 'Une fuite a exposé les numéros de téléphone des abonnés d’Atlas Mobile, en violation de la loi 09-08.',
    orgs: ['org:atlas-mobile'],
    laws: [{ id: 'ma-law-09-08' }],
    caseId: 'case_leak',
  },
  {
    ...base,
    id: 'leak_ar',
    url: 'https://b.example/ar/leak',
    language: 'ar',
    sourceId: 'press-ar',
    outlet: 'صدى الجنوب',
    title: 'تسريب أرقام مشتركي أطلس موبايل',
    text: 'تسربت أرقام هواتف مشتركي شركة أطلس موبايل، في خرق للقانون 08.09.',
    orgs: ['org:atlas-mobile'],
    laws: [{ id: 'ma-law-09-08' }],
    caseId: 'case_leak',
  },
  {
    ...base,
    id: 'derby_fr',
    url: 'https://a.example/fr/derby',
    language: 'fr',
    sourceId: 'press-fr',
    outlet: 'Gazette du Souss',
    title: 'Le derby à guichets fermés',
    text: 'Les supporters ont rempli le stade bien avant le coup d’envoi.',
    caseId: null,
  },
];

let db: Db;
let search: SearchIndex;
let app: FastifyInstance;
let url: string;

const find = (q: Partial<DocumentQuery>) => search.searchDocuments({ q: '', limit: 20, ...q });

beforeAll(async () => {
  ({ db, search } = await indexFixtures('cross-lingual', DOCS, {
    config: { indexPrefix: 'xling_' },
    gazetteer: GAZ,
    maxIndexingThreads: 1,
  }));
  app = await createApi({
    db,
    search,
    gazetteer: GAZ,
    config: { corsOrigins: [], apiKeyHashes: [], readRequiresKey: false },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await search?.close();
  db?.close();
});

describe('cross-lingual search', () => {
  it('finds the Arabic coverage of a French query through the thesaurus, and says why', async () => {
    const r = await find({ q: 'reconnaissance faciale' });
    const by = Object.fromEntries(r.hits.map((h) => [h.id, h]));
    expect(by.face_fr?.via).toBe('query');
    expect(by.face_ar?.via).toBe('translation');
    expect(r.understood.concepts.map((c) => [c.id, c.labels.ar])).toEqual([['facial_recognition', 'التعرف على الوجه']]);
    expect(by.derby_fr).toBeUndefined();
  });

  it('finds the French coverage of an Arabic query, clitics and all', async () => {
    const r = await find({ q: 'والتعرف على الوجه' });
    expect(r.hits.find((h) => h.id === 'face_fr')?.via).toBe('translation');
    expect(r.hits[0]?.id).toBe('face_ar');
  });

  it('brings the rest of the case, marked and ranked below the hits that brought it', async () => {
    const r = await find({ q: 'reconnaissance faciale' });
    const order = r.hits.map((h) => h.id);
    const en = r.hits.find((h) => h.id === 'face_en');
    expect(en).toMatchObject({ via: 'case', throughCaseId: 'case_face' });
    expect(order.indexOf('face_en')).toBeGreaterThan(order.indexOf('face_fr'));
    const none = await find({ q: 'reconnaissance faciale', expandCases: false });
    expect(none.hits.map((h) => h.id)).not.toContain('face_en');
    // Paging is stable: the second page continues the merged ranking.
    const p1 = await find({ q: 'reconnaissance faciale', limit: 2 });
    const p2 = await find({ q: 'reconnaissance faciale', limit: 2, offset: 2 });
    expect([...p1.hits, ...p2.hits].map((h) => h.id)).toEqual(order.slice(0, 4));
  });

  it('asks Meilisearch once per search, and a second time only to bring cases', async () => {
    // The other languages come through what the index stores beside each document (concept labels
    // and entity names in every language), not through extra translated queries: the latency goal.
    const server = search.server;
    if (!server) throw new Error('no Meilisearch');
    const bodies: { q?: string; filter?: unknown }[] = [];
    const backend: SearchBackend = {
      indexUid: 'xling_documents',
      async search(body) {
        bodies.push(body as { q?: string });
        const res = await fetch(`${server.url}/indexes/xling_documents/search`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.apiKey}` },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(200);
        return (await res.json()) as MeiliSearchResponse;
      },
    };
    const run = (q: Partial<DocumentQuery>) =>
      runDocumentSearch({ q: '', limit: 20, ...q }, backend, search.understander);
    const plain = await run({ q: 'reconnaissance faciale', expandCases: false });
    expect(bodies).toHaveLength(1);
    expect(plain.hits.find((h) => h.id === 'face_ar')?.via).toBe('translation');
    bodies.length = 0;
    const expanded = await run({ q: 'reconnaissance faciale' });
    expect(bodies).toHaveLength(2);
    expect(bodies[1]?.q).toBe('');
    expect(expanded.hits.find((h) => h.id === 'face_en')?.via).toBe('case');
    // No hit belongs to a case: nothing to bring, no second request.
    bodies.length = 0;
    const derby = await run({ q: 'derby guichets' });
    expect(derby.hits.map((h) => h.id)).toEqual(['derby_fr']);
    expect(bodies).toHaveLength(1);
  });

  it('filters by organization and law names in either script', async () => {
    const ids = async (q: Partial<DocumentQuery>) => (await find(q)).hits.map((h) => h.id).sort();
    expect(await ids({ orgs: ['Atlas Mobile'] })).toEqual(['leak_ar', 'leak_fr']);
    expect(await ids({ orgs: ['أطلس موبايل'] })).toEqual(['leak_ar', 'leak_fr']);
    expect(await ids({ laws: ['08-09'] })).toEqual(['leak_ar', 'leak_fr']);
    expect(await ids({ laws: ['09.08'], languages: ['ar'] })).toEqual(['leak_ar']);
    // Another spelling of the same name resolves by skeleton; a different name does not.
    expect(await ids({ orgs: ['Atlas Mobil SA'] })).toEqual(['leak_ar', 'leak_fr']);
    const err = await find({ orgs: ['Atlantique Télécom'] }).catch((e: unknown) => e);
    expect(isAppError(err, 'BAD_REQUEST')).toBe(true);
    expect((err as Error).message).toMatch(
      /Unknown organization "Atlantique Télécom"; closest known: Atlas Mobile \(org:atlas-mobile\)/,
    );
  });

  it('serves understood, via and name filters over HTTP; an unknown name is a 400 with suggestions', async () => {
    const ok = await fetch(`${url}/search?${new URLSearchParams({ q: 'تسريب', org: 'Atlas Mobile' })}`);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as {
      hits: { id: string; via: string }[];
      understood: { concepts: { id: string }[] };
    };
    expect(body.understood.concepts.map((c) => c.id)).toEqual(['data_leak']);
    expect(body.hits.map((h) => h.id).sort()).toEqual(['leak_ar', 'leak_fr']);
    const bad = await fetch(`${url}/search?org=${encodeURIComponent('أطلنتيك تيليكوم')}`);
    expect(bad.status).toBe(400);
    const err = (await bad.json()) as { error: { code: string; message: string } };
    expect(err.error.code).toBe('BAD_REQUEST');
    expect(err.error.message).toContain('org:atlas-mobile');
  });

  it('suggests entity names in both scripts from /entities?q=', async () => {
    const res = await fetch(`${url}/entities?q=${encodeURIComponent('أطلس')}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { suggestions: { id: string; names: { fr: string[]; ar: string[] } }[] };
    expect(body.suggestions[0]).toMatchObject({
      id: 'org:atlas-mobile',
      names: { fr: ['Atlas Mobile'], ar: ['أطلس موبايل'] },
    });
    const latin = (await (await fetch(`${url}/entities?q=atlas`)).json()) as { suggestions: { id: string }[] };
    expect(latin.suggestions.map((s) => s.id)).toEqual(['org:atlas-mobile']);
  });
});
