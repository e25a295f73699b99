// A case as the linker sees it: what its documents share (subjects, laws, dated steps, period,
// words and concepts, details), kept small by caps so a summary costs the same however large the case.
import type { LinkEvent, LinkFeatures } from './features.ts';
export interface CaseSummary {
  caseId: string;
  /** False for a case an analyst split off: only pinned documents live there. */
  acceptsAutoJoin: boolean;
  docCount: number;
  documentIds: string[];
  /** Subject organization → summed weight over the documents. */
  subjects: Record<string, number>;
  /** Every organization named (regulators excluded), capped. */
  orgIds: string[];
  /** Consonant skeletons of the unknown organizations among them. */
  orgKeys: Record<string, string>;
  orgSectors?: Record<string, string>;
  regulatorIds: string[];
  /** Law id → highest specificity weight seen. */
  laws: Record<string, number>;
  events: LinkEvent[];
  /** Token → number of documents carrying it (capped to the most frequent). */
  tokens: Record<string, number>;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Distinct member dates (sorted, capped): time is measured to the nearest member, not the span. */
  dates: string[];
  /** Cities, compound-name skeletons and figures of the members (capped; absent in old summaries). */
  places?: string[];
  names?: string[];
  figures?: number[];
  topics?: string[];
  /** Full dates the members mention (capped; absent in old summaries). */
  days?: string[];
  /** Members per language (absent in old summaries). */
  languages?: Record<string, number>;
}
const MAX_TOKENS = 160;
const MAX_EVENTS = 40;
const MAX_DOC_IDS = 50;
const MAX_ORGS = 60;
const MAX_DATES = 64;
const MAX_DETAILS = 48;

export function topSubject(summary: CaseSummary): string | null {
  let best: string | null = null;
  let weight = 0;
  for (const [id, w] of Object.entries(summary.subjects)) {
    if (w > weight || (w === weight && best !== null && id < best)) {
      best = id;
      weight = w;
    }
  }
  return best !== null && weight / Math.max(summary.docCount, 1) >= 0.4 ? best : null;
}

export function emptySummary(caseId: string, acceptsAutoJoin = true): CaseSummary {
  return {
    caseId,
    acceptsAutoJoin,
    docCount: 0,
    documentIds: [],
    subjects: {},
    orgIds: [],
    orgKeys: {},
    regulatorIds: [],
    laws: {},
    events: [],
    tokens: {},
    firstSeen: null,
    lastSeen: null,
    dates: [],
    places: [],
    names: [],
    figures: [],
    days: [],
    topics: [],
    languages: {},
  };
}

/** Add values to a capped list, keeping the earliest (the story's own details come first). */
function addCapped<T>(list: readonly T[] | undefined, values: readonly T[] | undefined): T[] {
  const next = [...(list ?? [])];
  for (const v of values ?? []) if (next.length < MAX_DETAILS && !next.includes(v)) next.push(v);
  return next;
}

function addDate(dates: string[], date: string): string[] {
  if (dates.includes(date)) return dates;
  const next = [...dates, date].sort();
  // Keep the first date and the most recent ones: follow-ups refer to the start or the latest step.
  return next.length > MAX_DATES ? [next[0] as string, ...next.slice(next.length - MAX_DATES + 1)] : next;
}

