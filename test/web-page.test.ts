// The analysts' web page in a real browser: Debian's chromium driven by playwright-core, against the
// demo data built the way `raqib demo` builds it (replica crawled over HTTP, pipeline, cases, a real
// Meilisearch, the API on a real port). Screenshots of each page type and the measured load times
// go to test-artifacts/web/.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppContext, createLogger, openContext } from '../app/context.ts';
import { crawlAndProcess } from '../app/crawl.ts';
import { type Running, startServices } from '../app/serve.ts';
import { loadConfig } from '../config.ts';
import { SOURCES } from '../crawlers/sources/index.ts';
import { listCases } from '../store/cases.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';
import { type Replica, startReplica } from './replica/index.ts';

// Browser globals used inside page.evaluate callbacks (they run in the page); this project compiles
// without the DOM library, so the few used are declared here, for this file only.
declare const document: {
  activeElement: { id: string; className: string } | null;
  documentElement: { scrollWidth: number };
  addEventListener(type: string, listener: () => void, options: { once: boolean }): void;
};
declare const window: { innerWidth: number };
declare const location: { search: string };
declare function getComputedStyle(element: unknown): { direction: string };

interface NavigationEntry {
  responseEnd: number;
  domContentLoadedEventEnd: number;
  loadEventEnd: number;
  transferSize: number;
}

const ARTIFACTS = resolve(import.meta.dirname, '..', 'test-artifacts', 'web');

let replica: Replica;
let ctx: AppContext;
let services: Running;
let browser: BrowserContext;
let profileDir: string;
let base: string;
const consoleErrors: string[] = [];
const timings: Record<string, unknown> = {};

async function newPage(options: { width?: number; height?: number } = {}): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 900 });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Navigation timing of the page as loaded (ms from navigation start). */
async function navigationTiming(page: Page) {
  return page.evaluate(() => {
    const [n] = (performance.getEntriesByType as (type: string) => unknown[])('navigation') as NavigationEntry[];
    if (!n) return null;
    return {
      responseEnd: Math.round(n.responseEnd),
      domContentLoaded: Math.round(n.domContentLoadedEventEnd),
      load: Math.round(n.loadEventEnd),
      transferBytes: n.transferSize,
    };
  });
}

/** Wait for the page script's next instant-search swap. */
const nextResults = (page: Page) =>
  page.evaluate(
    () => new Promise<void>((done) => document.addEventListener('raqib:results', () => done(), { once: true })),
  );

const direction = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).direction);

beforeAll(async () => {
  expect(existsSync(CHROMIUM), `${CHROMIUM} (apt-get install chromium)`).toBe(true);
  mkdirSync(ARTIFACTS, { recursive: true });
  replica = await startReplica({ slowPageMs: 300 });
  const config = loadConfig(
    {},
    { dataDir: mkdtempSync(join(tmpdir(), 'raqib-web-')), 'crawl.politeness': 'off', 'api.port': '0' },
  );
  ctx = openContext(config, createLogger('warn'));
  await crawlAndProcess(ctx, replica.pointSources(SOURCES), { process: true, force: true });
  services = await startServices(ctx, { crawl: false });
  await services.search.drain(60_000);
  base = services.url;
  profileDir = mkdtempSync(join(tmpdir(), 'raqib-chromium-'));
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    // A fresh profile directory per run (playwright passes it as --user-data-dir).
    args: CHROMIUM_ARGS,
    locale: 'fr-FR',
    timezoneId: 'Africa/Casablanca',
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await services?.stop();
  ctx?.close();
  await replica?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  if (Object.keys(timings).length)
    writeFileSync(join(ARTIFACTS, 'timing.json'), `${JSON.stringify(timings, null, 2)}\n`);
});

