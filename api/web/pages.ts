// The pages as pure functions of the API's JSON: what to show, in the interface language, with
// each piece of data in its own language and direction (`lang` + `dir`), so Arabic coverage reads
// right-to-left beside French left-to-right on the same page.
import type {
  CaseListItem,
  CaseRecord,
  DocumentResponse,
  EntityResponse,
  SearchResponse,
  SourceHealth,
} from './client.ts';
import { type Annotation, annotatedText, esc, type Html, highlighted, html, trusted } from './html.ts';
import { dirOf, type Messages, UI_LANGS, type UiLang } from './i18n.ts';

export interface PageContext {
  lang: UiLang;
  t: Messages;
  /** The current URL (path and query), for the language switch. */
  url: string;
  /** Appended to asset URLs so a new release is fetched despite long caching. */
  assetVersion: string;
}

// ---------------------------------------------------------------- shared pieces

const LANG_LABEL: Record<UiLang, string> = { fr: 'Français', ar: 'العربية', en: 'English' };

function switchUrl(url: string, lang: UiLang): string {
  const [path, query = ''] = url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.set('hl', lang);
  return `${path}?${params}`;
}

export function layout(
  ctx: PageContext,
  title: string,
  body: Html,
  active: 'search' | 'cases' | 'sources' | null,
): Html {
  const { t, lang } = ctx;
  const v = encodeURIComponent(ctx.assetVersion);
  const nav = (key: typeof active, href: string, label: string) =>
    html`<a href="${href}"${trusted(key === active ? ' aria-current="page"' : '')}>${label}</a>`;
  return html`<!doctype html>
<html lang="${lang}" dir="${dirOf(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Raqib</title>
<link rel="icon" href="/ui/assets/icon.svg?v=${v}" type="image/svg+xml">
<link rel="stylesheet" href="/ui/assets/app.css?v=${v}">
<script type="module" src="/ui/assets/app.js?v=${v}"></script>
</head>
<body>
<a class="skip" href="#main">${t.skip}</a>
<header class="top">
  <a class="brand" href="/ui"><span lang="ar" dir="rtl">رقيب</span> Raqib</a>
  <span class="tagline">${t.tagline}</span>
  <nav class="nav" aria-label="Raqib">
    ${nav('search', '/ui', t.navSearch)}
    ${nav('cases', '/ui/cases', t.navCases)}
    ${nav('sources', '/ui/sources', t.navSources)}
    <a href="/docs">${t.navApi}</a>
  </nav>
  <nav class="langs" aria-label="${t.language}">
    ${UI_LANGS.map(
      (l) =>
        html`<a href="${switchUrl(ctx.url, l)}" lang="${l}" dir="${dirOf(l)}" hreflang="${l}"${trusted(l === lang ? ' aria-current="true"' : '')}>${LANG_LABEL[l]}</a>`,
    )}
  </nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
</body>
</html>`;
}

/** A date as the sources gave it (`2023-01-10T15:37:00+01:00` is the 10th wherever the reader is). */
export function formatDate(value: string | null | undefined, lang: UiLang): string {
  if (!value) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // Latin digits in Arabic too: the Moroccan press writes dates that way.
  return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-MA-u-nu-latn' : lang === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(d);
}

const time = (value: string | null | undefined, lang: UiLang) =>
  value ? html`<time datetime="${value.slice(0, 10)}">${formatDate(value, lang)}</time>` : '';

/** An instant the system recorded (crawl runs): date and UTC time of day, which operators need. */
const instant = (value: string | null | undefined, lang: UiLang) =>
  value
    ? html`<time datetime="${value}">${formatDate(value, lang)} ${/T(\d{2}:\d{2})/.exec(value)?.[1] ?? ''} UTC</time>`
    : '';

const langBadge = (lang: string) => html`<abbr class="lang-badge" title="${lang}">${lang.toUpperCase()}</abbr>`;

