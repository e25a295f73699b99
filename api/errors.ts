// Every error leaves as `{ error: { code, message } }` with a stable code. Caller mistakes (bad
// parameters, malformed JSON, unknown routes) are 4xx, never 500; internal details are logged, not sent.
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode } from '../pipeline/errors.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export const errorBody = (code: ErrorCode, message: string): ErrorBody => ({ error: { code, message } });

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | Error, req, reply) => {
    if (err instanceof AppError) {
      const status = ERROR_CODES[err.code].http;
      if (status >= 500) req.log.warn({ code: err.code, err: err.message }, 'request failed');
      return reply.status(status).send(errorBody(err.code, err.message));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const where = fe.validationContext ?? 'request';
      return reply
        .status(400)
        .send(errorBody('BAD_REQUEST', `Invalid ${where}: ${fe.message.replace(/^(querystring|params|body)\/?/, '')}`));
    }
    const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code: ErrorCode = status === 401 ? 'UNAUTHORIZED' : status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
      return reply
        .status(status === 413 || status === 415 || status === 404 || status === 401 ? status : 400)
        .send(errorBody(code, fe.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', 'Internal error'));
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(errorBody('NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`));
  });
}
