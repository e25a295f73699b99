// The `article` label: fetch an article (conditionally, when a version is on record), read its
// text (HTML or PDF), keep it if the source finds it relevant, and store it as a snapshot.
// Understanding the text is the pipeline's job; this handler only records what the site served.
import { AppError, isAppError } from '../../pipeline/errors.ts';
import { sha256 } from '../../pipeline/ids.ts';
import {
  getDocumentByCanonicalUrl,
  getDocumentByFetchedUrl,
  recordSnapshot,
  touchDocument,
} from '../../store/documents.ts';
import { getFailure } from '../../store/frontier.ts';
import { canonicalizeUrl } from '../canonicalize.ts';
import { decodeBody, mimeType } from '../decode.ts';
import { parseListing } from '../discovery.ts';
import type { FetchedResponse } from '../fetch-page.ts';
import { readPdfText } from '../pdf.ts';
import { matchesKeywords, visibleText } from '../relevance.ts';
import type { HandlerContext, HandlerRequest, PageHandler } from './context.ts';
import { fetchAdmitted } from './gate.ts';

interface ArticleText {
  text: string;
  charset: string | null;
  contentType: string;
  isPdf: boolean;
}

export const handleArticle: PageHandler = async (ctx, request) => {
  const { db, state } = ctx;
  const { url, data } = request;
  if (isRecentPermanentFailure(ctx, url)) {
    // Not fetched again, but still an article the source fails to deliver: health counts it.
    state.articles.failed++;
    state.bump('skipped');
    return;
  }
  const doc = getDocumentByCanonicalUrl(db, data.canonicalUrl ?? url) ?? getDocumentByFetchedUrl(db, url);
  const conditional: Record<string, string> = {};
  if (doc?.etag) conditional['if-none-match'] = doc.etag;
  if (doc?.lastModified) conditional['if-modified-since'] = doc.lastModified;
  const response = await fetchAdmitted(ctx, request, conditional);
  if (!response) return;
  if (response.status === 304) {
    state.counts.notModified++;
    if (doc) touchDocument(db, doc.id, new Date().toISOString());
    state.succeeded(url);
    return;
  }
  let article: ArticleText;
  try {
    article = await readArticle(response);
  } catch (cause) {
    const error = isAppError(cause) ? cause : new AppError('DECODE_FAILED', String(cause), { cause });
    state.fail(url, error, 1, data.kind);
    return;
  }
  const readable = article.isPdf ? article.text : visibleText(article.text);
  const { relevance } = ctx.source;
  if (
    relevance.mode === 'keywords' &&
    relevance.keywords.length > 0 &&
    !matchesKeywords(readable, relevance.keywords)
  ) {
    state.counts.irrelevant++;
    state.bump('skipped');
    state.succeeded(url);
    return;
  }
  storeArticle(ctx, request, response, article, readable);
  // CNDP communiqués link the full deliberation as a PDF: follow those one level deep.
  if (!article.isPdf && data.depth === 0 && /\.pdf\b/i.test(article.text)) {
    const pdfLinks = parseListing(article.text, response.finalUrl, /\.pdf(?:$|\?)/i).links;
    await state.enqueueArticles(pdfLinks, 1);
  }
};

function isRecentPermanentFailure(ctx: HandlerContext, url: string): boolean {
  const previous = getFailure(ctx.db, url);
  if (!previous?.permanent) return false;
  return Date.now() - Date.parse(previous.lastAttemptAt) < ctx.crawl.permanentFailureTtlHours * 3_600_000;
}

async function readArticle(response: FetchedResponse): Promise<ArticleText> {
  const contentType = mimeType(response.headers['content-type']) || 'application/octet-stream';
  const isPdf = contentType === 'application/pdf' || response.body.subarray(0, 5).toString('latin1') === '%PDF-';
  if (isPdf) return { text: (await readPdfText(response.body)).text, charset: null, contentType, isPdf };
  const decoded = decodeBody(response.body, response.headers['content-type']);
  return { text: decoded.text, charset: decoded.charset, contentType, isPdf };
}

function storeArticle(
  ctx: HandlerContext,
  { url, data }: HandlerRequest,
  response: FetchedResponse,
  article: ArticleText,
  readable: string,
): void {
  const { source, state } = ctx;
  // A redirect (old permalink → new one) names the document by where it landed, so the feed's
  // old link and the sitemap's new one are one document.
  let canonicalUrl = data.canonicalUrl ?? url;
  if (response.finalUrl !== url) {
    try {
      canonicalUrl = canonicalizeUrl(response.finalUrl, source.canonicalization);
    } catch {
      // keep the discovered URL's canonical form
    }
  }
  const stored = recordSnapshot(ctx.db, {
    sourceId: source.id,
    url,
    canonicalUrl,
    finalUrl: response.finalUrl,
    status: response.status,
    headers: response.headers,
    body: response.body,
    contentType: article.isPdf ? 'application/pdf' : article.contentType,
    charset: article.charset,
    text: article.text,
    fetchedAt: new Date().toISOString(),
    etag: response.headers.etag ?? null,
    lastModified: response.headers['last-modified'] ?? null,
    // Versions follow the readable text (article, title, description), not the page chrome.
    contentHash: article.isPdf ? undefined : sha256(readable.replace(/\s+/g, ' ').trim().normalize('NFC')),
  });
  state.succeeded(url);
  if (stored.changed) state.bump('stored');
  else state.counts.unchanged++;
}