/** A piece of data in its own language: the element carries `lang` and, for Arabic, `dir="rtl"`. */
function dataText(text: string | Html, lang: string | null | undefined, tag = 'span', cls = ''): Html {
  const l = lang && lang !== 'und' ? lang : null;
  const attrs = `${l ? ` lang="${esc(l)}" dir="${dirOf(l)}"` : ' dir="auto"'}${cls ? ` class="${esc(cls)}"` : ''}`;
  return html`${trusted(`<${tag}${attrs}>`)}${text}${trusted(`</${tag}>`)}`;
}

const docHref = (id: string) => `/ui/documents/${encodeURIComponent(id)}`;
const caseHref = (id: string) => `/ui/cases/${encodeURIComponent(id)}`;
const entityHref = (id: string) => `/ui/entities/${encodeURIComponent(id)}`;

const caseTitle = (title: { fr: string; ar: string }, lang: UiLang) =>
  lang === 'ar' ? dataText(title.ar, 'ar') : dataText(title.fr, 'fr');

export function errorPage(ctx: PageContext, status: number, message: string): Html {
  const { t } = ctx;
  const heading = status === 404 ? t.notFound : status === 400 ? t.badRequest : t.error;
  return layout(
    ctx,
    heading,
    html`<h1>${heading}</h1><p class="error" role="alert">${message}</p><p><a href="/ui">${t.back}</a></p>`,
    null,
  );
}

// ---------------------------------------------------------------- search

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

// ---------------------------------------------------------------- case

interface DocInfo {
  id: string;
  title: string | null;
  language: string;
  outlet: string;
  publishedAt: string | null;
}

function caseDocs(record: CaseRecord): Map<string, DocInfo> {
  const map = new Map<string, DocInfo>();
  for (const g of record.documents)
    for (const o of g.outlets)
      for (const d of o.documents)
        map.set(d.id, { id: d.id, title: d.title, language: g.language, outlet: o.outlet, publishedAt: d.publishedAt });
  return map;
}

function docRef(id: string, docs: Map<string, DocInfo>, ctx: PageContext): Html {
  const d = docs.get(id);
  if (!d) return html`<li><a href="${docHref(id)}">${id}</a></li>`;
  return html`<li>${langBadge(d.language)} <a href="${docHref(id)}">${dataText(d.title ?? id, d.language)}</a> <span class="outlet" dir="auto">${d.outlet}</span>${d.publishedAt ? html` · ${time(d.publishedAt, ctx.lang)}` : ''}</li>`;
}

const DEADLINE_LABELS: Record<UiLang, Record<string, string>> = {
  fr: {
    deadline: 'délai',
    'compliance deadline': 'délai de mise en conformité',
    'effective date': 'entrée en vigueur',
  },
  ar: { deadline: 'أجل', 'compliance deadline': 'أجل المطابقة', 'effective date': 'تاريخ السريان' },
  en: {},
};

// The case record's known gaps (pipeline/link/record.ts) in the interface language; a gap added
// there later shows in English until it is translated here.
const COMPLETENESS: Record<UiLang, Record<string, string>> = {
  fr: {
    'no regulator communiqué found, press only': 'aucun communiqué de la CNDP trouvé, presse seulement',
    'no French coverage found': 'aucune couverture en français trouvée',
    'no Arabic coverage found': 'aucune couverture en arabe trouvée',
    'a single source': 'une seule source',
    'no dated event in the sources': 'aucun événement daté dans les sources',
    'sources disagree on some dates': 'les sources divergent sur certaines dates',
  },
  ar: {
    'no regulator communiqué found, press only': 'لم يُعثر على بلاغ للجنة الوطنية، الصحافة فقط',
    'no French coverage found': 'لا تغطية بالفرنسية',
    'no Arabic coverage found': 'لا تغطية بالعربية',
    'a single source': 'مصدر واحد فقط',
    'no dated event in the sources': 'لا حدث مؤرخ في المصادر',
    'sources disagree on some dates': 'تختلف المصادر حول بعض التواريخ',
  },
  en: {},
};

