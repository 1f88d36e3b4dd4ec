-- The transaction list filters by category (a parent includes its children) and a month, and
-- shows the newest first: one index answers the filter, the count and the order.
CREATE INDEX transactions_category_date ON transactions(category_id, booking_date);
