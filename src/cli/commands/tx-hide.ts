import type { Command } from 'commander';
import { SplitStore } from '../../store/splits.js';
import { out, withApp } from '../context.js';
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
          out(
            changed
              ? `Transaction ${txId} is ${hide ? 'hidden from reports' : 'counted in reports again'}.`
              : `Transaction ${txId} was already ${hide ? 'hidden' : 'shown'}; nothing changed.`,
          );
        });
      });
  }
}
