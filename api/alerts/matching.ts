// Matching: which subscriptions an indexed document, a new or grown case, or a coming deadline
// concerns, as events frozen at the time they fire. Reads only; recording the matches is
// api/alerts/queue.ts's.
import type { DocumentQuery } from '../../index/index.ts';
import { addDaysToIso, daysBetweenIso } from '../../pipeline/dates/index.ts';
import { isAppError } from '../../pipeline/errors.ts';
import { getCaseRecord, resolveCaseId } from '../../store/cases.ts';
import type { Db } from '../../store/db.ts';
import type { AlertEvent, InboxRow } from '../../store/deliveries.ts';
import { deadlinesBetween } from '../../store/recent.ts';
import { listSubscriptions, type Subscription } from '../../store/subscriptions.ts';
import {
  caseDocumentEvent,
  caseSummary,
  deadlineEvent,
  documentEvent,
  documentSummary,
  type Links,
  newCaseEvent,
} from './events.ts';
import { toSavedQuery } from './query.ts';
import type { AlertLog, AlertMatcher } from './types.ts';

export interface MatchContext {
  db: Db;
  matcher: AlertMatcher;
  log: AlertLog;
  links: Links;
}

export type Match = { sub: Subscription; event: AlertEvent };

/** Ids per index query: planDocumentSearch caps offset + limit at 1000. */
const IDS_PER_QUERY = 200;

export async function matchDocuments(ctx: MatchContext, subs: Subscription[], rows: InboxRow[]): Promise<Match[]> {
  const { db, matcher, log, links } = ctx;
  const out: Match[] = [];
  const docRows = rows.filter((r) => r.kind === 'document');
  if (docRows.length === 0) return out;
  for (const sub of subs) {
    if (sub.kind !== 'search' && sub.kind !== 'org') continue;
    // A subscription sees what arrived after it was made, not the archive.
    const ids = [...new Set(docRows.filter((r) => r.enqueuedAt >= sub.createdAt).map((r) => r.entityId))];
    if (ids.length === 0) continue;
    let query: DocumentQuery;
    try {
      query =
        sub.kind === 'org'
          ? { q: '', orgs: [sub.params.orgId as string], limit: IDS_PER_QUERY }
          : toSavedQuery(sub.params.query ?? { q: '', relevant: 'true', includeDuplicates: false }, IDS_PER_QUERY);
    } catch (e) {
      log.warn({ subscription: sub.id, err: (e as Error).message }, 'alerts: saved search no longer valid');
      continue;
    }
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      let matched: string[];
      try {
        matched = await matcher.searchDocumentsAmong(query, ids.slice(i, i + IDS_PER_QUERY));
      } catch (e) {
        // A name the gazetteer no longer knows is this subscription's problem, not the batch's;
        // an index outage fails the batch, which is matched again later (nothing was committed).
        if (isAppError(e, 'BAD_REQUEST')) {
          log.warn({ subscription: sub.id, err: e.message }, 'alerts: saved search refused');
          break;
        }
        throw e;
      }
      for (const id of matched) {
        const doc = documentSummary(db, id, links);
        if (doc) out.push({ sub, event: documentEvent(doc) });
      }
    }
  }
  return out;
}

export function matchCases(ctx: MatchContext, subs: Subscription[], rows: InboxRow[]): Match[] {
  const { db, links } = ctx;
  const out: Match[] = [];
  for (const row of rows) {
    if (row.kind === 'case') {
      const interested = subs.filter(
        (s) => (s.kind === 'new_cases' || s.kind === 'org') && row.enqueuedAt >= s.createdAt,
      );
      if (interested.length === 0) continue;
      const record = getCaseRecord(db, row.entityId);
      // Absorbed since (a merge): the surviving case was announced in its own right.
      if (!record || record.id !== row.entityId) continue;
      const summary = caseSummary(db, record.id, links);
      if (!summary) continue;
      const orgIds = new Set(record.subjects.map((s) => s.id));
      for (const sub of interested) {
        const p = sub.params;
        const ok =
          sub.kind === 'org'
            ? orgIds.has(p.orgId as string)
            : (!p.caseTypes?.length || p.caseTypes.includes(record.type)) &&
              (!p.orgIds?.length || p.orgIds.some((o) => orgIds.has(o)));
        if (ok) out.push({ sub, event: newCaseEvent(summary) });
      }
    } else if (row.kind === 'member' && row.documentId) {
      const interested = subs.filter((s) => s.kind === 'case' && row.enqueuedAt >= s.createdAt);
      if (interested.length === 0) continue;
      const live = resolveCaseId(db, row.entityId);
      if (!live) continue;
      const c = caseSummary(db, live, links);
      const doc = documentSummary(db, row.documentId, links);
      if (!c || !doc) continue;
      for (const sub of interested) {
        // A followed case that was merged into another keeps being followed under its new id.
        if (resolveCaseId(db, sub.params.caseId as string) === live)
          out.push({ sub, event: caseDocumentEvent(c, doc) });
      }
    }
  }
  return out;
}

/** Reminders due at `at`: before a deadline (each subscription's `daysBefore`) and on the day. */
export function deadlineMatches(ctx: MatchContext, at: Date): Match[] {
  const { db, links } = ctx;
  const subs = listSubscriptions(db, { kinds: ['deadline'], statuses: ['active', 'disabled'] });
  if (subs.length === 0) return [];
  const today = at.toISOString().slice(0, 10);
  const horizon = Math.max(...subs.map((s) => s.params.daysBefore ?? 7));
  const last = addDaysToIso(today, horizon);
  const rows = deadlinesBetween(db, today, last);
  const out: Match[] = [];
  for (const r of rows) {
    const daysLeft = daysBetweenIso(r.date, today);
    const doc = documentSummary(db, r.documentId, links);
    if (!doc) continue;
    const c = r.caseId ? caseSummary(db, r.caseId, links) : null;
    const orgs = new Set(r.orgIds);
    for (const sub of subs) {
      const p = sub.params;
      if (daysLeft > (p.daysBefore ?? 7)) continue;
      if (p.caseId && (!c || resolveCaseId(db, p.caseId) !== c.id)) continue;
      if (p.orgId && !orgs.has(p.orgId)) continue;
      out.push({ sub, event: deadlineEvent({ date: r.date, label: r.label, daysLeft, case: c, document: doc }) });
    }
  }
  return out;
}
