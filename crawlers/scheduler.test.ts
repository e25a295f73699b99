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
  const warnings: string[] = [];
  const log = quietLog();
  log.warn = ((obj: unknown, msg?: string) => {
    warnings.push(String(msg ?? obj));
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
  await new Promise((r) => setTimeout(r, 3_300));
  expect(scheduler.running()).toContain('slow');
  await scheduler.stop();
  expect(scheduler.running()).toEqual([]);
  expect(active.get('slow')).toBe(0);
  expect(maxActive.get('slow')).toBe(1);
  expect(runs.get('slow')).toBeLessThanOrEqual(2);
  // The fast source kept its one-second rhythm while the slow one was busy.
  expect(runs.get('fast')).toBeGreaterThanOrEqual(2);
  expect(warnings.some((w) => w.includes('still in progress'))).toBe(true);
  const finishedAtStop = finished;
  await new Promise((r) => setTimeout(r, 1_200));
  expect(finished).toBe(finishedAtStop);
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
