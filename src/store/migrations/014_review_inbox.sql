-- The review inbox (docs/schema.md, "Review inbox (migration 014)").

-- One row per installation: booked rows first stored after `reviewed_up_to` are "new since the
-- last review". No row yet: every row is new (`trax review done` starts the count from now).
CREATE TABLE review_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  reviewed_up_to  TEXT NOT NULL,                     -- ISO-8601 UTC instant, compared with transactions.first_seen_at
  updated_at      TEXT NOT NULL
);

-- Rows the user said are not a transfer, by identity (not row id) so a re-sync or relink keeps
-- the answer: transfer pairing never suggests them again.
CREATE TABLE transfer_refusals (
  account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  dedupe_key  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (account_id, dedupe_key)
);

-- The navigation badge counts the inbox on every page: each bucket is a range of an index
-- instead of a scan of every transaction.
CREATE INDEX transactions_first_seen ON transactions(first_seen_at);
CREATE INDEX transactions_confidence ON transactions(category_confidence);
CREATE INDEX transactions_suggested_transfer ON transactions(id) WHERE category_source = 'transfer';
