// Alert subscriptions (migration 006): what a newsroom follows, on which channel, at which rate.
// Kind-specific parameters live in one JSON column, validated by the schema that makes the type
// whenever they are read back.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../pipeline/errors.ts';
import type { Db } from './db.ts';

export const SUBSCRIPTION_KINDS = ['search', 'org', 'case', 'new_cases', 'deadline'] as const;
export const CHANNELS = ['webhook', 'email', 'atom'] as const;
export const RATES = ['realtime', 'daily', 'weekly'] as const;
export const STATUSES = ['active', 'paused', 'disabled', 'unsubscribed'] as const;

export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
export type Rate = (typeof RATES)[number];
export type SubscriptionStatus = (typeof STATUSES)[number];

/**
 * The saved search: the /search querystring's filter parameters (api/search-route.ts), kept as the
 * caller gave them so matching goes through exactly the code /search runs.
 */
const savedSearchSchema = z
  .object({
    q: z.string().default(''),
    language: z.array(z.string()).optional(),
    source: z.array(z.string()).optional(),
    outlet: z.array(z.string()).optional(),
    kind: z.array(z.string()).optional(),
    org: z.array(z.string()).optional(),
    law: z.array(z.string()).optional(),
    article: z.array(z.string()).optional(),
    eventType: z.array(z.string()).optional(),
    topic: z.array(z.string()).optional(),
    caseId: z.array(z.string()).optional(),
    relevant: z.enum(['true', 'false', 'all']).default('true'),
    includeDuplicates: z.boolean().default(false),
  })
  .strict();
export type SavedSearch = z.infer<typeof savedSearchSchema>;

const subscriptionParamsSchema = z
  .object({
    query: savedSearchSchema.optional(),
    orgId: z.string().optional(),
    caseId: z.string().optional(),
    /** new_cases: only cases of these types / naming these organizations. */
    caseTypes: z.array(z.string()).optional(),
    orgIds: z.array(z.string()).optional(),
    /** deadline: remind this many days before (and on the day). */
    daysBefore: z.number().int().min(0).max(365).optional(),
  })
  .strict();
export type SubscriptionParams = z.infer<typeof subscriptionParamsSchema>;

export interface Subscription {
  id: string;
  kind: SubscriptionKind;
  channel: Channel;
  rate: Rate;
  status: SubscriptionStatus;
  disabledReason: string | null;
  disabledAt: string | null;
  name: string | null;
  params: SubscriptionParams;
  target: string | null;
  secret: string;
  token: string;
  lastDigestPeriod: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  kind: SubscriptionKind;
  channel: Channel;
  rate: Rate;
  status: SubscriptionStatus;
  disabled_reason: string | null;
  disabled_at: string | null;
  name: string | null;
  params: string;
  target: string | null;
  secret: string;
  token: string;
  last_digest_period: string | null;
  created_at: string;
  updated_at: string;
}

