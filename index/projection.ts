// Pure builders: store rows → Meilisearch documents. Everything a search hit shows is copied here so
// the API answers /search without touching SQLite.
import { createHash } from 'node:crypto';
import { conceptById } from '../pipeline/thesaurus/index.ts';
import { detectTopics } from '../pipeline/topics.ts';
import type { Entities, Lang } from '../pipeline/types.ts';
import { normalizeArabicForIndex } from './arabic.ts';
import { chunkField, type GazetteerEntry, lawNumberVariants, MAX_CHUNKS } from './settings.ts';
import { defaultGazetteer } from './sources.ts';
import { createConceptReader } from './understand.ts';

/** The fields of an analysis the projection needs (a subset of `StoredAnalysis` in store/analyses.ts). */
export interface DocumentSource {
  documentId: string;
  url: string | null;
  title: string | null;
  text: string;
  language: Lang;
  paragraphLanguages: Lang[];
  publishedAt: string | null;
  outlet: string | null;
  sourceId: string;
  sourceKind: string;
  relevant: boolean;
  duplicateOf: string | null;
  entities: Entities;
}

export interface CaseLinks {
  caseId: string | null;
  mentionedCaseIds: string[];
}

export interface DocumentIndexRecord {
  /** Primary key (= documentId; Meilisearch ids allow only [A-Za-z0-9_-]). */
  uid: string;
  documentId: string;
  url: string | null;
  language: Lang;
  title: string | null;
  /** Unix seconds; 0 when the date is unknown (sorts last, excluded by date filters). */
  publishedAt: number;
  publishedAtIso: string | null;
  sourceId: string;
  outlet: string | null;
  sourceKind: string;
  orgIds: string[];
  lawIds: string[];
  eventTypes: string[];
  /** What the document is about (pipeline/topics.ts ids), most mentioned first. */
  topics: string[];
  caseId: string | null;
  caseIds: string[];
  relevant: boolean;
  isDuplicate: boolean;
  duplicateOf: string | null;
  /** Numeric, unique per document: the keyset-pagination tie breaker. */
  tie: number;
  title_fr?: string;
  title_ar?: string;
  title_en?: string;
  entities_fr: string[];
  entities_ar: string[];
  entities_en: string[];
  lawRefs: string[];
  /**
   * Every label, in each language, of the thesaurus concepts the document speaks of (Arabic ones in
   * the stemmed form of `norm_ar`): an Arabic article on التعرف على الوجه also carries "reconnaissance
   * faciale" and "facial recognition", so a French query finds it in one plain search.
   */
  concepts_fr: string[];
  concepts_ar: string[];
  concepts_en: string[];
  /** `text_fr`, `text_ar`, `text_en`, `norm_ar` and their chunk continuations (`text1_fr`...). */
  [chunkAttribute: `${'text' | 'norm'}${string}_${'fr' | 'ar' | 'en'}`]: string | undefined;
}

export const CHUNK_CHARS = 50_000;

const ARABIC_SCRIPT = /[\u0600-\u06ff]/u;

export function tieOf(uid: string): number {
  // 48 bits of a hash: unique in practice at archive sizes, and exact in a double.
  return Number.parseInt(createHash('sha1').update(uid).digest('hex').slice(0, 12), 16);
}

export function toUnixSeconds(iso: string | null): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.floor(t / 1000) : 0;
}

function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}

type TextLang = 'fr' | 'ar' | 'en';

function fieldLang(lang: Lang, sample: string): TextLang {
  if (lang === 'fr' || lang === 'ar' || lang === 'en') return lang;
  return ARABIC_SCRIPT.test(sample) ? 'ar' : 'fr';
}

function splitParagraphs(text: string, langs: Lang[], fallback: Lang): { text: string; lang: TextLang }[] {
  return text
    .split(/\n\s*\n/)
    .map((p, i) => ({ text: p.trim(), lang: fieldLang(langs[i] ?? fallback, p) }))
    .filter((p) => p.text.length > 0);
}