export function casePage(record: CaseRecord, ctx: PageContext): Html {
  const { t, lang } = ctx;
  const docs = caseDocs(record);
  const other = lang === 'ar' ? dataText(record.title.fr, 'fr') : dataText(record.title.ar, 'ar');
  const timeline = record.timeline.map(
    (e) => html`<li class="event${e.disputed ? ' disputed' : ''}">
<div class="when">${time(e.date, lang)}</div>
<div class="what"><strong>${lang === 'ar' ? dataText(e.label.ar, 'ar') : e.label.fr}</strong>${e.disputed ? html` <span class="badge warn" title="${t.disputed}">${t.disputed}</span>` : ''}
${e.sentence ? html`<blockquote class="said" dir="auto">${e.sentence}</blockquote>` : ''}
<details${trusted(e.documentIds.length <= 4 ? ' open' : '')}><summary>${t.reportedBy} (${e.documentIds.length})</summary><ul class="reports">${e.documentIds.map((id) => docRef(id, docs, ctx))}</ul></details></div>
</li>`,
  );
  const undated = record.undatedEvents.map(
    (e) => html`<li class="event"><div class="when">${t.undated}</div>
<div class="what"><strong>${t.eventType[e.type] ?? e.type}</strong><details><summary>${t.reportedBy} (${e.documentIds.length})</summary><ul class="reports">${e.documentIds.map((id) => docRef(id, docs, ctx))}</ul></details></div></li>`,
  );
  const languages = record.documents.map((g) => g.language);
  const outlets = [...new Set(record.documents.flatMap((g) => g.outlets.map((o) => o.outlet)))].sort();
  const cell = (outlet: string, language: string) =>
    record.documents.find((g) => g.language === language)?.outlets.find((o) => o.outlet === outlet)?.documents.length ??
    0;
  const body = html`<article class="case">
${record.redirectedFrom ? html`<p class="notice">${t.redirected(record.redirectedFrom)}</p>` : ''}
<h1>${caseTitle(record.title, lang)}</h1>
<p class="subtitle">${other}</p>
<dl class="facts">
<dt>${t.caseType}</dt><dd>${t.caseTypeName[record.type] ?? record.type}</dd>
${record.topic ? html`<dt>${t.topic}</dt><dd>${lang === 'ar' ? dataText(record.topic.ar, 'ar') : record.topic.fr}</dd>` : ''}
<dt>${t.period}</dt><dd>${time(record.firstSeen, lang)}${record.lastSeen ? html` – ${time(record.lastSeen, lang)}` : ''}</dd>
${record.subjects.length ? html`<dt>${t.subjects}</dt><dd><ul class="inline">${record.subjects.map((s) => html`<li><a href="${entityHref(s.id)}">${dataText(lang === 'ar' && s.nameAr ? s.nameAr : s.name, lang === 'ar' && s.nameAr ? 'ar' : null)}</a> <span class="count">${s.documentCount}</span></li>`)}</ul></dd>` : ''}
${record.regulators.length ? html`<dt>${t.regulators}</dt><dd><ul class="inline">${record.regulators.map((r) => html`<li><a href="${entityHref(r.id)}" dir="auto">${r.id === 'org:cndp' ? 'CNDP' : r.name}</a></li>`)}</ul></dd>` : ''}
${record.laws.length ? html`<dt>${t.laws}</dt><dd><ul class="laws">${record.laws.map((l) => html`<li class="${l.parentId ? 'sub' : ''}"><a href="${entityHref(l.id)}" dir="auto">${l.label}</a> <span class="count">${l.documentIds.length}</span></li>`)}</ul></dd>` : ''}
<dt>${t.documents}</dt><dd>${record.documentCount} ${languages.map((l) => langBadge(l))}</dd>
</dl>
<section class="follow" id="follow" data-case-id="${record.id}" hidden>
<button type="button" class="follow-button">${t.follow}</button>
<p class="follow-result" role="status" data-ok="${t.following}" data-failed="${t.followFailed}" data-unavailable="${t.followUnavailable}" data-unsubscribe="${t.unsubscribe}"></p>
</section>
<section aria-labelledby="h-timeline"><h2 id="h-timeline">${t.timeline}</h2>
<ol class="timeline">${timeline}${undated}</ol></section>
${
  record.deadlines.length
    ? html`<section aria-labelledby="h-deadlines"><h2 id="h-deadlines">${t.deadlines}</h2>
<table class="deadlines"><tbody>${record.deadlines.map(
        (d) => html`<tr><td>${time(d.date, lang)}</td><td>${DEADLINE_LABELS[lang][d.label] ?? d.label}</td>
<td><span class="badge ${d.status === 'upcoming' ? 'ok' : 'muted'}">${d.status === 'upcoming' ? t.deadlineUpcoming : t.deadlinePassed}</span></td>
<td><details><summary>${t.reportedBy} (${d.documentIds.length})</summary><ul class="reports">${d.documentIds.map((id) => docRef(id, docs, ctx))}</ul></details></td></tr>`,
      )}</tbody></table></section>`
    : ''
}
<section aria-labelledby="h-coverage"><h2 id="h-coverage">${t.coverage}</h2>
<div class="scroll"><table class="coverage"><thead><tr><th scope="col">${t.outlet}</th>${languages.map((l) => html`<th scope="col">${t.langName[l] ?? l}</th>`)}</tr></thead>
<tbody>${outlets.map((o) => html`<tr><th scope="row" dir="auto">${o}</th>${languages.map((l) => html`<td>${cell(o, l) || ''}</td>`)}</tr>`)}</tbody></table></div>
${record.documents.map(
  (
    g,
  ) => html`<h3>${t.langName[g.language] ?? g.language} (${g.outlets.reduce((n, o) => n + o.documents.length, 0)})</h3>
<ul class="reports">${g.outlets.flatMap((o) => o.documents.map((d) => docRef(d.id, docs, ctx)))}</ul>`,
)}</section>
${record.completeness.length ? html`<section aria-labelledby="h-gaps"><h2 id="h-gaps">${t.completeness}</h2><ul>${record.completeness.map((c) => (COMPLETENESS[lang][c] ? html`<li>${COMPLETENESS[lang][c]}</li>` : html`<li lang="en" dir="ltr">${c}</li>`))}</ul></section>` : ''}
</article>`;
  return layout(ctx, lang === 'ar' ? record.title.ar : record.title.fr, body, null);
}

