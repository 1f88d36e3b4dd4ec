-- Reports and budgets. See docs/reports.md for how the numbers are computed.

-- A monthly spending limit for one category in one currency (a child category or a top-level
-- one, which then covers its children). One budget per category, currency and period.
CREATE TABLE budgets (
  id            INTEGER PRIMARY KEY,
  category_id   INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
  amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
  currency      TEXT NOT NULL,
  period        TEXT NOT NULL DEFAULT 'monthly' CHECK (period IN ('monthly')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (category_id, currency, period)
);

-- When a transaction happened, as a key that reports can range-scan without knowing the user's
-- time zone in SQL (src/reports/report-key.ts holds the same expression; queries must repeat it
-- exactly for SQLite to use this index):
--   't' || UTC instant ('t2026-09-30T22:15:00Z') when the provider gave a time of day with an
--        offset; a report converts its local period bounds to UTC once and compares;
--   'd' || booking_date ('d2026-10-01') otherwise: a bank calendar day has no time zone, and a
--        timestamp of 00:00 (TrueLayer's ING rows, "T00:00:00+01:00") carries only a date.
-- The tags keep the two kinds apart ('d…' < 't…'), so each report period is two index ranges.
-- An index on the expression, not a generated column: SQLite reads an expression index as a
-- covering index, but not an index on a VIRTUAL column (it would visit every row).
-- Column order: currency and category first, so a report reads each (currency, category,
-- period) as one contiguous run and sums it without sorting; SQLite's GROUP BY sorter was 6× the
-- cost of the scan itself. With the amount and filter columns after the key the aggregation
-- never touches the table: 1M rows, a month and its 6 comparison periods, ~10 ms.
CREATE INDEX transactions_report ON transactions (
  currency,
  category_id,
  (CASE
    WHEN substr(booked_at, 11, 1) IN ('T', ' ')
      AND substr(booked_at, 12, 5) <> '00:00'
      AND (booked_at GLOB '*Z' OR booked_at GLOB '*[+-][0-9][0-9]:[0-9][0-9]')
      AND strftime('%Y-%m-%dT%H:%M:%SZ', booked_at) IS NOT NULL
    THEN 't' || strftime('%Y-%m-%dT%H:%M:%SZ', booked_at)
    ELSE 'd' || booking_date
  END),
  amount_minor, pending, transfer_pair_id, account_id
);
