// Query understanding: the words and names of a query mapped to thesaurus concepts, known
// organizations and persons, and laws (what /search reports as `understood`), and the query's words
// ordered for one plain search (`searchText`); also the concepts a document's text speaks of, which
// the index stores beside it in every language. Pure: built once from the gazetteer, then a function
// of the text.
//
// Words are compared through one key per word — French/English folded (case, accents, plural -s,
// feminine -e), Arabic normalized and lightly stemmed the way the index stems `norm_ar` — with stop
// words dropped on both sides. Names the lookup does not know exactly are compared by consonant
// skeleton (pipeline/entities), so "Wikaytna" meets "Wiqaytna" and "تي إل إس كونتاكت" meets TLScontact.
import { consonantSkeleton, PERSONS } from '../pipeline/entities/index.ts';
import { foldFrench, normalizeArabic, toLatinDigits } from '../pipeline/normalize.ts';
import {
  CONCEPTS,
  type Concept,
  createPhraseMatcher,
  type PhraseMatcher,
  type Token,
} from '../pipeline/thesaurus/index.ts';
import { stemArabicWord } from './arabic.ts';
import { type GazetteerEntry, lawNumberVariants } from './settings.ts';

export type TextLang = 'fr' | 'ar' | 'en';

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

export interface EntitySuggestion {
  id: string;
  kind: string;
  names: Record<TextLang, string[]>;
  /** The name that matched. */
  matched: string;
  /** 5 law number, 4 whole name, 3 name start, 2 inside a name or same skeleton, 1 skeleton start. */
  score: number;
}

export interface QueryUnderstander {
  understand(q: string): QueryUnderstanding;
  /** A filter value (id, name in any script, law number) → entity ids; [] when unknown. */
  resolve(kind: 'org' | 'law', value: string): string[];
  /** Known entities whose names start with, contain or sound like `q`, best first. */
  suggest(q: string, limit: number, kind?: 'org' | 'law' | 'person'): EntitySuggestion[];
}

// ---- Words ----------------------------------------------------------------------------------------

const ARABIC = /[\u0600-\u06ff]/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;

const LATIN_STOP = new Set(
  (
    'le la les l de des du d un une et ou a au aux en pour par sur dans avec sans ce cet cette ces son sa ses ' +
    'leur leurs qui que qu se s est sont y ne pas plus the of for and to in on an with by from at is are be as its this that'
  ).split(' '),
);
const ARABIC_STOP = new Set(
  'في من على إلى الى عن مع ذات هذا هذه التي الذي الذين و أو او ثم قد كما بعد قبل حول ضد عبر لدى بين عند'
    .split(' ')
    .map((w) => toLatinDigits(normalizeArabic(w))),
);

