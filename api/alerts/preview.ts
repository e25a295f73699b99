// "How many would have matched over the last 100 days": the same matching as the engine's, run over
// the documents (or cases, or deadlines) of that window, so a newsroom tunes a subscription before
// it fires. Saved searches go through `searchDocumentsAmong`, exactly as live matching does.

import type { DocumentQuery } from '../../index/index.ts';
import { AppError, isAppError } from '../../pipeline/errors.ts';
import { getCaseRecord, resolveCaseId } from '../../store/cases.ts';
import type { Db } from '../../store/db.ts';
import { caseDocumentCountSince, caseIdsSince, deadlinesBetween, documentIdsSince } from '../../store/recent.ts';
import type { SubscriptionKind, SubscriptionParams } from '../../store/subscriptions.ts';
import { toSavedQuery } from './query.ts';
import type { AlertMatcher } from './types.ts';

const PREVIEW_DAYS = 100;
/** Newest documents of the window looked at; beyond, the count says it is a lower bound. */
const MAX_PREVIEW_DOCUMENTS = 5000;
const IDS_PER_QUERY = 200;
/** Newest cases of the window looked at for a new-cases preview. */
const MAX_PREVIEW_CASES = 2000;

export interface PreviewResult {
  days: number;
  since: string;
  /** Documents (kinds search, org, case), cases (new_cases) or reminders (deadline); null when the index is down. */
  count: number | null;
  unit: 'documents' | 'cases' | 'reminders';
  /** True when the window held more documents than were looked at. */
  truncated: boolean;
}

export async function previewCount(
  deps: { db: Db; matcher?: AlertMatcher; now: Date },
  kind: SubscriptionKind,
  params: SubscriptionParams,
): Promise<PreviewResult> {
  const { db } = deps;
  const since = new Date(deps.now.getTime() - PREVIEW_DAYS * 86_400_000).toISOString();
  const result = (count: number | null, unit: PreviewResult['unit'], truncated = false): PreviewResult => ({
    days: PREVIEW_DAYS,
    since,
    count,
    unit,
    truncated,
  });

  if (kind === 'search' || kind === 'org') {
    const query: DocumentQuery =
      kind === 'org'
        ? { q: '', orgs: [params.orgId as string], limit: IDS_PER_QUERY }
        : toSavedQuery(params.query ?? { q: '', relevant: 'true', includeDuplicates: false }, IDS_PER_QUERY);
    // Publication date when known, else when we first saw the page.
    const ids = documentIdsSince(db, since, MAX_PREVIEW_DOCUMENTS + 1);
    const truncated = ids.length > MAX_PREVIEW_DOCUMENTS;
    if (!deps.matcher) return result(null, 'documents', truncated);
    let count = 0;
    try {
      for (let i = 0; i < Math.min(ids.length, MAX_PREVIEW_DOCUMENTS); i += IDS_PER_QUERY)
        count += (await deps.matcher.searchDocumentsAmong(query, ids.slice(i, i + IDS_PER_QUERY))).length;
    } catch (e) {
      // A bad saved search is the caller's error; an index outage only costs the preview.
      if (isAppError(e, 'BAD_REQUEST')) throw e;
      if (isAppError(e, 'INDEX_UNAVAILABLE') || isAppError(e, 'INDEX_TASK_FAILED')) return result(null, 'documents');
      throw e;
    }
    return result(count, 'documents', truncated);
  }

  if (kind === 'case') {
    const live = resolveCaseId(db, params.caseId as string);
    if (!live) throw new AppError('BAD_REQUEST', `Unknown case "${params.caseId}"`);
    return result(caseDocumentCountSince(db, live, since), 'documents');
  }

  if (kind === 'new_cases') {
    const ids = caseIdsSince(db, since, MAX_PREVIEW_CASES);
    let n = 0;
    for (const id of ids) {
      if (!params.caseTypes?.length && !params.orgIds?.length) {
        n++;
        continue;
      }
      const r = getCaseRecord(db, id);
      if (!r) continue;
      const orgs = new Set(r.subjects.map((s) => s.id));
      if (params.caseTypes?.length && !params.caseTypes.includes(r.type)) continue;
      if (params.orgIds?.length && !params.orgIds.some((o) => orgs.has(o))) continue;
      n++;
    }
    return result(n, 'cases');
  }

  // Deadlines that fell in the window: each would have brought a reminder (before and on the day).
  const rows = deadlinesBetween(db, since.slice(0, 10), deps.now.toISOString().slice(0, 10));
  const wantCase = params.caseId ? resolveCaseId(db, params.caseId) : null;
  const seen = new Set<string>();
  for (const r of rows) {
    if (params.caseId && r.caseId !== wantCase) continue;
    if (params.orgId && !r.orgIds.includes(params.orgId)) continue;
    // One reminder per case and date, as the engine's event keys have it.
    seen.add(`${r.caseId ?? r.documentId}:${r.date}`);
  }
  return result(seen.size, 'reminders');
}
