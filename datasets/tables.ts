// The tables of a dataset export: their Table Schema (names, types, descriptions — what
// datapackage.json declares) and how each row is made from the record. Rows are flat: every value
// is a string, number, boolean, null or an array of strings, so CSV, JSONL and Parquet carry the
// same columns.
import type { TimelineEntry } from '../pipeline/link/index.ts';
import type { ExportEntitiesRow, ExportFilter, ExportSnapshot } from '../store/exports.ts';

export const TABLE_NAMES = ['documents', 'cases', 'timeline', 'entities', 'mentions', 'events', 'deadlines'] as const;
export type TableName = (typeof TABLE_NAMES)[number];

/** Frictionless Table Schema field types used here (https://specs.frictionlessdata.io/table-schema/). */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'array';

export interface FieldSpec {
  name: string;
  type: FieldType;
  description: string;
  required?: boolean;
  enum?: readonly string[];
}

export type CellValue = string | number | boolean | null | string[];
export type Row = Record<string, CellValue>;

export interface RowContext {
  snapshot: ExportSnapshot;
  filter: ExportFilter;
  /** Include each document's full text (off by default: the text belongs to its publisher). */
  text: boolean;
  /** The export's date: deadlines are `upcoming` or `passed` relative to it. */
  today: string;
  /** Called once per unit of work (a document, a case, an entity) for progress. */
  tick(): void;
}

export interface TableSpec {
  name: TableName;
  title: string;
  description: string;
  fields: readonly FieldSpec[];
  primaryKey: readonly string[];
  foreignKeys?: readonly { fields: string; reference: { resource: string; fields: string } }[];
  /** How many units of work `rows` will tick through. */
  units(ctx: RowContext): number;
  rows(ctx: RowContext): Iterable<Row>;
}

const f = (name: string, type: FieldType, description: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  type,
  description,
  ...extra,
});

/** Provenance columns every document-derived row carries, so each row can be cited on its own. */
const PROVENANCE: readonly FieldSpec[] = [
  f('url', 'string', 'Canonical URL of the source document.', { required: true }),
  f('fetched_at', 'datetime', 'When the snapshot the row was derived from was fetched (UTC).'),
  f('snapshot_content_hash', 'string', 'Content hash (sha256) of that snapshot, as stored by Raqib.'),
  f('pipeline_version', 'integer', 'Version of the Raqib pipeline that derived the row.', { required: true }),
];

const dateOnly = (value: string | null): string | null =>
  value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;

