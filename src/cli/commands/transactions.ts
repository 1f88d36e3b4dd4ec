import type { Command } from 'commander';
import type { App } from '../../app.js';
import type { TransactionRow } from '../../store/transactions.js';
import { isMonth, isoDate } from '../../domain/dates.js';
import { isStalePending, STALE_PENDING_DAYS } from '../../identity/pending-match.js';
import { TraxError } from '../../domain/errors.js';
import { minorToDecimalString } from '../../domain/money.js';
import { pendingLinks } from '../../store/pending-links.js';
import { out, withApp } from '../context.js';
import { clean, cliText, colors, json, money, table, type CliText } from '../output.js';

export function registerTransactions(program: Command): void {
  program
    .command('transactions')
    .description('list transactions, newest first')
    .option('--month <YYYY-MM>', 'only this calendar month (booking date)')
    .option('--account <id>', 'only this account (see `trax accounts`)')
    .option('--limit <n>', 'at most this many rows (default: all of a month, else 50)')
    .option('--json', 'print as JSON (amounts as integer minor units and exact decimal strings)')
    .addHelpText(
      'after',
      `
Amounts: negative is money out. Pending transactions are marked and replaced on every sync; one still pending
more than 10 days after its date is flagged, as it may never book.

Examples:
  trax transactions --month 2026-10
  trax transactions --account 2 --json > girokonto.json`,
    )
    .action(async (opts: { month?: string; account?: string; limit?: string; json?: boolean }) => {
      const t = cliText();
      if (opts.month && !isMonth(opts.month)) throw new TraxError('usage', t.m.cliBadMonth(opts.month));
      const accountId = opts.account === undefined ? undefined : Number(opts.account);
      if (accountId !== undefined && !Number.isInteger(accountId))
        throw new TraxError('usage', t.m.cliBadAccount(String(opts.account)));
      const limit = opts.limit ? Number(opts.limit) : opts.month ? undefined : 50;
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
        throw new TraxError('usage', t.m.cliBadLimit(String(opts.limit)));
      await withApp((app) => {
        if (accountId !== undefined && !app.accounts.get(accountId))
          throw new TraxError('not_found', t.m.cliNoSuchAccount(accountId));
        const rows = app.transactions.list({ month: opts.month, accountId, limit });
        const today = isoDate(app.now());
        if (opts.json) return out(json(rows.map((row) => transactionJson(row, today))));
        if (rows.length === 0) return out(opts.month ? t.m.cliNoTransactionsIn(opts.month) : t.m.cliNoTransactions);
        out(transactionsText(app, rows, t));
        const doubtful = doubtfulBookings(app, accountId);
        if (doubtful) out(doubtful);
        if (!opts.month && limit && rows.length === limit) out(colors.dim(t.m.cliShowingLatest(limit)));
      });
    });
}

export function transactionJson(t: TransactionRow, today: string) {
  return {
    id: t.id,
    accountId: t.account_id,
    date: t.booking_date,
    amountMinor: t.amount_minor,
    amount: minorToDecimalString(t.amount_minor, t.currency),
    currency: t.currency,
    description: t.description,
    merchant: t.merchant,
    counterparty: t.counterparty_name,
    pending: t.pending === 1,
    /** Still pending more than 10 days after its date: it may never book (a released or failed reservation). */
    stalePending: t.pending === 1 && isStalePending(t.booking_date, today),
    category: t.category_slug,
    categorySource: t.category_source,
    transferPairId: t.transfer_pair_id,
    providerCategory: t.provider_category,
    /** The account's provider, or 'file' for a row a statement import brought (sourceFormat says which). */
    source: t.source,
    sourceFormat: t.source_format,
    importId: t.import_id,
  };
}

export function transactionsText(app: App, rows: TransactionRow[], text: CliText = cliText()): string {
  const { m } = text;
  const accounts = new Map(app.accounts.list().map((a) => [a.id, a]));
  const today = isoDate(app.now());
  return table(
    [m.cliId, m.cliDate, m.cliAccount, m.cliDescription, m.cliCategory, m.cliAmount, ''],
    rows.map((t) => [
      String(t.id),
      text.day(t.booking_date),
      clean(accounts.get(t.account_id)?.name),
      clean(t.merchant ?? t.description).slice(0, 40),
      clean(t.category_name === null ? '—' : text.category(t.category_slug, t.category_name)) +
        (t.category_source === 'user' ? ' ✎' : ''),
      text.money(t.amount_minor, t.currency),
      t.pending
        ? colors.yellow(isStalePending(t.booking_date, today) ? m.cliPendingStale(STALE_PENDING_DAYS) : m.cliPending)
        : '',
    ]),
  );
}

/**
 * Bookings the sync could not pair with one pending payment for certain: their category was not
 * carried over, so the user should look (the rule: src/identity/pending-match.ts).
 */
export function doubtfulBookings(app: App, accountId?: number): string | null {
  const reviews = pendingLinks(app.db)
    .reviews()
    .filter((r) => r.booked && (accountId === undefined || r.accountId === accountId));
  if (reviews.length === 0) return null;
  const lines = reviews.map((r) => {
    const b = r.booked!;
    const could = r.candidates
      .map((c) => `${c.date} ${money(c.amountMinor, b.currency)} ${clean(c.description).slice(0, 30)}`)
      .join('; ');
    return `  ${b.date} ${money(b.amountMinor, b.currency)} ${clean(b.description).slice(0, 40)}  could be: ${could}`;
  });
  return [
    colors.yellow(
      `${reviews.length} booking(s) matched more than one pending payment (or a pending payment more than one booking); no category was carried over, so check them:`,
    ),
    ...lines,
  ].join('\n');
}