/** Fold one document into a case summary (returns a new summary; bounded size whatever the case size). */
export function addToSummary(summary: CaseSummary, doc: LinkFeatures): CaseSummary {
  const next: CaseSummary = structuredClone(summary);
  if (!next.documentIds.includes(doc.documentId)) {
    next.documentIds.push(doc.documentId);
    if (next.documentIds.length > MAX_DOC_IDS) next.documentIds.shift();
  }
  next.docCount += 1;
  // A summary stored before languages were counted stays without: a partial count would mislead.
  if (next.languages) next.languages[doc.language] = (next.languages[doc.language] ?? 0) + 1;
  for (const [id, w] of Object.entries(doc.subjects)) next.subjects[id] = (next.subjects[id] ?? 0) + w;
  for (const r of doc.regulatorIds) if (!next.regulatorIds.includes(r)) next.regulatorIds.push(r);
  for (const o of doc.orgIds) if (!next.orgIds.includes(o) && next.orgIds.length < MAX_ORGS) next.orgIds.push(o);
  next.orgKeys = { ...next.orgKeys, ...pick(doc.orgKeys, next.orgIds) };
  next.orgSectors = { ...next.orgSectors, ...pick(doc.orgSectors, next.orgIds) };
  for (const [id, w] of Object.entries(doc.laws)) next.laws[id] = Math.max(next.laws[id] ?? 0, w);
  for (const e of doc.events) {
    if (!next.events.some((x) => x.type === e.type && x.date === e.date)) next.events.push(e);
  }
  if (next.events.length > MAX_EVENTS) next.events = next.events.slice(-MAX_EVENTS);
  for (const t of [...doc.tokens, ...(doc.concepts ?? []).map(conceptKey)]) next.tokens[t] = (next.tokens[t] ?? 0) + 1;
  const tokenIds = Object.keys(next.tokens);
  if (tokenIds.length > MAX_TOKENS) {
    const keep = tokenIds.sort((a, b) => (next.tokens[b] ?? 0) - (next.tokens[a] ?? 0)).slice(0, MAX_TOKENS);
    next.tokens = Object.fromEntries(keep.map((t) => [t, next.tokens[t] ?? 0]));
  }
  next.places = addCapped(next.places, doc.places);
  next.names = addCapped(next.names, doc.names);
  next.figures = addCapped(next.figures, doc.figures);
  next.topics = addCapped(next.topics, doc.topics);
  next.days = addCapped(next.days, doc.days);
  if (doc.date) {
    if (!next.firstSeen || doc.date < next.firstSeen) next.firstSeen = doc.date;
    if (!next.lastSeen || doc.date > next.lastSeen) next.lastSeen = doc.date;
    next.dates = addDate(next.dates ?? [], doc.date);
  }
  return next;
}

/** The entries of `record` whose organization the case kept. */
function pick(record: Record<string, string> | undefined, ids: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).filter(([id]) => ids.includes(id)));
}

/** Fold a whole case (e.g. after a merge) into one summary. */
export function mergeSummaries(survivor: CaseSummary, absorbed: CaseSummary): CaseSummary {
  const next: CaseSummary = structuredClone(survivor);
  for (const id of absorbed.documentIds) if (!next.documentIds.includes(id)) next.documentIds.push(id);
  next.docCount += absorbed.docCount;
  if (next.languages && absorbed.languages) {
    for (const [lang, n] of Object.entries(absorbed.languages)) next.languages[lang] = (next.languages[lang] ?? 0) + n;
  } else delete next.languages;
  for (const [id, w] of Object.entries(absorbed.subjects)) next.subjects[id] = (next.subjects[id] ?? 0) + w;
  for (const r of absorbed.regulatorIds) if (!next.regulatorIds.includes(r)) next.regulatorIds.push(r);
  for (const o of absorbed.orgIds ?? [])
    if (!next.orgIds.includes(o) && next.orgIds.length < MAX_ORGS) next.orgIds.push(o);
  next.orgKeys = { ...pick(absorbed.orgKeys, next.orgIds), ...next.orgKeys };
  next.orgSectors = { ...pick(absorbed.orgSectors, next.orgIds), ...next.orgSectors };
  for (const [id, w] of Object.entries(absorbed.laws)) next.laws[id] = Math.max(next.laws[id] ?? 0, w);
  for (const e of absorbed.events)
    if (!next.events.some((x) => x.type === e.type && x.date === e.date)) next.events.push(e);
  for (const [t, n] of Object.entries(absorbed.tokens)) next.tokens[t] = (next.tokens[t] ?? 0) + n;
  for (const d of absorbed.dates ?? []) next.dates = addDate(next.dates ?? [], d);
  next.places = addCapped(next.places, absorbed.places);
  next.names = addCapped(next.names, absorbed.names);
  next.figures = addCapped(next.figures, absorbed.figures);
  next.topics = addCapped(next.topics, absorbed.topics);
  next.days = addCapped(next.days, absorbed.days);
  for (const d of [absorbed.firstSeen, absorbed.lastSeen]) {
    if (!d) continue;
    if (!next.firstSeen || d < next.firstSeen) next.firstSeen = d;
    if (!next.lastSeen || d > next.lastSeen) next.lastSeen = d;
  }
  return next;
}

/** A concept id as a member of the case's word bag. */
export function conceptKey(id: string): string {
  return `#${id}`;
}
