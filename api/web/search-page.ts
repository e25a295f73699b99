// The search page: its state as URL parameters, the API query it makes, the facets (the year facet
// counted later, by its own URL), how the query was understood, and the hits, by document or by case.
import type { CaseRecord, SearchResponse } from './client.ts';
import { esc, type Html, highlighted, html, trusted } from './html.ts';
import type { Messages } from './i18n.ts';
import { caseHref, caseTitle, dataText, docHref, langBadge, layout, type PageContext, time } from './layout.ts';

export const FACET_KEYS = ['language', 'org', 'law', 'eventType', 'outlet'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];
export type Sort = 'relevance' | 'date:desc' | 'date:asc';

export interface SearchState {
  q: string;
  sort: Sort;
  view: 'documents' | 'cases';
  from: string;
  to: string;
  year: string;
  filters: Record<FacetKey, string[]>;
  cursor: string;
}

export interface SearchView {
  state: SearchState;
  result: SearchResponse | null;
  /** The API's message when it refused the query (shown, with the form kept as typed). */
  error: string | null;
  /** Documents per year; null: counted later (see yearFacet). */
  years: { year: number; count: number }[] | null;
  /** Display names of facet values that are ids (organizations, laws). */
  labels: Map<string, string>;
  cases: Map<string, CaseRecord>;
}

const one = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '');
const many = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String).filter((s) => s.length > 0);

/** The page's URL parameters → search state; values are checked by the API, not here. */
export function parseSearchState(query: Record<string, unknown>): SearchState {
  const sort = one(query.sort);
  return {
    q: one(query.q),
    sort: sort === 'date:desc' || sort === 'date:asc' ? sort : 'relevance',
    view: one(query.view) === 'cases' ? 'cases' : 'documents',
    from: one(query.from),
    to: one(query.to),
    year: one(query.year),
    filters: Object.fromEntries(FACET_KEYS.map((k) => [k, many(query[k])])) as Record<FacetKey, string[]>,
    cursor: one(query.cursor),
  };
}

/** The shareable URL of a search state (defaults left out). */
export function searchUrl(state: SearchState, path = '/ui'): string {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const k of FACET_KEYS) for (const v of state.filters[k]) p.append(k, v);
  if (state.year) p.set('year', state.year);
  if (state.from) p.set('from', state.from);
  if (state.to) p.set('to', state.to);
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  if (state.view !== 'documents') p.set('view', state.view);
  if (state.cursor) p.set('cursor', state.cursor);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * The API query of a search state. A year narrows the date range to that year (intersected with
 * from/to); `withDates: false` leaves dates out, for the year counts.
 */
export function apiSearchParams(state: SearchState, options: { withDates: boolean }): URLSearchParams {
  const p = new URLSearchParams();
  p.set('q', state.q);
  for (const k of FACET_KEYS) for (const v of state.filters[k]) p.append(k, v);
  if (options.withDates) {
    let { from, to } = state;
    if (/^\d{4}$/.test(state.year)) {
      const start = `${state.year}-01-01`;
      const end = `${state.year}-12-31`;
      from = from && from > start ? from : start;
      to = to && to < end ? to : end;
    }
    if (from) p.set('from', from);
    if (to) p.set('to', to);
  }
  return p;
}

function facetValueLabel(key: FacetKey, value: string, view: SearchView, t: Messages): string {
  if (key === 'language') return t.langName[value] ?? value;
  if (key === 'eventType') return t.eventType[value] ?? value;
  return view.labels.get(value) ?? value;
}

const MAX_FACET_VALUES = 10;

function facetsHtml(view: SearchView, ctx: PageContext): Html {
  const { t } = ctx;
  const facets = view.result?.facets ?? {};
  const groups = FACET_KEYS.map((key) => {
    const counts = (facets as Record<string, Record<string, number> | undefined>)[key] ?? {};
    const selected = view.state.filters[key];
    const values = Object.entries(counts)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, MAX_FACET_VALUES)
      .map(([v]) => v);
    for (const s of selected) if (!values.includes(s)) values.push(s);
    if (values.length === 0) return '';
    return html`<fieldset class="facet" data-facet="${key}"><legend>${t[`facet_${key}`]}</legend><ul>
${values.map((v) => {
  const id = `f-${key}-${v.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`)}`;
  const label = facetValueLabel(key, v, view, t);
  return html`<li><input type="checkbox" id="${id}" name="${key}" value="${v}"${trusted(selected.includes(v) ? ' checked' : '')}>
<label for="${id}" title="${label}"><span class="fv" dir="auto">${label}</span> <span class="count">${counts[v] ?? 0}</span></label></li>`;
})}</ul></fieldset>`;
  });
  const years = yearFacet(view.state, view.years, t);
  const anyFilter = FACET_KEYS.some((k) => view.state.filters[k].length > 0) || view.state.year;
  return html`<details class="facets" open><summary>${t.filters}</summary>
