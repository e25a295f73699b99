// Managing alert subscriptions with the API key: create (the one open case: following a case by
// Atom from the web page), list, read, update, pause or resume, delete; deliveries and previews.
import { Type } from 'typebox';
import { AppError } from '../../pipeline/errors.ts';
import type { Db } from '../../store/db.ts';
import { deliveryCounts, listDeliveries, replayDeliveries } from '../../store/deliveries.ts';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listSubscriptions,
  STATUSES,
  SUBSCRIPTION_KINDS,
  type Subscription,
  type SubscriptionPatch,
  updateSubscription,
} from '../../store/subscriptions.ts';
import { oneOf, type TypedApp, WRITE_SECURITY, withDefault } from '../route-schemas.ts';
import { subscriptionLinks } from './events.ts';
import { previewCount } from './preview.ts';
import {
  CreateBody,
  PatchBody,
  SubscriptionIdParams,
  type SubscriptionInput,
  subscriptionView,
  touchesParams,
} from './subscription-input.ts';
import type { AlertRoutesOptions } from './types.ts';

function loadSubscription(db: Db, id: string): Subscription {
  const sub = getSubscription(db, id);
  if (!sub) throw new AppError('NOT_FOUND', `No subscription ${id}`, { details: { parameter: 'id' } });
  return sub;
}

const ListQuery = Type.Object(
  {
    status: Type.Optional(oneOf(STATUSES)),
    kind: Type.Optional(oneOf(SUBSCRIPTION_KINDS)),
    limit: withDefault(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: withDefault(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export function registerSubscriptionRoutes(
  app: TypedApp,
  options: AlertRoutesOptions,
  input: SubscriptionInput,
  baseOf: (req: { protocol: string; host: string }) => string,
): void {
  const { db } = options;

  app.post(
    '/subscriptions',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Create an alert subscription',
        description:
          'Kinds: `search` (a saved /search), `org` (an organization in new documents and new cases), `case` (documents joining a case), `new_cases` (optionally by type or organization), `deadline` (reminders `daysBefore` days before a deadline and on the day). Channels: `webhook` (signed JSON POST), `email`, `atom` (a feed at `feedUrl`). Needs the API key, except `{kind: "case", channel: "atom"}` (following a case from the web page). Answers the subscription, its `token` (feed and unsubscribe capability), its webhook `secret` (shown only here) and a `preview`: what would have matched over the last 100 days.',
        body: CreateBody,
      },
    },
    async (req, reply) => {
      const b = req.body;
      const open = b.kind === 'case' && b.channel === 'atom';
      if (!open) options.authorize(req);
      const rate = b.channel === 'atom' ? 'realtime' : (b.rate ?? 'realtime');
      if (b.channel === 'atom' && b.rate && b.rate !== 'realtime')
        throw new AppError('BAD_REQUEST', 'An Atom feed is always up to date: rate applies to webhook and e-mail');
      const params = input.paramsOf(b.kind, b);
      const target = await input.checkTarget(b.channel, b);
      // Before creating: a saved search naming an organization /search does not know is a 400 here.
      const pre = await previewCount({ db, matcher: options.matcher, now: options.now() }, b.kind, params);
      const sub = createSubscription(
        db,
        { kind: b.kind, channel: b.channel, rate, name: open ? null : (b.name ?? null), params, target },
        options.now(),
      );
      const base = baseOf(req);
      reply.code(201).header('location', `/subscriptions/${sub.id}`);
      return {
        subscription: subscriptionView(sub, base),
        token: sub.token,
        ...(sub.channel === 'webhook' ? { secret: sub.secret } : {}),
        unsubscribeUrl: subscriptionLinks(sub, { base }).unsubscribe,
        preview: pre,
      };
    },
  );

  app.get(
    '/subscriptions',
    {
      schema: {
        tags: ['alerts'],
        summary: 'List subscriptions',
        security: WRITE_SECURITY,
        querystring: ListQuery,
      },
    },
    async (req) => {
      const q = req.query;
      const subs = listSubscriptions(db, {
        statuses: q.status ? [q.status] : undefined,
        kinds: q.kind ? [q.kind] : undefined,
        limit: q.limit,
        offset: q.offset,
      });
      const base = baseOf(req);
      return { subscriptions: subs.map((s) => subscriptionView(s, base)) };
    },
  );

  const load = (id: string) => loadSubscription(db, id);

  app.get(
    '/subscriptions/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'A subscription, its status (and why it was disabled) and delivery counts',
        security: WRITE_SECURITY,
        params: SubscriptionIdParams,
      },
    },
    async (req) => {
      const sub = load(req.params.id);
      return { subscription: subscriptionView(sub, baseOf(req)), deliveries: deliveryCounts(db, sub.id) };
    },
  );

  app.patch(
    '/subscriptions/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Update, pause or resume a subscription (resuming a disabled one replays what it missed)',
        security: WRITE_SECURITY,
        params: SubscriptionIdParams,
        body: PatchBody,
      },
    },
    async (req) => {
      const sub = load(req.params.id);
      const b = req.body;
      const patch: SubscriptionPatch = {};
      if (b.name !== undefined) patch.name = b.name;
      if (b.rate !== undefined) {
        if (sub.channel === 'atom' && b.rate !== 'realtime')
          throw new AppError('BAD_REQUEST', 'An Atom feed is always up to date: rate applies to webhook and e-mail');
        patch.rate = b.rate;
      }
      if (b.status !== undefined) patch.status = b.status;
      if (touchesParams(b)) patch.params = input.paramsOf(sub.kind, b, sub.params);
      if (b.url !== undefined || b.email !== undefined)
        patch.target = (await input.checkTarget(sub.channel, b)) ?? undefined;
      const wasDisabled = sub.status === 'disabled' || sub.status === 'unsubscribed';
      const updated = db.transaction(() => {
        const u = updateSubscription(db, sub.id, patch, options.now());
        if (b.status === 'active' && wasDisabled) replayDeliveries(db, sub.id, options.now().toISOString());
        return u;
      })();
      options.onChange?.();
      return { subscription: subscriptionView(updated, baseOf(req)), deliveries: deliveryCounts(db, sub.id) };
    },
  );

  app.delete(
    '/subscriptions/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Delete a subscription (its matches and deliveries go with it)',
        security: WRITE_SECURITY,
        params: SubscriptionIdParams,
      },
    },
    async (req, reply) => {
      if (!deleteSubscription(db, req.params.id))
        throw new AppError('NOT_FOUND', `No subscription ${req.params.id}`, { details: { parameter: 'id' } });
      return reply.code(204).send();
    },
  );

  registerSubscriptionReports(app, options, load);
}

