// The gazetteer (and the known persons) as lookups, built once: phrases → entities, laws and
// concepts; law numbers in every spelling → laws; consonant skeletons → names; and, over them, the
// two questions the API asks of a single value: which entity a filter value names (`resolveFilterValue`)
// and which entities a few typed letters may mean (`suggestEntities`). Pure functions of the lookup.
import { PERSONS } from '../pipeline/entities/index.ts';
import { toLatinDigits } from '../pipeline/normalize.ts';
import { CONCEPTS, type Concept, createPhraseMatcher, type PhraseMatcher } from '../pipeline/thesaurus/index.ts';
import { ARABIC, MIN_SKELETON, skeletonKey, tokenize, tokenizeKey, usableName } from './query-words.ts';
import { type GazetteerEntry, lawNumberVariants } from './settings.ts';

export type TextLang = 'fr' | 'ar' | 'en';

export interface EntitySuggestion {
  id: string;
  kind: string;
  names: Record<TextLang, string[]>;
  /** The name that matched. */
  matched: string;
  /** 5 law number, 4 whole name, 3 name start, 2 inside a name or same skeleton, 1 skeleton start. */
  score: number;
}

/** What a phrase of a query can name. */
export type Unit =
  | { kind: 'concept'; concept: Concept }
  | { kind: 'entity'; entry: GazetteerEntry }
  | { kind: 'law'; entry: GazetteerEntry };

interface SuggestEntry {
  entry: GazetteerEntry;
  names: string[];
  /** Each name's word keys (`tokenizeKey`), index for index with `names`. */
  folded: string[];
  skeletons: string[];
}

export interface EntityLookup {
  byId: ReadonlyMap<string, GazetteerEntry>;
  /** "9-8" (the numbers of a law, leading zeros dropped) → the law's id. */
  lawByNumber: ReadonlyMap<string, string>;
  matcher: PhraseMatcher<Unit>;
  bySkeleton: ReadonlyMap<string, Unit>;
  suggestIndex: readonly SuggestEntry[];
}

const allNames = (names: { fr: readonly string[]; ar: readonly string[]; en: readonly string[] }) => [
  ...names.fr,
  ...names.ar,
  ...names.en,
];

/** The known persons as gazetteer entries, their names split by script. */
function personEntries(): GazetteerEntry[] {
  return PERSONS.map((p) => ({
    id: p.id,
    kind: 'person',
    names: {
      fr: p.names.filter((n) => !ARABIC.test(n)),
      ar: p.names.filter((n) => ARABIC.test(n)),
      en: p.names.filter((n) => !ARABIC.test(n)),
    },
  }));
}

/** Law numbers in every spelling → law ids ("09-08", "08.09" → ma-law-09-08). */
function lawNumbers(laws: readonly GazetteerEntry[]): Map<string, string> {
  const lawByNumber = new Map<string, string>();
  for (const law of laws) {
    for (const v of lawNumberVariants(law.id)) {
      const m = /^(\d+)[-.](\d+)$/.exec(v);
      if (m && !lawByNumber.has(`${Number(m[1])}-${Number(m[2])}`))
        lawByNumber.set(`${Number(m[1])}-${Number(m[2])}`, law.id);
    }
  }
  return lawByNumber;
}

function phraseMatcher(orgs: readonly GazetteerEntry[], laws: readonly GazetteerEntry[]): PhraseMatcher<Unit> {
  return createPhraseMatcher<Unit>(
    [
      ...orgs.map((entry) => ({
        value: { kind: 'entity', entry } as Unit,
        labels: allNames(entry.names).filter(usableName),
      })),
      // Law titles only: numbers are read by the understander's LAW_NUMBER, whatever the words around them.
      ...laws.map((entry) => ({
        value: { kind: 'law', entry } as Unit,
        labels: allNames(entry.names).filter((n) => !/\d/.test(n)),
      })),
      ...CONCEPTS.map((concept) => ({
        value: { kind: 'concept', concept } as Unit,
        labels: allNames(concept.labels),
      })),
    ],
    tokenize,
  );
}

/**
 * Skeletons of single- and multi-word names (organizations, persons, named concepts) for spellings
 * the lookup has never seen; the first name to claim a skeleton keeps it.
 */
function skeletons(orgs: readonly GazetteerEntry[]): Map<string, Unit> {
  const bySkeleton = new Map<string, Unit>();
  const add = (name: string, unit: Unit) => {
    const key = skeletonKey(name);
    if (key.length >= MIN_SKELETON && !bySkeleton.has(key)) bySkeleton.set(key, unit);
  };
  for (const entry of orgs) {
    for (const n of allNames(entry.names)) {
      if (usableName(n) && n.split(/\s+/).length <= 3) add(n, { kind: 'entity', entry });
    }
  }
  for (const concept of CONCEPTS) {
    if (concept.group !== 'named' && concept.group !== 'place') continue;
    for (const n of allNames(concept.labels)) add(n, { kind: 'concept', concept });
  }
  return bySkeleton;
}

