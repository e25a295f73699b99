// A document as the system of record holds it (text, metadata, entities with offsets, duplicates,
// versions) and the raw bytes of each stored version. Read from SQLite, one record at a time.
import { Type } from 'typebox';
import { duplicateClusterOf, getAnalysis, type StoredAnalysis } from '../store/analyses.ts';
import { caseIdsForDocument } from '../store/cases.ts';
import type { Db } from '../store/db.ts';
import { getDocument, latestVersion, listDocumentVersions } from '../store/documents.ts';
import { getSnapshot } from '../store/pages.ts';
import { IdParams, notFound, type TypedApp } from './route-schemas.ts';

const SnapshotQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

const snapshotLink = (id: string, versionNo?: number) =>
  `/documents/${encodeURIComponent(id)}/snapshot${versionNo === undefined ? '' : `?version=${versionNo}`}`;

function analysisView(analysis: StoredAnalysis) {
  return {
    versionNo: analysis.versionNo,
    pipelineVersion: analysis.pipelineVersion,
    title: analysis.title,
    text: analysis.text,
    language: analysis.language,
    paragraphLanguages: analysis.paragraphLanguages,
    publishedAt: analysis.publishedAt,
    updatedAt: analysis.updatedAt,
    author: analysis.author,
    outlet: analysis.outlet,
    sourceKind: analysis.sourceKind,
    relevant: analysis.relevant,
    relevanceScore: analysis.relevanceScore,
    rejectedReason: analysis.rejectedReason,
    analysedAt: analysis.analysedAt,
  };
}

/** The document record, or null when neither a fetched page nor an analysis has this id. */
function documentRecord(db: Db, id: string) {
  const analysis = getAnalysis(db, id);
  const doc = getDocument(db, id);
  if (!analysis && !doc) return null;
  const cluster = analysis ? duplicateClusterOf(db, id) : null;
  return {
    id,
    url: doc?.canonicalUrl ?? null,
    sourceId: analysis?.sourceId ?? doc?.sourceId ?? null,
    firstSeenAt: doc?.firstSeenAt ?? null,
    lastSeenAt: doc?.lastSeenAt ?? null,
    analysis: analysis ? analysisView(analysis) : null,
    entities: analysis?.entities ?? null,
    duplicates: cluster
      ? {
          canonicalId: cluster.canonicalId,
          memberIds: [...new Set([cluster.canonicalId, ...cluster.memberIds])],
          isDuplicate: cluster.canonicalId !== id,
        }
      : null,
    cases: caseIdsForDocument(db, id),
    versions: listDocumentVersions(db, id).map((v) => ({
      versionNo: v.versionNo,
      contentHash: v.contentHash,
      createdAt: v.createdAt,
      snapshot: snapshotLink(id, v.versionNo),
    })),
    snapshot: doc ? snapshotLink(id) : null,
  };
}

export function registerDocumentRoutes(app: TypedApp, db: Db): void {
  app.get(
    '/documents/:id',
    {
      schema: {
        tags: ['documents'],
        summary: 'A document: text, metadata, entities with offsets, duplicates, versions',
        params: IdParams,
      },
    },
    async (req) => {
      const record = documentRecord(db, req.params.id);
      if (!record) throw notFound('document', req.params.id);
      return record;
    },
  );

  app.get(
    '/documents/:id/snapshot',
    {
      schema: {
        tags: ['documents'],
        summary: 'The raw stored bytes of a version (latest by default), with their content type',
        params: IdParams,
        querystring: SnapshotQuery,
      },
    },
    async (req, reply) => {
      const { id } = req.params;
      const { version } = req.query;
      let snapshot = null;
      if (version === undefined) snapshot = latestVersion(db, id)?.page ?? null;
      else {
        const v = listDocumentVersions(db, id).find((x) => x.versionNo === version);
        snapshot = v ? getSnapshot(db, v.pageId) : null;
      }
      if (!snapshot) throw notFound('snapshot of document', id);
      const type = snapshot.charset ? `${snapshot.contentType}; charset=${snapshot.charset}` : snapshot.contentType;
      // Third-party HTML served from our origin must not run scripts or reach our cookies.
      return reply
        .header('content-type', type)
        .header('content-security-policy', 'sandbox')
        .header('x-content-type-options', 'nosniff')
        .header('x-raqib-fetched-at', snapshot.fetchedAt)
        .header('x-raqib-source-url', encodeURI(snapshot.finalUrl))
        .send(snapshot.body);
    },
  );
}
