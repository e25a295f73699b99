// What each page reads from the API before it renders: the main record, then the names and titles of
// what it links to (bounded, in parallel). Page renderers stay pure functions of what is read here.
import { AppError, ERROR_CODES } from '../../pipeline/errors.ts';
import type { ApiClient, CaseRecord, DocumentResponse, EntityResponse, SearchResponse } from './client.ts';
import type { DocumentView } from './document-page.ts';
import type { UiLang } from './i18n.ts';
import { apiSearchParams, FACET_KEYS, type SearchState, type SearchView, viaCaseOf } from './search-page.ts';

/** Records a page looks up beside its own (cases of hits, copies of a document), at most. */
const MAX_LOOKUPS = 50;

type NameOf = (api: ApiClient, id: string, lang: UiLang) => Promise<string>;

/** The search, then the display names of the top facet values and the cases of the hits. */
export async function loadSearch(
  api: ApiClient,
  state: SearchState,
  lang: UiLang,
  nameOf: NameOf,
): Promise<SearchView> {
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

/** A document, with the titles of its duplicate copies and of its cases. */
export async function loadDocument(api: ApiClient, id: string): Promise<DocumentView> {
  const doc = await api.get<DocumentResponse>(`/documents/${encodeURIComponent(id)}`);
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
  return { doc, titles, cases };
}

/** An entity and the records of its cases (those that still exist). */
export async function loadEntity(api: ApiClient, id: string): Promise<{ entity: EntityResponse; cases: CaseRecord[] }> {
  const entity = await api.get<EntityResponse>(`/entities/${encodeURIComponent(id)}?limit=50`);
  const cases = (
    await Promise.all(
      entity.caseIds.slice(0, MAX_LOOKUPS).map((c) => api.find<CaseRecord>(`/cases/${encodeURIComponent(c)}`)),
    )
  ).filter((c): c is CaseRecord => c !== null);
  return { entity, cases };
}
