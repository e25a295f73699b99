// The gazetteer's names compiled for matching over normalized text, two ways.
//
// Short names (brands, acronyms, two-word names) are matched exactly, in one alternation, with the
// Arabic clitics that glue onto them.
//
// Long institutional names are not written one way: the press drops or swaps function words
// ("Commission nationale de contrôle de protection des données", "… pour la protection …"), drops
// "de contrôle", writes "Transition digitale" for "Transition numérique", "Réforme administrative" for
// "Réforme de l'administration", "التحول الرقمي" for "الانتقال الرقمي", "البيانات" for "المعطيات", and
// glues clitics onto inner Arabic words. Rather than listing every string, names of three words or
// more are matched on a canonical token stream: function words and optional words out, clitics off,
// synonyms folded, long Latin words cut to their stem. The same folding is applied to the text, so
// matching stays an exact lookup.
import { normalizeForMatch } from '../normalize.ts';
import { escapeRegExp } from './context.ts';
import type { GazetteerEntry } from './gazetteer-schema.ts';

export interface NameInfo {
  entry: GazetteerEntry;
  /** The name as written in the gazetteer. */
  written: string;
  capitalized: boolean;
  allCaps: boolean;
  anchored: boolean;
  generic: boolean;
  listed: boolean;
}

export interface CompiledNames {
  /** Short names: group 1 is the Arabic clitics, group 2 the name; look it up with `keyOf`. */
  re: RegExp;
  /** Every name by its separator-free key; several entries when two countries share a name. */
  byKey: Map<string, NameInfo[]>;
  /** Long names by their canonical token sequence joined with spaces. */
  long: Map<string, NameInfo[]>;
  /** For each first canonical token of a long name, the token counts of the names it starts, longest first. */
  longStarts: Map<string, number[]>;
}

