// The alert settings come from the environment through the one config loader, checked at start-up.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { isAppError } from '../../pipeline/errors.ts';

describe('alert settings', () => {
  it('parse the allowlist, SMTP and link base from the environment', () => {
    const c = loadConfig({
      RAQIB_WEBHOOK_ALLOWLIST: '127.0.0.1, 10.0.0.0/8 ,hooks.newsroom.internal',
      RAQIB_SMTP_HOST: 'smtp.newsroom.example',
      RAQIB_SMTP_PORT: '465',
      RAQIB_SMTP_SECURE: 'true',
      RAQIB_SMTP_USER: 'raqib',
      RAQIB_SMTP_PASSWORD: 'not-logged',
      RAQIB_PUBLIC_URL: 'https://raqib.example.ma',
    });
    expect(c.alerts).toMatchObject({
      webhookAllowlist: ['127.0.0.1', '10.0.0.0/8', 'hooks.newsroom.internal'],
      smtpHost: 'smtp.newsroom.example',
      smtpPort: 465,
      smtpSecure: true,
      publicUrl: 'https://raqib.example.ma',
      webhookTimeoutMs: 10_000,
      retryBaseMs: 60_000,
    });
  });

  it('default to no allowlist and no e-mail', () => {
    const c = loadConfig({});
    expect(c.alerts.webhookAllowlist).toEqual([]);
    expect(c.alerts.smtpHost).toBeUndefined();
  });

  it('report every bad value at once', () => {
    try {
      loadConfig({ RAQIB_SMTP_PORT: '99999', RAQIB_PUBLIC_URL: 'not a url', RAQIB_SMTP_SECURE: 'yes' });
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e, 'CONFIG_INVALID')).toBe(true);
      const problems = (e as { details: { problems: string[] } }).details.problems.join('\n');
      expect(problems).toMatch(/alerts\.smtpPort/);
      expect(problems).toMatch(/alerts\.publicUrl/);
      expect(problems).toMatch(/alerts\.smtpSecure/);
    }
  });
});
