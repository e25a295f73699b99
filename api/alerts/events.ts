// Alert events and the versioned payload every channel renders. An event is frozen (JSON) when it
// is matched, so a retry, a digest or a feed entry shows what was true when it fired.
import { getCase } from '../../store/cases.ts';
import type { Db } from '../../store/db.ts';
import type { AlertEvent } from '../../store/deliveries.ts';
import { documentHeadline } from '../../store/recent.ts';
import type { Subscription } from '../../store/subscriptions.ts';

/** Bumped when a field changes meaning or disappears; new fields may appear within a version. */
const PAYLOAD_VERSION = 1;

export type EventType = 'document.new' | 'case.new' | 'case.document_added' | 'deadline.upcoming' | 'deadline.today';

export interface DocumentSummary {
  id: string;
  title: string | null;
  url: string | null;
  language: string;
  publishedAt: string | null;
  sourceId: string;
  outlet: string | null;
  link: string;
}

export interface CaseSummary {
  id: string;
  title: { fr: string; ar: string };
  type: string;
  documentCount: number;
  link: string;
}

export interface Links {
  base: string;
}

export function documentSummary(db: Db, id: string, links: Links): DocumentSummary | null {
  const r = documentHeadline(db, id);
  if (!r) return null;
  return {
    id: r.id,
    title: r.title,
    url: r.canonicalUrl,
    language: r.language,
    publishedAt: r.publishedAt,
    sourceId: r.sourceId,
    outlet: r.outlet,
    link: `${links.base}/documents/${encodeURIComponent(r.id)}`,
  };
}

export function caseSummary(db: Db, id: string, links: Links): CaseSummary | null {
  const c = getCase(db, id);
  if (!c) return null;
  return {
    id: c.id,
    title: { fr: c.titleFr, ar: c.titleAr },
    type: c.type,
    documentCount: c.documentCount,
    link: `${links.base}/cases/${encodeURIComponent(c.id)}`,
  };
}

export function documentEvent(doc: DocumentSummary): AlertEvent {
  return { key: `document:${doc.id}`, type: 'document.new', document: doc };
}

export function newCaseEvent(c: CaseSummary): AlertEvent {
  return { key: `case:${c.id}:new`, type: 'case.new', case: c };
}

export function caseDocumentEvent(c: CaseSummary, doc: DocumentSummary): AlertEvent {
  return { key: `case:${c.id}:document:${doc.id}`, type: 'case.document_added', case: c, document: doc };
}

export function deadlineEvent(input: {
  date: string;
  label: string;
  daysLeft: number;
  case: CaseSummary | null;
  document: DocumentSummary;
}): AlertEvent {
  const today = input.daysLeft <= 0;
  const about = input.case ? `case:${input.case.id}` : `document:${input.document.id}`;
  return {
    key: `deadline:${about}:${input.date}:${today ? 'day' : 'before'}`,
    type: today ? 'deadline.today' : 'deadline.upcoming',
    deadline: { date: input.date, label: input.label, daysLeft: Math.max(0, input.daysLeft) },
    case: input.case,
    document: input.document,
  };
}

export interface Payload {
  version: number;
  /** Equals the Idempotency-Key header: the same for every retry of this delivery. */
  id: string;
  type: EventType | 'digest';
  createdAt: string;
  subscription: { id: string; kind: string; name: string | null; rate: string };
  events: AlertEvent[];
  links: { unsubscribe: string; feed: string; subscription: string };
}

export function subscriptionLinks(sub: Pick<Subscription, 'id' | 'token'>, links: Links): Payload['links'] {
  return {
    unsubscribe: `${links.base}/unsubscribe/${sub.token}`,
    feed: `${links.base}/feeds/subscriptions/${sub.token}`,
    subscription: `${links.base}/subscriptions/${encodeURIComponent(sub.id)}`,
  };
}

export function buildPayload(
  sub: Subscription,
  idempotencyKey: string,
  events: AlertEvent[],
  digest: boolean,
  createdAt: string,
  links: Links,
): Payload {
  return {
    version: PAYLOAD_VERSION,
    id: idempotencyKey,
    type: digest ? 'digest' : ((events[0]?.type as EventType | undefined) ?? 'digest'),
    createdAt,
    subscription: { id: sub.id, kind: sub.kind, name: sub.name, rate: sub.rate },
    events,
    links: subscriptionLinks(sub, links),
  };
}
