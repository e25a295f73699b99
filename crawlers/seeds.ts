// The first requests of a run: one per feed or sitemap, and one per listing or search page the
// discovery entries name (all pages of a `{page}` template, or the first page when pagination
// follows rel="next").
import { expandTemplate } from './discovery.ts';
import type { SourceConfig } from './source-config.ts';
import type { CrawlRequest } from './types.ts';

export function seedRequests(
  source: SourceConfig,
  discoveryKey: (discovery: number, url: string) => string,
): CrawlRequest[] {
  const seeds: CrawlRequest[] = [];
  source.discovery.forEach((d, index) => {
    if (d.type === 'feed' || d.type === 'sitemap') {
      seeds.push({
        url: d.url,
        uniqueKey: discoveryKey(index, d.url),
        userData: { kind: d.type, depth: 0, discovery: index },
      });
      return;
    }
    const queries = d.type === 'search' ? d.queries : [''];
    const paged = d.url.includes('{page}');
    for (const query of queries) {
      for (let page = 1; page <= (paged ? d.maxPages : 1); page++) {
        const url = expandTemplate(d.url, { page, query });
        seeds.push({
          url,
          uniqueKey: discoveryKey(index, url),
          userData: { kind: d.type, depth: page, discovery: index, followNext: !paged },
        });
      }
    }
  });
  return seeds;
}
