// The alert inbox, matches and the delivery outbox (migration 006). See the migration's header for
// why each is safe across crashes.
import { createHash } from 'node:crypto';
import type { Db } from './db.ts';
import { MAX_ATTEMPTS } from './outbox.ts';

export type InboxKind = 'document' | 'case' | 'member';

export interface InboxRow {
  id: number;
  kind: InboxKind;
  entityId: string;
  documentId: string | null;
  enqueuedAt: string;
}

/**
 * The oldest inbox rows whose entity the search index has confirmed: no index outbox row is still
 * pending for it (a document for `document` and `member` rows, the case for `case` rows). Rows
 * behind an unconfirmed one wait too, so events go out in arrival order.
 */
export function readReadyInbox(db: Db, limit: number): InboxRow[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.kind, i.entity_id, i.document_id, i.enqueued_at,
         EXISTS (SELECT 1 FROM outbox o
                 WHERE o.attempts < @max
                   AND ((i.kind = 'case' AND o.kind = 'case' AND o.entity_id = i.entity_id)
                     OR (i.kind <> 'case' AND o.kind = 'document' AND o.entity_id = coalesce(i.document_id, i.entity_id)))
         ) AS pending
       FROM alert_inbox i ORDER BY i.id LIMIT @limit`,
    )
    .all({ max: MAX_ATTEMPTS, limit }) as {
    id: number;
    kind: InboxKind;
    entity_id: string;
    document_id: string | null;
    enqueued_at: string;
    pending: number;
  }[];
  const out: InboxRow[] = [];
  for (const r of rows) {
    if (r.pending) break;
    out.push({ id: r.id, kind: r.kind, entityId: r.entity_id, documentId: r.document_id, enqueuedAt: r.enqueued_at });
  }
  return out;
}

export function inboxSize(db: Db): number {
  return db.prepare('SELECT count(*) FROM alert_inbox').pluck().get() as number;
}

export function deleteInbox(db: Db, ids: readonly number[]): void {
  const del = db.prepare('DELETE FROM alert_inbox WHERE id = ?');
  for (const id of ids) del.run(id);
}

export interface AlertEvent {
  key: string;
  type: string;
  [field: string]: unknown;
}

/** Stable for a subscription and delivery key, across retries, restarts and re-matching. */
export function idempotencyKey(subscriptionId: string, deliveryKey: string): string {
  return createHash('sha256').update(`${subscriptionId}\n${deliveryKey}`).digest('base64url').slice(0, 32);
}

/** Record a match; false when this subscription already had this event. */
export function recordMatch(db: Db, subscriptionId: string, event: AlertEvent, at: string): number | null {
  const r = db
    .prepare(
      `INSERT INTO alert_matches (subscription_id, event_key, event_type, event, matched_at)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (subscription_id, event_key) DO NOTHING`,
    )
    .run(subscriptionId, event.key, event.type, JSON.stringify(event), at);
  return r.changes > 0 ? Number(r.lastInsertRowid) : null;
}

export interface MatchRow {
  id: number;
  eventKey: string;
  eventType: string;
  event: AlertEvent;
  matchedAt: string;
  deliveryId: number | null;
}

type MatchDbRow = {
  id: number;
  event_key: string;
  event_type: string;
  event: string;
  matched_at: string;
  delivery_id: number | null;
};
const toMatch = (r: MatchDbRow): MatchRow => ({
  id: r.id,
  eventKey: r.event_key,
  eventType: r.event_type,
  event: JSON.parse(r.event) as AlertEvent,
  matchedAt: r.matched_at,
  deliveryId: r.delivery_id,
});

export function recentMatches(db: Db, subscriptionId: string, limit = 100): MatchRow[] {
  return (
    db
      .prepare('SELECT * FROM alert_matches WHERE subscription_id = ? ORDER BY id DESC LIMIT ?')
      .all(subscriptionId, limit) as MatchDbRow[]
  ).map(toMatch);
}

/** Matches waiting for a digest, matched before `before`. */
export function undigestedMatches(db: Db, subscriptionId: string, before: string): MatchRow[] {
  return (
    db
      .prepare(
        'SELECT * FROM alert_matches WHERE subscription_id = ? AND delivery_id IS NULL AND matched_at < ? ORDER BY id',
      )
      .all(subscriptionId, before) as MatchDbRow[]
  ).map(toMatch);
}

export function attachMatches(db: Db, matchIds: readonly number[], deliveryId: number): void {
  const upd = db.prepare('UPDATE alert_matches SET delivery_id = ? WHERE id = ?');
  for (const id of matchIds) upd.run(deliveryId, id);
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface Delivery {
  id: number;
  subscriptionId: string;
  deliveryKey: string;
  idempotencyKey: string;
  channel: 'webhook' | 'email';
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  firstAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  lastStatus: number | null;
  createdAt: string;
  deliveredAt: string | null;
}

type DeliveryDbRow = {
  id: number;
  subscription_id: string;
  delivery_key: string;
  idempotency_key: string;
  channel: 'webhook' | 'email';
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  first_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  last_status: number | null;
  created_at: string;
  delivered_at: string | null;
};
const toDelivery = (r: DeliveryDbRow): Delivery => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  deliveryKey: r.delivery_key,
  idempotencyKey: r.idempotency_key,
  channel: r.channel,
  payload: r.payload,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  firstAttemptAt: r.first_attempt_at,
  lastAttemptAt: r.last_attempt_at,
  lastError: r.last_error,
  lastStatus: r.last_status,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

/** Queue a delivery; null when this subscription already has one for this key. */
export function enqueueDelivery(
  db: Db,
  input: { subscriptionId: string; deliveryKey: string; channel: 'webhook' | 'email'; payload: string; at: string },
): number | null {
  const r = db
    .prepare(
      `INSERT INTO deliveries (subscription_id, delivery_key, idempotency_key, channel, payload, status, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (subscription_id, delivery_key) DO NOTHING`,
    )
    .run(
      input.subscriptionId,
      input.deliveryKey,
      idempotencyKey(input.subscriptionId, input.deliveryKey),
      input.channel,
      input.payload,
      input.at,
      input.at,
    );
  return r.changes > 0 ? Number(r.lastInsertRowid) : null;
}

/** Pending deliveries due at `now` whose subscription is active, oldest first. */
export function dueDeliveries(db: Db, now: string, limit: number): Delivery[] {
  return (
    db
      .prepare(
        `SELECT d.* FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
         WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND s.status = 'active'
         ORDER BY d.next_attempt_at, d.id LIMIT ?`,
      )
      .all(now, limit) as DeliveryDbRow[]
  ).map(toDelivery);
}

/** The earliest next attempt among pending deliveries of active subscriptions (to sleep until). */
export function nextDueAt(db: Db): string | null {
  return (
    (db
      .prepare(
        `SELECT min(d.next_attempt_at) FROM deliveries d JOIN subscriptions s ON s.id = d.subscription_id
         WHERE d.status = 'pending' AND s.status = 'active'`,
      )
      .pluck()
      .get() as string | null) ?? null
  );
}

/**
 * Claim an attempt before making it: the attempt count and the next attempt time (the backoff) are
 * written first, so a process killed mid-request retries at that time rather than never or at once.
 */
export function claimAttempt(db: Db, id: number, now: string, retryAt: string): boolean {
  return (
    db
      .prepare(
        `UPDATE deliveries SET attempts = attempts + 1, last_attempt_at = ?, next_attempt_at = ?,
           first_attempt_at = coalesce(first_attempt_at, ?)
         WHERE id = ? AND status = 'pending'`,
      )
      .run(now, retryAt, now, id).changes > 0
  );
}

export function markDelivered(db: Db, id: number, now: string, status: number | null): void {
  db.prepare(
    `UPDATE deliveries SET status = 'delivered', delivered_at = ?, last_status = ?, last_error = NULL WHERE id = ?`,
  ).run(now, status, id);
}

export function markAttemptFailed(db: Db, id: number, error: string, status: number | null, final: boolean): void {
  db.prepare(
    `UPDATE deliveries SET last_error = ?, last_status = ?, status = CASE WHEN ? THEN 'failed' ELSE status END WHERE id = ?`,
  ).run(error.slice(0, 500), status, final ? 1 : 0, id);
}

/**
 * Re-enabling a subscription replays what it missed: failed deliveries and those held while it was
 * disabled become due now with a fresh retry window, keeping their idempotency keys.
 */
export function replayDeliveries(db: Db, subscriptionId: string, now: string): number {
  return db
    .prepare(
      `UPDATE deliveries SET status = 'pending', next_attempt_at = ?, attempts = 0, first_attempt_at = NULL
       WHERE subscription_id = ? AND status IN ('pending', 'failed')`,
    )
    .run(now, subscriptionId).changes;
}

export function listDeliveries(db: Db, subscriptionId: string, limit = 50): Delivery[] {
  return (
    db
      .prepare('SELECT * FROM deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT ?')
      .all(subscriptionId, limit) as DeliveryDbRow[]
  ).map(toDelivery);
}

export function deliveryCounts(db: Db, subscriptionId: string): Record<DeliveryStatus, number> {
  const rows = db
    .prepare('SELECT status, count(*) AS n FROM deliveries WHERE subscription_id = ? GROUP BY status')
    .all(subscriptionId) as { status: DeliveryStatus; n: number }[];
  const out: Record<DeliveryStatus, number> = { pending: 0, delivered: 0, failed: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}
