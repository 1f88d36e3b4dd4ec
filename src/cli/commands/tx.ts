import type { Command } from 'commander';
import { registerTxAdd } from './tx-add.js';
import { registerTxDelete } from './tx-delete.js';
import { registerTxEdit } from './tx-edit.js';
import { registerTxHide } from './tx-hide.js';
import { registerTxNote } from './tx-note.js';
import { registerTxSplit } from './tx-split.js';
import { registerTxTag } from './tx-tag.js';

/** `trax tx <action>`: changes to one transaction; each action lives in its own tx-*.ts module. */
export function registerTx(program: Command): void {
  const tx = program
    .command('tx')
    .description('change one transaction: note, tags, split, hide; add, edit, delete bookings kept by hand')
    .addHelpText(
      'after',
      `
The ID is the one \`trax transactions\` and \`trax search\` show. Notes, tags and splits stay with
the transaction through re-syncs and re-imports (the bank row itself never changes); only rows
you entered by hand (\`trax tx add\`) can be edited or deleted.

Examples:
  trax tx note 42 "Geschenk für Oma"
  trax tx tag 42 +urlaub -work
  trax tx split 17 --part groceries:80.00 --part drugstore:40.00
  trax tx unsplit 17
  trax tx hide 17
  trax tx add --account 4 --date 2026-11-30 --amount -4.20 --description "Wochenmarkt"`,
    );
  registerTxNote(tx);
  registerTxTag(tx);
  registerTxSplit(tx);
  registerTxHide(tx);
  registerTxAdd(tx);
  registerTxEdit(tx);
  registerTxDelete(tx);
}
