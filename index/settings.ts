// Index settings as data. Every choice here is deliberate; see
// https://www.meilisearch.com/docs/reference/api/settings for each key.
import type { Settings } from 'meilisearch';
import { EMBEDDER_NAME } from './embedder.ts';

/** A gazetteer entry as `pipeline/entities` exports it: one organization or law, its names per language. */
export interface GazetteerEntry {
  id: string;
  kind: string;
  names: { fr: readonly string[]; ar: readonly string[]; en: readonly string[] };
}

export interface IndexNames {
  documents: string;
  cases: string;
}

export function indexNames(prefix: string): IndexNames {
  return { documents: `${prefix}documents`, cases: `${prefix}cases` };
}

/** Filterable attributes of the documents index; the API builds filters only on these. */
export const DOCUMENT_FILTERABLE = [
  'documentId',
  'language',
  'sourceId',
  'outlet',
  'sourceKind',
  'orgIds',
  'lawIds',
  'eventTypes',
  'topics',
  'caseId',
  'caseIds',
  'publishedAt',
  'relevant',
  'isDuplicate',
  'tie',
] as const;

// Localized attributes are pinned because language detection on a short Arabic title sometimes picks
// Persian, whose normalizer rewrites ي/ك and then nothing matches. Pinning also keeps French
// stop-word/diacritic handling on French fields only.
const LOCALIZED: NonNullable<Settings['localizedAttributes']> = [
  { attributePatterns: ['*_ar'], locales: ['ara'] },
  { attributePatterns: ['*_fr'], locales: ['fra'] },
  { attributePatterns: ['*_en'], locales: ['eng'] },
];

/**
 * Meilisearch ignores words past position 65,535 of an attribute
 * (https://www.meilisearch.com/docs/learn/resources/known_limitations#maximum-number-of-words-per-attribute).
 * A hard separator (., !, ?) costs 8 positions, so 50,000 characters (~9k words) stays far below.
 * Long texts are split into numbered attributes of the same index document (`text_fr`, `text1_fr`,
 * `text2_fr`...) rather than into several index documents: one document stays one hit, so totals
 * and facet counts stay exact without a distinct attribute. Past MAX_CHUNKS the tail is not
 * indexed (400k characters is far beyond any article or decision we collect).
 */
export const MAX_CHUNKS = 8;

/** Attribute name of chunk `i` of a text field: `text_fr`, `text1_fr`, ... */
export function chunkField(base: 'text' | 'norm', lang: 'fr' | 'ar' | 'en', i: number): string {
  return `${base}${i === 0 ? '' : i}_${lang}`;
}

const chunks = Array.from({ length: MAX_CHUNKS }, (_, i) => i);
/** Body text attributes, chunk by chunk (see projection.ts): `text_fr, text_ar, text_en, text1_fr...`. */
export const TEXT_ATTRIBUTES = chunks.flatMap((i) =>
  (['fr', 'ar', 'en'] as const).map((l) => chunkField('text', l, i)),
);
export const NORM_ATTRIBUTES = chunks.map((i) => chunkField('norm', 'ar', i));
/** Concept labels in every language (projection.ts); searched, never shown. */
export const CONCEPT_ATTRIBUTES = ['concepts_fr', 'concepts_ar', 'concepts_en'] as const;

/**
 * `embedding`: the dimensions of the configured sentence-embedding model (index/embedder.ts); set, the
 * documents index gets a `userProvided` embedder — vectors come with the documents and the queries,
 * Meilisearch never calls a model itself. Unset, the key is left out and the index stays keyword-only.
 */
