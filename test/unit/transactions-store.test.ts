import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransactionSnapshot } from '../../src/domain/types.js';
import { CategoryStore } from '../../src/store/categories.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { TransactionStore, type TransactionQuery, type UpsertCounts } from '../../src/store/transactions.js';

/** The transaction store on a real SQLite file with the real migrations; what it wrote is read back with plain SQL. */

const T0 = '2026-03-01T08:00:00Z';
const T1 = '2026-03-02T08:00:00Z';

let dir: string;
let db: Db;
let store: TransactionStore;
let giro: number;
let savings: number;
let card: number;

function account(connection: string, providerAccountId: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO accounts (connection_id, provider_account_id, name, kind, currency, created_at, updated_at)
         VALUES (?, ?, ?, 'checking', 'EUR', ?, ?)`,
      )
      .run(connection, providerAccountId, providerAccountId, T0, T0).lastInsertRowid,
  );
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trax-txstore-'));
  db = openDatabase(dir);
  for (const id of ['tl-ing', 'pl-chase'])
    db.prepare(`INSERT INTO connections (id, provider, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(
      id,
      id.startsWith('tl') ? 'truelayer' : 'plaid',
      T0,
      T0,
    );
  giro = account('tl-ing', 'giro');
  savings = account('tl-ing', 'savings');
  card = account('pl-chase', 'card');
  store = new TransactionStore(db);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const counts = (): UpsertCounts => ({ added: 0, modified: 0, removed: 0 });

let seq = 0;
function snap(over: Partial<TransactionSnapshot> = {}): TransactionSnapshot {
  seq++;
  return {
    providerAccountId: 'giro',
    dedupeKey: `id:k${seq}`,
    providerTransactionId: `ptx-${seq}`,
    bookingDate: '2026-02-14',
    bookedAt: '2026-02-14T12:00:00Z',
    amountMinor: -1234,
    currency: 'EUR',
    description: 'REWE SAGT DANKE 4711',
    merchant: 'REWE',
    counterpartyName: 'REWE Markt GmbH',
    counterpartyIban: 'DE02120300000000202051',
    pending: false,
    providerCategory: 'PURCHASE',
    providerClassification: 'Shopping > Groceries',
    raw: { id: seq },
    ...over,
  };
}

function write(accountId: number, rows: TransactionSnapshot[], now = T0): UpsertCounts {
  const c = counts();
  db.transaction(() => store.upsert(accountId, rows, now, c))();
  return c;
}

interface Stored {
  account_id: number;
  dedupe_key: string;
  provider_transaction_id: string | null;
  booking_date: string;
  booked_at: string | null;
  amount_minor: number;
  currency: string;
  description: string;
  merchant: string | null;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  pending: number;
  provider_category: string | null;
  provider_classification: string | null;
  raw: string;
  first_seen_at: string;
  updated_at: string;
}

const stored = (): Stored[] =>
  db
    .prepare<[], Stored>(
      `SELECT account_id, dedupe_key, provider_transaction_id, booking_date, booked_at, amount_minor, currency, description,
         merchant, counterparty_name, counterparty_iban, pending, provider_category, provider_classification, raw,
         first_seen_at, updated_at
       FROM transactions ORDER BY id`,
    )
    .all();

const keys = (q: TransactionQuery = {}) => store.list(q).map((r) => r.dedupe_key);

describe('writing transactions', () => {
  it('stores every field of a new row as given', () => {
    const row = snap({
      dedupeKey: 'id:rewe',
      providerTransactionId: 'ptx-rewe',
      raw: { transaction_id: 'ptx-rewe', amount: 12.34 },
    });
    expect(write(giro, [row])).toEqual({ added: 1, modified: 0, removed: 0 });
    expect(stored()).toEqual([
      {
        account_id: giro,
        dedupe_key: 'id:rewe',
        provider_transaction_id: 'ptx-rewe',
        booking_date: '2026-02-14',
        booked_at: '2026-02-14T12:00:00Z',
        amount_minor: -1234,
        currency: 'EUR',
        description: 'REWE SAGT DANKE 4711',
        merchant: 'REWE',
        counterparty_name: 'REWE Markt GmbH',
        counterparty_iban: 'DE02120300000000202051',
        pending: 0,
        provider_category: 'PURCHASE',
        provider_classification: 'Shopping > Groceries',
        raw: '{"transaction_id":"ptx-rewe","amount":12.34}',
        first_seen_at: T0,
        updated_at: T0,
      },
    ]);
  });

  it('stores a pending row as pending and empty optional fields as NULL', () => {
    const row = snap({
      pending: true,
      bookedAt: null,
      merchant: null,
      counterpartyName: null,
      counterpartyIban: null,
      providerCategory: null,
      providerClassification: null,
      providerTransactionId: null,
    });
    write(giro, [row]);
    expect(stored()[0]).toMatchObject({
      pending: 1,
      booked_at: null,
      merchant: null,
      counterparty_name: null,
      counterparty_iban: null,
      provider_category: null,
      provider_classification: null,
      provider_transaction_id: null,
    });
  });

  it('adds nothing and changes nothing when the same rows arrive again', () => {
    const rows = [snap(), snap(), snap()];
    expect(write(giro, rows)).toEqual({ added: 3, modified: 0, removed: 0 });
    const before = stored();
    expect(write(giro, rows, T1)).toEqual({ added: 0, modified: 0, removed: 0 });
    expect(stored()).toEqual(before);
  });

  it('ignores a new provider transaction id alone (TrueLayer rotates them)', () => {
    const row = snap();
    write(giro, [row]);
    expect(write(giro, [{ ...row, providerTransactionId: 'rotated', raw: { rotated: true } }], T1)).toEqual({
      added: 0,
      modified: 0,
      removed: 0,
    });
    expect(stored()[0]).toMatchObject({ provider_transaction_id: row.providerTransactionId, updated_at: T0 });
  });

  it.each<[string, keyof Stored, Partial<TransactionSnapshot>, unknown]>([
    ['booking date', 'booking_date', { bookingDate: '2026-02-15' }, '2026-02-15'],
    ['timestamp', 'booked_at', { bookedAt: '2026-02-15T09:00:00Z' }, '2026-02-15T09:00:00Z'],
    ['timestamp (now missing)', 'booked_at', { bookedAt: null }, null],
    ['amount (a tip on a posted row)', 'amount_minor', { amountMinor: -1434 }, -1434],
    ['currency', 'currency', { currency: 'GBP' }, 'GBP'],
    ['description', 'description', { description: 'REWE Markt' }, 'REWE Markt'],
    ['merchant', 'merchant', { merchant: 'Rewe' }, 'Rewe'],
    ['merchant (now missing)', 'merchant', { merchant: null }, null],
    ['counterparty', 'counterparty_name', { counterpartyName: 'REWE' }, 'REWE'],
    ['counterparty IBAN', 'counterparty_iban', { counterpartyIban: null }, null],
    ['pending flag', 'pending', { pending: true }, 1],
    ['provider category', 'provider_category', { providerCategory: 'BILL_PAYMENT' }, 'BILL_PAYMENT'],
    ['provider classification', 'provider_classification', { providerClassification: 'Food' }, 'Food'],
  ])('counts a changed %s as one modified row and stores it', (_, column, change, value) => {
    const row = snap();
    const other = snap();
    write(giro, [row, other]);
    const c = write(giro, [{ ...row, ...change, providerTransactionId: 'ptx-new', raw: { v: 2 } }, other], T1);
    expect(c).toEqual({ added: 0, modified: 1, removed: 0 });
    const [changed, untouched] = stored();
    expect(changed![column]).toEqual(value);
    expect(changed).toMatchObject({ provider_transaction_id: 'ptx-new', raw: '{"v":2}', first_seen_at: T0, updated_at: T1 });
    expect(untouched).toMatchObject({ updated_at: T0, provider_transaction_id: other.providerTransactionId });
  });

  it('keeps the same key in two accounts as two rows', () => {
    const row = snap({ dedupeKey: 'f:2026-02-14|-320|EUR|x|0' });
    write(giro, [row]);
    expect(write(savings, [row])).toEqual({ added: 1, modified: 0, removed: 0 });
    expect(stored().map((r) => r.account_id)).toEqual([giro, savings]);
  });

  it('adds to the counts it is given', () => {
    const c: UpsertCounts = { added: 5, modified: 2, removed: 1 };
    const row = snap();
    store.upsert(giro, [row, snap()], T0, c);
    store.upsert(giro, [{ ...row, amountMinor: 1 }], T1, c);
    expect(c).toEqual({ added: 7, modified: 3, removed: 1 });
  });
});

describe('pending snapshots and removals', () => {
  it('drops the pending rows the provider no longer lists, in that account only', () => {
    const [a, b, c] = [snap({ pending: true }), snap({ pending: true }), snap({ pending: true })];
    const booked = snap();
    const elsewhere = snap({ pending: true });
    write(giro, [a, b, c, booked]);
    write(savings, [elsewhere]);
    const n = counts();
    const fresh = snap({ pending: true });
    db.transaction(() => store.replacePending(giro, [b, fresh], T1, n))();
    expect(n).toEqual({ added: 1, modified: 0, removed: 2 });
    expect(stored().map((r) => r.dedupe_key)).toEqual([b.dedupeKey, booked.dedupeKey, elsewhere.dedupeKey, fresh.dedupeKey]);
  });

  it('drops every pending row of the account when the snapshot is empty', () => {
    write(giro, [snap({ pending: true }), snap({ pending: true }), snap()]);
    const n: UpsertCounts = { added: 0, modified: 0, removed: 1 };
    store.replacePending(giro, [], T1, n);
    expect(n).toEqual({ added: 0, modified: 0, removed: 3 });
    expect(stored().map((r) => r.pending)).toEqual([0]);
  });

  it('removes rows by key in one account and counts only what existed', () => {
    const [a, b] = [snap({ dedupeKey: 'id:a' }), snap({ dedupeKey: 'id:b' })];
    write(giro, [a, b]);
    write(savings, [a]);
    const n: UpsertCounts = { added: 0, modified: 0, removed: 1 };
    store.remove(giro, ['id:a', 'id:missing'], n);
    expect(n.removed).toBe(2);
    expect(stored().map((r) => [r.account_id, r.dedupe_key])).toEqual([
      [giro, 'id:b'],
      [savings, 'id:a'],
    ]);
  });

  it('removes a row by key from any account of the connection, and from no other connection', () => {
    const row = snap({ dedupeKey: 'id:plaid-removed' });
    write(giro, [row]);
    write(savings, [row]);
    write(card, [row]);
    const n: UpsertCounts = { added: 0, modified: 0, removed: 1 };
    store.removeFromConnection('tl-ing', 'id:plaid-removed', n);
    expect(n.removed).toBe(3);
    expect(stored().map((r) => r.account_id)).toEqual([card]);
  });
});

describe('listing and counting', () => {
  // Counterparties only where a test looks for them, so each text match has one reason.
  const row = (over: Partial<TransactionSnapshot>) => snap({ counterpartyName: null, ...over });

  function ledger(): void {
    write(giro, [
      row({ dedupeKey: 'jan31', bookingDate: '2026-01-31', amountMinor: -500, description: 'Bäckerei Kamps' }),
      row({
        dedupeKey: 'feb01',
        bookingDate: '2026-02-01',
        amountMinor: 250000,
        description: 'Gehalt ACME GmbH',
        merchant: null,
      }),
      row({ dedupeKey: 'feb14', bookingDate: '2026-02-14', amountMinor: -1234, description: 'REWE 100% Bio' }),
      row({ dedupeKey: 'feb28', bookingDate: '2026-02-28', amountMinor: -4999, description: 'Netflix_DE', merchant: 'Netflix' }),
      row({
        dedupeKey: 'mar01',
        bookingDate: '2026-03-01',
        amountMinor: -1234,
        description: 'C:\\Shop',
        counterpartyName: 'Ann',
      }),
    ]);
    write(savings, [row({ dedupeKey: 'dec31', bookingDate: '2025-12-31', amountMinor: 1000, description: 'Zinsen' })]);
    write(card, [row({ dedupeKey: 'pend', bookingDate: '2026-04-02', amountMinor: -700, pending: true, description: 'Uber' })]);
  }

  beforeEach(ledger);

  it('lists newest first by default, later rows first on the same day', () => {
    write(giro, [snap({ dedupeKey: 'feb14-b', bookingDate: '2026-02-14', amountMinor: -1 })]);
    expect(keys()).toEqual(['pend', 'mar01', 'feb28', 'feb14-b', 'feb14', 'feb01', 'jan31', 'dec31']);
    expect(keys({ order: 'asc' })).toEqual(['dec31', 'jan31', 'feb01', 'feb14', 'feb14-b', 'feb28', 'mar01', 'pend']);
  });

  it('sorts by amount, ties by insertion order', () => {
    expect(keys({ sort: 'amount' })).toEqual(['feb01', 'dec31', 'jan31', 'pend', 'mar01', 'feb14', 'feb28']);
    expect(keys({ sort: 'amount', order: 'asc' })).toEqual(['feb28', 'feb14', 'mar01', 'pend', 'jan31', 'dec31', 'feb01']);
  });

  it('limits to one month, first to last day', () => {
    expect(keys({ month: '2026-02', order: 'asc' })).toEqual(['feb01', 'feb14', 'feb28']);
    expect(keys({ month: '2025-12' })).toEqual(['dec31']);
    expect(keys({ month: '2026-01' })).toEqual(['jan31']);
    expect(store.count({ month: '2026-02' })).toBe(3);
  });

  it('limits to a date range with `to` exclusive, combined with a month', () => {
    expect(keys({ from: '2026-02-01', to: '2026-03-01', order: 'asc' })).toEqual(['feb01', 'feb14', 'feb28']);
    expect(keys({ from: '2026-02-14' })).toEqual(['pend', 'mar01', 'feb28', 'feb14']);
    expect(keys({ to: '2026-01-31' })).toEqual(['dec31']);
    expect(keys({ month: '2026-02', from: '2026-02-10', to: '2026-02-28' })).toEqual(['feb14']);
    expect(store.count({ from: '2026-02-14', to: '2026-03-01' })).toBe(2);
  });

  it('limits to one account', () => {
    expect(keys({ accountId: savings })).toEqual(['dec31']);
    expect(store.count({ accountId: giro })).toBe(5);
  });

  it('limits to one merchant', () => {
    expect(keys({ merchant: 'Netflix' })).toEqual(['feb28']);
    expect(store.count({ merchant: 'REWE' })).toBe(5);
  });

  it('finds words in description, merchant or counterparty, ignoring case', () => {
    expect(keys({ text: 'rewe' })).toEqual(['pend', 'mar01', 'feb14', 'jan31', 'dec31']);
    expect(keys({ text: 'kamps' })).toEqual(['jan31']);
    expect(keys({ text: 'ann' })).toEqual(['mar01']);
    expect(store.count({ text: 'gehalt' })).toBe(1);
  });

  it("matches LIKE's wildcards in the user's words literally", () => {
    expect(keys({ text: '100%' })).toEqual(['feb14']);
    expect(keys({ text: '%' })).toEqual(['feb14']);
    expect(keys({ text: 'x_de' })).toEqual(['feb28']);
    expect(keys({ text: '_' })).toEqual(['feb28']);
    expect(keys({ text: 'C:\\S' })).toEqual(['mar01']);
    expect(keys({ text: '\\' })).toEqual(['mar01']);
  });

  it('limits to an amount range, both ends included', () => {
    expect(keys({ minMinor: -1234, maxMinor: 1000, order: 'asc' })).toEqual(['dec31', 'jan31', 'feb14', 'mar01', 'pend']);
    expect(keys({ minMinor: 1000 })).toEqual(['feb01', 'dec31']);
    expect(keys({ maxMinor: -4999 })).toEqual(['feb28']);
    expect(keys({ minMinor: 0, maxMinor: 0 })).toEqual([]);
    expect(store.count({ maxMinor: -1234 })).toBe(3);
  });

  it('pages with limit and offset', () => {
    expect(keys({ limit: 2 })).toEqual(['pend', 'mar01']);
    expect(keys({ limit: 2, offset: 2 })).toEqual(['feb28', 'feb14']);
    expect(keys({ limit: 3, offset: 6 })).toEqual(['dec31']);
  });

  it('filters by category, a parent including its children, and shows the category on the row', () => {
    const categories = new CategoryStore(db);
    categories.ensureDefaults(T0);
    const set = (key: string, slug: string) =>
      db
        .prepare(`UPDATE transactions SET category_id = ?, category_source = 'rule' WHERE dedupe_key = ?`)
        .run(categories.bySlug(slug)!.id, key);
    set('feb01', 'salary');
    set('dec31', 'interest');
    set('feb14', 'groceries');
    expect(keys({ category: 'income', order: 'asc' })).toEqual(['dec31', 'feb01']);
    expect(keys({ category: 'salary' })).toEqual(['feb01']);
    expect(store.count({ category: 'income' })).toBe(2);
    expect(store.count({ category: 'groceries' })).toBe(1);
    const [salary] = store.list({ category: 'salary' });
    expect(salary).toMatchObject({
      category_id: categories.bySlug('salary')!.id,
      category_slug: 'salary',
      category_name: 'Salary',
      category_source: 'rule',
      transfer_pair_id: null,
      account_id: giro,
      amount_minor: 250000,
      pending: 0,
    });
    expect(store.list({ merchant: 'Netflix' })[0]).toMatchObject({ category_id: null, category_slug: null, category_name: null });
  });

  it('limits to the rows asked for by id, with the other filters still applying', () => {
    const id = (key: string) => store.list().find((r) => r.dedupe_key === key)!.id;
    const ids = [id('jan31'), id('feb28'), id('dec31')];
    expect(keys({ ids })).toEqual(['feb28', 'jan31', 'dec31']);
    expect(store.count({ ids })).toBe(3);
    expect(keys({ ids, accountId: giro })).toEqual(['feb28', 'jan31']);
    expect(keys({ ids: [] })).toEqual([]);
  });

  it('combines filters', () => {
    expect(keys({ accountId: giro, month: '2026-02', maxMinor: -1000, text: 'rewe' })).toEqual(['feb14']);
    expect(store.count({ accountId: giro, month: '2026-02', maxMinor: -1000 })).toBe(2);
    expect(store.count()).toBe(7);
  });

  it('names the latest month with a booked (not pending) row', () => {
    expect(store.latestMonth()).toBe('2026-03');
  });
});

describe('month boundaries', () => {
  it('ends December at the first of January', () => {
    write(giro, [
      snap({ dedupeKey: 'nov30', bookingDate: '2025-11-30' }),
      snap({ dedupeKey: 'dec01', bookingDate: '2025-12-01' }),
      snap({ dedupeKey: 'dec31', bookingDate: '2025-12-31' }),
      snap({ dedupeKey: 'jan01', bookingDate: '2026-01-01' }),
    ]);
    expect(keys({ month: '2025-12' })).toEqual(['dec31', 'dec01']);
  });

  it('ends September at the first of October', () => {
    write(giro, [
      snap({ dedupeKey: 'sep30', bookingDate: '2026-09-30' }),
      snap({ dedupeKey: 'oct01', bookingDate: '2026-10-01' }),
      snap({ dedupeKey: 'oct31', bookingDate: '2026-10-31' }),
      snap({ dedupeKey: 'nov01', bookingDate: '2026-11-01' }),
    ]);
    expect(keys({ month: '2026-09' })).toEqual(['sep30']);
    expect(keys({ month: '2026-10' })).toEqual(['oct31', 'oct01']);
  });

  it('has no latest month while there are only pending rows or none', () => {
    expect(store.latestMonth()).toBeNull();
    write(giro, [snap({ pending: true })]);
    expect(store.latestMonth()).toBeNull();
  });
});
