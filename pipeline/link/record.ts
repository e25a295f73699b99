// The case record people read: what the matter is, who it is about, what happened when and who
// says so. Built from the member documents' compact cards, so it can be rebuilt at any time.
import { detectTopics, type TopicId, topicLabel } from '../topics.ts';
import type { EventType, Lang, LawKind, UnderstoodDocument } from '../types.ts';
import { isRegulatorId } from './features.ts';

export const CASE_TYPES = [
  'investigation',
  'sanction',
  'regulatory_decision',
  'data_breach',
  'platform_cooperation',
  'cooperation',
  'outreach',
  'public_statement',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** What a case record needs from one member document; stored beside the membership. */
export interface CaseDocument {
  id: string;
  url: string;
  title: string | null;
  language: Lang;
  outlet: string | null;
  sourceId: string;
  /** The regulator's own communiqué or decision (as opposed to press coverage). */
  fromRegulator: boolean;
  publishedAt: string | null;
  organizations: { id: string; name: string; subject: boolean; regulator: boolean }[];
  laws: { id: string; label: string; kind: LawKind; parentId: string | null }[];
  /** Each step with the sentence that reports it (absent in cards stored before sentences). */
  events: { type: EventType; date: string | null; sentence?: string }[];
  deadlines: { date: string; label: string }[];
  /** What the document is about, most mentioned first (optional in cards stored before topics). */
  topics?: TopicId[];
}

export interface CaseDocumentOptions {
  /** From the source configuration: `regulator` for the CNDP's own pages. */
  sourceKind?: string | null;
  subjectIds?: readonly string[];
}

export function caseDocument(doc: UnderstoodDocument, options: CaseDocumentOptions = {}): CaseDocument {
  const subjects = new Set(options.subjectIds ?? []);
  return {
    id: doc.id,
    url: doc.url,
    title: doc.title,
    language: doc.language,
    outlet: doc.outlet,
    sourceId: doc.sourceId,
    fromRegulator: options.sourceKind ? options.sourceKind === 'regulator' : /^cndp/i.test(doc.sourceId),
    publishedAt: doc.publishedAt,
    organizations: doc.entities.organizations.map((o) => ({
      id: o.id,
      name: o.name,
      subject: subjects.has(o.id),
      regulator: isRegulatorId(o.id, o.name),
    })),
    laws: doc.entities.laws.map((l) => ({ id: l.id, label: l.label, kind: l.kind, parentId: l.parentId })),
    events: doc.entities.events.map((e) => ({
      type: e.type,
      date: e.date?.slice(0, 10) ?? null,
      sentence: clip(e.mentions[0]?.sentence ?? ''),
    })),
    deadlines: doc.entities.deadlines.map((d) => ({ date: d.date.slice(0, 10), label: d.label })),
    // Named as the matter only when the document dwells on it, not when it lists it in passing.
    topics: detectTopics(doc.text, doc.title, 2).slice(0, 3),
  };
}

/** The case row as the store keeps it; titles set by an analyst win over generated ones. */
export interface CaseRow {
  id: string;
  titleFr: string | null;
  titleAr: string | null;
  createdAt: string;
}

export interface TimelineEntry {
  date: string;
  type: EventType;
  /** What happened, in a few words, in French and Arabic ("Convention signée avec KVKK"). */
  label: { fr: string; ar: string };
  /** The sentence that reports the step, from the regulator's own text when it has one. */
  sentence: string | null;
  documentIds: string[];
  /** Other sources date the same step differently (within a few days): both entries are kept. */
  disputed: boolean;
  /** For a disputed step, the dates the other sources give, each with the documents that give it. */
  otherDates: { date: string; documentIds: string[] }[];
}

export interface CaseRecord {
  id: string;
  title: { fr: string; ar: string };
  type: CaseType;
  /** The processing at stake (video surveillance, a leak...), when the documents say. */
  topic: { id: TopicId; fr: string; ar: string } | null;
  subjects: { id: string; name: string; nameAr: string | null; documentCount: number }[];
  regulators: { id: string; name: string }[];
  laws: { id: string; label: string; kind: LawKind; parentId: string | null; documentIds: string[] }[];
  timeline: TimelineEntry[];
  /** Events the sources report without a date. */
  undatedEvents: {
    type: EventType;
    label: { fr: string; ar: string };
    sentence: string | null;
    documentIds: string[];
  }[];
  deadlines: { date: string; label: string; status: 'upcoming' | 'passed'; documentIds: string[] }[];
  documents: {
    language: Lang;
    outlets: {
      outlet: string;
      documents: {
        id: string;
        url: string;
        title: string | null;
        publishedAt: string | null;
        fromRegulator: boolean;
      }[];
    }[];
  }[];
  documentCount: number;
  firstSeen: string | null;
  lastSeen: string | null;
  completeness: string[];
}

const PLATFORM =
  /facebook|meta|google|youtube|tiktok|whatsapp|instagram|twitter|(^|:)x-corp|snapchat|linkedin|microsoft|apple|amazon|telegram/i;
const ARABIC = /[\u0600-\u06ff]/;

export function caseTypeOf(docs: readonly CaseDocument[], subjectIds: readonly string[]): CaseType {
  const count = new Map<EventType, number>();
  for (const d of docs) for (const t of new Set(d.events.map((e) => e.type))) count.set(t, (count.get(t) ?? 0) + 1);
  const has = (t: EventType) => (count.get(t) ?? 0) > 0;
  if (has('sanction') || has('referral_prosecutor')) return 'sanction';
  if (has('data_breach')) return 'data_breach';
  if (subjectIds.length > 0 && subjectIds.some((id) => PLATFORM.test(id))) {
    if (!has('hearing') && !has('inspection') && !has('formal_notice')) return 'platform_cooperation';
  }
  if (has('hearing') || has('inspection') || has('formal_notice') || has('complaint')) return 'investigation';
  if (has('moratorium') || has('deliberation')) return 'regulatory_decision';
  // Conventions and memoranda the authority signs; then what it organizes (days, weeks, meetings)
  // or launches. Most of its public record is of these kinds.
  if (has('agreement')) return 'cooperation';
  if (has('meeting') || has('launch')) return 'outreach';
  return 'public_statement';
}

const TYPE_TITLES: Record<CaseType, { fr: (s: string | null) => string; ar: (s: string | null) => string }> = {
  investigation: {
    fr: (s) => (s ? `Contrôle de la CNDP visant ${s}` : 'Contrôle de la CNDP'),
    ar: (s) => (s ? `مراقبة اللجنة الوطنية لـ ${s}` : 'مراقبة من طرف اللجنة الوطنية'),
  },
  sanction: {
    fr: (s) => (s ? `Sanction de la CNDP contre ${s}` : 'Sanction prononcée par la CNDP'),
    ar: (s) => (s ? `عقوبة اللجنة الوطنية ضد ${s}` : 'عقوبة صادرة عن اللجنة الوطنية'),
  },
  regulatory_decision: {
    fr: (s) => (s ? `Décision de la CNDP : ${s}` : 'Décision réglementaire de la CNDP'),
    ar: (s) => (s ? `قرار اللجنة الوطنية: ${s}` : 'قرار تنظيمي للجنة الوطنية'),
  },
  data_breach: {
    fr: (s) => (s ? `Fuite de données : ${s}` : 'Fuite de données personnelles'),
    ar: (s) => (s ? `تسريب معطيات شخصية: ${s}` : 'تسريب معطيات شخصية'),
  },
  platform_cooperation: {
    fr: (s) => (s ? `CNDP et ${s} : coopération` : 'Coopération de la CNDP avec une plateforme'),
    ar: (s) => (s ? `اللجنة الوطنية و${s}: تعاون` : 'تعاون اللجنة الوطنية مع منصة رقمية'),
  },
  cooperation: {
    fr: (s) => (s ? `Convention entre la CNDP et ${s}` : 'Convention de la CNDP'),
    ar: (s) => (s ? `اتفاقية بين اللجنة الوطنية و${s}` : 'اتفاقية للجنة الوطنية'),
  },
  outreach: {
    fr: (s) => (s ? `Rencontre de la CNDP avec ${s}` : 'Rencontre organisée par la CNDP'),
    ar: (s) => (s ? `لقاء اللجنة الوطنية مع ${s}` : 'لقاء نظمته اللجنة الوطنية'),
  },
  public_statement: {
    fr: (s) => (s ? `Prise de position de la CNDP : ${s}` : 'Prise de position de la CNDP'),
    ar: (s) => (s ? `موقف اللجنة الوطنية: ${s}` : 'موقف اللجنة الوطنية'),
  },
};

const PRESS_STATEMENT_TITLES: (typeof TYPE_TITLES)[CaseType] = {
  fr: (s) => (s ? `Alerte sur les données personnelles : ${s}` : 'Alerte sur les données personnelles'),
  ar: (s) => (s ? `تنبيه بشأن المعطيات الشخصية: ${s}` : 'تنبيه بشأن المعطيات الشخصية'),
};

const MATTER_WORDS: Partial<Record<EventType, { fr: string; ar: string }>> = {
  moratorium: { fr: 'moratoire', ar: 'تعليق مؤقت' },
  deliberation: { fr: 'délibération', ar: 'مداولة' },
};

function mostCommon<T>(values: T[]): T | null {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T | null = null;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

/** The topic most documents lead with (a document's first topic counts double). */
function caseTopic(docs: readonly CaseDocument[]): TopicId | null {
  const weights = new Map<TopicId, number>();
  for (const d of docs) {
    (d.topics ?? []).forEach((t, i) => {
      weights.set(t, (weights.get(t) ?? 0) + (i === 0 ? 2 : 1));
    });
  }
  let best: TopicId | null = null;
  for (const [t, w] of weights) if (best === null || w > (weights.get(best) ?? 0)) best = t;
  return best;
}

/** A reported sentence, trimmed for a timeline line. */
function clip(sentence: string): string | undefined {
  const t = sentence.replace(/\s+/g, ' ').trim();
  if (t === '') return undefined;
  return t.length <= 280 ? t : `${t.slice(0, 277)}…`;
}

// What each kind of step is called on a timeline; `s` is who it concerns, when the case knows.
const EVENT_LABELS: Record<EventType, { fr: (s: string | null) => string; ar: (s: string | null) => string }> = {
  complaint: { fr: (s) => (s ? `Plainte visant ${s}` : 'Plainte'), ar: (s) => (s ? `شكاية ضد ${s}` : 'شكاية') },
  inspection: {
    fr: (s) => (s ? `Contrôle de ${s}` : 'Contrôle'),
    ar: (s) => (s ? `مراقبة ${s}` : 'عملية مراقبة'),
  },
  hearing: { fr: (s) => (s ? `Audition de ${s}` : 'Audition'), ar: (s) => (s ? `الاستماع إلى ${s}` : 'جلسة استماع') },
  formal_notice: {
    fr: (s) => (s ? `Mise en demeure de ${s}` : 'Mise en demeure'),
    ar: (s) => (s ? `إنذار موجه إلى ${s}` : 'إنذار'),
  },
  sanction: { fr: (s) => (s ? `Sanction contre ${s}` : 'Sanction'), ar: (s) => (s ? `عقوبة ضد ${s}` : 'عقوبة') },
  referral_prosecutor: {
    fr: () => 'Saisine du parquet',
    ar: () => 'إحالة على النيابة العامة',
  },
  moratorium: { fr: () => 'Moratoire', ar: () => 'تعليق مؤقت' },
  deliberation: { fr: () => 'Délibération de la CNDP', ar: () => 'مداولة اللجنة الوطنية' },
  data_breach: {
    fr: (s) => (s ? `Fuite de données chez ${s}` : 'Fuite de données'),
    ar: (s) => (s ? `تسريب معطيات لدى ${s}` : 'تسريب معطيات'),
  },
  communique: { fr: () => 'Communiqué', ar: () => 'بلاغ' },
  agreement: {
    fr: (s) => (s ? `Convention avec ${s}` : 'Convention signée'),
    ar: (s) => (s ? `اتفاقية مع ${s}` : 'توقيع اتفاقية'),
  },
  meeting: { fr: (s) => (s ? `Rencontre avec ${s}` : 'Rencontre'), ar: (s) => (s ? `لقاء مع ${s}` : 'لقاء') },
  launch: { fr: () => 'Lancement', ar: () => 'إطلاق' },
};

function eventLabel(type: EventType, subjectFr: string | null, subjectAr: string | null): { fr: string; ar: string } {
  const l = EVENT_LABELS[type];
  return { fr: l.fr(subjectFr), ar: l.ar(subjectAr) };
}

function year(date: string | null): string | null {
  return date ? date.slice(0, 4) : null;
}

/** The record of one case from its members' cards; `now` decides which deadlines have passed. */
export function buildCaseRecord(caseRow: CaseRow, docs: readonly CaseDocument[], now: Date | string): CaseRecord {
  const today = (typeof now === 'string' ? now : now.toISOString()).slice(0, 10);
  const sorted = [...docs].sort(
    (a, b) => (a.publishedAt ?? '9999').localeCompare(b.publishedAt ?? '9999') || a.id.localeCompare(b.id),
  );
  const { subjects, regulators } = caseSubjects(sorted);
  const { timeline, undatedEvents } = caseTimeline(sorted, subjects[0] ?? null);
  const datesSeen = sorted.map((d) => d.publishedAt?.slice(0, 10)).filter((d): d is string => Boolean(d));
  const firstSeen = datesSeen[0] ?? null;
  const lastSeen = datesSeen.length > 0 ? (datesSeen.slice().sort().at(-1) ?? null) : null;
  const type = caseTypeOf(
    sorted,
    subjects.map((s) => s.id),
  );
  const topic = caseTopic(sorted);
  const generated = generatedTitle(sorted, type, subjects[0] ?? null, topic, firstSeen);
  return {
    id: caseRow.id,
    title: { fr: caseRow.titleFr ?? generated.fr, ar: caseRow.titleAr ?? generated.ar },
    type,
    topic: topic ? { id: topic, ...topicLabel(topic) } : null,
    subjects,
    regulators,
    laws: caseLaws(sorted),
    timeline,
    undatedEvents,
    deadlines: caseDeadlines(sorted, today),
    documents: documentsByLanguage(sorted),
    documentCount: sorted.length,
    firstSeen,
    lastSeen,
    completeness: completenessNotes(sorted, timeline),
  };
}

type Subject = CaseRecord['subjects'][number];

/** Subjects: organizations marked subject in some document, ranked by how many documents say so. */
function caseSubjects(sorted: readonly CaseDocument[]): {
  subjects: Subject[];
  regulators: CaseRecord['regulators'];
} {
  const subjectDocs = new Map<string, { names: string[]; arNames: string[]; docs: Set<string> }>();
  const regulators = new Map<string, string>();
  for (const d of sorted) {
    for (const o of d.organizations) {
      if (o.regulator) {
        if (!regulators.has(o.id)) regulators.set(o.id, o.name);
        continue;
      }
      if (!o.subject) continue;
      const entry = subjectDocs.get(o.id) ?? { names: [], arNames: [], docs: new Set<string>() };
      (ARABIC.test(o.name) ? entry.arNames : entry.names).push(o.name);
      entry.docs.add(d.id);
      subjectDocs.set(o.id, entry);
    }
  }
  const subjects = [...subjectDocs.entries()]
    .map(([id, e]) => ({
      id,
      name: mostCommon(e.names) ?? mostCommon(e.arNames) ?? id,
      nameAr: mostCommon(e.arNames),
      documentCount: e.docs.size,
    }))
    .sort((a, b) => b.documentCount - a.documentCount || a.id.localeCompare(b.id));
  return { subjects, regulators: [...regulators.entries()].map(([id, name]) => ({ id, name })) };
}

/** Each law cited, with the documents citing it, most cited first. */
function caseLaws(sorted: readonly CaseDocument[]): CaseRecord['laws'] {
  const laws = new Map<string, CaseRecord['laws'][number]>();
  for (const d of sorted) {
    for (const l of d.laws) {
      const entry = laws.get(l.id) ?? { ...l, documentIds: [] };
      if (!entry.documentIds.includes(d.id)) entry.documentIds.push(d.id);
      laws.set(l.id, entry);
    }
  }
  return [...laws.values()].sort((a, b) => b.documentIds.length - a.documentIds.length || a.id.localeCompare(b.id));
}

/**
 * Timeline: one entry per (step, date), citing every document that gives that date. A step dated
 * differently by different sources keeps one entry per date, each marked disputed and pointing to
 * the other dates. Each entry says what happened and quotes a sentence that reports it.
 */
function caseTimeline(
  sorted: readonly CaseDocument[],
  concerns: Subject | null,
): { timeline: TimelineEntry[]; undatedEvents: CaseRecord['undatedEvents'] } {
  const label = (type: EventType) =>
    eventLabel(type, concerns?.name ?? null, concerns?.nameAr ?? concerns?.name ?? null);
  const regulatorFirst = [...sorted].sort((a, b) => Number(b.fromRegulator) - Number(a.fromRegulator));
  const sentenceOf = (type: EventType, date: string | null) => {
    for (const d of regulatorFirst) {
      const e = d.events.find((x) => x.type === type && x.date === date && x.sentence);
      if (e?.sentence) return e.sentence;
    }
    return null;
  };
  const dated = new Map<string, TimelineEntry>();
  const undated = new Map<EventType, Set<string>>();
  for (const d of sorted) {
    for (const e of d.events) {
      if (!e.date) {
        const set = undated.get(e.type) ?? new Set<string>();
        set.add(d.id);
        undated.set(e.type, set);
        continue;
      }
      const key = `${e.date}|${e.type}`;
      const entry = dated.get(key) ?? {
        date: e.date,
        type: e.type,
        label: label(e.type),
        sentence: sentenceOf(e.type, e.date),
        documentIds: [],
        disputed: false,
        otherDates: [],
      };
      if (!entry.documentIds.includes(d.id)) entry.documentIds.push(d.id);
      dated.set(key, entry);
    }
  }
  const timeline = [...dated.values()].sort((a, b) => a.date.localeCompare(b.date) || a.type.localeCompare(b.type));
  for (const a of timeline) {
    const rivals = timeline.filter(
      (b) =>
        b !== a &&
        b.type === a.type &&
        b.type !== 'communique' &&
        Math.abs(Date.parse(a.date) - Date.parse(b.date)) <= 3 * 86_400_000 &&
        b.documentIds.some((id) => !a.documentIds.includes(id)),
    );
    a.disputed = rivals.length > 0;
    a.otherDates = rivals.map((b) => ({ date: b.date, documentIds: [...b.documentIds] }));
  }
  const undatedEvents = [...undated.entries()]
    .filter(([type]) => !timeline.some((t) => t.type === type))
    .map(([type, ids]) => ({ type, label: label(type), sentence: sentenceOf(type, null), documentIds: [...ids] }));
  return { timeline, undatedEvents };
}

/** Each deadline once, upcoming or passed as of `today`, in date order. */
function caseDeadlines(sorted: readonly CaseDocument[], today: string): CaseRecord['deadlines'] {
  const deadlineMap = new Map<string, CaseRecord['deadlines'][number]>();
  for (const d of sorted) {
    for (const dl of d.deadlines) {
      const entry = deadlineMap.get(dl.date) ?? {
        date: dl.date,
        label: dl.label,
        status: dl.date >= today ? ('upcoming' as const) : ('passed' as const),
        documentIds: [],
      };
      if (!entry.documentIds.includes(d.id)) entry.documentIds.push(d.id);
      deadlineMap.set(dl.date, entry);
    }
  }
  return [...deadlineMap.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The member documents by language, then by outlet, both in alphabetical order. */
function documentsByLanguage(sorted: readonly CaseDocument[]): CaseRecord['documents'] {
  const byLanguage = new Map<Lang, Map<string, CaseRecord['documents'][number]['outlets'][number]['documents']>>();
  for (const d of sorted) {
    const outlets = byLanguage.get(d.language) ?? new Map();
    const outlet = d.outlet ?? d.sourceId;
    const list = outlets.get(outlet) ?? [];
    list.push({ id: d.id, url: d.url, title: d.title, publishedAt: d.publishedAt, fromRegulator: d.fromRegulator });
    outlets.set(outlet, list);
    byLanguage.set(d.language, outlets);
  }
  return [...byLanguage.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([language, outlets]) => ({
      language,
      outlets: [...outlets.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([outlet, list]) => ({ outlet, documents: list })),
    }));
}

/** The title made from the case type, its main subject (or matter), its topic and its first year. */
function generatedTitle(
  sorted: readonly CaseDocument[],
  type: CaseType,
  top: Subject | null,
  topic: TopicId | null,
  firstSeen: string | null,
): { fr: string; ar: string } {
  // A moratorium is named as such even when the deliberation that decided it is cited more often.
  const eventTypes = new Set(sorted.flatMap((d) => d.events.map((e) => e.type)));
  const matter = (Object.keys(MATTER_WORDS) as EventType[]).find((t) => eventTypes.has(t)) ?? null;
  const topicFr = top?.name ?? (matter ? (MATTER_WORDS[matter]?.fr ?? null) : null);
  const topicAr = top?.nameAr ?? top?.name ?? (matter ? (MATTER_WORDS[matter]?.ar ?? null) : null);
  const y = year(firstSeen);
  // The processing at stake, in parentheses with the year: "(vidéosurveillance, 2023)". A breach
  // case about a leak needs no "(fuite de données)".
  const about = topic && !(type === 'data_breach' && topic === 'data_leak') ? topicLabel(topic) : null;
  const suffix = (lang: 'fr' | 'ar') => {
    const parts = [about?.[lang], y].filter(Boolean);
    return parts.length > 0 ? ` (${parts.join(lang === 'ar' ? '، ' : ', ')})` : '';
  };
  // Press coverage of a statement with no regulator document behind it (an association's warning,
  // an alert relayed by the press) is not attributed to the CNDP.
  const fromRegulator = sorted.some((d) => d.fromRegulator);
  const titles = type === 'public_statement' && !fromRegulator ? PRESS_STATEMENT_TITLES : TYPE_TITLES[type];
  return {
    fr: `${titles.fr(topicFr)}${suffix('fr')}`,
    ar: `${titles.ar(topicAr)}${suffix('ar')}`,
  };
}

/** What the record lacks, said plainly for its reader. */
function completenessNotes(sorted: readonly CaseDocument[], timeline: readonly TimelineEntry[]): string[] {
  const completeness: string[] = [];
  if (!sorted.some((d) => d.fromRegulator)) completeness.push('no regulator communiqué found, press only');
  const languages = new Set(sorted.map((d) => d.language));
  if (!languages.has('fr')) completeness.push('no French coverage found');
  if (!languages.has('ar')) completeness.push('no Arabic coverage found');
  if (new Set(sorted.map((d) => d.outlet ?? d.sourceId)).size <= 1) completeness.push('a single source');
  if (timeline.length === 0) completeness.push('no dated event in the sources');
  if (timeline.some((t) => t.disputed)) completeness.push('sources disagree on some dates');
  return completeness;
}
