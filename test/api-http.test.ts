// The HTTP API end to end: real SQLite through the store modules, the real Meilisearch binary, the
// Fastify app through inject() and once over a real port.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, hashKey } from '../api/index.ts';
import type { SearchIndex } from '../index/index.ts';
import type { Db } from '../store/db.ts';
import { recordSourceRun, upsertSource } from '../store/sources.ts';
import { CORPUS, GAZETTEER, openCorpusIndex } from './search-fixtures.ts';

const KEY = 'test-key-for-curation-0123456789';
const NOW = new Date('2026-02-01T00:00:00Z');
let db: Db;
let search: SearchIndex;
let app: FastifyInstance;
const ids = new Map<string, string>();
const id = (fixtureId: string) => ids.get(fixtureId) ?? fixtureId;

beforeAll(async () => {
  ({ db, search } = await openCorpusIndex({ label: 'api', indexPrefix: 'api_', ids }));
  upsertSource(db, 'cndp-fr', {
    id: 'cndp-fr',
    name: 'CNDP (FR)',
    outlet: 'CNDP',
    kind: 'regulator',
    languages: ['fr'],
  });
  recordSourceRun(db, 'cndp-fr', {
    at: '2026-01-31T10:00:00Z',
    ok: false,
    errorCounts: { FETCH_HTTP_5XX: 2 },
    error: 'HTTP 503',
  });
  await search.drain();
  app = await createApi({
    db,
    search,
    config: { corsOrigins: ['https://newsroom.example'], apiKeyHashes: [hashKey(KEY)], readRequiresKey: false },
    now: () => NOW,
    gazetteer: GAZETTEER,
    scheduler: () => ({ status: 'stopped' }),
  });
});

