// Query understanding: the words and names of a query mapped to thesaurus concepts, known
// organizations and persons, and laws (what /search reports as `understood`), and the query's words
// ordered for one plain search (`searchText`); also the concepts a document's text speaks of, which
// the index stores beside it in every language. Pure: built once from the gazetteer, then a function
// of the text.
//
// How words are compared: query-words.ts; the gazetteer as lookups, filter values and suggestions:
// entity-lookup.ts. Here: one query read in passes (law numbers, then the longest known phrases, then
// skeletons of the words left), each pass covering the words it explains.
import { CONCEPTS, type Concept, createPhraseMatcher, type Token } from '../pipeline/thesaurus/index.ts';
import {
  buildEntityLookup,
  type EntityLookup,
  type EntitySuggestion,
  resolveFilterValue,
  suggestEntities,
  type TextLang,
  type Unit,
} from './entity-lookup.ts';
import { ARABIC, MIN_SKELETON, skeletonKey, tokenize, tokenizeKey, usableName, wordKey } from './query-words.ts';
import type { GazetteerEntry } from './settings.ts';

// The suggestions' type is part of the understander's surface (index/index.ts names it from here).
export type { EntitySuggestion } from './entity-lookup.ts';

export interface UnderstoodConcept {
  id: string;
  group: string;
  /** The words of the query that named it. */
  matched: string;
  labels: Record<TextLang, string>;
}

export interface UnderstoodEntity {
  id: string;
  kind: string;
  matched: string;
  names: Record<TextLang, string>;
  /** `name`: a known spelling; `transliteration`: the same consonant skeleton in another spelling or script. */
  via: 'name' | 'transliteration';
}

export interface UnderstoodLaw {
  id: string;
  matched: string;
  label: string;
}

export interface QueryUnderstanding {
  concepts: UnderstoodConcept[];
  entities: UnderstoodEntity[];
  laws: UnderstoodLaw[];
  /** The script/language the query is written in (Latin queries: whichever labels matched more). */
  language: TextLang;
  /**
   * The query's own words reordered for one plain search in Meilisearch's `last` matching strategy,
   * which drops words from the end when not all match: first the words every language's documents
   * can match (the phrases that name entities, laws and concepts, which the index carries in every
   * language; then numbers and Latin-script names, written the same in every script), then place and
   * time words, then the words nothing understood, which only the query's language can match. Stop
   * words are left out. Empty for a query of stop words only.
   */
  searchText: string;
}

export interface QueryUnderstander {
  understand(q: string): QueryUnderstanding;
  /** A filter value (id, name in any script, law number) → entity ids; [] when unknown. */
  resolve(kind: 'org' | 'law', value: string): string[];
  /** Known entities whose names start with, contain or sound like `q`, best first. */
  suggest(q: string, limit: number, kind?: 'org' | 'law' | 'person'): EntitySuggestion[];
}

// ---- Names shown --------------------------------------------------------------------------------

/** Shortest name in a language (fewest words, then characters). */
function shortest(names: readonly string[]): string | undefined {
  return [...names].sort((a, b) => a.split(/\s+/).length - b.split(/\s+/).length || a.length - b.length)[0];
}

/**
 * The name `understood` shows in each language: the first (canonical) name when it is short enough
 * to be written in running text, else the shortest. An acronym is never preferred over the canonical
 * name: press coverage in another language rarely uses the local acronym ("IAM" for Maroc Telecom).
 */
function displayName(names: readonly string[]): string | undefined {
  const first = names[0];
  if (first && first.split(/\s+/).length <= 4) return first;
  return shortest(names);
}

function entityNames(entry: GazetteerEntry): Record<TextLang, string> {
  const any = entry.names.fr[0] ?? entry.names.en[0] ?? entry.names.ar[0] ?? entry.id;
  return {
    fr: displayName(entry.names.fr) ?? any,
    ar: displayName(entry.names.ar) ?? any,
    en: displayName(entry.names.en) ?? displayName(entry.names.fr) ?? any,
  };
}

// ---- The understander -----------------------------------------------------------------------------

export function createQueryUnderstander(gazetteer: readonly GazetteerEntry[]): QueryUnderstander {
  const lookup = buildEntityLookup(gazetteer);
  return {
    understand: (q) => understandQuery(lookup, q),
    resolve: (kind, value) => resolveFilterValue(lookup, kind, value),
    suggest: (q, limit, kind) => suggestEntities(lookup, q, limit, kind),
  };
}

