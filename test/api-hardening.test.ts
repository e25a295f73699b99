// The API under hostile input, against the real Meilisearch and SQLite: strict parameters (no
// Infinity, no impossible dates), one error shape for every 4xx/5xx including Fastify's and Node's
// own, authentication before validation, duplicate credentials refused, slow clients cut off in
// seconds — and property-based tests (fast-check) over every route the OpenAPI document lists.
import { connect } from 'node:net';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi, hashKey } from '../api/index.ts';
import type { SearchIndex } from '../index/index.ts';
import type { Db } from '../store/db.ts';
import { conforms, HOSTILE } from './hostile.ts';
import { GAZETTEER, openCorpusIndex } from './search-fixtures.ts';

const KEY = 'hardening-test-key-0123456789abcdef';
let db: Db;
let search: SearchIndex;
let app: FastifyInstance;
let origin: string;
const ids = new Map<string, string>();

beforeAll(async () => {
  ({ db, search } = await openCorpusIndex({ label: 'hardening', indexPrefix: 'hard_', ids }));
  await search.drain();
  app = await createApi({
    db,
    search,
    config: {
      corsOrigins: [],
      apiKeyHashes: [hashKey(KEY)],
      readRequiresKey: false,
      headersTimeoutMs: 1000,
      requestTimeoutMs: 1500,
    },
    gazetteer: GAZETTEER,
  });
  origin = await app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await search?.close();
  db?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Send raw bytes on a fresh connection; resolve with what came back and when the socket closed. */
function rawExchange(
  chunks: string[],
  options: { gapMs?: number; waitMs?: number } = {},
): Promise<{ text: string; closedAfterMs: number }> {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(Number(url.port), url.hostname);
    let text = '';
    socket.on('data', (c) => {
      text += c.toString();
    });
    socket.on('error', () => undefined);
    const finish = () => resolve({ text, closedAfterMs: Date.now() - started });
    socket.on('close', finish);
    const guard = setTimeout(() => {
      socket.destroy();
    }, options.waitMs ?? 10_000);
    socket.on('close', () => clearTimeout(guard));
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (socket.destroyed) return;
        socket.write(chunk);
        if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
      }
    });
  });
}

function statusAndBody(text: string): { status: number; body: unknown } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  return { status, body: parseJson(body) };
}

describe('strict parameters', () => {
  it.each([
    ['/search?limit=Infinity', 'limit'],
    ['/search?limit=-Infinity', 'limit'],
    ['/search?offset=1e309', 'offset'],
    ['/search?limit=NaN', 'limit'],
    ['/search?limit=2.5', 'limit'],
    ['/search?limit=0x10', 'limit'],
    ['/search?limit=%201', 'limit'],
    ['/cases?offset=1e309', 'offset'],
    ['/cases?limit=Infinity', 'limit'],
    ['/cases?limit=1&limit=2', 'limit'],
    ['/entities?offset=Infinity', 'offset'],
    ['/entities?limit=-1', 'limit'],
    ['/entities/x?limit=1e3', 'limit'],
    ['/search?to=2023-02-30', 'to'],
    ['/search?from=2023-02-29', 'from'],
    ['/search?from=2023-13-45', 'from'],
    ['/search?from=2024-01-01T24:00', 'from'],
    ['/search?lang=fr', 'lang'],
    ['/cases?colour=blue', 'colour'],
    ['/search?q=a%00b', 'q'],
  ])('%s is a 400 naming `%s`', async (url, parameter) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(conforms(body)).toBe(true);
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.details.parameter).toBe(parameter);
    expect(body.error.message).toContain(`\`${parameter}\``);
  });

  it('accepts dates that exist, leap days included, and echoes finite limits', async () => {
    expect((await get('/search?from=2024-02-29&to=2024-03-01T12:30:00Z')).statusCode).toBe(200);
    const cases = (await get('/cases?limit=5&offset=0')).json();
    expect(cases.limit).toBe(5);
    expect((await get('/search?limit=-0')).json().hits).toBeDefined();
  });
});

