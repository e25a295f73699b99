// Crash and resume for alerts: the engine runs in a child process that is SIGKILLed while a webhook
// request is in flight. The restarted engine delivers what was left, the interrupted delivery again
// with the same Idempotency-Key and the same bytes, and nothing is queued twice.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openDb } from '../store/db.ts';
import { createSubscription } from '../store/subscriptions.ts';
import { type Receiver, startReceiver, until } from './alerts-helpers.ts';
import { CORPUS, storeFixture, tempDir } from './search-fixtures.ts';

const children: ChildProcess[] = [];
let receiver: Receiver | undefined;
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await receiver?.stop();
});

function startChild(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'alerts-child.ts'), dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      if (String(d).includes('started')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`child exited ${code}: ${stderr}`)));
  });
}

it('a process killed mid-delivery resumes without losing or duplicating an alert', async () => {
  const dataDir = tempDir('alerts-crash');
  const db = openDb(dataDir);
  let hold = true;
  let inFlight = 0;
  receiver = await startReceiver((_req, _body, res, n) => {
    // The first request is held open (the receiver is slow) until the sender dies.
    if (hold && n === 1) {
      inFlight++;
      return;
    }
    res.writeHead(200).end('ok');
  });
  const sub = createSubscription(
    db,
    { kind: 'new_cases', channel: 'webhook', rate: 'realtime', params: {}, target: receiver.url },
    new Date(Date.now() - 60_000),
  );
  for (const f of CORPUS) storeFixture(db, f);
  const cases = db.prepare('SELECT id FROM cases').pluck().all() as string[];
  expect(cases.length).toBeGreaterThan(2);
  // What the index sync does once Meilisearch confirmed the writes (no index in this test).
  db.prepare('DELETE FROM outbox').run();

  const first = await startChild(dataDir);
  // Killed once the others are recorded as delivered and one request is still in flight.
  const delivered = () =>
    db.prepare("SELECT count(*) FROM deliveries WHERE status = 'delivered'").pluck().get() as number;
  await until(() => inFlight === 1 && delivered() === cases.length - 1, 20_000, 'one request in flight');
  const exited = new Promise((r) => first.on('exit', r));
  first.kill('SIGKILL');
  await exited;
  const interrupted = receiver.requests[0];
  const claimed = db
    .prepare('SELECT status, attempts FROM deliveries WHERE idempotency_key = ?')
    .get(String(interrupted?.headers['idempotency-key'])) as { status: string; attempts: number };
  expect(claimed).toEqual({ status: 'pending', attempts: 1 });

  hold = false;
  const second = await startChild(dataDir);
  await until(
    () =>
      (db.prepare("SELECT count(*) FROM deliveries WHERE status = 'delivered'").pluck().get() as number) ===
      cases.length,
    20_000,
    'every delivery after the restart',
  );
  const stopped = new Promise((r) => second.on('exit', r));
  second.kill('SIGTERM');
  await stopped;

  const acked = receiver.acked();
  expect(acked.size).toBe(cases.length);
  const announced = [...acked.values()].map((bodies) => JSON.parse(bodies[0] as string).events[0].case.id).sort();
  expect(announced).toEqual([...cases].sort());
  // The interrupted one came again under the same key with the same body; every other once.
  const again = acked.get(String(interrupted?.headers['idempotency-key'])) ?? [];
  expect(again.length).toBe(2);
  expect(again[1]).toBe(interrupted?.body);
  expect(receiver.requests.length).toBe(cases.length + 1);
  expect(db.prepare('SELECT count(*) FROM deliveries WHERE subscription_id = ?').pluck().get(sub.id)).toBe(
    cases.length,
  );
  expect(db.prepare('SELECT count(*) FROM alert_inbox').pluck().get()).toBe(0);
  db.close();
}, 60_000);