afterAll(async () => {
  await app?.close();
  await search?.close();
  db?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('GET /search', () => {
  it('returns hits with the documented fields, facets and highlights', async () => {
    const res = await get('/search?q=TLS%20Contact&facets=language,eventType&limit=10');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const hitIds = body.hits.map((h: { id: string }) => h.id).sort();
    expect(hitIds).toEqual([id('doc_tls_ar'), id('doc_tls_fr')].sort());
    const fr = body.hits.find((h: { id: string }) => h.id === id('doc_tls_fr'));
    expect(fr).toMatchObject({
      url: 'https://news.example.ma/fr/tls-audition',
      language: 'fr',
      publishedAt: '2023-01-09T20:00:00Z',
    });
    expect(fr.titleHighlighted).toMatch(/<mark>TLS( Contact)?<\/mark>/);
    expect(typeof fr.caseId).toBe('string');
    expect(body.facets.language).toEqual({ fr: 1, ar: 1 });
  });

  it('applies typed filters from query parameters', async () => {
    const res = await get('/search?language=ar&language=en&eventType=data_breach');
    expect(
      res
        .json()
        .hits.map((h: { id: string }) => h.id)
        .sort(),
    ).toEqual([id('doc_breach_ar'), id('doc_breach_en')].sort());
    const art = await get('/search?law=ma-law-09-08&article=43');
    expect(art.json().hits.map((h: { id: string }) => h.id)).toEqual([id('doc_tls_fr')]);
    const dated = await get('/search?from=2024-11-13&to=2024-11-13');
    expect(dated.json().hits.map((h: { id: string }) => h.id)).toEqual([id('doc_breach_ar')]);
    const topic = await get('/search?topic=facial_recognition');
    expect(topic.json().hits.map((h: { id: string }) => h.id)).toEqual([id('doc_moratoire_fr')]);
    const outlet = await get(`/search?outlet=${encodeURIComponent('أخبار اليوم')}&relevant=all`);
    expect(outlet.json().hits).toHaveLength(2);
  });

  it.each([
    ['limit=abc', 'limit'],
    ['limit=1000', 'limit'],
    ['language=xx', 'language'],
    ['topic=astrology', 'topic'],
    ['lang=fr', 'unknown query parameter `lang`'],
    [`q=${'a'.repeat(201)}`, 'q'],
    ['from=2024-13-45', 'from'],
    ['from=2025-01-01&to=2024-01-01', 'after'],
    ['cursor=!!!', 'cursor'],
    ['cursor=eyJ4IjoxfQ', 'cursor'],
    ['sort=random', 'sort'],
    ['offset=990&limit=20', 'cursor'],
    ['facets=language,secret', 'facets'],
    ['org=a%22%20OR%20x', 'org'],
    ['article=43', 'law'],
    ['relevant=maybe', 'relevant'],
  ])('rejects %s with a 400 and a stable code', async (qs, hint) => {
    const res = await get(`/search?${qs}`);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message.toLowerCase()).toContain(hint.toLowerCase());
  });

  it('pages deep with a cursor in date order', async () => {
    const seen: string[] = [];
    let url = '/search?sort=date:desc&limit=2&relevant=all&includeDuplicates=true';
    for (let i = 0; i < 10; i++) {
      const body = (await get(url)).json();
      seen.push(...body.hits.map((h: { id: string }) => h.id));
      if (!body.nextCursor) break;
      url = `/search?sort=date:desc&limit=2&relevant=all&includeDuplicates=true&cursor=${body.nextCursor}`;
    }
    expect(new Set(seen).size).toBe(CORPUS.length);
  });

  it('answers a repeated request with 304 when the ETag matches, and compresses large bodies', async () => {
    const first = await get('/search?q=CNDP&limit=20', { 'accept-encoding': 'gzip' });
    expect(first.headers['content-encoding']).toBe('gzip');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const second = await get('/search?q=CNDP&limit=20', { 'if-none-match': etag });
    expect(second.statusCode).toBe(304);
    expect(second.body).toBe('');
  });

  it('sends CORS headers to configured origins only', async () => {
    const ok = await get('/search?q=x', { origin: 'https://newsroom.example' });
    expect(ok.headers['access-control-allow-origin']).toBe('https://newsroom.example');
    const other = await get('/search?q=x', { origin: 'https://evil.example' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('records', () => {
  it('serves a document with entities, duplicates, versions and its raw snapshot', async () => {
    const res = await get(`/documents/${id('doc_tls_fr')}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.analysis.text).toContain('contrôle surprise');
    expect(body.entities.organizations.map((o: { id: string }) => o.id)).toContain('org:tlscontact');
    expect(body.entities.laws[0].mentions[0]).toHaveProperty('start');
    expect(body.duplicates.memberIds).toContain(id('doc_tls_dup'));
    expect(body.versions).toHaveLength(1);
    const snap = await get(body.snapshot);
    expect(snap.statusCode).toBe(200);
    expect(snap.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(snap.headers['content-security-policy']).toBe('sandbox');
    expect(snap.body).toContain('<article>');
    expect((await get('/documents/doc_nope')).json().error.code).toBe('NOT_FOUND');
    expect((await get('/documents/doc_nope')).statusCode).toBe(404);
  });

  it('lists cases and serves a case record with its timeline', async () => {
    const list = (await get('/cases?limit=50')).json();
    expect(list.total).toBeGreaterThanOrEqual(3);
    const tlsCase = (await get(`/documents/${id('doc_tls_fr')}`)).json().cases.caseId as string;
    const record = (await get(`/cases/${tlsCase}`)).json();
    expect(record.id).toBe(tlsCase);
    expect(Array.isArray(record.timeline)).toBe(true);
    expect(record.documentCount).toBeGreaterThanOrEqual(2);
    expect((await get('/cases/case_nope')).statusCode).toBe(404);
    // The cases index answers in either language: an Arabic name finds the case of French coverage.
    const found = (await get(`/cases?q=${encodeURIComponent('تي إل إس كونطاكط')}`)).json();
    expect(found.cases.map((c: { id: string }) => c.id)).toContain(tlsCase);
  });

  it('serves entities with variants, documents and cases', async () => {
    const list = (await get('/entities?type=organization')).json();
    expect(list.entities[0]).toMatchObject({ id: 'org:cndp', type: 'organization' });
    const tls = (await get('/entities/org:tlscontact')).json();
    expect(tls.names.ar).toContain('تي إل إس كونطاكط');
    expect(tls.documentCount).toBe(3);
    expect(tls.caseIds.length).toBeGreaterThanOrEqual(1);
    const article = await get('/entities/ma-law-09-08%2Fart-43');
    expect(article.statusCode).toBe(200);
    expect(article.json().documents.map((d: { id: string }) => d.id)).toEqual([id('doc_tls_fr')]);
    expect((await get('/entities?type=planet')).statusCode).toBe(400);
  });

  it('reports crawl health per source and overall health', async () => {
    const sources = (await get('/sources')).json().sources;
    expect(sources[0]).toMatchObject({
      sourceId: 'cndp-fr',
      name: 'CNDP (FR)',
      outlet: 'CNDP',
      languages: ['fr'],
      consecutiveFailures: 1,
      errorCounts: { FETCH_HTTP_5XX: 2 },
    });
    const health = await get('/health');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      status: 'ok',
      store: { status: 'ok' },
      index: { status: 'ok', queued: 0 },
      scheduler: { status: 'stopped' },
    });
    expect(JSON.stringify(health.json())).not.toContain('http://127.0.0.1');
  });
});

describe('curation writes', () => {
  it('requires a valid API key', async () => {
    const tlsCase = (await get(`/documents/${id('doc_tls_fr')}`)).json().cases.caseId as string;
    const none = await app.inject({ method: 'PATCH', url: `/cases/${tlsCase}`, payload: { titleFr: 'x' } });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('UNAUTHORIZED');
    const wrong = await app.inject({
      method: 'PATCH',
      url: `/cases/${tlsCase}`,
      payload: { titleFr: 'x' },
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.statusCode).toBe(401);
    const bad = await app.inject({
      method: 'PATCH',
      url: `/cases/${tlsCase}`,
      payload: { colour: 'x' },
      headers: { 'x-api-key': KEY },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('renames, merges and splits, and the index follows', async () => {
    const tlsCase = (await get(`/documents/${id('doc_tls_fr')}`)).json().cases.caseId as string;
    const breachCase = (await get(`/documents/${id('doc_breach_en')}`)).json().cases.caseId as string;
    expect(tlsCase).not.toBe(breachCase);
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/cases/${tlsCase}`,
      payload: { titleFr: 'Audition de TLS Contact' },
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().title.fr).toBe('Audition de TLS Contact');

    const merged = await app.inject({
      method: 'POST',
      url: `/cases/${tlsCase}/merge`,
      payload: { absorbedId: breachCase },
      headers: { 'x-api-key': KEY },
    });
    expect(merged.json()).toEqual({ caseId: tlsCase });
    await search.drain();
    const inCase = (await get(`/search?caseId=${tlsCase}`)).json().hits.map((h: { id: string }) => h.id);
    expect(inCase).toContain(id('doc_breach_en'));
    // The absorbed id still answers.
    expect((await get(`/cases/${breachCase}`)).json().id).toBe(tlsCase);

    const split = await app.inject({
      method: 'POST',
      url: `/documents/${id('doc_breach_en')}/split`,
      headers: { 'x-api-key': KEY },
    });
    const newCase = split.json().caseId as string;
    expect(newCase).not.toBe(tlsCase);
    await search.drain();
    const hit = (await get(`/search?caseId=${newCase}`)).json().hits;
    expect(hit.map((h: { id: string }) => h.id)).toEqual([id('doc_breach_en')]);
  });
});

describe('OpenAPI and access control', () => {
  it('lists every endpoint in /openapi.json and serves the docs page from node_modules', async () => {
    const spec = (await get('/openapi.json')).json();
    const paths = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    for (const route of [
      'GET /search',
      'GET /documents/{id}',
      'GET /documents/{id}/snapshot',
      'POST /documents/{id}/split',
      'GET /cases',
      'GET /cases/{id}',
      'PATCH /cases/{id}',
      'POST /cases/{id}/merge',
      'GET /entities',
      'GET /entities/{id}',
      'GET /sources',
      'GET /health',
    ]) {
      expect(paths).toContain(route);
    }
    const params = spec.paths['/search'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(
      expect.arrayContaining([
        'q',
        'language',
        'org',
        'law',
        'article',
        'eventType',
        'topic',
        'caseId',
        'from',
        'to',
        'cursor',
      ]),
    );
    const docs = await get('/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });

  it('can require a key for reads, except health and docs', async () => {
    const locked = await createApi({
      db,
      search,
      config: { corsOrigins: [], apiKeyHashes: [hashKey(KEY)], readRequiresKey: true },
      gazetteer: GAZETTEER,
    });
    try {
      expect((await locked.inject({ method: 'GET', url: '/search?q=cndp' })).statusCode).toBe(401);
      expect(
        (await locked.inject({ method: 'GET', url: '/search?q=cndp', headers: { 'x-api-key': KEY } })).statusCode,
      ).toBe(200);
      expect((await locked.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      expect((await locked.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
    } finally {
      await locked.close();
    }
  });

  it('serves over a real port', async () => {
    const server = await createApi({
      db,
      search,
      config: { corsOrigins: [], apiKeyHashes: [], readRequiresKey: false },
      gazetteer: GAZETTEER,
    });
    try {
      const address = await server.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${address}/search?q=${encodeURIComponent('مرجان')}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { hits: { id: string }[] };
      expect(body.hits.map((h) => h.id)).toContain(id('doc_breach_ar'));
      const missing = await fetch(`${address}/nope`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    } finally {
      await server.close();
    }
  });
});
