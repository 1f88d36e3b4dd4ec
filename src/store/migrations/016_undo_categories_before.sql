-- A category merge is a bulk change too: the batch keeps the merged-away category as it was, its
-- subcategories, the split parts and budgets it held, so undo can bring the category back before
-- the rows, rules and choices return to it.
ALTER TABLE undo_batches ADD COLUMN categories_before TEXT; -- JSON {category, children, parts, budgets, budgetsMovedTo}, or NULL
