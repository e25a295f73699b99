// Reads over `document_entities`: the organizations, laws and persons the pipeline found in
// documents, counted and listed for the API's /entities routes. Writes happen in store/analyses.ts,
// with the analysis they belong to.
import type { Db } from './db.ts';

export const LISTED_ENTITY_TYPES = ['organization', 'law', 'person'] as const;
export type ListedEntityType = (typeof LISTED_ENTITY_TYPES)[number];

export interface EntityCount {
  type: string;
  id: string;
  label: string;
  documents: number;
}

export interface EntityListOptions {
  type?: ListedEntityType;
  /** Words matched (as a substring) against ids and labels; LIKE's wildcards in it are literal. */
  q?: string;
  /** Ids listed whatever their spelling (what query understanding resolved `q` to). */
  alsoIds?: readonly string[];
  limit: number;
  offset: number;
}

/** Entities by number of distinct documents naming them, most first. */
export function listEntityCounts(db: Db, options: EntityListOptions): EntityCount[] {
  // The user's text is a bound parameter; escaping only makes `%` and `_` mean themselves.
  const like = options.q ? `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return db
    .prepare(
      `SELECT entity_type AS type, entity_id AS id, min(label) AS label, count(DISTINCT document_id) AS documents
       FROM document_entities
       WHERE entity_type IN ('organization', 'law', 'person')
         AND (@type IS NULL OR entity_type = @type)
         AND (@like IS NULL OR entity_id LIKE @like ESCAPE '\\' OR label LIKE @like ESCAPE '\\'
              OR entity_id IN (SELECT value FROM json_each(@ids)))
       GROUP BY entity_type, entity_id ORDER BY documents DESC, entity_id LIMIT @limit OFFSET @offset`,
    )
    .all({
      type: options.type ?? null,
      like,
      ids: JSON.stringify(options.alsoIds ?? []),
      limit: options.limit,
      offset: options.offset,
    }) as EntityCount[];
}

export interface EntityMentions {
  /** The entity types it was seen as, with every label documents spelled it with (at most 200). */
  labels: { type: string; label: string }[];
  documentCount: number;
}

export function entityMentions(db: Db, entityId: string): EntityMentions {
  const labels = db
    .prepare('SELECT DISTINCT entity_type AS type, label FROM document_entities WHERE entity_id = ? LIMIT 200')
    .all(entityId) as { type: string; label: string }[];
  const documentCount = db
    .prepare('SELECT count(DISTINCT document_id) FROM document_entities WHERE entity_id = ?')
    .pluck()
    .get(entityId) as number;
  return { labels, documentCount };
}

export interface EntityDocument {
  id: string;
  title: string | null;
  language: string;
  publishedAt: string | null;
  outlet: string | null;
}

/** The newest analysed documents naming the entity. */
export function entityDocuments(db: Db, entityId: string, limit: number): EntityDocument[] {
  return db
    .prepare(
      `SELECT a.document_id AS id, a.title, a.language, a.published_at AS publishedAt, a.outlet
       FROM analyses a WHERE a.document_id IN (SELECT document_id FROM document_entities WHERE entity_id = ?)
       ORDER BY a.published_at DESC LIMIT ?`,
    )
    .all(entityId, limit) as EntityDocument[];
}

/** Cases (at most 200) one of whose primary documents names the entity. */
export function entityCaseIds(db: Db, entityId: string): string[] {
  return db
    .prepare(
      `SELECT DISTINCT m.case_id FROM case_members m JOIN document_entities e ON e.document_id = m.document_id
       WHERE e.entity_id = ? AND m.role = 'primary' LIMIT 200`,
    )
    .pluck()
    .all(entityId) as string[];
}