function toSubscription(r: Row): Subscription {
  return {
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    rate: r.rate,
    status: r.status,
    disabledReason: r.disabled_reason,
    disabledAt: r.disabled_at,
    name: r.name,
    params: subscriptionParamsSchema.parse(JSON.parse(r.params)),
    target: r.target,
    secret: r.secret,
    token: r.token,
    lastDigestPeriod: r.last_digest_period,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface NewSubscription {
  kind: SubscriptionKind;
  channel: Channel;
  rate: Rate;
  name?: string | null;
  params: SubscriptionParams;
  target: string | null;
}

/** Random, URL-safe: 32 bytes (256 bits) for capabilities, so feed URLs cannot be guessed. */
const random = (bytes: number) => randomBytes(bytes).toString('base64url');

export function createSubscription(db: Db, input: NewSubscription, now = new Date()): Subscription {
  const at = now.toISOString();
  const row: Row = {
    id: `sub_${random(12)}`,
    kind: input.kind,
    channel: input.channel,
    rate: input.rate,
    status: 'active',
    disabled_reason: null,
    disabled_at: null,
    name: input.name ?? null,
    params: JSON.stringify(subscriptionParamsSchema.parse(input.params)),
    target: input.target,
    secret: `whsec_${random(32)}`,
    token: random(32),
    last_digest_period: null,
    created_at: at,
    updated_at: at,
  };
  db.prepare(
    `INSERT INTO subscriptions (id, kind, channel, rate, status, disabled_reason, disabled_at, name, params, target,
       secret, token, last_digest_period, created_at, updated_at)
     VALUES (@id, @kind, @channel, @rate, @status, @disabled_reason, @disabled_at, @name, @params, @target,
       @secret, @token, @last_digest_period, @created_at, @updated_at)`,
  ).run(row);
  return toSubscription(row);
}

export function getSubscription(db: Db, id: string): Subscription | null {
  const row = db.prepare('SELECT * FROM subscriptions WHERE id = ?').get(id) as Row | undefined;
  return row ? toSubscription(row) : null;
}

export function getSubscriptionByToken(db: Db, token: string): Subscription | null {
  const row = db.prepare('SELECT * FROM subscriptions WHERE token = ?').get(token) as Row | undefined;
  return row ? toSubscription(row) : null;
}

export function listSubscriptions(
  db: Db,
  options: {
    kinds?: readonly SubscriptionKind[];
    statuses?: readonly SubscriptionStatus[];
    limit?: number;
    offset?: number;
  } = {},
): Subscription[] {
  const rows = db
    .prepare(
      `SELECT * FROM subscriptions
       WHERE (@kinds IS NULL OR kind IN (SELECT value FROM json_each(@kinds)))
         AND (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
       ORDER BY created_at, id LIMIT @limit OFFSET @offset`,
    )
    .all({
      kinds: options.kinds ? JSON.stringify(options.kinds) : null,
      statuses: options.statuses ? JSON.stringify(options.statuses) : null,
      limit: options.limit ?? -1,
      offset: options.offset ?? 0,
    }) as Row[];
  return rows.map(toSubscription);
}

export interface SubscriptionPatch {
  name?: string | null;
  rate?: Rate;
  status?: 'active' | 'paused';
  params?: SubscriptionParams;
  target?: string;
}

export function updateSubscription(db: Db, id: string, patch: SubscriptionPatch, now = new Date()): Subscription {
  const current = getSubscription(db, id);
  if (!current) throw new AppError('NOT_FOUND', `No subscription ${id}`);
  const next = {
    id,
    name: patch.name === undefined ? current.name : patch.name,
    rate: patch.rate ?? current.rate,
    status: patch.status ?? current.status,
    params: JSON.stringify(subscriptionParamsSchema.parse(patch.params ?? current.params)),
    target: patch.target ?? current.target,
    updated_at: now.toISOString(),
    // Re-activating clears the reason it was disabled for.
    clear: patch.status === 'active' ? 1 : 0,
  };
  db.prepare(
    `UPDATE subscriptions SET name = @name, rate = @rate, status = @status, params = @params, target = @target,
       updated_at = @updated_at,
       disabled_reason = CASE WHEN @clear = 1 THEN NULL ELSE disabled_reason END,
       disabled_at = CASE WHEN @clear = 1 THEN NULL ELSE disabled_at END
     WHERE id = @id`,
  ).run(next);
  return getSubscription(db, id) as Subscription;
}

/** Auto-disable (repeated delivery failure, refused address): the reason stays visible through the API. */
export function disableSubscription(db: Db, id: string, reason: string, now = new Date()): void {
  db.prepare(
    `UPDATE subscriptions SET status = 'disabled', disabled_reason = ?, disabled_at = ?, updated_at = ?
     WHERE id = ? AND status = 'active'`,
  ).run(reason.slice(0, 500), now.toISOString(), now.toISOString(), id);
}

export function unsubscribe(db: Db, id: string, now = new Date()): void {
  db.prepare(`UPDATE subscriptions SET status = 'unsubscribed', updated_at = ? WHERE id = ?`).run(
    now.toISOString(),
    id,
  );
}

export function setDigestPeriod(db: Db, id: string, period: string): void {
  db.prepare('UPDATE subscriptions SET last_digest_period = ? WHERE id = ?').run(period, id);
}

export function deleteSubscription(db: Db, id: string): boolean {
  return db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id).changes > 0;
}
