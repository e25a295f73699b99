// The steps every label shares before its own work: robots.txt, then the fetch with its failure
// bookkeeping. A null answer means the URL already ended here (skipped or failed, and recorded).
import { AppError } from '../../pipeline/errors.ts';
import { decodeBody } from '../decode.ts';
import type { FetchedResponse } from '../fetch-page.ts';
import type { HandlerContext, HandlerRequest } from './context.ts';

export async function fetchAdmitted(
  ctx: HandlerContext,
  { url, data }: HandlerRequest,
  headers?: Record<string, string>,
): Promise<FetchedResponse | null> {
  const { source, state, fetcher } = ctx;
  if (source.politeness.respectRobots) {
    const rules = await fetcher.robots.rulesFor(url);
    if (rules.origin === 'unreachable') {
      // RFC 9309: an unreachable robots.txt means "crawl nothing". That is the site failing, so it
      // counts against the source's health and the URLs are retried next run.
      const code = (rules.errorCode ?? 'FETCH_NETWORK') as AppError['code'];
      const error = new AppError(code, `robots.txt of ${new URL(url).origin} unreachable; nothing fetched`);
      state.fail(url, error, 0, data.kind);
      return null;
    }
    if (!rules.isAllowed(url)) {
      state.disallowed(url, data.kind);
      return null;
    }
  }
  const outcome = await fetcher.fetch(url, headers);
  if (!outcome.ok) {
    state.fail(url, outcome.error, outcome.attempts, data.kind);
    return null;
  }
  state.successes++;
  state.bump('fetched');
  state.counts.bytes += outcome.response.body.byteLength;
  return outcome.response;
}

/** A feed, sitemap or listing page as text, or null when there is nothing to read. */
export async function fetchDiscoveryPage(
  ctx: HandlerContext,
  request: HandlerRequest,
): Promise<{ url: string; text: string } | null> {
  const response = await fetchAdmitted(ctx, request);
  if (!response) return null;
  if (response.status === 304) {
    ctx.state.counts.notModified++;
    ctx.state.succeeded(request.url);
    return null;
  }
  return { url: response.finalUrl, text: decodeBody(response.body, response.headers['content-type']).text };
}
