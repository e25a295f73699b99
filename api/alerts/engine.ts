// The alert engine: matching (inbox → matches → deliveries, api/alerts/matching.ts and queue.ts) and
// delivery (deliveries → webhook, e-mail, api/alerts/delivery.ts), plus the clock-driven work
// (digests, deadline reminders). Two loops, so a slow receiver never delays matching.
//
// Matching uses /search's own code: a saved search runs through the index (runDocumentSearch, via
// `searchDocumentsAmong`) restricted to the newly indexed document ids, right after the index sync
// confirmed them — never by re-running every query over the archive. Its cost grows with the number
// of subscriptions times the number of new documents, not with the archive.

import { AppError } from '../../pipeline/errors.ts';
import type { Db } from '../../store/db.ts';
import { dueDeliveries, inboxSize, nextDueAt, readReadyInbox } from '../../store/deliveries.ts';
import { listSubscriptions } from '../../store/subscriptions.ts';
import type { AlertsConfig } from './config.ts';
import { createDeliverer } from './delivery.ts';
import type { Mailer } from './email.ts';
import type { Links } from './events.ts';
import { deadlineMatches, type MatchContext, matchCases, matchDocuments } from './matching.ts';
import { createAlertQueue } from './queue.ts';
import { createAddressGuard, type LookupFn } from './ssrf.ts';
import type { AlertLog, AlertMatcher } from './types.ts';

export interface AlertEngineOptions {
  db: Db;
  matcher: AlertMatcher;
  config: Pick<AlertsConfig, 'webhookAllowlist' | 'webhookTimeoutMs' | 'retryBaseMs'>;
  /** Base of the links in alerts, without a trailing slash. */
  publicUrl: string;
  log: AlertLog;
  mailer?: Mailer | null;
  userAgent?: string;
  now?: () => Date;
  /** DNS for the SSRF guard (tests map names to loopback with it). */
  lookup?: LookupFn;
  /** Idle poll of the inbox and of due deliveries. */
  pollMs?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** How often digests and deadlines are looked at. */
  tickMs?: number;
  /** Give a delivery up (and disable its subscription) this long after its first attempt. */
  retryWindowMs?: number;
}

export interface AlertEngine {
  start(): void;
  stop(): Promise<void>;
  /** Something was indexed or queued: look now rather than at the next poll. */
  kick(): void;
  /** Match one batch of ready inbox rows; returns how many rows were consumed. */
  matchOnce(): Promise<number>;
  /** Attempt the due deliveries once; returns how many were attempted. */
  deliverOnce(): Promise<number>;
  /** Digests and deadline reminders due at `now`. */
  tick(): Promise<void>;
  /** Match and deliver until nothing is ready or due (tests and the benchmark). */
  drain(timeoutMs?: number): Promise<void>;
}

const BATCH = 200;

/** Sleeps that end early when woken: new work (a kick, a freed delivery slot) needs no poll to wait for. */
function createWaker(): { sleep(ms: number): Promise<void>; wakeAll(): void } {
  const wakers = new Set<() => void>();
  return {
    wakeAll() {
      for (const w of wakers) w();
    },
    sleep(ms) {
      return new Promise((resolve) => {
        const timer = setTimeout(done, Math.max(0, ms));
        function done() {
          clearTimeout(timer);
          wakers.delete(done);
          resolve();
        }
        wakers.add(done);
      });
    },
  };
}

