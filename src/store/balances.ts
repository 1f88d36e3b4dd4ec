import type { Db } from './db.js';

export interface BalanceInput {
  accountId: number;
  currency: string;
  currentMinor: number;
  availableMinor: number | null;
  asOf: string;
}

export interface LatestBalance {
  accountId: number;
  currency: string;
  currentMinor: number;
  availableMinor: number | null;
  asOf: string;
}

export class BalanceStore {
  constructor(private readonly db: Db) {}

  /** Keeps one balance per account per day; returns true when something changed. */
  record(b: BalanceInput): boolean {
    const res = this.db
      .prepare(
        `INSERT INTO balances (account_id, as_of_date, current_minor, available_minor, currency, as_of)
         VALUES (@accountId, substr(@asOf, 1, 10), @currentMinor, @availableMinor, @currency, @asOf)
         ON CONFLICT (account_id, as_of_date) DO UPDATE SET current_minor = excluded.current_minor,
           available_minor = excluded.available_minor, currency = excluded.currency, as_of = excluded.as_of
         WHERE current_minor IS NOT excluded.current_minor OR available_minor IS NOT excluded.available_minor
           OR currency IS NOT excluded.currency`,
      )
      .run(b);
    return res.changes > 0;
  }

  /** A balance a statement file states: never replaces one the bank reported for that day. */
  recordIfAbsent(b: BalanceInput): boolean {
    return (
      this.db
        .prepare(
          `INSERT INTO balances (account_id, as_of_date, current_minor, available_minor, currency, as_of)
           VALUES (@accountId, substr(@asOf, 1, 10), @currentMinor, @availableMinor, @currency, @asOf)
           ON CONFLICT (account_id, as_of_date) DO NOTHING`,
        )
        .run(b).changes > 0
    );
  }

  latest(): Map<number, LatestBalance> {
    const rows = this.db
      .prepare<
        [],
        { account_id: number; currency: string; current_minor: number; available_minor: number | null; as_of: string }
      >(
        `SELECT b.* FROM balances b
         JOIN (SELECT account_id, max(as_of_date) d FROM balances GROUP BY account_id) m
           ON m.account_id = b.account_id AND m.d = b.as_of_date`,
      )
      .all();
    return new Map(
      rows.map((r) => [
        r.account_id,
        {
          accountId: r.account_id,
          currency: r.currency,
          currentMinor: r.current_minor,
          availableMinor: r.available_minor,
          asOf: r.as_of,
        },
      ]),
    );
  }
}
