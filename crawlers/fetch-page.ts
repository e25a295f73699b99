// One HTTP GET with the crawler's rules: identifying User-Agent, a hard timeout, a body size cap
// enforced while streaming (Content-Length can lie or be absent), and bounded retries with
// exponential backoff for the failures worth retrying (5xx, 429, timeouts, network), honouring
// Retry-After (RFC 9110 §10.2.3).
import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, type ErrorCode, isAppError } from '../pipeline/errors.ts';

export interface FetchOptions {
  userAgent: string;
  timeoutMs: number;
  maxBytes: number;
  headers?: Record<string, string>;
  /** The crawl run's signal: its deadline or shutdown aborts the request in flight. */
  signal?: AbortSignal;
}

export interface FetchedResponse {
  status: number;
  finalUrl: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface RetryOptions {
  maxRetries: number;
  baseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the URL fails and is retried next run. */
  maxRetryAfterMs: number;
  /** Runs around each attempt (the per-host rate limiter); sleeping between attempts is outside it. */
  around?: <T>(attempt: () => Promise<T>) => Promise<T>;
  onRetry?: (info: { attempt: number; delayMs: number; error: AppError }) => void;
}

export type FetchOutcome =
  | { ok: true; response: FetchedResponse; attempts: number }
  | { ok: false; error: AppError; attempts: number };

/**
 * One attempt, bounded: `AbortSignal.timeout` covers the body too, but an attempt also races a
 * plain timer, so a stream that ignores the abort (a decoder stuck on a broken body) still ends.
 */
export async function fetchPage(url: string, options: FetchOptions): Promise<FetchedResponse> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AppError('FETCH_TIMEOUT', `timeout fetching ${url}`, { details: { url } })),
      options.timeoutMs + 1000,
    );
  });
  try {
    return await Promise.race([fetchOnce(url, options), guard]);
  } finally {
    clearTimeout(timer);
  }
}

async function fetchOnce(url: string, options: FetchOptions): Promise<FetchedResponse> {
  if (options.signal?.aborted) throw aborted(url);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: {
        'user-agent': options.userAgent,
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/pdf;q=0.8,*/*;q=0.5',
        'accept-language': 'fr,ar;q=0.9,en;q=0.5',
        ...options.headers,
      },
      redirect: 'follow',
      signal: options.signal
        ? AbortSignal.any([AbortSignal.timeout(options.timeoutMs), options.signal])
        : AbortSignal.timeout(options.timeoutMs),
    });
  } catch (cause) {
    if (options.signal?.aborted) throw aborted(url);
    throw networkError(url, cause);
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const status = response.status;
  if (status === 429 || status >= 500 || (status >= 400 && status < 500)) {
    await response.body?.cancel().catch(() => {});
    const code: ErrorCode = status === 429 ? 'FETCH_RATE_LIMITED' : status >= 500 ? 'FETCH_HTTP_5XX' : 'FETCH_HTTP_4XX';
    throw new AppError(code, `HTTP ${status} for ${url}`, {
      details: { status, url, retryAfter: headers['retry-after'] ?? null },
    });
  }
  const declared = Number(headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(url, declared, options.maxBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    if (response.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > options.maxBytes) {
          await response.body.cancel().catch(() => {});
          throw tooLarge(url, size, options.maxBytes);
        }
        chunks.push(Buffer.from(chunk));
      }
    }
  } catch (cause) {
    if (isAppError(cause)) throw cause;
    if (options.signal?.aborted) throw aborted(url);
    throw networkError(url, cause);
  }
  // fetch decodes gzip/deflate/br itself and ends a broken stream quietly with no bytes: a page
  // announced as compressed that decodes to nothing is a decoding failure, not an empty page.
  if (size === 0 && headers['content-encoding'] && status !== 204 && status !== 304) {
    throw new AppError('DECODE_FAILED', `${url}: ${headers['content-encoding']} body could not be decoded`, {
      details: { url, encoding: headers['content-encoding'] },
    });
  }
  return { status, finalUrl: response.url || url, headers, body: Buffer.concat(chunks) };
}

export async function fetchWithRetry(url: string, options: FetchOptions, retry: RetryOptions): Promise<FetchOutcome> {
  const around = retry.around ?? (<T>(f: () => Promise<T>) => f());
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await around(() => fetchPage(url, options));
      return { ok: true, response, attempts: attempt };
    } catch (cause) {
      const error = isAppError(cause) ? cause : new AppError('INTERNAL', String(cause), { cause });
      const stopped = options.signal?.aborted === true;
      if (stopped || !error.retryable || attempt > retry.maxRetries) return { ok: false, error, attempts: attempt };
      const backoff = retry.baseDelayMs * 2 ** (attempt - 1);
      // Jitter spreads retries of many URLs of one host so they don't arrive together.
      let delayMs = Math.round(backoff * (0.75 + Math.random() * 0.5));
      const retryAfter = parseRetryAfter(error.details?.retryAfter);
      if (retryAfter !== null) {
        if (retryAfter > retry.maxRetryAfterMs) return { ok: false, error, attempts: attempt };
        delayMs = Math.max(delayMs, retryAfter);
      }
      retry.onRetry?.({ attempt, delayMs, error });
      try {
        await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : undefined);
      } catch {
        return { ok: false, error: aborted(url), attempts: attempt };
      }
    }
  }
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** The run ended (deadline or shutdown) while this URL was in flight. */
function aborted(url: string): AppError {
  return new AppError('FETCH_TIMEOUT', `crawl run ended before ${url} was fetched`, { details: { url } });
}

function tooLarge(url: string, size: number, max: number): AppError {
  return new AppError('FETCH_TOO_LARGE', `${url} is larger than ${max} bytes (${size}+)`, {
    details: { url, size, max },
  });
}

function networkError(url: string, cause: unknown): AppError {
  const name = (cause as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new AppError('FETCH_TIMEOUT', `timeout fetching ${url}`, { cause, details: { url } });
  }
  const detail = (cause as { cause?: { code?: string } })?.cause?.code ?? (cause as Error)?.message;
  return new AppError('FETCH_NETWORK', `network error fetching ${url}: ${detail}`, { cause, details: { url } });
}
