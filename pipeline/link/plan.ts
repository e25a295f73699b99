// The linking policy for one document, as a plan the store applies: join a case, found one, or
// stay out of cases — plus the secondary mentions it records and the small cases the grown matter
// absorbs. Pure: the store loads the candidates (blocking), the archive's term rarity and, on
// demand, the members of a small candidate; it then writes what the plan says.
import type { LinkThresholds } from './decide.ts';
import {
  absorbable,
  bridgeable,
  canFoundCase,
  DEFAULT_THRESHOLDS,
  decideLink,
  MAX_ABSORBABLE,
  MAX_BRIDGED,
} from './decide.ts';
import type { LinkFeatures } from './features.ts';
import { scoreCandidate } from './score.ts';
import type { CaseSummary } from './summary.ts';
import { addToSummary, conceptKey, emptySummary, mergeSummaries } from './summary.ts';

export interface LinkContext {
  /** Live cases sharing a blocking key with the document (and its near-duplicate original's case). */
  candidates: readonly CaseSummary[];
  /** Words and concept keys common to many cases in the document's window: left out of the comparison. */
  generic: ReadonlySet<string>;
  /** Rarity of the document's terms among the other linked documents (`termWeights`). */
  termWeights: Record<string, number>;
  /** The case of the document's near-duplicate original: a copy goes where its original went. */
  duplicateCaseId: string | null;
  /** Features of a candidate's primary members; asked only for small cases the document relates to. */
  membersOf(caseId: string): LinkFeatures[];
  /** Whether analysts pinned documents in a case: such a case is never absorbed automatically. */
  isPinned(caseId: string): boolean;
}

export type LinkPlan =
  /** Irrelevant, or general coverage no case claims: it founds none but records what it mentions. */
  | { action: 'none'; mentions: string[] }
  | {
      action: 'join' | 'found';
      /** The case joined; for `found`, null (the store mints the id from the document). */
      caseId: string | null;
      score: number;
      mentions: string[];
      /** Small cases the grown matter claims, in order: they merge into the document's case. */
      absorb: string[];
    };

export function planLink(
  doc: LinkFeatures,
  context: LinkContext,
  thresholds: LinkThresholds = DEFAULT_THRESHOLDS,
): LinkPlan {
  if (!doc.relevant) return { action: 'none', mentions: [] };
  const { generic, candidates } = context;
  const scoring: LinkFeatures = {
    ...doc,
    tokens: doc.tokens.filter((t) => !generic.has(t)),
    titleTokens: doc.titleTokens.filter((t) => !generic.has(t)),
    concepts: doc.concepts?.filter((c) => !generic.has(conceptKey(c))),
    termWeights: context.termWeights,
  };
  const decision = decideLink(scoring, candidates, thresholds);
  const duplicate = context.duplicateCaseId;
  if (duplicate && candidates.some((c) => c.caseId === duplicate)) {
    decision.primary = { caseId: duplicate, score: 1 };
    decision.mentions = decision.mentions.filter((m) => m !== duplicate);
    decision.bridges = decision.bridges.filter((m) => m !== duplicate);
  }
  if (!decision.primary && !canFoundCase(doc)) return { action: 'none', mentions: decision.mentions };

  const primary = decision.primary;
  const joined = primary ? candidates.find((c) => c.caseId === primary.caseId) : undefined;
  let target = addToSummary(joined ?? emptySummary(primary?.caseId ?? doc.documentId), doc);

  // Cases among the candidates that the grown matter now claims join it — in particular those this
  // document ties to as strongly (`bridges`): they were one matter seen from two sides. A small
  // case is absorbed when each of its documents would have joined (`absorbable`); a grown one only
  // when this document bridges to it and every document of the smaller side would have joined the
  // larger (`bridgeable`): merging two big cases on one document's word would chain unrelated
  // matters together. Only cases this document relates to can be newly claimed: the matter's
  // summary changed by this document alone.
  const related = new Set([...decision.bridges, ...decision.mentions]);
  const claims = (other: CaseSummary): boolean => {
    if (other.docCount <= MAX_ABSORBABLE) return absorbable(context.membersOf(other.caseId), other, target, thresholds);
    if (!joined || !decision.bridges.includes(other.caseId)) return false;
    if (Math.min(other.docCount, target.docCount) > MAX_BRIDGED) return false;
    return other.docCount <= target.docCount
      ? bridgeable(context.membersOf(other.caseId), other, target, thresholds)
      : bridgeable([...context.membersOf(joined.caseId), doc], target, other, thresholds);
  };
  const absorb: string[] = [];
  for (const other of candidates) {
    if (!related.has(other.caseId) || other.caseId === primary?.caseId) continue;
    if (!other.acceptsAutoJoin || context.isPinned(other.caseId) || !claims(other)) continue;
    absorb.push(other.caseId);
    target = mergeSummaries(target, other);
  }
  return {
    action: primary ? 'join' : 'found',
    caseId: primary?.caseId ?? null,
    score: primary?.score ?? 1,
    mentions: decision.mentions,
    absorb,
  };
}

/**
 * Settling a batch. Undated coverage is linked in no particular order, so a document may found a
 * small case before the reports that would have claimed it were linked. Once the batch is in, such
 * a case joins the larger matter that now claims every one of its documents (`absorbable`, the rule
 * a growing matter absorbs by), the best-scoring first; null when none does.
 */
export function settleTarget(
  small: CaseSummary,
  members: readonly LinkFeatures[],
  candidates: readonly CaseSummary[],
  thresholds: LinkThresholds = DEFAULT_THRESHOLDS,
): string | null {
  const founder = members[0];
  if (!founder || members.length > MAX_ABSORBABLE || !small.acceptsAutoJoin) return null;
  const ranked = candidates
    .filter((c) => c.caseId !== small.caseId && c.docCount >= small.docCount && c.acceptsAutoJoin)
    .map((c) => ({ c, score: Math.max(...members.map((m) => scoreCandidate(m, c).score)) }))
    .sort((a, b) => b.score - a.score || a.c.caseId.localeCompare(b.c.caseId));
  for (const { c } of ranked) if (absorbable(members, small, c, thresholds)) return c.caseId;
  return null;
}
