-- The crawl half of the system of record: raw snapshots exactly as fetched, the documents they are
-- versions of, per-source health and per-URL failures. Everything the pipeline derives is rebuilt
-- from `pages`, so nothing here is ever updated in place except bookkeeping columns.

CREATE TABLE sources (
  id TEXT PRIMARY KEY,
  config TEXT NOT NULL,
  last_run_at TEXT,
  last_success_at TEXT,
  last_failure_at TEXT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  -- {"FETCH_HTTP_5XX": 3, ...}: cumulative counts by error code.
  error_counts TEXT NOT NULL DEFAULT '{}',
  backoff_until TEXT,
  last_error TEXT
);

-- One row per fetched (or imported) body. A row is only written when the document is new or its
-- decoded text changed, so a re-crawl of unchanged pages adds nothing.
CREATE TABLE pages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id TEXT NOT NULL,
  url TEXT NOT NULL,
  final_url TEXT NOT NULL,
  status INTEGER NOT NULL,
  headers TEXT NOT NULL DEFAULT '{}',
  body BLOB NOT NULL,
  content_type TEXT NOT NULL,
  charset TEXT,
  text TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  fetched_at TEXT NOT NULL
);
CREATE INDEX pages_source ON pages (source_id);
CREATE INDEX pages_url ON pages (url);

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  source_id TEXT NOT NULL,
  canonical_url TEXT NOT NULL UNIQUE,
  first_seen_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  etag TEXT,
  last_modified TEXT
);
CREATE INDEX documents_source ON documents (source_id);

CREATE TABLE document_versions (
  document_id TEXT NOT NULL REFERENCES documents (id),
  version_no INTEGER NOT NULL,
  page_id INTEGER NOT NULL REFERENCES pages (id),
  content_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (document_id, version_no)
);
CREATE INDEX document_versions_page ON document_versions (page_id);

-- The last failure per URL. `permanent` failures (4xx, too large, robots) are not retried for a
-- while; transient ones (5xx, timeouts, 429 after the retry budget) are retried next run.
CREATE TABLE fetch_failures (
  url TEXT PRIMARY KEY,
  source_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  status INTEGER,
  attempts INTEGER NOT NULL,
  last_attempt_at TEXT NOT NULL,
  permanent INTEGER NOT NULL
);
CREATE INDEX fetch_failures_source ON fetch_failures (source_id);

-- One row per crawl run of a source. A run without `finished_at` was interrupted: the next run
-- resumes its crawlee request queue (kept under <dataDir>/crawl-state/<source>) instead of starting over.
CREATE TABLE crawl_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id TEXT NOT NULL,
  started_at TEXT NOT NULL,
  resumed_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 1,
  finished_at TEXT,
  status TEXT NOT NULL DEFAULT 'running',
  counts TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX crawl_runs_source ON crawl_runs (source_id, id);
