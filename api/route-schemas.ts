// One definition per route input: a TypeBox schema is plain JSON Schema (what Ajv validates, what
// api/params.ts parses strictly and what /openapi.json shows) and, through the TypeBox type provider,
// the TypeScript type of `req.params`, `req.query` and `req.body`. No hand-kept interface to drift.
// A zod provider was the alternative; it would put zod's validator in place of Ajv and route
// schemas through a converter, changing what params.ts and the OpenAPI document read.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import { type TSchema, Type } from 'typebox';
import { AppError } from '../pipeline/errors.ts';

/** The app as route files see it: request types follow from the route's schema. */
export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export const typed = (app: FastifyInstance): TypedApp => app.withTypeProvider<TypeBoxTypeProvider>();

/**
 * A parameter with a default: callers may leave it out (it is not `required` in the schema), the
 * handler always has it (api/params.ts applies the default before the handler runs).
 */
export const withDefault = <T extends TSchema>(schema: T): T => Type.Optional(schema) as unknown as T;

/** A string from a fixed list, written as OpenAPI readers expect it (`type` plus `enum`). */
export const oneOf = <const V extends readonly string[]>(values: V) =>
  Type.Unsafe<V[number]>({ type: 'string', enum: [...values] });

export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9:._/-]{0,119}$';
export const recordId = () => Type.String({ pattern: ID_PATTERN });

export const IdParams = Type.Object({ id: recordId() }, { additionalProperties: false });

export const pageLimit = () => withDefault(Type.Integer({ minimum: 1, maximum: 100, default: 20 }));
export const pageOffset = () => withDefault(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }));

/** Routes that document these schemes are checked for a key before their body is read (api/app.ts). */
export const WRITE_SECURITY: { [label: string]: string[] }[] = [{ bearerAuth: [] }, { apiKey: [] }];

export const notFound = (what: string, id: string) =>
  new AppError('NOT_FOUND', `No ${what} ${id}`, { details: { id } });
