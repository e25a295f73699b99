// Organizations the gazetteer knows: its names found in normalized text (org-names.ts), then read
// in context — the country that tells two authorities apart, the parent a product is named under, the
// bystanders (venues, funders, event hosts, the outlet a speaker talked to) left out.
import { normalizeForMatch } from '../normalize.ts';
import type { Span } from '../types.ts';
import { type DocContext, escapeRegExp, origIndex, spanOf } from './context.ts';
import { COUNTRIES, countriesIn } from './countries.ts';
import { GAZETTEER, gazetteerEntry } from './gazetteer.ts';
import { compileNames, findLongNames, keyOf, type NameInfo } from './org-names.ts';

const ARABIC = /[\u0600-\u06ff]/;
const GAZ = compileNames(GAZETTEER);

const FR_CNDP_CONTEXT = /debat public|النقاش العمومي|النقاش العام/;
// A generic anchored name followed by a complement names some other body ("la Commission nationale des droits...").
const ANCHOR_COMPLEMENT = /^\s*(?:de|du|des|d'|pour|of|for|on|ل\S+|لل\S+)\s/;

const ANCHORED_CONFIDENCE = 0.6;

export interface Found {
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

export interface KnownResult {
  found: Found[];
  /** Every gazetteer name read, kept or dropped as a bystander: the unknown rules must not re-read it. */
  read: Array<[number, number]>;
}

export function findKnown(ctx: DocContext): KnownResult {
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
  /(?:(?:finance|financee|finances|financees|cofinance|funded|financed) (?:par|by)|soutien financier d|avec le soutien d|grace au soutien d|with (?:the )?support (?:of|from)|بتمويل من|بدعم من|بدعم مالي من|ممول(?:ه)? من (?:قبل|طرف))\S*\s*(?:la |le |l'|les |the )?$|(?:en marge d|on the sidelines of|علي هامش)[^.\n؛]{0,50}$/u;
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

// "a appris Le360", "Joint par TelQuel", "حسب ما علمه «Le360»", "قال لـ«كود»", "بلاغ اطلع X على
// نسخة منه" (a communiqué X saw a copy of): an
// outlet credited as the source of the story, not a party to it; and the outlet's name after the
// title ("Notes en ligne – TelQuel").
const CREDIT_BEFORE =
  /(?<![\p{L}])(?:(?:a|ont|avons) appris|(?:joint|jointe|contacte|contactee|sollicite|sollicitee|interroge|interrogee|cite|citee|rapporte|rapportee|publie|publiee)s? par|confie a|declare a|indique a|precise a|reported by|quoted by|علم(?:ه|ت|ها)?|اورد(?:ه|ت|ته)?|نشر(?:ه|ت|ته)|نقلا عن|اطلع(?:ت)?|توصل(?:ت)?|ل)\s*[«"“]?\s*$/u;

export function isSourceCredit(text: string, start: number, end: number): boolean {
  const before = normalizeForMatch(text.slice(Math.max(0, start - 30), start));
  if (
    CREDIT_BEFORE.test(before) &&
    (!/ل\s*[«"“]?\s*$/.test(before) || /لـ\s*[«"“]?\s*$/.test(text.slice(Math.max(0, start - 4), start)))
  ) {
    return true;
  }
  return /[–—|]\s*$/.test(text.slice(Math.max(0, start - 3), start)) && /^\s*(?:\n|$)/.test(text.slice(end, end + 2));
}

/** The gazetteer entry a name spelled exactly so belongs to, for names read by the unknown rules. */
export function knownName(normalized: string): NameInfo | undefined {
  return GAZ.byKey.get(keyOf(normalized))?.[0];
}
