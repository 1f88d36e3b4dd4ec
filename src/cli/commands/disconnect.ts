import type { Command } from 'commander';
import { disconnect } from '../../connections/disconnect.js';
import { out, withApp } from '../context.js';
import { clean, cliText, colors } from '../output.js';

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
        const { m } = cliText();
        const ok = colors.green('✔');
        if (r.revokedAtProvider) out(`${ok} ${m.cliRevoked(bank)}`);
        else if (r.revokeProblem) out(`${colors.yellow('!')} ${m.cliNotRevoked(clean(r.revokeProblem))}`);
        out(`${ok} ${r.hadTokens ? m.cliTokensDeleted(bank, r.connectionId) : m.cliRemovedNoTokens(bank, r.connectionId)}`);
        out(r.purged ? `${ok} ${m.cliPurged}` : m.cliKeptHistory);
      });
    });
}
