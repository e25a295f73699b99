import { afterEach, describe, expect, it } from 'vitest';
import { caseDocument, linkFeatures } from '../pipeline/link/index.ts';
import { understand } from '../pipeline/run.ts';
import { tempDataDir } from '../test/crawl-helpers.ts';
import { saveAnalysis, understoodDocumentOf } from './analyses.ts';
import { type Db, openDb } from './db.ts';
import { recordSnapshot } from './documents.ts';

let db: Db;
afterEach(() => db?.close());

// Our own writing: a regulator's notice with a company, the law, a fine and a deadline, so the
// entities that linking reads are not empty.
const NOTICE = [
  'Rabat, le 12 mars 2025 — La Commission nationale de contrôle de la protection des données à caractère personnel (CNDP) a adressé une mise en demeure à la société Atlas Télécom.',
  "Au titre de la loi 09-08, l'opérateur dispose d'un délai de trente jours pour cesser la conservation excessive des enregistrements de ses clients. Une amende de 50 000 dirhams est envisagée.",
].join('\n\n');

describe('understoodDocumentOf', () => {
  it('reads back the document the pipeline understood, as linking reads it', () => {
    db = openDb(tempDataDir('raqib-analyses-'));
    const url = 'https://www.cndp.ma/mise-en-demeure-atlas-telecom/';
    const snapshot = recordSnapshot(db, {
      sourceId: 'cndp-fr',
      url,
      canonicalUrl: url,
      finalUrl: url,
      status: 200,
      headers: {},
      body: Buffer.from(NOTICE),
      contentType: 'text/plain',
      charset: 'utf-8',
      text: NOTICE,
      fetchedAt: '2025-03-13T08:00:00.000Z',
    });
    const result = understand({
      url,
      canonicalUrl: url,
      sourceId: 'cndp-fr',
      sourceKind: 'regulator',
      outlet: 'CNDP',
      contentType: 'text/plain',
      body: NOTICE,
      hints: { title: 'Mise en demeure de la société Atlas Télécom' },
    });
    expect(result.doc.id).toBe(snapshot.documentId);
    expect(result.doc.entities.organizations.length).toBeGreaterThan(0);
    saveAnalysis(db, {
      doc: result.doc,
      versionNo: snapshot.versionNo,
      sourceKind: 'regulator',
      rejectedReason: result.rejectedReason,
      contentHash: result.contentHash,
      signature: result.signature,
      bandKeys: result.bandKeys,
      duplicateOf: 'doc_1111111111111111',
      duplicateSimilarity: 0.9,
    });

    const stored = understoodDocumentOf(db, result.doc.id);
    expect(stored?.duplicateOf).toBe('doc_1111111111111111');
    const back = stored?.doc;
    // Optional provenance fields come back as null when the pipeline left them out.
    expect(back).toEqual({
      ...result.doc,
      publishedAtSource: result.doc.publishedAtSource ?? null,
      publishedAtEvidence: result.doc.publishedAtEvidence ?? null,
    });
    if (!back) throw new Error('no document read back');
    // What linking derives from it is the same, so a batch linked from read-back documents forms
    // the same cases as one linked from the documents held in memory.
    const features = linkFeatures(result.doc, { duplicateOf: null });
    expect(linkFeatures(back, { duplicateOf: null })).toEqual(features);
    const options = { sourceKind: 'regulator', subjectIds: Object.keys(features.subjects) };
    expect(caseDocument(back, options)).toEqual(caseDocument(result.doc, options));
  });

  it('answers null for a document without an analysis', () => {
    db = openDb(tempDataDir('raqib-analyses-'));
    expect(understoodDocumentOf(db, 'doc_0000000000000000')).toBeNull();
  });
});
