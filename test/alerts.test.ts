// Alerts end to end: real SQLite, the real Meilisearch binary kept in sync by the outbox loop, the
// alert engine running its loops, the API through inject(), webhook receivers on 127.0.0.1 (through
// the allowlist) and a real SMTP server. Documents arrive through the store modules, as the pipeline
// writes them; nothing is matched by hand.
import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AlertEngine,
  alertsConfigSchema,
  createAlertEngine,
  createSmtpMailer,
  type Mailer,
  verifySignature,
} from '../api/alerts/index.ts';
import { createApi, hashKey } from '../api/index.ts';
import type { SearchIndex } from '../index/index.ts';
import { addDaysToIso } from '../pipeline/dates/index.ts';
import { mergeCases, splitDocument } from '../store/case-curation.ts';
import { caseIdsForDocument } from '../store/cases.ts';
import type { Db } from '../store/db.ts';
import { ok, parseMime, type Receiver, type SmtpSink, startReceiver, startSmtp, until } from './alerts-helpers.ts';
import { type FixtureDoc, GAZETTEER, openCorpusIndex, SILENT_LOG, storeFixture } from './search-fixtures.ts';

const KEY = 'alerts-test-key-0123456789abcdef';
const AUTH = { authorization: `Bearer ${KEY}` };
/** The API's clock: previews look at the 100 days before it (the TLS coverage of the corpus). */
const API_NOW = new Date('2023-02-01T00:00:00Z');
const BASE = 'http://raqib.test';
const TODAY = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => addDaysToIso(TODAY, n);

let db: Db;
let search: SearchIndex;
let engine: AlertEngine;
let mailer: Mailer | null;
let app: FastifyInstance;
let smtp: SmtpSink;
/** Shifts the engine's clock (digests, deadlines) without touching the API's. */
let offsetMs = 0;
const receivers: Receiver[] = [];
const ids = new Map<string, string>();

async function receiver(behaviour = ok): Promise<Receiver> {
  const r = await startReceiver(behaviour);
  receivers.push(r);
  return r;
}

const count = (sql: string, ...args: unknown[]) =>
  db
    .prepare(sql)
    .pluck()
    .get(...args) as number;

/** Indexed, matched, and every delivery settled (delivered, failed or held by a disabled subscription). */
async function settled(timeoutMs = 30_000): Promise<void> {
  await until(
    () =>
      count('SELECT count(*) FROM outbox WHERE attempts < 5') === 0 &&
      count('SELECT count(*) FROM alert_inbox') === 0 &&
      count(
        `SELECT count(*) FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
         WHERE d.status = 'pending' AND s.status = 'active'`,
      ) === 0,
    timeoutMs,
    'alerts to settle',
  );
}

function doc(id: string, fields: Partial<FixtureDoc> & Pick<FixtureDoc, 'title' | 'text'>): FixtureDoc {
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

async function subscribe(body: object, headers: Record<string, string> = AUTH) {
  const res = await app.inject({ method: 'POST', url: '/subscriptions', payload: body, headers });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    subscription: { id: string; feedUrl: string; status: string };
    token: string;
    secret?: string;
    preview: { count: number | null; unit: string; days: number };
  };
}

/**
 * What a receiver keeps: acknowledged requests deduplicated by Idempotency-Key, as documented (on a
 * loaded machine a request can outlive the sender's timeout and come again under the same key).
 */
const payloads = (r: Receiver) => [...r.acked().values()].map((bodies) => JSON.parse(bodies[0] as string));

