// Linking documents into enforcement cases: features of one document, the decision against
// candidate cases, and the case record. Pure; the store (store/cases.ts) does the I/O.
export type { CaseSummary, LinkDecision, LinkThresholds, ScoreParts } from './decide.ts';
export {
  absorbable,
  addToSummary,
  blockingKeys,
  canFoundCase,
  conceptKey,
  DEFAULT_THRESHOLDS,
  decideLink,
  emptySummary,
  keyWindowMonths,
  linkTerms,
  MAX_ABSORBABLE,
  mergeSummaries,
  monthBucket,
  scoreCandidate,
  skeletonSimilarity,
  termWeights,
} from './decide.ts';
export type { LinkEvent, LinkFeatureOptions, LinkFeatures } from './features.ts';
export { contentTokens, isProceduralId, isRegulatorId, linkFeatures } from './features.ts';
export type { LinkContext, LinkPlan } from './plan.ts';
export { planLink } from './plan.ts';
export type { CaseDocument, CaseDocumentOptions, CaseRecord, CaseRow, CaseType, TimelineEntry } from './record.ts';
export { buildCaseRecord, CASE_TYPES, caseDocument, caseTypeOf } from './record.ts';
