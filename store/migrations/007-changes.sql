-- The change feed for mirrors (issue #11) and the export jobs.
--
-- `changes` keeps one row per entity: its latest change. Each new change of an entity inserts a row
-- with a fresh, ever-growing `seq` (AUTOINCREMENT never reuses one) and drops the entity's older
-- row, like CouchDB's _changes feed. A reader resuming from a cursor (a seq) therefore sees every
-- entity that changed after it exactly once, in the order of its last change, and the table grows
-- with the number of entities, not with the number of writes (re-linking rewrites many rows).
-- Triggers write it inside the transaction that changes the record, so no change can be missed.
CREATE TABLE changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('document', 'case')),
  entity_id TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  -- The seq at which the entity (last) came into existence; NULL when this very row created it.
  -- A reader told `created` vs `updated` compares it with its own cursor.
  created_seq INTEGER,
  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX changes_entity ON changes (kind, entity_id);

-- Writing through a view keeps the bookkeeping in one trigger instead of in every table's triggers.
CREATE VIEW change_events (kind, entity_id, deleted) AS SELECT kind, entity_id, deleted FROM changes WHERE 0;

CREATE TRIGGER change_events_insert INSTEAD OF INSERT ON change_events
BEGIN
  INSERT INTO changes (kind, entity_id, deleted, created_seq)
  VALUES (
    NEW.kind,
    NEW.entity_id,
    NEW.deleted,
    CASE WHEN NEW.deleted THEN NULL ELSE (
      SELECT CASE WHEN c.deleted THEN NULL ELSE coalesce(c.created_seq, c.seq) END
      FROM changes c WHERE c.kind = NEW.kind AND c.entity_id = NEW.entity_id ORDER BY c.seq DESC LIMIT 1
    ) END
  );
  DELETE FROM changes WHERE kind = NEW.kind AND entity_id = NEW.entity_id
    AND seq < (SELECT max(seq) FROM changes WHERE kind = NEW.kind AND entity_id = NEW.entity_id);
END;

-- Documents: what an export publishes of a document is its analysis, its URL and its case.
CREATE TRIGGER changes_analyses_insert AFTER INSERT ON analyses
BEGIN
  INSERT INTO change_events VALUES ('document', NEW.document_id, 0);
END;

CREATE TRIGGER changes_analyses_update AFTER UPDATE ON analyses
BEGIN
  INSERT INTO change_events VALUES ('document', NEW.document_id, 0);
END;

CREATE TRIGGER changes_analyses_delete AFTER DELETE ON analyses
BEGIN
  INSERT INTO change_events VALUES ('document', OLD.document_id, 1);
END;

CREATE TRIGGER changes_documents_url AFTER UPDATE OF canonical_url ON documents
BEGIN
  INSERT INTO change_events SELECT 'document', NEW.id, 0 WHERE EXISTS (SELECT 1 FROM analyses WHERE document_id = NEW.id);
END;

-- Cases, and membership: a document joining or leaving a case changes both.
CREATE TRIGGER changes_cases_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO change_events VALUES ('case', NEW.id, 0);
END;

CREATE TRIGGER changes_cases_update AFTER UPDATE ON cases
BEGIN
  INSERT INTO change_events VALUES ('case', NEW.id, 0);
END;

CREATE TRIGGER changes_cases_delete AFTER DELETE ON cases
BEGIN
  INSERT INTO change_events VALUES ('case', OLD.id, 1);
END;

CREATE TRIGGER changes_case_members_insert AFTER INSERT ON case_members
BEGIN
  INSERT INTO change_events SELECT 'case', NEW.case_id, 0 WHERE EXISTS (SELECT 1 FROM cases WHERE id = NEW.case_id);
  INSERT INTO change_events SELECT 'document', NEW.document_id, 0
    WHERE EXISTS (SELECT 1 FROM analyses WHERE document_id = NEW.document_id);
END;

CREATE TRIGGER changes_case_members_update AFTER UPDATE ON case_members
BEGIN
  INSERT INTO change_events SELECT 'case', OLD.case_id, 0 WHERE EXISTS (SELECT 1 FROM cases WHERE id = OLD.case_id);
  INSERT INTO change_events SELECT 'case', NEW.case_id, 0
    WHERE NEW.case_id <> OLD.case_id AND EXISTS (SELECT 1 FROM cases WHERE id = NEW.case_id);
  INSERT INTO change_events SELECT 'document', NEW.document_id, 0
    WHERE EXISTS (SELECT 1 FROM analyses WHERE document_id = NEW.document_id);
END;

CREATE TRIGGER changes_case_members_delete AFTER DELETE ON case_members
BEGIN
  INSERT INTO change_events SELECT 'case', OLD.case_id, 0 WHERE EXISTS (SELECT 1 FROM cases WHERE id = OLD.case_id);
  INSERT INTO change_events SELECT 'document', OLD.document_id, 0
    WHERE EXISTS (SELECT 1 FROM analyses WHERE document_id = OLD.document_id);
END;

-- A database that predates the feed: everything it holds is a creation a mirror has not seen.
INSERT INTO changes (kind, entity_id) SELECT 'document', document_id FROM analyses ORDER BY document_id;
INSERT INTO changes (kind, entity_id) SELECT 'case', id FROM cases ORDER BY created_seq;

-- Dataset exports run as jobs (API `POST /exports`): the request, its progress and where the
-- finished zip lies, so a job's status survives a restart (a job interrupted mid-way is failed).
CREATE TABLE export_jobs (
  id TEXT PRIMARY KEY,
  -- sha256 of the normalized request and the change cursor: the same request on an unchanged
  -- record reuses the finished job instead of exporting again.
  request_key TEXT NOT NULL,
  request TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress TEXT NOT NULL DEFAULT '{}',
  change_cursor INTEGER NOT NULL,
  file TEXT,
  bytes INTEGER,
  error TEXT,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT
);
CREATE INDEX export_jobs_request ON export_jobs (request_key);
CREATE INDEX export_jobs_status ON export_jobs (status, created_at);
