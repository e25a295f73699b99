// Alerts end to end, subscriptions and delivery on every channel: real SQLite, the real Meilisearch
// binary kept in sync by the outbox loop, the alert engine running its loops, the API through inject(),
// webhook receivers on 127.0.0.1 (through the allowlist) and a real SMTP server (the world of
// alerts-helpers.ts). Documents arrive through the store modules, as the pipeline writes them; nothing
// is matched by hand. Reliability and clock-driven alerts: alerts-reliability.test.ts.
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../api/alerts/index.ts';
import { mergeCases, splitDocument } from '../store/case-curation.ts';
import { caseIdsForDocument } from '../store/cases.ts';
import {
  AUTH,
  alertDoc,
  BASE,
  parseMime,
  payloads,
  type Receiver,
  type Subscribed,
  useAlertsWorld,
} from './alerts-helpers.ts';
import { type FixtureDoc, storeFixture } from './search-fixtures.ts';

const world = useAlertsWorld('alerts', 'alerts_');

describe('subscription management', () => {
  it('needs the API key, except following a case through its Atom feed', async () => {
    const tlsCase = caseIdsForDocument(world.db, world.ids.get('doc_tls_fr') as string).caseId as string;
    const hook = await world.receiver();
    const noKey = await world.app.inject({
      method: 'POST',
      url: '/subscriptions',
      payload: { kind: 'search', channel: 'webhook', url: hook.url, query: { q: 'CNDP' } },
    });
    expect(noKey.statusCode).toBe(401);
    expect(noKey.json().error.code).toBe('UNAUTHORIZED');
    const noKeyWebhookCase = await world.app.inject({
      method: 'POST',
      url: '/subscriptions',
      payload: { kind: 'case', caseId: tlsCase, channel: 'webhook', url: hook.url },
    });
    expect(noKeyWebhookCase.statusCode).toBe(401);

    const follow = await world.subscribe({ kind: 'case', caseId: tlsCase, channel: 'atom' }, {});
    expect(follow.subscription).toMatchObject({ kind: 'case', channel: 'atom', status: 'active', caseId: tlsCase });
    expect(follow.subscription.feedUrl).toBe(`${BASE}/feeds/subscriptions/${follow.token}`);
    expect(follow.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(follow).not.toHaveProperty('secret');
    // The preview counts the case's documents of the last 100 days (the TLS coverage: three).
    expect(follow.preview).toMatchObject({ count: 3, unit: 'documents', days: 100 });

    expect((await world.app.inject({ method: 'GET', url: '/subscriptions' })).statusCode).toBe(401);
    const list = await world.app.inject({ method: 'GET', url: '/subscriptions', headers: AUTH });
    expect(list.statusCode).toBe(200);
    expect(list.json().subscriptions.map((s: { id: string }) => s.id)).toContain(follow.subscription.id);
    expect(list.body).not.toContain('whsec_');
    // Feeds stay readable without a key although reads require one here: the URL is the credential.
    expect((await world.app.inject({ method: 'GET', url: `/feeds/subscriptions/${follow.token}` })).statusCode).toBe(
      200,
    );
    expect((await world.app.inject({ method: 'GET', url: `/feeds/subscriptions/${'x'.repeat(43)}` })).statusCode).toBe(
      404,
    );
  });

  it('refuses bad input with a clear error, and webhooks to private or metadata addresses', async () => {
    const bad = async (payload: object, code: string, message: RegExp) => {
      const res = await world.app.inject({ method: 'POST', url: '/subscriptions', payload, headers: AUTH });
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
    expect(world.count('SELECT count(*) FROM subscriptions WHERE kind = ? AND channel = ?', 'search', 'webhook')).toBe(
      0,
    );
  });

  it('previews a saved search with /search semantics over the last 100 days', async () => {
    const sub = await world.subscribe({ kind: 'search', channel: 'atom', query: { q: 'TLS Contact' } });
    const viaSearch = await world.app.inject({
      method: 'GET',
      url: `/search?q=${encodeURIComponent('TLS Contact')}&from=2022-10-24T00:00:00Z&limit=100`,
      headers: AUTH,
    });
    const expected = new Set(viaSearch.json().hits.map((h: { id: string }) => h.id)).size;
    expect(expected).toBeGreaterThan(0);
    expect(sub.preview).toMatchObject({ count: expected, unit: 'documents' });
    await world.app.inject({ method: 'DELETE', url: `/subscriptions/${sub.subscription.id}`, headers: AUTH });
  });
});

/** What arrives after the subscriptions: the Marjane notice in two languages, noise, a TLS follow-up. */
const ARRIVALS: FixtureDoc[] = [
  alertDoc('marjane-fr', {
    title: 'La CNDP met en demeure Marjane pour ses caméras de caisse',
    text:
      'La Commission a adressé une mise en demeure à Marjane après des plaintes de clients filmés aux caisses.\n\n' +
      "L'enseigne doit mettre ses caméras en conformité avec la loi 09-08.",
    orgs: ['org:marjane', 'org:cndp'],
    laws: [{ id: 'ma-law-09-08' }],
    events: ['formal_notice'],
  }),
  alertDoc('marjane-ar', {
    language: 'ar',
    url: 'https://akhbar.example.ma/ar/marjane-kamirat',
    sourceId: 'press-ar-a',
    outlet: 'أخبار اليوم',
    title: 'اللجنة الوطنية توجه إنذارا إلى مرجان بسبب كاميرات الصناديق',
    text: 'وجهت اللجنة الوطنية إنذارا إلى مرجان بعد شكايات زبناء تم تصويرهم عند الصناديق، وطالبتها باحترام القانون 08-09.',
    orgs: ['org:marjane', 'org:cndp'],
    events: ['formal_notice'],
  }),
  alertDoc('festival', {
    title: 'Un festival de musique gnaoua à Essaouira',
    text: 'Le festival revient cet été avec des concerts sur la place Moulay Hassan.',
    relevant: false,
  }),
  alertDoc('tls-follow', {
    title: 'TLS Contact répond à la CNDP sur les caméras de Rabat',
    text: 'Le prestataire de visas TLS Contact assure avoir cessé les transferts de captures de caméras hors du Royaume.',
    orgs: ['org:tlscontact', 'org:cndp'],
    events: ['hearing'],
  }),
];

interface Delivery {
  searchHook: Receiver;
  orgHook: Receiver;
  casesHook: Receiver;
  searchSub: Subscribed;
  emailSub: Subscribed;
  followSub: Subscribed;
  newIds: string[];
  casesBefore: Set<string>;
}

/**
 * A saved search (webhook and e-mail), an organization, new cases and a followed case subscribed
 * to, then ARRIVALS stored and every alert settled.
 */
async function subscribeThenArrive(): Promise<Delivery> {
  const searchHook = await world.receiver();
  const orgHook = await world.receiver();
  const casesHook = await world.receiver();
  const searchSub = await world.subscribe({
    kind: 'search',
    channel: 'webhook',
    url: searchHook.url,
    name: 'Marjane',
    query: { q: 'Marjane' },
  });
  await world.subscribe({ kind: 'org', channel: 'webhook', url: orgHook.url, orgId: 'Marjane' });
  await world.subscribe({ kind: 'new_cases', channel: 'webhook', url: casesHook.url });
  const emailSub = await world.subscribe({
    kind: 'search',
    channel: 'email',
    email: 'desk@newsroom.example',
    query: { q: 'Marjane' },
  });
  const tlsCase = caseIdsForDocument(world.db, world.ids.get('doc_tls_fr') as string).caseId as string;
  const followSub = await world.subscribe({ kind: 'case', caseId: tlsCase, channel: 'atom' }, {});
  const casesBefore = new Set(world.db.prepare('SELECT id FROM cases').pluck().all() as string[]);

  const newIds = ARRIVALS.map((f) => storeFixture(world.db, f, world.ids));
  // Whatever linking decided, the follow-up ends up in the followed case (an analyst's merge
  // otherwise): either way a document joined the case.
  const joined = caseIdsForDocument(world.db, world.ids.get('tls-follow') as string).caseId as string;
  if (joined !== tlsCase) mergeCases(world.db, tlsCase, joined, 'test');
  // Likewise the Marjane notice founds a case of its own (split off by an analyst if linking put it
  // in the archive's Marjane case): a new case about the followed organization.
  const marjane = caseIdsForDocument(world.db, world.ids.get('marjane-fr') as string).caseId;
  if (!marjane || casesBefore.has(marjane)) splitDocument(world.db, world.ids.get('marjane-fr') as string, 'test');
  world.search.kick();
  await world.settled();
  return { searchHook, orgHook, casesHook, searchSub, emailSub, followSub, newIds, casesBefore };
}

/** The newsroom's e-mails: one per alert, multipart, Arabic right-to-left, one-click unsubscribe. */
function expectNewsroomMails(d: Delivery): void {
  const parsed = world.smtp.messages.filter((m) => m.to.includes('desk@newsroom.example')).map((m) => parseMime(m.raw));
  // One message per alert (a resend would carry the same Message-ID).
  const mails = [...new Map(parsed.map((m) => [m.headers['message-id'], m])).values()];
  expect(mails.length).toBe(payloads(d.searchHook).length);
  for (const m of mails) {
    expect(m.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(m.parts.map((p) => p.type).sort()).toEqual(['text/html', 'text/plain']);
    expect(m.headers['list-unsubscribe']).toBe(`<${BASE}/unsubscribe/${d.emailSub.token}>`);
    expect(m.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(m.headers['message-id']).toMatch(/^<[A-Za-z0-9_-]{32}@raqib\.alerts>$/);
  }
  const arabic = mails.find((m) => m.parts.some((p) => p.body.includes('مرجان بسبب كاميرات')));
  expect(arabic).toBeDefined();
  const html = arabic?.parts.find((p) => p.type === 'text/html')?.body ?? '';
  expect(html).toMatch(/<h2 dir="rtl" lang="ar"[^>]*>اللجنة الوطنية توجه إنذارا إلى مرجان/);
  const text = arabic?.parts.find((p) => p.type === 'text/plain')?.body ?? '';
  expect(text).toContain('اللجنة الوطنية توجه إنذارا إلى مرجان');
  expect(text).toContain(`${BASE}/unsubscribe/${d.emailSub.token}`);
}

describe('delivery on every channel', () => {
  let d: Delivery;
  beforeAll(async () => {
    d = await subscribeThenArrive();
  }, 60_000);

  it('a saved search fires for exactly the new documents /search returns, signed, once each', async () => {
    const res = await world.app.inject({ method: 'GET', url: '/search?q=Marjane&limit=100', headers: AUTH });
    const expected = res
      .json()
      .hits.map((h: { id: string }) => h.id)
      .filter((id: string) => d.newIds.includes(id))
      .sort();
    expect(expected).toContain(world.ids.get('marjane-fr'));
    const got = payloads(d.searchHook);
    expect(got.flatMap((p) => p.events.map((e: { document: { id: string } }) => e.document.id)).sort()).toEqual(
      expected,
    );
    for (const r of d.searchHook.requests) {
      expect(verifySignature(d.searchSub.secret as string, String(r.headers['raqib-signature']), r.body)).toBe(true);
      const p = JSON.parse(r.body);
      expect(r.headers['idempotency-key']).toBe(p.id);
      expect(p).toMatchObject({
        version: 1,
        type: 'document.new',
        subscription: { id: d.searchSub.subscription.id, kind: 'search', name: 'Marjane', rate: 'realtime' },
        links: { unsubscribe: `${BASE}/unsubscribe/${d.searchSub.token}`, feed: d.searchSub.subscription.feedUrl },
      });
      expect(p.events[0].document.link).toBe(`${BASE}/documents/${p.events[0].document.id}`);
    }
    // Retries (if any) carry the same key and the same bytes.
    for (const bodies of d.searchHook.acked().values()) expect(new Set(bodies).size).toBe(1);
  });

  it('following an organization brings its documents in any language and the new cases about it', async () => {
    const got = payloads(d.orgHook);
    const docs = got.filter((p) => p.type === 'document.new').map((p) => p.events[0].document.id);
    expect(docs.sort()).toEqual([world.ids.get('marjane-fr'), world.ids.get('marjane-ar')].sort());
    const caseEvents = got.filter((p) => p.type === 'case.new').map((p) => p.events[0].case.id);
    const marjaneCase = caseIdsForDocument(world.db, world.ids.get('marjane-fr') as string).caseId;
    expect(caseEvents).toContain(marjaneCase);
    expect(got.map((p) => p.events[0].key)).toEqual([...new Set(got.map((p) => p.events[0].key))]);
  });

  it('new cases fire once per case created after the subscription', async () => {
    const live = (world.db.prepare('SELECT id FROM cases').pluck().all() as string[]).filter(
      (id) => !d.casesBefore.has(id),
    );
    const got = payloads(d.casesHook).map((p) => p.events[0].case.id);
    expect(got.sort()).toEqual(live.sort());
    expect(got.length).toBeGreaterThan(0);
  });

  it('e-mails are multipart text + HTML, Arabic right-to-left, with one-click unsubscribe', () => {
    expectNewsroomMails(d);
  });

  it("a followed case's Atom feed is valid and its entry ids are stable", async () => {
    const url = new URL(d.followSub.subscription.feedUrl).pathname;
    const first = await world.app.inject({ method: 'GET', url });
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
    const again = parser.parse((await world.app.inject({ method: 'GET', url })).body).feed;
    expect([again.entry].flat()[0].id).toBe(entry.id);
  });

  it('the public feed lists new cases with stable ids', async () => {
    const a = await world.app.inject({ method: 'GET', url: '/feeds/cases.atom' });
    expect(a.statusCode).toBe(200);
    const parser = new XMLParser({ ignoreAttributes: false });
    const entries = [parser.parse(a.body).feed.entry].flat();
    expect(entries.length).toBe(world.count('SELECT count(*) FROM cases'));
    const b = [
      parser.parse((await world.app.inject({ method: 'GET', url: '/feeds/cases.atom' })).body).feed.entry,
    ].flat();
    expect(b.map((e) => e.id)).toEqual(entries.map((e) => e.id));
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it('matching the same arrivals again (a crash before the inbox was cleared) sends nothing twice', async () => {
    const before = d.searchHook.requests.length + d.orgHook.requests.length + d.casesHook.requests.length;
    const deliveries = world.count('SELECT count(*) FROM deliveries');
    const insert = world.db.prepare("INSERT INTO alert_inbox (kind, entity_id, enqueued_at) VALUES ('document', ?, ?)");
    for (const id of d.newIds) insert.run(id, new Date().toISOString());
    await world.engine.drain();
    await world.settled();
    expect(world.count('SELECT count(*) FROM deliveries')).toBe(deliveries);
    expect(d.searchHook.requests.length + d.orgHook.requests.length + d.casesHook.requests.length).toBe(before);
  });

  it('one-click unsubscribe stops deliveries; pausing stops matching', async () => {
    const form = await world.app.inject({
      method: 'POST',
      url: `/unsubscribe/${d.emailSub.token}`,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.statusCode).toBe(200);
    const page = await world.app.inject({ method: 'GET', url: `/unsubscribe/${d.emailSub.token}` });
    expect(page.body).toContain('<form method="post">');
    const paused = await world.app.inject({
      method: 'PATCH',
      url: `/subscriptions/${d.searchSub.subscription.id}`,
      payload: { status: 'paused' },
      headers: AUTH,
    });
    expect(paused.json().subscription.status).toBe('paused');
    const mails = world.smtp.messages.length;
    const hooks = d.searchHook.requests.length;
    storeFixture(
      world.db,
      alertDoc('marjane-2', {
        title: 'Marjane publie sa nouvelle politique de vidéosurveillance',
        text: 'Après la mise en demeure, Marjane affiche désormais des panneaux informant les clients des caméras.',
        orgs: ['org:marjane'],
      }),
      world.ids,
    );
    world.search.kick();
    await world.settled();
    expect(world.smtp.messages.length).toBe(mails);
    expect(d.searchHook.requests.length).toBe(hooks);
    // The organization's subscription, still active, did get it.
    expect(payloads(d.orgHook).some((p) => p.events[0].document?.id === world.ids.get('marjane-2'))).toBe(true);
  });
});
