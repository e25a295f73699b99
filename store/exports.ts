// The read side of dataset exports (issue #11): the same filters as /search, answered from the
// record (never from the search index, which caps results at 1000), streamed row by row.
//
// An export reads through its own read-only connection inside one read transaction: a consistent
// snapshot of the record, pinned to a change-feed cursor, that can be iterated across `await`s
// without ever blocking (or being blocked by) the crawler and pipeline writing on the main
// connection. In WAL mode writers go on meanwhile; they only keep the WAL from shrinking.
//
// The filter: export-filter.ts; the rows of each table: export-rows.ts.
import Database from 'better-sqlite3';
import { AppError } from '../pipeline/errors.ts';
import { getCaseRecord, resolveCaseId } from './cases.ts';
import { currentChangeCursor } from './changes.ts';
import type { Db } from './db.ts';
import { type ExportFilter, exportWhere } from './export-filter.ts';
import {
  caseIdRows,
  countCases,
  countDocuments,
  countEntities,
  documentEntityRows,
  documentRows,
  type ExportDocumentRow,
  type ExportEntitiesRow,
  type ExportEntityRow,
  type ExportSourceRow,
  entityRows,
  sourceRows,
} from './export-rows.ts';

export type { ExportFilter } from './export-filter.ts';
export type { ExportDocumentRow, ExportEntitiesRow, ExportEntityRow, ExportSourceRow } from './export-rows.ts';

export type ExportCaseRecord = NonNullable<ReturnType<typeof getCaseRecord>>;

export interface ExportSnapshot {
  /** The change-feed position this snapshot is consistent with. */
  readonly cursor: number;
  countDocuments(filter: ExportFilter): number;
  documents(filter: ExportFilter, options?: { text?: boolean }): IterableIterator<ExportDocumentRow>;
  documentEntities(filter: ExportFilter): IterableIterator<ExportEntitiesRow>;
  entities(filter: ExportFilter): IterableIterator<ExportEntityRow>;
  countCases(filter: ExportFilter): number;
  countEntities(filter: ExportFilter): number;
  caseIds(filter: ExportFilter): IterableIterator<string>;
  /** The sources the selected documents came from, with the name and homepage of their config. */
  sources(filter: ExportFilter): ExportSourceRow[];
  caseRecord(id: string): ExportCaseRecord | null;
  close(): void;
}

/**
 * A read-only connection to `dbFile` inside a read transaction whose first read pins the snapshot,
 * and the SQL of the columns whose presence depends on the record's migrations.
 */
function openReadSnapshot(dbFile: string): { db: Db; cursor: number; dateSource: string } {
  if (dbFile === ':memory:' || dbFile === '')
    throw new AppError('INTERNAL', 'Exports read a database file through their own connection');
  const db: Db = new Database(dbFile, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  db.exec('BEGIN');
  // The first read starts the snapshot; everything below sees the record as of this cursor.
  const cursor = currentChangeCursor(db);
  const columns = new Set((db.prepare('PRAGMA table_info(analyses)').all() as { name: string }[]).map((c) => c.name));
  // Migration 005 (where a publication date came from) may not be applied to every record yet.
  const dateSource = columns.has('published_at_source') ? 'a.published_at_source' : 'NULL';
  return { db, cursor, dateSource };
}

/** Open a consistent, read-only snapshot of the record at `dbFile` (the path of `Db.name`). */
export function openExportSnapshot(dbFile: string, now: Date = new Date()): ExportSnapshot {
  const { db, cursor, dateSource } = openReadSnapshot(dbFile);
  const where = (filter: ExportFilter) => exportWhere(filter, (id) => resolveCaseId(db, id));
  // The iterators resolve the filter on their first step, as a generator's body runs.
  return {
    cursor,
    countDocuments: (filter) => countDocuments(db, where(filter)),
    *documents(filter, options = {}) {
      yield* documentRows(db, where(filter), { text: options.text, dateSource });
    },
    *documentEntities(filter) {
      yield* documentEntityRows(db, where(filter));
    },
    *entities(filter) {
      yield* entityRows(db, where(filter));
    },
    countCases: (filter) => countCases(db, where(filter)),
    countEntities: (filter) => countEntities(db, where(filter)),
    sources: (filter) => sourceRows(db, where(filter)),
    *caseIds(filter) {
      yield* caseIdRows(db, where(filter));
    },
    caseRecord: (id) => getCaseRecord(db, id, now),
    close() {
      if (!db.open) return;
      if (db.inTransaction) db.exec('COMMIT');
      db.close();
    },
  };
}