beforeAll(async () => {
  ({ db, search } = await openCorpusIndex({
    label: 'alerts',
    indexPrefix: 'alerts_',
    ids,
    onSynced: () => engine?.kick(),
  }));
  await search.drain();
  smtp = await startSmtp();
  mailer = createSmtpMailer(alertsConfigSchema.parse({ smtpHost: '127.0.0.1', smtpPort: String(smtp.port) }));
  engine = createAlertEngine({
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
  // The archive was there before any subscription: it is consumed without alerting anyone.
  await engine.drain();
  expect(count('SELECT count(*) FROM alert_matches')).toBe(0);
  app = await createApi({
    db,
    search,
    config: { corsOrigins: [], apiKeyHashes: [hashKey(KEY)], readRequiresKey: true },
    now: () => API_NOW,
    gazetteer: GAZETTEER,
    alerts: {
      publicUrl: BASE,
      webhookAllowlist: ['127.0.0.1'],
      emailEnabled: true,
      matcher: search,
      onChange: () => engine.kick(),
    },
  });
  await search.start();
  engine.start();
}, 120_000);

afterAll(async () => {
  await engine?.stop();
  await app?.close();
  await search?.close();
  mailer?.close();
  await smtp?.stop();
  for (const r of receivers) await r.stop();
  db?.close();
});

describe('subscription management', () => {
  it('needs the API key, except following a case through its Atom feed', async () => {
    const tlsCase = caseIdsForDocument(db, ids.get('doc_tls_fr') as string).caseId as string;
    const hook = await receiver();
    const noKey = await app.inject({
      method: 'POST',
      url: '/subscriptions',
      payload: { kind: 'search', channel: 'webhook', url: hook.url, query: { q: 'CNDP' } },
    });
    expect(noKey.statusCode).toBe(401);
    expect(noKey.json().error.code).toBe('UNAUTHORIZED');
    const noKeyWebhookCase = await app.inject({
      method: 'POST',
      url: '/subscriptions',
      payload: { kind: 'case', caseId: tlsCase, channel: 'webhook', url: hook.url },
    });
    expect(noKeyWebhookCase.statusCode).toBe(401);

    const follow = await subscribe({ kind: 'case', caseId: tlsCase, channel: 'atom' }, {});
    expect(follow.subscription).toMatchObject({ kind: 'case', channel: 'atom', status: 'active', caseId: tlsCase });
    expect(follow.subscription.feedUrl).toBe(`${BASE}/feeds/subscriptions/${follow.token}`);
    expect(follow.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(follow).not.toHaveProperty('secret');
    // The preview counts the case's documents of the last 100 days (the TLS coverage: three).
    expect(follow.preview).toMatchObject({ count: 3, unit: 'documents', days: 100 });

    expect((await app.inject({ method: 'GET', url: '/subscriptions' })).statusCode).toBe(401);
    const list = await app.inject({ method: 'GET', url: '/subscriptions', headers: AUTH });
    expect(list.statusCode).toBe(200);
    expect(list.json().subscriptions.map((s: { id: string }) => s.id)).toContain(follow.subscription.id);
    expect(list.body).not.toContain('whsec_');
    // Feeds stay readable without a key although reads require one here: the URL is the credential.
    expect((await app.inject({ method: 'GET', url: `/feeds/subscriptions/${follow.token}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/feeds/subscriptions/${'x'.repeat(43)}` })).statusCode).toBe(404);
  });

  it('refuses bad input with a clear error, and webhooks to private or metadata addresses', async () => {
    const bad = async (payload: object, code: string, message: RegExp) => {
      const res = await app.inject({ method: 'POST', url: '/subscriptions', payload, headers: AUTH });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe(code);
      expect(res.json().error.message).toMatch(message);
    };
    await bad(
      { kind: 'search', channel: 'webhook', url: 'http://10.0.0.5/hook', query: { q: 'x' } },
      'ADDRESS_REFUSED',
      /private/,
    );
    await bad(
      { kind: 'search', channel: 'webhook', url: 'http://169.254.169.254/latest/meta-data/', query: { q: 'x' } },
      'ADDRESS_REFUSED',
      /link-local/,
    );
    await bad(
      { kind: 'search', channel: 'webhook', url: 'http://[::1]:8080/hook', query: { q: 'x' } },
      'ADDRESS_REFUSED',
      /loopback/,
    );
    await bad({ kind: 'org', channel: 'atom', orgId: 'Nobody Inc' }, 'BAD_REQUEST', /Unknown organization/);
    await bad({ kind: 'case', channel: 'atom', caseId: 'case_nope' }, 'BAD_REQUEST', /Unknown case/);
    await bad({ kind: 'search', channel: 'atom' }, 'BAD_REQUEST', /needs `query`/);
    await bad(
      { kind: 'search', channel: 'atom', query: { q: 'x', org: ['Nobody Inc'] } },
      'BAD_REQUEST',
      /Unknown organization/,
    );
    await bad({ kind: 'org', channel: 'atom', orgId: 'org:marjane', caseId: 'x' }, 'BAD_REQUEST', /do not apply/);
    await bad({ kind: 'search', channel: 'email', query: { q: 'x' } }, 'BAD_REQUEST', /needs `email`/);
    await bad({ kind: 'search', channel: 'atom', query: { q: 'x', sort: 'date:desc' } }, 'BAD_REQUEST', /sort/);
    expect(count('SELECT count(*) FROM subscriptions WHERE kind = ? AND channel = ?', 'search', 'webhook')).toBe(0);
  });

  it('previews a saved search with /search semantics over the last 100 days', async () => {
    const sub = await subscribe({ kind: 'search', channel: 'atom', query: { q: 'TLS Contact' } });
    const viaSearch = await app.inject({
      method: 'GET',
      url: `/search?q=${encodeURIComponent('TLS Contact')}&from=2022-10-24T00:00:00Z&limit=100`,
      headers: AUTH,
    });
    const expected = new Set(viaSearch.json().hits.map((h: { id: string }) => h.id)).size;
    expect(expected).toBeGreaterThan(0);
    expect(sub.preview).toMatchObject({ count: expected, unit: 'documents' });
    await app.inject({ method: 'DELETE', url: `/subscriptions/${sub.subscription.id}`, headers: AUTH });
  });
});

describe('delivery on every channel', () => {
  let searchHook: Receiver;
  let orgHook: Receiver;
  let casesHook: Receiver;
  let searchSub: Awaited<ReturnType<typeof subscribe>>;
  let emailSub: Awaited<ReturnType<typeof subscribe>>;
  let followSub: Awaited<ReturnType<typeof subscribe>>;
  let newIds: string[];
  let casesBefore: Set<string>;

  beforeAll(async () => {
    searchHook = await receiver();
    orgHook = await receiver();
    casesHook = await receiver();
    searchSub = await subscribe({
      kind: 'search',
      channel: 'webhook',
      url: searchHook.url,
      name: 'Marjane',
      query: { q: 'Marjane' },
    });
    await subscribe({ kind: 'org', channel: 'webhook', url: orgHook.url, orgId: 'Marjane' });
    await subscribe({ kind: 'new_cases', channel: 'webhook', url: casesHook.url });
    emailSub = await subscribe({
      kind: 'search',
      channel: 'email',
      email: 'desk@newsroom.example',
      query: { q: 'Marjane' },
    });
    const tlsCase = caseIdsForDocument(db, ids.get('doc_tls_fr') as string).caseId as string;
    followSub = await subscribe({ kind: 'case', caseId: tlsCase, channel: 'atom' }, {});
    casesBefore = new Set(db.prepare('SELECT id FROM cases').pluck().all() as string[]);

    const fresh: FixtureDoc[] = [
      doc('marjane-fr', {
        title: 'La CNDP met en demeure Marjane pour ses caméras de caisse',
        text:
          'La Commission a adressé une mise en demeure à Marjane après des plaintes de clients filmés aux caisses.\n\n' +
          "L'enseigne doit mettre ses caméras en conformité avec la loi 09-08.",
        orgs: ['org:marjane', 'org:cndp'],
        laws: [{ id: 'ma-law-09-08' }],
        events: ['formal_notice'],
      }),
      doc('marjane-ar', {
        language: 'ar',
        url: 'https://akhbar.example.ma/ar/marjane-kamirat',
        sourceId: 'press-ar-a',
        outlet: 'أخبار اليوم',
        title: 'اللجنة الوطنية توجه إنذارا إلى مرجان بسبب كاميرات الصناديق',
        text: 'وجهت اللجنة الوطنية إنذارا إلى مرجان بعد شكايات زبناء تم تصويرهم عند الصناديق، وطالبتها باحترام القانون 08-09.',
        orgs: ['org:marjane', 'org:cndp'],
        events: ['formal_notice'],
      }),
      doc('festival', {
        title: 'Un festival de musique gnaoua à Essaouira',
        text: 'Le festival revient cet été avec des concerts sur la place Moulay Hassan.',
        relevant: false,
      }),
      doc('tls-follow', {
        title: 'TLS Contact répond à la CNDP sur les caméras de Rabat',
        text: 'Le prestataire de visas TLS Contact assure avoir cessé les transferts de captures de caméras hors du Royaume.',
        orgs: ['org:tlscontact', 'org:cndp'],
        events: ['hearing'],
      }),
    ];
    newIds = fresh.map((f) => storeFixture(db, f, ids));
    // Whatever linking decided, the follow-up ends up in the followed case (an analyst's merge
    // otherwise): either way a document joined the case.
    const joined = caseIdsForDocument(db, ids.get('tls-follow') as string).caseId as string;
    if (joined !== tlsCase) mergeCases(db, tlsCase, joined, 'test');
    // Likewise the Marjane notice founds a case of its own (split off by an analyst if linking put it
    // in the archive's Marjane case): a new case about the followed organization.
    const marjane = caseIdsForDocument(db, ids.get('marjane-fr') as string).caseId;
    if (!marjane || casesBefore.has(marjane)) splitDocument(db, ids.get('marjane-fr') as string, 'test');
    search.kick();
    await settled();
  }, 60_000);

  it('a saved search fires for exactly the new documents /search returns, signed, once each', async () => {
    const res = await app.inject({ method: 'GET', url: '/search?q=Marjane&limit=100', headers: AUTH });
    const expected = res
      .json()
      .hits.map((h: { id: string }) => h.id)
      .filter((id: string) => newIds.includes(id))
      .sort();
    expect(expected).toContain(ids.get('marjane-fr'));
    const got = payloads(searchHook);
    expect(got.flatMap((p) => p.events.map((e: { document: { id: string } }) => e.document.id)).sort()).toEqual(
      expected,
    );
    for (const r of searchHook.requests) {
      expect(verifySignature(searchSub.secret as string, String(r.headers['raqib-signature']), r.body)).toBe(true);
      const p = JSON.parse(r.body);
      expect(r.headers['idempotency-key']).toBe(p.id);
      expect(p).toMatchObject({
        version: 1,
        type: 'document.new',
        subscription: { id: searchSub.subscription.id, kind: 'search', name: 'Marjane', rate: 'realtime' },
        links: { unsubscribe: `${BASE}/unsubscribe/${searchSub.token}`, feed: searchSub.subscription.feedUrl },
      });
      expect(p.events[0].document.link).toBe(`${BASE}/documents/${p.events[0].document.id}`);
    }
    // Retries (if any) carry the same key and the same bytes.
    for (const bodies of searchHook.acked().values()) expect(new Set(bodies).size).toBe(1);
  });

  it('following an organization brings its documents in any language and the new cases about it', async () => {
    const got = payloads(orgHook);
    const docs = got.filter((p) => p.type === 'document.new').map((p) => p.events[0].document.id);
    expect(docs.sort()).toEqual([ids.get('marjane-fr'), ids.get('marjane-ar')].sort());
    const caseEvents = got.filter((p) => p.type === 'case.new').map((p) => p.events[0].case.id);
    const marjaneCase = caseIdsForDocument(db, ids.get('marjane-fr') as string).caseId;
    expect(caseEvents).toContain(marjaneCase);
    expect(got.map((p) => p.events[0].key)).toEqual([...new Set(got.map((p) => p.events[0].key))]);
  });

  it('new cases fire once per case created after the subscription', async () => {
    const live = (db.prepare('SELECT id FROM cases').pluck().all() as string[]).filter((id) => !casesBefore.has(id));
    const got = payloads(casesHook).map((p) => p.events[0].case.id);
    expect(got.sort()).toEqual(live.sort());
    expect(got.length).toBeGreaterThan(0);
  });

  it('e-mails are multipart text + HTML, Arabic right-to-left, with one-click unsubscribe', async () => {
    const parsed = smtp.messages.filter((m) => m.to.includes('desk@newsroom.example')).map((m) => parseMime(m.raw));
    // One message per alert (a resend would carry the same Message-ID).
    const mails = [...new Map(parsed.map((m) => [m.headers['message-id'], m])).values()];
    expect(mails.length).toBe(payloads(searchHook).length);
    for (const m of mails) {
      expect(m.headers['content-type']).toMatch(/^multipart\/alternative/);
      expect(m.parts.map((p) => p.type).sort()).toEqual(['text/html', 'text/plain']);
      expect(m.headers['list-unsubscribe']).toBe(`<${BASE}/unsubscribe/${emailSub.token}>`);
      expect(m.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(m.headers['message-id']).toMatch(/^<[A-Za-z0-9_-]{32}@raqib\.alerts>$/);
    }
    const arabic = mails.find((m) => m.parts.some((p) => p.body.includes('مرجان بسبب كاميرات')));
    expect(arabic).toBeDefined();
    const html = arabic?.parts.find((p) => p.type === 'text/html')?.body ?? '';
    expect(html).toMatch(/<h2 dir="rtl" lang="ar"[^>]*>اللجنة الوطنية توجه إنذارا إلى مرجان/);
    const text = arabic?.parts.find((p) => p.type === 'text/plain')?.body ?? '';
    expect(text).toContain('اللجنة الوطنية توجه إنذارا إلى مرجان');
    expect(text).toContain(`${BASE}/unsubscribe/${emailSub.token}`);
  });

  it("a followed case's Atom feed is valid and its entry ids are stable", async () => {
    const url = new URL(followSub.subscription.feedUrl).pathname;
    const first = await app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const parser = new XMLParser({ ignoreAttributes: false });
    const feed = parser.parse(first.body).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const field of ['id', 'title', 'updated']) expect(feed[field]).toBeTruthy();
    const entries = [feed.entry].flat().filter(Boolean);
    expect(entries.length).toBe(1);
    const entry = entries[0];
    expect(entry.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(entry.title).toContain('TLS Contact répond');
    expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
    const again = parser.parse((await app.inject({ method: 'GET', url })).body).feed;
    expect([again.entry].flat()[0].id).toBe(entry.id);
  });

  it('the public feed lists new cases with stable ids', async () => {
    const a = await app.inject({ method: 'GET', url: '/feeds/cases.atom' });
    expect(a.statusCode).toBe(200);
    const parser = new XMLParser({ ignoreAttributes: false });
    const entries = [parser.parse(a.body).feed.entry].flat();
    expect(entries.length).toBe(count('SELECT count(*) FROM cases'));
    const b = [parser.parse((await app.inject({ method: 'GET', url: '/feeds/cases.atom' })).body).feed.entry].flat();
    expect(b.map((e) => e.id)).toEqual(entries.map((e) => e.id));
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it('matching the same arrivals again (a crash before the inbox was cleared) sends nothing twice', async () => {
    const before = searchHook.requests.length + orgHook.requests.length + casesHook.requests.length;
    const deliveries = count('SELECT count(*) FROM deliveries');
    const insert = db.prepare("INSERT INTO alert_inbox (kind, entity_id, enqueued_at) VALUES ('document', ?, ?)");
    for (const id of newIds) insert.run(id, new Date().toISOString());
    await engine.drain();
    await settled();
    expect(count('SELECT count(*) FROM deliveries')).toBe(deliveries);
    expect(searchHook.requests.length + orgHook.requests.length + casesHook.requests.length).toBe(before);
  });

  it('one-click unsubscribe stops deliveries; pausing stops matching', async () => {
    const form = await app.inject({
      method: 'POST',
      url: `/unsubscribe/${emailSub.token}`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(200);
    const page = await app.inject({ method: 'GET', url: `/unsubscribe/${emailSub.token}` });
    expect(page.body).toContain('<form method="post">');
    const paused = await app.inject({
      method: 'PATCH',
      url: `/subscriptions/${searchSub.subscription.id}`,
      payload: { status: 'paused' },
      headers: AUTH,
    });
    expect(paused.json().subscription.status).toBe('paused');
    const mails = smtp.messages.length;
    const hooks = searchHook.requests.length;
    storeFixture(
      db,
      doc('marjane-2', {
        title: 'Marjane publie sa nouvelle politique de vidéosurveillance',
        text: 'Après la mise en demeure, Marjane affiche désormais des panneaux informant les clients des caméras.',
        orgs: ['org:marjane'],
      }),
      ids,
    );
    search.kick();
    await settled();
    expect(smtp.messages.length).toBe(mails);
    expect(searchHook.requests.length).toBe(hooks);
    // The organization's subscription, still active, did get it.
    expect(payloads(orgHook).some((p) => p.events[0].document?.id === ids.get('marjane-2'))).toBe(true);
  });
});

describe('reliability', () => {
  const several = (word: string, n: number) =>
    Array.from({ length: n }, (_, i) =>
      doc(`${word.toLowerCase()}-${i}`, {
        title: `${word}: contrôle numéro ${i + 1} de la CNDP`,
        text: `La Commission a contrôlé le fichier ${i + 1} tenu à ${word}, une inspection parmi d'autres cette semaine.`,
        orgs: ['org:cndp'],
        events: ['inspection'],
      }),
    );

  it('a flaky receiver (failures and timeouts) gets every event exactly once after deduplication', async () => {
    const seen = new Map<string, number>();
    const hook = await receiver((req, _body, res) => {
      const key = String(req.headers['idempotency-key']);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n === 1) res.writeHead(500).end('boom');
      // Answers after the sender's 1.5 s timeout: the sender must treat it as failed and retry.
      else if (n === 2) setTimeout(() => res.writeHead(200).end('late'), 2500);
      else res.writeHead(200).end('ok');
    });
    const sub = await subscribe({ kind: 'search', channel: 'webhook', url: hook.url, query: { q: 'Zagora' } });
    const docs = several('Zagora', 6).map((f) => storeFixture(db, f, ids));
    search.kick();
    await settled();
    const acked = hook.acked();
    expect(acked.size).toBe(6);
    for (const bodies of acked.values()) {
      expect(bodies.length).toBeGreaterThanOrEqual(3);
      expect(new Set(bodies).size).toBe(1);
    }
    const delivered = [...acked.values()].map((b) => JSON.parse(b[0] as string).events[0].document.id).sort();
    expect(delivered).toEqual([...docs].sort());
    const rows = db
      .prepare('SELECT status, attempts FROM deliveries WHERE subscription_id = ?')
      .all(sub.subscription.id) as { status: string; attempts: number }[];
    expect(rows.length).toBe(6);
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 3)).toBe(true);
  }, 60_000);

  it('a receiver down for a while gets the backlog when it returns', async () => {
    const hook = await receiver();
    await subscribe({ kind: 'search', channel: 'webhook', url: hook.url, query: { q: 'Tafilalet' } });
    await hook.stop();
    for (const f of several('Tafilalet', 3)) storeFixture(db, f, ids);
    search.kick();
    await until(
      () =>
        count(
          "SELECT count(*) FROM deliveries WHERE delivery_key LIKE 'document:%' AND attempts >= 2 AND status = 'pending'",
        ) >= 3,
      20_000,
      'failed attempts while the receiver is down',
    );
    expect(hook.requests.length).toBe(0);
    await hook.restart();
    await settled();
    expect(hook.acked().size).toBe(3);
  }, 60_000);

  it('repeated failure auto-disables with a visible reason; re-enabling replays what was missed', async () => {
    let healthy = false;
    const hook = await receiver((_req, _body, res) => {
      if (healthy) res.writeHead(200).end('ok');
      else res.writeHead(503).end('down for maintenance');
    });
    const sub = await subscribe({ kind: 'search', channel: 'webhook', url: hook.url, query: { q: 'Ouarzazate' } });
    const [first, second] = several('Ouarzazate', 2);
    storeFixture(db, first as FixtureDoc, ids);
    search.kick();
    const read = async () =>
      (await app.inject({ method: 'GET', url: `/subscriptions/${sub.subscription.id}`, headers: AUTH })).json();
    await until(
      () =>
        count('SELECT count(*) FROM subscriptions WHERE id = ? AND status = ?', sub.subscription.id, 'disabled') === 1,
      30_000,
      'auto-disable',
    );
    const disabled = await read();
    expect(disabled.subscription.status).toBe('disabled');
    expect(disabled.subscription.disabledReason).toMatch(/Deliveries failing since .*HTTP 503/);
    expect(disabled.deliveries).toMatchObject({ failed: 1, delivered: 0 });

    // While disabled, new matches are kept, not sent.
    const attempts = hook.requests.length;
    storeFixture(db, second as FixtureDoc, ids);
    search.kick();
    await settled();
    expect(hook.requests.length).toBe(attempts);
    expect((await read()).deliveries).toMatchObject({ pending: 1, failed: 1 });

    healthy = true;
    const resumed = await app.inject({
      method: 'PATCH',
      url: `/subscriptions/${sub.subscription.id}`,
      payload: { status: 'active' },
      headers: AUTH,
    });
    expect(resumed.json().subscription).toMatchObject({ status: 'active', disabledReason: null });
    await settled();
    expect(hook.acked().size).toBe(2);
    expect((await read()).deliveries).toMatchObject({ delivered: 2, failed: 0, pending: 0 });
    const list = await app.inject({
      method: 'GET',
      url: `/subscriptions/${sub.subscription.id}/deliveries`,
      headers: AUTH,
    });
    expect(list.json().deliveries.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
  }, 60_000);
});

describe('clock-driven alerts', () => {
  it('deadline reminders fire days before and on the day, once each', async () => {
    const hook = await receiver();
    await subscribe({ kind: 'deadline', channel: 'webhook', url: hook.url, daysBefore: 5 });
    const id = storeFixture(
      db,
      doc('deadline-doc', {
        title: 'La CNDP donne trois jours à une clinique pour sécuriser ses dossiers',
        text: 'La clinique doit sécuriser les dossiers de ses patients dans un délai de trois jours.',
        orgs: ['org:cndp'],
      }),
      ids,
    );
    db.prepare(`UPDATE analyses SET entities = json_set(entities, '$.deadlines', json(?)) WHERE document_id = ?`).run(
      JSON.stringify([{ date: inDays(3), label: 'sécurisation des dossiers', mentions: [] }]),
      id,
    );
    search.kick();
    await settled();
    await engine.tick();
    await settled();
    await engine.tick();
    await settled();
    offsetMs = 3 * 86_400_000;
    await engine.tick();
    await settled();
    const got = payloads(hook).map((p) => p.events[0]);
    expect(got.map((e) => e.type)).toEqual(['deadline.upcoming', 'deadline.today']);
    expect(got[0].deadline).toEqual({ date: inDays(3), label: 'sécurisation des dossiers', daysLeft: 3 });
    expect(got[1].document.id).toBe(id);
  });

  it('a daily digest gathers the day’s matches into one e-mail the next day', async () => {
    offsetMs = 0;
    const sub = await subscribe({
      kind: 'search',
      channel: 'email',
      email: 'digest@newsroom.example',
      rate: 'daily',
      name: 'Digest Tanger',
      query: { q: 'Tanger' },
    });
    await engine.tick();
    for (const f of [
      doc('tanger-1', {
        title: 'Tanger: la CNDP contrôle un call center',
        text: 'Un centre d’appels de Tanger a été contrôlé par la Commission.',
      }),
      doc('tanger-2', {
        language: 'ar',
        url: 'https://akhbar.example.ma/ar/tanger',
        title: 'طنجة: مراقبة مركز للنداء Tanger',
        text: 'راقبت اللجنة الوطنية مركزا للنداء بمدينة Tanger.',
      }),
    ])
      storeFixture(db, f, ids);
    search.kick();
    await settled();
    expect(smtp.messages.filter((m) => m.to.includes('digest@newsroom.example'))).toHaveLength(0);
    offsetMs = 86_400_000;
    await engine.tick();
    await settled();
    const mails = smtp.messages.filter((m) => m.to.includes('digest@newsroom.example')).map((m) => parseMime(m.raw));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.headers.subject).toMatch(/Digest Tanger/);
    const text = mails[0]?.parts.find((p) => p.type === 'text/plain')?.body ?? '';
    expect(text).toContain('Tanger: la CNDP contrôle un call center');
    expect(text).toContain(`${BASE}/unsubscribe/${sub.token}`);
    // The next tick in the same period sends nothing more.
    await engine.tick();
    await settled();
    expect(smtp.messages.filter((m) => m.to.includes('digest@newsroom.example'))).toHaveLength(1);
  });
});