${groups}${years}
${anyFilter ? html`<p><a class="clear" href="${searchUrl({ ...view.state, filters: { language: [], org: [], law: [], eventType: [], outlet: [] }, year: '', cursor: '' })}">${t.clearFilters}</a></p>` : ''}
</details>`;
}

/**
 * The year facet. `years === null`: not counted yet; the fieldset then names the URL its counts come
 * from, which the page script fetches after the results are shown (counting takes one search per
 * year, kept off the results' path). The selected year stays selectable either way.
 */
export function yearFacet(state: SearchState, years: SearchView['years'] | null, t: Messages): Html {
  const selected = state.year;
  const list: { year: number; count: number | null }[] = [...(years ?? [])];
  if (/^\d{4}$/.test(selected) && !list.some((y) => String(y.year) === selected))
    list.push({ year: Number(selected), count: years ? 0 : null });
  const src =
    years === null ? searchUrl({ ...state, cursor: '', view: 'documents', sort: 'relevance' }, '/ui/years') : null;
  return html`<fieldset class="facet" data-facet="year"${trusted(src ? ` data-src="${esc(src)}"` : '')}${trusted(years !== null && years.length === 0 && !selected ? ' hidden' : '')}><legend>${t.facet_year}</legend><ul>
<li><input type="radio" id="f-year-any" name="year" value=""${trusted(selected ? '' : ' checked')}><label for="f-year-any">${t.anyYear}</label></li>
${list.map(
  ({ year, count }) =>
    html`<li><input type="radio" id="f-year-${year}" name="year" value="${year}"${trusted(selected === String(year) ? ' checked' : '')}>
<label for="f-year-${year}"><span class="fv">${year}</span> ${count === null ? '' : html`<span class="count">${count}</span>`}</label></li>`,
)}</ul></fieldset>`;
}

/**
 * How the API understood `q` (its `understood` block): each recognised concept, name or law with
 * the forms it was searched under in every language, so a reader sees why an Arabic hit answers a
 * French query. Read defensively: an older API has no such block.
 */
function understoodHtml(understood: unknown, t: Messages): Html | '' {
  if (!understood || typeof understood !== 'object') return '';
  const items: Html[] = [];
  for (const list of Object.values(understood as Record<string, unknown>)) {
    for (const item of Array.isArray(list) ? list : []) {
      if (!item || typeof item !== 'object') continue;
      const o = item as Record<string, unknown>;
      const forms = (o.labels ?? o.names) as Record<string, unknown> | undefined;
      const byLang = forms && typeof forms === 'object' ? Object.entries(forms) : [];
      const rendered = byLang
        .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].length > 0)
        .map(([l, v]) => dataText(v, l));
      if (rendered.length === 0 && typeof o.label === 'string') rendered.push(dataText(o.label, null));
      const matched = typeof o.matched === 'string' ? o.matched : null;
      if (rendered.length === 0 && !matched) continue;
      items.push(
        html`<li>${matched ? html`<q dir="auto">${matched}</q> → ` : ''}${rendered.map((r, i) => html`${i > 0 ? ' · ' : ''}${r}`)}</li>`,
      );
    }
  }
  if (items.length === 0) return '';
  return html`<div class="understood"><span>${t.understood}</span><ul>${items}</ul></div>`;
}

/** The case a hit came through (the API's case expansion: `via: 'case'` with `throughCaseId`). */
export function viaCaseOf(hit: Record<string, unknown>): string | null {
  if (hit.via === 'case' && typeof hit.throughCaseId === 'string') return hit.throughCaseId;
  return null;
}

function hitHtml(hit: SearchResponse['hits'][number], view: SearchView, ctx: PageContext): Html {
  const { t, lang } = ctx;
  const record = hit.caseId ? view.cases.get(hit.caseId) : undefined;
  const via = viaCaseOf(hit);
  const viaRecord = via ? view.cases.get(via) : undefined;
  const title = hit.titleHighlighted ? highlighted(hit.titleHighlighted) : (hit.title ?? hit.id);
  const docLink = html`<a href="${docHref(hit.id)}">${dataText(title, hit.language)}</a>`;
  const meta = html`<p class="meta">${langBadge(hit.language)} <span class="outlet" dir="auto">${hit.outlet ?? hit.sourceId}</span>${hit.publishedAt ? html` · ${time(hit.publishedAt, lang)}` : ''}${
    record && view.state.view === 'documents'
      ? html` · ${t.inCase} <a href="${caseHref(record.id)}">${caseTitle(record.title, lang)}</a>`
      : ''
  }</p>${
    via
      ? html`<p class="via">${t.throughCase} <a href="${caseHref(via)}">${viaRecord ? caseTitle(viaRecord.title, lang) : via}</a></p>`
      : ''
  }`;
  const snippet = hit.snippet ? dataText(highlighted(hit.snippet), hit.language, 'p', 'snippet') : '';
  if (view.state.view === 'cases' && record) {
    return html`<li class="hit case-hit">