const documents: TableSpec = {
  name: 'documents',
  title: 'Documents',
  description:
    'One row per document (a CNDP communiqué or decision, or a press article): metadata, language, outlet, dates, case, near-duplicate cluster, relevance and provenance.',
  primaryKey: ['id'],
  fields: [
    f('id', 'string', 'Raqib document id (derived from the canonical URL).', { required: true }),
    f('url', 'string', 'Canonical URL.', { required: true }),
    f('fetched_url', 'string', 'URL as requested when the snapshot was fetched.'),
    f('source_id', 'string', 'Raqib source id (see the package sources).', { required: true }),
    f('source_kind', 'string', 'regulator (the CNDP itself), press or aggregator.', { required: true }),
    f('outlet', 'string', 'Publishing outlet.'),
    f('language', 'string', 'Document language (ISO 639-1; und when undetermined).', {
      required: true,
      enum: ['fr', 'ar', 'en', 'und'],
    }),
    f('title', 'string', 'Title.'),
    f('author', 'string', 'Byline, when the page gives one.'),
    f('published_at', 'string', 'Publication date or date-time, ISO 8601, as precise as the source states it.'),
    f('published_date', 'date', 'Publication day (the date part of published_at).'),
    f('published_at_source', 'string', 'Where the publication date came from: supplied, page (metadata) or text.'),
    f('updated_at', 'string', 'Last-modified date the page states, ISO 8601.'),
    f('relevant', 'boolean', 'True when the document is about personal-data protection.', { required: true }),
    f('relevance_score', 'number', 'Relevance score the decision was made on.', { required: true }),
    f('rejected_reason', 'string', 'Why the page is not an article (aggregator page, empty body), when it is not.'),
    f('duplicate_of', 'string', 'Canonical document of its near-duplicate cluster (null when it is the original).'),
    f('duplicate_similarity', 'number', 'Estimated Jaccard similarity to duplicate_of.'),
    f('case_id', 'string', 'Enforcement case the document belongs to.'),
    f('mentioned_case_ids', 'array', 'Other cases the document mentions.'),
    f('first_seen_at', 'datetime', 'When Raqib first saw the URL.', { required: true }),
    f('last_seen_at', 'datetime', 'When Raqib last saw the URL.', { required: true }),
    f('version_no', 'integer', 'Version of the text the row describes (1 = first fetched).', { required: true }),
    f('snapshot_id', 'integer', 'Raqib snapshot id (GET /documents/{id}/snapshot serves its bytes).'),
    f('fetched_at', 'datetime', 'When that snapshot was fetched (UTC).'),
    f('snapshot_content_hash', 'string', 'Content hash (sha256) of that snapshot.'),
    f('pipeline_version', 'integer', 'Version of the Raqib pipeline that derived the row.', { required: true }),
    f('analysed_at', 'datetime', 'When the pipeline derived the row.', { required: true }),
  ],
  units: (ctx) => ctx.snapshot.countDocuments(ctx.filter),
  *rows(ctx) {
    for (const d of ctx.snapshot.documents(ctx.filter, { text: ctx.text })) {
      ctx.tick();
      const row: Row = {
        id: d.id,
        url: d.url,
        fetched_url: d.fetchedUrl,
        source_id: d.sourceId,
        source_kind: d.sourceKind,
        outlet: d.outlet,
        language: d.language,
        title: d.title,
        author: d.author,
        published_at: d.publishedAt,
        published_date: dateOnly(d.publishedAt),
        published_at_source: d.publishedAtSource,
        updated_at: d.updatedAt,
        relevant: d.relevant,
        relevance_score: d.relevanceScore,
        rejected_reason: d.rejectedReason,
        duplicate_of: d.duplicateOf,
        duplicate_similarity: d.duplicateSimilarity,
        case_id: d.caseId,
        mentioned_case_ids: d.mentionedCaseIds,
        first_seen_at: d.firstSeenAt,
        last_seen_at: d.lastSeenAt,
        version_no: d.versionNo,
        snapshot_id: d.snapshotId,
        fetched_at: d.fetchedAt,
        snapshot_content_hash: d.snapshotContentHash,
        pipeline_version: d.pipelineVersion,
        analysed_at: d.analysedAt,
      };
      if (ctx.text) row.text = d.text ?? '';
      yield row;
    }
  },
};

/** The documents table with the optional full text column. */
function documentFields(text: boolean): readonly FieldSpec[] {
  return text
    ? [...documents.fields, f('text', 'string', 'Main text as extracted (paragraphs separated by a blank line).')]
    : documents.fields;
}

const cases: TableSpec = {
  name: 'cases',
  title: 'Cases',
  description:
    'One row per enforcement case (one matter, across outlets and languages): its record as Raqib builds it. The dated steps are in the timeline table.',
  primaryKey: ['id'],
  fields: [
    f('id', 'string', 'Raqib case id (stable; an absorbed case redirects to its survivor).', { required: true }),
    f('title_fr', 'string', 'French title (an analyst’s when set, else generated).', { required: true }),
    f('title_ar', 'string', 'Arabic title.', { required: true }),
    f('type', 'string', 'Case type.', {
      required: true,
      enum: [
        'investigation',
        'sanction',
        'regulatory_decision',
        'data_breach',
        'platform_cooperation',
        'public_statement',
      ],
    }),
    f('topic', 'string', 'The processing at stake (video_surveillance, data_leak...), when the documents say.'),
    f('topic_fr', 'string', 'Topic label in French.'),
    f('topic_ar', 'string', 'Topic label in Arabic.'),
    f('subject_ids', 'array', 'Organizations the case is about (entity ids).'),
    f('subject_names', 'array', 'Their names, in the same order.'),
    f('regulator_ids', 'array', 'Regulators involved (entity ids).'),
    f('law_ids', 'array', 'Laws and articles the coverage cites (entity ids).'),
    f('document_count', 'integer', 'Number of member documents.', { required: true }),
    f('document_ids', 'array', 'Member documents.'),
    f('languages', 'array', 'Languages of the coverage.'),
    f('outlets', 'array', 'Outlets that covered the case.'),
    f('mentioned_in', 'array', 'Documents of other cases that mention this one.'),
    f('first_seen', 'string', 'Earliest date of the case (ISO 8601).'),
    f('last_seen', 'string', 'Latest date of the case (ISO 8601).'),
    f('completeness', 'array', 'What the record still lacks (no regulator source, no date...).'),
    f('timeline_entries', 'integer', 'Rows of this case in the timeline table.', { required: true }),
  ],
  units: (ctx) => ctx.snapshot.countCases(ctx.filter),
  *rows(ctx) {
    for (const id of ctx.snapshot.caseIds(ctx.filter)) {
      ctx.tick();
      const r = ctx.snapshot.caseRecord(id);
      if (!r) continue;
      const docs = r.documents.flatMap((l) => l.outlets.flatMap((o) => o.documents.map((d) => d.id)));
      yield {
        id: r.id,
        title_fr: r.title.fr,
        title_ar: r.title.ar,
        type: r.type,
        topic: r.topic?.id ?? null,
        topic_fr: r.topic?.fr ?? null,
        topic_ar: r.topic?.ar ?? null,
        subject_ids: r.subjects.map((s) => s.id),
        subject_names: r.subjects.map((s) => s.name),
        regulator_ids: r.regulators.map((s) => s.id),
        law_ids: r.laws.map((l) => l.id),
        document_count: r.documentCount,
        document_ids: docs,
        languages: r.documents.map((l) => l.language),
        outlets: [...new Set(r.documents.flatMap((l) => l.outlets.map((o) => o.outlet)))],
        mentioned_in: r.mentionedIn,
        first_seen: r.firstSeen,
        last_seen: r.lastSeen,
        completeness: r.completeness,
        timeline_entries: r.timeline.length + r.undatedEvents.length + r.deadlines.length,
      };
    }
  },
};