export const CASES_PAGE_SIZE = 100;

export function casesListPage(cases: CaseListItem[], total: number, offset: number, ctx: PageContext): Html {
  const { t, lang } = ctx;
  const pager = (to: number, label: string, rel: string) =>
    html`<a rel="${rel}" href="/ui/cases${to > 0 ? `?offset=${to}` : ''}">${label}</a>`;
  const body = html`<h1>${t.casesTitle} <span class="count">${total}</span></h1>
<div class="scroll"><table class="list"><thead><tr><th scope="col">${t.casesTitle}</th><th scope="col">${t.caseType}</th><th scope="col">${t.docCount}</th><th scope="col">${t.firstSeen}</th><th scope="col">${t.lastSeen}</th></tr></thead>
<tbody>${cases.map(
    (c) => html`<tr><td><a href="${caseHref(c.id)}">${caseTitle({ fr: c.titleFr, ar: c.titleAr }, lang)}</a></td>
<td>${t.caseTypeName[c.type] ?? c.type}</td><td class="num">${c.documentCount}</td><td>${time(c.firstSeen, lang)}</td><td>${time(c.lastSeen, lang)}</td></tr>`,
  )}</tbody></table></div>
<p class="more">${offset > 0 ? pager(Math.max(0, offset - CASES_PAGE_SIZE), t.previous, 'prev') : ''} ${offset + cases.length < total ? pager(offset + CASES_PAGE_SIZE, t.more, 'next') : ''}</p>`;
  return layout(ctx, t.casesTitle, body, 'cases');
}

