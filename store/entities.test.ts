import { afterEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../test/crawl-helpers.ts';
import { type Db, openDb } from './db.ts';
import { entityMentions, listEntityCounts } from './entities.ts';

let db: Db;
afterEach(() => db?.close());

// Mentions as the pipeline writes them: (document, type, id, label).
function mention(documentId: string, type: string, id: string, label: string): void {
  db.prepare(
    `INSERT INTO document_entities (document_id, entity_type, entity_id, label, mention_count)
     VALUES (?, ?, ?, ?, 1)`,
  ).run(documentId, type, id, label);
}

function seed(): void {
  db = openDb(tempDataDir('raqib-entities-'));
  mention('d1', 'organization', 'org:telco', 'Télécom Atlas');
  mention('d2', 'organization', 'org:telco', 'Telecom Atlas SA');
  mention('d3', 'organization', 'org:telco', 'Télécom Atlas');
  mention('d1', 'law', 'law:09-08', 'loi 09-08');
  mention('d2', 'law', 'law:09-08', 'loi n° 09-08');
  mention('d4', 'organization', 'org:pct', 'Remise 100% Club');
  mention('d4', 'deadline', 'deadline:2024-03-01', '1er mars 2024');
}

describe('store/entities', () => {
  it('counts documents per entity, most first, and lists only organizations, laws and persons', () => {
    seed();
    const all = listEntityCounts(db, { limit: 10, offset: 0 });
    expect(all.map((e) => [e.id, e.documents])).toEqual([
      ['org:telco', 3],
      ['law:09-08', 2],
      ['org:pct', 1],
    ]);
    expect(listEntityCounts(db, { type: 'law', limit: 10, offset: 0 }).map((e) => e.id)).toEqual(['law:09-08']);
    expect(listEntityCounts(db, { limit: 1, offset: 1 }).map((e) => e.id)).toEqual(['law:09-08']);
  });

  it('matches q as literal text: % and _ are not wildcards', () => {
    seed();
    expect(listEntityCounts(db, { q: '100%', limit: 10, offset: 0 }).map((e) => e.id)).toEqual(['org:pct']);
    // Unescaped, `%` alone would match every label.
    expect(listEntityCounts(db, { q: '%', limit: 10, offset: 0 }).map((e) => e.id)).toEqual(['org:pct']);
    expect(listEntityCounts(db, { q: '_', limit: 10, offset: 0 })).toEqual([]);
  });

  it('lists ids resolved from q even when no label spells them that way', () => {
    seed();
    const found = listEntityCounts(db, { q: 'اتصالات الأطلس', alsoIds: ['org:telco'], limit: 10, offset: 0 });
    expect(found.map((e) => e.id)).toEqual(['org:telco']);
  });

  it('gives the labels an entity was written with and its document count', () => {
    seed();
    const m = entityMentions(db, 'org:telco');
    expect(m.documentCount).toBe(3);
    expect(new Set(m.labels.map((l) => l.label))).toEqual(new Set(['Télécom Atlas', 'Telecom Atlas SA']));
    expect(m.labels.every((l) => l.type === 'organization')).toBe(true);
    expect(entityMentions(db, 'org:unknown')).toEqual({ labels: [], documentCount: 0 });
  });
});
