-- Rule edits, removals and reorders from the web are bulk changes too: each batch keeps the
-- rules it changed or removed as they were, so undo puts the rule back along with the rows.
ALTER TABLE undo_batches ADD COLUMN rules_before TEXT NOT NULL DEFAULT '[]'; -- JSON [{id, priority, name, conditions, category_id, created_at}]
