// One URL per document: the source's canonicalization rules (tracking parameters, scheme, trailing
// slash, AMP/print rewrites) applied the same way to every discovered link, so the document id
// (a hash of this URL) is stable across feeds, sitemaps and listings.
import type { SourceConfig } from './source-config.ts';

export type Canonicalization = SourceConfig['canonicalization'];

export function canonicalizeUrl(raw: string, rules: Canonicalization): string {
  let input = raw.trim();
  for (const [pattern, replacement] of rules.rewrites) input = input.replace(new RegExp(pattern), replacement);
  const url = new URL(input);
  url.hash = '';
  if (rules.forceHttps && url.protocol === 'http:') url.protocol = 'https:';
  url.hostname = url.hostname.toLowerCase();
  // URL already drops default ports; `new URL` also normalizes percent-encoding case of the host only.
  const strip = rules.stripParams.map((p) => (p.endsWith('*') ? { prefix: p.slice(0, -1) } : { exact: p }));
  const kept = [...url.searchParams].filter(
    ([name]) => !strip.some((s) => ('exact' in s ? s.exact === name : name.startsWith(s.prefix))),
  );
  // Sorted so `?a=1&b=2` and `?b=2&a=1` are one document.
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = '';
  for (const [k, v] of kept) url.searchParams.append(k, v);
  if (rules.trailingSlash !== 'keep' && url.pathname !== '/') {
    const last = url.pathname.split('/').pop() ?? '';
    // A file name (`x.pdf`, `spip.php`) never takes a slash.
    const isFile = /\.[a-z0-9]{2,5}$/i.test(last);
    if (rules.trailingSlash === 'add' && !url.pathname.endsWith('/') && !isFile) url.pathname += '/';
    if (rules.trailingSlash === 'remove' && url.pathname.endsWith('/')) url.pathname = url.pathname.replace(/\/+$/, '');
  }
  // Percent-escapes are case-insensitive (RFC 3986 §6.2.2.1) but sites and feeds differ
  // (`%d8%a7` vs `%D8%A7`); upper-case them so an Arabic slug is one document.
  return url.toString().replace(/%[0-9a-f]{2}/gi, (hex) => hex.toUpperCase());
}
