import { expect, it } from 'vitest';
import { quietLog, testSource } from '../test/crawl-helpers.ts';
import { createScheduler } from './scheduler.ts';

it('never runs one source twice at once, and stop() waits for the run in flight', async () => {
  const slow = testSource({
    id: 'slow',
    schedule: '* * * * * *',
    discovery: [{ type: 'feed', url: 'https://x.example/f', evidence: 'guess' }],
  });
  const fast = testSource({
    id: 'fast',
    schedule: '* * * * * *',
    discovery: [{ type: 'feed', url: 'https://x.example/f', evidence: 'guess' }],
  });
  const active = new Map<string, number>();
  const maxActive = new Map<string, number>();
  const runs = new Map<string, number>();
  let finished = 0;
  const skipped: string[] = [];
  const log = quietLog();
  log.warn = ((obj: { source?: string }, msg?: string) => {
    if (msg?.includes('still in progress') && obj.source) skipped.push(obj.source);
  }) as typeof log.warn;
  const scheduler = createScheduler({
    sources: [slow, fast],
    log,
    jitterMs: 50,
    run: async (source) => {
      active.set(source.id, (active.get(source.id) ?? 0) + 1);
      maxActive.set(source.id, Math.max(maxActive.get(source.id) ?? 0, active.get(source.id)!));
      runs.set(source.id, (runs.get(source.id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, source.id === 'slow' ? 2_600 : 100));
      active.set(source.id, active.get(source.id)! - 1);
      finished++;
    },
  });
  // Wait (by state, not by the clock: cron ticks drift on a loaded machine) until a tick of the slow
  // source was skipped because its run was still going, and the fast one ran meanwhile.
  const deadline = Date.now() + 10_000;
  while (
    Date.now() < deadline &&
    !(skipped.includes('slow') && (runs.get('fast') ?? 0) >= 2 && scheduler.running().includes('slow'))
  ) {
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(skipped).toContain('slow');
  expect(scheduler.running()).toContain('slow');
  await scheduler.stop();
  expect(scheduler.running()).toEqual([]);
  expect(active.get('slow')).toBe(0);
  expect(maxActive.get('slow')).toBe(1);
  expect(maxActive.get('fast')).toBe(1);
  expect(runs.get('fast')).toBeGreaterThanOrEqual(2);
  const finishedAtStop = finished;
  await new Promise((r) => setTimeout(r, 1_200));
  expect(finished).toBe(finishedAtStop);
});

it('runs every enabled source once at start when asked, before any cron tick', async () => {
  const yearly = (id: string, enabled = true) =>
    testSource({
      id,
      enabled,
      schedule: '0 0 1 1 *',
      discovery: [{ type: 'feed', url: 'https://x.example/f', evidence: 'guess' }],
    });
  const ran: string[] = [];
  const scheduler = createScheduler({
    sources: [yearly('a'), yearly('b'), yearly('off', false)],
    log: quietLog(),
    jitterMs: 20,
    runAtStart: true,
    run: async (source) => {
      ran.push(source.id);
    },
  });
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && ran.length < 2) await new Promise((r) => setTimeout(r, 10));
  await scheduler.stop();
  expect(ran.sort()).toEqual(['a', 'b']);
});

it('rejects an invalid cron expression with a clear error', () => {
  const bad = testSource({
    id: 'bad',
    schedule: 'every hour',
    discovery: [{ type: 'feed', url: 'https://x.example/f', evidence: 'guess' }],
  });
  expect(() => createScheduler({ sources: [bad], log: quietLog(), run: async () => {} })).toThrow(
    /invalid cron expression/,
  );
});
