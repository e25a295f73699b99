// Alert subscriptions over HTTP: management with the API key; following a case through its Atom
// feed without one (the analysts' web page); feeds and one-click unsubscribe by capability token.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GazetteerEntry } from '../../index/index.ts';
import type { Db } from '../../store/db.ts';
import { typed } from '../route-schemas.ts';
import type { AlertMatcher } from './engine.ts';
import { registerFeedRoutes } from './feed-routes.ts';
import { createAddressGuard, type LookupFn } from './ssrf.ts';
import { createSubscriptionInput } from './subscription-input.ts';
import { registerSubscriptionRoutes } from './subscription-routes.ts';

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

export function registerAlertRoutes(app: FastifyInstance, options: AlertRoutesOptions): void {
  const input = createSubscriptionInput({
    db: options.db,
    gazetteer: options.gazetteer,
    guard: createAddressGuard(options.webhookAllowlist ?? [], options.lookup),
    emailEnabled: options.emailEnabled,
  });
  const baseOf = (req: { protocol: string; host: string }) =>
    (options.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
  registerSubscriptionRoutes(typed(app), options, input, baseOf);
  registerFeedRoutes(typed(app), options, baseOf);
}
