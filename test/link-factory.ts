// Test helper: an UnderstoodDocument from a few facts, with entity spans found in the text itself
// so prominence (title, early, repeated) is computed the way real documents get it.
import type { EventType, Lang, LawKind, Span, UnderstoodDocument } from '../pipeline/types.ts';

export interface DocSpec {
  id: string;
  language?: Lang;
  publishedAt?: string | null;
  title?: string;
  text: string;
  relevant?: boolean;
  sourceId?: string;
  outlet?: string | null;
  orgs?: { id: string; name: string }[];
  laws?: { id: string; kind: LawKind; parentId?: string | null; label?: string }[];
  events?: { type: EventType; date?: string | null }[];
  deadlines?: { date: string; label: string }[];
}

function spans(text: string, needle: string): Span[] {
  const out: Span[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) break;
    out.push({ start: at, end: at + needle.length, text: needle, sentence: needle, confidence: 1 });
    from = at + needle.length;
  }
  return out;
}

export function makeDoc(spec: DocSpec): UnderstoodDocument {
  const one = (s: string): Span[] => [{ start: 0, end: 1, text: s, sentence: s, confidence: 1 }];
  return {
    id: spec.id,
    url: `https://example.test/${spec.id}`,
    sourceId: spec.sourceId ?? 'press',
    outlet: spec.outlet === undefined ? 'Example' : spec.outlet,
    title: spec.title ?? null,
    text: spec.text,
    language: spec.language ?? 'fr',
    paragraphLanguages: [spec.language ?? 'fr'],
    publishedAt: spec.publishedAt ?? null,
    updatedAt: null,
    author: null,
    relevant: spec.relevant ?? true,
    relevanceScore: spec.relevant === false ? 0.1 : 0.9,
    entities: {
      organizations: (spec.orgs ?? []).map((o) => {
        const found = spans(spec.text, o.name);
        return { id: o.id, name: o.name, known: true, mentions: found.length > 0 ? found : one(o.name) };
      }),
      persons: [],
      laws: (spec.laws ?? []).map((l) => ({
        id: l.id,
        label: l.label ?? l.id,
        kind: l.kind,
        parentId: l.parentId ?? null,
        mentions: one(l.id),
      })),
      deadlines: (spec.deadlines ?? []).map((d) => ({ ...d, mentions: one(d.label) })),
      amounts: [],
      events: (spec.events ?? []).map((e) => ({ type: e.type, date: e.date ?? null, mentions: one(e.type) })),
    },
    pipelineVersion: 1,
  };
}
