// Alert subscriptions over HTTP: management with the API key; following a case through its Atom
// feed without one (the analysts' web page); feeds and one-click unsubscribe by capability token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GazetteerEntry } from '../../index/index.ts';
import { AppError, isAppError } from '../../pipeline/errors.ts';
import { CASE_TYPES } from '../../pipeline/link/index.ts';
import { resolveCaseId } from '../../store/cases.ts';
import type { Db } from '../../store/db.ts';
import { deliveryCounts, listDeliveries, recentMatches, replayDeliveries } from '../../store/deliveries.ts';
import {
  CHANNELS,
  createSubscription,
  deleteSubscription,
  getSubscription,
  getSubscriptionByToken,
  listSubscriptions,
  RATES,
  STATUSES,
  SUBSCRIPTION_KINDS,
  type Subscription,
  type SubscriptionParams,
  type SubscriptionPatch,
  unsubscribe,
  updateSubscription,
} from '../../store/subscriptions.ts';
import { matchEntries, newCaseEntries, renderFeed } from './atom.ts';
import type { AlertMatcher } from './engine.ts';
import { subscriptionLinks } from './events.ts';
import { type PreviewResult, previewCount } from './preview.ts';
import { savedSearchJsonSchema } from './query.ts';
import { createAddressGuard, type LookupFn } from './ssrf.ts';

export interface AlertRoutesOptions {
  db: Db;
  /** Base of the links the API hands out; default: the request's own scheme and host. */
  publicUrl?: string;
  webhookAllowlist?: readonly string[];
  lookup?: LookupFn;
  /** Whether SMTP is configured: e-mail subscriptions are refused otherwise. */
  emailEnabled?: boolean;
  /** For previews (documents that would have matched); without it a preview is null. */
  matcher?: AlertMatcher;
  gazetteer: readonly GazetteerEntry[];
  authorize(req: FastifyRequest): string;
  /** A subscription changed (re-enabled...): the engine should look now. */
  onChange?: () => void;
  now: () => Date;
}

const ID = '^[A-Za-z0-9][A-Za-z0-9:._/-]{0,119}$';
const TOKEN = '^[A-Za-z0-9_-]{20,100}$';
const EMAIL = '^[^\\s@<>(),;:"\\[\\]\\\\]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}$';
const security: { [label: string]: string[] }[] = [{ bearerAuth: [] }, { apiKey: [] }];

const paramProps = {
  name: { type: ['string', 'null'], maxLength: 120, pattern: '^[^\\u0000-\\u001f]*$' },
  rate: { type: 'string', enum: [...RATES], description: 'realtime (default), daily or weekly digest.' },
  query: { ...savedSearchJsonSchema, description: 'kind=search: the q and filters of GET /search.' },
  orgId: {
    type: 'string',
    pattern: '^[^\\u0000-\\u001f]{1,120}$',
    description: 'kind=org (or a deadline filter): organization id or name.',
  },
  caseId: { type: 'string', pattern: ID, description: 'kind=case (or a deadline filter): the case to follow.' },
  caseTypes: {
    type: 'array',
    maxItems: 10,
    items: { type: 'string', enum: [...CASE_TYPES] },
    description: 'kind=new_cases: only these case types.',
  },
  orgIds: {
    type: 'array',
    maxItems: 20,
    items: { type: 'string', pattern: ID },
    description: 'kind=new_cases: only cases about one of these organizations.',
  },
  daysBefore: {
    type: 'integer',
    minimum: 0,
    maximum: 365,
    description: 'kind=deadline: remind this many days before (default 7) and on the day.',
  },
  url: { type: 'string', maxLength: 2000, pattern: '^https?://', description: 'channel=webhook: where to POST.' },
  email: { type: 'string', maxLength: 254, pattern: EMAIL, description: 'channel=email: the recipient.' },
} as const;

