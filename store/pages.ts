// Raw snapshots: the bytes exactly as fetched plus their decoded text. Rows are append-only; facts
// the pipeline derives cite a page id, so a snapshot is never rewritten.
import { z } from 'zod';
import type { Db } from './db.ts';

export interface SnapshotInput {
  sourceId: string;
  url: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** MIME type without parameters. */
  contentType: string;
  charset: string | null;
  /** Decoded text (HTML/XML) or extracted text (PDF). */
  text: string;
  contentHash: string;
  fetchedAt: string;
}

export interface Snapshot extends SnapshotInput {
  id: number;
}

const headersSchema = z.record(z.string(), z.string());

interface PageRow {
  id: number;
  source_id: string;
  url: string;
  final_url: string;
  status: number;
  headers: string;
  body: Buffer;
  content_type: string;
  charset: string | null;
  text: string;
  content_hash: string;
  fetched_at: string;
}

export function insertPage(db: Db, page: SnapshotInput): number {
  const result = db
    .prepare(
      `INSERT INTO pages (source_id, url, final_url, status, headers, body, content_type, charset, text, content_hash, fetched_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      page.sourceId,
      page.url,
      page.finalUrl,
      page.status,
      JSON.stringify(page.headers),
      page.body,
      page.contentType,
      page.charset,
      page.text,
      page.contentHash,
      page.fetchedAt,
    );
  return Number(result.lastInsertRowid);
}

export function getSnapshot(db: Db, pageId: number): Snapshot | null {
  const row = db.prepare('SELECT * FROM pages WHERE id = ?').get(pageId) as PageRow | undefined;
  return row ? rowToSnapshot(row) : null;
}

export function rowToSnapshot(row: PageRow): Snapshot {
  return {
    id: row.id,
    sourceId: row.source_id,
    url: row.url,
    finalUrl: row.final_url,
    status: row.status,
    // Validated on the way out: a JSON column is a boundary like any other.
    headers: headersSchema.parse(JSON.parse(row.headers)),
    body: row.body,
    contentType: row.content_type,
    charset: row.charset,
    text: row.text,
    contentHash: row.content_hash,
    fetchedAt: row.fetched_at,
  };
}

export type { PageRow };
