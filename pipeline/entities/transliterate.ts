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
// (a vowel in transliteration: سلامة = Salama), repeated classes (Salam = Sallam), a word-initial h
// on both sides (French "Horizon" has a silent h that Arabic writes as a vowel: أوريزون, while ح and
// ه at the start are written H: Hassan = حسن, so dropping it everywhere keeps both). Acronyms map
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
  // "GS Les Orangers", "Groupe scolaire Les Orangers": Moroccan private schools' generic prefix.
  'gs',
  'scolaire',
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

// Sector words and the head nouns of institutions ("Université", "جامعة", "Hospital"), each with the
// French word it translates to: they describe rather than name, so the skeleton drops them at either
// end, and when what remains is too short to identify anything, `identityKeyOf` reads them back in
// French, first, so "Université X", "X University" and "جامعة X" still meet.
const LATIN_SECTOR = new Map<string, string>(
  Object.entries({
    assurance: 'assurance',
    assurances: 'assurance',
    insurance: 'assurance',
    immobilier: 'immobilier',
    immobiliere: 'immobilier',
    immobilieres: 'immobilier',
    immo: 'immobilier',
    realty: 'immobilier',
    banque: 'banque',
    bank: 'banque',
    credit: 'credit',
    finance: 'finance',
    finances: 'finance',
    financement: 'finance',
    leasing: 'leasing',
    telecom: 'telecom',
    telecoms: 'telecom',
    telecommunications: 'telecom',
    services: 'services',
    service: 'services',
    consulting: 'conseil',
    conseil: 'conseil',
    distribution: 'distribution',
    logistique: 'logistique',
    logistics: 'logistique',
    transport: 'transport',
    transports: 'transport',
    technologies: 'technologies',
    technology: 'technologies',
    tech: 'technologies',
    industries: 'industrie',
    industrie: 'industrie',
    voyages: 'voyages',
    travel: 'voyages',
    sante: 'sante',
    health: 'sante',
    clinique: 'clinique',
    clinic: 'clinique',
    invest: 'investissement',
    investissement: 'investissement',
    investissements: 'investissement',
    energie: 'energie',
    energy: 'energie',
    solutions: 'solutions',
    systems: 'systemes',
    systemes: 'systemes',
    universite: 'universite',
    university: 'universite',
    faculte: 'faculte',
    faculty: 'faculte',
    ecole: 'ecole',
    school: 'ecole',
    hopital: 'hopital',
    hospital: 'hopital',
    institut: 'institut',
    institute: 'institut',
    // A sports club is named by its town: "Club Olympique de Bouskoura", "نادي بوسكورة".
    club: 'club',
    olympique: 'club',
    olympic: 'club',
    sporting: 'club',
    athletic: 'club',
    association: 'association',
  }),
);

/** Arabic sector words and head nouns without article or preposition, nouns and their adjectives. */
const ARABIC_SECTOR = new Map<string, string>(
  Object.entries({
    تامين: 'assurance',
    تامينات: 'assurance',
    عقار: 'immobilier',
    عقارات: 'immobilier',
    عقاري: 'immobilier',
    عقاريه: 'immobilier',
    اتصالات: 'telecom',
    قرض: 'credit',
    قروض: 'credit',
    تمويل: 'finance',
    مالي: 'finance',
    ماليه: 'finance',
    بنك: 'banque',
    مصرف: 'banque',
    بنكي: 'banque',
    بنكيه: 'banque',
    خدمات: 'services',
    استشارات: 'conseil',
    توزيع: 'distribution',
    نقل: 'transport',
    لوجستيك: 'logistique',
    تكنولوجيا: 'technologies',
    تكنولوجيات: 'technologies',
    صناعه: 'industrie',
    صناعات: 'industrie',
    اسفار: 'voyages',
    سياحه: 'voyages',
    صحه: 'sante',
    استثمار: 'investissement',
    استثمارات: 'investissement',
    طاقه: 'energie',
    تيليكوم: 'telecom',
    تليكوم: 'telecom',
    تيلكوم: 'telecom',
    انفست: 'investissement',
    // French sector words written in Arabic letters, as Moroccan press often does.
    سانتي: 'sante',
    صانتي: 'sante',
    اسورانس: 'assurance',
    كريدي: 'credit',
    فينانس: 'finance',
    كونساي: 'conseil',
    سيرفيس: 'services',
    ترانسبور: 'transport',
    ايموبيليي: 'immobilier',
    مصحه: 'clinique',
    جامعه: 'universite',
    كليه: 'faculte',
    مدرسه: 'ecole',
    مستشفي: 'hopital',
    معهد: 'institut',
    نادي: 'club',
    اولمبيك: 'club',
    جمعيه: 'association',
  }),
);

