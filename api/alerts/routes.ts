// Alert subscriptions over HTTP: management with the API key; following a case through its Atom
// feed without one (the analysts' web page); feeds and one-click unsubscribe by capability token.
import type { FastifyInstance } from 'fastify';
import { typed } from '../route-schemas.ts';
import { registerFeedRoutes } from './feed-routes.ts';
import { createAddressGuard } from './ssrf.ts';
import { createSubscriptionInput } from './subscription-input.ts';
import { registerSubscriptionRoutes } from './subscription-routes.ts';
import type { AlertRoutesOptions } from './types.ts';

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