/** What the passes over one query found so far; each unit is kept once, at its first mention. */
interface Findings {
  concepts: Map<string, UnderstoodConcept>;
  entities: Map<string, UnderstoodEntity>;
  laws: Map<string, UnderstoodLaw>;
  /** Position of each unit's first word, to say the query again in the user's order. */
  order: { pos: number; unit: Unit; matched: string }[];
  /** Concepts named by their French / English label: which language a Latin-script query is in. */
  frLabels: number;
  enLabels: number;
}

function addFinding(found: Findings, unit: Unit, matched: string, pos: number, via: 'name' | 'transliteration'): void {
  if (unit.kind === 'concept') {
    const c = unit.concept;
    if (found.concepts.has(c.id)) return;
    found.concepts.set(c.id, {
      id: c.id,
      group: c.group,
      matched,
      labels: { fr: c.labels.fr[0] ?? '', ar: c.labels.ar[0] ?? '', en: c.labels.en[0] ?? '' },
    });
    const k = tokenizeKey(matched);
    if (c.labels.fr.some((l) => tokenizeKey(l) === k)) found.frLabels++;
    if (c.labels.en.some((l) => tokenizeKey(l) === k)) found.enLabels++;
  } else if (unit.kind === 'entity') {
    if (found.entities.has(unit.entry.id)) return;
    found.entities.set(unit.entry.id, {
      id: unit.entry.id,
      kind: unit.entry.kind,
      matched,
      names: entityNames(unit.entry),
      via,
    });
  } else {
    if (found.laws.has(unit.entry.id)) return;
    found.laws.set(unit.entry.id, { id: unit.entry.id, matched, label: unit.entry.names.fr[0] ?? unit.entry.id });
  }
  found.order.push({ pos, unit, matched });
}

const LAW_NUMBER = /(\d{1,3})\s*[-./]\s*(\d{2,4})/g;
const LAW_WORDS = new Set(['loi', 'law', 'n', 'no', 'numero', 'قانون', 'رقم', 'dahir', 'ظهير'].map(wordKey));

/** Law numbers first: "loi 09-08" must not leave "09" and "08" to be read as anything else. */
function readLawNumbers(
  lookup: EntityLookup,
  q: string,
  tokens: readonly Token[],
  covered: Set<number>,
  found: Findings,
): void {
  const lawNumberText = new Set<string>();
  for (const m of q.matchAll(LAW_NUMBER)) {
    const id = lookup.lawByNumber.get(`${Number(m[1])}-${Number(m[2])}`);
    if (!id) continue;
    const entry = lookup.byId.get(id);
    if (!entry) continue;
    lawNumberText.add(m[1] as string).add(m[2] as string);
    const pos = tokens.findIndex((t) => t.text === m[1] || t.text === m[2]);
    addFinding(found, { kind: 'law', entry }, m[0], Math.max(0, pos), 'name');
  }
  tokens.forEach((t, i) => {
    if (lawNumberText.has(t.text)) {
      covered.add(i);
      // "loi", "القانون", "law", "رقم" right before the number belong to it.
      for (let j = i - 1; j >= 0 && j >= i - 2 && LAW_WORDS.has((tokens[j] as Token).key); j--) covered.add(j);
    }
  });
}

/** Longest known phrases, run by run over the words the earlier passes left. */
function readPhrases(lookup: EntityLookup, tokens: readonly Token[], covered: Set<number>, found: Findings): void {
  let runStart = 0;
  const flush = (end: number) => {
    if (end <= runStart) return;
    for (const m of lookup.matcher.match(tokens.slice(runStart, end))) {
      const units = m.values;
      // An organization or law named by the phrase wins over a concept with the same words.
      const named = units.filter((u) => u.kind !== 'concept');
      for (const u of named.length > 0 ? named : units) addFinding(found, u, m.text, runStart + m.start, 'name');
      for (let i = m.start; i < m.end; i++) covered.add(runStart + i);
    }
  };
  for (let i = 0; i <= tokens.length; i++) {
    if (i === tokens.length || covered.has(i)) {
      flush(i);
      runStart = i + 1;
    }
  }
}

/** Names written in a spelling the lookup does not know: one or two uncovered words by skeleton. */
function readSkeletons(lookup: EntityLookup, tokens: readonly Token[], covered: Set<number>, found: Findings): void {
  for (let i = 0; i < tokens.length; i++) {
    if (covered.has(i)) continue;
    const t = tokens[i] as Token;
    if (/^\d+$/.test(t.key)) continue;
    for (const n of [2, 1]) {
      const span = tokens.slice(i, i + n);
      if (span.length < n || span.some((_, j) => covered.has(i + j))) continue;
      const text = span.map((s) => s.text).join(' ');
      const key = skeletonKey(text);
      const nameLike = span.every((s) => ARABIC.test(s.text) || /\p{Lu}/u.test(s.text));
      const unit = nameLike && key.length >= MIN_SKELETON ? lookup.bySkeleton.get(key) : undefined;
      if (unit) {
        addFinding(found, unit, text, i, 'transliteration');
        for (let j = 0; j < n; j++) covered.add(i + j);
        break;
      }
    }
  }
}

