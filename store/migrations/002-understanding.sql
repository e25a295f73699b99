-- What the pipeline derived from each document's latest version. Everything here can be re-derived
-- from the stored snapshots; `pipeline_version` says which pipeline produced the row, so bumping the
-- version reprocesses what is behind.
CREATE TABLE analyses (
  document_id TEXT PRIMARY KEY,
  version_no INTEGER NOT NULL,
  pipeline_version INTEGER NOT NULL,
  title TEXT,
  text TEXT NOT NULL,
  language TEXT NOT NULL,
  paragraph_languages TEXT NOT NULL DEFAULT '[]',
  published_at TEXT,
  updated_at TEXT,
  author TEXT,
  outlet TEXT,
  source_id TEXT NOT NULL,
  source_kind TEXT NOT NULL,
  relevant INTEGER NOT NULL,
  relevance_score REAL NOT NULL,
  rejected_reason TEXT,
  content_hash TEXT NOT NULL,
  minhash BLOB,
  duplicate_of TEXT,
  duplicate_similarity REAL,
  entities TEXT NOT NULL DEFAULT '{}',
  analysed_at TEXT NOT NULL
);
CREATE INDEX analyses_published ON analyses (published_at);
CREATE INDEX analyses_content_hash ON analyses (content_hash);
CREATE INDEX analyses_duplicate_of ON analyses (duplicate_of);

-- One row per entity per document (mentions stay in `analyses.entities`): serves "documents citing
-- law X" and "organizations seen with CNDP" without scanning JSON.
CREATE TABLE document_entities (
  document_id TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  label TEXT NOT NULL,
  mention_count INTEGER NOT NULL,
  PRIMARY KEY (document_id, entity_type, entity_id)
);
CREATE INDEX document_entities_entity ON document_entities (entity_id);

-- MinHash LSH band keys: near-duplicate candidates are found by key, so the cost of a new document
-- does not grow with the archive.
CREATE TABLE dedupe_bands (
  band_key TEXT NOT NULL,
  document_id TEXT NOT NULL,
  PRIMARY KEY (band_key, document_id)
);
CREATE INDEX dedupe_bands_document ON dedupe_bands (document_id);
