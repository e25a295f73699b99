import { afterEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../test/crawl-helpers.ts';
import { type Db, openDb } from './db.ts';
import {
  getDocument,
  getDocumentByCanonicalUrl,
  latestVersion,
  listDocumentVersions,
  type RecordSnapshotInput,
  recordSnapshot,
} from './documents.ts';
import { getSnapshot } from './pages.ts';
import { getSourceHealth, recordSourceRun } from './sources.ts';

let db: Db;
afterEach(() => db?.close());

function snapshot(overrides: Partial<RecordSnapshotInput> = {}): RecordSnapshotInput {
  const text = overrides.text ?? '<p>La commission a prononcé un avertissement.</p>';
  return {
    sourceId: 'cndp-fr',
    url: 'https://www.cndp.ma/avertissement-a-un-operateur/?utm_source=x',
    canonicalUrl: 'https://www.cndp.ma/avertissement-a-un-operateur/',
    finalUrl: 'https://www.cndp.ma/avertissement-a-un-operateur/',
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: Buffer.from(text),
    contentType: 'text/html',
    charset: 'utf-8',
    text,
    fetchedAt: '2026-01-10T10:00:00.000Z',
    etag: '"a"',
    ...overrides,
  };
}

describe('recordSnapshot', () => {
  it('stores a first sighting, ignores an identical re-fetch and versions a changed text', () => {
    db = openDb(tempDataDir('raqib-store-'));
    const first = recordSnapshot(db, snapshot());
    expect(first).toMatchObject({ versionNo: 1, changed: true, created: true });
    const again = recordSnapshot(db, snapshot({ fetchedAt: '2026-01-11T10:00:00.000Z', etag: '"b"' }));
    expect(again).toEqual({ ...first, created: false, changed: false });
    expect(db.prepare('SELECT count(*) FROM pages').pluck().get()).toBe(1);
    // Seen again: last_seen_at and validators move, the version does not.
    expect(getDocument(db, first.documentId)).toMatchObject({
      lastSeenAt: '2026-01-11T10:00:00.000Z',
      etag: '"b"',
      currentVersion: 1,
    });

    const changedText = '<p>La commission a prononcé un avertissement et une amende.</p>';
    const changed = recordSnapshot(
      db,
      snapshot({ text: changedText, body: Buffer.from(changedText), fetchedAt: '2026-01-12T10:00:00.000Z' }),
    );
    expect(changed).toMatchObject({ versionNo: 2, changed: true, created: false });
    expect(listDocumentVersions(db, first.documentId).map((v) => v.pageId)).toEqual([first.pageId, changed.pageId]);
    const latest = latestVersion(db, first.documentId);
    expect(latest?.versionNo).toBe(2);
    expect(latest?.page).toMatchObject({
      text: changedText,
      contentType: 'text/html',
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    expect(Buffer.compare(getSnapshot(db, first.pageId)!.body, Buffer.from(snapshot().text))).toBe(0);
    expect(getDocumentByCanonicalUrl(db, 'https://www.cndp.ma/avertissement-a-un-operateur/')?.id).toBe(
      first.documentId,
    );
  });

  it('versions text-less bodies (scanned PDFs) by their bytes', () => {
    db = openDb(tempDataDir('raqib-store-'));
    const pdf = (bytes: string) =>
      snapshot({
        contentType: 'application/pdf',
        text: '',
        body: Buffer.from(bytes),
        canonicalUrl: 'https://www.cndp.ma/x.pdf',
      });
    expect(recordSnapshot(db, pdf('%PDF-1 a')).changed).toBe(true);
    expect(recordSnapshot(db, pdf('%PDF-1 a')).changed).toBe(false);
    expect(recordSnapshot(db, pdf('%PDF-1 b')).versionNo).toBe(2);
  });
});

describe('source health', () => {
  it('counts failures in a row, backs off exponentially and resets on success', () => {
    db = openDb(tempDataDir('raqib-store-'));
    const policy = { afterFailures: 2, baseMs: 60_000, maxMs: 10 * 60_000 };
    const fail = (at: string) =>
      recordSourceRun(db, 's', { at, ok: false, errorCounts: { FETCH_HTTP_5XX: 2 } }, policy);
    expect(fail('2026-01-01T00:00:00.000Z').backoffUntil).toBeNull();
    expect(fail('2026-01-01T01:00:00.000Z').backoffUntil).toBe('2026-01-01T01:01:00.000Z');
    expect(fail('2026-01-01T02:00:00.000Z').backoffUntil).toBe('2026-01-01T02:02:00.000Z');
    for (let h = 3; h < 9; h++) fail(`2026-01-01T0${h}:00:00.000Z`);
    expect(getSourceHealth(db, 's')).toMatchObject({
      consecutiveFailures: 9,
      backoffUntil: '2026-01-01T08:10:00.000Z',
      errorCounts: { FETCH_HTTP_5XX: 18 },
    });
    const ok = recordSourceRun(db, 's', { at: '2026-01-02T00:00:00.000Z', ok: true, errorCounts: {} }, policy);
    expect(ok).toMatchObject({ consecutiveFailures: 0, backoffUntil: null, lastSuccessAt: '2026-01-02T00:00:00.000Z' });
  });
});
