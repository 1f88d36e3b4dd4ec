import type { Command } from 'commander';
import { editManualTransaction } from '../../manual/entries.js';
import { out, withApp } from '../context.js';
import { cliText } from '../output.js';
import { bookingWords } from './tx-add.js';
import { transactionId } from './tx-id.js';

export function registerTxEdit(tx: Command): void {
  tx.command('edit <id>')
    .description('change a booking you added by hand (bank and statement rows stay as they came)')
    .option('--date <YYYY-MM-DD>', 'the day of the booking')
    .option('--amount <amount>', 'negative = money out (-4.20), positive = money in')
    .option('--description <text>', 'what it was')
    .option('--category <slug>', 'its category (your choice: it sticks and teaches the model)')
    .addHelpText(
      'after',
      '\nExamples:\n  trax tx edit 42 --amount=-4.50\n  trax tx edit 42 --description "Wochenmarkt Obst" --category groceries',
    )
    .action(async (id: string, opts: { date?: string; amount?: string; description?: string; category?: string }) => {
      const txId = transactionId(id);
      await withApp((app) => {
        editManualTransaction(app, txId, opts);
        const row = app.transactions.list({ ids: [txId] })[0]!;
        const t = cliText();
        out(t.m.cliTxNowIs(txId, ...bookingWords(t, row)));
      });
    });
}
