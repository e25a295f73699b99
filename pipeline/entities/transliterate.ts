// A cross-script identity key for organization names: the consonant skeleton.
//
// French coverage writes an unknown company in Latin script ("Assurances Atlas Horizon"), Arabic
// coverage transliterates it ("أطلس هورايزن للتأمين"). Vowels are where the two spellings disagree
// (Arabic writes long vowels only, French writes every vowel its own way), consonants are where they
// agree, so both sides are reduced to a sequence of consonant classes:
//
//   t: ت ط t · d: د ض d · s: س ص ث s, soft c, ç · z: ز ذ ظ z · k: ك ق k, hard c, q · j: ج j g
//   c: ش ch sh · x: خ kh · q: غ gh · h: ح ه h · f: ف f v ph · b: ب b p · l m n r: ل م ن ر
//
// ش, خ and غ get one letter each (c, x, q, unused otherwise) so that "sh" never reads as "s" + "h".
// Dropped: vowels and semi-vowels (ا و ي ى ء ع, a e i o u y w), the Arabic article, a word-final ة/ه
// (a vowel in transliteration: سلامة = Salama), repeated classes (Salam = Sallam). Acronyms map
// letter by letter on both sides: "TLS" and "تي إل إس" are both t-l-s.
//
// Generic company words (société, groupe, SARL, Maroc, holding, شركة, المغرب...) are dropped
// anywhere; sector words (Assurances, Immobilier, للتأمين, العقارية...) only at either end of the
// name, where they describe rather than name. The trade-off: "Dar Salam Immobilier" and "Dar Salam
// Assurances" share a key; press often writes the group name with or without its sector, and
// meeting across languages matters more here than telling sister companies apart.
//
// Deterministic: the key depends on the name's letters only.
import { normalizeForMatch } from '../normalize.ts';

/** Fewer consonant classes than this say too little to identify a company across scripts. */
export const MIN_SKELETON = 5;

const ARABIC_WORD = /[\u0621-\u064a]/;

// Normalized forms (see normalize.ts: أ إ آ → ا, ة → ه, ى → ي).
const GENERIC = new Set([
  'societe',
  'ste',
  'groupe',
  'group',
  'groupement',
  'holding',
  'holdings',
  'compagnie',
  'cie',
  'company',
  'co',
  'corp',
  'corporation',
  'entreprise',
  'entreprises',
  'ets',
  'etablissements',
  'sa',
  'sarl',
  'sarlau',
  'sas',
  'sasu',
  'snc',
  'ltd',
  'limited',
  'inc',
  'plc',
  'llc',
  'gmbh',
  'maroc',
  'morocco',
  'marocaine',
  'marocain',
  'moroccan',
  'international',
  'internationale',
  // Function words and the Arabic article as written in Latin script ("Dar Es-Salam", "Al Amal").
  'de',
  'des',
  'du',
  'd',
  'la',
  'le',
  'les',
  'l',
  'et',
  'and',
  'of',
  'the',
  'al',
  'el',
  'es',
  'ech',
  'ed',
  'شركه',
  'الشركه',
  'مجموعه',
  'موسسه',
  'مقاوله',
  'هولدينغ',
  'هولدينك',
  'هولدنغ',
  'القابضه',
  'المغرب',
  'بالمغرب',
  'للمغرب',
  'المغربيه',
  'المغربي',
  'ماروك',
  'الدوليه',
  'الدولي',
  'شم',
  'شمم',
]);

const LATIN_SECTOR = new Set([
  'assurance',
  'assurances',
  'insurance',
  'immobilier',
  'immobiliere',
  'immobilieres',
  'immo',
  'realty',
  'banque',
  'bank',
  'credit',
  'finance',
  'finances',
  'financement',
  'leasing',
  'telecom',
  'telecoms',
  'telecommunications',
  'services',
  'service',
  'consulting',
  'conseil',
  'distribution',
  'logistique',
  'logistics',
  'transport',
  'transports',
  'technologies',
  'technology',
  'tech',
  'industries',
  'industrie',
  'voyages',
  'travel',
  'sante',
  'clinique',
  'clinic',
  'invest',
  'investissement',
  'investissements',
  'energie',
  'energy',
  'solutions',
  'systems',
  'systemes',
]);

