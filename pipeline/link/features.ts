// What linking looks at in one document. Language-independent features come first (gazetteer ids of
// the subject organizations, law and deliberation ids, typed and dated events, time) because French
// and Arabic coverage of one matter share those and almost no words; the token set of title + lead
// only helps between documents of the same language.
import { findDates } from '../dates/index.ts';
import {
  consonantSkeleton,
  describedSkeleton,
  extractEntities,
  type OrgRole,
  orgRole,
  statedSector,
} from '../entities/index.ts';
import { normalizeForMatch } from '../normalize.ts';
import { detectTopics } from '../topics.ts';
import type { EventType, Lang, OrganizationEntity, UnderstoodDocument } from '../types.ts';
import { conceptsOf } from './concepts.ts';
import { storyDetails } from './details.ts';

export interface LinkEvent {
  type: EventType;
  date: string | null;
}

export interface LinkFeatures {
  documentId: string;
  /** Canonical id of the near-duplicate cluster this document belongs to, if any. */
  duplicateOf: string | null;
  relevant: boolean;
  language: Lang;
  /**
   * YYYY-MM-DD: the publication date, stated or read from the text; null when unknown — never the
   * time the page was fetched, which would put an old matter's reprint in another year.
   */
  date: string | null;
  /** Subject organizations → weight in (0, 1], 1 for the most prominent one. Regulators excluded. */
  subjects: Record<string, number>;
  /** Every organization named, regulators excluded, subject or not (for secondary mentions). */
  orgIds: string[];
  /**
   * Consonant skeletons of organizations outside the gazetteer (`org:x-…` ids differ between the
   * French and the Arabic spelling of one company; their skeletons nearly agree).
   */
  orgKeys: Record<string, string>;
  /** The business line those names state (`statedSector`): sister companies share a skeleton. */
  orgSectors?: Record<string, string>;
  /** Data-protection authorities named (CNDP, a foreign DPA). */
  regulatorIds: string[];
  /** Law ids → specificity weight (a deliberation pins a matter, the base law 09-08 does not). */
  laws: Record<string, number>;
  events: LinkEvent[];
  /** Normalized content tokens of title + lead, deduplicated, capped. */
  tokens: string[];
  /** The title's own tokens: a headline names the matter more densely than the body. */
  titleTokens: string[];
  /** The text points back to an earlier step of a matter (extension, "suite à", تمديد...). */
  refersBack: boolean;
  /** Moroccan cities named (`details.ts`); optional in features stored before they existed. */
  places?: string[];
  /** Consonant skeletons of particle-led names (Ibn …, Sidi …, Moulay …). */
  names?: string[];
  /** Figures of 100 and more reported (counts, amounts), as integers. */
  figures?: number[];
  /** What the matter is about (facial recognition, a leak...), most mentioned first, at most two. */
  topics?: string[];
  /** Full dates (day, month and year) the text mentions: the days the story tells of. */
  days?: string[];
  /** Thesaurus concepts of title + lead (`concepts.ts`): the words that cross languages. */
  concepts?: string[];
  /**
   * Rarity of each term in the archive (`termWeights`), set by the caller at scoring time and
   * never stored: without it, every word counts the same.
   */
  termWeights?: Record<string, number>;
}

export interface LinkFeatureOptions {
  duplicateOf?: string | null;
  /** Organization ids that are data-protection authorities; see `isRegulatorId` for the default. */
  regulatorIds?: ReadonlySet<string>;
}

// Who an organization is in a matter comes from the gazetteer's roles: a data-protection authority
// is the regulator (Morocco's CNDP in every document, a foreign one a counterpart or another
// country's matter), and the machinery around a matter — prosecutors, courts, police, the press
// that broke the story, associations that complain in matter after matter, the parliament where
// a question is asked — is never what a matter is about. Organizations outside the gazetteer
// (`org:x-…`) are only known by their name.
const REGULATOR_NAME =
  /protection des donn[eé]es|حماية المعطيات|data protection (authority|commission)|informatique et des libert/i;
const BYSTANDER_ROLES: ReadonlySet<OrgRole> = new Set([
  'outlet',
  'court',
  'prosecutor',
  'police',
  'advocacy',
  'legislature',
]);
const BYSTANDER_NAME =
  /parquet|procureur|minist[eè]re public|tribunal|cour d'appel|police judiciaire|النيابة|المحكمة|وكيل الملك|الوكيل العام|الشرطة القضائية|prosecutor|court|consommat|consumer|المستهلك|droits de l'homme|human rights|حقوق الانسان|حقوق الإنسان|association|جمعية|جمعيه/i;

/** The authority whose record this is: named in nearly every document, it tells no matter apart. */
export const HOME_REGULATOR = 'org:cndp';

export function isRegulatorId(id: string, name = ''): boolean {
  const role = orgRole(id);
  if (role !== null) return role === 'regulator';
  return id.startsWith('org:x-') && REGULATOR_NAME.test(name);
}

