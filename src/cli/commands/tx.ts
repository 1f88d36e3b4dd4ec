import type { Command } from 'commander';
import { registerTxNote } from './tx-note.js';
import { registerTxTag } from './tx-tag.js';

/** `trax tx <action>`: changes to one transaction; each action lives in its own tx-*.ts module. */
export function registerTx(program: Command): void {
  const tx = program
    .command('tx')
    .description('change one transaction: note, tags')
    .addHelpText(
      'after',
      `
The ID is the one \`trax transactions\` and \`trax search\` show. Notes and tags stay with the
transaction through re-syncs and re-imports, and \`trax search\` finds them (note:"…", tag:…).

Examples:
  trax tx note 42 "Geschenk für Oma"
  trax tx tag 42 +urlaub -work`,
    );
  registerTxNote(tx);
  registerTxTag(tx);
}
