-- Transactional outbox feeding the search index. Triggers enqueue `(kind, entity_id)` inside the very
-- transaction that changes the record, so a change cannot be committed without being queued, and a
-- queued change survives Meilisearch being down. The sync loop reads the current state of each queued
-- id when it pushes (so ten updates to one document cost one index write) and deletes only the rows
-- it has pushed.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('document', 'case')),
  entity_id TEXT NOT NULL,
  enqueued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX outbox_entity ON outbox (kind, entity_id);

CREATE TRIGGER outbox_analyses_insert AFTER INSERT ON analyses
BEGIN
  INSERT INTO outbox (kind, entity_id) VALUES ('document', NEW.document_id);
END;

CREATE TRIGGER outbox_analyses_update AFTER UPDATE ON analyses
BEGIN
  INSERT INTO outbox (kind, entity_id) VALUES ('document', NEW.document_id);
  INSERT INTO outbox (kind, entity_id) SELECT 'document', OLD.document_id WHERE OLD.document_id <> NEW.document_id;
END;

CREATE TRIGGER outbox_analyses_delete AFTER DELETE ON analyses
BEGIN
  INSERT INTO outbox (kind, entity_id) VALUES ('document', OLD.document_id);
END;

-- A document's URL lives in `documents`; a canonical URL change must reach the index too.
CREATE TRIGGER outbox_documents_update AFTER UPDATE OF canonical_url ON documents
BEGIN
  INSERT INTO outbox (kind, entity_id) VALUES ('document', NEW.id);
END;

-- Cases (migration 003): a case row changing (titles, counts, type) re-projects the case; a
-- membership change re-projects the case and the document, whose `caseId` field moves with it.
CREATE TRIGGER outbox_cases_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO outbox (kind, entity_id) VALUES ('case', NEW.id);
END;

CREATE TRIGGER outbox_cases_update AFTER UPDATE ON cases
BEGIN
  INSERT INTO outbox (kind, entity_id) VALUES ('case', NEW.id);
END;

CREATE TRIGGER outbox_cases_delete AFTER DELETE ON cases
BEGIN
  INSERT INTO outbox (kind, entity_id) VALUES ('case', OLD.id);
END;

CREATE TRIGGER outbox_case_members_insert AFTER INSERT ON case_members
BEGIN
  INSERT INTO outbox (kind, entity_id) VALUES ('case', NEW.case_id), ('document', NEW.document_id);
END;

CREATE TRIGGER outbox_case_members_update AFTER UPDATE ON case_members
BEGIN
  INSERT INTO outbox (kind, entity_id) VALUES ('case', OLD.case_id), ('case', NEW.case_id),
    ('document', OLD.document_id), ('document', NEW.document_id);
END;

CREATE TRIGGER outbox_case_members_delete AFTER DELETE ON case_members
BEGIN
  INSERT INTO outbox (kind, entity_id) VALUES ('case', OLD.case_id), ('document', OLD.document_id);
END;
