import type { Command } from 'commander';
import { syncAll, syncConnection } from '../../sync/engine.js';
import { out, progress, withApp } from '../context.js';
import { clean, json } from '../output.js';
import { describeOutcome } from '../sync-report.js';

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('fetch new accounts, balances and transactions from every connected bank')
    .option('--connection <id>', 'sync only this connection (see `trax connections`)')
    .option('--json', 'print the outcome as JSON')
    .addHelpText('after', `
Each account's transactions are saved together with the point to resume from, so an
interrupted sync loses nothing and running it again converges. A failing bank does not stop
the others; the exit code is 1 if any connection failed.

Examples:
  trax sync
  trax sync --connection tl-3f9a2c --json`)
    .action(async (opts: { connection?: string; json?: boolean }) => {
      await withApp(async (app) => {
        if (!opts.connection && app.connections.list().every((c) => c.status === 'revoked')) {
          out('No banks connected yet. Run `trax connect truelayer`, or `npm run demo` to try the built-in sandbox.');
          return;
        }
        const options = { trigger: 'user' as const, onProgress: (id: string, m: string) => progress(`${id}: ${clean(m)}`) };
        const outcomes = opts.connection ? [await syncConnection(app, opts.connection, options)] : await syncAll(app, options);
        out(opts.json ? json(outcomes) : outcomes.map(describeOutcome).join('\n'));
        if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
      });
    });
}