/** What a subscription did and would do: its latest deliveries, and a preview over the last 100 days. */
function registerSubscriptionReports(
  app: TypedApp,
  options: AlertRoutesOptions,
  load: (id: string) => Subscription,
): void {
  const { db } = options;

  app.get(
    '/subscriptions/:id/deliveries',
    {
      schema: {
        tags: ['alerts'],
        summary: 'The latest deliveries: status, attempts, last error',
        security: WRITE_SECURITY,
        params: SubscriptionIdParams,
      },
    },
    async (req) => {
      const sub = load(req.params.id);
      return {
        deliveries: listDeliveries(db, sub.id).map((d) => ({
          id: d.id,
          idempotencyKey: d.idempotencyKey,
          deliveryKey: d.deliveryKey,
          channel: d.channel,
          status: d.status,
          attempts: d.attempts,
          nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt : null,
          lastError: d.lastError,
          lastStatus: d.lastStatus,
          createdAt: d.createdAt,
          deliveredAt: d.deliveredAt,
        })),
      };
    },
  );

  app.get(
    '/subscriptions/:id/preview',
    {
      schema: {
        tags: ['alerts'],
        summary: 'What would have matched over the last 100 days',
        security: WRITE_SECURITY,
        params: SubscriptionIdParams,
      },
    },
    async (req) => {
      const sub = load(req.params.id);
      return {
        preview: await previewCount({ db, matcher: options.matcher, now: options.now() }, sub.kind, sub.params),
      };
    },
  );
}
