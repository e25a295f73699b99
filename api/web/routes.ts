// The analysts' web page, served by the API process under /ui: server-rendered HTML built from the
// API's own JSON endpoints, plus one small script (instant search, the follow action) and a
// stylesheet. Everything is served from here; no CDN, no build step.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode } from '../../pipeline/errors.ts';
import {
  type ApiClient,
  type CaseListItem,
  type CaseRecord,
  createApiClient,
  createNameCache,
  type DocumentResponse,
  type EntityResponse,
  type SearchResponse,
  type SourceHealth,
} from './client.ts';
import { Html } from './html.ts';
import { MESSAGES, pickUiLang, type UiLang } from './i18n.ts';
import {
  apiSearchParams,
  CASES_PAGE_SIZE,
  casePage,
  casesListPage,
  documentPage,
  entityPage,
  errorPage,
  FACET_KEYS,
  type PageContext,
  parseSearchState,
  type SearchState,
  type SearchView,
  searchBody,
  searchPage,
  sourcesPage,
  viaCaseOf,
  yearFacet,
} from './pages.ts';

interface Asset {
  body: Buffer;
  type: string;
}

function loadAssets(): Map<string, Asset> {
  const dir = join(import.meta.dirname, 'assets');
  const assets = new Map<string, Asset>([
    ['app.js', { body: readFileSync(join(dir, 'app.js')), type: 'text/javascript; charset=utf-8' }],
    ['app.css', { body: readFileSync(join(dir, 'app.css')), type: 'text/css; charset=utf-8' }],
    ['icon.svg', { body: readFileSync(join(dir, 'icon.svg')), type: 'image/svg+xml' }],
  ]);
  // Arabic text in the Amiri face the project already ships (for exports), so pages read the same
  // on machines without Arabic fonts; the stylesheet loads it only for Arabic code points.
  const require = createRequire(import.meta.url);
  for (const [name, file] of [
    ['amiri-400.ttf', '@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf'],
    ['amiri-700.ttf', '@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf'],
  ] as const) {
    try {
      assets.set(name, { body: readFileSync(require.resolve(file)), type: 'font/ttf' });
    } catch {
      // Without the package the system's Arabic font is used.
    }
  }
  return assets;
}

// Pages render crawled text: scripts and styles only from this origin, nothing inline, no framing.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const PAGE_STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  INPUT_INVALID: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
};

const YEARS_TTL_MS = 60_000;
const MAX_YEARS = 40;
const MAX_LOOKUPS = 50;

