// One error type with a stable string code; `ERROR_CODES` says which codes are worth retrying and
// what an HTTP caller sees. Expected outcomes (duplicate, irrelevant...) are values, not errors.

export const ERROR_CODES = {
  CONFIG_INVALID: { retryable: false, http: 500 },
  BAD_REQUEST: { retryable: false, http: 400 },
  NOT_FOUND: { retryable: false, http: 404 },
  UNAUTHORIZED: { retryable: false, http: 401 },
  CONFLICT: { retryable: false, http: 409 },
  FETCH_TIMEOUT: { retryable: true, http: 504 },
  FETCH_HTTP_5XX: { retryable: true, http: 502 },
  FETCH_RATE_LIMITED: { retryable: true, http: 503 },
  FETCH_HTTP_4XX: { retryable: false, http: 502 },
  FETCH_NETWORK: { retryable: true, http: 502 },
  FETCH_TOO_LARGE: { retryable: false, http: 413 },
  FETCH_ROBOTS_DISALLOWED: { retryable: false, http: 403 },
  DECODE_FAILED: { retryable: false, http: 422 },
  PDF_FAILED: { retryable: false, http: 422 },
  INPUT_INVALID: { retryable: false, http: 400 },
  INDEX_UNAVAILABLE: { retryable: true, http: 503 },
  INDEX_TASK_FAILED: { retryable: true, http: 502 },
  MEILI_NOT_FOUND: { retryable: false, http: 500 },
  /** An outgoing webhook to a private, loopback or link-local address (SSRF guard). */
  ADDRESS_REFUSED: { retryable: false, http: 400 },
  /** A webhook or e-mail delivery attempt failed (receiver down, timeout, non-2xx). */
  DELIVERY_FAILED: { retryable: true, http: 502 },
  INTERNAL: { retryable: false, http: 500 },
} as const satisfies Record<string, { retryable: boolean; http: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