/** Arabic when most words are; a Latin query is English when English labels matched more and it reads so. */
function queryLanguage(q: string, tokens: readonly Token[], found: Findings): TextLang {
  let arabicWords = 0;
  for (const t of tokens) if (ARABIC.test(t.text)) arabicWords++;
  if (arabicWords > tokens.length / 2) return 'ar';
  return found.enLabels > found.frLabels && /\b(the|of|and|data)\b/i.test(q) ? 'en' : 'fr';
}

function understandQuery(lookup: EntityLookup, q: string): QueryUnderstanding {
  const tokens = tokenize(q);
  const covered = new Set<number>();
  const found: Findings = {
    concepts: new Map(),
    entities: new Map(),
    laws: new Map(),
    order: [],
    frLabels: 0,
    enLabels: 0,
  };
  readLawNumbers(lookup, q, tokens, covered, found);
  readPhrases(lookup, tokens, covered, found);
  readSkeletons(lookup, tokens, covered, found);
  return {
    concepts: [...found.concepts.values()],
    entities: [...found.entities.values()],
    laws: [...found.laws.values()],
    language: queryLanguage(q, tokens, found),
    searchText: searchTextOf(tokens, covered, found.order),
  };
}

/** See `QueryUnderstanding.searchText`. */
function searchTextOf(
  tokens: readonly Token[],
  covered: ReadonlySet<number>,
  order: readonly { pos: number; unit: Unit; matched: string }[],
): string {
  const late = (u: Unit) => u.kind === 'concept' && (u.concept.group === 'place' || u.concept.group === 'time');
  // In the user's order: the query's first words are what it is most about.
  const units = [...order].sort((a, b) => a.pos - b.pos);
  const shared: string[] = [];
  const own: string[] = [];
  tokens.forEach((t, i) => {
    if (covered.has(i)) return;
    if (/^\d+$/.test(t.key) || (!ARABIC.test(t.text) && /\p{Lu}/u.test(t.text))) shared.push(t.text);
    else own.push(t.text);
  });
  return [
    ...units.filter((x) => !late(x.unit)).map((x) => x.matched),
    ...shared,
    ...units.filter((x) => late(x.unit)).map((x) => x.matched),
    ...own,
  ].join(' ');
}

/**
 * The thesaurus concepts a text speaks of, in any of its languages: what the index stores beside each
 * document so a query's words meet the other languages' coverage in one plain search (index-time
 * expansion, see projection.ts). The gazetteer's names and law titles take part in the longest-phrase
 * match only to claim their words: "اللجنة الوطنية لمراقبة حماية المعطيات" is the CNDP, not the
 * concept of an inspection.
 */
export function createConceptReader(gazetteer: readonly GazetteerEntry[]): (text: string) => string[] {
  const matcher = createPhraseMatcher<Concept | null>(
    [
      ...gazetteer.map((entry) => ({
        value: null,
        labels: [...entry.names.fr, ...entry.names.ar, ...entry.names.en].filter(usableName),
      })),
      ...CONCEPTS.map((concept) => ({
        value: concept,
        labels: [...concept.labels.fr, ...concept.labels.ar, ...concept.labels.en],
      })),
    ],
    tokenize,
  );
  return (text) => {
    const found = new Set<string>();
    for (const m of matcher.match(tokenize(text))) {
      // A phrase that is also a name belongs to the name.
      if (m.values.includes(null)) continue;
      for (const c of m.values) if (c) found.add(c.id);
    }
    return [...found];
  };
}

/** The closest known names to an unknown filter value, for the error message. */
export function closestNames(understander: QueryUnderstander, value: string, kind: 'org' | 'law', n = 5): string[] {
  const found = understander.suggest(value, n, kind);
  if (found.length > 0) return found.map((s) => `${s.matched} (${s.id})`);
  // Nothing shares a prefix or skeleton: fall back to the first letters.
  for (let len = Math.min(4, value.length - 1); len >= 1; len--) {
    const more = understander.suggest(value.slice(0, len), n, kind);
    if (more.length > 0) return more.map((s) => `${s.matched} (${s.id})`);
  }
  return [];
}