export function documentSettings(synonyms: Record<string, string[]>, embedding?: { dimensions: number }): Settings {
  return {
    ...(embedding
      ? { embedders: { [EMBEDDER_NAME]: { source: 'userProvided' as const, dimensions: embedding.dimensions } } }
      : {}),
    // Priority order: titles, then the names of the entities the document is about (these carry the
    // cross-lingual bridge: an Arabic article about TLS Contact lists the French and English names
    // too), then law numbers, then body text, then the stemmed Arabic form, then the labels of the
    // document's concepts in every language (projection.ts: the cross-lingual bridge for words, last
    // so that a document matching the query's own words ranks above one matching their translation),
    // then the outlet.
    searchableAttributes: [
      'title_fr',
      'title_ar',
      'title_en',
      'entities_fr',
      'entities_ar',
      'entities_en',
      'lawRefs',
      ...TEXT_ATTRIBUTES,
      ...NORM_ATTRIBUTES,
      ...CONCEPT_ATTRIBUTES,
      'outlet',
    ],
    filterableAttributes: [...DOCUMENT_FILTERABLE],
    sortableAttributes: ['publishedAt', 'tie'],
    // `sort` first: when a caller asks for a sort (or pages with a cursor), the order is strictly that
    // sort, which keyset pagination relies on; without a sort parameter the rule is inert.
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    displayedAttributes: ['*'],
    localizedAttributes: LOCALIZED,
    typoTolerance: {
      enabled: true,
      // 2024 must never match 2025, nor 09-08 match 09-09.
      disableOnNumbers: true,
      disableOnAttributes: ['lawRefs'],
    },
    synonyms,
    pagination: { maxTotalHits: 1000 },
    faceting: { maxValuesPerFacet: 100 },
    // We never search inside facet values; skipping their index makes indexing markedly cheaper.
    facetSearch: false,
  };
}

export function caseSettings(synonyms: Record<string, string[]>): Settings {
  return {
    searchableAttributes: ['title_fr', 'title_ar', 'entities_fr', 'entities_ar', 'entities_en', 'lawRefs'],
    filterableAttributes: ['type', 'topic', 'orgIds', 'lawIds', 'eventTypes', 'languages', 'firstSeenAt', 'lastSeenAt'],
    sortableAttributes: ['firstSeenAt', 'lastSeenAt', 'documentCount'],
    rankingRules: ['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness'],
    localizedAttributes: LOCALIZED,
    typoTolerance: { enabled: true, disableOnNumbers: true, disableOnAttributes: ['lawRefs'] },
    synonyms,
    facetSearch: false,
  };
}

/**
 * Law-number variants. Moroccan laws are numbered `NN-YY` (number, two-digit year); Arabic text
 * writes the same law right-to-left as `YY-NN` or with a dot ("القانون 08-09", "09.08"), so a
 * French "09-08" and an Arabic "08-09" must meet.
 */
export function lawNumberVariants(lawId: string): string[] {
  const m = /(?:^|-)(\d{1,3})-(\d{2})(?:$|\/)/.exec(lawId.replace(/^ma-law-/, '-'));
  if (!m) return [];
  const [, num, year] = m as unknown as [string, string, string];
  return [`${num}-${year}`, `${num}.${year}`, `${year}-${num}`, `${year}.${num}`];
}

const lower = (s: string) => s.toLocaleLowerCase('fr').trim();

// Long official names are indexed (entities_* fields) but kept out of synonyms: Meilisearch expands
// every synonym phrase at query time, and a 12-word law title adds cost without adding recall.
const MAX_SYNONYM_WORDS = 6;
const isShort = (name: string) => name.trim().split(/\s+/).length <= MAX_SYNONYM_WORDS;

/**
 * Synonyms from the gazetteer: all names of one entity, in every language, are mutual synonyms;
 * laws add their number variants and "loi"/"القانون" phrasings. Meilisearch synonyms are
 * one-directional per key, so each name maps to all the others.
 */
export function buildSynonyms(gazetteer: readonly GazetteerEntry[]): Record<string, string[]> {
  const groups: string[][] = [];
  for (const entry of gazetteer) {
    const names = new Set<string>();
    for (const n of [...entry.names.fr, ...entry.names.ar, ...entry.names.en])
      if (n.trim() && isShort(n)) names.add(lower(n));
    if (entry.kind === 'law') {
      for (const v of lawNumberVariants(entry.id)) {
        names.add(`loi ${v}`);
        names.add(`القانون ${v}`);
        names.add(`law ${v}`);
      }
    }
    if (names.size > 1) groups.push([...names]);
  }
  const out: Record<string, Set<string>> = {};
  for (const group of groups) {
    for (const name of group) {
      const set = out[name] ?? new Set<string>();
      for (const other of group) if (other !== name) set.add(other);
      out[name] = set;
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]]));
}
