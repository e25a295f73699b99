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
    // A queue on disk may outlive the code that wrote it: an unknown label is that URL's failure.
    const handler = Object.hasOwn(ROUTES, data.kind) ? ROUTES[data.kind] : undefined;
    if (!handler) throw new AppError('INTERNAL', `no handler for the request label ${String(data.kind)}`);
    await handler(ctx, { url: request.url, data });
  } catch (cause) {
    const error = isAppError(cause) ? cause : new AppError('INTERNAL', String(cause), { cause });
    ctx.state.fail(request.url, error, 1, data.kind);
  } finally {
    ctx.state.handled(request);
  }
}
