// Real receivers for the alert tests: an HTTP webhook receiver on 127.0.0.1 whose behaviour each
// test sets per request, and a real SMTP server (smtp-server) keeping the raw messages it accepts;
// and the world the end-to-end alert tests share (`startAlertsWorld`).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect } from 'vitest';
import { type AlertEngine, alertsConfigSchema, createAlertEngine, createSmtpMailer } from '../api/alerts/index.ts';
import { createApi, hashKey } from '../api/index.ts';
import type { SearchIndex } from '../index/index.ts';
import type { Db } from '../store/db.ts';
import { type FixtureDoc, GAZETTEER, openCorpusIndex, SILENT_LOG } from './search-fixtures.ts';

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  /** What the receiver answered (0: it never answered). */
  status: number;
  at: number;
}

export type Behaviour = (req: IncomingMessage, body: string, res: ServerResponse, n: number) => void;

export interface Receiver {
  url: string;
  port: number;
  requests: Received[];
  behaviour: Behaviour;
  /** Keys acknowledged with a 2xx, with every body received for each (retries included). */
  acked(): Map<string, string[]>;
  stop(): Promise<void>;
  /** Listen again on the same port (a receiver back after an outage). */
  restart(): Promise<void>;
}

export const ok: Behaviour = (_req, _body, res) => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
};

export async function startReceiver(behaviour: Behaviour = ok, port = 0): Promise<Receiver> {
  const requests: Received[] = [];
  let server: Server;
  const receiver: Receiver = {
    url: '',
    port,
    requests,
    behaviour,
    acked() {
      const map = new Map<string, string[]>();
      for (const r of requests) {
        const key = String(r.headers['idempotency-key']);
        if (!map.has(key)) map.set(key, []);
        map.get(key)?.push(r.body);
      }
      const ackedKeys = new Set(
        requests.filter((r) => r.status >= 200 && r.status < 300).map((r) => String(r.headers['idempotency-key'])),
      );
      return new Map([...map].filter(([k]) => ackedKeys.has(k)));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    restart: () => listen(receiver.port),
  };
  async function listen(p: number) {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const entry: Received = { headers: req.headers, body, status: 0, at: Date.now() };
        requests.push(entry);
        res.on('finish', () => {
          entry.status = res.statusCode;
        });
        receiver.behaviour(req, body, res, requests.length);
      });
    });
    await new Promise<void>((resolve) => server.listen(p, '127.0.0.1', resolve));
    receiver.port = (server.address() as AddressInfo).port;
    receiver.url = `http://127.0.0.1:${receiver.port}/hook`;
  }
  await listen(port);
  return receiver;
}

export interface SmtpSink {
  port: number;
  messages: { from: string; to: string[]; raw: string }[];
  stop(): Promise<void>;
}

export async function startSmtp(): Promise<SmtpSink> {
  const messages: SmtpSink['messages'] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: no certificate for nodemailer to distrust.
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, messages, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A MIME message's headers and its leaf parts, decoded (quoted-printable, base64). */
export function parseMime(raw: string): {
  headers: Record<string, string>;
  parts: { type: string; body: string }[];
} {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = parseHeaders(head ?? '');
  const parts: { type: string; body: string }[] = [];
  collect(headers, rest.join('\r\n\r\n'), parts);
  return { headers, parts };
}

function parseHeaders(head: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return out;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function collect(headers: Record<string, string>, body: string, parts: { type: string; body: string }[]): void {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith('multipart/') && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const [h, ...b] = chunk.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
      collect(parseHeaders(h ?? ''), b.join('\r\n\r\n'), parts);
    }
    return;
  }
  const enc = (headers['content-transfer-encoding'] ?? '').toLowerCase();
  let bytes: Buffer;
  if (enc === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (enc === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    const out: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const m = soft[i] === '=' ? /^[0-9A-F]{2}$/i.exec(soft.slice(i + 1, i + 3)) : null;
      if (m) {
        out.push(Number.parseInt(m[0], 16));
        i += 2;
      } else out.push(...Buffer.from(soft[i] as string, 'utf8'));
    }
    bytes = Buffer.from(out);
  } else bytes = Buffer.from(body, 'utf8');
  parts.push({ type: type.split(';')[0]?.trim() ?? type, body: bytes.toString('utf8') });
}

