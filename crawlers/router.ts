// Requests are routed by their label (crawlee's router-by-label): one handler per kind of page.
// Whatever a handler throws ends as a recorded failure of its URL; nothing escapes to crawlee,
// whose retries would re-run the whole handler.
import { AppError, isAppError } from '../pipeline/errors.ts';
import { handleArticle } from './handlers/article.ts';
import type { HandlerContext, PageHandler } from './handlers/context.ts';
import { handleFeed } from './handlers/feed.ts';
import { handleListing } from './handlers/listing.ts';
import type { RequestData, RequestLabel } from './types.ts';

export const ROUTES: Readonly<Record<RequestLabel, PageHandler>> = {
  article: handleArticle,
  feed: handleFeed,
  sitemap: handleFeed,
  listing: handleListing,
  search: handleListing,
};

export async function routeRequest(
  ctx: HandlerContext,
  request: { url: string; uniqueKey: string; userData: RequestData },
): Promise<void> {
  const data = request.userData;
  try {
    await ROUTES[data.kind](ctx, { url: request.url, data });
  } catch (cause) {
    const error = isAppError(cause) ? cause : new AppError('INTERNAL', String(cause), { cause });
    ctx.state.fail(request.url, error, 1, data.kind);
  } finally {
    ctx.state.handled(request);
  }
}
