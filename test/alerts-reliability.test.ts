// Alerts end to end, reliability and the clock: flaky, absent and failing receivers, deadline
// reminders and daily digests, over the same real world as alerts.test.ts (alerts-helpers.ts).
import { describe, expect, it } from 'vitest';
import { addDaysToIso } from '../pipeline/dates/index.ts';
import { AUTH, alertDoc, BASE, parseMime, payloads, TODAY, until, useAlertsWorld } from './alerts-helpers.ts';
import { type FixtureDoc, storeFixture } from './search-fixtures.ts';

const inDays = (n: number) => addDaysToIso(TODAY, n);

const world = useAlertsWorld('alerts-reliability', 'alerts_rel_');

describe('reliability', () => {
  const several = (word: string, n: number) =>
    Array.from({ length: n }, (_, i) =>
      alertDoc(`${word.toLowerCase()}-${i}`, {
        title: `${word}: contrôle numéro ${i + 1} de la CNDP`,
        text: `La Commission a contrôlé le fichier ${i + 1} tenu à ${word}, une inspection parmi d'autres cette semaine.`,
        orgs: ['org:cndp'],
        events: ['inspection'],
      }),
    );

  it('a flaky receiver (failures and timeouts) gets every event exactly once after deduplication', async () => {
    const seen = new Map<string, number>();
    const hook = await world.receiver((req, _body, res) => {
      const key = String(req.headers['idempotency-key']);
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n === 1) res.writeHead(500).end('boom');
      // Answers after the sender's 1.5 s timeout: the sender must treat it as failed and retry.
      else if (n === 2) setTimeout(() => res.writeHead(200).end('late'), 2500);
      else res.writeHead(200).end('ok');
    });
    const sub = await world.subscribe({ kind: 'search', channel: 'webhook', url: hook.url, query: { q: 'Zagora' } });
    const docs = several('Zagora', 6).map((f) => storeFixture(world.db, f, world.ids));
    world.search.kick();
    await world.settled();
    const acked = hook.acked();
    expect(acked.size).toBe(6);
    for (const bodies of acked.values()) {
      expect(bodies.length).toBeGreaterThanOrEqual(3);
      expect(new Set(bodies).size).toBe(1);
    }
    const delivered = [...acked.values()].map((b) => JSON.parse(b[0] as string).events[0].document.id).sort();
    expect(delivered).toEqual([...docs].sort());
    const rows = world.db
      .prepare('SELECT status, attempts FROM deliveries WHERE subscription_id = ?')
      .all(sub.subscription.id) as { status: string; attempts: number }[];
    expect(rows.length).toBe(6);
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 3)).toBe(true);
  }, 60_000);

  it('a receiver down for a while gets the backlog when it returns', async () => {
    const hook = await world.receiver();
    await world.subscribe({ kind: 'search', channel: 'webhook', url: hook.url, query: { q: 'Tafilalet' } });
    await hook.stop();
    for (const f of several('Tafilalet', 3)) storeFixture(world.db, f, world.ids);
    world.search.kick();
    await until(
      () =>
        world.count(
          "SELECT count(*) FROM deliveries WHERE delivery_key LIKE 'document:%' AND attempts >= 2 AND status = 'pending'",
        ) >= 3,
      20_000,
      'failed attempts while the receiver is down',
    );
    expect(hook.requests.length).toBe(0);
    await hook.restart();
    await world.settled();
    expect(hook.acked().size).toBe(3);
  }, 60_000);

  it('repeated failure auto-disables with a visible reason; re-enabling replays what was missed', async () => {
    let healthy = false;
    const hook = await world.receiver((_req, _body, res) => {
      if (healthy) res.writeHead(200).end('ok');
      else res.writeHead(503).end('down for maintenance');
    });
    const sub = await world.subscribe({
      kind: 'search',
      channel: 'webhook',
      url: hook.url,
      query: { q: 'Ouarzazate' },
    });
    const [first, second] = several('Ouarzazate', 2);
    storeFixture(world.db, first as FixtureDoc, world.ids);
    world.search.kick();
    const read = async () =>
      (await world.app.inject({ method: 'GET', url: `/subscriptions/${sub.subscription.id}`, headers: AUTH })).json();
    await until(
      () =>
        world.count(
          'SELECT count(*) FROM subscriptions WHERE id = ? AND status = ?',
          sub.subscription.id,
          'disabled',
        ) === 1,
      30_000,
      'auto-disable',
    );
    const disabled = await read();
    expect(disabled.subscription.status).toBe('disabled');
    expect(disabled.subscription.disabledReason).toMatch(/Deliveries failing since .*HTTP 503/);
    expect(disabled.deliveries).toMatchObject({ failed: 1, delivered: 0 });

    // While disabled, new matches are kept, not sent.
    const attempts = hook.requests.length;
    storeFixture(world.db, second as FixtureDoc, world.ids);
    world.search.kick();
    await world.settled();
    expect(hook.requests.length).toBe(attempts);
    expect((await read()).deliveries).toMatchObject({ pending: 1, failed: 1 });

    healthy = true;
    const resumed = await world.app.inject({
      method: 'PATCH',
      url: `/subscriptions/${sub.subscription.id}`,
      payload: { status: 'active' },
      headers: AUTH,
    });
    expect(resumed.json().subscription).toMatchObject({ status: 'active', disabledReason: null });
    await world.settled();
    expect(hook.acked().size).toBe(2);
    expect((await read()).deliveries).toMatchObject({ delivered: 2, failed: 0, pending: 0 });
    const list = await world.app.inject({
      method: 'GET',
      url: `/subscriptions/${sub.subscription.id}/deliveries`,
      headers: AUTH,
    });
    expect(list.json().deliveries.every((d: { status: string }) => d.status === 'delivered')).toBe(true);
  }, 60_000);
});

