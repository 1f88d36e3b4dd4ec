-- Bulk recategorizations (rules add/import, "apply to similar", categorize --all), recorded so
-- `trax undo` can put back exactly what they changed. Only the newest few are kept.
CREATE TABLE undo_batches (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL,                  -- rules-add | rules-import | similar | categorize-all
  summary            TEXT NOT NULL,                  -- what the user ran, in words
  created_at         TEXT NOT NULL,
  undone_at          TEXT,
  rules_added        TEXT NOT NULL DEFAULT '[]',     -- JSON array of rule ids the change created
  choices_before     TEXT NOT NULL DEFAULT '[]',     -- JSON [[account_id, dedupe_key, category_id | null, created_at | null]]
  classifier_changed INTEGER NOT NULL DEFAULT 0,     -- 1: classifier_before holds the model to put back
  classifier_before  TEXT                            -- JSON {model, examples, updated_at}, or NULL when there was none
);

-- Each row the change touched: its category fields before and after. Undo restores a row only
-- while it still holds the "after" values, so a later sync or choice is never overwritten.
CREATE TABLE undo_rows (
  batch_id            INTEGER NOT NULL REFERENCES undo_batches(id) ON DELETE CASCADE,
  transaction_id      INTEGER NOT NULL,
  before_category_id  INTEGER,
  before_source       TEXT,
  before_confidence   REAL,
  before_rule_id      INTEGER,
  before_pair_id      INTEGER,
  after_category_id   INTEGER,
  after_source        TEXT,
  after_confidence    REAL,
  after_rule_id       INTEGER,
  after_pair_id       INTEGER,
  PRIMARY KEY (batch_id, transaction_id)
) WITHOUT ROWID;