export async function until(cond: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const ALERTS_KEY = 'alerts-test-key-0123456789abcdef';
export const AUTH = { authorization: `Bearer ${ALERTS_KEY}` };
/** The API's clock: previews look at the 100 days before it (the TLS coverage of the corpus). */
const API_NOW = new Date('2023-02-01T00:00:00Z');
export const BASE = 'http://raqib.test';
export const TODAY = new Date().toISOString().slice(0, 10);

/** A press document of today, as the alert tests write them. */
export function alertDoc(id: string, fields: Partial<FixtureDoc> & Pick<FixtureDoc, 'title' | 'text'>): FixtureDoc {
  return {
    id,
    url: `https://news.example.ma/${id}`,
    language: 'fr',
    publishedAt: `${TODAY}T08:00:00Z`,
    sourceId: 'press-fr-a',
    outlet: 'Courrier Atlas',
    sourceKind: 'press',
    ...fields,
  };
}

/**
 * What a receiver keeps: acknowledged requests deduplicated by Idempotency-Key, as documented (on a
 * loaded machine a request can outlive the sender's timeout and come again under the same key).
 */
export const payloads = (r: Receiver) => [...r.acked().values()].map((bodies) => JSON.parse(bodies[0] as string));

export interface Subscribed {
  subscription: { id: string; feedUrl: string; status: string };
  token: string;
  secret?: string;
  preview: { count: number | null; unit: string; days: number };
}

export interface AlertsWorld {
  db: Db;
  search: SearchIndex;
  engine: AlertEngine;
  app: FastifyInstance;
  smtp: SmtpSink;
  /** Fixture ids to stored document ids. */
  ids: Map<string, string>;
  /** A webhook receiver on 127.0.0.1, stopped with the world. */
  receiver(behaviour?: Behaviour): Promise<Receiver>;
  count(sql: string, ...args: unknown[]): number;
  /** Indexed, matched, and every delivery settled (delivered, failed or held by a disabled subscription). */
  settled(timeoutMs?: number): Promise<void>;
  /** POST /subscriptions, expected to succeed. */
  subscribe(body: object, headers?: Record<string, string>): Promise<Subscribed>;
  /** Shifts the engine's clock (digests, deadlines) without touching the API's. */
  setClockOffset(ms: number): void;
  close(): Promise<void>;
}

/**
 * Real SQLite holding the corpus, the real Meilisearch kept in sync by the outbox loop, the alert
 * engine running its loops, the API (inject()) and a real SMTP server. Each test file passes its own
 * label and index prefix, so files running side by side share nothing.
 */
export async function startAlertsWorld(label: string, indexPrefix: string): Promise<AlertsWorld> {
  const ids = new Map<string, string>();
  const receivers: Receiver[] = [];
  let offsetMs = 0;
  let engine: AlertEngine | undefined;
  const { db, search } = await openCorpusIndex({ label, indexPrefix, ids, onSynced: () => engine?.kick() });
  await search.drain();
  const smtp = await startSmtp();
  const mailer = createSmtpMailer(alertsConfigSchema.parse({ smtpHost: '127.0.0.1', smtpPort: String(smtp.port) }));
  const alerts = createAlertEngine({
    db,
    matcher: search,
    config: { webhookAllowlist: ['127.0.0.1'], webhookTimeoutMs: 1500, retryBaseMs: 20 },
    // Short enough for a test, long enough that a loaded machine does not disable a healthy receiver.
    retryWindowMs: 8000,
    publicUrl: BASE,
    log: SILENT_LOG,
    mailer,
    now: () => new Date(Date.now() + offsetMs),
    pollMs: 30,
    tickMs: 3_600_000,
  });
  engine = alerts;
  const count = (sql: string, ...args: unknown[]) =>
    db
      .prepare(sql)
      .pluck()
      .get(...args) as number;
  // The archive was there before any subscription: it is consumed without alerting anyone.
  await alerts.drain();
  expect(count('SELECT count(*) FROM alert_matches')).toBe(0);
  const app = await createApi({
    db,
    search,
    config: { corsOrigins: [], apiKeyHashes: [hashKey(ALERTS_KEY)], readRequiresKey: true },
    now: () => API_NOW,
    gazetteer: GAZETTEER,
    alerts: {
      publicUrl: BASE,
      webhookAllowlist: ['127.0.0.1'],
      emailEnabled: true,
      matcher: search,
      onChange: () => alerts.kick(),
    },
  });
  await search.start();
  alerts.start();
  return {
    db,
    search,
    engine: alerts,
    app,
    smtp,
    ids,
    async receiver(behaviour = ok) {
      const r = await startReceiver(behaviour);
      receivers.push(r);
      return r;
    },
    count,
    settled: (timeoutMs = 30_000) =>
      until(
        () =>
          count('SELECT count(*) FROM outbox WHERE attempts < 5') === 0 &&
          count('SELECT count(*) FROM alert_inbox') === 0 &&
          count(
            `SELECT count(*) FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
             WHERE d.status = 'pending' AND s.status = 'active'`,
          ) === 0,
        timeoutMs,
        'alerts to settle',
      ),
    async subscribe(body, headers = AUTH) {
      const res = await app.inject({ method: 'POST', url: '/subscriptions', payload: body, headers });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as Subscribed;
    },
    setClockOffset(ms) {
      offsetMs = ms;
    },
    async close() {
      await alerts.stop();
      await app.close();
      await search.close();
      mailer?.close();
      await smtp.stop();
      for (const r of receivers) await r.stop();
      db.close();
    },
  };
}

/**
 * The world of one test file: started before its tests, closed after them. The object is filled in
 * when `beforeAll` has run, so tests read it, never the describe bodies.
 */
export function useAlertsWorld(label: string, indexPrefix: string): AlertsWorld {
  const world = {} as AlertsWorld;
  beforeAll(async () => {
    Object.assign(world, await startAlertsWorld(label, indexPrefix));
  }, 120_000);
  afterAll(() => world.close?.());
  return world;
}