/** Lookup key of a normalized name: separators and quotes dropped, so "TLS Contact" = "TLSCONTACT" = "tls-contact". */
export function keyOf(normalized: string): string {
  return normalized.replace(/[\s\-'."«»“”]+/g, '');
}

const ARABIC = /[\u0600-\u06ff]/;
const ALL_CAPS = /^[A-Z0-9&]{2,8}$/;

const FUNCTION_WORDS = new Set(
  'de du des d la le les l a au aux pour et en sur of the for and in on في علي الي من عن'.split(' '),
);
/** Dropped by the press inside names of supervisory bodies ("Commission nationale de la protection…"). */
const OPTIONAL_WORDS = new Set(['controle', 'control', 'مراقبه']);
// Words that name the same thing in institutional names; each folds to the first of its group.
// Arabic ones without their article or clitics.
const SYNONYMS = new Map(
  [
    ['numerique', 'digitale', 'digital'],
    ['commission', 'comite', 'committee'],
    ['transition', 'transformation'],
    ['معطيات', 'بيانات'],
    ['انتقال', 'تحول'],
  ].flatMap((group) => group.map((w) => [w, group[0] as string] as const)),
);
const STEM_LENGTH = 7;
const ARABIC_CLITICS = /^و?(?:بال|لل|ال|ل|ب|ف)?/u;

// Words repeat: folding each distinct word once makes the token stream several times cheaper.
const FOLDED = new Map<string, string | null>();

/** The canonical form of one normalized word, or null for a word matching ignores. */
function canonicalToken(word: string): string | null {
  const known = FOLDED.get(word);
  if (known !== undefined) return known;
  const folded = foldWord(word);
  if (FOLDED.size > 50_000) FOLDED.clear();
  FOLDED.set(word, folded);
  return folded;
}

function foldWord(word: string): string | null {
  if (FUNCTION_WORDS.has(word)) return null;
  let w = word;
  if (ARABIC.test(w)) {
    const clitic = ARABIC_CLITICS.exec(w)?.[0] ?? '';
    if (w.length - clitic.length >= 3) w = w.slice(clitic.length);
    // "للجنة" is "ل" + "اللجنة" with the article's lam merged into the word's: a word's own leading
    // lam goes too, so "لجنة", "اللجنة" and "للجنة" fold alike.
    w = w.replace(/^ل(?=[\u0621-\u064a]{3})/u, '');
  }
  if (OPTIONAL_WORDS.has(w)) return null;
  w = SYNONYMS.get(w) ?? w;
  // "administration" / "administrative", "personnel" / "personnelles": the stem carries the word.
  if (/^[a-z]+$/.test(w) && w.length > STEM_LENGTH) w = w.slice(0, STEM_LENGTH);
  return w;
}

export interface CanonicalToken {
  token: string;
  /** Normalized offsets of the word, its clitics included. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The canonical token stream of normalized text. */
function canonicalTokens(normalized: string): CanonicalToken[] {
  const out: CanonicalToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(normalized); m !== null; m = WORD.exec(normalized)) {
    const token = canonicalToken(m[0]);
    if (token !== null) out.push({ token, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

// Interchangeable wordings of long names, applied before folding: "ذات الطابع الشخصي" or "الشخصية"
// (personal), "à caractère personnel" or "personnelles".
const WORDINGS: Array<[RegExp, string]> = [
  [/ ذات الطابع الشخصي(?= |$)/, ' الشخصيه'],
  [/ الشخصيه(?= |$)/, ' ذات الطابع الشخصي'],
  [/ a caractere personnel(?= |$)/, ' personnelles'],
  [/ personnelles(?= |$)/, ' a caractere personnel'],
];
// A Moroccan body is "national" or "Moroccan" indifferently ("اللجنة المغربية لمراقبة…").
const MOROCCAN_WORDINGS: Array<[RegExp, string]> = [
  [/(?<![\p{L}])nationale(?![\p{L}])/u, 'marocaine'],
  [/(?<![\p{L}])national(?![\p{L}])/u, 'moroccan'],
  [/(?<![\p{L}])الوطنيه(?![\p{L}])/u, 'المغربيه'],
];

function variantsOf(normalized: string, moroccan: boolean): string[] {
  const out = new Set([normalized]);
  if (moroccan && ARABIC.test(normalized)) out.add(normalized.replace(/ (?:بالمغرب|المغربيه)$/, ''));
  for (const [from, to] of [...WORDINGS, ...(moroccan ? MOROCCAN_WORDINGS : [])]) {
    for (const v of [...out]) out.add(v.replace(from, to));
  }
  return [...out].filter((v) => v === normalized || v.includes(' '));
}

function push<T>(map: Map<string, T[]>, key: string, value: T, same: (a: T) => boolean): void {
  const list = map.get(key) ?? [];
  if (!list.some(same)) list.push(value);
  map.set(key, list);
}

export function compileNames(gazetteer: readonly GazetteerEntry[]): CompiledNames {
  const byKey = new Map<string, NameInfo[]>();
  const long = new Map<string, NameInfo[]>();
  const patterns = new Set<string>();
  const addShort = (info: NameInfo, variant: string) => {
    const key = keyOf(variant);
    if (!key) return;
    // Spellings that share a key ("TLScontact", "TLS Contact") each need their own pattern.
    const tokens = variant
      .split(/[\s-]+/)
      .filter(Boolean)
      .map(escapeRegExp);
    // Quotes may sit inside a name: "مؤسسة “تمكين”".
    patterns.add(tokens.join('[\\s\\-\'"«»“”]*'));
    push(byKey, key, info, (x) => x.entry.id === info.entry.id);
  };
  for (const entry of gazetteer) {
    const moroccan = entry.country === 'MA';
    for (const written of [...entry.names.fr, ...entry.names.ar, ...entry.names.en]) {
      const allCaps = ALL_CAPS.test(written);
      const info: NameInfo = {
        entry,
        written,
        capitalized: allCaps || (entry.capitalized ?? []).includes(written),
        allCaps: allCaps && (entry.capitalized ?? []).includes(written),
        anchored: (entry.anchored ?? []).includes(written),
        generic: (entry.generic ?? []).includes(written),
        listed: (entry.listed ?? []).includes(written),
      };
      const normalized = normalizeForMatch(written).trim();
      const canonical = canonicalTokens(normalized).map((t) => t.token);
      if (normalized.split(/[\s-]+/).length >= 3 && canonical.length >= 2) {
        for (const variant of variantsOf(normalized, moroccan)) {
          const key = canonicalTokens(variant)
            .map((t) => t.token)
            .join(' ');
          push(long, key, info, (x) => x.entry.id === info.entry.id);
        }
        // The exact spelling is also a key, for the unknown-organization rules' lookups.
        push(byKey, keyOf(normalized), info, (x) => x.entry.id === info.entry.id);
        continue;
      }
      for (const variant of variantsOf(normalized, moroccan)) {
        addShort(info, variant);
        // "ل" + "اللجنة" is written "للجنة": also match the name without its first alef.
        if (ARABIC.test(variant) && variant.startsWith('ال')) addShort(info, variant.slice(1));
      }
    }
  }
  const longStarts = new Map<string, number[]>();
  for (const key of long.keys()) {
    const tokens = key.split(' ');
    const first = tokens[0] ?? '';
    const counts = longStarts.get(first) ?? [];
    if (!counts.includes(tokens.length)) counts.push(tokens.length);
    longStarts.set(
      first,
      counts.sort((a, b) => b - a),
    );
  }
  const alternation = [...patterns].sort((a, b) => b.length - a.length).join('|');
  // Arabic clitics (و ف ب ل ك ال) glue onto names; the name itself is the second group.
  const re = new RegExp(
    `(?<![\\p{L}\\p{N}])([وف]?(?:بال|كال|فال|لل|ال|[بلك])?)(${alternation})(?![\\p{L}\\p{N}])`,
    'gu',
  );
  return { re, byKey, long, longStarts };
}

export interface LongMatch {
  infos: NameInfo[];
  /** Normalized offsets: from the first word (clitics excluded) to the end of the last. */
  start: number;
  end: number;
}

const BREAK = /[.;:!?()[\]\n؛]/;

/** Long names in normalized text, leftmost-longest, not overlapping. */
export function findLongNames(compiled: CompiledNames, normalized: string): LongMatch[] {
  const tokens = canonicalTokens(normalized);
  const out: LongMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i] as CanonicalToken;
    for (const n of compiled.longStarts.get(first.token) ?? []) {
      if (i + n > tokens.length) continue;
      const slice = tokens.slice(i, i + n);
      const infos = compiled.long.get(slice.map((t) => t.token).join(' '));
      // Only words, spaces, quotes and commas ("Jeunesse, Culture et Communication") between the
      // words of a name: never a sentence end or a bracket.
      if (
        !infos ||
        slice.some((t, k) => k > 0 && BREAK.test(normalized.slice((slice[k - 1] as CanonicalToken).end, t.start)))
      ) {
        continue;
      }
      // The clitics of the first word are not part of the name ("وللجنة" → "لجنة"): the name's own
      // first word, or that word without its article, ends the text's word.
      const word = normalized.slice(first.start, first.end);
      const own = normalizeForMatch((infos[0] as NameInfo).written).split(/[\s-]+/)[0] ?? '';
      const tail = [own, own.replace(/^ال/, '')].find((w) => w.length >= 3 && word.endsWith(w));
      const cut = tail ? word.length - tail.length : 0;
      out.push({ infos, start: first.start + cut, end: (slice[n - 1] as CanonicalToken).end });
      i += n - 1;
      break;
    }
  }
  return out;
}
