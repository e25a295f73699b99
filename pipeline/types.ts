// The domain types every stage speaks. `pipeline/` imports no sibling folder; the store, the
// crawlers, the index and the API build on these.

/** ISO 639-1 codes for the languages Raqib handles; `und` when no language can be told. */
export type Lang = 'fr' | 'ar' | 'en' | 'und';

/** Stage 1 output: the main content and metadata of one page. */
export interface Extracted {
  title: string | null;
  /** Main text, paragraphs separated by a blank line. Entity offsets point into this string. */
  text: string;
  publishedAt: string | null;
  updatedAt: string | null;
  author: string | null;
  canonicalUrl: string | null;
  declaredLanguage: string | null;
  /** Set when the page is not an article (ticker-only aggregator page, empty body...). */
  rejected: { reason: string } | null;
}

/** Where an entity was read: offsets into the document text, the sentence around it. */
export interface Span {
  start: number;
  end: number;
  text: string;
  sentence: string;
  confidence: number;
}

export interface OrganizationEntity {
  /**
   * Gazetteer id (e.g. `org:tlscontact`), or for organizations outside the gazetteer `org:x-<key>`
   * where the key is the name's consonant skeleton when distinctive (so a French and an Arabic
   * spelling of one company meet) and a slug of the normalized name otherwise.
   */
  id: string;
  name: string;
  known: boolean;
  mentions: Span[];
}

export interface PersonEntity {
  id: string;
  name: string;
  mentions: Span[];
}

export type LawKind = 'law' | 'article' | 'chapter' | 'decree' | 'dahir' | 'deliberation' | 'code';

export interface LawEntity {
  /** e.g. `ma-law-09-08`, `ma-law-09-08/art-43`, `cndp-deliberation-D-194-2019`. */
  id: string;
  label: string;
  kind: LawKind;
  /** For articles and chapters: the law they belong to. */
  parentId: string | null;
  mentions: Span[];
}

export interface DeadlineEntity {
  /** Resolved ISO date (YYYY-MM-DD). */
  date: string;
  label: string;
  mentions: Span[];
}

export interface AmountEntity {
  value: number;
  /** Upper bound of a range ("de 20.000 à 200.000 DH"). */
  maxValue: number | null;
  currency: 'MAD' | 'EUR' | 'USD';
  /** Imposed on someone, a legal maximum quoted from a law, or neither. */
  kind: 'imposed' | 'legal_max' | 'other';
  mentions: Span[];
}

export const EVENT_TYPES = [
  'complaint',
  'inspection',
  'hearing',
  'formal_notice',
  'sanction',
  'referral_prosecutor',
  'moratorium',
  'deliberation',
  'data_breach',
  'communique',
  // Much of a data-protection authority's record is not enforcement: conventions and memoranda it
  // signs, meetings and conferences it holds, programmes and mechanisms it launches. Each is a
  // matter analysts follow like any other.
  'agreement',
  'meeting',
  'launch',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface EventEntity {
  type: EventType;
  /** Resolved ISO date when the text dates the event. */
  date: string | null;
  mentions: Span[];
}

export interface Entities {
  organizations: OrganizationEntity[];
  persons: PersonEntity[];
  laws: LawEntity[];
  deadlines: DeadlineEntity[];
  amounts: AmountEntity[];
  events: EventEntity[];
}

/** What the pipeline knows about one document: the derived record, re-derivable from the snapshot. */
export interface UnderstoodDocument {
  id: string;
  url: string;
  sourceId: string;
  outlet: string | null;
  title: string | null;
  text: string;
  language: Lang;
  /** Per-paragraph languages, same order as the blank-line separated paragraphs of `text`. */
  paragraphLanguages: Lang[];
  publishedAt: string | null;
  /**
   * Where `publishedAt` came from: whoever supplied the page, the page's metadata, or its text (a
   * dateline, a sign-off, the latest day it reports — then `publishedAtEvidence` quotes it). Absent
   * in records made before dates were inferred.
   */
  publishedAtSource?: 'supplied' | 'page' | 'text' | null;
  publishedAtEvidence?: string | null;
  updatedAt: string | null;
  author: string | null;
  relevant: boolean;
  relevanceScore: number;
  entities: Entities;
  pipelineVersion: number;
}
