// Organizations: the gazetteer compiled into one alternation over normalized text (org-names.ts), plus
// organizations the gazetteer does not know ("la société X", "شركة X", Latin names inside Arabic text,
// acronyms).
import { normalizeForMatch } from '../normalize.ts';
import type { OrganizationEntity, Span } from '../types.ts';
import { type DocContext, escapeRegExp, origIndex, slugOf, spanOf } from './context.ts';
import { COUNTRIES, countriesIn } from './countries.ts';
import { GAZETTEER, gazetteerEntry } from './gazetteer.ts';
import { compileNames, findLongNames, keyOf, type NameInfo } from './org-names.ts';
import { identityKeyOf, isArabicLetterName, isArabicNisba, isArabicSectorWord } from './transliterate.ts';

const ARABIC = /[\u0600-\u06ff]/;
const GAZ = compileNames(GAZETTEER);

const FR_CNDP_CONTEXT = /debat public|النقاش العمومي|النقاش العام/;
// A generic anchored name followed by a complement names some other body ("la Commission nationale des droits...").
const ANCHOR_COMPLEMENT = /^\s*(?:de|du|des|d'|pour|of|for|on|ل\S+|لل\S+)\s/;

const ANCHORED_CONFIDENCE = 0.6;

interface Found {
  id: string;
  name: string;
  known: boolean;
  span: Span;
  /** The gazetteer name that matched; absent for mentions read another way. */
  info?: NameInfo;
  /** Arabic clitics glued before the name ("ب" in "بالبرلمان"). */
  clitic?: string;
}

function displayName(id: string, fallback: string): string {
  return gazetteerEntry(id)?.names.fr[0] ?? fallback;
}

/**
 * Of entries sharing a name (Benin's and Mali's "APDP"), the one whose country is named right after
 * the mention ("APDP (Mali)", "بالبنين"), else the one whose country the document names most, else
 * Morocco's, else the first listed.
 */
function byCountry(infos: NameInfo[], after: string, docCountries: string[]): NameInfo {
  const near = countriesIn(after)[0];
  const hit = infos.find((i) => i.entry.country === near);
  if (hit) return hit;
  let best: NameInfo | undefined;
  let bestCount = 0;
  for (const i of infos) {
    const n = docCountries.filter((c) => c === i.entry.country).length;
    if (n > bestCount) {
      best = i;
      bestCount = n;
    }
  }
  return best ?? infos.find((i) => i.entry.country === 'MA') ?? (infos[0] as NameInfo);
}

const roleOf = (f: Found) => gazetteerEntry(f.id)?.role;

interface Candidate {
  nStart: number;
  nEnd: number;
  infos: NameInfo[];
}

/**
 * Gazetteer names in normalized text: short names by the exact alternation, long ones on canonical
 * tokens (org-names.ts); where two overlap, the longer wins.
 */
function candidates(text: string): Candidate[] {
  const all: Candidate[] = [];
  const re = GAZ.re;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const name = m[2] ?? '';
    const infos = GAZ.byKey.get(keyOf(name));
    const nStart = m.index + (m[1]?.length ?? 0);
    if (infos) all.push({ nStart, nEnd: nStart + name.length, infos });
    // Overlapping names are all collected ("Meta" inside "Meta Platforms" is dropped below).
    re.lastIndex = m.index + 1;
  }
  for (const l of findLongNames(GAZ, text)) all.push({ nStart: l.start, nEnd: l.end, infos: l.infos });
  // Longest first: "للجنة الوطنية لمراقبة…" read whole beats its prefix "للجنة الوطنية".
  all.sort((a, b) => b.nEnd - b.nStart - (a.nEnd - a.nStart) || a.nStart - b.nStart);
  const out: Candidate[] = [];
  for (const c of all) {
    if (!out.some((o) => c.nStart < o.nEnd && c.nEnd > o.nStart)) out.push(c);
  }
  out.sort((a, b) => a.nStart - b.nStart);
  return out;
}

interface KnownResult {
  found: Found[];
  /** Every gazetteer name read, kept or dropped as a bystander: the unknown rules must not re-read it. */
  read: Array<[number, number]>;
}

function findKnown(ctx: DocContext): KnownResult {
  const out: Found[] = [];
  const text = ctx.norm.text;
  const hasFrDebate = FR_CNDP_CONTEXT.test(text) || FR_CNDP_CONTEXT.test(ctx.title);
  const docCountries = countriesIn(text);
  for (const c of candidates(text)) {
    const { nStart, nEnd, infos } = c;
    const clitic = /[\u0621-\u064a]*$/u.exec(text.slice(Math.max(0, nStart - 4), nStart))?.[0] ?? '';
    const info =
      infos.length > 1 ? byCountry(infos, text.slice(nEnd, nEnd + 40), docCountries) : (infos[0] as NameInfo);
    const oStart = origIndex(ctx, nStart);
    const oEnd = origIndex(ctx, nEnd);
    const original = ctx.text.slice(oStart, oEnd);
    if ((info.allCaps && original !== original.toUpperCase()) || (info.capitalized && !/^\p{Lu}/u.test(original))) {
      continue;
    }
    let id = info.entry.id;
    // "CNDP" is also France's Commission nationale du débat public: follow the last full name, else context.
    if (info.written === 'CNDP') {
      const lastFull = [...out].reverse().find((f) => f.id === 'org:cndp' || f.id === 'org:fr-cndp');
      if (lastFull) id = lastFull.id;
      else if (hasFrDebate && !/caractere personnel|donnees personnelles|الطابع الشخصي/.test(text)) id = 'org:fr-cndp';
    }
    if (info.anchored && ANCHOR_COMPLEMENT.test(text.slice(nEnd, nEnd + 20))) continue;
    out.push({
      id,
      name: displayName(id, info.written),
      known: true,
      span: spanOf(ctx, oStart, oEnd, info.anchored ? ANCHORED_CONFIDENCE : info.capitalized ? 0.8 : 0.95),
      info,
      clitic,
    });
  }
  let found = withDescribedAuthorities(ctx, out);
  const read: Array<[number, number]> = found.map((f) => [f.span.start, f.span.end]);
  found = acronymsNameTheirAntecedent(ctx, found);
  found = productsUnderTheirParent(ctx, found);
  found = keptInContext(ctx, found);
  // Anchored names ("la Commission nationale", "اللجنة الوطنية") only count next to a full name.
  const fullIds = new Set(found.filter((f) => !f.info?.anchored).map((f) => f.id));
  found = found.filter((f) => !f.info?.anchored || fullIds.has(f.id));
  found = genericFormsToNamedAuthority(found);
  return { found: found.some((f) => roleOf(f) === 'regulator') ? found : [...found, ...selfReferences(ctx)], read };
}

