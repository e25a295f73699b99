// Alerts for newsrooms: subscriptions, matching as documents and cases are indexed, and delivery by
// webhook (signed), e-mail and Atom.
export { type AlertsConfig, alertsConfigSchema } from './config.ts';
export { createSmtpMailer, type Mailer, type MailMessage } from './email.ts';
export { type AlertEngine, type AlertEngineOptions, createAlertEngine } from './engine.ts';
export type { Payload } from './events.ts';
export { registerAlertRoutes } from './routes.ts';
export type { LookupFn } from './ssrf.ts';
export type { AlertLog, AlertMatcher, AlertRoutesOptions } from './types.ts';
export { verifySignature } from './webhook.ts';
