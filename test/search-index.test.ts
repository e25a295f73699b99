// The documents index against the real Meilisearch binary: filters, facets, highlights, cross-lingual
// queries, number typos, chunking, cursor paging and atomic reindex.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentQuery, SearchIndex } from '../index/index.ts';
import type { Db } from '../store/db.ts';
import { CORPUS, GAZETTEER, indexFixtures, longDocument } from './search-fixtures.ts';

let db: Db;
let search: SearchIndex;
const LONG = longDocument(120);
const DOCS = [...CORPUS, LONG];

const ids = async (q: Partial<DocumentQuery>) =>
  (await search.searchDocuments({ q: '', limit: 50, ...q })).hits.map((h) => h.id).sort();

beforeAll(async () => {
  ({ db, search } = await indexFixtures('search-index', DOCS, {
    config: { indexPrefix: 'raqib_' },
    gazetteer: GAZETTEER,
    maxIndexingThreads: 1,
    chunkChars: 2000,
  }));
});

afterAll(async () => {
  await search?.close();
  db?.close();
});

describe('documents index: filters, facets and highlights', () => {
  it('filters by each typed filter', async () => {
    expect(await ids({ languages: ['ar'] })).toEqual(['doc_breach_ar', 'doc_tls_ar']);
    expect(await ids({ sources: ['wire-en'] })).toEqual(['doc_breach_en']);
    expect(await ids({ outlets: ['Courrier Atlas'] })).toEqual(['doc_tls_fr']);
    expect(await ids({ kinds: ['regulator'] })).toEqual([
      'doc_long',
      'doc_moratoire_fr',
      'doc_rapport_2024',
      'doc_rapport_2025',
    ]);
    expect(await ids({ orgs: ['org:marjane'] })).toEqual(['doc_breach_ar', 'doc_breach_en', 'doc_rapport_2024']);
    expect(await ids({ orgs: ['org:marjane', 'org:cndp'], languages: ['en'] })).toEqual(['doc_breach_en']);
    expect(await ids({ laws: ['ma-law-09-08/art-43'] })).toEqual(['doc_tls_fr']);
    expect(await ids({ laws: ['ma-law-09-08'] })).toEqual(['doc_moratoire_fr', 'doc_tls_ar', 'doc_tls_fr']);
    expect(await ids({ eventTypes: ['moratorium', 'data_breach'] })).toEqual([
      'doc_breach_ar',
      'doc_breach_en',
      'doc_moratoire_fr',
    ]);
    expect(await ids({ caseIds: ['case_tls'] })).toEqual(['doc_tls_ar', 'doc_tls_fr']);
    expect(await ids({ topics: ['facial_recognition'] })).toEqual(['doc_moratoire_fr']);
    expect(await ids({ from: Date.parse('2024-11-01') / 1000, to: Date.parse('2025-12-31') / 1000 })).toEqual([
      'doc_breach_ar',
      'doc_breach_en',
      'doc_rapport_2024',
    ]);
    expect(await ids({ relevant: false })).toEqual(['doc_sport_fr']);
    expect(await ids({ caseIds: ['case_tls'], includeDuplicates: true })).toEqual([
      'doc_tls_ar',
      'doc_tls_dup',
      'doc_tls_fr',
    ]);
  });

  it('treats filter values as data, not filter syntax', async () => {
    expect(await ids({ outlets: ['x" OR relevant = false OR outlet = "y'] })).toEqual([]);
    expect(await ids({ sources: ['cndp-fr\\'] })).toEqual([]);
  });

  it('counts facets', async () => {
    const res = await search.searchDocuments({ q: '', limit: 0, facets: ['language', 'eventType', 'org', 'topic'] });
    expect(res.facets.language).toEqual({ fr: 5, ar: 2, en: 1 });
    expect(res.facets.eventType?.hearing).toBe(2);
    expect(res.facets.org?.['org:marjane']).toBe(3);
    expect(res.facets.topic?.facial_recognition).toBe(1);
  });

  it('highlights matches in title and snippet', async () => {
    const res = await search.searchDocuments({ q: 'reconnaissance faciale', limit: 5 });
    const hit = res.hits[0];
    expect(hit?.id).toBe('doc_moratoire_fr');
    expect(hit?.titleHighlighted).toContain('<mark>reconnaissance</mark>');
    expect(hit?.snippet).toContain('<mark>faciale</mark>');
    expect(hit?.url).toBe('https://cndp.example.ma/fr/moratoire');
    expect(hit?.publishedAt).toBe('2019-09-05T09:00:00Z');
    expect(hit?.caseId).toBe('case_moratoire');
  });
});

