-- Trax canonical schema. Documented for direct queries in docs/schema.md.
-- Money: integer minor units (cents) + ISO 4217 currency; negative = money out.
-- Timestamps: ISO-8601 UTC text. Dates: YYYY-MM-DD text.

CREATE TABLE connections (
  id                  TEXT PRIMARY KEY,              -- local id, e.g. "tl_3f9a2c"
  provider            TEXT NOT NULL CHECK (provider IN ('truelayer', 'plaid')),
  environment         TEXT NOT NULL DEFAULT 'live' CHECK (environment IN ('sandbox', 'live')),
  external_id         TEXT,                          -- TrueLayer credentials_id / Plaid item_id
  institution_id      TEXT,                          -- e.g. "xs2a-ing-germany", "ins_109508"
  institution_name    TEXT,
  institution_logo    TEXT,
  status              TEXT NOT NULL DEFAULT 'active'
                      CHECK (status IN ('active', 'needs_reauth', 'error', 'revoked')),
  consent_created_at  TEXT,
  consent_expires_at  TEXT,
  secrets             TEXT,                          -- AES-256-GCM ciphertext of the token set; NULL once revoked
  sync_state          TEXT NOT NULL DEFAULT '{}',    -- provider resume state (JSON), opaque above providers/
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL,
  last_synced_at      TEXT,
  last_error          TEXT
);

CREATE TABLE accounts (
  id                   INTEGER PRIMARY KEY,
  connection_id        TEXT NOT NULL REFERENCES connections(id),
  provider_account_id  TEXT NOT NULL,                -- may change after re-auth; matched back by iban
  name                 TEXT NOT NULL,
  kind                 TEXT NOT NULL,                -- checking | savings | credit_card | business | other
  currency             TEXT NOT NULL,
  iban                 TEXT,
  number_hint          TEXT,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  UNIQUE (connection_id, provider_account_id)
);
CREATE INDEX accounts_iban ON accounts(iban) WHERE iban IS NOT NULL;

-- One balance per account per day: a second sync on the same day updates it in place.
CREATE TABLE balances (
  account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  as_of_date       TEXT NOT NULL,
  current_minor    INTEGER NOT NULL,
  available_minor  INTEGER,
  currency         TEXT NOT NULL,
  as_of            TEXT NOT NULL,                    -- provider's timestamp
  PRIMARY KEY (account_id, as_of_date)
);

CREATE TABLE transactions (
  id                       INTEGER PRIMARY KEY,
  account_id               INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  dedupe_key               TEXT NOT NULL,            -- stable identity within the account
  provider_transaction_id  TEXT,                     -- as last seen; unstable at TrueLayer
  booking_date             TEXT NOT NULL,
  booked_at                TEXT,
  amount_minor             INTEGER NOT NULL,
  currency                 TEXT NOT NULL,
  description              TEXT NOT NULL,
  merchant                 TEXT,
  counterparty_name        TEXT,
  counterparty_iban        TEXT,
  pending                  INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1)),
  provider_category        TEXT,
  provider_classification  TEXT,
  raw                      TEXT NOT NULL,            -- provider payload (JSON) for reprocessing
  first_seen_at            TEXT NOT NULL,
  updated_at               TEXT NOT NULL,
  UNIQUE (account_id, dedupe_key)
);
CREATE INDEX transactions_date ON transactions(booking_date);
CREATE INDEX transactions_account_date ON transactions(account_id, booking_date);

CREATE TABLE sync_runs (
  id             INTEGER PRIMARY KEY,
  connection_id  TEXT NOT NULL,
  trigger        TEXT NOT NULL DEFAULT 'user',       -- user | schedule | connect | webhook
  status         TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'stale')),
  started_at     TEXT NOT NULL,
  finished_at    TEXT,
  window_from    TEXT,
  window_to      TEXT,
  added          INTEGER NOT NULL DEFAULT 0,
  modified       INTEGER NOT NULL DEFAULT 0,
  removed        INTEGER NOT NULL DEFAULT 0,
  error_code     TEXT,
  error          TEXT,
  pid            INTEGER
);
CREATE INDEX sync_runs_connection ON sync_runs(connection_id, started_at);

-- Short-lived leases so two processes (CLI, scheduler) never sync one connection at once.
CREATE TABLE locks (
  name        TEXT PRIMARY KEY,
  owner       TEXT NOT NULL,
  expires_at  INTEGER NOT NULL                       -- ms since epoch
);