// "the <nationality> data-protection authority", "هيئة حماية البيانات الشخصية التركية", "Kenya's data
// protection commissioner": a data-protection body of a named country is that country's authority.
const LATIN_COUNTRY_WORDS = Object.values(COUNTRIES)
  .flatMap((c) => [...c.latin, ...c.adjectives])
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
const ARABIC_COUNTRY_WORDS = Object.values(COUNTRIES)
  .flatMap((c) => c.ar)
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
const DPA_DESCRIPTIONS: RegExp[] = [
  new RegExp(
    `(?<![\\p{L}])(?:autorite|commission|instance|agence|commissariat|commissaire|comite|centre|bureau)(?:\\s+(${LATIN_COUNTRY_WORDS}))?\\s+(?:nationale?\\s+)?(?:de\\s+la\\s+|de\\s+|pour\\s+la\\s+|pour\\s+)?protection\\s+des\\s+donnees(?:\\s+a\\s+caractere\\s+personnel|\\s+personnelles)?(?:\\s*\\(?\\s*(?:du|de\\s+la|de\\s+l'|d'|des|au|en)?\\s*(${LATIN_COUNTRY_WORDS})(?![\\p{L}]))?`,
    'gu',
  ),
  new RegExp(
    `(?<![\\p{L}])[وف]?(?:ال|لل|ل)?(?:هيئه|سلطه|لجنه|مركز|مفوضيه|وكاله|مكتب)\\s+(?:(?:الوطنيه|الوطني)\\s+)?(?:ل)?حمايه\\s+(?:المعطيات|البيانات)(?:\\s+ذات\\s+الطابع\\s+الشخصي|\\s+الشخصيه)?\\s+(?:في\\s+|ب(?=ال))?(${ARABIC_COUNTRY_WORDS})(?![\\p{L}])`,
    'gu',
  ),
  new RegExp(
    `(?<![\\p{L}])(${LATIN_COUNTRY_WORDS})(?:'s)?\\s+(?:national\\s+)?(?:personal\\s+)?(?:data\\s+protection|data|privacy)\\s+(?:authority|commission|commissioner|agency|board|office|regulator|watchdog)(?![\\p{L}])`,
    'gu',
  ),
];

const REGULATOR_OF_COUNTRY = new Map<string, string>();
for (const e of GAZETTEER) {
  if (e.role === 'regulator' && e.country && !REGULATOR_OF_COUNTRY.has(e.country)) {
    REGULATOR_OF_COUNTRY.set(e.country, e.id);
  }
}
const COUNTRY_OF_WORD = new Map(
  Object.entries(COUNTRIES).flatMap(([cc, c]) => [...c.latin, ...c.adjectives, ...c.ar].map((w) => [w, cc] as const)),
);

function withDescribedAuthorities(ctx: DocContext, found: Found[]): Found[] {
  const described: Found[] = [];
  for (const re of DPA_DESCRIPTIONS) {
    re.lastIndex = 0;
    for (let m = re.exec(ctx.norm.text); m !== null; m = re.exec(ctx.norm.text)) {
      const word = m[1] ?? m[2] ?? '';
      const cc = COUNTRY_OF_WORD.get(word);
      const id = cc ? REGULATOR_OF_COUNTRY.get(cc) : undefined;
      if (!id) continue;
      const lead = /^[وف]?(?:ال|لل|ل)?(?=\S)/u.exec(m[0])?.[0] ?? '';
      const oStart = origIndex(ctx, m.index + (ARABIC.test(m[0]) ? lead.length : 0));
      const oEnd = origIndex(ctx, m.index + m[0].length);
      described.push({ id, name: displayName(id, id), known: true, span: spanOf(ctx, oStart, oEnd, 0.8) });
    }
  }
  if (described.length === 0) return found;
  // The described authority wins over a name it contains ("لجنة حماية المعطيات … بالبنين").
  const kept = found.filter((f) => !described.some((d) => f.span.start < d.span.end && f.span.end > d.span.start));
  return [...kept, ...described].sort((a, b) => a.span.start - b.span.start);
}

/** "لجنة حماية البيانات (DPC)": the acronym in brackets says which authority a press short form is. */
function acronymsNameTheirAntecedent(ctx: DocContext, found: Found[]): Found[] {
  for (let i = 0; i + 1 < found.length; i++) {
    const a = found[i] as Found;
    const b = found[i + 1] as Found;
    if (!a.info?.generic || a.id === b.id) continue;
    if (/^\s*\(\s*$/.test(ctx.text.slice(a.span.end, b.span.start)) && /^\s*\)/.test(ctx.text.slice(b.span.end))) {
      a.id = b.id;
      a.name = b.name;
    }
  }
  return found;
}

const LEGAL_FORM_BETWEEN = /^[\s.,،]*(?:(?:inc|ltd|corp|corporation|llc|plc|platforms|group|sa)\.?[\s.,،]*)*$/i;

