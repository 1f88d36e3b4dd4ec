/**
 * When a transaction happened, as one sortable text key (see migration 003 for the why):
 * 't' + UTC instant when the provider gave a time of day with an offset, else 'd' + booking_date.
 *
 * This must stay the same expression as the `transactions_report` index in
 * src/store/migrations/003_budgets.sql, or SQLite silently stops using the index (a unit test
 * compares them and checks the query plan).
 */
export function reportKeySql(alias = 't'): string {
  const c = (col: string) => (alias ? `${alias}.${col}` : col);
  return `(CASE
    WHEN substr(${c('booked_at')}, 11, 1) IN ('T', ' ')
      AND substr(${c('booked_at')}, 12, 5) <> '00:00'
      AND (${c('booked_at')} GLOB '*Z' OR ${c('booked_at')} GLOB '*[+-][0-9][0-9]:[0-9][0-9]')
      AND strftime('%Y-%m-%dT%H:%M:%SZ', ${c('booked_at')}) IS NOT NULL
    THEN 't' || strftime('%Y-%m-%dT%H:%M:%SZ', ${c('booked_at')})
    ELSE 'd' || ${c('booking_date')}
  END)`;
}

/** The expression with table alias `t`, as used by every report query. */
export const REPORT_KEY = reportKeySql('t');
