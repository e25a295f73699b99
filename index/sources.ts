// Adapters from the other modules to what the index needs: the entity gazetteer (pipeline/entities)
// as synonym/name groups, and the case store (store/cases.ts) as a `CaseReader`.
import { GAZETTEER, LAWS } from '../pipeline/entities/index.ts';
import { listLiveCaseIds } from '../store/case-ids.ts';
import { caseIdsForDocument, getCaseRecord } from '../store/cases.ts';
import type { Db } from '../store/db.ts';
import type { CaseLinks, CaseSource } from './projection.ts';
import type { GazetteerEntry } from './settings.ts';

/** What the index needs from the case store (store/cases.ts), as a port so either can evolve. */
export interface CaseReader {
  caseIdsForDocument(documentId: string): CaseLinks;
  getCase(id: string): CaseSource | null;
  /** Every live case id (for reindex). */
  listCaseIds(): string[];
}

/** Organizations and laws (pipeline/entities) as name groups for the projection and synonyms. */
export function defaultGazetteer(): GazetteerEntry[] {
  const orgs = GAZETTEER.map((g) => ({ id: g.id, kind: g.kind, names: g.names }));
  const laws = LAWS.map((l) => ({
    id: l.id,
    kind: 'law',
    names: {
      fr: [l.titles.fr, ...l.numbers.map((n) => `loi ${n}`)],
      ar: [l.titles.ar, ...l.numbers.map((n) => `القانون ${n}`)],
      en: [l.titles.en, ...l.numbers.map((n) => `law ${n}`)],
    },
  }));
  return [...orgs, ...laws];
}

/** The case store read through the index's port. */
export function caseReaderFromStore(db: Db, now: () => Date = () => new Date()): CaseReader {
  return {
    caseIdsForDocument: (documentId) => caseIdsForDocument(db, documentId),
    getCase(id): CaseSource | null {
      // Absorbed ids redirect: the index keeps only live cases under their own id.
      const record = getCaseRecord(db, id, now());
      if (!record || record.id !== id) return null;
      const languages = record.documents.map((d) => d.language);
      const events = new Set<string>([
        ...record.timeline.map((t) => t.type),
        ...record.undatedEvents.map((e) => e.type),
      ]);
      return {
        id: record.id,
        titleFr: record.title.fr,
        titleAr: record.title.ar,
        type: record.type,
        topic: record.topic?.id ?? null,
        orgIds: [...record.subjects.map((s) => s.id), ...record.regulators.map((r) => r.id)],
        lawIds: record.laws.map((l) => l.id),
        eventTypes: [...events],
        languages,
        firstSeenAt: record.firstSeen,
        lastSeenAt: record.lastSeen,
        documentCount: record.documentCount,
      };
    },
    listCaseIds: () => listLiveCaseIds(db),
  };
}
