-- Cross-source matching asks, for every candidate row, whether a sync's open review holds it
-- (src/store/sightings.ts): without this index that is a scan of import_reviews per candidate.
CREATE INDEX import_reviews_transaction ON import_reviews(transaction_id) WHERE transaction_id IS NOT NULL;