/**
 * "Alphabet Inc. (YouTube)", "Meta (Facebook, Instagram et WhatsApp)": products named in brackets
 * after their parent qualify the parent, they are not parties of their own.
 */
function productsUnderTheirParent(ctx: DocContext, found: Found[]): Found[] {
  for (const f of found) {
    const parent = gazetteerEntry(f.id)?.parent;
    if (!parent) continue;
    const before = ctx.text.slice(Math.max(0, f.span.start - 120), f.span.start);
    const open = before.lastIndexOf('(');
    if (open < 0 || before.slice(open).includes(')')) continue;
    const openAt = f.span.start - before.length + open;
    const owner = found.find(
      (p) => p.id === parent && p.span.end <= openAt && LEGAL_FORM_BETWEEN.test(ctx.text.slice(p.span.end, openAt)),
    );
    if (owner) {
      f.id = owner.id;
      f.name = owner.name;
    }
  }
  return found;
}

// "représentés au Parlement", "الممثلة في البرلمان", "professeur à l'Université…", "au siège de
// l'Académie": a place, not a party.
const VENUE_BEFORE =
  /(?:(?:^|[\s'(])(?:au|aux|a la|a l'|dans|devant|au sein de|au sein du|in|at|inside|في|داخل|امام|تحت قبه)|(?:siege|locaux|enceinte|premises|headquarters|مقر|رحاب)(?:\s+(?:de la|de l'|du|de|des|d'|of the|of))?)\s*$/u;
// Funders, hosts of the event where something was signed, and the bodies a member or an official
// belongs to are bystanders ("financé par l'Union européenne", "en marge de l'Assemblée générale du
// Réseau africain…", "على هامش…", "membres de l'OCI", "Rapporteuse spéciale de l'ONU").
const BYSTANDER_BEFORE =
  /(?:(?:finance|financee|finances|financees|cofinance|funded|financed) (?:par|by)|soutien financier d|avec le soutien d|grace au soutien d|with (?:the )?support (?:of|from)|بتمويل من|بدعم من|بدعم مالي من)\S*\s*(?:la |le |l'|les |the )?$|(?:en marge d|on the sidelines of|علي هامش)[^.\n؛]{0,50}$/u;
const MEMBERSHIP_BEFORE =
  /(?:membres?|etats?|pays|members?|states|countries|rapporteu(?:r|se)(?: speciale?)?|special rapporteur|الدول الاعضاء|الاعضاء|اعضاء|عضو|المقرر(?:ه)? الخاص(?:ه)?)(?:\s+(?:de la|de l'|du|de|des|d'|of the|of|in|في|ب))?\s*[لب]?$/u;
// "Dans une déclaration à la MAP", "(MAP)", "documents consultés par Le Desk", "تصريح لقناة … التابعة لوكالة المغرب العربي للأنباء": the
// outlet a party spoke to. An outlet whose dispatch reports the facts ("selon une dépêche de la MAP")
// stays: the house's gold counts it.
const OUTLET_CREDIT_BEFORE =
  /(?:(?:declaration|declare|declarations|entretien|interview|told|quoted by|تصريح|تصريحات|التابعه)[^.\n؛]{0,40}|(?:consult|obten|obtain|seen)\S* (?:par|by)\s*)$/u;
// Items of an enumeration: only separators and "and" between two names.
const LIST_GAP = /^[\s,;،()]*(?:(?:and|et|و|ou|or)[\s,;،()]*)?$/u;

/** Mentions kept after the context rules; an acronym in brackets goes with the name it follows. */
function keptInContext(ctx: DocContext, found: Found[]): Found[] {
  const kept: Found[] = [];
  let dropped: Found | undefined;
  for (const f of found) {
    const follows =
      dropped?.id === f.id && /^[\s(-]*(?:[\p{L}]+-)?$/u.test(ctx.text.slice(dropped.span.end, f.span.start));
    if (!follows && keepInContext(ctx, f, found)) kept.push(f);
    else dropped = f;
  }
  return kept;
}

function keepInContext(ctx: DocContext, f: Found, all: Found[]): boolean {
  const role = roleOf(f);
  const nBefore = normalizeForMatch(ctx.text.slice(Math.max(0, f.span.start - 60), f.span.start));
  // The data-protection authority counts wherever it is named: it is the subject of the register.
  if (role !== 'regulator' && BYSTANDER_BEFORE.test(nBefore)) return false;
  if (role === 'international' && MEMBERSHIP_BEFORE.test(nBefore)) return false;
  // The glued "ب" is a place for a university ("بجامعة"), but "نائبة بمجلس النواب" is a member of it.
  if (role === 'legislature' && VENUE_BEFORE.test(nBefore)) return false;
  if (role === 'academic' && (VENUE_BEFORE.test(nBefore) || /^[وف]?ب/.test(f.clitic ?? ''))) return false;
  if (role === 'outlet') {
    const prev = ctx.text[f.span.start - 1] ?? '';
    if (prev === '(' || OUTLET_CREDIT_BEFORE.test(nBefore)) return false;
    // "a appris Le360", "Joint par TelQuel", "… – TelQuel"; but an agency that carries a communiqué
    // ("أوردته وكالة المغرب العربي للأنباء") is the channel of the parties' own words, kept.
    if (isSourceCredit(ctx.text, f.span.start, f.span.end) && !/(?:اورد|نشر)\S*\s*$/u.test(nBefore)) return false;
    const line = ctx.text.slice(ctx.text.lastIndexOf('\n', f.span.start - 1) + 1, f.span.start);
    if (/^\s*(?:with|avec|source\s*:|المصدر\s*:)?\s*$/iu.test(line) && /^\s*(?:\n|$)/.test(ctx.text.slice(f.span.end)))
      return false;
  }
  if (f.info?.listed) {
    return all.some(
      (o) =>
        o !== f &&
        !o.info?.listed &&
        (LIST_GAP.test(ctx.text.slice(o.span.end, f.span.start)) ||
          LIST_GAP.test(ctx.text.slice(f.span.end, o.span.start))),
    );
  }
  return true;
}

/**
 * The press's short descriptions of the CNDP ("لجنة حماية البيانات") go to another authority when the
 * document names one and never names the CNDP itself: Ireland's DPC in a story about Facebook.
 */
function genericFormsToNamedAuthority(found: Found[]): Found[] {
  const specific = (f: Found) => !f.info?.generic;
  for (const f of found) {
    if (!f.info?.generic) continue;
    if (found.some((o) => o.id === f.id && specific(o))) continue;
    const other = found.find((o) => o.id !== f.id && specific(o) && roleOf(o) === 'regulator');
    if (other) {
      f.id = other.id;
      f.name = other.name;
    }
  }
  return found;
}

const CNDP_LAW = /(?<![\d.])(?:09[.\-/]08|08[.\-/]09)(?!\.?\d)/;
// "قررت اللجنة،", "la Commission rappelle": the Commission without a name or a complement after it.
const BARE_COMMISSION =
  /(?<![\p{L}])(?:[وف]?(?:ال|لل)لجنه|la commission|the commission)(?![\p{L}])(?!\s+(?:ال|ل|de |des |du |d'|pour |of |for |on |\p{L}+(?:ienne|aire|ale|elle|ean|ary|ique)\b))/gu;

/**
 * The CNDP's own communiqués call it "اللجنة" or "la Commission" throughout, without ever naming it.
 * Read so when the text applies law 09-08 (the CNDP's law), names no regulator and says "the
 * Commission" bare at least twice: a parliamentary or sport commission carries a complement.
 */
function selfReferences(ctx: DocContext): Found[] {
  const text = ctx.norm.text;
  if (!CNDP_LAW.test(text)) return [];
  const found: Found[] = [];
  BARE_COMMISSION.lastIndex = 0;
  for (let m = BARE_COMMISSION.exec(text); m !== null; m = BARE_COMMISSION.exec(text)) {
    const nStart = m.index + (/^[وف]/.test(m[0]) ? 1 : 0);
    const oStart = origIndex(ctx, nStart);
    const oEnd = origIndex(ctx, m.index + m[0].length);
    // "la commission particulière" is lowercase in French: only the capitalized Commission names one.
    if (!ARABIC.test(m[0]) && !/\bC/.test(ctx.text.slice(oStart, oEnd))) continue;
    found.push({
      id: 'org:cndp',
      name: displayName('org:cndp', 'CNDP'),
      known: true,
      span: spanOf(ctx, oStart, oEnd, 0.5),
    });
  }
  return found.length >= 2 ? found : [];
}

// ---------------------------------------------------------------------------------------------
// Organizations outside the gazetteer.

// "la société X", "du groupe X", "le promoteur immobilier X", "l'opérateur de centres d'appels X": an
// article and a noun for a company or a body; lowercase words describing it may follow (`descriptorEnds`).
const FR_TRIGGER = new RegExp(
  '(?<![\\p{L}])(?:(?:la|une|cette|de la|a la|sa|leur)\\s+(?:societe|firme|banque|start-?up|plateforme|enseigne|compagnie|filiale|fintech|holding|mutuelle|association|cooperative|federation|clinique|chaine|ong)|' +
    '(?:le|un|ce|du|au|son|leur)\\s+(?:groupe|prestataire|cabinet|promoteur|fonds|syndicat|collectif|reseau|sous-traitant|distributeur|assureur|operateur|transporteur|editeur|constructeur|fournisseur)|' +
    "(?:l'|d'|de l')(?:entreprise|operateur|application|etablissement|enseigne|assureur|editeur|association|agence|union|organisation|ong)|" +
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

// Group 1 is the article: "الشركة" is "the company" already named, never followed by a bare Arabic name.
const AR_TRIGGER = /(?<![\p{L}])[وف]?[بل]?(ال)?(شركه|مجموعه|مقاوله|موسسه|بنك|مصرف|مصحه|وكاله|جمعيه|منصه|تطبيق)(?=\s)/gu;
/** Triggers after which a name written in Arabic letters is read ("شركة أطلس هورايزن"). */
const AR_BARE_TRIGGERS = new Set(['شركه', 'مجموعه', 'مقاوله', 'موسسه', 'بنك', 'مصرف', 'مصحه', 'وكاله', 'جمعيه']);

// A Latin proper name: capitalized or all-caps tokens, "&" and short joiners inside.
// ("Vent d'Oc Énergies": an elided "d'" glued to a capitalized word stays inside the name.)
const LATIN_NAME =
  /\s*((?:\p{Lu}[\p{L}\p{N}&'’-]*|\d+[\p{L}][\p{L}\p{N}-]*)(?:[ \t]+(?:(?:d['’])?\p{Lu}[\p{L}\p{N}&'’-]*|&))*)/uy;
const QUOTED_NAME = /\s*[«"“]\s*([^»"”\n]{2,40}?)\s*[»"”]/uy;

const NOT_NAMES = new Set([
  'maroc',
  'marocaine',
  'marocain',
  'etat',
  'le',
  'la',
  'les',
  'un',
  'une',
  'rgpd',
  'gdpr',
  // Legal forms alone ("Meta Platforms, Inc.").
  'inc',
  'ltd',
  'corp',
  'llc',
  'plc',
  // "given the company until February 28", "la société lundi": dates are not names.
  ...'january february march april may june july august september october november december'.split(' '),
  ...'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre'.split(' '),
  ...'monday tuesday wednesday thursday friday saturday sunday'.split(' '),
  ...'lundi mardi mercredi jeudi vendredi samedi dimanche'.split(' '),
]);

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

// All-caps words that are not organizations.
const ACRONYM_STOP = new Set([
  'PDF',
  'URL',
  'CCTV',
  'RGPD',
  'GDPR',
  'PIB',
  'TVA',
  'SMS',
  'DH',
  'DHS',
  'MAD',
  'USD',
  'EUR',
  'HTML',
  'IA',
  'AI',
  'COVID',
  'ADN',
  'DNA',
  'CIN',
  'CNIE',
  'FAQ',
  'PME',
  'TPE',
  'VIP',
  'TV',
  'GPS',
  'IP',
  'SIM',
  'OK',
  'CEO',
  'PDG',
  'DG',
  'UTC',
  'GMT',
  'API',
  'APP',
  'WEB',
  'NB',
  'PS',
  'AFP',
  'BTS',
  'BAC',
  'QR',
  'ID',
  'IT',
  'RSS',
  'VPN',
  'USB',
  'CV',
  'RH',
  'HT',
  'TTC',
  'AM',
  'PM',
  'MMS',
  'KYC',
  'FR',
  'AR',
  'EN',
  'MA',
  'USA',
  'UK',
  'UAE',
  'EAU',
  'RDC',
  'ONG',
  'NGO',
  'MRE',
  'TIC',
  'NTIC',
  'BO',
  'JO',
  'PV',
  'ISO',
  'HTTP',
  'HTTPS',
  'WWW',
  'OTP',
  'NFC',
  'RFID',
  'DPO',
  'RSSI',
  'CNI',
  'PIN',
  'IBAN',
  'RIB',
  'SA',
  'SARL',
  'SAS',
  'SNC',
  'LTD',
  'INC',
  // Currencies ("francs CFA") and the opt-out keyword of text messages.
  'CFA',
  'FCFA',
  'XOF',
  'XAF',
  'STOP',
  // Currencies of the foreign stories, technical and job abbreviations read as acronyms.
  'KES',
  'NGN',
  'TND',
  'DZD',
  'EGP',
  'GBP',
  'CAD',
  'CHF',
  'TRY',
  'SAR',
  'AED',
  'LLM',
  'LLMS',
  'GPT',
  'DRH',
  'AMO',
  'GAFAM',
  // "Assemblée générale (AG)": a meeting.
  'AG',
]);
const ROMAN = /^(?=[IVXLC]+$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

// ---------------------------------------------------------------------------------------------
// Names written in Arabic letters after a trigger ("شركة أطلس هورايزن للتأمين"). Arabic has no
// capitals, so a name is read word by word and ends at the first word that is not a name: a particle,
// a verb, a common noun, or a descriptor (sector, nationality), which is kept in the displayed name.
// Everything below is in normalized form (normalize.ts).

/** Particles, prepositions, pronouns and auxiliaries: a name never runs through them. */
const AR_STOP = new Set(
  (
    'في من على علي عن الى الي مع بعد قبل منذ خلال حول ضد عبر لدي حتي التي الذي الذين اللتين اللذين ان لان ' +
    'كما حيث بسبب رغم بخصوص بشان وفق حسب نحو عند اذ اذا لم لن قد تم كان كانت يكون تكون هو هي هم هذا هذه ' +
    'ذلك تلك هناك هنا ما لا ليس ليست او ام ثم لكن غير بين تجاه اثر عقب جراء بينما دون سوي مثل اي كل بعض ' +
    'جميع عده عدد احد احدي نفس ذات باسم بواسطه لاجل التابعه التابع المتخصصه المتخصص المكلفه المعنيه ' +
    'المعني المذكوره المذكور المسماه تدعي يدعي تسمي يسمي'
  ).split(' '),
);

/** Common nouns and adjectives that follow "شركة" or "مجموعة" in ordinary sentences. */
const AR_COMMON = new Set(
  (
    'غرامه غرامات انذار انذارا انذارات شكايه شكايات شكوي عقوبه عقوبات مخالفه مخالفات قرار قرارا قرارات ' +
    'مهله تحقيق تحقيقات مراقبه تفتيش رساله بلاغ بيان بيانات معطيات حمايه مكافحه حقوق دفاع زبناء زبائن عملاء ' +
    'مستهلك مستهلكين مواطنين مكالمات مراكز مركز نداء اتصال خاصه خاص عامه عام كبري كبيره كبير صغيره صغير ' +
    'اجنبيه اجنبي وطنيه وطني دوليه دولي عالميه عالمي مغربيه مغربي عربي ناشئه متخصصه متخصص تابعه تابع اخري ' +
    'اخر واحده عموميه عمومي حقوقيه مدنيه محليه جهويه جديده جديد رائده كبريات عمل اشخاص افراد شركات ' +
    'صحفيين مجهوله معروفه شهيره سابقه حاليه مختلطه مساهمه قابضه فرعيه طيران توصيل حراسه امن برمجيات ' +
    'بناء اشغال تسويق اشهار اعلانات تجاره تغذيه محاماه تدقيق اسكان قانون مدونه مشروع برنامج ملف قضيه ' +
    'مجال قطاع سوق موقع تطبيق منصه اعلن اكد قال نفي رفض قرر قام تلقي ارسل اصدر اوضحت اكدت اعلنت ' +
    'مبلغ مبالغ مليون ملايين مليار الف درهم دراهم حوالي يوم امس اليوم غدا الاسبوع الشهر السنه العام ' +
    'الماضي الماضيه الجاري الحالي الحاليه المقبل المقبله الاخير الاخيره موخرا مجددا ايضا كذلك فقط ' +
    'العامله العامل المتواجده الكاينه الكاين الموجوده الموجود المختصه المتهمه المخالفه ' +
    // Trades a company is described by ("شركة مناولة", "شركة حراسة").
    'مناوله وساطه نظافه صيانه توظيف تكوين طباعه تنظيف'
  ).split(' '),
);

const AR_WORD = /[ \t]+([\u0621-\u064a]+)(?![\u0621-\u064a])/y;
const AR_TRAILING_MARKS = /[\u064b-\u065f\u0670\u0640]/;

/** A verb by its shape: present "تعمل", "يملك" (no long vowel after the prefix); past "قامت", "فرضت". */
function looksLikeVerb(word: string): boolean {
  // A present verb of a weak-final root: "تعنى" (is concerned with), "يسعى", "تبني".
  if (/^[تي][^اوي\s]{2}[يا]$/u.test(word)) return true;
  // An attached object pronoun does not change the verb: "يملكها" is "يملك".
  const w = word.length >= 6 ? word.replace(/(?:هما|ها|هم|هن|ه)$/, '') : word;
  if (/^[تي]/.test(w) && w.length >= 4 && w.length <= 6 && !/[اوي]/.test(w.slice(1))) return true;
  if (w.endsWith('ت') && w.length >= 3 && w.length <= 6) {
    const stem = w.slice(0, -1);
    return !/[اوي]/.test(stem.slice(2)) && !/[وي]/.test(stem.slice(0, 2));
  }
  return false;
}

/** Derived-verb participles ("متعاقدة" contracted, "متخصصة", "متواجدة") describe; they do not name. */
function looksLikeParticiple(word: string): boolean {
  // Form III "مماثلة", "مشابهة" (similar), form X "مستقلة", form VII "منفصلة" describe; they do not name.
  if (/^م[\u0621-\u064a]ا[\u0621-\u064a]{2}ه$/u.test(word) || /^مست[\u0621-\u064a]{3,}$/u.test(word)) return true;
  return word.startsWith('مت') && word.length >= 5;
}

/** Moroccan cities written without the article: after "ب" (in) they end a name ("ابن بطوطة بطنجة"). */
const AR_CITIES = new Set(
  'طنجه مراكش فاس مكناس اكادير وجده تطوان سلا اسفي تازه خريبكه سطات ورزازات تماره برشيد بركان كلميم ازيلال'.split(' '),
);

function isNotName(w: string): boolean {
  return AR_STOP.has(w) || AR_COMMON.has(w) || looksLikeVerb(w) || looksLikeParticiple(w);
}

/**
 * The range (original offsets) of an Arabic name starting after normalized offset `nPos`, or null.
 * `masculine` triggers (بنك, مصرف) take masculine adjectives ("بنك فرنسي"), the others feminine.
 */
function readArabicName(ctx: DocContext, nPos: number, masculine: boolean): { start: number; end: number } | null {
  const text = ctx.norm.text;
  const words: Array<{ w: string; start: number; end: number }> = [];
  AR_WORD.lastIndex = nPos;
  for (let m = AR_WORD.exec(text); m !== null && words.length < 8; m = AR_WORD.exec(text)) {
    const w = m[1] ?? '';
    words.push({ w, start: m.index + m[0].length - w.length, end: m.index + m[0].length });
  }
  const first = words[0]?.w ?? '';
  // An adjective or a preposition right after the trigger: "شركة مغربية", "بنك أجنبي", "شركة لحماية".
  if (!masculine && first.length >= 5 && first.endsWith('يه')) return null;
  if (masculine && first.length >= 5 && first.endsWith('ي') && !/[اوي]/.test(first.slice(-2, -1))) return null;
  if (/^(?:بال|لل|كال|فال|وال)/.test(first)) return null;
  if (/^[لب]/.test(first) && (!/^.[اوي]/.test(first) || isNotName(first.slice(1)))) return null;
  if (isArabicSectorWord(first)) return null;

  let count = 0;
  let last = -1;
  let described = false;
  for (let i = 0; i < words.length && count < 4; ) {
    // Latin letters spelled out ("تي إل إس") are one name part, though "ال", "ان", "او" are also words.
    let run = i;
    while (run < words.length && isArabicLetterName(words[run]?.w ?? '')) run++;
    if (run - i >= 2) {
      last = run - 1;
      i = run;
      count++;
      continue;
    }
    const w = words[i]?.w ?? '';
    if (isNotName(w)) break;
    if (count > 0 && (isArabicSectorWord(w) || isArabicNisba(w) || w === 'المغرب' || w === 'بالمغرب')) {
      last = i;
      described = isArabicSectorWord(w);
      break;
    }
    if (count > 0) {
      if (/^(?:بال|لل|كال|فال|وال)/.test(w) || (w.startsWith('و') && w.length >= 3)) break;
      if (w.startsWith('ب') && AR_CITIES.has(w.slice(1))) break;
      if (/^[لب]/.test(w) && isNotName(w.slice(1))) break;
    }
    last = i;
    i++;
    count++;
  }
  if (count === 0 || last < 0) return null;
  // "شركة الاتصالات", "مجموعة القانون الجنائي": a definite first word is a common noun unless a sector
  // descriptor shows a company name ("شركة الأمل للتأمين").
  if (first.startsWith('ال') && !described) return null;
  const startWord = words[0];
  const endWord = words[last];
  if (!startWord || !endWord) return null;
  const start = origIndex(ctx, startWord.start);
  let end = origIndex(ctx, endWord.end - 1) + 1;
  while (end < ctx.text.length && AR_TRAILING_MARKS.test(ctx.text[end] ?? '')) end++;
  return { start, end };
}

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
  /,[ \t]+(?:a|an|une?|la|le)[ \t]+(?:[\p{Ll}-]+[ \t]+){0,3}(?:company|firm|operator|developer|group|startup|chain|retailer|insurer|lender|agency|bank|institution|société|entreprise|groupe|opérateur|promoteur|filiale|start-up|prestataire|enseigne|banque|assureur|agence|régie|établissement|institution)(?![\p{L}])/gu;
const NAME_BEFORE = /(?<![\p{L}\p{N}])(\p{Lu}[\p{L}\p{N}&'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{N}&'’-]*){0,3})$/u;

// "a appris Le360", "Joint par TelQuel", "حسب ما علمه «Le360»", "قال لـ«كود»", "بلاغ اطلع X على
// نسخة منه" (a communiqué X saw a copy of): an
// outlet credited as the source of the story, not a party to it; and the outlet's name after the
// title ("Notes en ligne – TelQuel").
const CREDIT_BEFORE =
  /(?<![\p{L}])(?:(?:a|ont|avons) appris|(?:joint|jointe|contacte|contactee|sollicite|sollicitee|interroge|interrogee|cite|citee|rapporte|rapportee|publie|publiee)s? par|confie a|declare a|indique a|precise a|reported by|quoted by|علم(?:ه|ت|ها)?|اورد(?:ه|ت|ته)?|نشر(?:ه|ت|ته)|نقلا عن|اطلع(?:ت)?|توصل(?:ت)?|ل)\s*[«"“]?\s*$/u;

function isSourceCredit(text: string, start: number, end: number): boolean {
  const before = normalizeForMatch(text.slice(Math.max(0, start - 30), start));
  if (
    CREDIT_BEFORE.test(before) &&
    (!/ل\s*[«"“]?\s*$/.test(before) || /لـ\s*[«"“]?\s*$/.test(text.slice(Math.max(0, start - 4), start)))
  ) {
    return true;
  }
  return /[–—|]\s*$/.test(text.slice(Math.max(0, start - 3), start)) && /^\s*(?:\n|$)/.test(text.slice(end, end + 2));
}

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
// "Mulla Pride Ltd", "Atlas Froid SARL": a legal form after capitalized words makes a company name.
const NAME_THEN_LEGAL_FORM =
  /(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{N}&'’-]*(?:[ \t]+\p{Lu}[\p{L}\p{N}&'’-]*){0,3},?[ \t]+(?:Ltd|Limited|Inc|LLC|PLC|GmbH|SARL|SARLAU|SAS)(?![\p{L}])\.?/gu;
// "en partenariat avec le Club des avocats", "l'Ordre des avocats de Rabat": a capitalized head noun
// mid-sentence, after an article, with its lowercase complement.
const HEAD_WITH_COMPLEMENT =
  /(?<=(?:^|[\s(])(?:le|la|les|l'|l’|du|au|aux|des)[ \t]?)(?:Club|Association|Fondation|Fédération|Observatoire|Collectif|Syndicat|Ordre|Ligue|Amicale|Coalition)[ \t]+(?:des|du|de la|de l'|de l’|de|d'|d’|pour la|pour le|pour les|pour)[ \t]?\p{L}[\p{L}'’-]*(?:[ \t]+(?:de la|de l'|des|du|de|d'|et)[ \t]?\p{L}[\p{L}'’-]*){0,3}/gu;
// Not "الجامعة" (the university already named, or a federation: "الجامعة الملكية").
const AR_HEAD = /(?<![\p{L}])[وف]?[بل]?(جامعه|كليه|معهد|مستشفي)(?=\s)/gu;
const INTERCAPPED =
  /(?<![\p{L}\p{N}])((?!Mc|Mac)\p{Lu}\p{Ll}+\p{Lu}[\p{L}\p{N}]*(?:[ \t]+\p{Lu}[\p{L}\p{N}&'’-]*){0,2})(?![\p{L}\p{N}])/gu;

function findUnknown(ctx: DocContext, known: Found[], read: Array<[number, number]>): Found[] {
  const out: Found[] = [];
  const taken: Array<[number, number]> = [...read, ...known.map((f): [number, number] => [f.span.start, f.span.end])];
  const knownKeys = GAZ.byKey;
  // The identity comes from another spelling when there is one: the full name of an acronym defined
  // earlier, the Latin name in brackets after an Arabic transliteration.
  const push = (name: string, oStart: number, oEnd: number, confidence: number, identity?: string) => {
    const cleaned = cleanName(name);
    const n = normalizeForMatch(cleaned);
    if (cleaned.length < 2 || NOT_NAMES.has(n) || !/\p{L}/u.test(cleaned)) return;
    // "GAMMAs", "GAFAMs": a plural acronym names a class of companies.
    if (/^\p{Lu}{2,}s$/u.test(cleaned)) return;
    if (overlaps(taken, oStart, oEnd) || isSourceCredit(ctx.text, oStart, oStart + cleaned.length)) return;
    const bracketed = bracketedLatin(oStart + cleaned.length);
    const named = identity ?? definedAcronyms.get(cleaned) ?? bracketed?.name ?? cleaned;
    const nn = normalizeForMatch(named);
    const info = (knownKeys.get(keyOf(nn)) ?? knownKeys.get(keyOf(nn.replace(LEGAL_SUFFIX, ''))))?.[0];
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

  const readNameAt = (oPos: number): { name: string; start: number } | null => {
    for (const re of [QUOTED_NAME, LATIN_NAME]) {
      re.lastIndex = oPos;
      const m = re.exec(ctx.text);
      if (m?.[1]) return { name: m[1], start: m.index + m[0].indexOf(m[1]) };
    }
    return null;
  };

  // "Syndicat national des chauffeurs routiers (SNCR)": the full name, and the acronym stands for it.
  const definedAcronyms = new Map<string, string>();
  const bracketedLatin = (oEnd: number): { name: string; start: number } | undefined => {
    // «سيغما» (Sigma Relation Client): the Latin spelling in brackets names the same company.
    const m = /^[»"”]?\s*\(\s*(\p{Lu}[\p{L}\p{N}&'’. -]{1,60}?)\s*\)/u.exec(ctx.text.slice(oEnd, oEnd + 70));
    if (!m?.[1] || !/[\u0600-\u06ff]/.test(ctx.text.slice(Math.max(0, oEnd - 2), oEnd))) return undefined;
    return { name: m[1], start: oEnd + m[0].indexOf(m[1]) };
  };
  ACRONYM_DEFINITION.lastIndex = 0;
  for (let m = ACRONYM_DEFINITION.exec(ctx.text); m !== null; m = ACRONYM_DEFINITION.exec(ctx.text)) {
    const acronym = m[1] ?? '';
    if (ACRONYM_STOP.has(acronym)) continue;
    const words = WORDS_BEFORE.exec(ctx.text.slice(Math.max(0, m.index - 160), m.index))?.[1] ?? '';
    const full = expansionOf(words, acronym);
    if (!full) continue;
    const start = m.index - full.length;
    if (knownKeys.has(keyOf(normalizeForMatch(full))) || knownKeys.has(keyOf(normalizeForMatch(acronym)))) continue;
    if (overlaps(taken, start, start + full.length)) continue;
    definedAcronyms.set(acronym, full);
    push(full, start, start + full.length, 0.75);
  }

  // Courts outside the gazetteer: "le tribunal de première instance de Casablanca".
  COURT.lastIndex = 0;
  for (let m = COURT.exec(ctx.norm.text); m !== null; m = COURT.exec(ctx.norm.text)) {
    const oStart = origIndex(ctx, m.index);
    const city = CITY.exec(ctx.text.slice(origIndex(ctx, m.index + m[0].length)));
    if (!city) continue;
    const oEnd = origIndex(ctx, m.index + m[0].length) + city[0].length;
    push(ctx.text.slice(oStart, oEnd), oStart, oEnd, 0.7);
  }

  // Courts named in English or Arabic take the French name's identity: "Administrative Court of Rabat",
  // "المحكمة الإدارية بالرباط" and "tribunal administratif de Rabat" are one court.
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

  // "l'université Ibn Battouta", "Ibn Battouta University", "لجامعة ابن بطوطة": an institution named by
  // its head noun and a proper name. The head noun stays in the name, where the identity key reads it.
  if (ctx.language !== 'ar') {
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
        }
        push(name, start, start + name.length, 0.65);
      }
    }
  }
  AR_HEAD.lastIndex = 0;
  for (let m = AR_HEAD.exec(ctx.norm.text); m !== null; m = AR_HEAD.exec(ctx.norm.text)) {
    const head = m[1] ?? '';
    const ar = readArabicName(ctx, m.index + m[0].length, head === 'معهد' || head === 'مستشفي');
    if (!ar) continue;
    const start = origIndex(ctx, m.index + m[0].length - head.length);
    push(ctx.text.slice(start, ar.end), start, ar.end, 0.55);
  }

  if (ctx.language !== 'ar') {
    for (const re of [NAME_THEN_LEGAL_FORM, HEAD_WITH_COMPLEMENT]) {
      re.lastIndex = 0;
      for (let m = re.exec(ctx.text); m !== null; m = re.exec(ctx.text)) {
        const lead = /^(?:(?:The|A|An|In|At|For|By|From|To|Of)[ \t]+)+/.exec(m[0])?.[0] ?? '';
        const name = m[0].slice(lead.length).replace(/[ \t]+(?:de|du|des|d'|d’|et)$/u, '');
        push(name, m.index + lead.length, m.index + lead.length + name.length, 0.6);
      }
    }
  }

  // "AdNova Media", "SecuVision Maroc": a capital inside a word is a brand's, not a person's or a place's.
  if (ctx.language !== 'ar') {
    INTERCAPPED.lastIndex = 0;
    for (let m = INTERCAPPED.exec(ctx.text); m !== null; m = INTERCAPPED.exec(ctx.text)) {
      const name = m[1] ?? '';
      push(name, m.index, m.index + name.length, 0.6);
    }
  }

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
        found = readNameAt(at);
        if (found) break;
      }
      if (!found) {
        const trigger = m[2] ?? '';
        if (m[1] || !AR_BARE_TRIGGERS.has(trigger)) continue;
        const ar = readArabicName(ctx, nEnd, trigger === 'بنك' || trigger === 'مصرف');
        if (ar) push(ctx.text.slice(ar.start, ar.end), ar.start, ar.end, 0.55);
        continue;
      }
      const name = cleanName(found.name);
      // "la société Maroc Telecom" is found by the gazetteer; skip what overlaps it.
      push(name, found.start, found.start + name.length, 0.7);
    }
  }

  // "TransMaghreb Logistique, a trucking company", "Atlas Dépannage, une société de…": an appositive.
  APPOSITIVE.lastIndex = 0;
  for (let m = APPOSITIVE.exec(ctx.text); m !== null; m = APPOSITIVE.exec(ctx.text)) {
    const name = NAME_BEFORE.exec(ctx.text.slice(Math.max(0, m.index - 80), m.index))?.[1] ?? '';
    if (!name || (name.split(/\s+/).length < 2 && !/\p{Lu}.*\p{Lu}/u.test(name))) continue;
    push(name, m.index - name.length, m.index, 0.6);
  }

  // Acronyms in capitals (and, in Arabic text, any Latin proper name): organizations more often than not.
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
  return out;
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

export interface OrganizationsResult {
  organizations: OrganizationEntity[];
  /** Original ranges covered by organization names, so event and law finders can skip them. */
  ranges: Array<[number, number]>;
}

export function findOrganizations(ctx: DocContext): OrganizationsResult {
  const { found: known, read } = findKnown(ctx);
  const unknown = findUnknown(ctx, known, read);
  const byId = new Map<string, OrganizationEntity>();
  const ranges: Array<[number, number]> = [];
  for (const f of [...known, ...unknown].sort((a, b) => a.span.start - b.span.start)) {
    ranges.push([f.span.start, f.span.end]);
    const existing = byId.get(f.id);
    if (existing) existing.mentions.push(f.span);
    else byId.set(f.id, { id: f.id, name: f.name, known: f.known, mentions: [f.span] });
  }
  return { organizations: [...byId.values()], ranges };
}
