// Bytes → text. Moroccan sites still serve windows-1256 and ISO-8859-1/6 pages, sometimes declaring
// the charset only in a <meta> tag and sometimes not at all. Order follows the HTML spec's encoding
// sniffing (https://html.spec.whatwg.org/#determining-the-character-encoding): BOM, HTTP header,
// <meta> / XML declaration in the first bytes, then a guess from the bytes themselves.
import iconv from 'iconv-lite';
import { AppError } from '../pipeline/errors.ts';

export interface Decoded {
  text: string;
  /** The charset actually used, lower-case iconv name. */
  charset: string;
  /** Where the charset came from, for debugging odd pages. */
  charsetSource: 'bom' | 'header' | 'meta' | 'sniff' | 'default';
}

/** Charset labels browsers treat as another encoding (WHATWG Encoding: latin1 means windows-1252). */
const ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  cp1256: 'windows-1256',
  'x-cp1256': 'windows-1256',
  'iso-8859-6': 'iso-8859-6',
  arabic: 'iso-8859-6',
  utf8: 'utf-8',
};

export function normalizeCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const clean = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  const name = ALIASES[clean] ?? clean;
  return iconv.encodingExists(name) ? name : null;
}

export function charsetFromContentType(contentType: string | undefined | null): string | null {
  const match = /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType ?? '');
  return match?.[1] ?? null;
}

export function mimeType(contentType: string | undefined | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function decodeBody(body: Buffer, contentTypeHeader?: string | null): Decoded {
  const bom = bomCharset(body);
  if (bom) return { text: iconv.decode(body, bom), charset: bom, charsetSource: 'bom' };
  const fromHeader = normalizeCharset(charsetFromContentType(contentTypeHeader));
  if (fromHeader) return decodeAs(body, fromHeader, 'header');
  const fromMeta = normalizeCharset(declaredInDocument(body));
  if (fromMeta) return decodeAs(body, fromMeta, 'meta');
  return decodeAs(body, sniff(body), 'sniff');
}

function decodeAs(body: Buffer, charset: string, source: Decoded['charsetSource']): Decoded {
  try {
    return { text: iconv.decode(body, charset), charset, charsetSource: source };
  } catch (cause) {
    throw new AppError('DECODE_FAILED', `cannot decode body as ${charset}`, { cause });
  }
}

function bomCharset(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return null;
}

/** `<meta charset>`, `<meta http-equiv content="...charset=">` or `<?xml encoding=?>` in the first 4 KB. */
function declaredInDocument(body: Buffer): string | null {
  // latin1 maps every byte to one char, so ASCII markup is readable whatever the real encoding is.
  const head = body.subarray(0, 4096).toString('latin1');
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml?.[1]) return xml[1];
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return meta?.[1] ?? null;
}

/**
 * Valid UTF-8 wins. Otherwise tell Arabic windows-1256 from Western windows-1252 by how many bytes
 * are high: Arabic prose is mostly high bytes, French prose only its accented letters.
 */
function sniff(body: Buffer): string {
  if (isValidUtf8(body)) return 'utf-8';
  let high = 0;
  let letters = 0;
  for (const b of body) {
    if (b >= 0xc0) high++;
    if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b >= 0xc0) letters++;
  }
  return letters > 0 && high / letters > 0.3 ? 'windows-1256' : 'windows-1252';
}

function isValidUtf8(body: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}
