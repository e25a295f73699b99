// The public shape of an understood document: what `raqib ingest --out` writes and what dataset
// exports publish. Offsets and sentences stay in the full record (API `/documents/:id`).
import type { Entities, Lang } from './types.ts';

export interface PublicDocument {
  id: string;
  url: string;
  language: Lang;
  title: string | null;
  publishedAt: string | null;
  relevant: boolean;
  duplicateOf: string | null;
  entities: {
    organizations: Array<{ id: string; name: string }>;
    persons: Array<{ id: string; name: string }>;
    laws: Array<{ id: string; label: string }>;
    deadlines: Array<{ date: string; label: string }>;
    amounts: Array<{ value: number; currency: string; kind: string }>;
    events: Array<{ type: string; date: string | null }>;
  };
  caseId: string | null;
  mentionedCaseIds: string[];
}

export function toPublicDocument(input: Omit<PublicDocument, 'entities'> & { entities: Entities }): PublicDocument {
  const e = input.entities;
  return {
    id: input.id,
    url: input.url,
    language: input.language,
    title: input.title,
    publishedAt: input.publishedAt,
    relevant: input.relevant,
    duplicateOf: input.duplicateOf,
    entities: {
      organizations: e.organizations.map((o) => ({ id: o.id, name: o.name })),
      persons: e.persons.map((p) => ({ id: p.id, name: p.name })),
      laws: e.laws.map((l) => ({ id: l.id, label: l.label })),
      deadlines: e.deadlines.map((d) => ({ date: d.date, label: d.label })),
      amounts: e.amounts.map((a) => ({ value: a.value, currency: a.currency, kind: a.kind })),
      events: e.events.map((ev) => ({ type: ev.type, date: ev.date })),
    },
    caseId: input.caseId,
    mentionedCaseIds: input.mentionedCaseIds,
  };
}