/**
 * Every field of a timeline entry has a column: when the case record gains a field, this map stops
 * compiling until the export carries it too.
 */
const TIMELINE_ENTRY_COLUMNS = {
  date: 'date',
  type: 'event_type',
  label: 'label',
  sentence: 'sentence',
  documentIds: 'document_ids',
  disputed: 'disputed',
  otherDates: 'other_dates',
} as const satisfies Record<keyof TimelineEntry, string>;

function timelineEntryCells(entry: TimelineEntry): Row {
  return {
    date: entry.date,
    event_type: entry.type,
    label: entry.label.fr,
    label_ar: entry.label.ar,
    sentence: entry.sentence,
    document_ids: [...entry.documentIds],
    disputed: entry.disputed,
    other_dates: entry.otherDates.map((o) => o.date),
  } satisfies Record<(typeof TIMELINE_ENTRY_COLUMNS)[keyof TimelineEntry] | 'label_ar', CellValue>;
}

const timeline: TableSpec = {
  name: 'timeline',
  title: 'Case timelines',
  description:
    'The case records flattened: one row per dated step of a case, per step reported without a date, and per deadline, in the order of the record.',
  primaryKey: ['case_id', 'entry_no'],
  foreignKeys: [{ fields: 'case_id', reference: { resource: 'cases', fields: 'id' } }],
  fields: [
    f('case_id', 'string', 'The case.', { required: true }),
    f('entry_no', 'integer', 'Position in the case record (1-based).', { required: true }),
    f('entry_kind', 'string', 'event (a dated step), undated_event, or deadline.', {
      required: true,
      enum: ['event', 'undated_event', 'deadline'],
    }),
    f('date', 'date', 'Day of the step or deadline.'),
    f('event_type', 'string', 'Enforcement event type (complaint, inspection, sanction...); null for deadlines.'),
    f('disputed', 'boolean', 'Sources date this step differently (both entries are kept).'),
    f('other_dates', 'array', 'For a disputed step: the dates other sources give it.'),
    f('label', 'string', 'What happened, in French (for deadlines: what the deadline is for).'),
    f('label_ar', 'string', 'What happened, in Arabic.'),
    f('sentence', 'string', 'The sentence that reports the step (the regulator’s own text when there is one).'),
    f('status', 'string', 'For deadlines: upcoming or passed at the time of the export.'),
    f('document_ids', 'array', 'Documents that report the step.'),
  ],
  units: (ctx) => ctx.snapshot.countCases(ctx.filter),
  *rows(ctx) {
    for (const id of ctx.snapshot.caseIds(ctx.filter)) {
      ctx.tick();
      const r = ctx.snapshot.caseRecord(id);
      if (!r) continue;
      let n = 0;
      const blank = {
        date: null,
        event_type: null,
        disputed: null,
        other_dates: [],
        label: null,
        label_ar: null,
        sentence: null,
        status: null,
        document_ids: [],
      };
      for (const entry of r.timeline)
        yield { case_id: r.id, entry_no: ++n, entry_kind: 'event', ...blank, ...timelineEntryCells(entry) };
      for (const e of r.undatedEvents)
        yield {
          case_id: r.id,
          entry_no: ++n,
          entry_kind: 'undated_event',
          ...blank,
          event_type: e.type,
          label: e.label.fr,
          label_ar: e.label.ar,
          sentence: e.sentence,
          document_ids: e.documentIds,
        };
      for (const d of r.deadlines)
        yield {
          case_id: r.id,
          entry_no: ++n,
          entry_kind: 'deadline',
          ...blank,
          date: dateOnly(d.date),
          label: d.label,
          status: d.status,
          document_ids: d.documentIds,
        };
    }
  },
};

