// The alert engine: matching (inbox → matches → deliveries) and delivery (deliveries → webhook,
// e-mail), plus the clock-driven work (digests, deadline reminders). Two loops, so a slow receiver
// never delays matching.
//
// Matching uses /search's own code: a saved search runs through the index (runDocumentSearch, via
// `searchDocumentsAmong`) restricted to the newly indexed document ids, right after the index sync
// confirmed them — never by re-running every query over the archive. Its cost grows with the number
// of subscriptions times the number of new documents, not with the archive.

import type { DocumentQuery } from '../../index/index.ts';
import { AppError, isAppError } from '../../pipeline/errors.ts';
import { getCaseRecord, resolveCaseId } from '../../store/cases.ts';
import type { Db } from '../../store/db.ts';
import {
  type AlertEvent,
  attachMatches,
  claimAttempt,
  type Delivery,
  deleteInbox,
  dueDeliveries,
  enqueueDelivery,
  type InboxRow,
  idempotencyKey,
  inboxSize,
  markAttemptFailed,
  markDelivered,
  nextDueAt,
  readReadyInbox,
  recordMatch,
  undigestedMatches,
} from '../../store/deliveries.ts';
import {
  disableSubscription,
  getSubscription,
  listSubscriptions,
  type Subscription,
  setDigestPeriod,
} from '../../store/subscriptions.ts';
import type { AlertsConfig } from './config.ts';
import { type Mailer, renderEmail } from './email.ts';
import {
  buildPayload,
  caseDocumentEvent,
  caseSummary,
  deadlineEvent,
  documentEvent,
  documentSummary,
  type Links,
  newCaseEvent,
} from './events.ts';
import { toSavedQuery } from './query.ts';
import { createAddressGuard, type LookupFn } from './ssrf.ts';
import { postWebhook } from './webhook.ts';

/** What matching needs from the search index (index/sync.ts). */
export interface AlertMatcher {
  /** The ids among `documentIds` that /search would return for `query`. */
  searchDocumentsAmong(query: DocumentQuery, documentIds: readonly string[]): Promise<string[]>;
}

export interface AlertLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

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
/** Ids per index query: planDocumentSearch caps offset + limit at 1000. */
const IDS_PER_QUERY = 200;
const DAY_MS = 86_400_000;

