// One error path: every 4xx/5xx leaves as `{ error: { code, message, details? } }` with a stable
// code — ours (AppError), Fastify's (validation, body parser, content type, URL, parameter length,
// not found) and Node's own (malformed request line, oversized headers, timeouts, which never reach
// a route). Caller mistakes are 4xx, never 500; internal details (addresses, Meilisearch's own
// messages, stack traces) are logged, not sent. Messages never echo the request URL.
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode } from '../pipeline/errors.ts';

/** Codes that exist only at the HTTP edge (no pipeline stage raises them). */
export type HttpErrorCode =
  | ErrorCode
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'URI_TOO_LONG'
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT';

export interface ErrorBody {
  error: { code: HttpErrorCode; message: string; details?: Record<string, unknown> };
}

export const errorBody = (code: HttpErrorCode, message: string, details?: Record<string, unknown>): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

// Server-side failures get a fixed message: the original may carry an internal address or
// Meilisearch's wording of the problem.
const SERVER_MESSAGES: Partial<Record<ErrorCode, string>> = {
  INDEX_UNAVAILABLE: 'The search index is unavailable; try again shortly',
  INDEX_TASK_FAILED: 'The search index refused the request',
  MEILI_NOT_FOUND: 'The search index is not configured',
};

/** The HTTP status and body for Fastify's own error codes (FST_ERR_*) and Node's parser errors. */
function frameworkError(fe: FastifyError): { status: number; body: ErrorBody } | null {
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        return {
          status: 415,
          body: errorBody('UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type: send application/json', {
            parameter: 'content-type',
            in: 'header',
          }),
        };
      return {
        status: 400,
        body: errorBody('BAD_REQUEST', 'Content-Length does not match the body', {
          parameter: 'content-length',
          in: 'header',
        }),
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: errorBody('PAYLOAD_TOO_LARGE', 'Request body too large') };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: errorBody('BAD_REQUEST', 'Empty JSON body', { in: 'body' }) };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return { status: 400, body: errorBody('BAD_REQUEST', 'Malformed JSON body', { in: 'body' }) };
    case 'FST_ERR_BAD_URL':
      return { status: 400, body: errorBody('BAD_REQUEST', 'Malformed URL (bad percent-encoding)', { in: 'path' }) };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return { status: 414, body: errorBody('URI_TOO_LONG', 'A path segment is too long', { in: 'path' }) };
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return { status: 400, body: errorBody('BAD_REQUEST', 'Request does not match any route constraint') };
    default:
      break;
  }
  if (typeof fe.code === 'string' && fe.code.startsWith('FST_ERR_CTP'))
    return { status: 400, body: errorBody('BAD_REQUEST', 'Unreadable request body', { in: 'body' }) };
  // Prototype-poisoning and similar body-parser refusals (secure-json-parse).
  if (fe.statusCode === 400 && /__proto__|constructor/.test(fe.message))
    return { status: 400, body: errorBody('BAD_REQUEST', 'Forbidden property in JSON body', { in: 'body' }) };
  return null;
}

/** A validation error from Fastify's Ajv (a second line behind api/params.ts), naming the parameter. */
function validationError(fe: FastifyError): ErrorBody {
  const context = fe.validationContext ?? 'request';
  const where = context === 'querystring' ? 'query' : context === 'params' ? 'path' : context;
  const first = fe.validation?.[0] as
    | { instancePath?: string; params?: Record<string, unknown>; message?: string }
    | undefined;
  const fromPath = first?.instancePath?.replace(/^\//, '').split('/')[0];
  const parameter =
    (typeof first?.params?.missingProperty === 'string' && first.params.missingProperty) ||
    (typeof first?.params?.additionalProperty === 'string' && first.params.additionalProperty) ||
    fromPath ||
    undefined;
  const what = parameter ? `\`${parameter}\`` : where;
  const problem = first?.params?.additionalProperty ? 'unknown property' : (first?.message ?? 'invalid');
  return errorBody(
    'BAD_REQUEST',
    `Invalid ${where === 'body' ? 'body' : `${where} parameter`} ${what}: ${problem}`.replace(/ {2,}/g, ' '),
    parameter ? { parameter, in: where } : { in: where },
  );
}

export function sendError(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    const status = ERROR_CODES[err.code].http;
    if (status >= 500) {
      req.log.warn({ code: err.code, err: err.message }, 'request failed');
      return reply.status(status).send(errorBody(err.code, SERVER_MESSAGES[err.code] ?? 'Internal error'));
    }
    return reply.status(status).send(errorBody(err.code, err.message, err.details));
  }
  const fe = err as FastifyError;
  if (fe.validation) return reply.status(400).send(validationError(fe));
  const known = frameworkError(fe);
  if (known) return reply.status(known.status).send(known.body);
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code: HttpErrorCode =
      status === 401
        ? 'UNAUTHORIZED'
        : status === 404
          ? 'NOT_FOUND'
          : status === 405
            ? 'METHOD_NOT_ALLOWED'
            : status === 413
              ? 'PAYLOAD_TOO_LARGE'
              : status === 415
                ? 'UNSUPPORTED_MEDIA_TYPE'
                : 'BAD_REQUEST';
    const kept = [401, 404, 405, 413, 415].includes(status) ? status : 400;
    req.log.debug({ err: fe.message, code: fe.code }, 'client error');
    // Fastify's own wording may quote the URL or the body; the code says what went wrong.
    return reply
      .status(kept)
      .send(errorBody(code, 'Bad request', typeof fe.code === 'string' ? { reason: fe.code } : undefined));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(errorBody('INTERNAL', 'Internal error'));
}

/**
 * Node's HTTP parser rejects some requests before Fastify sees them (malformed request line,
 * headers over the size limit, headers or body not received in time). Answer those on the raw
 * socket in the same JSON shape, then close it.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  let status = 400;
  let body = errorBody('BAD_REQUEST', 'Malformed HTTP request');
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    body = errorBody('REQUEST_TIMEOUT', 'The request was not received in time');
  } else if (err.code === 'HPE_HEADER_OVERFLOW') {
    status = 431;
    body = errorBody('HEADERS_TOO_LARGE', 'Request headers too large');
  } else if (err.code === 'HPE_URI_TOO_LONG') {
    status = 414;
    body = errorBody('URI_TOO_LONG', 'Request URL too long');
  }
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const json = JSON.stringify(body);
  const reason = {
    400: 'Bad Request',
    408: 'Request Timeout',
    414: 'URI Too Long',
    431: 'Request Header Fields Too Large',
  }[status];
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}

/**
 * A CONNECT request (a client asking for a tunnel, as to a proxy) never reaches Fastify: without a
 * 'connect' listener Node drops the connection without a word. Refuse it in the same JSON shape, so
 * a caller (or a scanner looking for open proxies) gets a clear 405 rather than a reset.
 */
export function refuseTunnel(_req: unknown, socket: Socket): void {
  if (socket.destroyed) return;
  const json = JSON.stringify(
    errorBody('METHOD_NOT_ALLOWED', 'CONNECT is not supported: this server is not a proxy', { in: 'method' }),
  );
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}

export function installErrorHandling(app: FastifyInstance): void {
  app.server.on('connect', refuseTunnel);
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((req, reply) => {
    // The path is the caller's own text: named only when short, and without its query string.
    const path = (req.url.split('?')[0] ?? '').slice(0, 120);
    reply.status(404).send(errorBody('NOT_FOUND', `No route ${req.method} ${path}`));
  });
}
