// Configuration is parsed once, here, from the environment (and CLI flags layered on top by the
// entry point). Every problem is reported at once; the result is frozen and passed down. Nothing
// else in the code base reads `process.env`.
import { resolve } from 'node:path';
import { z } from 'zod';
import { alertsConfigSchema } from './api/alerts/config.ts';
import { apiConfigSchema } from './api/config.ts';
import { crawlConfigSchema } from './crawlers/config.ts';
import { indexConfigSchema } from './index/config.ts';
import { AppError } from './pipeline/errors.ts';

const configSchema = z.object({
  dataDir: z
    .string()
    .min(1)
    .default('./data')
    .transform((p) => resolve(p)),
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  crawl: crawlConfigSchema,
  index: indexConfigSchema,
  api: apiConfigSchema,
  alerts: alertsConfigSchema,
});
export type Config = z.infer<typeof configSchema>;

/** Environment variable → config path. The README's configuration table lists the same names. */
export const ENV_VARS = {
  RAQIB_DATA_DIR: 'dataDir',
  LOG_LEVEL: 'logLevel',
  RAQIB_USER_AGENT: 'crawl.userAgent',
  RAQIB_REQUEST_TIMEOUT_MS: 'crawl.requestTimeoutMs',
  RAQIB_MAX_PAGE_BYTES: 'crawl.maxPageBytes',
  RAQIB_MAX_RETRIES: 'crawl.maxRetries',
  RAQIB_POLITENESS: 'crawl.politeness',
  RAQIB_MAX_CONCURRENCY: 'crawl.maxConcurrency',
  RAQIB_SOURCE_CONCURRENCY: 'crawl.sourceConcurrency',
  RAQIB_RETRY_BASE_DELAY_MS: 'crawl.retryBaseDelayMs',
  RAQIB_MAX_RETRY_AFTER_MS: 'crawl.maxRetryAfterMs',
  RAQIB_PERMANENT_FAILURE_TTL_HOURS: 'crawl.permanentFailureTtlHours',
  RAQIB_MAX_CRAWL_DELAY_MS: 'crawl.maxCrawlDelayMs',
  RAQIB_CRAWL_RUN_DEADLINE_MS: 'crawl.runDeadlineMs',
  RAQIB_SOURCES: 'crawl.sourcesFile',
  MEILI_URL: 'index.url',
  MEILI_MASTER_KEY: 'index.masterKey',
  MEILI_KEY: 'index.masterKey',
  MEILI_BINARY: 'index.binary',
  RAQIB_INDEX_PREFIX: 'index.indexPrefix',
  RAQIB_EMBEDDING_MODEL: 'index.embeddingModel',
  PORT: 'api.port',
  HOST: 'api.host',
  RAQIB_CORS_ORIGINS: 'api.corsOrigins',
  RAQIB_API_KEY_HASHES: 'api.apiKeyHashes',
  RAQIB_READ_REQUIRES_KEY: 'api.readRequiresKey',
  RAQIB_HTTP_HEADERS_TIMEOUT_MS: 'api.headersTimeoutMs',
  RAQIB_HTTP_REQUEST_TIMEOUT_MS: 'api.requestTimeoutMs',
  RAQIB_HTTP_KEEP_ALIVE_TIMEOUT_MS: 'api.keepAliveTimeoutMs',
  RAQIB_PUBLIC_URL: 'alerts.publicUrl',
  RAQIB_WEBHOOK_ALLOWLIST: 'alerts.webhookAllowlist',
  RAQIB_WEBHOOK_TIMEOUT_MS: 'alerts.webhookTimeoutMs',
  RAQIB_ALERT_RETRY_BASE_MS: 'alerts.retryBaseMs',
  RAQIB_SMTP_HOST: 'alerts.smtpHost',
  RAQIB_SMTP_PORT: 'alerts.smtpPort',
  RAQIB_SMTP_SECURE: 'alerts.smtpSecure',
  RAQIB_SMTP_USER: 'alerts.smtpUser',
  RAQIB_SMTP_PASSWORD: 'alerts.smtpPassword',
  RAQIB_SMTP_FROM: 'alerts.smtpFrom',
} as const;

type Env = Record<string, string | undefined>;

/** Build the config from an environment plus overrides (CLI flags), keyed by config path. */
export function loadConfig(env: Env = process.env, overrides: Record<string, unknown> = {}): Readonly<Config> {
  const raw: Record<string, Record<string, unknown> | unknown> = { crawl: {}, index: {}, api: {}, alerts: {} };
  const set = (path: string, value: unknown) => {
    const [head, tail] = path.split('.') as [string, string | undefined];
    if (tail === undefined) raw[head] = value;
    else (raw[head] as Record<string, unknown>)[tail] = value;
  };
  for (const [name, path] of Object.entries(ENV_VARS)) {
    const value = env[name];
    if (value !== undefined && value !== '') set(path, value);
  }
  for (const [path, value] of Object.entries(overrides)) if (value !== undefined) set(path, value);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError('CONFIG_INVALID', `Invalid configuration:\n  ${problems.join('\n  ')}`, {
      details: { problems },
    });
  }
  return deepFreeze(parsed.data);
}

function deepFreeze<T>(value: T): Readonly<T> {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
