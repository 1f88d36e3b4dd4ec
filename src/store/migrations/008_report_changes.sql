-- Which transactions changed, for report caches that update incrementally (the dashboard's
-- recurring series). Triggers write it inside the writer's own transaction, so every writer
-- (sync, import, categorization, transfer pairing, deletes, cascades) is covered and none of
-- them knows about reports. A cache remembers the last seq it applied; see docs/reports.md.
-- New rows are not logged: a cache finds them as ids above the largest it has seen (a trigger
-- on insert tripled the cost of an insert), and an id reused after a delete was logged by it.
CREATE TABLE report_changes (
  seq             INTEGER PRIMARY KEY,                 -- grows; trims keep the newest entries, so it is never reused
  transaction_id  INTEGER NOT NULL                     -- the row as it is now is read back by id (it may be gone)
);

CREATE TRIGGER report_changes_delete AFTER DELETE ON transactions BEGIN
  INSERT INTO report_changes (transaction_id) VALUES (old.id);
END;

-- Only what a report reads; `categorize --all` rewrites every row's category in place, and a
-- row whose category came out the same is not a change.
CREATE TRIGGER report_changes_update AFTER UPDATE OF booking_date, booked_at, amount_minor, currency, description,
  merchant, counterparty_name, pending, category_id, transfer_pair_id, account_id ON transactions
WHEN old.booking_date IS NOT new.booking_date OR old.booked_at IS NOT new.booked_at
  OR old.amount_minor IS NOT new.amount_minor OR old.currency IS NOT new.currency
  OR old.description IS NOT new.description OR old.merchant IS NOT new.merchant
  OR old.counterparty_name IS NOT new.counterparty_name OR old.pending IS NOT new.pending
  OR old.category_id IS NOT new.category_id OR old.transfer_pair_id IS NOT new.transfer_pair_id
  OR old.account_id IS NOT new.account_id
BEGIN
  INSERT INTO report_changes (transaction_id) VALUES (new.id);
END;

-- Keeps the newest 50,000 entries without anyone having to run a cleanup: every 10,000th entry
-- drops those older than 50,000. A cache further behind than that rebuilds from scratch.
CREATE TRIGGER report_changes_trim AFTER INSERT ON report_changes WHEN new.seq % 10000 = 0 BEGIN
  DELETE FROM report_changes WHERE seq <= new.seq - 50000;
END;
