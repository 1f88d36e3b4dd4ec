-- Split transactions (docs/schema.md, "Splits and hidden rows"). The bank row stays exactly as it
-- came: a split is parts beside it, so a re-sync or re-import (which rewrites the row's own
-- columns) never undoes it. Reports read the parts instead of the row while they add up to it.
CREATE TABLE split_parts (
  transaction_id  INTEGER NOT NULL REFERENCES transactions(id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,                  -- 1, 2, … in the order the user gave them
  amount_minor    INTEGER NOT NULL,                  -- signed like the row: negative = money out
  category_id     INTEGER REFERENCES categories(id) ON DELETE SET NULL,
  note            TEXT,
  created_at      TEXT NOT NULL,
  PRIMARY KEY (transaction_id, position)
);

-- A bank row the user keeps out of reports (a duplicate the bank sent twice, a booking that is
-- not theirs). The row itself is the bank's and is never rewritten; NULL = shown.
ALTER TABLE transactions ADD COLUMN hidden_at TEXT;
CREATE INDEX transactions_hidden ON transactions(id) WHERE hidden_at IS NOT NULL;

-- Report caches (the recurring index) learn of splits and hiding like any other change.
CREATE TRIGGER report_changes_split_insert AFTER INSERT ON split_parts BEGIN
  INSERT INTO report_changes (transaction_id) VALUES (new.transaction_id);
END;
CREATE TRIGGER report_changes_split_delete AFTER DELETE ON split_parts BEGIN
  INSERT INTO report_changes (transaction_id) VALUES (old.transaction_id);
END;
CREATE TRIGGER report_changes_hidden AFTER UPDATE OF hidden_at ON transactions
WHEN old.hidden_at IS NOT new.hidden_at BEGIN
  INSERT INTO report_changes (transaction_id) VALUES (new.id);
END;

-- Accounts kept by hand (a 'manual' connection, src/providers/manual): what the purse held before
-- the first booking entered. The balance is this plus the bookings; NULL for every account a
-- bank or a statement feeds (they state their balances).
ALTER TABLE accounts ADD COLUMN opening_minor INTEGER;