describe('clock-driven alerts', () => {
  it('deadline reminders fire days before and on the day, once each', async () => {
    const hook = await world.receiver();
    await world.subscribe({ kind: 'deadline', channel: 'webhook', url: hook.url, daysBefore: 5 });
    const id = storeFixture(
      world.db,
      alertDoc('deadline-doc', {
        title: 'La CNDP donne trois jours à une clinique pour sécuriser ses dossiers',
        text: 'La clinique doit sécuriser les dossiers de ses patients dans un délai de trois jours.',
        orgs: ['org:cndp'],
      }),
      world.ids,
    );
    world.db
      .prepare(`UPDATE analyses SET entities = json_set(entities, '$.deadlines', json(?)) WHERE document_id = ?`)
      .run(JSON.stringify([{ date: inDays(3), label: 'sécurisation des dossiers', mentions: [] }]), id);
    world.search.kick();
    await world.settled();
    await world.engine.tick();
    await world.settled();
    await world.engine.tick();
    await world.settled();
    world.setClockOffset(3 * 86_400_000);
    await world.engine.tick();
    await world.settled();
    const got = payloads(hook).map((p) => p.events[0]);
    expect(got.map((e) => e.type)).toEqual(['deadline.upcoming', 'deadline.today']);
    expect(got[0].deadline).toEqual({ date: inDays(3), label: 'sécurisation des dossiers', daysLeft: 3 });
    expect(got[1].document.id).toBe(id);
  });

  it('a daily digest gathers the day’s matches into one e-mail the next day', async () => {
    world.setClockOffset(0);
    const sub = await world.subscribe({
      kind: 'search',
      channel: 'email',
      email: 'digest@newsroom.example',
      rate: 'daily',
      name: 'Digest Tanger',
      query: { q: 'Tanger' },
    });
    await world.engine.tick();
    for (const f of [
      alertDoc('tanger-1', {
        title: 'Tanger: la CNDP contrôle un call center',
        text: 'Un centre d’appels de Tanger a été contrôlé par la Commission.',
      }),
      alertDoc('tanger-2', {
        language: 'ar',
        url: 'https://akhbar.example.ma/ar/tanger',
        title: 'طنجة: مراقبة مركز للنداء Tanger',
        text: 'راقبت اللجنة الوطنية مركزا للنداء بمدينة Tanger.',
      }),
    ])
      storeFixture(world.db, f, world.ids);
    world.search.kick();
    await world.settled();
    expect(world.smtp.messages.filter((m) => m.to.includes('digest@newsroom.example'))).toHaveLength(0);
    world.setClockOffset(86_400_000);
    await world.engine.tick();
    await world.settled();
    const mails = world.smtp.messages
      .filter((m) => m.to.includes('digest@newsroom.example'))
      .map((m) => parseMime(m.raw));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.headers.subject).toMatch(/Digest Tanger/);
    const text = mails[0]?.parts.find((p) => p.type === 'text/plain')?.body ?? '';
    expect(text).toContain('Tanger: la CNDP contrôle un call center');
    expect(text).toContain(`${BASE}/unsubscribe/${sub.token}`);
    // The next tick in the same period sends nothing more.
    await world.engine.tick();
    await world.settled();
    expect(world.smtp.messages.filter((m) => m.to.includes('digest@newsroom.example'))).toHaveLength(1);
  });
});
