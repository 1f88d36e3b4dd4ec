import type { Command } from 'commander';
import { registerTxAdd } from './tx-add.js';
import { registerTxDelete } from './tx-delete.js';
import { registerTxEdit } from './tx-edit.js';
import { registerTxHide } from './tx-hide.js';
import { registerTxSplit } from './tx-split.js';

/** `trax tx …`: one module per subcommand, wired here. */
export function registerTx(program: Command): void {
  const tx = program
    .command('tx')
    .description('change one transaction: split, unsplit, hide, unhide; add, edit, delete bookings kept by hand')
    .addHelpText(
      'after',
      '\nExamples:\n  trax tx split 17 --part groceries:80.00 --part drugstore:40.00\n  trax tx unsplit 17\n  trax tx hide 17\n  trax tx add --account 4 --date 2026-11-30 --amount -4.20 --description "Wochenmarkt"',
    );
  registerTxSplit(tx);
  registerTxHide(tx);
  registerTxAdd(tx);
  registerTxEdit(tx);
  registerTxDelete(tx);
}
