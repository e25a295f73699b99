// The `listing` and `search` labels: queue the article links of an HTML listing (or a site search
// results page) that match the discovery entry's link pattern, and follow rel="next" when the
// configured URL has no `{page}` placeholder to page through.
import { parseListing } from '../discovery.ts';
import type { PageHandler } from './context.ts';
import { fetchDiscoveryPage } from './gate.ts';

export const handleListing: PageHandler = async (ctx, request) => {
  const page = await fetchDiscoveryPage(ctx, request);
  if (!page) return;
  const { state } = ctx;
  const { data } = request;
  const entry = ctx.source.discovery[data.discovery];
  if (entry && (entry.type === 'listing' || entry.type === 'search')) {
    const listing = parseListing(page.text, page.url, new RegExp(entry.linkPattern));
    await state.enqueueArticles(listing.links, 0);
    if (data.followNext && listing.next && data.depth < entry.maxPages) {
      await state.enqueue([
        {
          url: listing.next,
          uniqueKey: state.discoveryKey(data.discovery, listing.next),
          userData: { ...data, depth: data.depth + 1 },
        },
      ]);
    }
  }
  state.succeeded(request.url);
};