<h3><a href="${caseHref(record.id)}">${caseTitle(record.title, lang)}</a></h3>
<p class="meta">${t.caseTypeName[record.type] ?? record.type} · ${t.results(record.documentCount)} · ${time(record.firstSeen, lang)}${record.lastSeen && record.lastSeen !== record.firstSeen ? html` – ${time(record.lastSeen, lang)}` : ''} · ${record.documents.map((g) => langBadge(g.language))}</p>
<div class="best"><h4>${docLink}</h4>${meta}${snippet}</div>
</li>`;
  }
  return html`<li class="hit${via ? ' via-case' : ''}"><h3>${docLink}</h3>${meta}${snippet}</li>`;
}

export function searchBody(view: SearchView, ctx: PageContext): Html {
  const { t } = ctx;
  const r = view.result;
  let results: Html;
  if (view.error) results = html`<p class="error" role="alert">${view.error}</p>`;
  else if (!r || r.hits.length === 0) results = html`<p class="empty">${t.noResults}</p>`;
  else {
    const count = view.state.view === 'cases' ? t.resultsCases(r.estimatedTotalHits) : t.results(r.estimatedTotalHits);
    results = html`${understoodHtml(r.understood, t)}
<ol class="hits">${r.hits.map((h) => hitHtml(h, view, ctx))}</ol>
${r.nextCursor ? html`<p class="more"><a rel="next" href="${searchUrl({ ...view.state, cursor: r.nextCursor })}">${t.more}</a></p>` : ''}`;
    results = html`<p class="summary">${count}</p>${results}`;
  }
  return html`<div id="search-body" class="search-body">
<aside class="side">${facetsHtml(view, ctx)}</aside>
<section class="results" aria-busy="false">${results}</section>
</div>`;
}

export function searchPage(view: SearchView, ctx: PageContext): Html {
  const { t } = ctx;
  const s = view.state;
  const opt = (value: Sort, label: string) =>
    html`<option value="${value}"${trusted(s.sort === value ? ' selected' : '')}>${label}</option>`;
  const radio = (value: SearchState['view'], label: string) =>
    html`<input type="radio" id="view-${value}" name="view" value="${value}"${trusted(s.view === value ? ' checked' : '')}><label for="view-${value}">${label}</label>`;
  const body = html`<h1 class="visually-hidden">${t.navSearch}</h1>
<form id="search-form" class="search" action="/ui" method="get" role="search">
<div class="searchbar">
<label for="q" class="visually-hidden">${t.searchLabel}</label>
<p id="search-status" class="visually-hidden" role="status" aria-live="polite"></p>
<input id="q" name="q" type="search" value="${s.q}" dir="auto" placeholder="${t.searchPlaceholder}" autocomplete="off" maxlength="200" spellcheck="false">
<button type="submit">${t.searchButton}</button>
</div>
<div class="controls">
<label>${t.sort} <select name="sort">${opt('relevance', t.sortRelevance)}${opt('date:desc', t.sortNewest)}${opt('date:asc', t.sortOldest)}</select></label>
<fieldset class="segmented"><legend class="visually-hidden">${t.view}</legend>${radio('documents', t.viewDocuments)}${radio('cases', t.viewCases)}</fieldset>
<label>${t.from} <input type="date" name="from" value="${s.from}"></label>
<label>${t.to} <input type="date" name="to" value="${s.to}"></label>
</div>
${searchBody(view, ctx)}
</form>`;
  return layout(ctx, s.q ? `${s.q} — ${t.navSearch}` : t.navSearch, body, 'search');
}
