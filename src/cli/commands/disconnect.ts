import type { Command } from 'commander';
import { disconnect } from '../../connections/disconnect.js';
import { out, withApp } from '../context.js';
import { clean, colors } from '../output.js';

export function registerDisconnect(program: Command): void {
  program
    .command('disconnect')
    .description('revoke a bank connection at the provider and delete its tokens')
    .argument('<id>', 'connection id (see `trax connections`)')
    .option('--purge', 'also delete its accounts, balances and transaction history')
    .addHelpText(
      'after',
      `
Without --purge the history stays in the database for your records and reports.

Examples:
  trax disconnect tl-3f9a2c
  trax disconnect tl-3f9a2c --purge`,
    )
    .action(async (id: string, opts: { purge?: boolean }) => {
      await withApp(async (app) => {
        const r = await disconnect(app, id, { purge: Boolean(opts.purge) });
        const bank = clean(r.institution);
        if (r.revokedAtProvider) out(`${colors.green('✔')} Revoked Trax's access to ${bank} at the provider.`);
        else if (r.revokeProblem)
          out(
            `${colors.yellow('!')} Could not revoke at the provider: ${clean(r.revokeProblem)} Revoke it in your bank's or TrueLayer's settings too.`,
          );
        out(
          r.hadTokens
            ? `${colors.green('✔')} Deleted the tokens for ${bank} (${r.connectionId}).`
            : `${colors.green('✔')} Removed ${bank} (${r.connectionId}); there were no bank tokens to delete.`,
        );
        out(
          r.purged
            ? `${colors.green('✔')} Deleted its accounts and transaction history.`
            : 'Its accounts and transaction history are kept; use --purge to delete them.',
        );
      });
    });
}
