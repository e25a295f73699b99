// Organizations the gazetteer does not know: "la société X", "شركة X", Latin names inside Arabic text,
// acronyms and the names they stand for, courts by city, institutions by their head noun.
import { normalizeForMatch } from '../normalize.ts';
import { readArabicName } from './arabic-names.ts';
import { type DocContext, origIndex, slugOf, spanOf } from './context.ts';
import { type Found, isSourceCredit, knownName } from './known-organizations.ts';
import { ACRONYM_STOP, NOT_NAMES } from './not-organizations.ts';
import { LATIN_CITY_NAMES } from './places.ts';
import { salientNames } from './salient-names.ts';
import { identityKeyOf } from './transliterate.ts';

// ---------------------------------------------------------------------------------------------
// Organizations outside the gazetteer.

// "la société X", "du groupe X", "le promoteur immobilier X", "l'opérateur de centres d'appels X": an
// article and a noun for a company or a body; lowercase words describing it may follow (`descriptorEnds`).
const FR_TRIGGER = new RegExp(
  '(?<![\\p{L}])(?:(?:la|une|cette|de la|a la|sa|leur)\\s+(?:societe|firme|banque|start-?up|plateforme|enseigne|compagnie|filiale|fintech|holding|mutuelle|association|cooperative|federation|clinique|chaine|ong)|' +
    '(?:le|un|ce|du|au|son|leur)\\s+(?:groupe|prestataire|cabinet|promoteur|fonds|syndicat|collectif|reseau|sous-traitant|distributeur|assureur|operateur|transporteur|editeur|constructeur|fournisseur|exploitant|gestionnaire|courtier|concessionnaire)|' +
    "(?:l'|d'|de l')(?:entreprise|operateur|exploitant|application|etablissement|enseigne|assureur|editeur|association|agence|union|organisation|ong)|" +
    "(?:une|d'une|cette)\\s+entreprise|" +
    'the\\s+(?:company|firm|operator|bank|platform|group|union|association|startup|fund))(?=\\s)',
  'gu',
);
// English puts the noun right before the name, without an article: "real estate developer X".
const EN_TRIGGER =
  /(?<![\p{L}])(?:company|firm|operator|developer|lender|insurer|startup|start-up|fintech|contractor|subcontractor|provider|retailer|subsidiary|carrier|union|fund|group|bank|chain|agency)(?=\s)/gu;
