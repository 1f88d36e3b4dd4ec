/**
 * Fixture builder for report, budget, recurring and export tests: real migrations, rows
 * inserted directly (no sync), categories from the default taxonomy.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { clockEnv } from './clock.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CategoryStore } from '../../src/store/categories.js';
import { openDatabase, openMemoryDatabase, type Db } from '../../src/store/db.js';
import { toMinorUnits } from '../../src/domain/money.js';
import { CLI, runCli, type CliResult } from './trax.js';

export interface AccountInput {
  name?: string;
  institution?: string;
  kind?: string;
  currency?: string;
  iban?: string | null;
}

export interface TxInput {
  account?: number;
  /** Booking date YYYY-MM-DD. */
  date: string;
  /** Provider timestamp; default `${date}T00:00:00+01:00` (a date-only bank line, like ING's). */
  at?: string | null;
  /** Decimal string in the currency ("-12.30"), or integer minor units as a number. */
  amount: string | number;
  currency?: string;
  description: string;
  merchant?: string | null;
  counterparty?: string | null;
  /** Category slug; null leaves the row uncategorized. */
  category?: string | null;
  pending?: boolean;
  transferPair?: number | null;
}

export class Ledger {
  private seq = 0;
  private defaultAccount: number | undefined;
  private readonly categoryIds = new Map<string, number>();

  constructor(
    readonly db: Db,
    readonly dataDir?: string,
  ) {
    new CategoryStore(db).ensureDefaults('2020-01-01T00:00:00Z');
    for (const r of db.prepare<[], { id: number; slug: string }>('SELECT id, slug FROM categories').all())
      this.categoryIds.set(r.slug, r.id);
  }

  category(slug: string): number {
    const id = this.categoryIds.get(slug);
    if (id === undefined) throw new Error(`fixture: no category ${slug}`);
    return id;
  }

  account(a: AccountInput = {}): number {
    const now = '2020-01-01T00:00:00Z';
    const conn = `tl-fx${++this.seq}`;
    this.db
      .prepare(
        `INSERT INTO connections (id, provider, institution_name, created_at, updated_at) VALUES (?, 'truelayer', ?, ?, ?)`,
      )
      .run(conn, a.institution ?? 'ING', now, now);
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO accounts (connection_id, provider_account_id, name, kind, currency, iban, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(conn, `acc${this.seq}`, a.name ?? 'Girokonto', a.kind ?? 'checking', a.currency ?? 'EUR', a.iban ?? null, now, now)
        .lastInsertRowid,
    );
    this.defaultAccount ??= id;
    return id;
  }

  balance(accountId: number, date: string, amount: string | number, currency = 'EUR'): void {
    const minor = typeof amount === 'number' ? amount : toMinorUnits(amount, currency);
    this.db
      .prepare(
        'INSERT INTO balances (account_id, as_of_date, current_minor, available_minor, currency, as_of) VALUES (?, ?, ?, NULL, ?, ?)',
      )
      .run(accountId, date, minor, currency, `${date}T12:00:00Z`);
  }

  tx(t: TxInput): number {
    const account = t.account ?? this.defaultAccount ?? this.account();
    const currency = t.currency ?? 'EUR';
    const minor = typeof t.amount === 'number' ? t.amount : toMinorUnits(t.amount, currency);
    const category = t.category === null ? null : this.category(t.category ?? (minor < 0 ? 'groceries' : 'salary'));
    const now = '2020-01-01T00:00:00Z';
    return Number(
      this.db
        .prepare(
          `INSERT INTO transactions (account_id, dedupe_key, booking_date, booked_at, amount_minor, currency, description, merchant,
             counterparty_name, pending, raw, first_seen_at, updated_at, category_id, category_source, transfer_pair_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)`,
        )
        .run(
          account,
          `fx:${++this.seq}`,
          t.date,
          t.at === undefined ? `${t.date}T00:00:00+01:00` : t.at,
          minor,
          currency,
          t.description,
          t.merchant ?? null,
          t.counterparty ?? null,
          t.pending ? 1 : 0,
          now,
          now,
          category,
          category === null ? null : 'rule',
          t.transferPair ?? null,
        ).lastInsertRowid,
    );
  }

  /** Both halves of a transfer between own accounts, paired like the categorizer pairs them. */
  transfer(from: number, to: number, date: string, amount: string, currency = 'EUR'): [number, number] {
    const a = this.tx({ account: from, date, amount: `-${amount}`, currency, description: 'Umbuchung', category: 'transfers' });
    const b = this.tx({ account: to, date, amount, currency, description: 'Umbuchung', category: 'transfers' });
    this.db.prepare('UPDATE transactions SET transfer_pair_id = ? WHERE id = ?').run(b, a);
    this.db.prepare('UPDATE transactions SET transfer_pair_id = ? WHERE id = ?').run(a, b);
    return [a, b];
  }

  close(): void {
    this.db.close();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function memoryLedger(): Ledger {
  return new Ledger(openMemoryDatabase());
}

/** A ledger in a real data dir (trax.sqlite), for CLI tests; `env` points Trax at it. */
export function fileLedger(): Ledger & { env: Record<string, string> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-ledger-'));
  const l = new Ledger(openDatabase(dir), dir) as Ledger & { env: Record<string, string> };
  l.env = { TRAX_DATA_DIR: dir, TRAX_SECRET_KEY: 'a'.repeat(64), TRAX_TIMEZONE: 'Europe/Berlin', ...clockEnv() };
  return l;
}

/** Runs a command through the built CLI, failing clearly when dist/ has not been built. */
export async function runTrax(
  args: string[],
  env: Record<string, string>,
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` before the CLI tests.');
  return runCli(args, env, opts);
}
