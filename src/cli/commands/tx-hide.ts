import type { Command } from 'commander';
import { SplitStore } from '../../store/splits.js';
import { out, withApp } from '../context.js';
import { cliText } from '../output.js';
import { transactionId } from './tx-id.js';

export function registerTxHide(tx: Command): void {
  for (const hide of [true, false]) {
    tx.command(`${hide ? 'hide' : 'unhide'} <id>`)
      .description(
        hide
          ? 'keep a booking out of reports (the row itself stays as the bank sent it)'
          : 'count a hidden booking in reports again',
      )
      .addHelpText('after', `\nExamples:\n  trax tx ${hide ? 'hide' : 'unhide'} 17`)
      .action(async (id: string) => {
        const txId = transactionId(id);
        await withApp((app) => {
          const store = new SplitStore(app.db);
          store.origin(txId);
          const changed = store.setHidden(txId, hide, app.now().toISOString());
          const { m } = cliText();
          if (changed) out(hide ? m.cliTxHidden(txId) : m.cliTxShown(txId));
          else out(hide ? m.cliTxAlreadyHidden(txId) : m.cliTxAlreadyShown(txId));
        });
      });
  }
}
