// The ids of live cases, for a full rebuild of the cases index. Kept apart from store/cases.ts
// (linking and curation) because this read is all the search index needs from the table's rows.
import type { Db } from './db.ts';

/** Every live case id, in id order (absorbed ids live only in case_redirects). */
export function listLiveCaseIds(db: Db): string[] {
  return db.prepare('SELECT id FROM cases ORDER BY id').pluck().all() as string[];
}