export function registerWebPages(app: FastifyInstance): void {
  const assets = loadAssets();
  const assetVersion = createHash('sha1')
    .update(assets.get('app.js')?.body ?? '')
    .update(assets.get('app.css')?.body ?? '')
    .digest('base64url')
    .slice(0, 10);
  const nameOf = createNameCache();
  let archiveYears: { at: number; span: [number, number] | null } | null = null;

  /** First and last publication years in the whole archive (cached briefly): the year facet's range. */
  async function yearSpan(api: ApiClient): Promise<[number, number] | null> {
    if (archiveYears && Date.now() - archiveYears.at < YEARS_TTL_MS) return archiveYears.span;
    const edge = async (sort: string) => {
      const r = await api.get<SearchResponse>(`/search?limit=1&from=1970-01-02&sort=${sort}`);
      return Number(r.hits[0]?.publishedAt?.slice(0, 4));
    };
    const [first, last] = await Promise.all([edge('date:asc'), edge('date:desc')]);
    const span: [number, number] | null =
      Number.isFinite(first) && Number.isFinite(last) ? [Math.max(first, last - MAX_YEARS + 1), last] : null;
    archiveYears = { at: Date.now(), span };
    return span;
  }

  /**
   * Counts per year under the current query and filters: the index has no year attribute, so the
   * counts are one `limit=0` search per year of the archive's span (in-process, a few ms each).
   */
  // Counting costs one search per year: a reload, the back button or a shared link within a minute
  // reuses the counts (bounded map, oldest out first).
  const yearCache = new Map<string, { at: number; counts: { year: number; count: number }[] }>();

  async function yearCounts(api: ApiClient, state: SearchState): Promise<{ year: number; count: number }[]> {
    const key = apiSearchParams(state, { withDates: false }).toString();
    const cached = yearCache.get(key);
    if (cached && Date.now() - cached.at < YEARS_TTL_MS) return cached.counts;
    const counts = await countYears(api, state);
    if (yearCache.size >= 500) yearCache.delete(yearCache.keys().next().value as string);
    yearCache.set(key, { at: Date.now(), counts });
    return counts;
  }

  async function countYears(api: ApiClient, state: SearchState): Promise<{ year: number; count: number }[]> {
    const span = await yearSpan(api);
    if (!span) return [];
    const years = Array.from({ length: span[1] - span[0] + 1 }, (_, i) => span[0] + i);
    const counts = await Promise.all(
      years.map(async (year) => {
        const p = apiSearchParams(state, { withDates: false });
        p.set('limit', '0');
        // Direct matches only, like the other facets' counts (no documents added through a case).
        p.set('expand', 'none');
        p.set('from', `${year}-01-01`);
        p.set('to', `${year}-12-31`);
        const r = await api.get<SearchResponse>(`/search?${p}`);
        return { year, count: r.estimatedTotalHits };
      }),
    );
    return counts.filter((c) => c.count > 0).reverse();
  }

  async function loadSearch(api: ApiClient, state: SearchState, lang: UiLang): Promise<SearchView> {
    const view: SearchView = { state, result: null, error: null, years: null, labels: new Map(), cases: new Map() };
    const p = apiSearchParams(state, { withDates: true });
    p.set('facets', FACET_KEYS.join(','));
    p.set('limit', '20');
    if (state.sort !== 'relevance') p.set('sort', state.sort);
    if (state.view === 'cases') p.set('groupBy', 'case');
    if (state.cursor) p.set('cursor', state.cursor);
    try {
      view.result = await api.get<SearchResponse>(`/search?${p}`);
    } catch (e) {
      // A refused query (bad date, unknown filter value...) is shown on the page, form intact.
      if (e instanceof AppError && ERROR_CODES[e.code].http === 400) view.error = e.message;
      else throw e;
    }
    const ids = new Set<string>();
    for (const key of ['org', 'law'] as const) {
      const counts = view.result?.facets[key] ?? {};
      const top = Object.entries(counts)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([id]) => id);
      for (const id of [...top, ...state.filters[key]]) ids.add(id);
    }
    const caseIds = new Set<string>();
    for (const h of view.result?.hits ?? []) {
      if (h.caseId) caseIds.add(h.caseId);
      const via = viaCaseOf(h);
      if (via) caseIds.add(via);
    }
    await Promise.all([
      ...[...ids].map(async (id) => view.labels.set(id, await nameOf(api, id, lang))),
      ...[...caseIds].slice(0, MAX_LOOKUPS).map(async (id) => {
        const c = await api.find<CaseRecord>(`/cases/${encodeURIComponent(id)}`);
        if (c) view.cases.set(id, c);
      }),
    ]);
    return view;
  }

  function context(req: FastifyRequest, reply: FastifyReply): PageContext {
    const hl = (req.query as Record<string, unknown> | undefined)?.hl;
    const lang = pickUiLang(hl, req.headers.cookie, req.headers['accept-language']);
    if (hl === lang) reply.header('set-cookie', `raqib_hl=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`);
    return { lang, t: MESSAGES[lang], url: req.url, assetVersion };
  }

  const send = (reply: FastifyReply, page: Html, status = 200) =>
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      // The same URL renders in the reader's interface language.
      .header('vary', 'Cookie, Accept-Language')
      .header('cache-control', 'no-cache')
      .send(page.value);

  /** A page handler; caller mistakes and missing records become a page with the right status. */
  function page<Q>(
    path: string,
    render: (
      req: FastifyRequest<{ Params: Record<string, string>; Querystring: Q }>,
      ctx: PageContext,
      api: ApiClient,
    ) => Promise<Html | { page: Html; status: number }>,
  ): void {
    app.get<{ Params: Record<string, string>; Querystring: Q }>(
      path,
      { schema: { hide: true } },
      async (req, reply) => {
        const ctx = context(req, reply);
        try {
          const out = await render(req, ctx, createApiClient(app, req));
          return out instanceof Html ? send(reply, out) : send(reply, out.page, out.status);
        } catch (e) {
          const status = e instanceof AppError ? PAGE_STATUS[e.code] : undefined;
          if (status) return send(reply, errorPage(ctx, status, (e as AppError).message), status);
          throw e;
        }
      },
    );
  }

  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/ui', 302));
  // Browsers ask for it whatever the page says; answering spares every visit a 404.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) =>
    reply.redirect('/ui/assets/icon.svg', 301),
  );

  // A refused query is still the search page (form as typed, the API's message in place of results).
  page('/ui', async (req, ctx, api) => {
    const view = await loadSearch(api, parseSearchState(req.query as Record<string, unknown>), ctx.lang);
    return { page: searchPage(view, ctx), status: view.error ? 400 : 200 };
  });
  // The results region alone, for the page's instant search (same parameters as /ui).
  page('/ui/results', async (req, ctx, api) => {
    const view = await loadSearch(api, parseSearchState(req.query as Record<string, unknown>), ctx.lang);
    return { page: searchBody(view, ctx), status: view.error ? 400 : 200 };
  });

  // The year facet with its counts, fetched by the page script once the results are shown.
  page('/ui/years', async (req, ctx, api) => {
    const state = parseSearchState(req.query as Record<string, unknown>);
    try {
      return yearFacet(state, await yearCounts(api, state), ctx.t);
    } catch (e) {
      if (e instanceof AppError && ERROR_CODES[e.code].http === 400) return yearFacet(state, [], ctx.t);
      throw e;
    }
  });

  page('/ui/cases', async (req, ctx, api) => {
    const raw = Number((req.query as Record<string, unknown>).offset);
    const offset = Number.isSafeInteger(raw) && raw > 0 ? raw : 0;
    const list = await api.get<{ total: number; cases: CaseListItem[] }>(
      `/cases?limit=${CASES_PAGE_SIZE}&offset=${offset}`,
    );
    return casesListPage(list.cases, list.total, offset, ctx);
  });

  page('/ui/cases/:id', async (req, ctx, api) => {
    const record = await api.get<CaseRecord>(`/cases/${encodeURIComponent(req.params.id ?? '')}`);
    return casePage(record, ctx);
  });

  page('/ui/documents/:id', async (req, ctx, api) => {
    const doc = await api.get<DocumentResponse>(`/documents/${encodeURIComponent(req.params.id ?? '')}`);
    const titles = new Map<string, { title: string | null; language: string; outlet: string | null }>();
    const cases = new Map<string, CaseRecord>();
    const copies = (doc.duplicates?.memberIds ?? []).filter((id) => id !== doc.id).slice(0, MAX_LOOKUPS);
    const caseIds = [doc.cases.caseId, ...doc.cases.mentionedCaseIds].filter((c): c is string => !!c);
    await Promise.all([
      ...copies.map(async (id) => {
        const d = await api.find<DocumentResponse>(`/documents/${encodeURIComponent(id)}`);
        if (d?.analysis)
          titles.set(id, { title: d.analysis.title, language: d.analysis.language, outlet: d.analysis.outlet });
      }),
      ...caseIds.slice(0, MAX_LOOKUPS).map(async (id) => {
        const c = await api.find<CaseRecord>(`/cases/${encodeURIComponent(id)}`);
        if (c) cases.set(id, c);
      }),
    ]);
    return documentPage({ doc, titles, cases }, ctx);
  });

  // Entity ids may hold a slash (`ma-law-09-08/art-43`): the rest of the path is the id.
  page('/ui/entities/*', async (req, ctx, api) => {
    const id = req.params['*'] ?? '';
    const entity = await api.get<EntityResponse>(`/entities/${encodeURIComponent(id)}?limit=50`);
    const cases = (
      await Promise.all(
        entity.caseIds.slice(0, MAX_LOOKUPS).map((c) => api.find<CaseRecord>(`/cases/${encodeURIComponent(c)}`)),
      )
    ).filter((c): c is CaseRecord => c !== null);
    return entityPage(entity, cases, ctx);
  });

  page('/ui/sources', async (_req, ctx, api) => {
    const { sources } = await api.get<{ sources: SourceHealth[] }>('/sources');
    return sourcesPage(sources, ctx);
  });

  app.get<{ Params: { name: string } }>('/ui/assets/:name', { schema: { hide: true } }, async (req, reply) => {
    const asset = assets.get(req.params.name);
    if (!asset) throw new AppError('NOT_FOUND', `No asset ${req.params.name}`);
    // Asset URLs carry the release's content hash (?v=), so they can be cached for good.
    return reply
      .header('content-type', asset.type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  });
}