export function createAlertEngine(options: AlertEngineOptions): AlertEngine {
  const { db, matcher, log } = options;
  const now = options.now ?? (() => new Date());
  const links: Links = { base: options.publicUrl.replace(/\/+$/, '') };
  const pollMs = options.pollMs ?? 1000;
  const concurrency = options.concurrency ?? 8;
  // Digests go out within this long after their period ends; deadlines are looked at as often (a
  // scan of the analyses' deadlines, so not every second).
  const tickMs = options.tickMs ?? 900_000;
  let stopped = true;
  const { sleep, wakeAll } = createWaker();
  let loops: Promise<void>[] = [];
  const ctx: MatchContext = { db, matcher, log, links };
  const queue = createAlertQueue({ db, links, now });
  const attempt = createDeliverer({
    db,
    log,
    config: options.config,
    guard: createAddressGuard(options.config.webhookAllowlist, options.lookup),
    mailer: options.mailer,
    userAgent: options.userAgent ?? 'RaqibAlerts/0.1',
    now,
    retryWindowMs: options.retryWindowMs,
  });

  // ---- matching ----------------------------------------------------------------------------------

  async function matchOnce(): Promise<number> {
    const rows = readReadyInbox(db, BATCH);
    if (rows.length === 0) return 0;
    // Disabled subscriptions keep collecting: re-enabling replays what they missed. Paused ones do not.
    const subs = listSubscriptions(db, { statuses: ['active', 'disabled'] });
    const matches =
      subs.length === 0 ? [] : [...(await matchDocuments(ctx, subs, rows)), ...matchCases(ctx, subs, rows)];
    const queued = queue.commit(
      matches,
      rows.map((r) => r.id),
    );
    if (matches.length > 0) log.debug({ rows: rows.length, matches: matches.length, queued }, 'alerts matched');
    if (queued > 0) wakeAll();
    return rows.length;
  }

  // Clock-driven: deadline reminders and digests.
  async function tick(): Promise<void> {
    const at = now();
    const due = deadlineMatches(ctx, at);
    if (due.length > 0 && queue.commit(due, []) > 0) wakeAll();
    queue.digests(at);
    wakeAll();
  }

  // ---- delivery ----------------------------------------------------------------------------------

  async function deliverOnce(): Promise<number> {
    const due = dueDeliveries(db, now().toISOString(), concurrency);
    await Promise.all(due.map((d) => attempt(d)));
    return due.length;
  }

  // ---- loops ---------------------------------------------------------------------------------------

  async function matchLoop(): Promise<void> {
    let failures = 0;
    let lastTick = 0;
    while (!stopped) {
      let consumed = 0;
      try {
        consumed = await matchOnce();
        if (Date.now() - lastTick >= tickMs) {
          lastTick = Date.now();
          await tick();
        }
        failures = 0;
      } catch (e) {
        failures++;
        log.warn({ err: (e as Error).message }, 'alert matching failed; will retry');
      }
      if (stopped) break;
      if (consumed === 0 || failures > 0) await sleep(failures > 0 ? Math.min(30_000, pollMs * 2 ** failures) : pollMs);
    }
  }

  const deliveryLoop = () =>
    runDeliveryPool({ db, log, now, attempt, concurrency, pollMs, sleep, wakeAll, isStopped: () => stopped });

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      loops = [matchLoop(), deliveryLoop()];
    },
    async stop() {
      stopped = true;
      wakeAll();
      await Promise.all(loops);
      loops = [];
    },
    kick: wakeAll,
    matchOnce,
    deliverOnce,
    tick,
    async drain(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while ((await matchOnce()) > 0) {}
        const attempted = await deliverOnce();
        if (attempted === 0 && inboxSize(db) === 0) return;
        if (attempted === 0 && readReadyInbox(db, 1).length === 0) return;
        if (Date.now() > deadline) throw new AppError('DELIVERY_FAILED', 'Alerts not drained in time');
      }
    },
  };
}

interface DeliveryPoolOptions {
  db: Db;
  log: AlertLog;
  now: () => Date;
  attempt: ReturnType<typeof createDeliverer>;
  concurrency: number;
  pollMs: number;
  sleep(ms: number): Promise<void>;
  wakeAll(): void;
  isStopped(): boolean;
}

/**
 * The delivery loop. A pool rather than batches: a slow receiver holds one slot, not the whole round.
 * In-flight ids are skipped explicitly, since a claim's retry time may pass while its request is still
 * running.
 */
async function runDeliveryPool(pool: DeliveryPoolOptions): Promise<void> {
  const { db, log, now, attempt, concurrency, pollMs, sleep, wakeAll } = pool;
  const inFlight = new Map<number, Promise<void>>();
  let finished = 0;
  while (!pool.isStopped()) {
    let started = 0;
    const finishedBefore = finished;
    try {
      const free = concurrency - inFlight.size;
      if (free > 0) {
        for (const d of dueDeliveries(db, now().toISOString(), free + inFlight.size)) {
          if (inFlight.has(d.id) || inFlight.size >= concurrency) continue;
          const run = attempt(d)
            .catch((e: unknown) => log.warn({ delivery: d.id, err: (e as Error).message }, 'alert delivery failed'))
            .finally(() => {
              inFlight.delete(d.id);
              finished++;
              wakeAll();
            });
          inFlight.set(d.id, run);
          started++;
        }
      }
    } catch (e) {
      log.warn({ err: (e as Error).message }, 'alert delivery loop failed; will retry');
    }
    if (pool.isStopped()) break;
    // A slot freed while this round ran would have woken a sleep that had not begun yet.
    if ((started > 0 && inFlight.size < concurrency) || finished !== finishedBefore) continue;
    const next = nextDueAt(db);
    const wait = next ? Math.min(pollMs, Date.parse(next) - now().getTime()) : pollMs;
    // Woken early by a finished attempt (a free slot) or by new deliveries.
    await sleep(inFlight.size >= concurrency ? pollMs : wait);
  }
  // Stopping waits for the requests in flight (bounded by the webhook timeout; serve's stop()
  // abandons them after its slice — their claims make them retry after the backoff).
  await Promise.all(inFlight.values());
}
