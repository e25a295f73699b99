// What linking reads of an understood document: its link features (what it shares with a case) and
// its card (what a case shows of it). Pure; the caller hands both to the store, which links.
import type { UnderstoodDocument } from '../types.ts';
import { type LinkFeatures, linkFeatures } from './features.ts';
import { type CaseDocument, caseDocument } from './record.ts';

export interface LinkInput {
  features: LinkFeatures;
  card: CaseDocument;
}

export function linkInputOf(
  doc: UnderstoodDocument,
  context: {
    /** Canonical id of the document's near-duplicate cluster (analyses.duplicate_of). */
    duplicateOf?: string | null;
    /** Source kind from the source configuration (`regulator` marks the CNDP's own pages). */
    sourceKind?: string | null;
  } = {},
): LinkInput {
  const features = linkFeatures(doc, { duplicateOf: context.duplicateOf ?? null });
  const card = caseDocument(doc, {
    sourceKind: context.sourceKind ?? null,
    subjectIds: Object.keys(features.subjects),
  });
  return { features, card };
}
