import { z } from 'zod';
import { commaList, envSwitch } from '../config.ts';

/** Alert delivery settings (issue #10): links, webhook safety, SMTP. */
export const alertsConfigSchema = z.object({
  /** Base of the links in alerts (feeds, unsubscribe, documents); default: the API's own address. */
  publicUrl: z.string().url().optional(),
  /**
   * Hosts or CIDRs webhooks may reach although they are private, loopback or link-local (an
   * in-house receiver, the tests). Everything else private is refused.
   */
  webhookAllowlist: commaList(),
  webhookTimeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** First retry delay; doubles each attempt, capped at 6 h; a delivery is given up after ~2 days. */
  retryBaseMs: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  smtpHost: z.string().min(1).optional(),
  smtpPort: z.coerce.number().int().min(1).max(65535).default(587),
  /** `true`: TLS from the start (port 465); `false`: STARTTLS when the server offers it. */
  smtpSecure: envSwitch(),
  smtpUser: z.string().min(1).optional(),
  smtpPassword: z.string().min(1).optional(),
  smtpFrom: z.string().min(3).default('Raqib <alerts@raqib.invalid>'),
});
export type AlertsConfig = z.infer<typeof alertsConfigSchema>;
