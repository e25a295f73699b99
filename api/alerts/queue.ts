// Recording matches and queueing what they deliver, each in one transaction with what it consumes:
// real-time deliveries as matches are made, digests once per period (daily, or weekly from Monday).
import type { Db } from '../../store/db.ts';
import {
  attachMatches,
  deleteInbox,
  enqueueDelivery,
  idempotencyKey,
  recordMatch,
  undigestedMatches,
} from '../../store/deliveries.ts';
import { listSubscriptions, type Subscription, setDigestPeriod } from '../../store/subscriptions.ts';
import { buildPayload, type Links } from './events.ts';
import type { Match } from './matching.ts';

export interface AlertQueue {
  /** Record matches and (real-time) deliveries with the inbox rows they consume; returns deliveries queued. */
  commit(matches: Match[], inboxIds: number[]): number;
  /** Queue the digests whose period has begun by `at`. */
  digests(at: Date): void;
}

export function createAlertQueue(deps: { db: Db; links: Links; now: () => Date }): AlertQueue {
  const { db, links, now } = deps;

  /** Record matches and (real-time) deliveries in one transaction with the inbox rows they consume. */
  const commit = db.transaction((matches: Match[], inboxIds: number[]) => {
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

  return { commit, digests };
}