export function isProceduralId(id: string, name = ''): boolean {
  const role = orgRole(id);
  if (role !== null) return BYSTANDER_ROLES.has(role);
  return id.startsWith('org:x-') && BYSTANDER_NAME.test(name);
}

/** The base data-protection law is cited by nearly every document: it identifies no matter. */
const BASE_LAW = /^ma-law-09-08$/;

export function lawWeight(id: string, kind: string): number {
  if (kind === 'deliberation' || /deliberation/i.test(id)) return 1;
  if (BASE_LAW.test(id)) return 0.05;
  if (kind === 'article' || kind === 'chapter') return 0.45;
  if (kind === 'decree' || kind === 'dahir' || kind === 'code') return 0.35;
  return 0.25;
}

// Words that point back to an earlier step of the same matter. Normalized form (no accents, Arabic
// letter variants unified) because they are matched on `normalizeForMatch` output.
const REFER_BACK = [
  'prorog',
  'prolong',
  'suite a ',
  'faisant suite',
  'donnant suite',
  'dans le prolongement',
  'a la suite d',
  'pour rappel',
  'la cndp avait',
  'la commission avait',
  'وكانت اللجنه',
  'سبق للجنه',
  'اللجنه قد',
  'delai supplementaire',
  'تمديد',
  'مددت',
  'يمدد',
  'علي اثر',
  'تبعا ل',
  'مهله اضافيه',
  'extension',
  'extended',
  'follow-up',
  // An earlier step recalled: "un an après sa mise en demeure", "a year after ordering", "بعد سنة".
  'un an apres',
  'apres sa mise en demeure',
  'deja mis en demeure',
  'a year after',
  'months after',
  'had ordered',
  'had warned',
  'بعد سنه',
  'سبق ان',
  'سبق لها',
];

const STOPWORDS = new Set(
  (
    'les des une dans pour par sur avec que qui est sont aux ces cette son ses leur leurs plus pas ont ete elle ' +
    'avoir etre fait selon ainsi apres avant entre sans sous tout tous toute toutes comme mais donc alors lors ' +
    'cndp commission nationale controle protection donnees caractere personnel personnelles maroc marocain ' +
    'marocaine loi article societe the and for with this that from have has was were will its their about ' +
    'data personal morocco moroccan authority ' +
    'في من على الى عن مع هذه هذا التي الذي ذلك تلك كان كانت بين بعد قبل حول عبر ان او ثم لها له اللجنه الوطنيه ' +
    'لمراقبه حمايه المعطيات ذات الطابع الشخصي الشخصيه المغرب القانون رقم شركه'
  ).split(/\s+/),
);

/** Tokens of a title + lead: normalized, stop words dropped, light prefix/suffix trimming. */
export function contentTokens(text: string, cap = 48): string[] {
  const words = normalizeForMatch(text).match(/[\p{L}\p{N}]+/gu) ?? [];
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of words) {
    let w = raw;
    if (/^[\u0600-\u06ff]/.test(w)) {
      // Arabic: the article and the common proclitics carry no meaning for matching.
      w = w.replace(/^(وال|بال|فال|كال|لل|ال)/, '');
      if (w.length < 3) continue;
      w = w.slice(0, 6);
    } else {
      if (w.length < 4 || /^\d+$/.test(w)) continue;
      // A crude French/English stem: plural and common endings say nothing about the matter.
      w = w.replace(/(ements?|ations?|ment|ions?|eurs?|euses?|ees?|es|s)$/, '');
      if (w.length < 4) continue;
      w = w.slice(0, 7);
    }
    if (STOPWORDS.has(raw) || STOPWORDS.has(w) || seen.has(w)) continue;
    seen.add(w);
    out.push(w);
    if (out.length >= cap) break;
  }
  return out;
}

/**
 * Organizations the headline names and the text does not: an Arabic report puts "بنك الأندلس" in its
 * title and says "البنك" after. Entities are read from the text (their spans point into it), so the
 * headline is read here, for linking only.
 */
function headlineOnly(doc: UnderstoodDocument): OrganizationEntity[] {
  // Only when the text names no one it could be about: a headline spelling ("Dukkan+") of a company
  // the text names otherwise ("Dukkan Plus") would count it twice.
  if (
    !doc.title ||
    doc.entities.organizations.some((o) => !isRegulatorId(o.id, o.name) && !isProceduralId(o.id, o.name))
  )
    return [];
  const named = new Set(doc.entities.organizations.map((o) => o.id));
  const read = extractEntities({ text: doc.title, title: null, language: doc.language, publishedAt: null });
  return read.organizations.filter((o) => !named.has(o.id)).map((o) => ({ ...o, mentions: [] }));
}

