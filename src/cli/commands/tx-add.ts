import type { Command } from 'commander';
import { addManualTransaction } from '../../manual/entries.js';
import { out, withApp } from '../context.js';
import type { TransactionRow } from '../../store/transactions.js';
import { cliText, type CliText } from '../output.js';
import { transactionId } from './tx-id.js';

export function registerTxAdd(tx: Command): void {
  tx.command('add')
    .description('add a booking by hand to an account kept by hand (cash)')
    .requiredOption('--account <id>', 'the account (see `trax accounts`); it must be kept by hand')
    .requiredOption('--date <YYYY-MM-DD>', 'the day of the booking')
    .requiredOption('--amount <amount>', 'negative = money out (-4.20), positive = money in')
    .requiredOption('--description <text>', 'what it was, e.g. "Wochenmarkt"')
    .option('--category <slug>', 'its category (else rules and the learned model choose, as for a bank row)')
    .addHelpText(
      'after',
      '\nExamples:\n  trax tx add --account 4 --date 2026-11-30 --amount -4.20 --description "Wochenmarkt"\n  trax tx add --account 4 --date 2026-12-01 --amount=-3.10 --description "Kaffee" --category coffee',
    )
    .action(async (opts: { account: string; date: string; amount: string; description: string; category?: string }) => {
      // Account ids are numbered like transaction ids.
      const accountId = transactionId(opts.account, 'account');
      await withApp((app) => {
        const id = addManualTransaction(app, accountId, opts);
        const row = app.transactions.list({ ids: [id] })[0]!;
        const t = cliText();
        out(t.m.cliTxAdded(id, ...bookingWords(t, row)));
      });
    });
}

/** A booking as the add and edit sentences name it: day, amount, description, category. */
export function bookingWords(t: CliText, row: TransactionRow): [string, string, string, string] {
  const category = row.category_name ? t.category(row.category_slug, row.category_name) : t.m.uncategorized;
  return [t.day(row.booking_date), t.money(row.amount_minor, row.currency), row.description, category];
}
