import type { TransactionSnapshot } from '../domain/types.js';
import type { Db } from './db.js';
import type Database from 'better-sqlite3';

export interface UpsertCounts {
  added: number;
  modified: number;
  removed: number;
}

export interface TransactionRow {
  id: number;
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
  pending: 0 | 1;
  provider_category: string | null;
  provider_classification: string | null;
  category_id: number | null;
  category_slug: string | null;
  category_name: string | null;
  category_source: string | null;
  transfer_pair_id: number | null;
  /** Where the row came from: the account's provider ('truelayer', 'plaid') or 'file'. */
  source: string;
  /** For imported rows: the statement format and the import that added it. */
  source_format: string | null;
  import_id: number | null;
}

export interface TransactionQuery {
  month?: string;
  /** Booking-date range, `to` exclusive; combines with `month`. */
  from?: string;
  to?: string;
  accountId?: number;
  /** A category slug; a parent includes its children. */
  category?: string;
  merchant?: string;
  /** Words to find in description, merchant or counterparty (case-insensitive). */
  text?: string;
  minMinor?: number;
  maxMinor?: number;
  sort?: 'date' | 'amount';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
  /** Only these rows. */
  ids?: number[];
  /** Conditions on `t` with their named parameters, from a compiled search (src/store/search.ts). */
  where?: { sql: string[]; params: Record<string, unknown> };
}

/** What a user sees of a row, in bind order; a change in any of them makes the row "modified". */
const FIELDS = [
  'booking_date',
  'booked_at',
  'amount_minor',
  'currency',
  'description',
  'merchant',
  'counterparty_name',
  'counterparty_iban',
  'pending',
  'provider_category',
  'provider_classification',
] as const;

/**
 * Writes transactions idempotently. A row is "modified" only when something a user would see
 * changed; a new provider transaction_id alone (TrueLayer rotates them) updates nothing.
 */
export class TransactionStore {
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;