// ---------------------------------------------------------------- document

const MENTION_KINDS: Record<string, string> = {
  organizations: 'org',
  persons: 'person',
  laws: 'law',
  events: 'event',
  deadlines: 'deadline',
  amounts: 'amount',
};

export function mentionAnnotations(doc: DocumentResponse, t: Messages): Annotation[] {
  const out: Annotation[] = [];
  const text = doc.analysis?.text ?? '';
  for (const [group, items] of Object.entries(doc.entities ?? {})) {
    const kind = MENTION_KINDS[group] ?? 'other';
    for (const e of items) {
      const linkable = (kind === 'org' || kind === 'law') && typeof e.id === 'string';
      const title =
        kind === 'event'
          ? `${t.eventType[e.type ?? ''] ?? e.type ?? ''}${e.date ? ` · ${e.date}` : ''}`
          : kind === 'deadline'
            ? `${e.label ?? ''} ${e.date ?? ''}`
            : (e.name ?? e.label ?? e.id ?? '');
      for (const m of e.mentions ?? []) {
        // Offsets index the current text; a mention recorded against another version is skipped.
        if (text.slice(m.start, m.end) !== m.text) continue;
        out.push({ start: m.start, end: m.end, kind, href: linkable ? entityHref(e.id as string) : null, title });
      }
    }
  }
  return out;
}

export interface DocumentView {
  doc: DocumentResponse;
  /** Titles of the duplicate copies and of the cases, looked up by id. */
  titles: Map<string, { title: string | null; language: string; outlet: string | null }>;
  cases: Map<string, CaseRecord>;
}

