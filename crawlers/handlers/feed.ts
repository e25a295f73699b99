// The `feed` and `sitemap` labels: queue the articles a feed or sitemap lists, and a sitemap
// index's child sitemaps down to `maxSitemapDepth`.
import { isSitemap, parseFeed, parseSitemap } from '../discovery.ts';
import type { PageHandler } from './context.ts';
import { fetchDiscoveryPage } from './gate.ts';

export const handleFeed: PageHandler = async (ctx, request) => {
  const page = await fetchDiscoveryPage(ctx, request);
  if (!page) return;
  const { state } = ctx;
  const { data } = request;
  // Sites mislabel both ways (a sitemap URL configured as a feed); the root element decides.
  if (isSitemap(page.text)) {
    const sitemap = parseSitemap(page.text, page.url);
    await state.enqueueArticles(
      sitemap.pages.map((p) => p.url),
      0,
    );
    if (data.depth < ctx.crawl.maxSitemapDepth) {
      await state.enqueue(
        sitemap.sitemaps.map((url) => ({
          url,
          uniqueKey: state.discoveryKey(data.discovery, url),
          userData: { kind: 'sitemap', depth: data.depth + 1, discovery: data.discovery },
        })),
      );
    }
  } else {
    await state.enqueueArticles(
      parseFeed(page.text, page.url).map((l) => l.url),
      0,
    );
  }
  state.succeeded(request.url);
};
