// Strict parameter parsing shared by every route. Routes declare their query and path parameters as
// JSON schemas (which the OpenAPI document shows); `parseParams` reads the raw strings against that
// schema before Fastify's Ajv ever sees them, because Ajv's type coercion is too lenient for a
// public API: `Number("Infinity")`, `1e309` and `-0` are "integers" to it, and dates like
// 2023-02-30 match any date pattern. Here an integer is digits only and within its bounds, a date
// exists on the calendar, an enum is exact, and every error names the offending parameter.
import { isCalendarDay } from '../pipeline/dates/index.ts';
import { AppError } from '../pipeline/errors.ts';

/** The subset of JSON Schema route parameters use. */
export interface ParamSchema {
  type?: string | readonly string[];
  enum?: readonly unknown[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  default?: unknown;
  items?: ParamSchema;
  maxItems?: number;
  /** Our extension: the string must be an ISO date or date-time that exists on the calendar. */
  'x-date'?: boolean;
  description?: string;
}

export interface ObjectSchema {
  type?: string;
  properties?: Record<string, ParamSchema>;
  required?: readonly string[];
  additionalProperties?: boolean;
}

export type ParamLocation = 'query' | 'path';

export const ISO_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?)?$';

/** A date or date-time parameter: the schema (for OpenAPI) marks it so the parser checks the calendar. */
export const dateParam = (description: string) =>
  ({ type: 'string', pattern: ISO_DATE_PATTERN, 'x-date': true, description }) as const;

// Digits only: no sign games beyond one leading minus, no exponent, no decimals, no "Infinity". Fifteen
// digits keep every accepted value an exact double.
const INTEGER = /^-?\d{1,15}$/;
const NUMBER = /^-?\d{1,15}(\.\d{1,15})?$/;
// Control characters (NUL included) have no business in a parameter; tabs and newlines neither.
const CONTROL = /[\u0000-\u001f\u007f]/;

export function paramError(where: ParamLocation, name: string, problem: string): AppError {
  const label = where === 'path' ? 'path parameter' : 'query parameter';
  return new AppError('BAD_REQUEST', `Invalid ${label} \`${name}\`: ${problem}`, {
    details: { parameter: name, in: where },
  });
}

/** True when `value` (an ISO date or date-time matching ISO_DATE_PATTERN) names a real instant. */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))?)?$/.exec(
    value,
  );
  if (!m) return false;
  const [, y, mo, d, h, mi, s, , , oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1 || !isCalendarDay(year, month, day)) return false;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || (s !== undefined && Number(s) > 59))) return false;
  if (oh !== undefined && (Number(oh) > 14 || Number(om) > 59)) return false;
  return true;
}

const typesOf = (schema: ParamSchema): string[] =>
  schema.type === undefined ? ['string'] : typeof schema.type === 'string' ? [schema.type] : [...schema.type];

const codePoints = (s: string) => [...s].length;

function parseScalar(where: ParamLocation, name: string, raw: string, schema: ParamSchema): unknown {
  const types = typesOf(schema);
  if (types.includes('integer') || types.includes('number')) {
    const integer = types.includes('integer');
    if (!(integer ? INTEGER : NUMBER).test(raw))
      throw paramError(where, name, `expected ${integer ? 'an integer' : 'a number'}, got ${quote(raw)}`);
    const n = Number(raw) === 0 ? 0 : Number(raw); // -0 is 0
    if ((schema.minimum !== undefined && n < schema.minimum) || (schema.maximum !== undefined && n > schema.maximum))
      throw paramError(where, name, `must be ${bounds(schema)}, got ${raw}`);
    return n;
  }
  if (types.includes('boolean')) {
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    throw paramError(where, name, `expected true or false, got ${quote(raw)}`);
  }
  if (CONTROL.test(raw)) throw paramError(where, name, 'control characters are not allowed');
  if (schema.enum) {
    if (!schema.enum.includes(raw))
      throw paramError(where, name, `expected one of ${schema.enum.join(', ')}, got ${quote(raw)}`);
    return raw;
  }
  const length = codePoints(raw);
  if (schema.minLength !== undefined && length < schema.minLength)
    throw paramError(where, name, `must have at least ${schema.minLength} character(s)`);
  if (schema.maxLength !== undefined && length > schema.maxLength)
    throw paramError(where, name, `must have at most ${schema.maxLength} characters`);
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(raw))
    throw paramError(where, name, schema['x-date'] ? 'expected an ISO date (YYYY-MM-DD) or date-time' : 'bad format');
  if (schema['x-date'] && !isRealDate(raw)) throw paramError(where, name, `${quote(raw)} is not a date that exists`);
  return raw;
}

function bounds(schema: ParamSchema): string {
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    return `from ${schema.minimum} to ${schema.maximum}`;
  if (schema.minimum !== undefined) return `at least ${schema.minimum}`;
  return `at most ${schema.maximum}`;
}

// Echo a short, printable excerpt of what was sent, never the whole (possibly huge) value.
function quote(raw: string): string {
  const printable = raw.replace(CONTROL, '?');
  return JSON.stringify(codePoints(printable) > 40 ? `${[...printable].slice(0, 40).join('')}…` : printable);
}

/**
 * Parse raw query or path values (strings, or arrays of strings for repeated query keys) against an
 * object schema. Returns typed values with defaults applied; throws BAD_REQUEST naming the parameter.
 */
export function parseParams(
  where: ParamLocation,
  raw: Record<string, unknown>,
  schema: ObjectSchema,
): Record<string, unknown> {
  const properties = schema.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(raw)) {
    if (!Object.hasOwn(properties, name)) {
      if (schema.additionalProperties === false) {
        const known = Object.keys(properties);
        throw new AppError(
          'BAD_REQUEST',
          `Unknown ${where === 'path' ? 'path' : 'query'} parameter \`${name.slice(0, 60)}\`${known.length ? ` (known: ${known.join(', ')})` : ''}`,
          { details: { parameter: name.slice(0, 60), in: where } },
        );
      }
    }
  }
  for (const [name, prop] of Object.entries(properties)) {
    const value = Object.hasOwn(raw, name) ? raw[name] : undefined;
    if (value === undefined) {
      if (prop.default !== undefined) out[name] = structuredClone(prop.default);
      else if (schema.required?.includes(name)) throw paramError(where, name, 'required');
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((v): v is string => typeof v === 'string')) throw paramError(where, name, 'expected text');
    if (typesOf(prop).includes('array')) {
      const items = prop.items ?? {};
      if (prop.maxItems !== undefined && values.length > prop.maxItems)
        throw paramError(where, name, `at most ${prop.maxItems} values`);
      out[name] = values.map((v) => parseScalar(where, name, v, items));
      continue;
    }
    if (values.length !== 1) throw paramError(where, name, 'given more than once');
    out[name] = parseScalar(where, name, values[0] as string, prop);
  }
  return out;
}

/** Throws when a parsed JSON body holds a number JSON cannot round-trip (`1e309` parses to Infinity). */
export function assertFiniteJson(value: unknown, path = 'body'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new AppError('BAD_REQUEST', `Invalid \`${path}\`: numbers must be finite`, {
        details: { parameter: path, in: 'body' },
      });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      assertFiniteJson(v, `${path}[${i}]`);
    });
    return;
  }
  for (const [k, v] of Object.entries(value)) assertFiniteJson(v, `${path}.${k}`);
}