/** Paragraphs packed into chunks of at most `max` characters (a single huge paragraph is cut). */
function chunkParagraphs(paras: { text: string; lang: TextLang }[], max: number): { text: string; lang: TextLang }[][] {
  const chunks: { text: string; lang: TextLang }[][] = [];
  let current: { text: string; lang: TextLang }[] = [];
  let size = 0;
  for (const p of paras) {
    const pieces: string[] = [];
    for (let i = 0; i < p.text.length; i += max) pieces.push(p.text.slice(i, i + max));
    for (const piece of pieces) {
      if (size + piece.length > max && current.length > 0) {
        chunks.push(current);
        current = [];
        size = 0;
      }
      current.push({ text: piece, lang: p.lang });
      size += piece.length + 2;
    }
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks;
}

export interface ProjectionContext {
  /** Gazetteer lookup by entity id, to index every language's names of the entities mentioned. */
  entry: (id: string) => GazetteerEntry | undefined;
  chunkChars?: number;
  /** The thesaurus concept ids a text speaks of; default: read with the default gazetteer's names. */
  concepts?: (text: string) => string[];
}

let defaultReader: ((text: string) => string[]) | null = null;
function readConcepts(ctx: ProjectionContext, text: string): string[] {
  if (ctx.concepts) return ctx.concepts(text);
  defaultReader ??= createConceptReader(defaultGazetteer());
  return defaultReader(text);
}

/**
 * Concepts are read in the title and the opening of the text: what an article is about is said
 * there, and a 400k-character decision need not be scanned whole at every reindex.
 */
const CONCEPT_SCAN_CHARS = 20_000;

/** The labels of the concepts of a document, per language (see `DocumentIndexRecord.concepts_fr`). */
function conceptLabels(ids: readonly string[]): { fr: string[]; ar: string[]; en: string[] } {
  const fr = new Set<string>();
  const ar = new Set<string>();
  const en = new Set<string>();
  for (const id of ids) {
    const c = conceptById(id);
    if (!c) continue;
    for (const l of c.labels.fr) fr.add(l);
    for (const l of c.labels.en) en.add(l);
    for (const l of c.labels.ar) {
      const n = normalizeArabicForIndex(l);
      if (n) ar.add(n);
    }
  }
  return { fr: [...fr], ar: [...ar], en: [...en] };
}

/** The searchable names of the entities a document mentions, split by language script. */
function entityNames(entities: Entities, ctx: ProjectionContext) {
  const fr = new Set<string>();
  const ar = new Set<string>();
  const en = new Set<string>();
  const addLoose = (name: string) => (ARABIC_SCRIPT.test(name) ? ar : fr).add(name);
  for (const org of entities.organizations) {
    const g = ctx.entry(org.id);
    if (g) {
      for (const n of g.names.fr) fr.add(n);
      for (const n of g.names.ar) ar.add(n);
      for (const n of g.names.en) en.add(n);
    }
    addLoose(org.name);
  }
  const lawRefs = new Set<string>();
  for (const law of entities.laws) {
    const g = ctx.entry(law.id) ?? (law.parentId ? ctx.entry(law.parentId) : undefined);
    if (g) {
      for (const n of g.names.fr) fr.add(n);
      for (const n of g.names.ar) ar.add(n);
      for (const n of g.names.en) en.add(n);
    }
    addLoose(law.label);
    for (const v of lawNumberVariants(law.parentId ?? law.id)) lawRefs.add(v);
    lawRefs.add(law.id);
  }
  return { fr: [...fr], ar: [...ar], en: [...en], lawRefs: [...lawRefs] };
}

export function buildDocumentRecord(
  src: DocumentSource,
  links: CaseLinks,
  ctx: ProjectionContext,
): DocumentIndexRecord {
  const e = src.entities;
  const lawIds = uniq(e.laws.flatMap((l) => (l.parentId ? [l.id, l.parentId] : [l.id])));
  const names = entityNames(e, ctx);
  const title = src.title?.trim() || null;
  const titleLang = title ? fieldLang(src.language, title) : null;
  const paras = splitParagraphs(src.text, src.paragraphLanguages, src.language);
  const chunks = chunkParagraphs(paras, ctx.chunkChars ?? CHUNK_CHARS).slice(0, MAX_CHUNKS);
  const concepts = conceptLabels(readConcepts(ctx, `${title ?? ''}\n${src.text.slice(0, CONCEPT_SCAN_CHARS)}`));
  const record: DocumentIndexRecord = {
    uid: src.documentId.replace(/[^A-Za-z0-9_-]/g, '_'),
    documentId: src.documentId,
    url: src.url,
    language: src.language,
    title,
    publishedAt: toUnixSeconds(src.publishedAt),
    publishedAtIso: src.publishedAt,
    sourceId: src.sourceId,
    outlet: src.outlet,
    sourceKind: src.sourceKind,
    orgIds: uniq(e.organizations.map((o) => o.id)),
    lawIds,
    eventTypes: uniq(e.events.map((ev) => ev.type)),
    topics: detectTopics(src.text, src.title),
    caseId: links.caseId,
    caseIds: uniq([...(links.caseId ? [links.caseId] : []), ...links.mentionedCaseIds]),
    relevant: src.relevant,
    isDuplicate: src.duplicateOf !== null && src.duplicateOf !== src.documentId,
    duplicateOf: src.duplicateOf,
    tie: tieOf(src.documentId),
    entities_fr: names.fr,
    entities_ar: names.ar,
    entities_en: names.en,
    lawRefs: names.lawRefs,
    concepts_fr: concepts.fr,
    concepts_ar: concepts.ar,
    concepts_en: concepts.en,
  };
  if (title && titleLang) record[`title_${titleLang}`] = title;
  chunks.forEach((chunk, i) => {
    const texts: Partial<Record<TextLang, string>> = {};
    for (const p of chunk) texts[p.lang] = texts[p.lang] ? `${texts[p.lang]}\n\n${p.text}` : p.text;
    for (const lang of ['fr', 'ar', 'en'] as const) {
      const t = texts[lang];
      if (t) record[chunkField('text', lang, i) as `text_${TextLang}`] = t;
    }
    const norm = normalizeArabicForIndex(`${i === 0 && titleLang === 'ar' ? title : ''}\n${texts.ar ?? ''}`);
    if (norm) record[chunkField('norm', 'ar', i) as 'norm_ar'] = norm;
  });
  return record;
}

/** What the cases index needs from a case record (mapped by the case store adapter). */
export interface CaseSource {
  id: string;
  titleFr: string | null;
  titleAr: string | null;
  type: string | null;
  topic: string | null;
  orgIds: string[];
  lawIds: string[];
  eventTypes: string[];
  languages: string[];
  firstSeenAt: string | null;
  lastSeenAt: string | null;
  documentCount: number;
}

export interface CaseIndexRecord {
  id: string;
  title_fr: string | null;
  title_ar: string | null;
  type: string | null;
  topic: string | null;
  orgIds: string[];
  lawIds: string[];
  eventTypes: string[];
  languages: string[];
  firstSeenAt: number;
  lastSeenAt: number;
  firstSeen: string | null;
  lastSeen: string | null;
  documentCount: number;
  entities_fr: string[];
  entities_ar: string[];
  entities_en: string[];
  lawRefs: string[];
}

export function buildCaseRecord(c: CaseSource, ctx: ProjectionContext): CaseIndexRecord {
  const fr = new Set<string>();
  const ar = new Set<string>();
  const en = new Set<string>();
  const lawRefs = new Set<string>();
  for (const id of [...c.orgIds, ...c.lawIds]) {
    const g = ctx.entry(id);
    if (!g) continue;
    for (const n of g.names.fr) fr.add(n);
    for (const n of g.names.ar) ar.add(n);
    for (const n of g.names.en) en.add(n);
  }
  for (const id of c.lawIds) {
    lawRefs.add(id);
    for (const v of lawNumberVariants(id)) lawRefs.add(v);
  }
  return {
    id: c.id,
    title_fr: c.titleFr,
    title_ar: c.titleAr,
    type: c.type,
    topic: c.topic,
    orgIds: c.orgIds,
    lawIds: c.lawIds,
    eventTypes: c.eventTypes,
    languages: c.languages,
    firstSeenAt: toUnixSeconds(c.firstSeenAt),
    lastSeenAt: toUnixSeconds(c.lastSeenAt),
    firstSeen: c.firstSeenAt,
    lastSeen: c.lastSeenAt,
    documentCount: c.documentCount,
    entities_fr: [...fr],
    entities_ar: [...ar],
    entities_en: [...en],
    lawRefs: [...lawRefs],
  };
}