describe('one error shape', () => {
  it('answers unknown routes, bad URLs, long path segments and wrong methods in the documented shape', async () => {
    const cases: Array<[string, string, number, string]> = [
      ['GET', '/nowhere', 404, 'NOT_FOUND'],
      ['DELETE', '/cases', 404, 'NOT_FOUND'],
      ['GET', '/documents/%E0%A4%A', 400, 'BAD_REQUEST'],
      ['GET', `/documents/${'a'.repeat(300)}`, 414, 'URI_TOO_LONG'],
    ];
    for (const [method, url, status, code] of cases) {
      const res = await app.inject({ method: method as 'GET', url });
      expect(res.statusCode, url).toBe(status);
      expect(conforms(res.json()), url).toBe(true);
      expect(res.json().error.code).toBe(code);
      // The offending URL is not echoed back (it is the caller's own, possibly huge, text).
      expect(res.body).not.toContain('a'.repeat(150));
    }
  });

  it('refuses unreadable bodies in the documented shape', async () => {
    const auth = { authorization: `Bearer ${KEY}` };
    const malformed = await app.inject({
      method: 'PATCH',
      url: '/cases/c1',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"titleFr":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(conforms(malformed.json())).toBe(true);
    const wrongType = await app.inject({
      method: 'PATCH',
      url: '/cases/c1',
      headers: { ...auth, 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await app.inject({
      method: 'PATCH',
      url: '/cases/c1',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: JSON.stringify({ titleFr: 'x'.repeat(100_000) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    const infinite = await app.inject({
      method: 'POST',
      url: '/cases/c1/merge',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"absorbedId":"x","n":1e309}',
    });
    expect(infinite.statusCode).toBe(400);
    expect(conforms(infinite.json())).toBe(true);
    const extra = await app.inject({
      method: 'PATCH',
      url: '/cases/c1',
      headers: auth,
      payload: { colour: 'x' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.details.parameter).toBe('colour');
  });

  it("answers Node's own parser errors (bad request line, oversized headers) in the documented shape", async () => {
    const badLine = statusAndBody((await rawExchange(['GARBAGE\r\n\r\n'])).text);
    expect(badLine.status).toBe(400);
    expect(conforms(badLine.body)).toBe(true);
    const bigHeaders = statusAndBody(
      (await rawExchange([`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`])).text,
    );
    expect(bigHeaders.status).toBe(431);
    expect(conforms(bigHeaders.body)).toBe(true);
  });

  // Regression: a CONNECT (a tunnel request, as to an open proxy) had its connection dropped with
  // no answer at all — the one request kind the fuzzer saw go unanswered.
  it('refuses a CONNECT tunnel with a 405 in the documented shape, and an Upgrade is served as plain HTTP', async () => {
    const tunnel = statusAndBody(
      (await rawExchange(['CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n'])).text,
    );
    expect(tunnel.status).toBe(405);
    expect(conforms(tunnel.body)).toBe(true);
    expect((tunnel.body as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
    const upgrade = statusAndBody(
      (
        await rawExchange(['GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n'], {
          waitMs: 1500,
        })
      ).text,
    );
    expect(upgrade.status).toBe(404);
    expect(conforms(upgrade.body)).toBe(true);
  });
});

describe('authentication before validation', () => {
  it('an unauthenticated write gets 401 whatever its body or content type', async () => {
    for (const [type, payload] of [
      ['text/csv', 'a,b'],
      ['application/json', '{"colour":'],
      ['application/json', '{"colour":"x"}'],
    ] as const) {
      const res = await app.inject({
        method: 'PATCH',
        url: '/cases/c1',
        headers: { 'content-type': type },
        payload,
      });
      expect(res.statusCode, `${type} ${payload}`).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHORIZED');
    }
    const split = await app.inject({ method: 'POST', url: `/documents/${'z'.repeat(150)}%ZZ/split` });
    expect([400, 401]).toContain(split.statusCode);
  });

  it('refuses two credentials instead of letting the first win', async () => {
    // inject() cannot send a header twice; a raw request can.
    const twoAuth = statusAndBody(
      (
        await rawExchange([
          `PATCH /cases/c1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nAuthorization: Bearer nope\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        ])
      ).text,
    );
    expect(twoAuth.status).toBe(401);
    expect(conforms(twoAuth.body)).toBe(true);
    const both = await app.inject({
      method: 'PATCH',
      url: '/cases/c1',
      headers: { authorization: `Bearer ${KEY}`, 'x-api-key': KEY },
      payload: { titleFr: 'x' },
    });
    expect(both.statusCode).toBe(401);
    expect(both.json().error.message).toMatch(/more than one credential/i);
  });
});

describe('slow clients', () => {
  it('cuts off incomplete headers and incomplete bodies within the configured seconds', async () => {
    const headers = await rawExchange(['GET /health HTTP/1.1\r\nHost: x\r\n'], { waitMs: 10_000 });
    expect(headers.closedAfterMs).toBeLessThan(4000);
    expect(statusAndBody(headers.text).status).toBe(408);
    expect(conforms(statusAndBody(headers.text).body)).toBe(true);
    const body = await rawExchange(
      [
        `PATCH /cases/c1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"titleFr":"`,
      ],
      { waitMs: 10_000 },
    );
    expect(body.closedAfterMs).toBeLessThan(4500);
  });
});

interface Operation {
  method: string;
  path: string;
  query: string[];
  pathParams: string[];
}

function operations(spec: { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> }) {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        query: params.filter((p) => p.in === 'query').map((p) => p.name),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
      });
    }
  }
  return out;
}

describe('property: every route in /openapi.json under hostile parameters', () => {
  it('never answers 5xx, and every error has the documented shape', async () => {
    const spec = (await get('/openapi.json')).json();
    const ops = operations(spec).filter((o) => !o.path.startsWith('/docs'));
    expect(ops.length).toBeGreaterThanOrEqual(10);
    const value = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 30 }), fc.integer().map(String));
    const name = fc.oneof(
      fc.constantFrom('limit', 'offset', 'q', 'from', 'lang', '__proto__', 'constructor'),
      fc.string({ minLength: 1, maxLength: 8 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ops),
        fc.array(fc.tuple(fc.option(name, { nil: undefined }), value), { maxLength: 4 }),
        value,
        fc.boolean(),
        async (op, pairs, pathValue, withKey) => {
          const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(pathValue) || 'x');
          const qs = pairs
            .map(
              ([n, v], i) =>
                `${encodeURIComponent(n ?? op.query[i % Math.max(1, op.query.length)] ?? 'q')}=${encodeURIComponent(v)}`,
            )
            .join('&');
          const res = await app.inject({
            method: op.method as 'GET',
            url: qs ? `${path}?${qs}` : path,
            headers: withKey ? { authorization: `Bearer ${KEY}` } : {},
            ...(op.method === 'GET' ? {} : { payload: { titleFr: pathValue } }),
          });
          if (res.statusCode >= 500) throw new Error(`${op.method} ${path}?${qs} → ${res.statusCode} ${res.body}`);
          if (res.statusCode >= 400 && !conforms(parseJson(res.body)))
            throw new Error(`${op.method} ${path}?${qs} → non-conforming ${res.body.slice(0, 200)}`);
          expect(res.body).not.toMatch(/at .+\.ts:\d+|127\.0\.0\.1:\d+/);
        },
      ),
      { numRuns: 400, seed: 1414 },
    );
  }, 120_000);

  it('hostile text in a filter never widens the result set', async () => {
    const base = (await get('/search?relevant=all&includeDuplicates=true&limit=100')).json().hits as unknown[];
    expect(base.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ minLength: 1, maxLength: 40 })),
        fc.constantFrom('outlet', 'source', 'org', 'caseId', 'kind', 'law'),
        async (text, filter) => {
          const res = await get(
            `/search?relevant=all&includeDuplicates=true&limit=100&${filter}=${encodeURIComponent(text)}`,
          );
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode === 200) {
            // No fixture has an outlet, source, organization, case, kind or law spelled like this.
            expect(res.json().hits).toEqual([]);
          } else {
            expect(res.statusCode).toBe(400);
            expect(conforms(res.json())).toBe(true);
          }
        },
      ),
      { numRuns: 150, seed: 1415 },
    );
  }, 60_000);
});
