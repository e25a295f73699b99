// API keys: configured as sha256 hex digests (the keys themselves are never stored), presented as
// `Authorization: Bearer <key>` or `x-api-key: <key>`. Digests are compared in constant time so
// response timing says nothing about how close a guess was.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../pipeline/errors.ts';

/**
 * The one credential a request presents, or null. Node keeps only the first of duplicate
 * `Authorization` headers, so the raw header list is counted: two credentials (two Authorization
 * headers, two x-api-key headers, or one of each) are refused rather than letting one of them win.
 */
function presentedKey(req: Pick<FastifyRequest, 'headers' | 'raw'>): string | null {
  const raw = req.raw.rawHeaders;
  let credentials = 0;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]?.toLowerCase();
    if (name === 'authorization' || name === 'x-api-key') credentials++;
  }
  if (credentials > 1)
    throw new AppError('UNAUTHORIZED', 'More than one credential presented: send exactly one API key', {
      details: { parameter: 'authorization', in: 'header' },
    });
  const auth = req.headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m?.[1]) return m[1];
    throw new AppError('UNAUTHORIZED', 'Malformed Authorization header: expected Bearer <key>', {
      details: { parameter: 'authorization', in: 'header' },
    });
  }
  const header = req.headers['x-api-key'];
  return typeof header === 'string' && header.length > 0 ? header : null;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The matching configured digest, or null. Every digest is compared, match or not. */
export function matchKey(key: string, hashes: readonly string[]): string | null {
  const digest = createHash('sha256').update(key).digest();
  let found: string | null = null;
  for (const h of hashes) {
    if (!/^[0-9a-f]{64}$/.test(h)) continue;
    if (timingSafeEqual(digest, Buffer.from(h, 'hex')) && found === null) found = h;
  }
  return found;
}

/** Throws UNAUTHORIZED unless the request carries a configured key; returns an actor label for logs. */
export function requireKey(req: Pick<FastifyRequest, 'headers' | 'raw'>, hashes: readonly string[]): string {
  if (hashes.length === 0)
    throw new AppError('UNAUTHORIZED', 'This endpoint needs an API key and none is configured (RAQIB_API_KEY_HASHES)');
  const key = presentedKey(req);
  if (!key) throw new AppError('UNAUTHORIZED', 'API key required: send Authorization: Bearer <key> or x-api-key');
  const match = matchKey(key, hashes);
  if (!match) throw new AppError('UNAUTHORIZED', 'Invalid API key');
  // A digest prefix identifies the key in the curation log without revealing it.
  return `key:${match.slice(0, 8)}`;
}
