import { randomBytes } from 'node:crypto';
import { providerPolicy } from '../providers/registry.js';
import type { Db } from './db.js';

export interface ManualFields {
  date: string;
  amountMinor: number;
  description: string;
}

/**
 * Accounts and bookings the user keeps by hand (migration 012: accounts.opening_minor). They live
 * under one connection of the 'manual' provider, so sync, the scheduler and imports pass them by
 * through its policy, and the rows are ordinary transactions every report and list reads.
 */
export class ManualStore {
  constructor(private readonly db: Db) {}

  /** The one connection all hand-kept accounts belong to, made on first use. */
  private connectionId(now: string): string {
    const existing = this.db
      .prepare<[], string>(`SELECT id FROM connections WHERE provider = 'manual' ORDER BY created_at LIMIT 1`)
      .pluck()
      .get();
    if (existing) return existing;
    const policy = providerPolicy('manual');
    const id = `${policy.idPrefix}-${randomBytes(3).toString('hex')}`;
    this.db
      .prepare(
        `INSERT INTO connections (id, provider, environment, external_id, institution_name, status, created_at, updated_at)
         VALUES (?, 'manual', 'live', ?, ?, 'active', ?, ?)`,
      )
      .run(id, id, policy.label, now, now);
    return id;
  }

  createAccount(a: { name: string; kind: string; currency: string; openingMinor: number }, now: string): number {
    const connection = this.connectionId(now);
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO accounts (connection_id, provider_account_id, name, kind, currency, opening_minor, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(connection, `${connection}-${randomBytes(4).toString('hex')}`, a.name, a.kind, a.currency, a.openingMinor, now, now)
        .lastInsertRowid,
    );
    this.recordBalance(id, now);
    return id;
  }

  /** A hand-kept account of this name and currency (two purses of one name would be confusing). */
  findAccount(name: string, currency: string): number | undefined {
    return this.db
      .prepare<[string, string], number>(
        `SELECT a.id FROM accounts a JOIN connections c ON c.id = a.connection_id
         WHERE c.provider = 'manual' AND a.name = ? AND a.currency = ?`,
      )
      .pluck()
      .get(name, currency);
  }

  /** Every account kept by hand, with the balance last written for it. */
  accounts(): Array<{ id: number; name: string; kind: string; currency: string; balanceMinor: number | null }> {
    return this.db
      .prepare<[], { id: number; name: string; kind: string; currency: string; balanceMinor: number | null }>(
        `SELECT a.id, a.name, a.kind, a.currency,
           (SELECT b.current_minor FROM balances b WHERE b.account_id = a.id ORDER BY b.as_of_date DESC LIMIT 1) AS balanceMinor
         FROM accounts a JOIN connections c ON c.id = a.connection_id WHERE c.provider = 'manual' ORDER BY a.id`,
      )
      .all();
  }

  /** The account a booking goes to, with its provider (its policy says whether hands may write it). */
  account(id: number): { id: number; name: string; currency: string; provider: string; bank: string | null } | undefined {
    return this.db
      .prepare<[number], { id: number; name: string; currency: string; provider: string; bank: string | null }>(
        `SELECT a.id, a.name, a.currency, c.provider, c.institution_name AS bank
         FROM accounts a JOIN connections c ON c.id = a.connection_id WHERE a.id = ?`,
      )
      .get(id);
  }

  addTransaction(accountId: number, currency: string, f: ManualFields, now: string): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO transactions (account_id, dedupe_key, booking_date, amount_minor, currency, description, pending, raw,
             first_seen_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 0, '{}', ?, ?)`,
        )
        .run(accountId, `manual:${randomBytes(8).toString('hex')}`, f.date, f.amountMinor, currency, f.description, now, now)
        .lastInsertRowid,
    );
  }

  updateTransaction(id: number, f: ManualFields, now: string): void {
    this.db
      .prepare('UPDATE transactions SET booking_date = ?, amount_minor = ?, description = ?, updated_at = ? WHERE id = ?')
      .run(f.date, f.amountMinor, f.description, now, id);
  }

  /** Split parts go with the row (ON DELETE CASCADE). */
  deleteTransaction(id: number): void {
    this.db.prepare('DELETE FROM transactions WHERE id = ?').run(id);
  }

  fields(id: number): (ManualFields & { accountId: number; split: boolean }) | undefined {
    return this.db
      .prepare<[number], ManualFields & { accountId: number; split: number }>(
        `SELECT booking_date AS date, amount_minor AS amountMinor, description, account_id AS accountId,
           EXISTS (SELECT 1 FROM split_parts WHERE transaction_id = t.id) AS split
         FROM transactions t WHERE id = ?`,
      )
      .all(id)
      .map((r) => ({ ...r, split: Boolean(r.split) }))[0];
  }

  /**
   * A hand-kept account's balance is its opening amount plus its bookings; written as today's
   * balance, so `trax accounts` and the web app show it like a bank's.
   */
  recordBalance(accountId: number, now: string): void {
    const row = this.db
      .prepare<[number], { currency: string; balance: number }>(
        `SELECT a.currency, coalesce(a.opening_minor, 0) +
           coalesce((SELECT sum(amount_minor) FROM transactions WHERE account_id = a.id AND pending = 0), 0) AS balance
         FROM accounts a WHERE a.id = ?`,
      )
      .get(accountId);
    if (!row) return;
    this.db
      .prepare(
        `INSERT INTO balances (account_id, as_of_date, current_minor, available_minor, currency, as_of)
         VALUES (?, substr(?, 1, 10), ?, NULL, ?, ?)
         ON CONFLICT (account_id, as_of_date) DO UPDATE SET current_minor = excluded.current_minor, as_of = excluded.as_of`,
      )
      .run(accountId, now, row.balance, row.currency, now);
  }
}