const createBody = {
  type: 'object',
  required: ['kind', 'channel'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: [...SUBSCRIPTION_KINDS] },
    channel: { type: 'string', enum: [...CHANNELS] },
    ...paramProps,
  },
} as const;

const patchBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    status: {
      type: 'string',
      enum: ['active', 'paused'],
      description: '`active` also re-enables an auto-disabled subscription and replays what it missed.',
    },
    ...paramProps,
  },
} as const;

interface CreateBody {
  kind: Subscription['kind'];
  channel: Subscription['channel'];
  name?: string | null;
  rate?: Subscription['rate'];
  query?: SubscriptionParams['query'];
  orgId?: string;
  caseId?: string;
  caseTypes?: string[];
  orgIds?: string[];
  daysBefore?: number;
  url?: string;
  email?: string;
}
type PatchBody = Partial<Omit<CreateBody, 'kind' | 'channel'>> & { status?: 'active' | 'paused' };

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^sub_[A-Za-z0-9_-]{1,40}$' } },
} as const;
const tokenParams = {
  type: 'object',
  required: ['token'],
  properties: { token: { type: 'string', pattern: TOKEN } },
} as const;

export function registerAlertRoutes(app: FastifyInstance, options: AlertRoutesOptions): void {
  const { db } = options;
  const guard = createAddressGuard(options.webhookAllowlist ?? [], options.lookup);
  const baseOf = (req: FastifyRequest) => (options.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');

  function view(sub: Subscription, base: string) {
    const p = sub.params;
    return {
      id: sub.id,
      kind: sub.kind,
      channel: sub.channel,
      rate: sub.rate,
      status: sub.status,
      disabledReason: sub.disabledReason,
      disabledAt: sub.disabledAt,
      name: sub.name,
      ...(p.query ? { query: p.query } : {}),
      ...(p.orgId ? { orgId: p.orgId } : {}),
      ...(p.caseId ? { caseId: p.caseId } : {}),
      ...(p.caseTypes ? { caseTypes: p.caseTypes } : {}),
      ...(p.orgIds ? { orgIds: p.orgIds } : {}),
      ...(p.daysBefore !== undefined ? { daysBefore: p.daysBefore } : {}),
      ...(sub.channel === 'webhook' ? { url: sub.target } : {}),
      ...(sub.channel === 'email' ? { email: sub.target } : {}),
      feedUrl: subscriptionLinks(sub, { base }).feed,
      createdAt: sub.createdAt,
      updatedAt: sub.updatedAt,
    };
  }

  function resolveOrg(value: string): string {
    const v = value.trim().toLowerCase();
    const entry =
      options.gazetteer.find((g) => g.kind !== 'law' && g.id.toLowerCase() === v) ??
      options.gazetteer.find(
        (g) => g.kind !== 'law' && Object.values(g.names).some((ns) => ns?.some((n) => n.toLowerCase() === v)),
      );
    if (!entry) throw new AppError('BAD_REQUEST', `Unknown organization "${value}"; see GET /entities?q=…`);
    return entry.id;
  }

  function resolveCase(id: string): string {
    const live = resolveCaseId(db, id);
    if (!live) throw new AppError('BAD_REQUEST', `Unknown case "${id}"`, { details: { parameter: 'caseId' } });
    return live;
  }

  /** Kind-specific parameters, checked and normalized (organization names → ids, case ids → live ids). */
  function paramsOf(
    kind: Subscription['kind'],
    b: Partial<CreateBody>,
    current?: SubscriptionParams,
  ): SubscriptionParams {
    const pick = <K extends keyof CreateBody>(k: K) =>
      b[k] !== undefined ? b[k] : (current as Partial<CreateBody> | undefined)?.[k];
    const stray = (allowed: (keyof CreateBody)[]) => {
      const given = (['query', 'orgId', 'caseId', 'caseTypes', 'orgIds', 'daysBefore'] as const).filter(
        (k) => b[k] !== undefined && !allowed.includes(k),
      );
      if (given.length > 0)
        throw new AppError('BAD_REQUEST', `${given.join(', ')} do not apply to kind=${kind}`, {
          details: { parameter: given[0] },
        });
    };
    switch (kind) {
      case 'search': {
        stray(['query']);
        const query = pick('query');
        if (!query) throw new AppError('BAD_REQUEST', 'kind=search needs `query` (the q and filters of /search)');
        return { query: { ...query, q: (query.q ?? '').trim() } as SubscriptionParams['query'] };
      }
      case 'org': {
        stray(['orgId']);
        const org = pick('orgId');
        if (!org) throw new AppError('BAD_REQUEST', 'kind=org needs `orgId`');
        return { orgId: resolveOrg(org) };
      }
      case 'case': {
        stray(['caseId']);
        const c = pick('caseId');
        if (!c) throw new AppError('BAD_REQUEST', 'kind=case needs `caseId`');
        return { caseId: resolveCase(c) };
      }
      case 'new_cases': {
        stray(['caseTypes', 'orgIds']);
        const orgIds = pick('orgIds');
        return {
          ...(pick('caseTypes') ? { caseTypes: pick('caseTypes') } : {}),
          ...(orgIds ? { orgIds: orgIds.map(resolveOrg) } : {}),
        };
      }
      case 'deadline': {
        stray(['daysBefore', 'caseId', 'orgId']);
        const c = pick('caseId');
        const o = pick('orgId');
        return {
          daysBefore: pick('daysBefore') ?? 7,
          ...(c ? { caseId: resolveCase(c) } : {}),
          ...(o ? { orgId: resolveOrg(o) } : {}),
        };
      }
    }
  }

  async function checkTarget(channel: Subscription['channel'], b: Partial<CreateBody>): Promise<string | null> {
    if (channel === 'webhook') {
      if (b.email !== undefined) throw new AppError('BAD_REQUEST', '`email` does not apply to channel=webhook');
      if (!b.url) throw new AppError('BAD_REQUEST', 'channel=webhook needs `url`', { details: { parameter: 'url' } });
      let url: URL;
      try {
        url = new URL(b.url);
      } catch {
        throw new AppError('BAD_REQUEST', 'Invalid `url`', { details: { parameter: 'url' } });
      }
      if (url.username || url.password)
        throw new AppError('BAD_REQUEST', '`url` may not carry credentials; verify the signature instead');
      try {
        await guard.resolve(url);
      } catch (e) {
        if (isAppError(e, 'ADDRESS_REFUSED')) throw e;
        throw new AppError('BAD_REQUEST', `Webhook url: ${(e as Error).message}`, { details: { parameter: 'url' } });
      }
      return url.toString();
    }
    if (channel === 'email') {
      if (b.url !== undefined) throw new AppError('BAD_REQUEST', '`url` does not apply to channel=email');
      if (!b.email)
        throw new AppError('BAD_REQUEST', 'channel=email needs `email`', { details: { parameter: 'email' } });
      if (!options.emailEnabled)
        throw new AppError('BAD_REQUEST', 'E-mail alerts are not configured on this server (RAQIB_SMTP_HOST)');
      return b.email;
    }
    if (b.url !== undefined || b.email !== undefined)
      throw new AppError('BAD_REQUEST', 'channel=atom takes no `url` or `email`: read the feed at feedUrl');
    return null;
  }

  async function preview(kind: Subscription['kind'], params: SubscriptionParams): Promise<PreviewResult> {
    return previewCount({ db, matcher: options.matcher, now: options.now() }, kind, params);
  }

  app.post<{ Body: CreateBody }>(
    '/subscriptions',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Create an alert subscription',
        description:
          'Kinds: `search` (a saved /search), `org` (an organization in new documents and new cases), `case` (documents joining a case), `new_cases` (optionally by type or organization), `deadline` (reminders `daysBefore` days before a deadline and on the day). Channels: `webhook` (signed JSON POST), `email`, `atom` (a feed at `feedUrl`). Needs the API key, except `{kind: "case", channel: "atom"}` (following a case from the web page). Answers the subscription, its `token` (feed and unsubscribe capability), its webhook `secret` (shown only here) and a `preview`: what would have matched over the last 100 days.',
        body: createBody,
      },
    },
    async (req, reply) => {
      const b = req.body;
      const open = b.kind === 'case' && b.channel === 'atom';
      if (!open) options.authorize(req);
      const rate = b.channel === 'atom' ? 'realtime' : (b.rate ?? 'realtime');
      if (b.channel === 'atom' && b.rate && b.rate !== 'realtime')
        throw new AppError('BAD_REQUEST', 'An Atom feed is always up to date: rate applies to webhook and e-mail');
      const params = paramsOf(b.kind, b);
      const target = await checkTarget(b.channel, b);
      // Before creating: a saved search naming an organization /search does not know is a 400 here.
      const pre = await preview(b.kind, params);
      const sub = createSubscription(
        db,
        { kind: b.kind, channel: b.channel, rate, name: open ? null : (b.name ?? null), params, target },
        options.now(),
      );
      const base = baseOf(req);
      reply.code(201).header('location', `/subscriptions/${sub.id}`);
      return {
        subscription: view(sub, base),
        token: sub.token,
        ...(sub.channel === 'webhook' ? { secret: sub.secret } : {}),
        unsubscribeUrl: subscriptionLinks(sub, { base }).unsubscribe,
        preview: pre,
      };
    },
  );

  app.get<{
    Querystring: { status?: Subscription['status']; kind?: Subscription['kind']; limit: number; offset: number };
  }>(
    '/subscriptions',
    {
      schema: {
        tags: ['alerts'],
        summary: 'List subscriptions',
        security,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...STATUSES] },
            kind: { type: 'string', enum: [...SUBSCRIPTION_KINDS] },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
            offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
          },
        },
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
      return { subscriptions: subs.map((s) => view(s, base)) };
    },
  );

  const load = (id: string) => {
    const sub = getSubscription(db, id);
    if (!sub) throw new AppError('NOT_FOUND', `No subscription ${id}`, { details: { parameter: 'id' } });
    return sub;
  };

  app.get<{ Params: { id: string } }>(
    '/subscriptions/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'A subscription, its status (and why it was disabled) and delivery counts',
        security,
        params: idParams,
      },
    },
    async (req) => {
      const sub = load(req.params.id);
      return { subscription: view(sub, baseOf(req)), deliveries: deliveryCounts(db, sub.id) };
    },
  );

  app.patch<{ Params: { id: string }; Body: PatchBody }>(
    '/subscriptions/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Update, pause or resume a subscription (resuming a disabled one replays what it missed)',
        security,
        params: idParams,
        body: patchBody,
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
      const paramKeys = ['query', 'orgId', 'caseId', 'caseTypes', 'orgIds', 'daysBefore'] as const;
      if (paramKeys.some((k) => b[k] !== undefined)) patch.params = paramsOf(sub.kind, b, sub.params);
      if (b.url !== undefined || b.email !== undefined) patch.target = (await checkTarget(sub.channel, b)) ?? undefined;
      const wasDisabled = sub.status === 'disabled' || sub.status === 'unsubscribed';
      const updated = db.transaction(() => {
        const u = updateSubscription(db, sub.id, patch, options.now());
        if (b.status === 'active' && wasDisabled) replayDeliveries(db, sub.id, options.now().toISOString());
        return u;
      })();
      options.onChange?.();
      return { subscription: view(updated, baseOf(req)), deliveries: deliveryCounts(db, sub.id) };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/subscriptions/:id',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Delete a subscription (its matches and deliveries go with it)',
        security,
        params: idParams,
      },
    },
    async (req, reply) => {
      if (!deleteSubscription(db, req.params.id))
        throw new AppError('NOT_FOUND', `No subscription ${req.params.id}`, { details: { parameter: 'id' } });
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/subscriptions/:id/deliveries',
    {
      schema: {
        tags: ['alerts'],
        summary: 'The latest deliveries: status, attempts, last error',
        security,
        params: idParams,
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

  app.get<{ Params: { id: string } }>(
    '/subscriptions/:id/preview',
    {
      schema: {
        tags: ['alerts'],
        summary: 'What would have matched over the last 100 days',
        security,
        params: idParams,
      },
    },
    async (req) => {
      const sub = load(req.params.id);
      return { preview: await preview(sub.kind, sub.params) };
    },
  );

  const sendAtom = (reply: FastifyReply, xml: string) =>
    reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'no-cache').send(xml);

  app.get<{ Params: { token: string } }>(
    '/feeds/subscriptions/:token',
    {
      schema: {
        tags: ['alerts'],
        summary: "A subscription's Atom feed (the URL is the capability)",
        params: tokenParams,
      },
    },
    async (req, reply) => {
      const sub = getSubscriptionByToken(db, req.params.token);
      if (!sub) throw new AppError('NOT_FOUND', 'No such feed', { details: { parameter: 'token' } });
      const base = baseOf(req);
      const matches = recentMatches(db, sub.id, 100);
      return sendAtom(
        reply,
        renderFeed({
          id: `urn:raqib:subscription:${sub.id}`,
          title: `Raqib — ${sub.name ?? sub.kind}`,
          self: `${base}/feeds/subscriptions/${sub.token}`,
          updated: matches[0]?.matchedAt ?? sub.createdAt,
          entries: matchEntries(sub.id, matches),
        }),
      );
    },
  );

  app.get(
    '/feeds/cases.atom',
    { schema: { tags: ['alerts'], summary: 'Public Atom feed of new cases' } },
    async (req, reply) => {
      const base = baseOf(req);
      const entries = newCaseEntries(db, base, 50);
      return sendAtom(
        reply,
        renderFeed({
          id: 'urn:raqib:feed:new-cases',
          title: 'Raqib — nouvelles affaires / قضايا جديدة',
          self: `${base}/feeds/cases.atom`,
          // ISO strings: the newest sorts last.
          updated:
            entries
              .map((e) => e.updated)
              .sort()
              .at(-1) ?? '1970-01-01T00:00:00.000Z',
          entries,
        }),
      );
    },
  );

  // One-click unsubscribe (RFC 8058): mail clients POST `List-Unsubscribe=One-Click` as a form.
  // A GET only shows a confirmation form, because link scanners follow GET links in mail.
  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_req, body, done) => done(null, body),
    );
    scope.get<{ Params: { token: string } }>(
      '/unsubscribe/:token',
      { schema: { tags: ['alerts'], summary: 'Unsubscribe confirmation page', params: tokenParams } },
      async (req, reply) => {
        const sub = getSubscriptionByToken(db, req.params.token);
        if (!sub) throw new AppError('NOT_FOUND', 'No such subscription', { details: { parameter: 'token' } });
        return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Raqib</title></head><body>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<p>Se désabonner de cette alerte Raqib ?</p><p dir="rtl" lang="ar">إلغاء الاشتراك في هذا التنبيه؟</p>
<button type="submit">Se désabonner / إلغاء الاشتراك</button></form></body></html>`);
      },
    );
    scope.post<{ Params: { token: string } }>(
      '/unsubscribe/:token',
      {
        schema: {
          tags: ['alerts'],
          summary: 'One-click unsubscribe (RFC 8058); also for feed followers',
          params: tokenParams,
        },
      },
      async (req) => {
        const sub = getSubscriptionByToken(db, req.params.token);
        if (!sub) throw new AppError('NOT_FOUND', 'No such subscription', { details: { parameter: 'token' } });
        unsubscribe(db, sub.id, options.now());
        return { subscription: { id: sub.id, status: 'unsubscribed' } };
      },
    );
  });
}