export function buildEntityLookup(gazetteer: readonly GazetteerEntry[]): EntityLookup {
  const entries = [...gazetteer, ...personEntries()];
  const laws = gazetteer.filter((g) => g.kind === 'law');
  const orgs = entries.filter((g) => g.kind !== 'law');
  return {
    byId: new Map(entries.map((e) => [e.id, e])),
    lawByNumber: lawNumbers(laws),
    matcher: phraseMatcher(orgs, laws),
    bySkeleton: skeletons(orgs),
    suggestIndex: entries.map((entry) => {
      const names = allNames(entry.names);
      return {
        entry,
        names,
        folded: names.map((n) => tokenizeKey(n)),
        skeletons: names.map((n) => skeletonKey(n)),
      };
    }),
  };
}

/** "09-08", "loi 08.09", "القانون 09-08" → the law's id. */
export function lawOfNumber(lookup: EntityLookup, v: string): string | undefined {
  const m = /^\D{0,12}?(\d{1,3})\s*[-./]\s*(\d{2,4})$/.exec(toLatinDigits(v.trim()));
  return m ? lookup.lawByNumber.get(`${Number(m[1])}-${Number(m[2])}`) : undefined;
}

/** A filter value (id, name in any script, law number) → entity ids; [] when unknown. */
export function resolveFilterValue(lookup: EntityLookup, kind: 'org' | 'law', value: string): string[] {
  const { byId, matcher, bySkeleton } = lookup;
  const v = value.trim();
  if (byId.has(v)) {
    const e = byId.get(v) as GazetteerEntry;
    if ((kind === 'law') === (e.kind === 'law')) return [v];
  }
  // Article ids and ids the gazetteer does not list (org:x-… of unknown organizations) pass as given;
  // an article of a law given by number ("09-08/art-43") takes the law's id.
  const article = /^(.+)\/(art-[A-Za-z0-9._-]+)$/.exec(v);
  if (kind === 'law' && article) {
    const [law] = byId.has(article[1] as string)
      ? [article[1]]
      : resolveFilterValue(lookup, 'law', article[1] as string);
    return law ? [`${law}/${article[2]}`] : [];
  }
  if (kind === 'org' && /^org:[a-z0-9-]+$/.test(v)) return [v];
  if (kind === 'law') {
    const id = lawOfNumber(lookup, v);
    if (id) return [id];
  }
  const keys = tokenize(v).map((t) => t.key);
  const found = matcher
    .exact(keys)
    .filter((u) => (kind === 'law' ? u.kind === 'law' : u.kind === 'entity'))
    .map((u) => (u.kind === 'concept' ? '' : u.entry.id));
  if (found.length > 0) return [...new Set(found)];
  const sk = skeletonKey(v);
  const unit = sk.length >= MIN_SKELETON + 1 ? bySkeleton.get(sk) : undefined;
  if (unit && unit.kind === 'entity' && kind === 'org') return [unit.entry.id];
  // A name cut short ("تي إل إس" for "تي إل إس كونتاكت") resolves when it begins the names of exactly
  // one entity; several candidates are ambiguous and the caller lists them instead.
  const prefixed = suggestEntities(lookup, v, 3, kind).filter((s) => s.score >= 3);
  return prefixed.length === 1 ? [(prefixed[0] as EntitySuggestion).id] : [];
}

/** How well one name answers a typed query (see `EntitySuggestion.score`); 0: not at all. */
function nameScore(query: { key: string; sk: string }, folded: string, skeleton: string): number {
  const { key, sk } = query;
  if (key.length === 0) return 0;
  if (folded === key) return 4;
  if (folded.startsWith(key)) return 3;
  if (folded.includes(key)) return 2;
  if (sk.length >= MIN_SKELETON && skeleton === sk) return 2;
  if (sk.length >= MIN_SKELETON && skeleton.startsWith(sk)) return 1;
  return 0;
}

/** Known entities whose names start with, contain or sound like `q`, best first. */
export function suggestEntities(
  lookup: EntityLookup,
  q: string,
  limit: number,
  kind?: 'org' | 'law' | 'person',
): EntitySuggestion[] {
  const query = { key: tokenizeKey(q), sk: skeletonKey(q) };
  const lawId = kind !== 'org' && kind !== 'person' ? lawOfNumber(lookup, q) : undefined;
  const scored: { s: EntitySuggestion; score: number }[] = [];
  for (const { entry, names, folded, skeletons } of lookup.suggestIndex) {
    const entryKind = entry.kind === 'law' ? 'law' : entry.kind === 'person' ? 'person' : 'org';
    if (kind && kind !== entryKind) continue;
    let best = 0;
    let matched = '';
    names.forEach((name, i) => {
      const score = entry.id === lawId ? 5 : nameScore(query, folded[i] as string, skeletons[i] as string);
      if (score > best) {
        best = score;
        matched = name;
      }
    });
    if (best > 0)
      scored.push({
        s: {
          id: entry.id,
          kind: entryKind,
          names: { fr: [...entry.names.fr], ar: [...entry.names.ar], en: [...entry.names.en] },
          matched,
          score: best,
        },
        score: best,
      });
  }
  // A skeleton that merely begins a name is a last resort: noise beside a name the query spells out.
  const top = Math.max(0, ...scored.map((x) => x.score));
  return scored
    .filter((x) => top < 3 || x.score > 1)
    .sort((a, b) => b.score - a.score || a.s.id.localeCompare(b.s.id))
    .slice(0, limit)
    .map((x) => x.s);
}
