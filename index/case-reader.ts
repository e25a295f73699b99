// The case store (store/cases.ts) read through the index's port: the projection needs a case's
// title, subjects and timeline, the rebuild every live id. Kept apart from the gazetteer adapter
// (index/sources.ts) so the projection can read that without a cycle through this file.
import { caseIdsForDocument, getCaseRecord, listLiveCaseIds } from '../store/cases.ts';
import type { Db } from '../store/db.ts';
import type { CaseLinks, CaseSource } from './projection.ts';

/** What the index needs from the case store, as a port so either can evolve. */
export interface CaseReader {
  caseIdsForDocument(documentId: string): CaseLinks;
  getCase(id: string): CaseSource | null;
  /** Every live case id (for reindex). */
  listCaseIds(): string[];
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
