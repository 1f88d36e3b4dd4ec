-- Categorization: an editable taxonomy (one level of nesting), user rules, sticky user choices,
-- the learned model, and per-transaction category with its source and confidence.

CREATE TABLE categories (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,                 -- stable key used in rules files, e.g. "groceries"
  name        TEXT NOT NULL,
  parent_id   INTEGER REFERENCES categories(id),    -- one level of nesting
  kind        TEXT NOT NULL CHECK (kind IN ('expense', 'income', 'transfer', 'uncategorized')),
  created_at  TEXT NOT NULL
);

CREATE TABLE rules (
  id           INTEGER PRIMARY KEY,
  priority     INTEGER NOT NULL DEFAULT 100,        -- lower runs first
  name         TEXT,
  conditions   TEXT NOT NULL,                       -- JSON: see src/categorize/rules/schema.ts
  category_id  INTEGER NOT NULL REFERENCES categories(id),
  created_at   TEXT NOT NULL
);

-- What the user chose, keyed by the transaction's identity (not its row id) so it survives
-- re-syncs, relinks and re-imports that delete and re-create rows.
CREATE TABLE category_choices (
  account_id   INTEGER NOT NULL,
  dedupe_key   TEXT NOT NULL,
  category_id  INTEGER NOT NULL REFERENCES categories(id),
  created_at   TEXT NOT NULL,
  PRIMARY KEY (account_id, dedupe_key)
);

CREATE TABLE classifier (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  model       TEXT NOT NULL,                        -- LearnedClassifier JSON
  examples    INTEGER NOT NULL,
  updated_at  TEXT NOT NULL
);

ALTER TABLE transactions ADD COLUMN category_id INTEGER REFERENCES categories(id);
-- user | rule | learned | provider | default | transfer | none
ALTER TABLE transactions ADD COLUMN category_source TEXT;
ALTER TABLE transactions ADD COLUMN category_confidence REAL;
ALTER TABLE transactions ADD COLUMN category_rule_id INTEGER;
-- The other half of a transfer between the user's own accounts.
ALTER TABLE transactions ADD COLUMN transfer_pair_id INTEGER;

CREATE INDEX transactions_category ON transactions(category_id);
CREATE INDEX transactions_uncategorized ON transactions(id) WHERE category_id IS NULL;
