// The product end to end, as `raqib demo` runs it: the replica web crawled over real HTTP, the
// pipeline, cases, a real Meilisearch and the API on a real port.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, createLogger, openContext } from '../app/context.ts';
import { crawlAndProcess } from '../app/crawl.ts';
import { type Running, startServices } from '../app/serve.ts';
import { loadConfig } from '../config.ts';
import { SOURCES } from '../crawlers/sources/index.ts';
import { getAnalysis } from '../store/analyses.ts';
import { caseIdsForDocument, getCaseRecord } from '../store/cases.ts';
import { GOLD, goldByUrl, type Replica, startReplica } from './replica/index.ts';

let replica: Replica;
let ctx: AppContext;
let services: Running;
const stored: Array<{ id: string; realUrl: string; sourceId: string }> = [];

beforeAll(async () => {
  replica = await startReplica({ slowPageMs: 300 });
  const config = loadConfig(
    {},
    { dataDir: mkdtempSync(join(tmpdir(), 'raqib-demo-')), 'crawl.politeness': 'off', 'api.port': '0' },
  );
  ctx = openContext(config, createLogger('warn'));
  await crawlAndProcess(ctx, replica.pointSources(SOURCES), { process: true, force: true });
  const toReal = Object.entries(replica.origins).map(([real, local]) => [local, real] as const);
  const rows = ctx.db.prepare('SELECT id, canonical_url AS url, source_id AS sourceId FROM documents').all() as Array<{
    id: string;
    url: string;
    sourceId: string;
  }>;
  for (const row of rows) {
    const pair = toReal.find(([local]) => row.url.startsWith(local));
    stored.push({
      id: row.id,
      sourceId: row.sourceId,
      realUrl: pair ? pair[1] + row.url.slice(pair[0].length) : row.url,
    });
  }
  services = await startServices(ctx, { crawl: false });
  await services.search.drain(60_000);
}, 240_000);

afterAll(async () => {
  await services?.stop();
  ctx?.close();
  await replica?.close();
});

const api = async (path: string) => {
  const res = await fetch(`${services.url}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, unknown>;
};

describe('the demo path', () => {
  it('stores pages from every replica source that publishes articles', () => {
    const expected = new Set(GOLD.map((g) => g.sourceId));
    const seen = new Set(stored.map((d) => d.sourceId));
    expect([...expected].filter((s) => !seen.has(s))).toEqual([]);
  });

  it('links French and Arabic coverage of one matter into one case with a timeline', () => {
    const tls = stored.filter((d) => goldByUrl(d.realUrl)?.story === 'tls-cctv');
    expect(tls.length).toBeGreaterThanOrEqual(6);
    const caseIds = tls.map((d) => caseIdsForDocument(ctx.db, d.id).caseId);
    const counts = new Map<string, number>();
    for (const c of caseIds) if (c) counts.set(c, (counts.get(c) ?? 0) + 1);
    const [main] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    expect(main).toBeDefined();
    const record = getCaseRecord(ctx.db, main![0]);
    expect(record?.documents.map((g) => g.language)).toEqual(expect.arrayContaining(['fr', 'ar']));
    expect(record?.timeline.length).toBeGreaterThan(0);
    // Most of the story's coverage is in that one case.
    expect(main![1] / tls.length).toBeGreaterThanOrEqual(0.75);
  });

  it('keeps unrelated pages out of cases', () => {
    const unrelated = stored.filter((d) => goldByUrl(d.realUrl)?.story === null);
    expect(unrelated.length).toBeGreaterThan(0);
    const inCases = unrelated.filter((d) => caseIdsForDocument(ctx.db, d.id).caseId !== null);
    expect(inCases.map((d) => d.realUrl)).toEqual([]);
    for (const d of unrelated) expect(getAnalysis(ctx.db, d.id)?.relevant, d.realUrl).toBe(false);
  });

  it('serves cross-lingual search over the API: a Latin-script query finds Arabic coverage', async () => {
    const body = await api('/search?q=TLScontact&limit=50');
    const hits = body.hits as Array<{ language: string; caseId: string | null }>;
    expect(hits.map((h) => h.language)).toEqual(expect.arrayContaining(['fr', 'ar']));
    const arabic = await api(`/search?q=${encodeURIComponent('تي إل إس كونطاكط')}&limit=50`);
    expect((arabic.hits as Array<{ language: string }>).map((h) => h.language)).toContain('fr');
  });

  it('re-crawling the unchanged replica stores nothing new', async () => {
    const again = await crawlAndProcess(ctx, replica.pointSources(SOURCES), { process: true, force: true });
    expect(again.totals.stored).toBe(0);
    expect(again.newDocumentIds.length + again.changedDocumentIds.length).toBe(0);
  });
});
