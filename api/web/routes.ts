// The analysts' web page, served by the API process under /ui: server-rendered HTML built from the
// API's own JSON endpoints, plus one small script (instant search, the follow action) and a
// stylesheet. Everything is served from here; no CDN, no build step.
//
// Here: the routes and what every page response carries (language, headers, error pages). What a
// page reads: loaders.ts; how it renders: one file per page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode } from '../../pipeline/errors.ts';
import { assetVersionOf, loadAssets, registerAssetRoute } from './assets.ts';
import { CASES_PAGE_SIZE, casePage, casesListPage } from './case-page.ts';
import {
  type ApiClient,
  type CaseListItem,
  type CaseRecord,
  createApiClient,
  createNameCache,
  type SourceHealth,
} from './client.ts';
import { documentPage } from './document-page.ts';
import { entityPage } from './entity-page.ts';
import { Html } from './html.ts';
import { MESSAGES, pickUiLang } from './i18n.ts';
import { errorPage, type PageContext } from './layout.ts';
import { loadDocument, loadEntity, loadSearch } from './loaders.ts';
import { parseSearchState, searchBody, searchPage, yearFacet } from './search-page.ts';
import { sourcesPage } from './sources-page.ts';
import { createYearCounter } from './year-counts.ts';

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

type PageRequest<Q> = FastifyRequest<{ Params: Record<string, string>; Querystring: Q }>;
type PageRender<Q> = (
  req: PageRequest<Q>,
  ctx: PageContext,
  api: ApiClient,
) => Promise<Html | { page: Html; status: number }>;

/** The interface language (a `hl` parameter is remembered in a cookie) and what every page needs. */
function pageContext(req: FastifyRequest, reply: FastifyReply, assetVersion: string): PageContext {
  const hl = (req.query as Record<string, unknown> | undefined)?.hl;
  const lang = pickUiLang(hl, req.headers.cookie, req.headers['accept-language']);
  if (hl === lang) reply.header('set-cookie', `raqib_hl=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`);
  return { lang, t: MESSAGES[lang], url: req.url, assetVersion };
}

function sendPage(reply: FastifyReply, page: Html, status = 200) {
  return (
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      // The same URL renders in the reader's interface language.
      .header('vary', 'Cookie, Accept-Language')
      .header('cache-control', 'no-cache')
      .send(page.value)
  );
}

/** A page route; caller mistakes and missing records become a page with the right status. */
function registerPage<Q>(app: FastifyInstance, assetVersion: string, path: string, render: PageRender<Q>): void {
  app.get<{ Params: Record<string, string>; Querystring: Q }>(path, { schema: { hide: true } }, async (req, reply) => {
    const ctx = pageContext(req, reply, assetVersion);
    try {
      const out = await render(req, ctx, createApiClient(app, req));
      return out instanceof Html ? sendPage(reply, out) : sendPage(reply, out.page, out.status);
    } catch (e) {
      const status = e instanceof AppError ? PAGE_STATUS[e.code] : undefined;
      if (status) return sendPage(reply, errorPage(ctx, status, (e as AppError).message), status);
      throw e;
    }
  });
}

export function registerWebPages(app: FastifyInstance): void {
  const assets = loadAssets();
  const assetVersion = assetVersionOf(assets);
  const nameOf = createNameCache();
  const yearCounts = createYearCounter();
  const page = <Q>(path: string, render: PageRender<Q>) => registerPage(app, assetVersion, path, render);

  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/ui', 302));
  // Browsers ask for it whatever the page says; answering spares every visit a 404.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_req, reply) =>
    reply.redirect('/ui/assets/icon.svg', 301),
  );

  // A refused query is still the search page (form as typed, the API's message in place of results).
  page('/ui', async (req, ctx, api) => {
    const view = await loadSearch(api, parseSearchState(req.query as Record<string, unknown>), ctx.lang, nameOf);
    return { page: searchPage(view, ctx), status: view.error ? 400 : 200 };
  });
  // The results region alone, for the page's instant search (same parameters as /ui).
  page('/ui/results', async (req, ctx, api) => {
    const view = await loadSearch(api, parseSearchState(req.query as Record<string, unknown>), ctx.lang, nameOf);
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

  page('/ui/documents/:id', async (req, ctx, api) => documentPage(await loadDocument(api, req.params.id ?? ''), ctx));

  // Entity ids may hold a slash (`ma-law-09-08/art-43`): the rest of the path is the id.
  page('/ui/entities/*', async (req, ctx, api) => {
    const { entity, cases } = await loadEntity(api, req.params['*'] ?? '');
    return entityPage(entity, cases, ctx);
  });

  page('/ui/sources', async (_req, ctx, api) => {
    const { sources } = await api.get<{ sources: SourceHealth[] }>('/sources');
    return sourcesPage(sources, ctx);
  });

  registerAssetRoute(app, assets);
}
