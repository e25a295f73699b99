// Webhook delivery: a signed JSON POST through the SSRF guard, with a timeout, following at most a
// few redirects by hand so that each hop's address is checked again.
//
// Signature (documented in the README): `Raqib-Signature: t=<unix seconds>,v1=<hex>` where
// v1 = HMAC-SHA256(subscription secret, `${t}.${body}`). Signing the timestamp with the body lets a
// receiver refuse replays older than a few minutes; the same scheme as Stripe's, so existing
// verification code carries over.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AppError, isAppError } from '../../pipeline/errors.ts';
import type { AddressGuard } from './ssrf.ts';

const SIGNATURE_HEADER = 'raqib-signature';
const MAX_REDIRECTS = 3;
const MAX_RESPONSE_BYTES = 64 * 1024;

function signature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signature(secret, timestamp, body)}`;
}

/** What a receiver does (and what the README shows): constant-time compare, bounded clock skew. */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(signature(secret, t, body), 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface WebhookRequest {
  url: string;
  body: string;
  secret: string;
  idempotencyKey: string;
  eventType: string;
  timeoutMs: number;
  userAgent: string;
  now: () => Date;
}

export interface WebhookResult {
  status: number;
  /** The URL that answered (after redirects). */
  url: string;
}

/**
 * POST the body; resolves with the final 2xx status, throws DELIVERY_FAILED (retry later) or
 * ADDRESS_REFUSED (the target is not allowed: retrying will not help).
 */
export async function postWebhook(req: WebhookRequest, guard: AddressGuard): Promise<WebhookResult> {
  let url = new URL(req.url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const target = await guard.resolve(url);
    const timestamp = Math.floor(req.now().getTime() / 1000);
    const res = await send(url, target, req, timestamp);
    if (res.status >= 300 && res.status < 400 && res.location) {
      url = new URL(res.location, url);
      continue;
    }
    if (res.status >= 200 && res.status < 300) return { status: res.status, url: url.toString() };
    throw new AppError('DELIVERY_FAILED', `Receiver answered HTTP ${res.status}`, { details: { status: res.status } });
  }
  throw new AppError('DELIVERY_FAILED', `More than ${MAX_REDIRECTS} redirects`);
}

function send(
  url: URL,
  target: { address: string; family: 4 | 6 },
  req: WebhookRequest,
  timestamp: number,
): Promise<{ status: number; location: string | null }> {
  const body = Buffer.from(req.body);
  const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      reject(isAppError(e) ? e : new AppError('DELIVERY_FAILED', `Webhook request failed: ${(e as Error).message}`));
    };
    const r = make(
      url,
      {
        method: 'POST',
        // Pinned to the address the guard checked: the host name still goes in Host and SNI.
        lookup: ((_host: string, opts: { all?: boolean }, cb: (...args: unknown[]) => void) => {
          if (opts?.all) cb(null, [{ address: target.address, family: target.family }]);
          else cb(null, target.address, target.family);
        }) as never,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': body.length,
          'user-agent': req.userAgent,
          'idempotency-key': req.idempotencyKey,
          'raqib-event': req.eventType,
          [SIGNATURE_HEADER]: signatureHeader(req.secret, timestamp, req.body),
        },
        timeout: req.timeoutMs,
      },
      (res) => {
        let size = 0;
        // The body is read (bounded) only to free the socket; receivers' answers are not used.
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on('error', fail);
        res.on('close', () => {
          if (settled) return;
          settled = true;
          clearTimeout(overall);
          const loc = res.headers.location;
          resolve({ status: res.statusCode ?? 0, location: typeof loc === 'string' ? loc : null });
        });
      },
    );
    // `timeout` above is per idle socket; this bounds the whole exchange (a trickling receiver).
    const overall = setTimeout(() => {
      r.destroy(new AppError('DELIVERY_FAILED', `Receiver did not answer within ${req.timeoutMs} ms`));
    }, req.timeoutMs);
    r.on('timeout', () => r.destroy(new AppError('DELIVERY_FAILED', `Receiver timed out after ${req.timeoutMs} ms`)));
    r.on('error', (e) => {
      clearTimeout(overall);
      fail(e);
    });
    r.end(body);
  });
}
