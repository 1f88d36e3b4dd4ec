import type { Command } from 'commander';
import { deleteManualTransaction } from '../../manual/entries.js';
import { out, withApp } from '../context.js';
import { cliText } from '../output.js';
import { transactionId } from './tx-id.js';

export function registerTxDelete(tx: Command): void {
  tx.command('delete <id>')
    .description('delete a booking you added by hand (bank and statement rows can only be hidden)')
    .addHelpText('after', '\nExamples:\n  trax tx delete 42')
    .action(async (id: string) => {
      const txId = transactionId(id);
      await withApp((app) => {
        const was = deleteManualTransaction(app, txId);
        const t = cliText();
        out(t.m.cliTxDeleted(txId, t.day(was.date), was.description));
      });
    });
}