const entities: TableSpec = {
  name: 'entities',
  title: 'Entities',
  description:
    'Canonical organizations and laws (articles included) found in the selected documents, with the name variants seen. Persons are not exported.',
  primaryKey: ['id'],
  fields: [
    f('id', 'string', 'Entity id (org:… for organizations; law and article ids such as ma-law-09-08/art-43).', {
      required: true,
    }),
    f('type', 'string', 'organization or law.', { required: true, enum: ['organization', 'law'] }),
    f('name', 'string', 'Most frequent name.', { required: true }),
    f('variants', 'array', 'Every name the entity was found under.'),
    f('parent_id', 'string', 'For an article: the law it belongs to.'),
    f('document_count', 'integer', 'Selected documents mentioning it.', { required: true }),
    f('mention_count', 'integer', 'Mentions in those documents.', { required: true }),
    f('first_published_at', 'string', 'Earliest publication date among them.'),
    f('last_published_at', 'string', 'Latest publication date among them.'),
  ],
  units: (ctx) => ctx.snapshot.countEntities(ctx.filter),
  *rows(ctx) {
    for (const e of ctx.snapshot.entities(ctx.filter)) {
      ctx.tick();
      yield {
        id: e.id,
        type: e.type,
        name: e.name,
        variants: e.variants,
        parent_id: e.type === 'law' && e.id.includes('/') ? (e.id.split('/')[0] ?? null) : null,
        document_count: e.documentCount,
        mention_count: e.mentionCount,
        first_published_at: e.firstPublishedAt,
        last_published_at: e.lastPublishedAt,
      };
    }
  },
};

const SPAN_FIELDS: readonly FieldSpec[] = [
  f('start', 'integer', 'Offset of the first character in the document text (UTF-16 code units).'),
  f('end', 'integer', 'Offset after the last character.'),
  f('sentence', 'string', 'The sentence the mention was found in.'),
];

/**
 * The fields of a per-document item table (mentions, events, deadlines): the document and the item's
 * number in it, the item's own fields, then the document's case, date and provenance.
 */
function documentItemFields(numberField: FieldSpec, own: readonly FieldSpec[]): readonly FieldSpec[] {
  return [
    f('document_id', 'string', 'The document.', { required: true }),
    numberField,
    ...own,
    f('case_id', 'string', 'Case of the document.'),
    f('published_at', 'string', 'Publication date of the document (ISO 8601).'),
    ...PROVENANCE,
  ];
}

/** The rows of such a table, in the order of `documentItemFields`: one per item `itemsOf` lists. */
function* documentItemRows<T>(
  ctx: RowContext,
  numberField: string,
  itemsOf: (d: ExportEntitiesRow) => readonly T[],
  cells: (item: T) => Row,
): Generator<Row> {
  for (const d of ctx.snapshot.documentEntities(ctx.filter)) {
    ctx.tick();
    const base = provenance(d);
    let n = 0;
    for (const item of itemsOf(d))
      yield {
        document_id: d.documentId,
        [numberField]: ++n,
        ...cells(item),
        case_id: d.caseId,
        published_at: d.publishedAt,
        ...base,
      };
  }
}