/** Arabic sector words without article or preposition, nouns and their adjectives. */
const ARABIC_SECTOR = new Set([
  'تامين',
  'تامينات',
  'عقار',
  'عقارات',
  'عقاري',
  'عقاريه',
  'اتصالات',
  'قروض',
  'تمويل',
  'مالي',
  'ماليه',
  'بنكي',
  'بنكيه',
  'خدمات',
  'استشارات',
  'توزيع',
  'نقل',
  'لوجستيك',
  'تكنولوجيا',
  'تكنولوجيات',
  'صناعه',
  'صناعات',
  'اسفار',
  'سياحه',
  'صحه',
  'استثمار',
  'استثمارات',
  'طاقه',
  'تيليكوم',
  'تليكوم',
  'تيلكوم',
  'انفست',
]);

/** The bare stem of an Arabic word after the preposition ل and/or the article: للتامين → تامين. */
function arabicStem(word: string): string {
  if (word.startsWith('لل') && word.length > 4) return word.slice(2);
  if (word.startsWith('ال') && word.length > 4) return word.slice(2);
  if (word.startsWith('ل') && word.length > 4) return word.slice(1);
  return word;
}

/** "للتأمين", "العقارية", "تأمينات": a word naming a sector (normalized input). */
export function isArabicSectorWord(normalizedWord: string): boolean {
  return ARABIC_SECTOR.has(arabicStem(normalizedWord)) || ARABIC_SECTOR.has(normalizedWord);
}

/** "الإسرائيلية", "المغربية": a definite nisba adjective, a descriptor rather than a name (normalized). */
export function isArabicNisba(normalizedWord: string): boolean {
  return /^ال[\u0621-\u064a]{2,}(?:يه|ي)$/.test(normalizedWord) && normalizedWord.length >= 6;
}

function isSector(word: string, atEnd: boolean): boolean {
  if (!ARABIC_WORD.test(word)) return LATIN_SECTOR.has(word);
  // A nisba adjective follows its noun: "الشعبي" opens a name, "العقارية" closes one as a descriptor.
  return isArabicSectorWord(word) || (atEnd && isArabicNisba(word));
}

const ARABIC_CLASS: Record<string, string> = {
  ب: 'b',
  ت: 't',
  ث: 's',
  ج: 'j',
  ح: 'h',
  خ: 'x',
  د: 'd',
  ذ: 'z',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'c',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  غ: 'q',
  ف: 'f',
  ق: 'k',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
};

/** Latin letters spelled out in Arabic (normalized), as in "تي إل إس" for TLS. */
const ARABIC_LETTER_NAMES: Record<string, string> = {
  اي: '',
  ايه: '',
  بي: 'b',
  سي: 's',
  دي: 'd',
  اف: 'f',
  جي: 'j',
  اتش: 'h',
  ايتش: 'h',
  اش: 'h',
  جاي: 'j',
  كي: 'k',
  كاي: 'k',
  ال: 'l',
  ام: 'm',
  ان: 'n',
  او: '',
  كيو: 'k',
  ار: 'r',
  اس: 's',
  تي: 't',
  يو: '',
  في: 'f',
  اكس: 'ks',
  زد: 'z',
  زي: 'z',
  دبليو: '',
  واي: '',
};

/** True when `normalizedWord` spells out a Latin letter (inside an acronym run of two or more). */
export function isArabicLetterName(normalizedWord: string): boolean {
  return normalizedWord in ARABIC_LETTER_NAMES;
}

/** Latin letters read one by one, as in an acronym: C is "sé" (سي), G is "gé" (جي). */
const LATIN_LETTER: Record<string, string> = {
  B: 'b',
  C: 's',
  D: 'd',
  F: 'f',
  G: 'j',
  H: 'h',
  J: 'j',
  K: 'k',
  L: 'l',
  M: 'm',
  N: 'n',
  P: 'b',
  Q: 'k',
  R: 'r',
  S: 's',
  T: 't',
  V: 'f',
  X: 'ks',
  Z: 'z',
};

