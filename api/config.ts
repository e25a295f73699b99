import { z } from 'zod';

/** HTTP API settings. */
export const apiConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  /** Comma-separated allowed origins, `*` for any; empty disables CORS. */
  corsOrigins: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** sha256 hex digests of the API keys allowed to write (keys themselves are never stored). */
  apiKeyHashes: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
  readRequiresKey: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type ApiConfig = z.infer<typeof apiConfigSchema>;
