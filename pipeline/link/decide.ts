// Deciding which case a document belongs to: the best-scoring candidate above the join bar, the
// cases it mentions in passing, and the small cases a grown matter may absorb. One threshold starts
// a new case, a lower one records a secondary mention. Pure: the store loads the candidates and
// writes the outcome.
import type { LinkFeatures } from './features.ts';
import { gapToCase, scoreCandidate } from './score.ts';
import { type CaseSummary, topSubject } from './summary.ts';
export interface LinkDecision {
  /** null: the document starts a new case (or, when irrelevant, belongs to none). */
  primary: { caseId: string; score: number } | null;
  mentions: string[];
  /** Other candidates the document ties strongly to as well: evidence that they are one matter. */
  bridges: string[];
}

export interface LinkThresholds {
  join: number;
  mention: number;
  /** A document scoring this high against two cases makes them candidates for a merge. */
  bridge: number;
}

/** The join bar for a document that could not found a case of its own. */
const GENERAL_JOIN = 0.6;

export const DEFAULT_THRESHOLDS: LinkThresholds = { join: 0.4, mention: 0.25, bridge: 0.45 };
/** Cases up to this size may be absorbed by a matter that grew to claim them. */
export const MAX_ABSORBABLE = 3;

/**
 * Whether a document may start a case of its own. A case is one enforcement matter: someone it is
 * about, a step taken (complaint, inspection, sanction, leak...), a decision cited by number, or a
 * specific processing at stake. An interview of the regulator's president, an annual report or a
 * piece on the law's reform is relevant and searchable, and may join a matter it talks about, but
 * founds none.
 */
export function canFoundCase(doc: LinkFeatures): boolean {
  return (
    Object.keys(doc.subjects).length > 0 ||
    doc.events.some((e) => e.type !== 'communique') ||
    Object.keys(doc.laws).some((id) => id.startsWith('cndp-deliberation-')) ||
    (doc.topics?.length ?? 0) > 0
  );
}

export function decideLink(
  doc: LinkFeatures,
  candidates: readonly CaseSummary[],
  thresholds: LinkThresholds = DEFAULT_THRESHOLDS,
): LinkDecision {
  if (!doc.relevant) return { primary: null, mentions: [], bridges: [] };
  const scored = candidates
    .map((c) => ({ c, score: scoreCandidate(doc, c).score }))
    .sort((a, b) => b.score - a.score || a.c.caseId.localeCompare(b.c.caseId));
  const joinable = scored.filter((s) => s.c.acceptsAutoJoin || s.c.documentIds.includes(doc.documentId));
  const best = joinable[0];
  // Coverage about no matter in particular (a reform piece, a register of complaints) shares the
  // field's vocabulary with every case: it joins one only on clearly stronger evidence.
  const bar = canFoundCase(doc) ? thresholds.join : Math.max(thresholds.join, GENERAL_JOIN);
  const primary = best && best.score >= bar ? { caseId: best.c.caseId, score: best.score } : null;
  const primaryCase = best?.c;
  const bridges =
    primary && primaryCase
      ? joinable
          .filter(
            (s) => s.c.caseId !== primary.caseId && s.score >= thresholds.bridge && !subjectsConflict(s.c, primaryCase),
          )
          .map((s) => s.c.caseId)
      : [];
  const mentions: string[] = [];
  for (const s of scored) {
    if (s.c.caseId === primary?.caseId || bridges.includes(s.c.caseId)) continue;
    if (s.score >= thresholds.mention || mentionsSubjectOf(doc, s.c)) mentions.push(s.c.caseId);
  }
  return { primary, mentions, bridges };
}

/**
 * Late attachment: a small case started by documents that arrived before anything tied them to
 * the matter (crawls and backfills do not arrive in date order) joins the matter once its summary
 * has grown enough to claim them. Only small cases are reconsidered, so the cost stays bounded.
 */
export function absorbable(
  members: readonly LinkFeatures[],
  small: CaseSummary,
  target: CaseSummary,
  thresholds: LinkThresholds = DEFAULT_THRESHOLDS,
): boolean {
  const scores = memberScores(members, small, target, MAX_ABSORBABLE);
  // One member must belong outright; the others only must not contradict the matter (a short
  // excerpt in the other language shares little with it, but nothing against it either).
  return scores !== null && Math.max(...scores) >= thresholds.join && Math.min(...scores) >= thresholds.mention;
}

/** How each member of `small` scores against `target`; null when `small` may not be claimed at all. */
function memberScores(
  members: readonly LinkFeatures[],
  small: CaseSummary,
  target: CaseSummary,
  limit: number,
): number[] | null {
  if (members.length === 0 || members.length > limit || !small.acceptsAutoJoin) return null;
  if (subjectsConflict(small, target)) return null;
  return members.map((m) => scoreCandidate(m, target).score);
}

/** Cases up to this size may merge with another that a document ties to as strongly (`bridges`). */
export const MAX_BRIDGED = 40;

/**
 * Two grown cases that one document belongs to equally — a French and an Arabic thread of one
 * story, each started before anything tied them — are one matter when every document of the smaller
 * would have joined the larger outright. The bridging document alone never suffices: it would
 * chain unrelated matters together.
 */
export function bridgeable(
  members: readonly LinkFeatures[],
  smaller: CaseSummary,
  larger: CaseSummary,
  thresholds: LinkThresholds = DEFAULT_THRESHOLDS,
): boolean {
  const scores = memberScores(members, smaller, larger, MAX_BRIDGED);
  return scores?.every((s) => s >= thresholds.join) ?? false;
}

/** Both cases are established about companies and share none: never merged automatically. */
function subjectsConflict(a: CaseSummary, b: CaseSummary): boolean {
  const main = (c: CaseSummary) =>
    Object.entries(c.subjects)
      .filter(([, w]) => w / Math.max(c.docCount, 1) >= 0.4)
      .map(([id]) => id);
  const x = main(a);
  const y = main(b);
  return x.length > 0 && y.length > 0 && !x.some((id) => y.includes(id));
}

/**
 * A document names, in passing, the company another case is about (a "related stories" line, a
 * recap of earlier matters): a secondary mention, not membership.
 */
function mentionsSubjectOf(doc: LinkFeatures, summary: CaseSummary): boolean {
  const top = topSubject(summary);
  if (!top || doc.subjects[top] !== undefined) return false;
  if (!doc.orgIds.includes(top)) return false;
  const gap = gapToCase(doc.date, summary);
  return gap === null || gap <= 1100;
}
