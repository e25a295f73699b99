// Text normalization for matching names, laws and numbers across spellings.
//
// Moroccan press writes the same word many ways: Arabic with or without harakat, hamza on or off the
// alef, ة or ه at the end, Persian look-alike code points pasted from other keyboards (ی U+06CC, ک
// U+06A9, ھ U+06BE), Arabic-Indic digits; French with or without accents, with typographic apostrophes
// and non-breaking spaces. Every matcher in the pipeline works on the output of `normalizeForMatch`.
//
// Choices (lossy on purpose — this is for matching, never for display):
// - harakat, shadda, sukun, tanween, superscript alef, Quranic marks and tatweel are removed;
// - alef variants أ إ آ ٱ → ا; ى → ي; ة → ه; ؤ → و; ئ → ي (the hamza seat carries no lexical weight
//   in names; writers drop it freely); the lone hamza ء is kept;
// - Persian/Urdu/Maghrebi look-alikes: ی ې ۍ ے ۓ → ي; ک ګ ڪ → ك; ھ ۀ ہ ۃ ە → ه; Moroccan ڭ and
//   Persian گ → ك (both write /g/, which standard spelling writes ك or ج; ك is the common fallback);
//   ڤ → ف; پ → ب; چ → ج;
// - Arabic presentation forms (U+FB50–U+FEFF) are decomposed by NFKD to their base letters;
// - Latin: lowercase, accents stripped (NFKD then combining marks dropped), œ → oe, æ → ae, ß → ss;
// - digits: Arabic-Indic (U+0660–0669) and Extended Arabic-Indic (U+06F0–06F9) → 0–9;
// - punctuation (match mode only): ’ ‘ ʼ ` ´ → ', Arabic comma/semicolon/question mark → , ; ?,
//   Arabic decimal separator ٫ → '.', thousands separator ٬ → ',', all dashes → '-', every kind of
//   space (NBSP, narrow NBSP, thin...) → ' '.
//
// The output length differs from the input (marks vanish, œ doubles), so offsets found on normalized
// text must be mapped back through `normalizeWithOffsets(s).map`.

const ARABIC_LETTERS: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ٵ: 'ا',
  ى: 'ي',
  ة: 'ه',
  ؤ: 'و',
  ئ: 'ي',
  ی: 'ي',
  ې: 'ي',
  ۍ: 'ي',
  ێ: 'ي',
  ے: 'ي',
  ۓ: 'ي',
  ک: 'ك',
  ګ: 'ك',
  ڪ: 'ك',
  ڭ: 'ك',
  گ: 'ك',
  ھ: 'ه',
  ۀ: 'ه',
  ہ: 'ه',
  ۂ: 'ه',
  ۃ: 'ه',
  ە: 'ه',
  ڤ: 'ف',
  ڨ: 'ق',
  پ: 'ب',
  چ: 'ج',
};

const LATIN_SPECIAL: Record<string, string> = {
  œ: 'oe',
  Œ: 'oe',
  æ: 'ae',
  Æ: 'ae',
  ß: 'ss',
  ø: 'o',
  Ø: 'o',
  ł: 'l',
  Ł: 'l',
  đ: 'd',
  Đ: 'd',
};

const PUNCTUATION: Record<string, string> = {
  '’': "'",
  '‘': "'",
  ʼ: "'",
  '`': "'",
  '´': "'",
  '′': "'",
  '،': ',',
  '؛': ';',
  '؟': '?',
  '٫': '.',
  '٬': ',',
  '٪': '%',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u3000': ' ',
  // Zero-width characters and bidi marks carry nothing for matching.
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\u200e': '',
  '\u200f': '',
  '\u2066': '',
  '\u2067': '',
  '\u2068': '',
  '\u2069': '',
  '\u202a': '',
  '\u202b': '',
  '\u202c': '',
  '\u202d': '',
  '\u202e': '',
  '\ufeff': '',
};

/** Harakat, tanween, shadda, sukun, maddah/hamza marks, superscript alef, Quranic marks, tatweel. */
const ARABIC_MARK = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640\u08d3-\u08ff]/;
const COMBINING = /\p{M}/u;

function digitOf(ch: string): string | null {
  const code = ch.charCodeAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
  return null;
}

type Mode = 'arabic' | 'french' | 'match';

