// Alerts for newsrooms: subscriptions, matching as documents and cases are indexed, and delivery by
// webhook (signed), e-mail and Atom.
export { type AtomEntry, renderFeed, stableUuid } from './atom.ts';
export { type AlertsConfig, alertsConfigSchema } from './config.ts';
export { createSmtpMailer, type Mailer, type MailMessage, renderEmail } from './email.ts';
export {
  type AlertEngine,
  type AlertEngineOptions,
  type AlertLog,
  type AlertMatcher,
  createAlertEngine,
} from './engine.ts';
export { PAYLOAD_VERSION, type Payload } from './events.ts';
export { type AlertRoutesOptions, registerAlertRoutes } from './routes.ts';
export { blockedReason, createAddressGuard, type LookupFn } from './ssrf.ts';
export { SIGNATURE_HEADER, signatureHeader, verifySignature } from './webhook.ts';