const DESCRIPTOR_WORD = /[ \t]+([\p{Ll}][\p{Ll}'’-]*)/uy;
const DESCRIPTOR_LAST_NOT = new Set(
  "a à en au aux de du des d' sur pour par chez avec dans et ou qui que est sont the of in at to and with".split(' '),
);

/**
 * Original offsets where a name may start after a trigger: right after it, or after one to four
 * lowercase words describing it ("de cliniques", "casablancaise"), never after a preposition
 * ("basée à Casablanca").
 */
function descriptorEnds(text: string, pos: number): number[] {
  const out = [pos];
  let at = pos;
  for (let i = 0; i < 4; i++) {
    DESCRIPTOR_WORD.lastIndex = at;
    const m = DESCRIPTOR_WORD.exec(text);
    if (!m) break;
    at = m.index + m[0].length;
    if (!DESCRIPTOR_LAST_NOT.has(m[1] ?? '')) out.push(at);
  }
  return out;
}

/** Nouns after which a name written in Arabic letters is read ("شركة أطلس هورايزن"). */
const AR_BARE_TRIGGERS = new Set([
  'شركه',
  'مجموعه',
  'مقاوله',
  'موسسه',
  'بنك',
  'مصرف',
  'مصحه',
  'وكاله',
  'جمعيه',
  'نادي',
]);
// Group 1 is the article: "الشركة" is "the company" already named, never followed by a bare Arabic name.
// A platform or an app is named in Latin letters only ("منصة Chari").
const AR_TRIGGER = new RegExp(
  `(?<![\\p{L}])[وف]?[بل]?(ال)?(${[...AR_BARE_TRIGGERS, 'منصه', 'تطبيق'].join('|')})(?=\\s)`,
  'gu',
);

// A Latin proper name: capitalized or all-caps tokens, "&" and short joiners inside.
// ("Vent d'Oc Énergies": an elided "d'" glued to a capitalized word stays inside the name.)
const LATIN_NAME =
  /\s*((?:\p{Lu}[\p{L}\p{N}&'’-]*|\d+[\p{L}][\p{L}\p{N}-]*)(?:[ \t]+(?:(?:d['’])?\p{Lu}[\p{L}\p{N}&'’-]*|&))*)/uy;
const QUOTED_NAME = /\s*[«"“]\s*([^»"”\n]{2,40}?)\s*[»"”]/uy;

const LEGAL_SUFFIX = /(?:\s+(?:sa|s\.a\.?|sarl|sas|ltd|inc|plc|maroc|morocco|group|groupe))+$/;

function cleanName(raw: string): string {
  return (
    raw
      .replace(/[.,;:'’-]+$/u, '')
      .replace(/\s+/g, ' ')
      .trim()
      // "fined operator Sky Mobile MAD 250,000": a currency code ends the name.
      .replace(/(?:\s+(?:MAD|DH|DHS|USD|EUR))+$/u, '')
  );
}

function unknownId(name: string): string {
  // The consonant skeleton lets the French and the Arabic spelling of one company meet.
  const skeleton = identityKeyOf(name);
  if (skeleton) return `org:x-${skeleton}`;
  const base = normalizeForMatch(name).replace(LEGAL_SUFFIX, '');
  return `org:x-${slugOf(base)}`;
}

function overlaps(taken: Array<[number, number]>, s: number, e: number): boolean {
  return taken.some(([a, b]) => s < b && e > a);
}

// "II", "XIV": Roman numerals in capitals number things; they are not acronyms.
const ROMAN = /^(?=[IVXLC]+$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

// An acronym in brackets ("(SNCR)"); the name it stands for is read in the words before it.
const ACRONYM_DEFINITION = /[ \t]*\((\p{Lu}[\p{Lu}&]{1,7})\)/gu;
const WORDS_BEFORE = /((?:[\p{L}'’-]+[ \t]+){0,9}[\p{L}'’-]+)$/u;
const ACRONYM_SKIP = new Set('de des du d la le les l et en pour of the for and on à a au aux'.split(' '));

/** The shortest ending of `words` whose significant words' initials spell `acronym`, capitalized. */
function expansionOf(words: string, acronym: string): string | null {
  const tokens = words.split(/[ \t]+/);
  for (let i = tokens.length - 1; i >= 0; i--) {
    const tail = tokens.slice(i);
    const first = tail[0] ?? '';
    if (!/^(?:[LlDd]['’])?\p{Lu}/u.test(first)) continue;
    const initials = tail
      .flatMap((t) => t.split(/['’]/))
      .filter((t) => t && !ACRONYM_SKIP.has(t.toLowerCase()))
      .map((t) => t[0] ?? '')
      .join('');
    if (normalizeForMatch(initials) === normalizeForMatch(acronym)) return tail.join(' ').replace(/^[LlDd]['’]/, '');
    if (initials.length > acronym.length) return null;
  }
  return null;
}

const COURT =
  /(?<![\p{L}])(?:tribunal de premiere instance|tribunal administratif|tribunal de commerce|cour d'appel administrative|cour d'appel de commerce|cour d'appel)\s+(?:de |d'|du )/gu;
const CITY = /^\p{Lu}[\p{L}-]+(?:[ \t]+\p{Lu}[\p{L}-]+)?/u;

// The appositive is found by its tail (", a trucking company"), the name read back from there.
const APPOSITIVE =
  /,[ \t]+(?:a|an|une?|la|le)[ \t]+(?:[\p{Ll}-]+[ \t]+|\p{Lu}[\p{Ll}]+-based[ \t]+){0,3}(?:company|firm|operator|developer|group|startup|chain|retailer|insurer|lender|agency|bank|institution|website|platform|site|société|entreprise|groupe|opérateur|promoteur|filiale|start-up|prestataire|enseigne|banque|assureur|agence|régie|établissement|institution)(?![\p{L}])/gu;
const NAME_BEFORE = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}&'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{N}&'’-]*){0,3})$/u;

const EN_COURT =
  /(?<![\p{L}])(Administrative Court of Appeal|Commercial Court of Appeal|Administrative Court|Commercial Court|Court of First Instance|Court of Appeal)(?:[ \t]+(?:of|in)[ \t]+(\p{Lu}[\p{L}-]+))|(?<![\p{L}])(?!(?:The|A|An|In|At|On|By|For|Of|This|That|Its)[ \t])(\p{Lu}[\p{L}-]+)[ \t]+(Administrative Court of Appeal|Commercial Court of Appeal|Administrative Court|Commercial Court|Court of First Instance|Court of Appeal)(?![\p{L}])/gu;
const AR_COURT =
  /(?<![\p{L}])(?:ال)?(محكمه الاستيناف الاداريه|محكمه الاستيناف التجاريه|المحكمه الاداريه|المحكمه التجاريه|المحكمه الابتداييه|محكمه الاستيناف)\s+ب(?:ال)?([\u0621-\u064a]{3,})/gu;
const COURT_IN_FRENCH = new Map<string, string>([
  ['administrative court of appeal', "cour d'appel administrative"],
  ['commercial court of appeal', "cour d'appel de commerce"],
  ['administrative court', 'tribunal administratif'],
  ['commercial court', 'tribunal de commerce'],
  ['court of first instance', 'tribunal de premiere instance'],
  ['court of appeal', "cour d'appel"],
  ['محكمه الاستيناف الاداريه', "cour d'appel administrative"],
  ['محكمه الاستيناف التجاريه', "cour d'appel de commerce"],
  ['المحكمه الاداريه', 'tribunal administratif'],
  ['المحكمه التجاريه', 'tribunal de commerce'],
  ['المحكمه الابتداييه', 'tribunal de premiere instance'],
  ['محكمه الاستيناف', "cour d'appel"],
]);

// Head nouns of institutions; the French ones in any case ("l'université X", "Université X").
const HEAD_THEN_NAME =
  /(?<![\p{L}])(?:[Uu]niversit[ée]|[Ff]acult[ée]|[ÉéEe]cole|[Ii]nstitut|[Hh][ôo]pital|University of|Faculty of|Institute of|Hospital of)[ \t]+(?=\p{Lu})/gu;
const NAME_THEN_HEAD =
  /(?<![\p{L}\p{N}])\p{Lu}[\p{L}'’-]*(?:[ \t]+\p{Lu}[\p{L}'’-]*){0,3}[ \t]+(?:University|Hospital|Institute|School|College|Academy|Clinic|Lounge|Hotel|Restaurant|Foundation)(?![\p{L}])/gu;
// "Mulla Pride Ltd", "Atlas Froid SARL", "Rokna Parking SA": a legal form after capitalized words makes a company name.
const NAME_THEN_LEGAL_FORM =
  /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}&'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{N}&'’-]*){0,3},?[ \t]+(?:Ltd|Limited|Inc|LLC|PLC|GmbH|SARL|SARLAU|SAS|SA|S\.A\.?)(?![\p{L}])\.?/gu;
// "en partenariat avec le Club des avocats", "l'Ordre des avocats de Rabat": a capitalized head noun
// mid-sentence, after an article, with its lowercase complement.
const HEAD_WITH_COMPLEMENT =
  /(?<=(?:^|[\s(])(?:le|la|les|l'|l’|du|au|aux|des)[ \t]?)(?:Club|Association|Fondation|Fédération|Observatoire|Collectif|Syndicat|Ordre|Ligue|Amicale|Coalition)[ \t]+(?:des|du|de la|de l'|de l’|de|d'|d’|pour la|pour le|pour les|pour)[ \t]?\p{L}[\p{L}'’-]*(?:[ \t]+(?:de la|de l'|des|du|de|d'|et)[ \t]?\p{L}[\p{L}'’-]*){0,3}/gu;
// Not "الجامعة" (the university already named, or a federation: "الجامعة الملكية").
const AR_HEAD = /(?<![\p{L}])[وف]?[بل]?(جامعه|كليه|معهد|مستشفي)(?=\s)/gu;
const INTERCAPPED =
  /(?<![\p{L}\p{N}])((?!Mc|Mac)\p{Lu}\p{Ll}+\p{Lu}[\p{L}\p{N}]*(?:[ \t]+\p{Lu}[\p{L}\p{N}&'’-]*){0,2})(?![\p{L}\p{N}])/gu;

/**
 * What every rule of `findUnknown` shares: the document, the spans already taken (by the gazetteer,
 * by people, by an earlier rule) and `push`, which records a name unless it overlaps one of them.
 */
interface Finder {
  ctx: DocContext;
  taken: Array<[number, number]>;
  /** "Syndicat national des chauffeurs routiers (SNCR)": the acronym stands for the full name. */
  definedAcronyms: Map<string, string>;
  push(name: string, oStart: number, oEnd: number, confidence: number, identity?: string): void;
}

/**
 * Each family of rules in turn. The order matters: a span taken by an earlier rule is not read again
 * by a later one, so the more specific rules (defined acronyms, courts, institutions) come first.
 */
export function findUnknown(
  ctx: DocContext,
  known: Found[],
  read: Array<[number, number]>,
  people: Array<[number, number]> = [],
): Found[] {
  const out: Found[] = [];
  const taken: Array<[number, number]> = [...read, ...known.map((f): [number, number] => [f.span.start, f.span.end])];
  const finder = createFinder(ctx, taken, out);
  findDefinedAcronyms(finder);
  findFrenchCourts(finder);
  findForeignCourts(finder);
  if (ctx.language !== 'ar') findInstitutionsByHead(finder);
  findArabicInstitutions(finder);
  if (ctx.language !== 'ar') findLegalFormsAndBodies(finder);
  if (ctx.language !== 'ar') findIntercappedBrands(finder);
  findAfterTriggers(finder);
  findAppositives(finder);
  findSalientNames(finder, people);
  findCapitalRuns(finder);
  return out;
}

function createFinder(ctx: DocContext, taken: Array<[number, number]>, out: Found[]): Finder {
  const definedAcronyms = new Map<string, string>();
  // The identity comes from another spelling when there is one: the full name of an acronym defined
  // earlier, the Latin name in brackets after an Arabic transliteration.
  const push = (name: string, oStart: number, oEnd: number, confidence: number, identity?: string) => {
    const cleaned = cleanName(name);
    const n = normalizeForMatch(cleaned);
    if (cleaned.length < 2 || NOT_NAMES.has(n) || !/\p{L}/u.test(cleaned)) return;
    // "GAMMAs", "GAFAMs": a plural acronym names a class of companies.
    if (/^\p{Lu}{2,}s$/u.test(cleaned)) return;
    if (overlaps(taken, oStart, oEnd) || isSourceCredit(ctx.text, oStart, oStart + cleaned.length)) return;
    const bracketed = bracketedLatin(ctx.text, oStart + cleaned.length);
    const named = identity ?? definedAcronyms.get(cleaned) ?? bracketed?.name ?? cleaned;
    const nn = normalizeForMatch(named);
    const info = knownName(nn) ?? knownName(nn.replace(LEGAL_SUFFIX, ''));
    taken.push([oStart, oEnd]);
    const id = info ? info.entry.id : unknownId(named);
    const display = info ? (info.entry.names.fr[0] ?? named) : identity ? cleaned : named;
    out.push({
      id,
      name: display,
      known: info !== undefined,
      span: spanOf(ctx, oStart, oStart + cleaned.length, confidence),
    });
    // The Latin spelling in brackets is a second mention of the same organization, read whole here
    // ("(Crédit du Souss)") rather than word by word by the Latin-run rule below.
    if (bracketed) {
      const end = bracketed.start + bracketed.name.length;
      taken.push([bracketed.start, end]);
      out.push({ id, name: display, known: info !== undefined, span: spanOf(ctx, bracketed.start, end, confidence) });
    }
  };
  return { ctx, taken, definedAcronyms, push };
}

function readNameAt(text: string, oPos: number): { name: string; start: number } | null {
  for (const re of [QUOTED_NAME, LATIN_NAME]) {
    re.lastIndex = oPos;
    const m = re.exec(text);
    if (m?.[1]) return { name: m[1], start: m.index + m[0].indexOf(m[1]) };
  }
  return null;
}

/** «سيغما» (Sigma Relation Client): the Latin spelling in brackets names the same company. */
function bracketedLatin(text: string, oEnd: number): { name: string; start: number } | undefined {
  const m = /^[»"”]?\s*\(\s*(\p{Lu}[\p{L}\p{N}&'’. -]{1,60}?)\s*\)/u.exec(text.slice(oEnd, oEnd + 70));
  if (!m?.[1] || !/[\u0600-\u06ff]/.test(text.slice(Math.max(0, oEnd - 2), oEnd))) return undefined;
  return { name: m[1], start: oEnd + m[0].indexOf(m[1]) };
}

/** "Syndicat national des chauffeurs routiers (SNCR)": the full name, and the acronym stands for it. */
function findDefinedAcronyms({ ctx, taken, definedAcronyms, push }: Finder): void {
  ACRONYM_DEFINITION.lastIndex = 0;
  for (let m = ACRONYM_DEFINITION.exec(ctx.text); m !== null; m = ACRONYM_DEFINITION.exec(ctx.text)) {
    const acronym = m[1] ?? '';
    if (ACRONYM_STOP.has(acronym)) continue;
    const words = WORDS_BEFORE.exec(ctx.text.slice(Math.max(0, m.index - 160), m.index))?.[1] ?? '';
    const full = expansionOf(words, acronym);
    if (!full) continue;
    const start = m.index - full.length;
    if (knownName(normalizeForMatch(full)) || knownName(normalizeForMatch(acronym))) continue;
    if (overlaps(taken, start, start + full.length)) continue;
    definedAcronyms.set(acronym, full);
    push(full, start, start + full.length, 0.75);
  }
}

/** Courts outside the gazetteer: "le tribunal de première instance de Casablanca". */
function findFrenchCourts({ ctx, push }: Finder): void {
  COURT.lastIndex = 0;
  for (let m = COURT.exec(ctx.norm.text); m !== null; m = COURT.exec(ctx.norm.text)) {
    const oStart = origIndex(ctx, m.index);
    const city = CITY.exec(ctx.text.slice(origIndex(ctx, m.index + m[0].length)));
    if (!city) continue;
    const oEnd = origIndex(ctx, m.index + m[0].length) + city[0].length;
    push(ctx.text.slice(oStart, oEnd), oStart, oEnd, 0.7);
  }
}

/**
 * Courts named in English or Arabic take the French name's identity: "Administrative Court of Rabat",
 * "المحكمة الإدارية بالرباط" and "tribunal administratif de Rabat" are one court.
 */
function findForeignCourts({ ctx, push }: Finder): void {
  for (const [re, arabic] of [
    [EN_COURT, false],
    [AR_COURT, true],
  ] as const) {
    re.lastIndex = 0;
    const text = arabic ? ctx.norm.text : ctx.text;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const kind = normalizeForMatch(m[1] ?? m[4] ?? '');
      const city = m[2] ?? m[3] ?? '';
      const french = COURT_IN_FRENCH.get(kind);
      if (!french || !city) continue;
      const oStart = arabic ? origIndex(ctx, m.index) : m.index;
      const oEnd = arabic ? origIndex(ctx, m.index + m[0].length - 1) + 1 : m.index + m[0].length;
      push(ctx.text.slice(oStart, oEnd), oStart, oEnd, 0.7, `${french} de ${city}`);
    }
  }
}

/**
 * "l'université Ibn Battouta", "Ibn Battouta University": an institution named by its head noun and
 * a proper name. The head noun stays in the name, where the identity key reads it.
 */
function findInstitutionsByHead({ ctx, push }: Finder): void {
  for (const re of [HEAD_THEN_NAME, NAME_THEN_HEAD]) {
    re.lastIndex = 0;
    for (let m = re.exec(ctx.text); m !== null; m = re.exec(ctx.text)) {
      let start = m.index;
      let name = m[0];
      if (re === HEAD_THEN_NAME) {
        LATIN_NAME.lastIndex = m.index + m[0].length;
        const proper = LATIN_NAME.exec(ctx.text)?.[1];
        if (!proper) continue;
        name = `${m[0]}${proper}`;
      } else {
        const lead = /^(?:(?:The|A|An|In|At|For|By|From|To|Of)[ \t]+)+/.exec(name)?.[0] ?? '';
        start += lead.length;
        name = name.slice(lead.length);
        if (name.split(/[ \t]+/).length < 2) continue;
        // "Fez Clinic", "Rabat Hospital" in a title-case headline describe rather than name.
        const place = normalizeForMatch(name.replace(/[ \t]+\S+$/, ''));
        if (LATIN_CITY_NAMES.has(place)) continue;
      }
      push(name, start, start + name.length, 0.65);
    }
  }
}

/** "لجامعة ابن بطوطة": the same in Arabic, the name read after the head noun. */
function findArabicInstitutions({ ctx, push }: Finder): void {
  AR_HEAD.lastIndex = 0;
  for (let m = AR_HEAD.exec(ctx.norm.text); m !== null; m = AR_HEAD.exec(ctx.norm.text)) {
    const head = m[1] ?? '';
    const ar = readArabicName(ctx, m.index + m[0].length, head === 'معهد' || head === 'مستشفي');
    if (!ar) continue;
    const start = origIndex(ctx, m.index + m[0].length - head.length);
    push(ctx.text.slice(start, ar.end), start, ar.end, 0.55);
  }
}

/** "Mulla Pride Ltd" (a legal form after capitalized words), "le Club des avocats" (a body and its complement). */
function findLegalFormsAndBodies({ ctx, push }: Finder): void {
  for (const re of [NAME_THEN_LEGAL_FORM, HEAD_WITH_COMPLEMENT]) {
    re.lastIndex = 0;
    for (let m = re.exec(ctx.text); m !== null; m = re.exec(ctx.text)) {
      const lead = /^(?:(?:The|A|An|In|At|For|By|From|To|Of)[ \t]+)+/.exec(m[0])?.[0] ?? '';
      const name = m[0].slice(lead.length).replace(/[ \t]+(?:de|du|des|d'|d’|et)$/u, '');
      push(name, m.index + lead.length, m.index + lead.length + name.length, 0.6);
    }
  }
}

/** "AdNova Media", "SecuVision Maroc": a capital inside a word is a brand's, not a person's or a place's. */
function findIntercappedBrands({ ctx, push }: Finder): void {
  INTERCAPPED.lastIndex = 0;
  for (let m = INTERCAPPED.exec(ctx.text); m !== null; m = INTERCAPPED.exec(ctx.text)) {
    const name = m[1] ?? '';
    push(name, m.index, m.index + name.length, 0.6);
  }
}

/** "la société X", "شركة X", "developer X": the name after a noun for a company or a body. */
function findAfterTriggers({ ctx, push }: Finder): void {
  const triggers: Array<[RegExp, boolean]> = [
    [FR_TRIGGER, true],
    [AR_TRIGGER, false],
  ];
  if (ctx.language === 'en') triggers.push([EN_TRIGGER, false]);
  for (const [trigger, described] of triggers) {
    trigger.lastIndex = 0;
    for (let m = trigger.exec(ctx.norm.text); m !== null; m = trigger.exec(ctx.norm.text)) {
      const nEnd = m.index + m[0].length;
      const oEnd = origIndex(ctx, nEnd);
      let found: { name: string; start: number } | null = null;
      for (const at of described ? descriptorEnds(ctx.text, oEnd) : [oEnd]) {
        found = readNameAt(ctx.text, at);
        if (found) break;
      }
      if (!found) {
        const noun = m[2] ?? '';
        if (m[1] || !AR_BARE_TRIGGERS.has(noun)) continue;
        const bank = noun === 'بنك' || noun === 'مصرف';
        const ar = readArabicName(ctx, nEnd, bank);
        // A bank keeps its noun, as "Banque X" does in French: both skeletons then read banque + X.
        const start = ar && bank ? origIndex(ctx, nEnd - noun.length) : ar?.start;
        if (ar && start !== undefined) push(ctx.text.slice(start, ar.end), start, ar.end, 0.55);
        continue;
      }
      const name = cleanName(found.name);
      // "la société Maroc Telecom" is found by the gazetteer; skip what overlaps it.
      push(name, found.start, found.start + name.length, 0.7);
    }
  }
}

/** "TransMaghreb Logistique, a trucking company", "Atlas Dépannage, une société de…": an appositive. */
function findAppositives({ ctx, push }: Finder): void {
  APPOSITIVE.lastIndex = 0;
  for (let m = APPOSITIVE.exec(ctx.text); m !== null; m = APPOSITIVE.exec(ctx.text)) {
    const name = NAME_BEFORE.exec(ctx.text.slice(Math.max(0, m.index - 80), m.index))?.[1] ?? '';
    if (!name || (name.split(/\s+/).length < 2 && !/\p{Lu}.*\p{Lu}/u.test(name))) continue;
    push(name, m.index - name.length, m.index, 0.6);
  }
}

/** Names the report repeats or quotes without a trigger (`salient-names.ts`); a person's name repeated is a person's. */
function findSalientNames({ ctx, push }: Finder, people: Array<[number, number]>): void {
  for (const c of salientNames(ctx)) if (!overlaps(people, c.start, c.end)) push(c.name, c.start, c.end, 0.5);
}

/** Acronyms in capitals (and, in Arabic text, any Latin proper name): organizations more often than not. */
function findCapitalRuns({ ctx, push }: Finder): void {
  const isArabicDoc = ctx.language === 'ar';
  const latinRun = isArabicDoc
    ? // Latin letters only: a Latin name glued to the next Arabic word ("THE PRESSعلى") ends where the script changes.
      /(?<![\p{Script=Latin}\p{N}])(\p{Lu}[\p{Script=Latin}\p{N}&'’-]*(?:[ \t]+\p{Lu}[\p{Script=Latin}\p{N}&'’-]*){0,3})(?![\p{Script=Latin}\p{N}])/gu
    : /(?<![\p{L}\p{N}])(\p{Lu}[\p{Lu}\p{N}&]{1,6})(?![\p{L}\p{N}])/gu;
  for (let m = latinRun.exec(ctx.text); m !== null; m = latinRun.exec(ctx.text)) {
    const raw = cleanName(m[1] ?? '');
    const tokens = raw.split(/\s+/);
    const after = ctx.text.slice(m.index + raw.length, m.index + raw.length + 8);
    // "JIPD 2023", "RGPH 2024": an acronym with a year is an event; "DP-Day" a compound word;
    // "GAMMAs" a class of companies, not one.
    if (/^\s+(?:19|20)\d\d(?!\d)/.test(after) || /^-\p{L}/u.test(after) || /^\p{Lu}{2,}s$/u.test(raw)) continue;
    // "(Web Scraping)" after an Arabic term is its English gloss; an acronym in brackets names a body.
    if (
      isArabicDoc &&
      !/^\p{Lu}[\p{Lu}\p{N}&]+$/u.test(raw) &&
      isBracketedGloss(ctx.text, m.index, m.index + raw.length)
    )
      continue;
    // "Jean-Luc RENAUD", "Mme Anne NERON": a surname in capitals after a first name or a title.
    if (!isArabicDoc && tokens.length === 1 && isSurnameInCapitals(ctx.text, m.index)) continue;
    if (tokens.length === 1) {
      const t = tokens[0] ?? '';
      if (!/^\p{Lu}[\p{Lu}\p{N}&]{1,6}$/u.test(t)) {
        if (!isArabicDoc || t.length < 3) continue;
      } else {
        if (ACRONYM_STOP.has(t) || ROMAN.test(t) || !/[A-Z].*[A-Z]/.test(t)) continue;
        if (!isArabicDoc && isShoutedHeading(ctx.text, m.index, m.index + t.length)) continue;
      }
    }
    if (/^D-?\d/.test(raw)) continue; // deliberation numbers
    push(raw, m.index, m.index + raw.length, isArabicDoc ? 0.5 : 0.45);
  }
}

function isBracketedGloss(text: string, start: number, end: number): boolean {
  return (
    /\(\s*$/.test(text.slice(Math.max(0, start - 3), start)) &&
    /^\s*\)/.test(text.slice(end, end + 3)) &&
    /[\u0600-\u06ff]\s*\(\s*$/.test(text.slice(Math.max(0, start - 6), start))
  );
}

const FIRST_NAME_BEFORE =
  /(?:^|[\s(])(?:(?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Pr\.?)|\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)[ \t]+$/u;
// Capitalized words that come before an acronym without being a first name.
const NOT_FIRST_NAMES = new Set(
  'Le La Les Un Une Des Du De Au Aux Et Selon Pour Par Avec Dans Sur Groupe Banque Société Agence Association Syndicat Fédération Union Réseau Office Direction Conseil Commission Autorité The A An Of For By With In On At Group Bank Company Agency'.split(
    ' ',
  ),
);

function isSurnameInCapitals(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 30), start);
  const m = FIRST_NAME_BEFORE.exec(before);
  if (!m) return false;
  const word = before.slice(m.index).trim().replace(/^\(/, '');
  return !NOT_FIRST_NAMES.has(word);
}

/** An all-caps word next to other all-caps words is a shouted heading, not an acronym. */
function isShoutedHeading(text: string, start: number, end: number): boolean {
  if (text[start - 1] === '(' && text[end] === ')') return false;
  const before = /(\p{Lu}{2,})[\s:,-]+$/u.test(text.slice(Math.max(0, start - 20), start));
  const after = /^[\s:,-]+\p{Lu}{2,}(?![\p{Ll}])/u.test(text.slice(end, end + 20));
  return before || after;
}
