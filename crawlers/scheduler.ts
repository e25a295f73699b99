// One cron schedule per source (node-cron). A tick that finds the previous run of the same source
// still going is skipped and logged, never stacked; a random jitter spreads sources that share a
// schedule so they don't hit the network at the same second. `stop()` lets in-flight runs finish
// (the entry point calls it on SIGTERM).
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { AppError } from '../pipeline/errors.ts';
import type { SourceConfig } from './source-config.ts';

export interface SchedulerOptions {
  sources: readonly SourceConfig[];
  run: (source: SourceConfig) => Promise<void>;
  log: Logger;
  /** Each tick waits a random 0..jitterMs before starting. */
  jitterMs?: number;
  timezone?: string;
  /** Also run every enabled source once right away (with jitter), not only at its first cron tick. */
  runAtStart?: boolean;
}

export interface Scheduler {
  /** Source ids with a run in progress. */
  running(): string[];
  /** Run one source now, outside its schedule (same no-overlap rule). Resolves false when skipped. */
  trigger(sourceId: string): Promise<boolean>;
  stop(): Promise<void>;
}

export function createScheduler(options: SchedulerOptions): Scheduler {
  const { log } = options;
  const inFlight = new Map<string, Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  const tasks: ScheduledTask[] = [];
  let stopped = false;
  const byId = new Map(options.sources.map((s) => [s.id, s]));

  const start = (source: SourceConfig): Promise<void> | null => {
    if (stopped) return null;
    if (inFlight.has(source.id)) {
      log.warn({ source: source.id }, 'previous run still in progress; tick skipped');
      return null;
    }
    const started = Date.now();
    const promise = (async () => {
      try {
        await options.run(source);
        log.info({ source: source.id, ms: Date.now() - started }, 'scheduled run finished');
      } catch (error) {
        // A failing source never takes the scheduler down; its health records the failure.
        log.error({ source: source.id, err: error }, 'scheduled run failed');
      } finally {
        inFlight.delete(source.id);
      }
    })();
    inFlight.set(source.id, promise);
    return promise;
  };

  const tick = (source: SourceConfig) => {
    if (stopped) return;
    // Checked before the jitter too, so a long run is not followed by a queue of delayed ticks.
    if (inFlight.has(source.id)) {
      log.warn({ source: source.id }, 'previous run still in progress; tick skipped');
      return;
    }
    const jitter = Math.floor(Math.random() * (options.jitterMs ?? 0));
    // `start` never rejects: a run's errors are caught and logged inside it.
    if (jitter === 0) {
      void start(source);
      return;
    }
    const timer = setTimeout(() => {
      timers.delete(timer);
      void start(source);
    }, jitter);
    timers.add(timer);
  };

  for (const source of options.sources) {
    if (!source.enabled) continue;
    if (!cron.validate(source.schedule)) {
      throw new AppError('CONFIG_INVALID', `source ${source.id}: invalid cron expression "${source.schedule}"`);
    }
    tasks.push(
      cron.schedule(source.schedule, () => tick(source), {
        name: `crawl:${source.id}`,
        // node-cron's own notices (missed ticks after a sleep) go to our log, not the console.
        logger: {
          info: (m) => log.debug({ source: source.id }, m),
          warn: (m) => log.warn({ source: source.id }, m),
          error: (m) => log.error({ source: source.id }, String(m)),
          debug: (m) => log.debug({ source: source.id }, String(m)),
        },
        ...(options.timezone ? { timezone: options.timezone } : {}),
      }),
    );
  }

  if (options.runAtStart) for (const source of options.sources) if (source.enabled) tick(source);

  return {
    running: () => [...inFlight.keys()],
    async trigger(sourceId) {
      const source = byId.get(sourceId);
      if (!source) throw new AppError('NOT_FOUND', `unknown source ${sourceId}`);
      const promise = start(source);
      if (!promise) return false;
      await promise;
      return true;
    },
    async stop() {
      stopped = true;
      for (const task of tasks) await task.stop();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(inFlight.values());
      for (const task of tasks) await task.destroy();
    },
  };
}