function arabicWordSkeleton(word: string): string {
  let w = word.startsWith('ال') && word.length >= 4 ? word.slice(2) : word;
  if (w.length >= 3 && w.endsWith('ه')) w = w.slice(0, -1);
  let out = '';
  for (const ch of w) out += ARABIC_CLASS[ch] ?? '';
  return out;
}

function latinWordSkeleton(word: string): string {
  const w = word
    .replace(/sch|ch|sh/g, 'C')
    .replace(/kh/g, 'X')
    .replace(/gh/g, 'Q')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/qu|ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/x/g, 'ks');
  let out = '';
  for (const ch of w) {
    if (/[aeiouyw]/.test(ch)) continue;
    if (ch === 'C') out += 'c';
    else if (ch === 'X') out += 'x';
    else if (ch === 'Q') out += 'q';
    else if (ch === 'c' || ch === 'q') out += 'k';
    else if (ch === 'v') out += 'f';
    else if (ch === 'p') out += 'b';
    else if (ch === 'g') out += 'j';
    else if (/[a-z0-9]/.test(ch)) out += ch;
  }
  return out;
}

interface Token {
  /** normalizeForMatch form. */
  norm: string;
  /** Skeleton read letter by letter (acronyms), when the token is one. */
  spelled: string | null;
}

function tokensOf(name: string): Token[] {
  const raw = name
    .replace(/ç/g, 's')
    .replace(/Ç/g, 'S')
    .split(/[\s\-'’‘&/,;:()«»"“”]+/u)
    .map((t) => t.replace(/\./g, ''))
    .filter(Boolean);
  const tokens: Token[] = [];
  for (const t of raw) {
    const norm = normalizeForMatch(t);
    if (!norm) continue;
    // Upper-case acronym with at most one vowel ("TLS", "CIH", "BMCE"), not a shouted word ("NOVA").
    const acronym = /^[A-Z]{2,5}$/.test(t) && (t.match(/[AEIOUY]/g) ?? []).length <= 1;
    tokens.push({ norm, spelled: acronym ? [...t].map((c) => LATIN_LETTER[c] ?? '').join('') : null });
  }
  // Arabic letter names in a run of two or more spell an acronym ("تي ال اس").
  for (let i = 0; i < tokens.length; i++) {
    let j = i;
    while (j < tokens.length && isArabicLetterName(tokens[j]?.norm ?? '')) j++;
    if (j - i >= 2) {
      for (let k = i; k < j; k++) {
        const tok = tokens[k];
        if (tok) tok.spelled = ARABIC_LETTER_NAMES[tok.norm] ?? '';
      }
    }
    i = Math.max(i, j - 1);
  }
  return tokens;
}

/**
 * The consonant skeleton of an organization name, one letter per consonant class (see the table at
 * the top of this file), generic words and edge sector words dropped. Same name, same skeleton.
 */
export function consonantSkeleton(name: string): string {
  const tokens = tokensOf(name).filter((t) => !GENERIC.has(t.norm));
  for (let first = tokens[0]; first && first.spelled === null && isSector(first.norm, false); first = tokens[0]) {
    tokens.shift();
  }
  for (let last = tokens.at(-1); last && last.spelled === null && isSector(last.norm, true); last = tokens.at(-1)) {
    tokens.pop();
  }
  const joined = tokens
    .map((t) => t.spelled ?? (ARABIC_WORD.test(t.norm) ? arabicWordSkeleton(t.norm) : latinWordSkeleton(t.norm)))
    .join('');
  return joined.replace(/(.)\1+/g, '$1');
}

/** The skeleton when it is long enough to tell one company from another, else null. */
export function identityKeyOf(name: string): string | null {
  const skeleton = consonantSkeleton(name);
  return skeleton.length >= MIN_SKELETON ? skeleton : null;
}