/** The subject of a document is who it is about: named in the title, named early, named often. */
function organizationWeights(
  doc: UnderstoodDocument,
  organizations: readonly OrganizationEntity[],
  regulators: (id: string, name: string) => boolean,
) {
  const title = normalizeForMatch(doc.title ?? '');
  const length = Math.max(doc.text.length, 1);
  const raw = new Map<string, number>();
  const regulatorIds: string[] = [];
  const orgIds: string[] = [];
  for (const org of organizations) {
    if (regulators(org.id, org.name)) {
      if (!regulatorIds.includes(org.id)) regulatorIds.push(org.id);
      // Morocco's CNDP is in every matter; a foreign authority it signs with or writes beside is
      // what the matter is about, so it stays a candidate subject.
      if (org.id === HOME_REGULATOR) continue;
    }
    if (!orgIds.includes(org.id)) orgIds.push(org.id);
    if (isProceduralId(org.id, org.name)) continue;
    const mentions = org.mentions.length;
    const first = Math.min(...org.mentions.map((m) => m.start), length);
    const inTitle = title !== '' && title.includes(normalizeForMatch(org.name));
    const early = first / length < 0.5;
    const weight = Math.min(mentions, 4) + (inTitle ? 3 : 0) + (early ? 1 : 0);
    raw.set(org.id, (raw.get(org.id) ?? 0) + weight);
  }
  const max = Math.max(0, ...raw.values());
  const subjects: Record<string, number> = {};
  for (const [id, w] of raw) {
    const share = w / max;
    // A single passing mention late in the text (a "related stories" line) is not a subject.
    if (share >= 0.34 && w >= 1.5) subjects[id] = Math.round(share * 100) / 100;
  }
  return { subjects, regulatorIds, orgIds };
}

function mentionedDays(text: string): string[] {
  const days = findDates(text, { reference: null })
    .filter((d) => !d.relative && d.precision === 'day')
    .map((d) => d.date);
  return [...new Set(days)].slice(0, MAX_DETAILS);
}

/** Per document, enough names and figures for any story while keeping stored features small. */
const MAX_DETAILS = 16;

export function linkFeatures(doc: UnderstoodDocument, options: LinkFeatureOptions = {}): LinkFeatures {
  const regulators = options.regulatorIds
    ? (id: string, name: string) => options.regulatorIds?.has(id) === true || isRegulatorId(id, name)
    : isRegulatorId;
  const organizations = [...doc.entities.organizations, ...headlineOnly(doc)];
  const { subjects, regulatorIds, orgIds } = organizationWeights(doc, organizations, regulators);
  const orgKeys: Record<string, string> = {};
  const orgSectors: Record<string, string> = {};
  for (const org of organizations) {
    if (!org.id.startsWith('org:x-') || !orgIds.includes(org.id)) continue;
    // A name that is mostly a sector word ("Banque Oudaya", "بنك الوداية") keeps it, read in French.
    const bare = consonantSkeleton(org.name);
    const key = bare.length >= 3 ? bare : describedSkeleton(org.name);
    // Two consonants ("Wsel", "وصل") still tell one company from another next to other evidence;
    // blocking uses only keys of three or more (`blockingKeys`).
    if (key.length >= 2) orgKeys[org.id] = key;
    const sector = statedSector(org.name);
    if (sector) orgSectors[org.id] = sector;
  }
  const laws: Record<string, number> = {};
  for (const law of doc.entities.laws) {
    laws[law.id] = Math.max(laws[law.id] ?? 0, lawWeight(law.id, law.kind));
    // An article also cites its law (09-08 art. 43 and "la loi 09-08" are the same reference).
    if (law.parentId && laws[law.parentId] === undefined) laws[law.parentId] = lawWeight(law.parentId, 'law');
  }
  const events: LinkEvent[] = [];
  for (const e of doc.entities.events) {
    const date = e.date?.slice(0, 10) ?? null;
    if (!events.some((x) => x.type === e.type && x.date === date)) events.push({ type: e.type, date });
  }
  const lead = doc.text.slice(0, 700);
  // Words that spell an organization's name are already counted as that organization: as words
  // they would count the company twice and make two matters of one company look alike.
  const named = new Set(doc.entities.organizations.flatMap((o) => contentTokens(o.name)));
  const normalized = normalizeForMatch(doc.text.slice(0, 2500));
  const date = doc.publishedAt?.slice(0, 10) ?? null;
  // Details are read from the body too: the figure or the place may come in the third paragraph.
  const details = storyDetails(`${doc.title ?? ''}\n${doc.text.slice(0, 6000)}`, MAX_DETAILS);
  return {
    documentId: doc.id,
    duplicateOf: options.duplicateOf ?? null,
    relevant: doc.relevant,
    language: doc.language,
    date,
    subjects,
    orgIds,
    orgKeys,
    orgSectors,
    regulatorIds,
    laws,
    events,
    tokens: contentTokens(`${doc.title ?? ''} ${lead}`).filter((t) => !named.has(t)),
    titleTokens: contentTokens(doc.title ?? '', 12).filter((t) => !named.has(t)),
    refersBack: REFER_BACK.some((w) => normalized.includes(w)),
    ...details,
    topics: detectTopics(doc.text, doc.title).slice(0, 2),
    concepts: conceptsOf(`${doc.title ?? ''}\n${doc.text.slice(0, 2500)}`),
    days: mentionedDays(`${doc.title ?? ''}\n${doc.text.slice(0, 6000)}`),
  };
}