function mapArabicChar(ch: string): string {
  if (ARABIC_MARK.test(ch)) return '';
  const digit = digitOf(ch);
  if (digit !== null) return digit;
  return ARABIC_LETTERS[ch] ?? ch;
}

function foldLatinChar(ch: string): string {
  const special = LATIN_SPECIAL[ch];
  if (special !== undefined) return special;
  let out = '';
  for (const part of ch.normalize('NFKD')) {
    if (COMBINING.test(part)) continue;
    out += part.toLowerCase();
  }
  return out;
}

function transformUncached(ch: string, mode: Mode): string {
  if (mode === 'arabic') {
    // Presentation forms decompose to base letters; other scripts are left untouched.
    const code = ch.codePointAt(0) ?? 0;
    const base = code >= 0xfb50 && code <= 0xfeff && code !== 0xfeff ? ch.normalize('NFKD') : ch;
    let out = '';
    for (const part of base) out += mapArabicChar(part);
    return out;
  }
  if (mode === 'french') return foldLatinChar(ch);
  const punct = PUNCTUATION[ch];
  if (punct !== undefined) return punct;
  const direct = ARABIC_LETTERS[ch];
  if (direct !== undefined) return direct;
  let out = '';
  for (const part of LATIN_SPECIAL[ch] ?? ch.normalize('NFKD')) {
    if (ARABIC_MARK.test(part) || COMBINING.test(part)) continue;
    const digit = digitOf(part);
    if (digit !== null) {
      out += digit;
      continue;
    }
    const mapped = ARABIC_LETTERS[part] ?? PUNCTUATION[part] ?? part.toLowerCase();
    out += mapped;
  }
  return out;
}

const caches: Record<Mode, Map<string, string>> = { arabic: new Map(), french: new Map(), match: new Map() };

function transformChar(ch: string, mode: Mode): string {
  const code = ch.charCodeAt(0);
  // ASCII fast path: only letters change, and only in the folding modes.
  if (code < 0x80 && ch.length === 1) {
    if (mode === 'arabic') return ch;
    if (mode === 'match' && ch === '`') return "'";
    return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  }
  const cache = caches[mode];
  let out = cache.get(ch);
  if (out === undefined) {
    out = transformUncached(ch, mode);
    if (cache.size < 20_000) cache.set(ch, out);
  }
  return out;
}

function transform(s: string, mode: Mode): string {
  let out = '';
  for (const ch of s) out += transformChar(ch, mode);
  return out;
}

/** Arabic-script normalization only (see the choices at the top of this file); Latin text is kept. */
export function normalizeArabic(s: string): string {
  return transform(s, 'arabic');
}

/** Lowercase and strip accents (é → e, œ → oe); non-Latin characters pass through lowercased. */
export function foldFrench(s: string): string {
  return transform(s, 'french');
}

/** Both foldings plus digit and punctuation unification: the form every matcher compares. */
export function normalizeForMatch(s: string): string {
  return transform(s, 'match');
}

/** Arabic-Indic and Extended Arabic-Indic digits to ASCII 0–9; nothing else changes (length stable). */
export function toLatinDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => digitOf(d) ?? d);
}

export interface NormalizedText {
  /** `normalizeForMatch(original)`. */
  text: string;
  /**
   * `map[i]` is the index in the original string of the character that produced `text[i]`;
   * `map[text.length]` is the original length, so a match `[s, e)` on `text` maps to
   * `[map[s], map[e - 1] + width)` — use `toOriginalRange` rather than doing it by hand.
   */
  map: number[];
}

/** `normalizeForMatch` plus a map from normalized indices back to original indices. */
export function normalizeWithOffsets(s: string): NormalizedText {
  let text = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of s) {
    const out = transformChar(ch, 'match');
    for (let k = 0; k < out.length; k++) map.push(i);
    text += out;
    i += ch.length;
  }
  map.push(s.length);
  return { text, map };
}

/**
 * Maps a half-open range on the normalized text to the smallest original range covering it.
 * The end extends to the next kept character so dropped marks (harakat after the last letter) stay
 * inside the span.
 */
export function toOriginalRange(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  const origStart = n.map[start] ?? n.map[n.map.length - 1] ?? 0;
  const origEnd = end >= n.text.length ? (n.map[n.text.length] ?? 0) : (n.map[end] ?? 0);
  return { start: origStart, end: Math.max(origStart, origEnd) };
}