export function createAlertEngine(options: AlertEngineOptions): AlertEngine {
  const { db, matcher, log } = options;
  const now = options.now ?? (() => new Date());
  const links: Links = { base: options.publicUrl.replace(/\/+$/, '') };
  const guard = createAddressGuard(options.config.webhookAllowlist, options.lookup);
  const base = options.config.retryBaseMs;
  const window = options.retryWindowMs ?? base * 2880;
  const maxDelay = base * 360;
  const pollMs = options.pollMs ?? 1000;
  const concurrency = options.concurrency ?? 8;
  // Digests go out within this long after their period ends; deadlines are looked at as often (a
  // scan of the analyses' deadlines, so not every second).
  const tickMs = options.tickMs ?? 900_000;
  const userAgent = options.userAgent ?? 'RaqibAlerts/0.1';
  let stopped = true;
  const wakers = new Set<() => void>();
  let loops: Promise<void>[] = [];

  function backoff(attempt: number): number {
    const d = Math.min(maxDelay, base * 2 ** attempt);
    // ±20% jitter: receivers coming back are not hit by every queued delivery at the same instant.
    return Math.round(d * (0.8 + Math.random() * 0.4));
  }

  // ---- matching ----------------------------------------------------------------------------------

  async function matchDocuments(
    subs: Subscription[],
    rows: InboxRow[],
  ): Promise<{ sub: Subscription; event: AlertEvent }[]> {
    const out: { sub: Subscription; event: AlertEvent }[] = [];
    const docRows = rows.filter((r) => r.kind === 'document');
    if (docRows.length === 0) return out;
    for (const sub of subs) {
      if (sub.kind !== 'search' && sub.kind !== 'org') continue;
      // A subscription sees what arrived after it was made, not the archive.
      const ids = [...new Set(docRows.filter((r) => r.enqueuedAt >= sub.createdAt).map((r) => r.entityId))];
      if (ids.length === 0) continue;
      let query: DocumentQuery;
      try {
        query =
          sub.kind === 'org'
            ? { q: '', orgs: [sub.params.orgId as string], limit: IDS_PER_QUERY }
            : toSavedQuery(sub.params.query ?? { q: '', relevant: 'true', includeDuplicates: false }, IDS_PER_QUERY);
      } catch (e) {
        log.warn({ subscription: sub.id, err: (e as Error).message }, 'alerts: saved search no longer valid');
        continue;
      }
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        let matched: string[];
        try {
          matched = await matcher.searchDocumentsAmong(query, ids.slice(i, i + IDS_PER_QUERY));
        } catch (e) {
          // A name the gazetteer no longer knows is this subscription's problem, not the batch's;
          // an index outage fails the batch, which is matched again later (nothing was committed).
          if (isAppError(e, 'BAD_REQUEST')) {
            log.warn({ subscription: sub.id, err: e.message }, 'alerts: saved search refused');
            break;
          }
          throw e;
        }
        for (const id of matched) {
          const doc = documentSummary(db, id, links);
          if (doc) out.push({ sub, event: documentEvent(doc) });
        }
      }
    }
    return out;
  }

  function matchCases(subs: Subscription[], rows: InboxRow[]): { sub: Subscription; event: AlertEvent }[] {
    const out: { sub: Subscription; event: AlertEvent }[] = [];
    for (const row of rows) {
      if (row.kind === 'case') {
        const interested = subs.filter(
          (s) => (s.kind === 'new_cases' || s.kind === 'org') && row.enqueuedAt >= s.createdAt,
        );
        if (interested.length === 0) continue;
        const record = getCaseRecord(db, row.entityId);
        // Absorbed since (a merge): the surviving case was announced in its own right.
        if (!record || record.id !== row.entityId) continue;
        const summary = caseSummary(db, record.id, links);
        if (!summary) continue;
        const orgIds = new Set(record.subjects.map((s) => s.id));
        for (const sub of interested) {
          const p = sub.params;
          const ok =
            sub.kind === 'org'
              ? orgIds.has(p.orgId as string)
              : (!p.caseTypes?.length || p.caseTypes.includes(record.type)) &&
                (!p.orgIds?.length || p.orgIds.some((o) => orgIds.has(o)));
          if (ok) out.push({ sub, event: newCaseEvent(summary) });
        }
      } else if (row.kind === 'member' && row.documentId) {
        const interested = subs.filter((s) => s.kind === 'case' && row.enqueuedAt >= s.createdAt);
        if (interested.length === 0) continue;
        const live = resolveCaseId(db, row.entityId);
        if (!live) continue;
        const c = caseSummary(db, live, links);
        const doc = documentSummary(db, row.documentId, links);
        if (!c || !doc) continue;
        for (const sub of interested) {
          // A followed case that was merged into another keeps being followed under its new id.
          if (resolveCaseId(db, sub.params.caseId as string) === live)
            out.push({ sub, event: caseDocumentEvent(c, doc) });
        }
      }
    }
    return out;
  }

  /** Record matches and (real-time) deliveries in one transaction with the inbox rows they consume. */
  const commit = db.transaction((matches: { sub: Subscription; event: AlertEvent }[], inboxIds: number[]) => {
    const at = now().toISOString();
    let delivered = 0;
    for (const { sub, event } of matches) {
      const matchId = recordMatch(db, sub.id, event, at);
      if (matchId === null || sub.channel === 'atom' || sub.rate !== 'realtime') continue;
      const key = idempotencyKey(sub.id, event.key);
      const payload = buildPayload(sub, key, [event], false, at, links);
      const deliveryId = enqueueDelivery(db, {
        subscriptionId: sub.id,
        deliveryKey: event.key,
        channel: sub.channel,
        payload: JSON.stringify(payload),
        at,
      });
      if (deliveryId !== null) {
        attachMatches(db, [matchId], deliveryId);
        delivered++;
      }
    }
    deleteInbox(db, inboxIds);
    return delivered;
  });

  async function matchOnce(): Promise<number> {
    const rows = readReadyInbox(db, BATCH);
    if (rows.length === 0) return 0;
    // Disabled subscriptions keep collecting: re-enabling replays what they missed. Paused ones do not.
    const subs = listSubscriptions(db, { statuses: ['active', 'disabled'] });
    const matches = subs.length === 0 ? [] : [...(await matchDocuments(subs, rows)), ...matchCases(subs, rows)];
    const queued = commit(
      matches,
      rows.map((r) => r.id),
    );
    if (matches.length > 0) log.debug({ rows: rows.length, matches: matches.length, queued }, 'alerts matched');
    if (queued > 0) wakeAll();
    return rows.length;
  }

  // ---- clock-driven: digests and deadlines -------------------------------------------------------

  function periodOf(rate: 'daily' | 'weekly', at: Date): string {
    const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
    if (rate === 'weekly') day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
    return day.toISOString().slice(0, 10);
  }

  const digest = db.transaction((sub: Subscription, period: string, at: string) => {
    const waiting = undigestedMatches(db, sub.id, `${period}T00:00:00.000Z`);
    if (waiting.length > 0 && sub.channel !== 'atom') {
      const deliveryKey = `digest:${period}`;
      const payload = buildPayload(
        sub,
        idempotencyKey(sub.id, deliveryKey),
        waiting.map((m) => m.event),
        true,
        at,
        links,
      );
      const id = enqueueDelivery(db, {
        subscriptionId: sub.id,
        deliveryKey,
        channel: sub.channel,
        payload: JSON.stringify(payload),
        at,
      });
      if (id !== null)
        attachMatches(
          db,
          waiting.map((m) => m.id),
          id,
        );
    }
    setDigestPeriod(db, sub.id, period);
  });

  function digests(at: Date): void {
    for (const sub of listSubscriptions(db, { statuses: ['active', 'disabled'] })) {
      if (sub.rate === 'realtime' || sub.channel === 'atom') continue;
      // A digest covers whole periods: the first one after the subscription's own period began.
      const period = periodOf(sub.rate, at);
      if (sub.lastDigestPeriod === period) continue;
      digest(sub, period, at.toISOString());
    }
  }

  function deadlines(at: Date): { sub: Subscription; event: AlertEvent }[] {
    const subs = listSubscriptions(db, { kinds: ['deadline'], statuses: ['active', 'disabled'] });
    if (subs.length === 0) return [];
    const today = at.toISOString().slice(0, 10);
    const horizon = Math.max(...subs.map((s) => s.params.daysBefore ?? 7));
    const last = new Date(Date.parse(`${today}T00:00:00Z`) + horizon * DAY_MS).toISOString().slice(0, 10);
    const rows = db
      .prepare(
        `SELECT a.document_id, json_extract(d.value, '$.date') AS date, json_extract(d.value, '$.label') AS label,
           a.entities, m.case_id
         FROM analyses a, json_each(a.entities, '$.deadlines') d
         LEFT JOIN case_members m ON m.document_id = a.document_id AND m.role = 'primary'
         WHERE a.relevant = 1 AND a.duplicate_of IS NULL
           AND json_extract(d.value, '$.date') BETWEEN ? AND ?
         ORDER BY date, a.document_id`,
      )
      .all(today, last) as {
      document_id: string;
      date: string;
      label: string;
      entities: string;
      case_id: string | null;
    }[];
    const out: { sub: Subscription; event: AlertEvent }[] = [];
    for (const r of rows) {
      const daysLeft = Math.round((Date.parse(`${r.date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
      const doc = documentSummary(db, r.document_id, links);
      if (!doc) continue;
      const c = r.case_id ? caseSummary(db, r.case_id, links) : null;
      const orgs = new Set(
        ((JSON.parse(r.entities) as { organizations?: { id: string }[] }).organizations ?? []).map((o) => o.id),
      );
      for (const sub of subs) {
        const p = sub.params;
        if (daysLeft > (p.daysBefore ?? 7)) continue;
        if (p.caseId && (!c || resolveCaseId(db, p.caseId) !== c.id)) continue;
        if (p.orgId && !orgs.has(p.orgId)) continue;
        out.push({ sub, event: deadlineEvent({ date: r.date, label: r.label, daysLeft, case: c, document: doc }) });
      }
    }
    return out;
  }

  async function tick(): Promise<void> {
    const at = now();
    const due = deadlines(at);
    if (due.length > 0 && commit(due, []) > 0) wakeAll();
    digests(at);
    wakeAll();
  }

  // ---- delivery ----------------------------------------------------------------------------------

  async function attempt(d: Delivery): Promise<void> {
    const sub = getSubscription(db, d.subscriptionId);
    if (sub?.status !== 'active') return;
    const started = now();
    const retryAt = new Date(started.getTime() + backoff(d.attempts)).toISOString();
    if (!claimAttempt(db, d.id, started.toISOString(), retryAt)) return;
    const firstAttempt = d.firstAttemptAt ?? started.toISOString();
    try {
      let status: number | null = null;
      if (d.channel === 'webhook') {
        const res = await postWebhook(
          {
            url: sub.target as string,
            body: d.payload,
            secret: sub.secret,
            idempotencyKey: d.idempotencyKey,
            eventType: (JSON.parse(d.payload) as { type: string }).type,
            timeoutMs: options.config.webhookTimeoutMs,
            userAgent,
            now,
          },
          guard,
        );
        status = res.status;
      } else {
        if (!options.mailer) throw new AppError('DELIVERY_FAILED', 'SMTP is not configured (RAQIB_SMTP_HOST)');
        await options.mailer.send(renderEmail(JSON.parse(d.payload), sub.target as string));
      }
      markDelivered(db, d.id, now().toISOString(), status);
    } catch (e) {
      const err = e as Error;
      const status = isAppError(e) && typeof e.details?.status === 'number' ? e.details.status : null;
      // Not worth retrying: the address is refused, or the receiver said the endpoint is gone.
      const permanent = isAppError(e, 'ADDRESS_REFUSED') || status === 410;
      const expired = Date.parse(retryAt) - Date.parse(firstAttempt) > window;
      markAttemptFailed(db, d.id, err.message, status, permanent || expired);
      log.warn(
        { subscription: sub.id, delivery: d.id, attempt: d.attempts + 1, err: err.message },
        'alert delivery failed',
      );
      if (permanent || expired) {
        const reason = permanent
          ? `${err.message} (auto-disabled ${started.toISOString()})`
          : `Deliveries failing since ${firstAttempt}: ${err.message}`;
        disableSubscription(db, sub.id, reason, started);
        log.warn({ subscription: sub.id, reason }, 'subscription auto-disabled');
      }
    }
  }

  async function deliverOnce(): Promise<number> {
    const due = dueDeliveries(db, now().toISOString(), concurrency);
    await Promise.all(due.map((d) => attempt(d)));
    return due.length;
  }

  // ---- loops ---------------------------------------------------------------------------------------

  function wakeAll(): void {
    for (const w of wakers) w();
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        wakers.delete(done);
        resolve();
      }
      wakers.add(done);
    });
  }

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

  // A pool rather than batches: a slow receiver holds one slot, not the whole round. In-flight ids
  // are skipped explicitly, since a claim's retry time may pass while its request is still running.
  async function deliveryLoop(): Promise<void> {
    const inFlight = new Map<number, Promise<void>>();
    let finished = 0;
    while (!stopped) {
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
      if (stopped) break;
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
