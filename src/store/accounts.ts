import type { AccountKind, AccountSnapshot, ProviderId } from '../domain/types.js';
import type { Db } from './db.js';

export interface StoredAccount extends AccountSnapshot {
  id: number;
  connectionId: string;
}

interface AccountRow {
  id: number;
  connection_id: string;
  provider_account_id: string;
  name: string;
  kind: AccountKind;
  currency: string;
  iban: string | null;
  number_hint: string | null;
}

const fromRow = (r: AccountRow): StoredAccount => ({
  id: r.id,
  connectionId: r.connection_id,
  providerAccountId: r.provider_account_id,
  name: r.name,
  kind: r.kind,
  currency: r.currency,
  iban: r.iban,
  numberHint: r.number_hint,
});

export class AccountStore {
  constructor(private readonly db: Db) {}

  /**
   * Records accounts seen for a connection and returns their local ids. An account whose
   * provider id is new but whose IBAN (or, without one, account number) we already know from
   * the same provider is the same account re-issued after re-auth: it keeps its local id and
   * history, and moves to this connection. So does an account that so far only statement files
   * fed (a 'file' connection): linking the bank adopts the imported history, and the emptied file
   * connection goes.
   */
  upsert(connectionId: string, provider: ProviderId, seen: AccountSnapshot[], now: string): Map<string, number> {
    const ids = new Map<string, number>();
    const byProviderId = this.db.prepare<[string, string], AccountRow>(
      'SELECT * FROM accounts WHERE connection_id = ? AND provider_account_id = ?',
    );
    const byIdentity = this.db.prepare<[string, string, string, string], AccountRow>(
      `SELECT a.* FROM accounts a JOIN connections c ON c.id = a.connection_id
       WHERE (c.provider = ? OR c.provider = 'file') AND a.currency = ? AND (a.iban = ? OR (a.iban IS NULL AND a.number_hint = ?))
       ORDER BY c.provider = 'file', a.id LIMIT 1`,
    );
    const update = this.db.prepare(
      `UPDATE accounts SET connection_id = @connectionId, provider_account_id = @providerAccountId,
         name = @name, kind = @kind, currency = @currency, iban = @iban, number_hint = @numberHint,
         updated_at = @now
       WHERE id = @id AND (connection_id IS NOT @connectionId OR provider_account_id IS NOT @providerAccountId
         OR name IS NOT @name OR kind IS NOT @kind OR iban IS NOT @iban OR number_hint IS NOT @numberHint)`,
    );
    const insert = this.db.prepare(
      `INSERT INTO accounts (connection_id, provider_account_id, name, kind, currency, iban, number_hint, created_at, updated_at)
       VALUES (@connectionId, @providerAccountId, @name, @kind, @currency, @iban, @numberHint, @now, @now)`,
    );
    for (const a of seen) {
      const iban = a.iban ? normalizeIban(a.iban) : null;
      const existing =
        byProviderId.get(connectionId, a.providerAccountId) ??
        (iban || a.numberHint ? byIdentity.get(provider, a.currency, iban ?? '\u0000', a.numberHint ?? '\u0000') : undefined);
      const params = { ...a, iban, connectionId, now };
      if (existing) {
        update.run({ ...params, id: existing.id });
        ids.set(a.providerAccountId, existing.id);
        if (existing.connection_id !== connectionId) {
          this.db
            .prepare(
              `DELETE FROM connections WHERE id = ? AND provider = 'file' AND NOT EXISTS (SELECT 1 FROM accounts WHERE connection_id = ?)`,
            )
            .run(existing.connection_id, existing.connection_id);
        }
      } else {
        ids.set(a.providerAccountId, Number(insert.run(params).lastInsertRowid));
      }
    }
    return ids;
  }

  idsFor(connectionId: string): Map<string, number> {
    const rows = this.db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE connection_id = ?').all(connectionId);
    return new Map(rows.map((r) => [r.provider_account_id, r.id]));
  }

  list(connectionId?: string): StoredAccount[] {
    const rows = connectionId
      ? this.db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE connection_id = ? ORDER BY id').all(connectionId)
      : this.db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY id').all();
    return rows.map(fromRow);
  }

  /** Accounts with this IBAN (any connection), live connections first: the file's account, if Trax knows it. */
  findByIban(iban: string): StoredAccount[] {
    return this.db
      .prepare<[string], AccountRow>(
        `SELECT a.* FROM accounts a JOIN connections c ON c.id = a.connection_id WHERE a.iban = ?
         ORDER BY c.status = 'revoked', a.id`,
      )
      .all(normalizeIban(iban))
      .map(fromRow);
  }

  /** Accounts without an IBAN whose number (as a file prints it) and currency match. */
  findByNumber(accountNumber: string, currency: string | null): StoredAccount[] {
    return this.db
      .prepare<[string, string | null, string | null], AccountRow>(
        `SELECT * FROM accounts WHERE iban IS NULL AND number_hint = ? AND (? IS NULL OR currency = ?) ORDER BY id`,
      )
      .all(accountNumber, currency, currency)
      .map(fromRow);
  }

  /** An account no provider feeds (statement imports only), under its 'file' connection. */
  createOffline(connectionId: string, a: AccountSnapshot, now: string): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO accounts (connection_id, provider_account_id, name, kind, currency, iban, number_hint, created_at, updated_at)
           VALUES (@connectionId, @providerAccountId, @name, @kind, @currency, @iban, @numberHint, @now, @now)`,
        )
        .run({
          ...a,
          iban: a.iban ? normalizeIban(a.iban) : null,
          connectionId,
          now,
        }).lastInsertRowid,
    );
  }

  get(id: number): StoredAccount | undefined {
    const row = this.db.prepare<[number], AccountRow>('SELECT * FROM accounts WHERE id = ?').get(id);
    return row && fromRow(row);
  }
}

export function normalizeIban(iban: string): string {
  return iban.replace(/\s+/g, '').toUpperCase();
}
