-- Pending → booked where the provider does not link them (src/identity/pending-match.ts).
-- Documented in docs/schema.md.

-- A pending row that booked under another identity: the booked row stands for it, so the
-- pending copy is never stored again, even when a provider re-delivers an old pending list.
CREATE TABLE pending_links (
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  pending_key  TEXT NOT NULL,
  booked_key   TEXT NOT NULL,
  linked_at    TEXT NOT NULL,
  PRIMARY KEY (account_id, pending_key)
);
CREATE INDEX pending_links_booked ON pending_links(account_id, booked_key);

-- A booking several pending rows could have become: not guessed, listed for the user.
CREATE TABLE pending_reviews (
  id           INTEGER PRIMARY KEY,
  account_id   INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  booked_key   TEXT NOT NULL,
  candidates   TEXT NOT NULL,                     -- JSON: [{key, date, amount_minor, description}]
  created_at   TEXT NOT NULL,
  UNIQUE (account_id, booked_key)
);
