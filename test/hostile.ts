// Hostile input shared by the API property tests and `npm run fuzz`.

/** The documented error shape, exactly: `{ error: { code, message, details? } }` and nothing else. */
export function conforms(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') return false;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Record<string, unknown>;
  return (
    typeof e.code === 'string' &&
    /^[A-Z_]+$/.test(e.code) &&
    typeof e.message === 'string' &&
    e.message.length > 0 &&
    Object.keys(e).every((k) => ['code', 'message', 'details'].includes(k)) &&
    (e.details === undefined || (typeof e.details === 'object' && e.details !== null))
  );
}

// Hostile values: numbers JavaScript parses but an API should not, impossible dates, quotes and
// filter syntax (Meilisearch's and SQL's), control and bidi characters, very long and empty text.
export const HOSTILE = [
  'Infinity',
  '-Infinity',
  '1e309',
  'NaN',
  '-1',
  '9007199254740993',
  '0x1f',
  '1.5',
  '',
  ' ',
  '2023-02-30',
  '2023-13-45',
  '9999-99-99T99:99',
  '" OR 1 = 1',
  "' OR '1'='1",
  'fr" OR language = "ar',
  'x) OR (relevant = false',
  '_geoRadius(0,0,1)',
  '%',
  '\\',
  '\u0000',
  '\u202e',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  ['$', '{7*7}'].join(''), // template-injection probe
  'a'.repeat(5000),
  'ف'.repeat(300),
  'true',
  'null',
  '[]',
  '{}',
];
