-- Alerts for newsrooms (issue #10): subscriptions, the alert inbox fed by triggers, matches and the
-- delivery outbox.
--
-- Reliability rests on three tables written in transactions:
-- * `alert_inbox` is filled by triggers inside the writer's transaction (like the index outbox), so a
--   new document, case or case membership cannot be committed without being queued for matching.
--   The alert engine reads a row only once the search index has confirmed the entity (no pending
--   index outbox row for it), matches it, and deletes it in the same transaction that records the
--   matches and deliveries: a crash before that commit re-matches, never loses.
-- * `alert_matches` is unique per (subscription, event): re-matching after a crash, re-processing or
--   re-linking never creates a second alert for the same subscription and event.
-- * `deliveries` is the delivery outbox: a row is written (with its frozen body and idempotency key)
--   before any attempt, unique per (subscription, delivery key), and only marked delivered after the
--   receiver acknowledged it.
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('search', 'org', 'case', 'new_cases', 'deadline')),
  channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email', 'atom')),
  rate TEXT NOT NULL CHECK (rate IN ('realtime', 'daily', 'weekly')),
  status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'disabled', 'unsubscribed')),
  disabled_reason TEXT,
  disabled_at TEXT,
  name TEXT,
  -- Kind-specific parameters as JSON (saved search, organization id, case id, filters, days before).
  params TEXT NOT NULL,
  -- The webhook URL or e-mail address; NULL for Atom.
  target TEXT,
  -- HMAC-SHA256 key of the webhook signatures; returned once, at creation.
  secret TEXT NOT NULL,
  -- Capability for the subscription's feed URL and its unsubscribe link.
  token TEXT NOT NULL UNIQUE,
  -- The digest period (daily: YYYY-MM-DD, weekly: the Monday) last sent.
  last_digest_period TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX subscriptions_kind ON subscriptions (kind, status);

CREATE TABLE alert_inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('document', 'case', 'member')),
  entity_id TEXT NOT NULL,
  -- For `member` rows: the document that joined the case `entity_id`.
  document_id TEXT,
  enqueued_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Only arrivals alert: a re-analysed document (UPDATE) or a re-crawled page is not news.
CREATE TRIGGER alert_inbox_analyses_insert AFTER INSERT ON analyses
BEGIN
  INSERT INTO alert_inbox (kind, entity_id) VALUES ('document', NEW.document_id);
END;

CREATE TRIGGER alert_inbox_cases_insert AFTER INSERT ON cases
BEGIN
  INSERT INTO alert_inbox (kind, entity_id) VALUES ('case', NEW.id);
END;

CREATE TRIGGER alert_inbox_case_members_insert AFTER INSERT ON case_members
BEGIN
  INSERT INTO alert_inbox (kind, entity_id, document_id) VALUES ('member', NEW.case_id, NEW.document_id);
END;

-- A merge or a split moves a document into another case: that case moved.
CREATE TRIGGER alert_inbox_case_members_move AFTER UPDATE OF case_id ON case_members
WHEN OLD.case_id <> NEW.case_id
BEGIN
  INSERT INTO alert_inbox (kind, entity_id, document_id) VALUES ('member', NEW.case_id, NEW.document_id);
END;

CREATE TABLE alert_matches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  event_key TEXT NOT NULL,
  event_type TEXT NOT NULL,
  -- The event as delivered (JSON), frozen when matched.
  event TEXT NOT NULL,
  matched_at TEXT NOT NULL,
  -- The delivery carrying it (real-time or digest); NULL while it waits for its digest (or for Atom).
  delivery_id INTEGER,
  UNIQUE (subscription_id, event_key)
);
CREATE INDEX alert_matches_waiting ON alert_matches (subscription_id, delivery_id);

CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
  -- The event key (real-time) or `digest:<period>`.
  delivery_key TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
  -- The body, frozen at creation: every retry sends the same bytes.
  payload TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  first_attempt_at TEXT,
  last_attempt_at TEXT,
  last_error TEXT,
  last_status INTEGER,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  UNIQUE (subscription_id, delivery_key)
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