export function documentPage(view: DocumentView, ctx: PageContext): Html {
  const { t, lang } = ctx;
  const { doc } = view;
  const a = doc.analysis;
  const dl = a?.language ?? 'und';
  const entityList = (group: string) =>
    (doc.entities?.[group] ?? []).filter((e) => typeof e.id === 'string' && e.mentions.length > 0);
  const caseLink = (id: string) => {
    const c = view.cases.get(id);
    return html`<a href="${caseHref(id)}">${c ? caseTitle(c.title, lang) : id}</a>`;
  };
  const versions = doc.versions.map(
    (v, i) =>
      html`<li>v${v.versionNo} · ${time(v.createdAt, lang)} · <code title="${v.contentHash}">${v.contentHash.slice(0, 10)}</code> · ${i === 0 ? t.versionFirst : t.versionChanged} · <a href="${v.snapshot}" rel="nofollow">${t.snapshot}</a></li>`,
  );
  const body = html`<article class="document">
<h1>${dataText(a?.title ?? doc.id, dl)}</h1>
<div class="doc-grid">
<div class="doc-text" lang="${dl === 'und' ? '' : dl}">${a?.text ? annotatedText(a.text, mentionAnnotations(doc, t)) : html`<p>${t.noText}</p>`}</div>
<aside class="side">
<section><h2>${t.metadata}</h2><dl class="facts">
<dt>${t.outlet}</dt><dd dir="auto">${a?.outlet ?? ''}</dd>
<dt>${t.source}</dt><dd><code>${doc.sourceId ?? ''}</code></dd>
<dt>${t.docLanguage}</dt><dd>${t.langName[dl] ?? dl}</dd>
${a?.publishedAt ? html`<dt>${t.published}</dt><dd>${time(a.publishedAt, lang)}</dd>` : ''}
${a?.updatedAt ? html`<dt>${t.updated}</dt><dd>${time(a.updatedAt, lang)}</dd>` : ''}
${a?.author ? html`<dt>${t.author}</dt><dd dir="auto">${a.author}</dd>` : ''}
${a ? html`<dt>${t.relevant}</dt><dd>${a.relevant ? t.yes : t.no}${a.rejectedReason ? html` <small>(${a.rejectedReason})</small>` : ''}</dd>` : ''}
</dl>
<p class="links">${doc.url ? html`<a href="${doc.url}" rel="noopener noreferrer nofollow" target="_blank">${t.original} ↗</a>` : ''}${doc.snapshot ? html` · <a href="${doc.snapshot}" rel="nofollow">${t.snapshot}</a>` : ''}</p>
</section>
${doc.cases.caseId || doc.cases.mentionedCaseIds.length ? html`<section><h2>${t.cases}</h2><ul>${doc.cases.caseId ? html`<li>${caseLink(doc.cases.caseId)}</li>` : ''}${doc.cases.mentionedCaseIds.map((id) => html`<li class="muted">${t.mentionedIn}: ${caseLink(id)}</li>`)}</ul></section>` : ''}
<section><h2>${t.entities}</h2>
${[
  ['organizations', t.facet_org],
  ['laws', t.laws],
].map(([g, label]) => {
  const items = entityList(g as string);
  return items.length
    ? html`<h3>${label}</h3><ul>${items.map((e) => html`<li><a class="ent ent-${MENTION_KINDS[g as string]}" href="${entityHref(e.id as string)}" dir="auto">${e.name ?? e.label ?? e.id}</a> <span class="count">${e.mentions.length}</span></li>`)}</ul>`
    : '';
})}
${(doc.entities?.events ?? []).length ? html`<h3>${t.facet_eventType}</h3><ul>${(doc.entities?.events ?? []).map((e) => html`<li><span class="ent ent-event">${t.eventType[e.type ?? ''] ?? e.type}</span>${e.date ? html` · ${time(e.date, lang)}` : ''}</li>`)}</ul>` : ''}
${(doc.entities?.deadlines ?? []).length ? html`<h3>${t.deadlines}</h3><ul>${(doc.entities?.deadlines ?? []).map((e) => html`<li><span class="ent ent-deadline">${DEADLINE_LABELS[lang][e.label ?? ''] ?? e.label}</span> · ${time(e.date ?? null, lang)}</li>`)}</ul>` : ''}
</section>
${
  doc.duplicates && doc.duplicates.memberIds.length > 1
    ? html`<section><h2>${t.duplicates}</h2>
${doc.duplicates.isDuplicate ? html`<p>${t.duplicateOf} <a href="${docHref(doc.duplicates.canonicalId)}">${doc.duplicates.canonicalId}</a></p>` : ''}
<ul>${doc.duplicates.memberIds
        .filter((id) => id !== doc.id)
        .map((id) => {
          const d = view.titles.get(id);
          return html`<li><a href="${docHref(id)}">${d ? dataText(d.title ?? id, d.language) : id}</a>${d?.outlet ? html` <span class="outlet" dir="auto">${d.outlet}</span>` : ''}</li>`;
        })}</ul></section>`
    : ''
}
<section><h2>${t.versions}</h2><ol class="versions">${versions}</ol></section>
</aside>
</div>
</article>`;
  return layout(ctx, a?.title ?? doc.id, body, null);
}

// ---------------------------------------------------------------- entity

