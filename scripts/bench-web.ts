// npm run bench:web [-- --runs 30]
//
// The web page's speed on the demo data (the replica crawled, processed and indexed as `raqib demo`
// does, real Meilisearch, the API on a real port): server time per page (p50/p95 over sequential
// requests after a warm-up), then, when Debian's chromium is installed, what a reader sees —
// navigation timing of each page type (response, DOMContentLoaded, load) and the bytes shipped.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { createLogger, openContext } from '../app/context.ts';
import { crawlAndProcess } from '../app/crawl.ts';
import { startServices } from '../app/serve.ts';
import { loadConfig } from '../config.ts';
import { SOURCES } from '../crawlers/sources/index.ts';
import { listCases } from '../store/cases.ts';
import { CHROMIUM, CHROMIUM_ARGS } from '../test/chromium.ts';
import { startReplica } from '../test/replica/index.ts';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(3, Number(process.argv[runsArg + 1]) || 30) : 30;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};
const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;

const dataDir = mkdtempSync(join(tmpdir(), 'raqib-bench-web-'));
const replica = await startReplica({ slowPageMs: 0 });
const ctx = openContext(loadConfig({}, { dataDir, 'crawl.politeness': 'off', 'api.port': '0' }), createLogger('error'));
try {
  process.stderr.write('Building the demo data (replica crawl, pipeline, index)...\n');
  await crawlAndProcess(ctx, replica.pointSources(SOURCES), { process: true, force: true });
  const services = await startServices(ctx, { crawl: false });
  try {
    await services.search.drain(120_000);
    const base = services.url;
    const caseId = listCases(ctx.db, { limit: 1 }).cases[0]?.id ?? 'none';
    const record = (await (await fetch(`${base}/cases/${caseId}`)).json()) as {
      documents: { outlets: { documents: { id: string }[] }[] }[];
    };
    const docId = record.documents[0]?.outlets[0]?.documents[0]?.id ?? 'none';
    const q = encodeURIComponent('TLScontact vidéosurveillance');
    const pages: [string, string][] = [
      ['search, empty', '/ui'],
      ['search, query', `/ui?q=${q}`],
      ['instant results', `/ui/results?q=${q}`],
      ['year counts', `/ui/years?q=${q}`],
      ['case', `/ui/cases/${caseId}`],
      ['document', `/ui/documents/${docId}`],
      ['entity', '/ui/entities/org%3Atlscontact'],
      ['sources', '/ui/sources'],
      ['(API) /search', `/search?q=${q}&facets=language,org,law,eventType,outlet`],
    ];

    console.log(`\nServer time per request (${RUNS} sequential requests each, after 3 warm-up)`);
    console.log(`${'page'.padEnd(18)}      p50       p95    bytes`);
    for (const [name, path] of pages) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS + 3; i++) {
        const t0 = performance.now();
        const res = await fetch(`${base}${path}`);
        const body = await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
        if (i >= 3) times.push(performance.now() - t0);
        bytes = body.byteLength;
      }
      console.log(`${name.padEnd(18)} ${ms(pct(times, 50))} ${ms(pct(times, 95))} ${String(bytes).padStart(8)}`);
    }

    if (!existsSync(CHROMIUM)) {
      console.log(`\n${CHROMIUM} not installed: browser timings skipped (apt-get install chromium).`);
    } else {
      const profile = mkdtempSync(join(tmpdir(), 'raqib-bench-chromium-'));
      const browser = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        locale: 'fr-FR',
      });
      try {
        const page = await browser.newPage();
        const shipped = new Map<string, number>();
        page.on('response', async (r) => {
          const body = await r.body().catch(() => null);
          if (body) shipped.set(new URL(r.url()).pathname, body.byteLength);
        });
        console.log('\nIn the browser (navigation timing, median of 5 loads; first load cold, then cached assets)');
        console.log(`${'page'.padEnd(18)} response  DOMready      load   first load`);
        for (const [name, path] of pages.slice(0, 8)) {
          if (name === 'instant results' || name === 'year counts') continue;
          const runs: { responseEnd: number; dcl: number; load: number }[] = [];
          for (let i = 0; i < 5; i++) {
            await page.goto(`${base}${path}`, { waitUntil: 'load' });
            runs.push(
              await page.evaluate(() => {
                const [n] = (performance.getEntriesByType as (t: string) => unknown[])('navigation') as {
                  responseEnd: number;
                  domContentLoadedEventEnd: number;
                  loadEventEnd: number;
                }[];
                return {
                  responseEnd: n?.responseEnd ?? 0,
                  dcl: n?.domContentLoadedEventEnd ?? 0,
                  load: n?.loadEventEnd ?? 0,
                };
              }),
            );
          }
          const med = (k: 'responseEnd' | 'dcl' | 'load') =>
            pct(
              runs.map((r) => r[k]),
              50,
            );
          console.log(
            `${name.padEnd(18)} ${ms(med('responseEnd'))} ${ms(med('dcl'))} ${ms(med('load'))} ${ms(runs[0]?.load ?? 0)}`,
          );
        }
        const asset = (prefix: string) =>
          [...shipped.entries()].filter(([p]) => p.startsWith(prefix)).reduce((n, [, b]) => n + b, 0);
        console.log(
          `\nAssets: app.js ${asset('/ui/assets/app.js')} B, app.css ${asset('/ui/assets/app.css')} B, ` +
            `Arabic font ${asset('/ui/assets/amiri')} B (only for pages with Arabic text; cached for a year)`,
        );
      } finally {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await services.stop();
  }
} finally {
  ctx.close();
  await replica.close();
  rmSync(dataDir, { recursive: true, force: true });
}
