// Analysts' corrections to the linking: merge two cases, split a document off, rename a case. Each
// is logged in case_curation and pinned, so re-linking (case-linking.ts) keeps it.
import { AppError } from '../pipeline/errors.ts';
import { absorb, createCase, mintCaseId, rebuildCase, retireIfEmpty } from './case-linking.ts';
import { iso, q, qp, resolveCaseId } from './case-rows.ts';
import type { Db } from './db.ts';

function log(
  db: Db,
  entry: {
    op: 'merge' | 'split' | 'rename';
    caseId?: string | null;
    otherCaseId?: string | null;
    documentId?: string | null;
    payload?: unknown;
    actor: string;
  },
  now: string,
): void {
  q(
    db,
    `INSERT INTO case_curation (op, case_id, other_case_id, document_id, payload, actor, at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.op,
    entry.caseId ?? null,
    entry.otherCaseId ?? null,
    entry.documentId ?? null,
    JSON.stringify(entry.payload ?? {}),
    entry.actor,
    now,
  );
}

/** Analyst: the two cases are one matter. The absorbed id redirects; later re-linking keeps them together. */
export function mergeCases(db: Db, survivorId: string, absorbedId: string, actor: string, now = new Date()): string {
  return db.transaction(() => {
    const survivor = resolveCaseId(db, survivorId);
    const absorbed = resolveCaseId(db, absorbedId);
    if (!survivor) throw new AppError('NOT_FOUND', `No case ${survivorId}`, { details: { caseId: survivorId } });
    if (!absorbed) throw new AppError('NOT_FOUND', `No case ${absorbedId}`, { details: { caseId: absorbedId } });
    if (survivor === absorbed) return survivor;
    absorb(db, survivor, absorbed, 'merged by analyst', true, iso(now));
    log(db, { op: 'merge', caseId: survivor, otherCaseId: absorbed, actor }, iso(now));
    return survivor;
  })();
}

/** Analyst: this document is another matter. It moves to a case of its own, pinned there. */
export function splitDocument(db: Db, documentId: string, actor: string, now = new Date()): string {
  return db.transaction(() => {
    const at = iso(now);
    const from = qp(db, "SELECT case_id FROM case_members WHERE document_id = ? AND role = 'primary'").get(
      documentId,
    ) as string | undefined;
    if (q(db, 'SELECT 1 FROM case_documents WHERE document_id = ?').get(documentId) === undefined)
      throw new AppError('NOT_FOUND', `Document ${documentId} was never linked`, { details: { documentId } });
    const id = mintCaseId(db, `split:${documentId}`);
    createCase(db, id, false, at);
    q(db, 'DELETE FROM case_members WHERE document_id = ?').run(documentId);
    q(db, "INSERT INTO case_members (document_id, case_id, role, score, pinned) VALUES (?, ?, 'primary', 1, 1)").run(
      documentId,
      id,
    );
    rebuildCase(db, id, at);
    if (from) {
      rebuildCase(db, from, at);
      retireIfEmpty(db, from, id, at);
    }
    log(db, { op: 'split', caseId: id, otherCaseId: from ?? null, documentId, actor }, at);
    return id;
  })();
}

export function renameCase(
  db: Db,
  caseId: string,
  titles: { titleFr?: string | null; titleAr?: string | null },
  actor: string,
  now = new Date(),
): string {
  return db.transaction(() => {
    const id = resolveCaseId(db, caseId);
    if (!id) throw new AppError('NOT_FOUND', `No case ${caseId}`, { details: { caseId } });
    const clean = (t: string | null | undefined) =>
      t === undefined ? undefined : t === null ? null : t.trim() || null;
    const fr = clean(titles.titleFr);
    const ar = clean(titles.titleAr);
    if (fr === undefined && ar === undefined)
      throw new AppError('BAD_REQUEST', 'Nothing to rename: give a French or Arabic title');
    if (fr !== undefined) q(db, 'UPDATE cases SET title_fr = ?, updated_at = ? WHERE id = ?').run(fr, iso(now), id);
    if (ar !== undefined) q(db, 'UPDATE cases SET title_ar = ?, updated_at = ? WHERE id = ?').run(ar, iso(now), id);
    log(db, { op: 'rename', caseId: id, payload: { titleFr: fr, titleAr: ar }, actor }, iso(now));
    return id;
  })();
}
