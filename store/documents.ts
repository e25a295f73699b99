// Documents and their versions. A document is one canonical URL; each time its decoded text changes
// a new version points at the snapshot that carried the change. Used by both the crawler and the
// JSONL importer, so the "store only when changed" rule lives here once.
import { documentId, sha256 } from '../pipeline/ids.ts';
import type { Db } from './db.ts';
import { insertPage, type PageRow, rowToSnapshot, type Snapshot } from './pages.ts';

export interface RecordSnapshotInput {
  sourceId: string;
  url: string;
  canonicalUrl: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  contentType: string;
  charset?: string | null;
  text: string;
  fetchedAt: string;
  etag?: string | null;
  lastModified?: string | null;
  /**
   * What decides "changed". Defaults to `contentHashOf(text, body)`; the crawler passes a hash of
   * the page's readable part so a rotating sidebar or a new CSRF token is not a new version.
   */
  contentHash?: string;
}

export interface RecordSnapshotResult {
  documentId: string;
  versionNo: number;
  /** True when a new version was written (first sighting or changed text). */
  changed: boolean;
  /** True on the first sighting of this canonical URL. */
  created: boolean;
  pageId: number;
}

export interface DocumentRecord {
  id: string;
  sourceId: string;
  canonicalUrl: string;
  firstSeenAt: string;
  lastSeenAt: string;
  currentVersion: number;
  etag: string | null;
  lastModified: string | null;
}

export interface DocumentVersion {
  documentId: string;
  versionNo: number;
  pageId: number;
  contentHash: string;
  createdAt: string;
}

interface DocumentRow {
  id: string;
  source_id: string;
  canonical_url: string;
  first_seen_at: string;
  last_seen_at: string;
  current_version: number;
  etag: string | null;
  last_modified: string | null;
}

/**
 * The hash that decides whether a page changed: of the decoded text, so a re-encoded or
 * re-compressed body with the same words is not a new version; of the bytes when there is no text
 * (an image-only PDF), so such files still version.
 */
function contentHashOf(text: string, body: Buffer): string {
  return text.trim() === '' ? `b:${sha256(body)}` : sha256(text.normalize('NFC'));
}

/**
 * The version hash of an imported document: its text, plus the metadata given beside it (title,
 * date, language) when there is any, so a corrected date makes a new version and an unchanged
 * line does not. Text-only imports hash exactly as before.
 */
export function importContentHash(text: string, metadata: Record<string, string>): string {
  const base = contentHashOf(text, Buffer.from(text, 'utf8'));
  const keys = Object.keys(metadata).sort();
  if (keys.length === 0) return base;
  return sha256(`${base}\n${JSON.stringify(keys.map((k) => [k, metadata[k]]))}`);
}