  constructor(private readonly db: Db) {
    // Positional parameters: binding by name was ~16% slower on the ingest bench.
    this.insert = db.prepare(
      `INSERT INTO transactions (account_id, dedupe_key, provider_transaction_id, ${FIELDS.join(', ')},
         raw, first_seen_at, updated_at)
       VALUES (?, ?, ?, ${FIELDS.map(() => '?').join(', ')}, ?, ?, ?)
       ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
    );
    // Rows are bound as [account, key, ...FIELDS, raw, now]; the change test repeats the fields.
    this.update = db.prepare(
      `UPDATE transactions SET (provider_transaction_id, ${FIELDS.join(', ')}, raw, updated_at) =
         (?, ${FIELDS.map(() => '?').join(', ')}, ?, ?)
       WHERE account_id = ? AND dedupe_key = ?
         AND (${FIELDS.map((f) => `${f} IS NOT ?`).join(' OR ')})`,
    );
  }

  /** Call inside a transaction. */
  upsert(accountId: number, rows: readonly TransactionSnapshot[], now: string, counts: UpsertCounts): void {
    for (const t of rows) {
      const fields = [
        t.bookingDate,
        t.bookedAt,
        t.amountMinor,
        t.currency,
        t.description,
        t.merchant,
        t.counterpartyName,
        t.counterpartyIban,
        t.pending ? 1 : 0,
        t.providerCategory,
        t.providerClassification,
      ];
      const raw = JSON.stringify(t.raw);
      if (this.insert.run(accountId, t.dedupeKey, t.providerTransactionId, ...fields, raw, now, now).changes > 0) {
        counts.added++;
      } else if (this.update.run(t.providerTransactionId, ...fields, raw, now, accountId, t.dedupeKey, ...fields).changes > 0) {
        counts.modified++;
      }
    }
  }

  /**
   * Pending rows are a snapshot: the ones the provider no longer lists are gone (posted or
   * dropped). Only the provider's own: pending rows a statement file brought are that file's.
   */
  replacePending(accountId: number, rows: readonly TransactionSnapshot[], now: string, counts: UpsertCounts): void {
    this.upsert(accountId, rows, now, counts);
    const keep = JSON.stringify(rows.map((r) => r.dedupeKey));
    const res = this.db
      .prepare(
        `DELETE FROM transactions WHERE account_id = ? AND pending = 1 AND source IS NULL
           AND dedupe_key NOT IN (SELECT value FROM json_each(?))`,
      )
      .run(accountId, keep);
    counts.removed += res.changes;
  }

  remove(accountId: number, dedupeKeys: readonly string[], counts: UpsertCounts): void {
    const del = this.db.prepare('DELETE FROM transactions WHERE account_id = ? AND dedupe_key = ?');
    for (const k of dedupeKeys) counts.removed += del.run(accountId, k).changes;
  }

  removeFromConnection(connectionId: string, dedupeKey: string, counts: UpsertCounts): void {
    counts.removed += this.db
      .prepare(
        'DELETE FROM transactions WHERE dedupe_key = ? AND account_id IN (SELECT id FROM accounts WHERE connection_id = ?)',
      )
      .run(dedupeKey, connectionId).changes;
  }

  list(q: TransactionQuery = {}): TransactionRow[] {
    const { where, params } = filters(q);
    const sql = `SELECT t.id, t.account_id, t.dedupe_key, t.provider_transaction_id, t.booking_date, t.booked_at, t.amount_minor,
        t.currency, t.description, t.merchant, t.counterparty_name, t.counterparty_iban, t.pending, t.provider_category,
        t.provider_classification, t.category_id, c.slug AS category_slug, c.name AS category_name, t.category_source,
        t.transfer_pair_id,
        CASE WHEN t.source IS NULL THEN (SELECT cn.provider FROM accounts a JOIN connections cn ON cn.id = a.connection_id
          WHERE a.id = t.account_id) ELSE 'file' END AS source,
        substr(t.source, 6) AS source_format, t.import_id
      FROM transactions t LEFT JOIN categories c ON c.id = t.category_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ${pageOf(q, params)}`;
    return this.db.prepare<[Record<string, unknown>], TransactionRow>(sql).all(params);
  }

  /**
   * The ids of list(q)'s rows, in its order. Only the id and the sort key are read, so a page
   * of a large match set is found in an index without building every matching row (the columns
   * list() shows, with their joins, were computed for each match before the sort took 50).
   */
  listIds(q: TransactionQuery = {}): number[] {
    const { where, params } = filters(q);
    return this.db
      .prepare<[Record<string, unknown>], number>(
        `SELECT t.id FROM transactions t ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ${pageOf(q, params)}`,
      )
      .pluck()
      .all(params);
  }

  /** How many rows match `q`; with `upTo`, counting stops there (the answer is then at most `upTo`). */
  count(q: TransactionQuery = {}, upTo?: number): number {
    const { where, params } = filters(q);
    const rows = `SELECT 1 FROM transactions t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    if (upTo !== undefined) params.upTo = upTo;
    return this.db
      .prepare<[Record<string, unknown>], { n: number }>(
        `SELECT count(*) AS n FROM (${rows}${upTo === undefined ? '' : ' LIMIT @upTo'})`,
      )
      .get(params)!.n;
  }

  /**
   * What every row matching `q` adds up to, one sum per currency (never mixed), over all matching
   * rows rather than one page: the transaction list shows it under its filters. SQLite sums the
   * integer minor units exactly.
   */
  totalsByCurrency(q: TransactionQuery = {}): { currency: string; totalMinor: number; count: number }[] {
    const { where, params } = filters(q);
    return this.db
      .prepare<[Record<string, unknown>], { currency: string; totalMinor: number; count: number }>(
        `SELECT upper(t.currency) AS currency, sum(t.amount_minor) AS totalMinor, count(*) AS count FROM transactions t
          ${where.length ? `WHERE ${where.join(' AND ')}` : ''} GROUP BY upper(t.currency) ORDER BY count(*) DESC, 1`,
      )
      .all(params);
  }

  latestMonth(): string | null {
    const row = this.db
      .prepare<[], { m: string | null }>('SELECT substr(max(booking_date), 1, 7) AS m FROM transactions WHERE pending = 0')
      .get();
    return row?.m ?? null;
  }
}

/** ORDER BY and, for a page, LIMIT of a list query (its parameters go into `params`). */
function pageOf(q: TransactionQuery, params: Record<string, unknown>): string {
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  const orderBy = q.sort === 'amount' ? `t.amount_minor ${dir}, t.id ${dir}` : `t.booking_date ${dir}, t.id ${dir}`;
  if (!q.limit) return `ORDER BY ${orderBy}`;
  params.limit = q.limit;
  params.offset = q.offset ?? 0;
  return `ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`;
}

function filters(q: TransactionQuery): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (q.month) {
    where.push('t.booking_date >= @mfrom AND t.booking_date < @mto');
    params.mfrom = `${q.month}-01`;
    params.mto = nextMonth(q.month);
  }
  if (q.from) {
    where.push('t.booking_date >= @from');
    params.from = q.from;
  }
  if (q.to) {
    where.push('t.booking_date < @to');
    params.to = q.to;
  }
  if (q.ids) {
    where.push('t.id IN (SELECT value FROM json_each(@ids))');
    params.ids = JSON.stringify(q.ids);
  }
  if (q.accountId !== undefined) {
    where.push('t.account_id = @accountId');
    params.accountId = q.accountId;
  }
  if (q.category) {
    where.push(`t.category_id IN (SELECT id FROM categories WHERE slug = @category
      OR parent_id = (SELECT id FROM categories WHERE slug = @category))`);
    params.category = q.category;
  }
  if (q.merchant) {
    where.push('t.merchant = @merchant');
    params.merchant = q.merchant;
  }
  if (q.text) {
    // LIKE's own wildcards in the user's words are matched literally.
    where.push(
      `(t.description LIKE @text ESCAPE '\\' OR t.merchant LIKE @text ESCAPE '\\' OR t.counterparty_name LIKE @text ESCAPE '\\')`,
    );
    params.text = `%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (q.minMinor !== undefined) {
    where.push('t.amount_minor >= @minMinor');
    params.minMinor = q.minMinor;
  }
  if (q.maxMinor !== undefined) {
    where.push('t.amount_minor <= @maxMinor');
    params.maxMinor = q.maxMinor;
  }
  if (q.where) {
    where.push(...q.where.sql);
    Object.assign(params, q.where.params);
  }
  return { where, params };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
