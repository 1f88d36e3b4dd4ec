import type { Command } from 'commander';
import { registerTxHide } from './tx-hide.js';
import { registerTxSplit } from './tx-split.js';

/** `trax tx …`: one module per subcommand, wired here. */
export function registerTx(program: Command): void {
  const tx = program
    .command('tx')
    .description('change one transaction: split, unsplit, hide, unhide')
    .addHelpText(
      'after',
      '\nExamples:\n  trax tx split 17 --part groceries:80.00 --part drugstore:40.00\n  trax tx unsplit 17\n  trax tx hide 17',
    );
  registerTxSplit(tx);
  registerTxHide(tx);
}