export function recordSnapshot(db: Db, input: RecordSnapshotInput): RecordSnapshotResult {
  const id = documentId(input.canonicalUrl);
  const hash = input.contentHash ?? contentHashOf(input.text, input.body);
  return db.transaction((): RecordSnapshotResult => {
    const existing = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
    if (existing) {
      const current = db
        .prepare('SELECT page_id, content_hash FROM document_versions WHERE document_id = ? AND version_no = ?')
        .get(id, existing.current_version) as { page_id: number; content_hash: string } | undefined;
      // Validators are refreshed even when the text is the same, so the next conditional GET uses them.
      const touch = db.prepare(
        `UPDATE documents SET last_seen_at = max(last_seen_at, ?), etag = coalesce(?, etag),
           last_modified = coalesce(?, last_modified) WHERE id = ?`,
      );
      touch.run(input.fetchedAt, input.etag ?? null, input.lastModified ?? null, id);
      if (current && current.content_hash === hash) {
        return {
          documentId: id,
          versionNo: existing.current_version,
          changed: false,
          created: false,
          pageId: current.page_id,
        };
      }
      const pageId = insertPage(db, { ...input, charset: input.charset ?? null, contentHash: hash });
      const versionNo = existing.current_version + 1;
      db.prepare(
        'INSERT INTO document_versions (document_id, version_no, page_id, content_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      ).run(id, versionNo, pageId, hash, input.fetchedAt);
      db.prepare('UPDATE documents SET current_version = ? WHERE id = ?').run(versionNo, id);
      return { documentId: id, versionNo, changed: true, created: false, pageId };
    }
    const pageId = insertPage(db, { ...input, charset: input.charset ?? null, contentHash: hash });
    db.prepare(
      `INSERT INTO documents (id, source_id, canonical_url, first_seen_at, last_seen_at, current_version, etag, last_modified)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
    ).run(
      id,
      input.sourceId,
      input.canonicalUrl,
      input.fetchedAt,
      input.fetchedAt,
      input.etag ?? null,
      input.lastModified ?? null,
    );
    db.prepare(
      'INSERT INTO document_versions (document_id, version_no, page_id, content_hash, created_at) VALUES (?, 1, ?, ?, ?)',
    ).run(id, pageId, hash, input.fetchedAt);
    return { documentId: id, versionNo: 1, changed: true, created: true, pageId };
  })();
}

/** A 304 or an unchanged page: the document was seen, nothing else happened. */
export function touchDocument(db: Db, id: string, seenAt: string): void {
  db.prepare('UPDATE documents SET last_seen_at = max(last_seen_at, ?) WHERE id = ?').run(seenAt, id);
}

export function getDocument(db: Db, id: string): DocumentRecord | null {
  const row = db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
  return row ? rowToDocument(row) : null;
}

export function getDocumentByCanonicalUrl(db: Db, canonicalUrl: string): DocumentRecord | null {
  return getDocument(db, documentId(canonicalUrl));
}

/**
 * The document a fetched URL (as requested, before redirects and canonicalization) was stored
 * under: lets a feed that still links an old, redirected URL send a conditional GET.
 */
export function getDocumentByFetchedUrl(db: Db, url: string): DocumentRecord | null {
  const row = db
    .prepare(
      `SELECT d.* FROM pages p JOIN document_versions v ON v.page_id = p.id JOIN documents d ON d.id = v.document_id
       WHERE p.url = ? ORDER BY p.id DESC LIMIT 1`,
    )
    .get(url) as DocumentRow | undefined;
  return row ? rowToDocument(row) : null;
}

export function latestVersion(db: Db, id: string): { versionNo: number; page: Snapshot } | null {
  const row = db
    .prepare(
      `SELECT v.version_no AS version_no, p.* FROM documents d
       JOIN document_versions v ON v.document_id = d.id AND v.version_no = d.current_version
       JOIN pages p ON p.id = v.page_id WHERE d.id = ?`,
    )
    .get(id) as (PageRow & { version_no: number }) | undefined;
  return row ? { versionNo: row.version_no, page: rowToSnapshot(row) } : null;
}

export function listDocumentVersions(db: Db, id: string): DocumentVersion[] {
  const rows = db
    .prepare('SELECT * FROM document_versions WHERE document_id = ? ORDER BY version_no')
    .all(id) as Array<{
    document_id: string;
    version_no: number;
    page_id: number;
    content_hash: string;
    created_at: string;
  }>;
  return rows.map((r) => ({
    documentId: r.document_id,
    versionNo: r.version_no,
    pageId: r.page_id,
    contentHash: r.content_hash,
    createdAt: r.created_at,
  }));
}

export function listDocumentIds(db: Db, sourceId?: string): string[] {
  const stmt =
    sourceId === undefined
      ? db.prepare('SELECT id FROM documents ORDER BY id')
      : db.prepare('SELECT id FROM documents WHERE source_id = ? ORDER BY id');
  return (sourceId === undefined ? stmt.pluck().all() : stmt.pluck().all(sourceId)) as string[];
}

function rowToDocument(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    sourceId: row.source_id,
    canonicalUrl: row.canonical_url,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    currentVersion: row.current_version,
    etag: row.etag,
    lastModified: row.last_modified,
  };
}