describe('the web page: search, facets, cases and records', () => {
  it('searches in French, instantly, and finds the Arabic coverage, shown right-to-left', async () => {
    const page = await newPage();
    await page.goto(`${base}/ui`);
    timings.searchPageEmpty = await navigationTiming(page);
    const swapped = nextResults(page);
    // Typed like a person: the debounce must coalesce the keystrokes into few requests.
    await page.locator('#q').pressSequentially('TLScontact vidéosurveillance', { delay: 20 });
    await swapped;
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'TLScontact vidéosurveillance');
    // The results fetch itself (after the 250 ms debounce), from the browser's resource timing.
    timings.instantSearchFetchMs = await page.evaluate(() =>
      (performance.getEntriesByType as (type: string) => { name: string; duration: number }[])('resource')
        .filter((e) => e.name.includes('/ui/results'))
        .map((e) => Math.round(e.duration)),
    );

    // The count is announced from a status region that outlives the swapped results.
    expect(await page.locator('#search-status').innerText()).toMatch(/\d+ documents/);
    const arabic = page.locator('.hit h3 [lang="ar"]');
    const french = page.locator('.hit h3 [lang="fr"]');
    expect(await arabic.count()).toBeGreaterThan(0);
    expect(await french.count()).toBeGreaterThan(0);
    expect(await direction(page, '.hit h3 [lang="ar"]')).toBe('rtl');
    expect(await direction(page, '.hit .snippet[lang="ar"]')).toBe('rtl');
    expect(await direction(page, '.hit h3 [lang="fr"]')).toBe('ltr');
    // Matched words are highlighted in both scripts.
    expect(await page.locator('.hit .snippet[lang="ar"] mark').count()).toBeGreaterThan(0);
    await shot(page, 'search-fr');

    // The URL is shareable: opened afresh it shows the same search.
    const shared = page.url();
    const again = await newPage();
    await again.goto(shared);
    timings.searchPageWithQuery = await navigationTiming(again);
    await again.reload();
    timings.searchPageWithQueryReloaded = await navigationTiming(again);
    expect(await again.locator('#q').inputValue()).toBe('TLScontact vidéosurveillance');
    expect(await again.locator('.hit').count()).toBe(await page.locator('.hit').count());
    await again.close();
    await page.close();
  });

  it('filters by clicking a facet, with counts, and the URL encodes the filter', async () => {
    const page = await newPage();
    await page.goto(`${base}/ui?q=TLScontact`);
    const arFacet = page.locator('[data-facet="language"] input[value="ar"]');
    const arCount = Number(await page.locator('label[for="f-language-ar"] .count').innerText());
    expect(arCount).toBeGreaterThan(0);
    const total = await page.locator('.hit').count();
    expect(total).toBeGreaterThan(arCount);
    // Year counts arrive after the results (one search per year, off the results' path).
    await page.locator('[data-facet="year"]:not([data-src]) label[for="f-year-2023"]').waitFor();
    for (const facet of ['language', 'org', 'law', 'eventType', 'outlet', 'year'])
      expect(await page.locator(`[data-facet="${facet}"] li`).count(), facet).toBeGreaterThan(0);

    const swapped = nextResults(page);
    await page.locator('label[for="f-language-ar"]').click();
    await swapped;
    expect(new URL(page.url()).searchParams.getAll('language')).toEqual(['ar']);
    const langs = await page.locator('.hit .meta .lang-badge').allInnerTexts();
    // At least the facet's count (the API may add a case's other documents below its hits).
    expect(langs.length).toBeGreaterThanOrEqual(arCount);
    expect(langs.length).toBeLessThan(total);
    expect(new Set(langs)).toEqual(new Set(['AR']));
    expect(await arFacet.isChecked()).toBe(true);

    // Year facet: a radio that narrows the dates; the back button returns to the unfiltered page.
    const year = page.locator('[data-facet="year"] input[value="2023"]');
    await page.locator('[data-facet="year"]:not([data-src]) label[for="f-year-2023"]').waitFor();
    const swappedYear = nextResults(page);
    await page.locator('label[for="f-year-2023"]').click();
    await swappedYear;
    expect(await year.isChecked()).toBe(true);
    expect(new URL(page.url()).searchParams.get('year')).toBe('2023');
    await page.goBack();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).searchParams.get('year')).toBeNull();
    await page.close();
  });

  it('groups results by case and opens a case whose timeline combines both languages', async () => {
    const page = await newPage();
    await page.goto(`${base}/ui?q=TLScontact&view=cases`);
    const caseLink = page.locator('.case-hit h3 a').first();
    expect(await caseLink.innerText()).toContain('TLScontact');
    await caseLink.click();
    await page.waitForURL(/\/ui\/cases\//);
    timings.casePage = await navigationTiming(page);

    const badges = await page.locator('.timeline .reports .lang-badge').allInnerTexts();
    expect(badges).toEqual(expect.arrayContaining(['FR', 'AR']));
    // Dated, in order.
    const dates = await page
      .locator('.timeline .when time')
      .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    expect(dates.length).toBeGreaterThan(3);
    expect([...dates].sort()).toEqual(dates);
    expect(await direction(page, '.timeline .reports [lang="ar"]')).toBe('rtl');
    expect(await direction(page, '.timeline .reports [lang="fr"]')).toBe('ltr');
    // Disagreements between sources are shown, deadlines carry their status, coverage per outlet.
    expect(await page.locator('.event.disputed .badge').count()).toBeGreaterThan(0);
    expect(await page.locator('table.deadlines .badge').count()).toBeGreaterThan(0);
    expect(await page.locator('table.coverage tbody tr').count()).toBeGreaterThan(3);
    await shot(page, 'case-fr');
    await page.close();
  });

  it('shows a document with its entity mentions linked, and an entity with its names in both scripts', async () => {
    const page = await newPage();
    await page.goto(`${base}/ui?q=TLScontact&language=ar`);
    await page.locator('.hit h3 a').first().click();
    await page.waitForURL(/\/ui\/documents\//);
    timings.documentPage = await navigationTiming(page);
    expect(await direction(page, '.doc-text p')).toBe('rtl');
    const org = page.locator('.doc-text a.ent-org[href*="tlscontact"]').first();
    expect(await org.count()).toBe(1);
    expect(await page.locator('.doc-text .ent-law').count()).toBeGreaterThan(0);
    // The stored snapshot is served by the API itself.
    const snapshot = await page.locator('.links a[href$="/snapshot"]').getAttribute('href');
    const res = await fetch(`${base}${snapshot}`);
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    await shot(page, 'document-ar');

    await org.click();
    await page.waitForURL(/\/ui\/entities\//);
    expect(await page.locator('h1').innerText()).toContain('TLScontact');
    const names = page.locator('.names [lang="ar"]');
    expect(await names.count()).toBeGreaterThan(0);
    expect(await direction(page, '.names [lang="ar"]')).toBe('rtl');
    expect(await page.locator('.timeline.years a[href^="/ui/cases/"]').count()).toBeGreaterThan(0);
    await shot(page, 'entity-fr');
    await page.close();
  });
});

describe('the web page: language, health, access and follow', () => {
  it('switches the interface to Arabic (right-to-left) and keeps it across pages', async () => {
    const page = await newPage();
    await page.goto(`${base}/ui?q=TLScontact`);
    await page.locator('.langs a[hreflang="ar"]').click();
    await page.waitForURL(/hl=ar/);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await direction(page, 'body')).toBe('rtl');
    expect(await page.locator('button[type="submit"]').innerText()).toBe('بحث');
    // A French result keeps its own direction inside the Arabic interface.
    expect(await direction(page, '.hit h3 [lang="fr"]')).toBe('ltr');
    await shot(page, 'search-ar');
    await page.goto(`${base}/ui/sources`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    await page.close();
  });

  it('shows crawl health per source', async () => {
    const page = await newPage();
    await page.goto(`${base}/ui/sources?hl=fr`);
    const body = (await (await fetch(`${base}/sources`)).json()) as { sources: unknown[] };
    expect(await page.locator('table.sources tbody tr').count()).toBe(body.sources.length);
    expect(await page.locator('table.sources .badge.ok').count()).toBeGreaterThan(0);
    await shot(page, 'sources-fr');
    await page.close();
  });

  it('is keyboard navigable and fits a phone screen', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${base}/ui?q=TLScontact`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The skip link comes first, then "/" jumps to the search box from anywhere.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    // Filters are folded on a phone; opened from the keyboard, a facet toggles with the space bar.
    const summary = page.locator('details.facets summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await page.locator('#f-language-fr').focus();
    const swapped = nextResults(page);
    await page.keyboard.press('Space');
    await swapped;
    expect(new URL(page.url()).searchParams.getAll('language')).toEqual(['fr']);
    // The results were replaced around the keyboard: focus and the open filters are where they were.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-language-fr');
    expect(await page.locator('details.facets').getAttribute('open')).not.toBeNull();
    await shot(page, 'search-phone');
    await page.close();
  });

  it('lists every case, linked to its page', async () => {
    const page = await newPage();
    await page.goto(`${base}/ui/cases`);
    const { total } = listCases(ctx.db, { limit: 1 });
    expect(await page.locator('table.list tbody a[href^="/ui/cases/case_"]').count()).toBe(total);
    await page.close();
  });

  it('answers unknown records and refused queries with a page and the right status', async () => {
    const missing = await fetch(`${base}/ui/cases/case_does_not_exist`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
    expect(missing.headers.get('content-security-policy')).toContain("script-src 'self'");
    const bad = await fetch(`${base}/ui?q=x&from=2023-02-30`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('role="alert"');
    const css = await fetch(`${base}/ui/assets/app.css`);
    expect(css.headers.get('cache-control')).toContain('immutable');
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect(root.headers.get('location')).toBe('/ui');
  });

  it('logged no console errors on any page so far', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('follows a case: the page creates an Atom subscription and shows its feed', async () => {
    const [first] = listCases(ctx.db, { limit: 1 }).cases;
    expect(first).toBeDefined();
    const page = await newPage();
    await page.goto(`${base}/ui/cases/${first!.id}`);
    const created = page.waitForResponse((r) => r.url().endsWith('/subscriptions') && r.request().method() === 'POST');
    await page.locator('#follow button').click();
    const response = await created;
    expect(response.status()).toBe(201);
    const body = (await response.json()) as { subscription: { kind: string; channel: string; feedUrl: string } };
    expect(body.subscription).toMatchObject({ kind: 'case', channel: 'atom' });
    const link = page.locator('#follow a.feed-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(new URL(body.subscription.feedUrl, base).href);
    expect(await page.locator('#follow a.unsubscribe-link').count()).toBe(1);
    await shot(page, 'case-followed');
    const feed = await fetch(new URL(body.subscription.feedUrl, base));
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('<feed');
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
