// Understanding one page, in order: each stage is a pure function in its own module. Where this sits
// in the whole job — duplicates, storage and case linking, which need the record — is written once,
// in app/process.ts.
import { inferPublicationDate, parseDateString } from './dates/index.ts';
import { contentHash, lshKeys, minhashSignature } from './dedupe.ts';
import { extractEntities } from './entities/index.ts';
import { extract } from './extract/index.ts';
import { documentId } from './ids.ts';
import { detectLanguage, detectParagraphLanguages } from './language.ts';
import { scoreRelevance } from './relevance.ts';
import type { Lang, UnderstoodDocument } from './types.ts';

/**
 * Bump when any stage (extraction, dates, entities, relevance...) changes what it derives: stored
 * analyses of older versions are redone from their snapshots by the next `raqib process`.
 */
export const PIPELINE_VERSION = 5;

export type SourceKind = 'regulator' | 'press' | 'aggregator';

export interface UnderstandInput {
  url: string;
  /** The stored canonical URL; the document id derives from it. */
  canonicalUrl: string;
  sourceId: string;
  sourceKind: SourceKind;
  outlet: string | null;
  contentType: string;
  /** Decoded HTML, PDF text or plain text. */
  body: string;
  /** Facts stated by whoever supplied the page (an import line): explicit, so they win over what the page suggests. */
  hints?: { title?: string | null; publishedAt?: string | null; language?: Lang | null };
}

export interface UnderstandResult {
  doc: UnderstoodDocument;
  rejectedReason: string | null;
  contentHash: string;
  signature: Uint32Array;
  bandKeys: string[];
}

export function understand(input: UnderstandInput): UnderstandResult {
  // 1. Main content and metadata.
  const extracted = extract({ contentType: input.contentType, text: input.body, url: input.url });
  const text = extracted.text;
  const title = input.hints?.title ?? extracted.title ?? null;

  // 2. Dates: the supplier's word, then page metadata, then what the text itself says (a dateline,
  // a sign-off, the latest day it reports) — never the time it was fetched or imported.
  const dated = publicationDate(input.hints?.publishedAt ?? null, extracted.publishedAt, text);
  const publishedAt = dated?.date ?? null;

  // 3. Language, per document and per paragraph.
  const language = input.hints?.language ?? detectLanguage(`${title ?? ''}\n\n${text}`);
  const paragraphLanguages = detectParagraphLanguages(text);

  // 6. Relevance (stage 4, normalization, and 5, near-duplicates, work inside the stages and in the caller).
  const relevance = scoreRelevance({ title, text, language, sourceKind: input.sourceKind });

  // 7. Entities, resolved against the publication date.
  const entities = extractEntities({ text, title, language, publishedAt });

  // 5. Near-duplicate signature of the clean text (the lookup needs the store: see app/process.ts).
  const signature = minhashSignature(text);

  const doc: UnderstoodDocument = {
    id: documentId(input.canonicalUrl),
    url: input.canonicalUrl,
    sourceId: input.sourceId,
    outlet: input.outlet,
    title,
    text,
    language,
    paragraphLanguages,
    publishedAt,
    publishedAtSource: dated?.source ?? null,
    publishedAtEvidence: dated?.evidence ?? null,
    updatedAt: normalizeDate(extracted.updatedAt),
    author: extracted.author,
    relevant: extracted.rejected === null && relevance.relevant,
    relevanceScore: relevance.score,
    entities,
    pipelineVersion: PIPELINE_VERSION,
  };
  return {
    doc,
    rejectedReason: extracted.rejected?.reason ?? null,
    contentHash: contentHash(text),
    signature,
    bandKeys: lshKeys(signature),
  };
}

/** Metadata dates come in every format (ISO, RFC 2822, bylines); impossible ones become null. */
function normalizeDate(value: string | null): string | null {
  return value ? parseDateString(value) : null;
}

function publicationDate(
  supplied: string | null,
  page: string | null,
  text: string,
): { date: string; source: 'supplied' | 'page' | 'text'; evidence: string | null } | null {
  const fromSupplier = normalizeDate(supplied);
  if (fromSupplier) return { date: fromSupplier, source: 'supplied', evidence: null };
  const fromPage = normalizeDate(page);
  if (fromPage) return { date: fromPage, source: 'page', evidence: null };
  const inferred = inferPublicationDate(text);
  return inferred ? { date: inferred.date, source: 'text', evidence: inferred.evidence } : null;
}
