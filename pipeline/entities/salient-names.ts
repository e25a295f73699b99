// Names no trigger introduces. Real coverage names the company bare — "la CNDP met en demeure
// Banque Oudaya", "les clients de Dukkan Plus", «دكان بلس» — and a short report gives no "la société"
// to read it after. What marks a name then is salience: in Latin script, a capitalized run the
// report repeats (headline included) away from the start of a sentence; in Arabic, which has no
// capitals, a short quoted name the headline repeats, or one quoted after a noun for a business
// ("موقع التوظيف «…»", "نادي «…»"). Places, countries, people, months and institution words are not
// names of this kind: the gazetteer and the other finders read those.
import { normalizeForMatch } from '../normalize.ts';
import { CONCEPTS } from '../thesaurus/index.ts';
import { type DocContext, escapeRegExp, sentenceAt } from './context.ts';
import { COUNTRIES } from './countries.ts';
import { LATIN_CITY_NAMES } from './places.ts';

export interface NameCandidate {
  name: string;
  start: number;
  end: number;
}

// Capitalized words, with "du", "de la", "d'" between them ("Textiles du Boughaz", "Sporting Club
// du Bouregreg"); "+" and "&" inside a brand ("Dukkan+", "H&M").
const LATIN_RUN =
  /(?<![\p{L}\p{N}'’&+-])\p{Lu}[\p{L}\p{N}&'’+-]*(?:[ \t]+(?:(?:du|de|des|de la|d['’])[ \t]*)?\p{Lu}[\p{L}\p{N}&'’+-]*){0,3}/gu;

// Capitalized words that are not a company's name on their own: function words opening a
// headline's clause, honorifics, institution and office words (the gazetteer reads the institutions
// themselves), calendar words and the regulator's own acronym.
const NOT_A_NAME = new Set(
  (
    'le la les l un une des du de d au aux ce cet cette ces son sa ses leur leurs il elle ils elles on nous vous ' +
    'tout toute tous toutes plus moins tres deja ainsi enfin aussi encore voici ' +
    'selon pour par chez avec dans sur sous apres avant depuis lors entre mais et ou donc car ni si quand comme ' +
    'the a an of in on at by for from to with and or but as its it this that these those he she they we our ' +
    'm mme mlle me dr pr maitre mr mrs ms sir ' +
    'commission conseil comite autorite agence direction ministere ministre ministry minister gouvernement ' +
    'government parlement parliament etat state royaume kingdom roi king president presidente secretaire ' +
    'tribunal cour court parquet procureur prosecutor police justice loi law decret dahir article code ' +
    'internet web data national nationale public publique cndp ' +
    'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre ' +
    'january february march april may june july august september october november december ' +
    'lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday'
  ).split(' '),
);

const COUNTRY_WORDS = new Set(Object.values(COUNTRIES).flatMap((c) => [...c.latin, ...c.adjectives]));

function isPlaceOrCommonWord(word: string): boolean {
  return NOT_A_NAME.has(word) || LATIN_CITY_NAMES.has(word) || COUNTRY_WORDS.has(word);
}

// The field's own vocabulary (the thesaurus's French and English labels): "Intelligence Artificielle",
// "Données Personnelles" set off with capitals are still words, not a name.
const VOCABULARY = new Set(
  CONCEPTS.flatMap((c) => [...c.labels.fr, ...c.labels.en]).flatMap((label) =>
    normalizeForMatch(label)
      .split(/[\s'’-]+/)
      .filter((w) => w.length >= 3),
  ),
);

/** A run is a name when one of its words is (not every word an institution, a place, a month or a term). */
function namesSomething(run: string): boolean {
  const words = normalizeForMatch(run.replace(/['’]s$/u, ''))
    .split(/[\s'’-]+/)
    .filter((w) => w && !['du', 'de', 'des', 'la', 'd'].includes(w));
  return (
    words.length > 0 &&
    words.some((w) => w.length >= 3 && !isPlaceOrCommonWord(w) && !VOCABULARY.has(w)) &&
    !/^\d/.test(words[0] ?? '')
  );
}

/** "Chez Sakina Assurances", "Selon Dukkan Plus": a capitalized opener is not part of the name. */
function withoutLeadingWords(run: string): string {
  let rest = run;
  for (let m = /^(\S+)[ \t]+/u.exec(rest); m !== null; m = /^(\S+)[ \t]+/u.exec(rest)) {
    if (!NOT_A_NAME.has(normalizeForMatch(m[1] ?? ''))) break;
    rest = rest.slice(m[0].length);
  }
  return rest;
}

// "le Roi Mohammed VI", "M. Karim Tazi", "Pr Leila Benali": a title before, a regnal number after.
const TITLE_BEFORE =
  /(?<![\p{L}])(?:roi|king|reine|queen|prince|princesse|princess|sm|sar|m|mme|mlle|me|dr|pr|mr|mrs|ms|sieur|cheikh|sheikh|imam|president|presidente|ministre|minister|directeur|directrice|depute|deputee|avocat|avocate|maitre)\.?[ \t]*$/u;
const REGNAL = /[ \t](?:I{1,3}|IV|VI{0,3}|IX|X)$/u;

function isPersonsName(text: string, start: number, name: string): boolean {
  return REGNAL.test(name) || TITLE_BEFORE.test(normalizeForMatch(text.slice(Math.max(0, start - 20), start)));
}

/** English headlines capitalize every word: there, a capital says nothing. */
function isTitleCase(title: string): boolean {
  const words = title.split(/\s+/).filter((w) => /^\p{L}{4,}/u.test(w));
  if (words.length < 3) return false;
  return words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.6;
}

function isSentenceStart(ctx: DocContext, pos: number): boolean {
  return /^[\s"«“'(—–-]*$/u.test(ctx.text.slice(sentenceAt(ctx, pos).start, pos));
}

function occurrences(haystack: string, needle: string): number[] {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'gu');
  return [...haystack.matchAll(re)].map((m) => m.index ?? 0);
}

/**
 * How often the report names `name` or, for a longer name, its first word ("Sakina" for "Sakina
 * Assurances"): in the text, and in the headline but for its first word — which a French headline
 * capitalizes whatever it is, and an English one capitalizes with every other, so there only a name
 * of two words or more counts.
 */
function timesNamed(ctx: DocContext, name: string): number {
  const titleCase = isTitleCase(ctx.rawTitle);
  const count = (needle: string, words: number) =>
    occurrences(ctx.text, needle).length +
    (titleCase && words < 2 ? 0 : occurrences(ctx.rawTitle, needle).filter((at) => at > 0).length);
  const words = name.split(/\s+/);
  const head = words[0] ?? '';
  const byHead = words.length > 1 && head.length >= 4 && namesSomething(head) ? count(head, 1) : 0;
  return Math.max(count(name, words.length), byHead);
}

function inHeadline(ctx: DocContext, name: string): boolean {
  return occurrences(ctx.rawTitle, name).some((at) => at > 0);
}

/** Capitalized runs the report names twice or more, at least once inside a sentence (Latin script). */
function latinNames(ctx: DocContext): NameCandidate[] {
  const out: NameCandidate[] = [];
  const seen = new Set<string>();
  for (const m of ctx.text.matchAll(LATIN_RUN)) {
    const name = withoutLeadingWords(m[0].replace(/['’]s$/u, '').replace(/[-'’]+$/u, ''));
    if (seen.has(name) || !namesSomething(name) || isPersonsName(ctx.text, m.index ?? 0, name)) continue;
    seen.add(name);
    const inside = occurrences(ctx.text, name).filter((at) => !isSentenceStart(ctx, at));
    if (inside.length === 0 || timesNamed(ctx, name) < 2) continue;
    // One capitalized word repeated is as often a surname, a region or a common noun set off with a
    // capital; it is a name only when the headline names it too.
    if (!/\s/.test(name) && !inHeadline(ctx, name)) continue;
    for (const at of inside) out.push({ name, start: at, end: at + name.length });
  }
  return out;
}

// Nouns for a business or an institution a quoted name follows, with their clitics and article.
const AR_BUSINESS =
  /(?<![\p{L}])[وفبل]?(?:ال)?(?:موقع|نادي|مستشفي|مصنع|شركه|شركات|تطبيق|منصه|بنك|مجموعه|متجر|مصحه|مصحات|مدرسه|مدارس|وكاله|مركز|مختبر|فندق|مطعم|علامه|مقاوله|موسسه|مجمع|تعاونيه)$/u;
// An association, a union or an NGO quoted after its noun ("جمعية «…»") speaks about a matter; it is
// not what the matter is about, and read without its noun it would pass for a company.
const AR_ADVOCACY = /(?<![\p{L}])[وفبل]?(?:ال)?(?:جمعيه|هيئه|نقابه|رابطه|منظمه|ائتلاف|تنسيقيه|مرصد)$/u;
const QUOTED = /[«"“]\s*([^«»"“”\n]{2,40}?)\s*[»"”]/gu;
// Quoted speech, a slogan or a term, not a name: it carries function words.
const AR_FUNCTION_WORD =
  /(?<![\p{L}])(?:من|في|على|علي|الى|إلى|عن|ان|أن|لا|ما|هذا|هذه|كل|قد|لم|لن|هو|هي|ديال|واش)(?![\p{L}])/u;

/** Short quoted names an Arabic report puts in its headline or after a noun for a business. */
function quotedArabicNames(ctx: DocContext): NameCandidate[] {
  const titleQuoted = new Set([...ctx.rawTitle.matchAll(QUOTED)].map((m) => normalizeForMatch(m[1] ?? '')));
  const out: NameCandidate[] = [];
  const quoted = [...ctx.text.matchAll(QUOTED)];
  const count = new Map<string, number>();
  for (const m of quoted) {
    const key = normalizeForMatch(m[1] ?? '');
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  for (const m of quoted) {
    const name = (m[1] ?? '').trim();
    const words = name.split(/\s+/);
    if (words.length > 3 || AR_FUNCTION_WORD.test(name) || !/[\u0621-\u064a]/u.test(name)) continue;
    const key = normalizeForMatch(name);
    const before = normalizeForMatch(ctx.text.slice(Math.max(0, (m.index ?? 0) - 40), m.index ?? 0)).trimEnd();
    // The noun may come with an adjective or two: "مجموعة المصحات الخاصة «…»".
    const lead = before.split(/\s+/).slice(-3);
    if (AR_ADVOCACY.test(lead.at(-1) ?? '')) continue;
    const afterNoun = lead.some((w) => AR_BUSINESS.test(w));
    // A single quoted word is as often a term ("الكوكيز") as a name: only after a noun for a business.
    const salient = titleQuoted.has(key) || (count.get(key) ?? 0) >= 2;
    if (!(afterNoun || (salient && words.length > 1))) continue;
    const start = (m.index ?? 0) + m[0].indexOf(name);
    out.push({ name, start, end: start + name.length });
  }
  return out;
}

/** Names the report makes salient without introducing them; the caller drops what other finders read. */
export function salientNames(ctx: DocContext): NameCandidate[] {
  return ctx.language === 'ar' ? quotedArabicNames(ctx) : latinNames(ctx);
}