/** The bare stem of an Arabic word after the preposition ل and/or the article: للتامين → تامين. */
function arabicStem(word: string): string {
  if (word.startsWith('لل') && word.length > 4) return word.slice(2);
  if (word.startsWith('ال') && word.length > 4) return word.slice(2);
  if (word.startsWith('ل') && word.length > 4) return word.slice(1);
  return word;
}

/** "للتأمين", "العقارية", "تأمينات": a word naming a sector (normalized input). */
export function isArabicSectorWord(normalizedWord: string): boolean {
  return arabicSectorOf(normalizedWord) !== undefined;
}

function arabicSectorOf(normalizedWord: string): string | undefined {
  return ARABIC_SECTOR.get(arabicStem(normalizedWord)) ?? ARABIC_SECTOR.get(normalizedWord);
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
  if (w.length >= 3) w = w.replace(/^[هح]/, '');
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
    .replace(/x/g, 'ks')
    .replace(/^h(?=..)/, '')
    // "Lbahr", "Lkhir": Darija transliteration fuses the article the Arabic side drops (البحر).
    .replace(/^l(?=[bcdfgjkmnpqrstvxzCXQ])/, '')
    // "Kasbah", "Fatimah": a final h after a vowel writes the ة that the Arabic side drops.
    .replace(/(?<=[aeiou])h$/, '');
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

function tokenSkeleton(t: Token): string {
  return t.spelled ?? (ARABIC_WORD.test(t.norm) ? arabicWordSkeleton(t.norm) : latinWordSkeleton(t.norm));
}

function squeeze(skeleton: string): string {
  return skeleton.replace(/(.)\1+/g, '$1');
}

/** The French word a sector or head-noun token stands for, else null. */
function sectorTranslation(t: Token): string | null {
  if (t.spelled !== null) return null;
  return (ARABIC_WORD.test(t.norm) ? arabicSectorOf(t.norm) : LATIN_SECTOR.get(t.norm)) ?? null;
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
  return squeeze(tokens.map(tokenSkeleton).join(''));
}

/**
 * The skeleton with its sector words kept, read in French and put first ("Crédit du Souss" and
 * "القرض السوسي" are both credit + s), for names whose proper part alone is too short. A closing
 * nisba that is no sector word is part of the name here: "السوسي" is "Souss".
 */
export function describedSkeleton(name: string): string {
  const tokens = tokensOf(name).filter((t) => !GENERIC.has(t.norm));
  const sectors: string[] = [];
  const rest: string[] = [];
  for (const t of tokens) {
    const sector = sectorTranslation(t);
    if (sector) sectors.push(latinWordSkeleton(sector));
    else if (ARABIC_WORD.test(t.norm) && isArabicNisba(t.norm))
      rest.push(arabicWordSkeleton(t.norm.replace(/يه?$/, '')));
    else rest.push(tokenSkeleton(t));
  }
  return squeeze([...sectors, ...rest].join(''));
}

/**
 * The business line a name states at its edge, read in French ("Sahara Télécom" and "الصحراء
 * للاتصالات" are both telecom), else null. Sister companies of a group share the group's skeleton;
 * their stated lines tell them apart.
 */
export function statedSector(name: string): string | null {
  const tokens = tokensOf(name).filter((t) => !GENERIC.has(t.norm));
  // A name that is nothing but a sector word ("Assurances") states no line beside a name.
  if (tokens.length < 2) return null;
  for (const t of [tokens.at(-1), tokens[0]]) {
    const sector = t ? sectorTranslation(t) : null;
    if (sector) return latinWordSkeleton(sector);
  }
  return null;
}

/** The skeleton when it is long enough to tell one company from another, else null. */
export function identityKeyOf(name: string): string | null {
  const skeleton = consonantSkeleton(name);
  if (skeleton.length >= MIN_SKELETON) return skeleton;
  const described = describedSkeleton(name);
  return described.length >= MIN_SKELETON ? described : null;
}