describe('documents index: matching across languages, forms and numbers', () => {
  it('finds Arabic coverage from a French query and the reverse', async () => {
    expect(await ids({ q: 'TLS Contact' })).toEqual(['doc_tls_ar', 'doc_tls_fr']);
    expect(await ids({ q: 'تي إل إس كونطاكط' })).toEqual(['doc_tls_ar', 'doc_tls_fr']);
    expect(await ids({ q: 'Marjane', languages: ['ar'] })).toEqual(['doc_breach_ar']);
    expect(await ids({ q: 'مرجان', languages: ['fr', 'en'] })).toEqual(['doc_breach_en', 'doc_rapport_2024']);
    // Law numbers written either way round meet.
    expect(await ids({ q: '08-09', languages: ['fr'] })).toContain('doc_tls_fr');
  });

  it('bridges languages through synonyms alone, in both directions', async () => {
    // Searching only the Arabic text fields, a French name can only match through the synonyms.
    const onlyAr = await search.rawSearch({
      q: 'TLS Contact',
      attributesToSearchOn: ['title_ar', 'text_ar'],
      limit: 5,
    });
    expect(onlyAr.hits.map((h) => h.documentId)).toEqual(['doc_tls_ar']);
    const onlyFr = await search.rawSearch({ q: 'مرجان', attributesToSearchOn: ['title_fr', 'text_fr'], limit: 5 });
    expect(onlyFr.hits.map((h) => h.documentId)).toEqual(['doc_rapport_2024']);
    const law = await search.rawSearch({ q: 'loi 09-08', attributesToSearchOn: ['text_ar'], limit: 5 });
    expect(law.hits.map((h) => h.documentId)).toEqual(['doc_tls_ar']);
  });

  it('matches Arabic words through proclitics and suffixes', async () => {
    // "والكاميرات" appears nowhere; the stem of "كاميرات" does. (Arabic documents only: the French
    // coverage of the same case answers too, through the thesaurus and the case.)
    expect(await ids({ q: 'والكاميرات', languages: ['ar'] })).toEqual(['doc_tls_ar']);
    expect(await ids({ q: 'والتوضيحات', languages: ['ar'] })).toEqual(['doc_breach_ar']);
    // "شركة" and "الشركات" share a stem, so both Arabic documents answer the plural with a preposition.
    expect(await ids({ q: 'للشركات', languages: ['ar'] })).toEqual(['doc_breach_ar', 'doc_tls_ar']);
  });

  it('never lets a typo change a number', async () => {
    expect(await ids({ q: '2024' })).toEqual(['doc_rapport_2024']);
    expect(await ids({ q: '2025' })).toEqual(['doc_rapport_2025']);
    // Words still tolerate typos.
    expect(await ids({ q: 'moratiore' })).toEqual(['doc_moratoire_fr']);
  });

  it('indexes long documents in chunks and finds words in the last one', async () => {
    const res = await search.searchDocuments({ q: 'zanzibarite', limit: 10 });
    expect(res.hits.map((h) => h.id)).toEqual(['doc_long']);
    expect(res.hits[0]?.snippet).toContain('<mark>zanzibarite</mark>');
    const raw = await search.rawSearch({ q: '', filter: 'documentId = "doc_long"', limit: 1 });
    const fields = Object.keys(raw.hits[0] ?? {}).filter((k) => /^text\d*_fr$/.test(k));
    expect(fields.length).toBeGreaterThan(3);
  });
});

describe('documents index: paging, grouping and keeping up to date', () => {
  it('pages by cursor in date order without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await search.searchDocuments({
        q: '',
        limit: 3,
        sort: 'date:desc',
        cursor,
        relevant: null,
        includeDuplicates: true,
      });
      seen.push(...page.hits.map((h) => h.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(DOCS.length);
    expect(new Set(seen).size).toBe(DOCS.length);
    expect(seen[0]).toBe('doc_rapport_2025');
    expect(seen[seen.length - 1]).toBe('doc_moratoire_fr');
  });

  it('groups by case', async () => {
    const res = await search.searchDocuments({
      q: '',
      limit: 50,
      groupByCase: true,
      caseIds: ['case_tls', 'case_marjane'],
    });
    expect(res.hits.map((h) => h.caseId).sort()).toEqual(['case_marjane', 'case_tls']);
  });

  it('reflects updates and deletions through the outbox', async () => {
    db.prepare(
      "UPDATE analyses SET title = 'Sanction finale contre le derby' WHERE document_id = 'doc_sport_fr'",
    ).run();
    db.prepare("UPDATE analyses SET relevant = 1 WHERE document_id = 'doc_sport_fr'").run();
    await search.drain();
    expect((await search.searchDocuments({ q: 'sanction finale derby', limit: 5 })).hits[0]?.id).toBe('doc_sport_fr');
    db.prepare("DELETE FROM analyses WHERE document_id = 'doc_sport_fr'").run();
    await search.drain();
    expect(await ids({ q: 'derby', relevant: null })).toEqual([]);
  });

  it('reindexes into a fresh index and swaps it in atomically', async () => {
    // Simulate an index that drifted from the store: change rows, then drop the queued changes.
    db.prepare("UPDATE analyses SET title = title || ' refondu' WHERE relevant = 1").run();
    db.prepare('DELETE FROM outbox').run();
    const before = (await search.searchDocuments({ q: '', limit: 0, relevant: null, includeDuplicates: true }))
      .estimatedTotalHits;
    expect(await ids({ q: 'refondu' })).toEqual([]);
    const observed = new Set<number>();
    let running = true;
    const watcher = (async () => {
      while (running) {
        const r = await search.rawSearch({ q: '', limit: 0 });
        observed.add(r.estimatedTotalHits ?? -1);
      }
    })();
    const progress: number[] = [];
    const result = await search.reindex((p) => progress.push(p.done));
    running = false;
    await watcher;
    expect(result.documents).toBe(before);
    expect(result.cases).toBe(3);
    expect([...observed]).toEqual([before]);
    expect((await ids({ q: 'refondu' })).length).toBe(8);
  });
});