export function entityPage(entity: EntityResponse, cases: CaseRecord[], ctx: PageContext): Html {
  const { t, lang } = ctx;
  const name = entity.names[lang][0] ?? entity.names.fr[0] ?? entity.variants[0] ?? entity.id;
  const byYear = new Map<string, CaseRecord[]>();
  for (const c of [...cases].sort((a, b) => (a.firstSeen ?? '').localeCompare(b.firstSeen ?? ''))) {
    const y = c.firstSeen?.slice(0, 4) ?? '?';
    byYear.set(y, [...(byYear.get(y) ?? []), c]);
  }
  const body = html`<article class="entity">
<h1 dir="auto">${name}</h1>
<p class="meta">${t.entity} · <code>${entity.id}</code>${entity.kind ? html` · ${entity.kind}` : ''} · ${t.results(entity.documentCount)}</p>
<section><h2>${t.names}</h2>
<dl class="facts names">${(['fr', 'ar', 'en'] as const)
    .filter((l) => entity.names[l].length > 0)
    .map(
      (l) =>
        html`<dt>${t.langName[l]}</dt><dd><ul class="inline">${entity.names[l].map((n) => html`<li>${dataText(n, l)}</li>`)}</ul></dd>`,
    )}
${entity.variants.length ? html`<dt>${t.variants}</dt><dd><ul class="inline">${entity.variants.map((n) => html`<li dir="auto">${n}</li>`)}</ul></dd>` : ''}
</dl></section>
<section><h2>${t.casesOverTime}</h2>
<ol class="timeline years">${[...byYear.entries()].map(
    ([year, list]) =>
      html`<li class="event"><div class="when">${year}</div><div class="what"><ul>${list.map(
        (c) =>
          html`<li><a href="${caseHref(c.id)}">${caseTitle(c.title, lang)}</a> <span class="meta">${t.caseTypeName[c.type] ?? c.type} · ${time(c.firstSeen, lang)}${c.lastSeen ? html` – ${time(c.lastSeen, lang)}` : ''} · ${t.results(c.documentCount)}</span></li>`,
      )}</ul></div></li>`,
  )}</ol></section>
<section><h2>${t.entityDocuments}</h2><ul class="reports">${entity.documents.map(
    (d) =>
      html`<li>${langBadge(d.language)} <a href="${docHref(d.id)}">${dataText(d.title ?? d.id, d.language)}</a> <span class="outlet" dir="auto">${d.outlet ?? ''}</span>${d.publishedAt ? html` · ${time(d.publishedAt, lang)}` : ''}</li>`,
  )}</ul></section>
</article>`;
  return layout(ctx, name, body, null);
}

// ---------------------------------------------------------------- sources

export function sourcesPage(sources: SourceHealth[], ctx: PageContext): Html {
  const { t, lang } = ctx;
  const status = (s: SourceHealth) =>
    s.backingOff
      ? html`<span class="badge warn">${t.statusBackoff}</span>`
      : s.consecutiveFailures > 0
        ? html`<span class="badge bad">${t.statusFailing}</span>`
        : s.lastSuccessAt
          ? html`<span class="badge ok">${t.statusOk}</span>`
          : html`<span class="badge muted">${t.statusNever}</span>`;
  const body = html`<h1>${t.sourcesTitle}</h1><p>${t.sourcesIntro}</p>
<div class="scroll"><table class="list sources"><thead><tr><th scope="col">${t.source}</th><th scope="col">${t.status}</th><th scope="col">${t.kind}</th><th scope="col">${t.languages}</th><th scope="col">${t.lastSuccess}</th><th scope="col">${t.lastFailure}</th><th scope="col">${t.failures}</th><th scope="col">${t.lastError}</th></tr></thead>
<tbody>${sources.map(
    (
      s,
    ) => html`<tr><th scope="row"><span dir="auto">${s.name ?? s.sourceId}</span><br><code>${s.sourceId}</code></th><td>${status(s)}</td><td>${s.kind ?? ''}</td>
<td>${s.languages.map((l) => langBadge(String(l)))}</td><td>${instant(s.lastSuccessAt, lang)}</td><td>${instant(s.lastFailureAt, lang)}</td><td class="num">${s.consecutiveFailures}</td>
<td><small>${s.lastError ?? ''}${Object.keys(s.errorCounts).length ? html` ${Object.entries(s.errorCounts).map(([k, n]) => html`<code>${k}</code>×${n} `)}` : ''}</small></td></tr>`,
  )}</tbody></table></div>`;
  return layout(ctx, t.sourcesTitle, body, 'sources');
}
