#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { TraxError } from '../domain/errors.js';
import { asStoreError } from '../store/db.js';
import { colors } from './output.js';
import { registerAccounts } from './commands/accounts.js';
import { registerConnect } from './commands/connect.js';
import { registerConnections } from './commands/connections.js';
import { registerDisconnect } from './commands/disconnect.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerCategories, registerCategorize } from './commands/categorize.js';
import { registerRules } from './commands/rules.js';
import { registerSchedule } from './commands/schedule.js';
import { registerReport } from './commands/report.js';
import { registerBudget } from './commands/budget.js';
import { registerRecurring } from './commands/recurring.js';
import { registerExport } from './commands/export.js';
import { registerCert, registerServe } from './commands/serve.js';
import { registerSync } from './commands/sync.js';
import { registerTransactions } from './commands/transactions.js';

// `trax transactions | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

const program = new Command('trax')
  .description('Your bank accounts in a local SQLite database you own: connect, sync, look.')
  .version('0.1.0')
  .exitOverride()
  .enablePositionalOptions()
  .showHelpAfterError('(run with --help for usage)')
  .addHelpText(
    'after',
    `
Getting started:
  trax sandbox              run the built-in TrueLayer emulator and print the .env lines for it
  trax connect truelayer    link a bank (ING Germany and other TrueLayer banks)
  trax serve                the web app: link banks with Plaid or TrueLayer, relink, sync, delete
  trax sync                 fetch new transactions
  trax transactions         see them
  trax report               where the money went last month
  trax serve                the web app, with the dashboard and scheduled syncs

Configuration is read from .env in the current directory; see README.md.
Data lives in TRAX_DATA_DIR (default ./data): trax.sqlite, and secret.key unless TRAX_SECRET_KEY is set.`,
  );

registerConnect(program);
registerConnections(program);
registerSync(program);
registerAccounts(program);
registerTransactions(program);
registerDisconnect(program);
registerCategorize(program);
registerRules(program);
registerCategories(program);
registerReport(program);
registerBudget(program);
registerRecurring(program);
registerExport(program);
registerSchedule(program);
registerServe(program);
registerCert(program);
registerSandbox(program);
(await import('./commands/undo.js')).registerUndo(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = report(e);
}

/** The only place that turns errors into exit codes; everything below throws values. */
function report(error: unknown): number {
  // SQLite failures from anywhere (a lock held by another process, a full disk) get a sentence.
  const e = asStoreError(error, 'use the database');
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
  if (e instanceof TraxError) {
    process.stderr.write(`${colors.red('Error:')} ${e.message}\n`);
    return e.code === 'usage' ? 2 : 1;
  }
  process.stderr.write(
    `${colors.red('Unexpected error:')} ${e instanceof Error ? e.message : String(e)}\nThis is a bug in Trax; nothing was half-written. Please report it with the command you ran.\n`,
  );
  if (process.env.TRAX_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 70;
}
