// The alert engine as `raqib serve` / `raqib start` wire it (app/serve.ts): configuration from the
// environment, the index sync waking the engine, the API on a real port. A newsroom subscribes over
// HTTP and receives a signed webhook for a document that arrives afterwards.
import pino from 'pino';
import { afterAll, expect, it } from 'vitest';
import { verifySignature } from '../api/alerts/index.ts';
import { hashKey } from '../api/index.ts';
import { openContext } from '../app/context.ts';
import { type Running, startServices } from '../app/serve.ts';
import { loadConfig } from '../config.ts';
import { type Receiver, startReceiver, until } from './alerts-helpers.ts';
import { CORPUS, storeFixture, tempDir } from './search-fixtures.ts';

const KEY = 'serve-alerts-key-0123456789abcdef';
let running: Running | undefined;
let receiver: Receiver | undefined;
let close: (() => void) | undefined;

afterAll(async () => {
  await running?.stop();
  close?.();
  await receiver?.stop();
});

it('serve runs the alert engine: subscribe over HTTP, get a signed webhook for a new document', async () => {
  const dataDir = tempDir('alerts-serve');
  const config = loadConfig({
    RAQIB_DATA_DIR: dataDir,
    PORT: '0',
    RAQIB_API_KEY_HASHES: hashKey(KEY),
    RAQIB_WEBHOOK_ALLOWLIST: '127.0.0.1',
    RAQIB_PUBLIC_URL: 'https://raqib.example.ma',
  });
  const ctx = openContext(config, pino({ level: 'silent' }));
  close = () => ctx.close();
  for (const f of CORPUS) storeFixture(ctx.db, f);
  running = await startServices(ctx, { crawl: false });
  await running.search.drain(60_000);
  receiver = await startReceiver();

  const res = await fetch(`${running.url}/subscriptions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'org', orgId: 'TLScontact', channel: 'webhook', url: receiver.url }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const created = (await res.json()) as {
    subscription: { id: string; orgId: string; feedUrl: string };
    secret: string;
  };
  expect(created.subscription.orgId).toBe('org:tlscontact');
  expect(created.subscription.feedUrl).toMatch(/^https:\/\/raqib\.example\.ma\/feeds\/subscriptions\//);

  const id = storeFixture(ctx.db, {
    id: 'tls-new',
    url: 'https://news.example.ma/fr/tls-nouvelle-audition',
    language: 'fr',
    title: 'TLS Contact de nouveau devant la CNDP',
    text: 'Le prestataire TLS Contact a été convoqué une seconde fois par la Commission au sujet des caméras de ses agences.',
    publishedAt: new Date().toISOString(),
    sourceId: 'press-fr-a',
    outlet: 'Courrier Atlas',
    sourceKind: 'press',
    orgs: ['org:tlscontact', 'org:cndp'],
    events: ['hearing'],
  });
  running.search.kick();
  const r = receiver;
  await until(() => r.requests.some((q) => q.body.includes(id)), 30_000, 'the webhook');
  const hit = r.requests.find((q) => q.body.includes(id));
  expect(verifySignature(created.secret, String(hit?.headers['raqib-signature']), hit?.body ?? '')).toBe(true);
  const payload = JSON.parse(hit?.body ?? '{}');
  expect(payload.events[0]).toMatchObject({ type: 'document.new', document: { id } });
  expect(payload.events[0].document.link).toBe(`https://raqib.example.ma/documents/${id}`);
  // The archive that was there before the subscription alerted nobody.
  expect(r.requests.every((q) => q.body.includes(id) || q.body.includes('"case.new"'))).toBe(true);
}, 120_000);
