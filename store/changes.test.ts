// The change feed (migration 007) on a record built by the real pipeline: every entity once, at its
// latest change, in order; a cursor resumes exactly where the reader stopped.
import { afterEach, describe, expect, it } from 'vitest';
import { ingestLines } from '../app/ingest.ts';
import { DATASET_DOCS, datasetStore } from '../test/datasets-fixtures.ts';
import { mergeCases, renameCase, splitDocument } from './case-curation.ts';
import { currentChangeCursor, listChanges, parseChangeCursor } from './changes.ts';
import type { Db } from './db.ts';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});
async function store(): Promise<Db> {
  const { db } = await datasetStore();
  open.push(db);
  return db;
}

/** Read the whole feed from `since` in pages of `limit`, as a mirror would. */
function drain(db: Db, since: string, limit = 100) {
  const seen = [];
  let cursor = since;
  for (;;) {
    const page = listChanges(db, { ...parseChangeCursor(cursor), limit });
    seen.push(...page.changes);
    cursor = page.nextCursor;
    if (!page.hasMore) return { seen, cursor };
  }
}

describe('change feed', () => {
  it('lists every document and case once, as created, and an up-to-date cursor sees nothing', async () => {
    const db = await store();
    const { seen, cursor } = drain(db, '');
    expect(seen.filter((c) => c.kind === 'document')).toHaveLength(DATASET_DOCS.length);
    expect(seen.filter((c) => c.kind === 'case')).toHaveLength(1);
    expect(seen.every((c) => c.op === 'created')).toBe(true);
    expect(seen.map((c) => c.seq)).toEqual([...seen.map((c) => c.seq)].sort((a, b) => a - b));
    expect(cursor).toBe(String(currentChangeCursor(db)));
    expect(listChanges(db, parseChangeCursor(cursor))).toEqual({ changes: [], nextCursor: cursor, hasMore: false });
  });

  it('pages with a resumable cursor and never skips or repeats', async () => {
    const db = await store();
    const all = drain(db, '').seen;
    const paged = drain(db, '', 1).seen;
    expect(paged).toEqual(all);
    const first = listChanges(db, { limit: 2 });
    expect(first.hasMore).toBe(true);
    expect(first.nextCursor).toBe(`${first.changes[1]?.seq}.0`);
  });

  it('reports updates after the cursor as updated, creations as created, deletions with their redirect', async () => {
    const db = await store();
    const { seen, cursor } = drain(db, '');
    const caseId = seen.find((c) => c.kind === 'case')?.id as string;
    renameCase(db, caseId, { titleFr: 'Clinique Oasis : caméras dans les salles de soins' }, 'test');
    const afterRename = drain(db, cursor);
    expect(afterRename.seen).toMatchObject([{ kind: 'case', id: caseId, op: 'updated' }]);

    // A document changes text: one `updated` entry for it, however many rows the pipeline rewrote.
    const changed = { ...DATASET_DOCS[0], text: `${DATASET_DOCS[0].text}\n\nMise à jour : la clinique a fait appel.` };
    await ingestLines(db, [JSON.stringify(changed)]);
    const afterEdit = drain(db, afterRename.cursor).seen;
    const docs = afterEdit.filter((c) => c.kind === 'document');
    expect(docs).toHaveLength(1);
    expect(docs[0]?.op).toBe('updated');

    // An analyst splits a document off (a new case) and merges it back (the new case is deleted).
    const arabic = seen.find((c) => c.kind === 'document' && c.id !== docs[0]?.id && c.op === 'created');
    const before = currentChangeCursor(db);
    const splitId = splitDocument(db, arabic?.id as string, 'test');
    mergeCases(db, caseId, splitId, 'test');
    const afterCuration = drain(db, String(before)).seen;
    expect(afterCuration.find((c) => c.id === splitId)).toMatchObject({
      kind: 'case',
      op: 'deleted',
      redirectTo: caseId,
    });
    expect(afterCuration.filter((c) => c.id === caseId)).toHaveLength(1);
    // A reader who had seen nothing gets the surviving entities as creations and the split case as deleted.
    const fresh = drain(db, '').seen;
    expect(new Set(fresh.map((c) => `${c.kind}:${c.id}`)).size).toBe(fresh.length);
    expect(fresh.filter((c) => c.op !== 'deleted').every((c) => c.op === 'created')).toBe(true);
  });

  it('filters by kind without skipping the other kind for a later reader', async () => {
    const db = await store();
    const cases = listChanges(db, { kinds: ['case'] });
    expect(cases.changes.map((c) => c.kind)).toEqual(['case']);
    const docs = listChanges(db, { kinds: ['document'], limit: 1 });
    expect(docs.changes.map((c) => c.kind)).toEqual(['document']);
    expect(docs.hasMore).toBe(true);
  });

  it('refuses a cursor that is not one', () => {
    expect(() => parseChangeCursor('12; DROP TABLE changes')).toThrow(/Invalid cursor/);
    expect(() => parseChangeCursor('3.7')).toThrow(/Invalid cursor/);
    expect(parseChangeCursor(undefined)).toEqual({ since: 0 });
    expect(parseChangeCursor('12.4')).toEqual({ since: 12, start: 4 });
  });
});
