-- trax:rebuilds-tables
-- Statement-file import (docs/schema.md, "Imports"). A transaction row is one booking; it may be
-- seen by several sources: a provider sync and any number of statement files. The row keeps the
-- identity of the source that brought it first (dedupe_key); every other source that saw it is an
-- alias, so re-imports and later syncs find it instead of adding it again.

-- connections.provider loses its CHECK: which kinds exist is the provider registry's business
-- (src/providers/registry.ts), and 'file' (accounts fed only by imports) is one of them. SQLite
-- cannot drop a CHECK in place, so the table is rebuilt; the deferred foreign keys let the old
-- table go while accounts still point at its name.
PRAGMA defer_foreign_keys = ON;
CREATE TABLE connections_new (
  id                  TEXT PRIMARY KEY,
  provider            TEXT NOT NULL,                 -- a registry id: truelayer | plaid | file | ...
  environment         TEXT NOT NULL DEFAULT 'live' CHECK (environment IN ('sandbox', 'live')),
  external_id         TEXT,
  institution_id      TEXT,
  institution_name    TEXT,
  institution_logo    TEXT,
  status              TEXT NOT NULL DEFAULT 'active'
                      CHECK (status IN ('active', 'needs_reauth', 'error', 'revoked')),
  consent_created_at  TEXT,
  consent_expires_at  TEXT,
  secrets             TEXT,
  sync_state          TEXT NOT NULL DEFAULT '{}',
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  last_synced_at      TEXT,
  last_error          TEXT,
  institution_color   TEXT
);
INSERT INTO connections_new (id, provider, environment, external_id, institution_id, institution_name, institution_logo,
  status, consent_created_at, consent_expires_at, secrets, sync_state, created_at, updated_at, last_synced_at, last_error,
  institution_color)
SELECT id, provider, environment, external_id, institution_id, institution_name, institution_logo,
  status, consent_created_at, consent_expires_at, secrets, sync_state, created_at, updated_at, last_synced_at, last_error,
  institution_color
FROM connections;
DROP TABLE connections;
ALTER TABLE connections_new RENAME TO connections;

-- Every import, kept for the record and for `trax import undo`.
CREATE TABLE imports (
  id              INTEGER PRIMARY KEY,
  file_name       TEXT NOT NULL,                     -- as the user named it (base name)
  sha256          TEXT NOT NULL,                     -- of the file's bytes
  format          TEXT NOT NULL,                     -- parser id: ing-de-csv | camt053 | mt940 | ofx | qif | csv:<preset> ...
  account_id      INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
  added           INTEGER NOT NULL DEFAULT 0,
  linked          INTEGER NOT NULL DEFAULT 0,        -- rows already in Trax from another source
  duplicates      INTEGER NOT NULL DEFAULT 0,        -- rows this source had brought before
  review          INTEGER NOT NULL DEFAULT 0,
  balance_check   TEXT,                              -- JSON: {ok, opening, entries, closing, currency} or NULL when the file states none
  first_date      TEXT,
  last_date       TEXT,
  created_at      TEXT NOT NULL,
  undone_at       TEXT
);

-- Where each row came from: NULL = the account's provider sync; else 'file:<format>'. Set only
-- by imports, so the sync path writes exactly what it wrote before.
ALTER TABLE transactions ADD COLUMN source TEXT;
ALTER TABLE transactions ADD COLUMN import_id INTEGER REFERENCES imports(id);
CREATE INDEX transactions_imported ON transactions(account_id, booking_date) WHERE source IS NOT NULL;
CREATE INDEX transactions_import ON transactions(import_id) WHERE import_id IS NOT NULL;

-- Other sources' keys for a row: a synced row that an import matched, or the reverse.
CREATE TABLE transaction_aliases (
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  dedupe_key      TEXT NOT NULL,                     -- the other source's key (namespaced, never equal to a row's own key)
  source          TEXT NOT NULL,                     -- 'sync' or 'file:<format>'
  transaction_id  INTEGER NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
  import_id       INTEGER REFERENCES imports(id) ON DELETE CASCADE,
  created_at      TEXT NOT NULL,
  PRIMARY KEY (account_id, dedupe_key)
);
CREATE INDEX transaction_aliases_tx ON transaction_aliases(transaction_id);

-- Keys the user decided to keep out ("not a booking of mine", "skip"): never imported again.
CREATE TABLE transaction_tombstones (
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  dedupe_key      TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  PRIMARY KEY (account_id, dedupe_key)
);

-- Rows that more than one existing row fits. An import holds its row back until the user decides;
-- a sync adds its row (nothing is lost) and asks whether it is one of the candidates. Resolved
-- with `trax import review`.
CREATE TABLE import_reviews (
  id              INTEGER PRIMARY KEY,
  import_id       INTEGER REFERENCES imports(id) ON DELETE CASCADE,   -- NULL: raised by a sync
  transaction_id  INTEGER REFERENCES transactions(id) ON DELETE CASCADE, -- the synced row a sync added
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  dedupe_key      TEXT NOT NULL,
  source          TEXT NOT NULL,
  row             TEXT NOT NULL,                     -- JSON: the file's row, in Trax's conventions
  candidates      TEXT NOT NULL,                     -- JSON array of transaction ids that fit
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'added', 'linked', 'skipped')),
  created_at      TEXT NOT NULL,
  resolved_at     TEXT,
  UNIQUE (account_id, dedupe_key)
);

-- Column mappings for CSV layouts no preset knows, saved per account and reused.
CREATE TABLE import_mappings (
  account_id      INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  columns         TEXT NOT NULL,                     -- the header row's columns joined with U+001F
  mapping         TEXT NOT NULL,                     -- JSON: the --map keys and values
  updated_at      TEXT NOT NULL,
  PRIMARY KEY (account_id, columns)
);