/** The comparison key of one word, or '' for a stop word. */
export function wordKey(word: string): string {
  if (ARABIC.test(word)) {
    const n = toLatinDigits(normalizeArabic(word));
    if (ARABIC_STOP.has(n)) return '';
    return stemArabicWord(n);
  }
  let w = foldFrench(word);
  if (LATIN_STOP.has(w)) return '';
  if (/^\d+$/.test(w)) return w;
  if (w.length > 3 && /[sx]$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  for (const m of s.replace(/[’‘`´]/g, "'").matchAll(WORD)) {
    const key = wordKey(m[0]);
    if (key) out.push({ text: m[0], key });
  }
  return out;
}

/** Skeletons fold the letters transliteration swaps most (g/j/q: غ, ج, ق and Latin g). */
function skeletonKey(name: string): string {
  return consonantSkeleton(name).replace(/[jqg]/g, 'g');
}
const MIN_SKELETON = 3;

// ---- The understander -----------------------------------------------------------------------------

type Unit =
  | { kind: 'concept'; concept: Concept }
  | { kind: 'entity'; entry: GazetteerEntry }
  | { kind: 'law'; entry: GazetteerEntry };

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

const LAW_NUMBER = /(\d{1,3})\s*[-./]\s*(\d{2,4})/g;
const LAW_WORDS = new Set(['loi', 'law', 'n', 'no', 'numero', 'قانون', 'رقم', 'dahir', 'ظهير'].map(wordKey));

function entityNames(entry: GazetteerEntry): Record<TextLang, string> {
  const any = entry.names.fr[0] ?? entry.names.en[0] ?? entry.names.ar[0] ?? entry.id;
  return {
    fr: displayName(entry.names.fr) ?? any,
    ar: displayName(entry.names.ar) ?? any,
    en: displayName(entry.names.en) ?? displayName(entry.names.fr) ?? any,
  };
}

export function createQueryUnderstander(gazetteer: readonly GazetteerEntry[]): QueryUnderstander {
  const persons: GazetteerEntry[] = PERSONS.map((p) => ({
    id: p.id,
    kind: 'person',
    names: {
      fr: p.names.filter((n) => !ARABIC.test(n)),
      ar: p.names.filter((n) => ARABIC.test(n)),
      en: p.names.filter((n) => !ARABIC.test(n)),
    },
  }));
  const entries = [...gazetteer, ...persons];
  const byId = new Map(entries.map((e) => [e.id, e]));
  const laws = gazetteer.filter((g) => g.kind === 'law');
  const orgs = entries.filter((g) => g.kind !== 'law');

  // Law numbers in every spelling → law ids ("09-08", "08.09" → ma-law-09-08).
  const lawByNumber = new Map<string, string>();
  for (const law of laws) {
    for (const v of lawNumberVariants(law.id)) {
      const m = /^(\d+)[-.](\d+)$/.exec(v);
      if (m && !lawByNumber.has(`${Number(m[1])}-${Number(m[2])}`))
        lawByNumber.set(`${Number(m[1])}-${Number(m[2])}`, law.id);
    }
  }

  // Names of one or two characters ("X") would match stray letters; they need their full entry.
  const usableName = (n: string) => n.replace(/\s+/g, '').length > 2;
  const matcher: PhraseMatcher<Unit> = createPhraseMatcher<Unit>(
    [
      ...orgs.map((entry) => ({
        value: { kind: 'entity', entry } as Unit,
        labels: [...entry.names.fr, ...entry.names.ar, ...entry.names.en].filter(usableName),
      })),
      // Law titles only: numbers are read by LAW_NUMBER, whatever the words around them.
      ...laws.map((entry) => ({
        value: { kind: 'law', entry } as Unit,
        labels: [...entry.names.fr, ...entry.names.ar, ...entry.names.en].filter((n) => !/\d/.test(n)),
      })),
      ...CONCEPTS.map((concept) => ({
        value: { kind: 'concept', concept } as Unit,
        labels: [...concept.labels.fr, ...concept.labels.ar, ...concept.labels.en],
      })),
    ],
    tokenize,
  );

  // Skeletons of single- and multi-word names (organizations, persons, named concepts) for spellings
  // the lookup has never seen.
  const bySkeleton = new Map<string, Unit>();
  const addSkeleton = (name: string, unit: Unit) => {
    const key = skeletonKey(name);
    if (key.length >= MIN_SKELETON && !bySkeleton.has(key)) bySkeleton.set(key, unit);
  };
  for (const entry of orgs) {
    for (const n of [...entry.names.fr, ...entry.names.ar, ...entry.names.en]) {
      if (usableName(n) && n.split(/\s+/).length <= 3) addSkeleton(n, { kind: 'entity', entry });
    }
  }
  for (const concept of CONCEPTS) {
    if (concept.group !== 'named' && concept.group !== 'place') continue;
    for (const n of [...concept.labels.fr, ...concept.labels.ar, ...concept.labels.en])
      addSkeleton(n, { kind: 'concept', concept });
  }

  function understand(q: string): QueryUnderstanding {
    const tokens = tokenize(q);
    const covered = new Set<number>();
    const concepts = new Map<string, UnderstoodConcept>();
    const entities = new Map<string, UnderstoodEntity>();
    const lawsFound = new Map<string, UnderstoodLaw>();
    // Position of each unit's first word, to say the query again in the user's order.
    const order: { pos: number; unit: Unit; matched: string }[] = [];
    let arabicLabels = 0;
    let frLabels = 0;
    let enLabels = 0;

    const addUnit = (unit: Unit, matched: string, pos: number, via: 'name' | 'transliteration') => {
      if (unit.kind === 'concept') {
        const c = unit.concept;
        if (concepts.has(c.id)) return;
        concepts.set(c.id, {
          id: c.id,
          group: c.group,
          matched,
          labels: { fr: c.labels.fr[0] ?? '', ar: c.labels.ar[0] ?? '', en: c.labels.en[0] ?? '' },
        });
        const k = tokenize(matched)
          .map((t) => t.key)
          .join(' ');
        if (c.labels.fr.some((l) => tokenizeKey(l) === k)) frLabels++;
        if (c.labels.en.some((l) => tokenizeKey(l) === k)) enLabels++;
      } else if (unit.kind === 'entity') {
        if (entities.has(unit.entry.id)) return;
        entities.set(unit.entry.id, {
          id: unit.entry.id,
          kind: unit.entry.kind,
          matched,
          names: entityNames(unit.entry),
          via,
        });
      } else {
        if (lawsFound.has(unit.entry.id)) return;
        lawsFound.set(unit.entry.id, { id: unit.entry.id, matched, label: unit.entry.names.fr[0] ?? unit.entry.id });
      }
      order.push({ pos, unit, matched });
    };

    // Law numbers first: "loi 09-08" must not leave "09" and "08" to be read as anything else.
    const lawNumberText = new Set<string>();
    for (const m of q.matchAll(LAW_NUMBER)) {
      const id = lawByNumber.get(`${Number(m[1])}-${Number(m[2])}`);
      if (!id) continue;
      const entry = byId.get(id);
      if (!entry) continue;
      lawNumberText.add(m[1] as string).add(m[2] as string);
      const pos = tokens.findIndex((t) => t.text === m[1] || t.text === m[2]);
      addUnit({ kind: 'law', entry }, m[0], Math.max(0, pos), 'name');
    }
    tokens.forEach((t, i) => {
      if (lawNumberText.has(t.text)) {
        covered.add(i);
        // "loi", "القانون", "law", "رقم" right before the number belong to it.
        for (let j = i - 1; j >= 0 && j >= i - 2 && LAW_WORDS.has((tokens[j] as Token).key); j--) covered.add(j);
      }
    });

    // Longest phrases, over the words the law numbers left.
    let runStart = 0;
    const flush = (end: number) => {
      if (end <= runStart) return;
      for (const m of matcher.match(tokens.slice(runStart, end))) {
        const units = m.values;
        // An organization or law named by the phrase wins over a concept with the same words.
        const named = units.filter((u) => u.kind !== 'concept');
        for (const u of named.length > 0 ? named : units) addUnit(u, m.text, runStart + m.start, 'name');
        for (let i = m.start; i < m.end; i++) covered.add(runStart + i);
      }
    };
    for (let i = 0; i <= tokens.length; i++) {
      if (i === tokens.length || covered.has(i)) {
        flush(i);
        runStart = i + 1;
      }
    }

    // Names written in a spelling the lookup does not know: one or two uncovered words by skeleton.
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
        const unit = nameLike && key.length >= MIN_SKELETON ? bySkeleton.get(key) : undefined;
        if (unit) {
          addUnit(unit, text, i, 'transliteration');
          for (let j = 0; j < n; j++) covered.add(i + j);
          break;
        }
      }
    }

    for (const t of tokens) if (ARABIC.test(t.text)) arabicLabels++;
    const language: TextLang =
      arabicLabels > tokens.length / 2 ? 'ar' : enLabels > frLabels && /\b(the|of|and|data)\b/i.test(q) ? 'en' : 'fr';

    return {
      concepts: [...concepts.values()],
      entities: [...entities.values()],
      laws: [...lawsFound.values()],
      language,
      searchText: searchTextOf(tokens, covered, order),
    };
  }

  /** "09-08", "loi 08.09", "القانون 09-08" → the law's id. */
  function lawOfNumber(v: string): string | undefined {
    const m = /^\D{0,12}?(\d{1,3})\s*[-./]\s*(\d{2,4})$/.exec(toLatinDigits(v.trim()));
    return m ? lawByNumber.get(`${Number(m[1])}-${Number(m[2])}`) : undefined;
  }

  function resolve(kind: 'org' | 'law', value: string): string[] {
    const v = value.trim();
    if (byId.has(v)) {
      const e = byId.get(v) as GazetteerEntry;
      if ((kind === 'law') === (e.kind === 'law')) return [v];
    }
    // Article ids and ids the gazetteer does not list (org:x-… of unknown organizations) pass as given;
    // an article of a law given by number ("09-08/art-43") takes the law's id.
    const article = /^(.+)\/(art-[A-Za-z0-9._-]+)$/.exec(v);
    if (kind === 'law' && article) {
      const [law] = byId.has(article[1] as string) ? [article[1]] : resolve('law', article[1] as string);
      return law ? [`${law}/${article[2]}`] : [];
    }
    if (kind === 'org' && /^org:[a-z0-9-]+$/.test(v)) return [v];
    if (kind === 'law') {
      const id = lawOfNumber(v);
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
    const prefixed = suggest(v, 3, kind).filter((s) => s.score >= 3);
    return prefixed.length === 1 ? [(prefixed[0] as EntitySuggestion).id] : [];
  }

  const suggestIndex = entries.map((entry) => {
    const names = [...entry.names.fr, ...entry.names.ar, ...entry.names.en];
    return {
      entry,
      names,
      folded: names.map((n) => tokenizeKey(n)),
      skeletons: names.map((n) => skeletonKey(n)),
    };
  });

  function suggest(q: string, limit: number, kind?: 'org' | 'law' | 'person'): EntitySuggestion[] {
    const key = tokenizeKey(q);
    const sk = skeletonKey(q);
    const lawId = kind !== 'org' && kind !== 'person' ? lawOfNumber(q) : undefined;
    const scored: { s: EntitySuggestion; score: number }[] = [];
    for (const { entry, names, folded, skeletons } of suggestIndex) {
      const entryKind = entry.kind === 'law' ? 'law' : entry.kind === 'person' ? 'person' : 'org';
      if (kind && kind !== entryKind) continue;
      let best = 0;
      let matched = '';
      names.forEach((name, i) => {
        const f = folded[i] as string;
        const score =
          entry.id === lawId
            ? 5
            : key.length === 0
              ? 0
              : f === key
                ? 4
                : f.startsWith(key)
                  ? 3
                  : f.includes(key)
                    ? 2
                    : sk.length >= MIN_SKELETON && skeletons[i] === sk
                      ? 2
                      : sk.length >= MIN_SKELETON && (skeletons[i] as string).startsWith(sk)
                        ? 1
                        : 0;
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

  return { understand, resolve, suggest };
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
  const usableName = (n: string) => n.replace(/\s+/g, '').length > 2;
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

function tokenizeKey(s: string): string {
  return tokenize(s)
    .map((t) => t.key)
    .join(' ');
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
