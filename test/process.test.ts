// The pipeline job over the record: near-duplicate clusters keep the right canonical member
// whatever the arrival order, and a newer pipeline version re-derives what is behind.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestLines } from '../app/ingest.ts';
import { pendingDocumentIds, processDocuments } from '../app/process.ts';
import { PIPELINE_VERSION } from '../pipeline/run.ts';
import { duplicateClusterOf, getAnalysis } from '../store/analyses.ts';
import { openDb } from '../store/db.ts';

// A wire story reprinted by three outlets, each with its own intro line and sign-off.
const WIRE = [
  'La Commission nationale de contrôle de la protection des données personnelles a annoncé jeudi l’ouverture d’une procédure de contrôle visant la société Transports Oasis Express, soupçonnée d’avoir installé des caméras dans les cabines de ses autocars sans informer les voyageurs.',
  'Selon le communiqué de la Commission, les images étaient conservées pendant plus de six mois sur un serveur hébergé hors du Maroc, sans autorisation préalable, ce qui contrevient aux dispositions de la loi 09-08 relative à la protection des personnes physiques.',
  'La CNDP indique avoir entendu les responsables de la société le 3 octobre et leur avoir accordé un délai de trois mois pour mettre fin aux traitements non conformes et supprimer les enregistrements concernés.',
  'La Commission rappelle que les voyageurs peuvent déposer une plainte en ligne et qu’elle publiera les suites données à ce dossier sur son site institutionnel dans les prochaines semaines.',
].join('\n\n');

const reprint = (outlet: string, url: string, publishedAt: string, intro: string) =>
  JSON.stringify({
    url,
    source: outlet,
    publishedAt,
    title: 'La CNDP contrôle les caméras d’un transporteur',
    text: `${intro}\n\n${WIRE}\n\n© ${outlet}`,
  });

describe('processDocuments', () => {
  it('clusters reprints under the earliest copy, even when it arrives last', async () => {
    const db = openDb(mkdtempSync(join(tmpdir(), 'raqib-process-')));
    const later = await ingestLines(db, [
      reprint('Journal A', 'https://a.example/transport-cameras', '2024-10-05T10:00:00Z', 'Transport — Mise à jour.'),
      reprint('Journal B', 'https://b.example/cameras-autocars', '2024-10-05T12:00:00Z', 'Par la rédaction.'),
    ]);
    const [a, b] = later.outputs as Array<{ id: string; duplicateOf: string | null }>;
    expect(a?.duplicateOf).toBeNull();
    expect(b?.duplicateOf).toBe(a?.id);

    const first = await ingestLines(db, [
      reprint('Agence C', 'https://c.example/depeche/4411', '2024-10-04T08:00:00Z', 'Rabat (Agence).'),
    ]);
    const c = first.outputs[0] as { id: string; duplicateOf: string | null };
    expect(c.duplicateOf).toBeNull();
    expect(getAnalysis(db, a!.id)?.duplicateOf).toBe(c.id);
    expect(getAnalysis(db, b!.id)?.duplicateOf).toBe(c.id);
    expect(duplicateClusterOf(db, b!.id)).toEqual({
      canonicalId: c.id,
      memberIds: expect.arrayContaining([a!.id, b!.id]),
    });
    db.close();
  });

  it('reprocesses documents analysed by an older pipeline version, and only those', async () => {
    const db = openDb(mkdtempSync(join(tmpdir(), 'raqib-process-')));
    const { outputs } = await ingestLines(db, [
      reprint('Journal A', 'https://a.example/x', '2024-10-05T10:00:00Z', 'Intro.'),
      JSON.stringify({
        url: 'https://d.example/sport',
        source: 'Journal D',
        text: 'Le Raja a battu le Wydad deux buts à un dimanche soir au complexe Mohammed V.',
      }),
    ]);
    expect(pendingDocumentIds(db)).toEqual([]);
    const stale = (outputs[0] as { id: string }).id;
    db.prepare('UPDATE analyses SET pipeline_version = ? WHERE document_id = ?').run(PIPELINE_VERSION - 1, stale);
    expect(pendingDocumentIds(db)).toEqual([stale]);
    const summary = processDocuments(db);
    expect(summary.processed).toBe(1);
    expect(getAnalysis(db, stale)?.pipelineVersion).toBe(PIPELINE_VERSION);
    expect(processDocuments(db, { all: true }).processed).toBe(2);
    db.close();
  });
});
