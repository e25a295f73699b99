-- Enforcement cases (issue #4). Document ids are plain TEXT (no foreign keys) so linking can be
-- rebuilt or tested on its own; `case_documents` keeps each document's linking inputs, so
-- re-linking everything needs nothing but these tables.
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  -- Analyst titles; when null the generated ones below are shown.
  title_fr TEXT,
  title_ar TEXT,
  generated_title_fr TEXT NOT NULL DEFAULT '',
  generated_title_ar TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT 'public_statement',
  -- 0 for a case an analyst split off: automatic linking never adds documents to it.
  accepts_auto_join INTEGER NOT NULL DEFAULT 1,
  summary TEXT NOT NULL,
  doc_count INTEGER NOT NULL DEFAULT 0,
  first_seen TEXT,
  last_seen TEXT,
  created_seq INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX cases_last_seen ON cases (last_seen);
CREATE INDEX cases_created_seq ON cases (created_seq);

CREATE TABLE case_documents (
  document_id TEXT PRIMARY KEY,
  -- Arrival order: re-linking replays documents in the order they first came.
  seq INTEGER NOT NULL,
  date TEXT,
  features TEXT NOT NULL,
  card TEXT NOT NULL,
  linked_at TEXT NOT NULL
);
CREATE INDEX case_documents_seq ON case_documents (seq);

-- Membership: one primary case per document at most, any number of secondary mentions. `pinned`
-- rows were placed by an analyst (split, merge) and are never moved by automatic linking.
CREATE TABLE case_members (
  document_id TEXT NOT NULL,
  case_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('primary', 'mention')),
  score REAL,
  pinned INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (document_id, case_id)
);
CREATE UNIQUE INDEX case_members_one_primary ON case_members (document_id) WHERE role = 'primary';
CREATE INDEX case_members_case ON case_members (case_id, role);

-- Blocking index: (feature key, month bucket) → cases. A new document only meets the cases that
-- share a key with it in its time window, so its cost does not grow with the archive.
CREATE TABLE case_blocks (
  key TEXT NOT NULL,
  bucket INTEGER NOT NULL,
  case_id TEXT NOT NULL,
  PRIMARY KEY (key, bucket, case_id)
) WITHOUT ROWID;
CREATE INDEX case_blocks_case ON case_blocks (case_id);

-- An absorbed case id keeps answering: it redirects to the case that absorbed it.
CREATE TABLE case_redirects (
  from_id TEXT PRIMARY KEY,
  to_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX case_redirects_to ON case_redirects (to_id);

-- Every analyst decision, in order: who did what, when.
CREATE TABLE case_curation (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  op TEXT NOT NULL CHECK (op IN ('merge', 'split', 'rename')),
  case_id TEXT,
  other_case_id TEXT,
  document_id TEXT,
  payload TEXT NOT NULL DEFAULT '{}',
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);
