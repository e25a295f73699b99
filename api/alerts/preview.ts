// "How many would have matched over the last 100 days": the same matching as the engine's, run over
// the documents (or cases, or deadlines) of that window, so a newsroom tunes a subscription before
// it fires. Saved searches go through `searchDocumentsAmong`, exactly as live matching does.

import type { DocumentQuery } from '../../index/index.ts';
import { AppError, isAppError } from '../../pipeline/errors.ts';
import { getCaseRecord, resolveCaseId } from '../../store/cases.ts';
import type { Db } from '../../store/db.ts';
import type { SubscriptionKind, SubscriptionParams } from '../../store/subscriptions.ts';
import type { AlertMatcher } from './engine.ts';
import { toSavedQuery } from './query.ts';

export const PREVIEW_DAYS = 100;
/** Newest documents of the window looked at; beyond, the count says it is a lower bound. */
const MAX_PREVIEW_DOCUMENTS = 5000;
const IDS_PER_QUERY = 200;

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
    const ids = db
      .prepare(
        `SELECT a.document_id FROM analyses a LEFT JOIN documents d ON d.id = a.document_id
         WHERE coalesce(a.published_at, d.first_seen_at) >= ?
         ORDER BY coalesce(a.published_at, d.first_seen_at) DESC LIMIT ?`,
      )
      .pluck()
      .all(since, MAX_PREVIEW_DOCUMENTS + 1) as string[];
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
    const n = db
      .prepare(
        `SELECT count(*) FROM case_members m JOIN analyses a ON a.document_id = m.document_id
         LEFT JOIN documents d ON d.id = m.document_id
         WHERE m.case_id = ? AND coalesce(a.published_at, d.first_seen_at) >= ?`,
      )
      .pluck()
      .get(live, since) as number;
    return result(n, 'documents');
  }

  if (kind === 'new_cases') {
    const ids = db
      .prepare('SELECT id FROM cases WHERE coalesce(first_seen, created_at) >= ? ORDER BY created_seq DESC LIMIT 2000')
      .pluck()
      .all(since) as string[];
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
  const rows = db
    .prepare(
      `SELECT a.document_id, a.entities, m.case_id, json_extract(d.value, '$.date') AS date
       FROM analyses a, json_each(a.entities, '$.deadlines') d
       LEFT JOIN case_members m ON m.document_id = a.document_id AND m.role = 'primary'
       WHERE a.relevant = 1 AND a.duplicate_of IS NULL AND json_extract(d.value, '$.date') BETWEEN ? AND ?`,
    )
    .all(since.slice(0, 10), deps.now.toISOString().slice(0, 10)) as {
    document_id: string;
    entities: string;
    case_id: string | null;
    date: string;
  }[];
  const wantCase = params.caseId ? resolveCaseId(db, params.caseId) : null;
  const seen = new Set<string>();
  for (const r of rows) {
    if (params.caseId && r.case_id !== wantCase) continue;
    if (params.orgId) {
      const orgs = (JSON.parse(r.entities) as { organizations?: { id: string }[] }).organizations ?? [];
      if (!orgs.some((o) => o.id === params.orgId)) continue;
    }
    // One reminder per case and date, as the engine's event keys have it.
    seen.add(`${r.case_id ?? r.document_id}:${r.date}`);
  }
  return result(seen.size, 'reminders');
}
