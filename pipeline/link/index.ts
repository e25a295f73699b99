// Linking documents into enforcement cases: features of one document, the decision against
// candidate cases, and the case record. Pure; the store (store/cases.ts) does the I/O.

export { blockingKeys, keyWindowMonths, monthBucket } from './blocking.ts';
export type { LinkDecision, LinkThresholds } from './decide.ts';
export { absorbable, canFoundCase, DEFAULT_THRESHOLDS, decideLink, MAX_ABSORBABLE } from './decide.ts';
export type { LinkEvent, LinkFeatureOptions, LinkFeatures } from './features.ts';
export { contentTokens, isProceduralId, isRegulatorId, linkFeatures } from './features.ts';
export type { LinkInput } from './input.ts';
export { linkInputOf } from './input.ts';
export type { LinkContext, LinkPlan } from './plan.ts';
export { planLink, settleTarget } from './plan.ts';
export type { CaseDocument, CaseDocumentOptions, CaseRecord, CaseRow, CaseType, TimelineEntry } from './record.ts';
export { buildCaseRecord, CASE_TYPES, caseDocument, caseTypeOf } from './record.ts';
export type { ScoreParts } from './score.ts';
export { linkTerms, scoreCandidate, skeletonSimilarity, termWeights } from './score.ts';
export type { CaseSummary } from './summary.ts';
export { addToSummary, conceptKey, emptySummary, mergeSummaries } from './summary.ts';
