// What a subscription request may say, as TypeBox schemas (JSON Schema for Ajv, api/params.ts and
// /openapi.json; the request types for the handlers), and the checks JSON Schema cannot make:
// parameters that fit the kind, organization names resolved to ids, live case ids, a webhook URL
// that resolves to a public address, e-mail only when SMTP is configured.
import { type Static, Type } from 'typebox';
import type { GazetteerEntry } from '../../index/index.ts';
import { AppError, isAppError } from '../../pipeline/errors.ts';
import { CASE_TYPES } from '../../pipeline/link/index.ts';
import { resolveCaseId } from '../../store/cases.ts';
import type { Db } from '../../store/db.ts';
import {
  CHANNELS,
  RATES,
  SUBSCRIPTION_KINDS,
  type Subscription,
  type SubscriptionParams,
} from '../../store/subscriptions.ts';
import { ID_PATTERN, oneOf, recordId } from '../route-schemas.ts';
import { subscriptionLinks } from './events.ts';
import { savedSearchJsonSchema } from './query.ts';
import type { createAddressGuard } from './ssrf.ts';

const EMAIL = '^[^\\s@<>(),;:"\\[\\]\\\\]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}$';

const paramProps = {
  name: Type.Optional(
    Type.Unsafe<string | null>({ type: ['string', 'null'], maxLength: 120, pattern: '^[^\\u0000-\\u001f]*$' }),
  ),
  rate: Type.Optional(
    Type.Unsafe<Subscription['rate']>({
      type: 'string',
      enum: [...RATES],
      description: 'realtime (default), daily or weekly digest.',
    }),
  ),
  query: Type.Optional(
    Type.Unsafe<NonNullable<SubscriptionParams['query']>>({
      ...savedSearchJsonSchema,
      description: 'kind=search: the q and filters of GET /search.',
    }),
  ),
  orgId: Type.Optional(
    Type.String({
      pattern: '^[^\\u0000-\\u001f]{1,120}$',
      description: 'kind=org (or a deadline filter): organization id or name.',
    }),
  ),
  caseId: Type.Optional(
    Type.String({ pattern: ID_PATTERN, description: 'kind=case (or a deadline filter): the case to follow.' }),
  ),
  caseTypes: Type.Optional(
    Type.Array(oneOf(CASE_TYPES), { maxItems: 10, description: 'kind=new_cases: only these case types.' }),
  ),
  orgIds: Type.Optional(
    Type.Array(recordId(), {
      maxItems: 20,
      description: 'kind=new_cases: only cases about one of these organizations.',
    }),
  ),
  daysBefore: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: 365,
      description: 'kind=deadline: remind this many days before (default 7) and on the day.',
    }),
  ),
  url: Type.Optional(
    Type.String({ maxLength: 2000, pattern: '^https?://', description: 'channel=webhook: where to POST.' }),
  ),
  email: Type.Optional(Type.String({ maxLength: 254, pattern: EMAIL, description: 'channel=email: the recipient.' })),
};

export const CreateBody = Type.Object(
  { kind: oneOf(SUBSCRIPTION_KINDS), channel: oneOf(CHANNELS), ...paramProps },
  { additionalProperties: false },
);
export type CreateBody = Static<typeof CreateBody>;

export const PatchBody = Type.Object(
  {
    status: Type.Optional(
      Type.Unsafe<'active' | 'paused'>({
        type: 'string',
        enum: ['active', 'paused'],
        description: '`active` also re-enables an auto-disabled subscription and replays what it missed.',
      }),
    ),
    ...paramProps,
  },
  { additionalProperties: false, minProperties: 1 },
);

export const SubscriptionIdParams = Type.Object({ id: Type.String({ pattern: '^sub_[A-Za-z0-9_-]{1,40}$' }) });
export const TokenParams = Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{20,100}$' }) });

const PARAM_KEYS = ['query', 'orgId', 'caseId', 'caseTypes', 'orgIds', 'daysBefore'] as const;

/** True when a patch touches the kind-specific parameters (then they are checked again as a whole). */
export const touchesParams = (b: Partial<CreateBody>) => PARAM_KEYS.some((k) => b[k] !== undefined);

/** A subscription as the API shows it: never its token or webhook secret. */
export function subscriptionView(sub: Subscription, base: string) {
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

export interface SubscriptionInputDeps {
  db: Db;
  gazetteer: readonly GazetteerEntry[];
  guard: ReturnType<typeof createAddressGuard>;
  emailEnabled?: boolean;
}

export interface SubscriptionInput {
  /** Kind-specific parameters, checked and normalized (organization names → ids, case ids → live ids). */
  paramsOf(kind: Subscription['kind'], b: Partial<CreateBody>, current?: SubscriptionParams): SubscriptionParams;
  /** The channel's target (webhook URL or e-mail address), checked; null for Atom. */
  checkTarget(channel: Subscription['channel'], b: Partial<CreateBody>): Promise<string | null>;
}

export function createSubscriptionInput(deps: SubscriptionInputDeps): SubscriptionInput {
  function resolveOrg(value: string): string {
    const v = value.trim().toLowerCase();
    const entry =
      deps.gazetteer.find((g) => g.kind !== 'law' && g.id.toLowerCase() === v) ??
      deps.gazetteer.find(
        (g) => g.kind !== 'law' && Object.values(g.names).some((ns) => ns?.some((n) => n.toLowerCase() === v)),
      );
    if (!entry) throw new AppError('BAD_REQUEST', `Unknown organization "${value}"; see GET /entities?q=…`);
    return entry.id;
  }

  function resolveCase(id: string): string {
    const live = resolveCaseId(deps.db, id);
    if (!live) throw new AppError('BAD_REQUEST', `Unknown case "${id}"`, { details: { parameter: 'caseId' } });
    return live;
  }

  function paramsOf(
    kind: Subscription['kind'],
    b: Partial<CreateBody>,
    current?: SubscriptionParams,
  ): SubscriptionParams {
    const pick = <K extends keyof CreateBody>(k: K) =>
      b[k] !== undefined ? b[k] : (current as Partial<CreateBody> | undefined)?.[k];
    const stray = (allowed: (keyof CreateBody)[]) => {
      const given = PARAM_KEYS.filter((k) => b[k] !== undefined && !allowed.includes(k));
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
        const caseTypes = pick('caseTypes');
        return {
          ...(caseTypes ? { caseTypes } : {}),
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

  async function checkWebhook(b: Partial<CreateBody>): Promise<string> {
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
      await deps.guard.resolve(url);
    } catch (e) {
      if (isAppError(e, 'ADDRESS_REFUSED')) throw e;
      throw new AppError('BAD_REQUEST', `Webhook url: ${(e as Error).message}`, { details: { parameter: 'url' } });
    }
    return url.toString();
  }

  async function checkTarget(channel: Subscription['channel'], b: Partial<CreateBody>): Promise<string | null> {
    if (channel === 'webhook') return checkWebhook(b);
    if (channel === 'email') {
      if (b.url !== undefined) throw new AppError('BAD_REQUEST', '`url` does not apply to channel=email');
      if (!b.email)
        throw new AppError('BAD_REQUEST', 'channel=email needs `email`', { details: { parameter: 'email' } });
      if (!deps.emailEnabled)
        throw new AppError('BAD_REQUEST', 'E-mail alerts are not configured on this server (RAQIB_SMTP_HOST)');
      return b.email;
    }
    if (b.url !== undefined || b.email !== undefined)
      throw new AppError('BAD_REQUEST', 'channel=atom takes no `url` or `email`: read the feed at feedUrl');
    return null;
  }

  return { paramsOf, checkTarget };
}
