import { z } from 'zod';

// Environment values arrive as strings: lists comma-separated, switches spelled `true`/`false`.
/** A comma-separated value as its trimmed, non-empty items (each passed through `map`). */
export const commaList = (map: (item: string) => string = (item) => item) =>
  z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => map(s.trim()))
        .filter(Boolean),
    );

/** `true` or `false`, off unless set. */
export const envSwitch = () =>
  z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true');

/** HTTP API settings. */
export const apiConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  /** Comma-separated allowed origins, `*` for any; empty disables CORS. */
  corsOrigins: commaList(),
  /** sha256 hex digests of the API keys allowed to write (keys themselves are never stored). */
  apiKeyHashes: commaList((s) => s.toLowerCase()),
  readRequiresKey: envSwitch(),
  /** A client must have sent all its headers within this time (slowloris), else 408. */
  headersTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** ...and its whole request, body included, within this time, else 408 and the socket is closed. */
  requestTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(20_000),
  /** An idle keep-alive connection is closed after this time. */
  keepAliveTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(5_000),
});
export type ApiConfig = z.infer<typeof apiConfigSchema>;