const mentions: TableSpec = {
  name: 'mentions',
  title: 'Entity mentions',
  description: 'One row per mention of an organization or law in a document, with offsets and the sentence.',
  primaryKey: ['document_id', 'mention_no'],
  foreignKeys: [{ fields: 'document_id', reference: { resource: 'documents', fields: 'id' } }],
  fields: documentItemFields(
    f('mention_no', 'integer', 'Position among the document’s exported mentions (1-based).', { required: true }),
    [
      f('entity_type', 'string', 'organization or law.', { required: true, enum: ['organization', 'law'] }),
      f('entity_id', 'string', 'Canonical entity id.', { required: true }),
      f('entity_name', 'string', 'Canonical name or label.', { required: true }),
      f('text', 'string', 'The words as written in the document.', { required: true }),
      ...SPAN_FIELDS,
      f('confidence', 'number', 'Extractor confidence (0–1).'),
    ],
  ),
  units: (ctx) => ctx.snapshot.countDocuments(ctx.filter),
  rows: (ctx) =>
    documentItemRows(
      ctx,
      'mention_no',
      (d) =>
        [
          ...d.entities.organizations.flatMap((o) =>
            o.mentions.map((m) => ({ type: 'organization', id: o.id, name: o.name, m })),
          ),
          ...d.entities.laws.flatMap((l) => l.mentions.map((m) => ({ type: 'law', id: l.id, name: l.label, m }))),
        ].sort((a, b) => a.m.start - b.m.start || a.m.end - b.m.end),
      (s) => ({
        entity_type: s.type,
        entity_id: s.id,
        entity_name: s.name,
        text: s.m.text,
        start: s.m.start,
        end: s.m.end,
        sentence: s.m.sentence ?? null,
        confidence: s.m.confidence ?? null,
      }),
    ),
};

function provenance(d: {
  url: string;
  fetchedAt: string | null;
  snapshotContentHash: string | null;
  pipelineVersion: number;
}): Row {
  return {
    url: d.url,
    fetched_at: d.fetchedAt,
    snapshot_content_hash: d.snapshotContentHash,
    pipeline_version: d.pipelineVersion,
  };
}

const events: TableSpec = {
  name: 'events',
  title: 'Enforcement events',
  description:
    'One row per enforcement event a document reports (complaint, inspection, hearing, formal notice, sanction...), with its date when stated and the sentence it was read from.',
  primaryKey: ['document_id', 'event_no'],
  foreignKeys: [{ fields: 'document_id', reference: { resource: 'documents', fields: 'id' } }],
  fields: documentItemFields(
    f('event_no', 'integer', 'Position among the document’s events (1-based).', { required: true }),
    [
      f('event_type', 'string', 'Event type.', { required: true }),
      f('date', 'date', 'Day of the event, when the text dates it.'),
      f('mention_count', 'integer', 'How many times the document reports it.', { required: true }),
      ...SPAN_FIELDS,
    ],
  ),
  units: (ctx) => ctx.snapshot.countDocuments(ctx.filter),
  rows: (ctx) =>
    documentItemRows(
      ctx,
      'event_no',
      (d) => d.entities.events,
      (e) => ({
        event_type: e.type,
        date: dateOnly(e.date),
        mention_count: e.mentions.length,
        start: e.mentions[0]?.start ?? null,
        end: e.mentions[0]?.end ?? null,
        sentence: e.mentions[0]?.sentence ?? null,
      }),
    ),
};

const deadlines: TableSpec = {
  name: 'deadlines',
  title: 'Deadlines',
  description:
    'One row per deadline a document states (compliance deadlines, moratorium ends...), resolved to a day, with the sentence it was read from.',
  primaryKey: ['document_id', 'deadline_no'],
  foreignKeys: [{ fields: 'document_id', reference: { resource: 'documents', fields: 'id' } }],
  fields: documentItemFields(
    f('deadline_no', 'integer', 'Position among the document’s deadlines (1-based).', { required: true }),
    [
      f('date', 'date', 'The deadline day.', { required: true }),
      f('label', 'string', 'What is due.', { required: true }),
      f('status', 'string', 'upcoming or passed at the time of the export.', {
        required: true,
        enum: ['upcoming', 'passed'],
      }),
      ...SPAN_FIELDS,
    ],
  ),
  units: (ctx) => ctx.snapshot.countDocuments(ctx.filter),
  rows: (ctx) =>
    documentItemRows(
      ctx,
      'deadline_no',
      (d) => d.entities.deadlines,
      (dl) => {
        const date = dateOnly(dl.date) ?? dl.date;
        return {
          date,
          label: dl.label,
          status: date < ctx.today ? 'passed' : 'upcoming',
          start: dl.mentions[0]?.start ?? null,
          end: dl.mentions[0]?.end ?? null,
          sentence: dl.mentions[0]?.sentence ?? null,
        };
      },
    ),
};

export const TABLES: Readonly<Record<TableName, TableSpec>> = {
  documents,
  cases,
  timeline,
  entities,
  mentions,
  events,
  deadlines,
};

/** The fields a table's files carry for these options (documents may add the text). */
export function tableFields(name: TableName, options: { text: boolean }): readonly FieldSpec[] {
  return name === 'documents' ? documentFields(options.text) : TABLES[name].fields;
}
