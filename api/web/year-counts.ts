// The year facet's counts. The index has no year attribute, so the counts are one `limit=0` search
// per year of the archive's span (in-process, a few ms each). Counting costs one search per year: a
// reload, the back button or a shared link within a minute reuses the counts (bounded map, oldest
// out first), and the span is kept as long.
import type { ApiClient, SearchResponse } from './client.ts';
import { apiSearchParams, type SearchState } from './search-page.ts';

const YEARS_TTL_MS = 60_000;
const MAX_YEARS = 40;
const MAX_CACHED = 500;

export type YearCount = { year: number; count: number };

/** Counts per year under a search state's query and filters, newest first, years without documents left out. */
export function createYearCounter(): (api: ApiClient, state: SearchState) => Promise<YearCount[]> {
  let archiveYears: { at: number; span: [number, number] | null } | null = null;
  const cache = new Map<string, { at: number; counts: YearCount[] }>();

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

  return async (api, state) => {
    const key = apiSearchParams(state, { withDates: false }).toString();
    const cached = cache.get(key);
    if (cached && Date.now() - cached.at < YEARS_TTL_MS) return cached.counts;
    const counts = await countYears(api, state, await yearSpan(api));
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, { at: Date.now(), counts });
    return counts;
  };
}

async function countYears(api: ApiClient, state: SearchState, span: [number, number] | null): Promise<YearCount[]> {
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
