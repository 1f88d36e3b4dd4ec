#!/usr/bin/env node
import { Command, CommanderError, Help } from 'commander';
import { TraxError } from '../domain/errors.js';
import { messages } from '../i18n/index.js';
import { langFromEnv } from '../i18n/lang.js';

type Register = (program: Command) => void;

/**
 * One row per top-level command. Only the command being run is imported: `trax accounts` must not
 * pay for the Plaid SDK, hono or the classifier (importing every command cost 0.5 s and 150 MB).
 * The other rows become name-and-summary stubs so `trax --help` and typo suggestions still list
 * everything.
 *
 * To add a command, add one row, e.g.
 *   { term: 'undo', summary: 'undo the last bulk recategorization', load: async () => (await import('./commands/undo.js')).registerUndo },
 * `term` is the command's name plus its arguments as shown in `trax --help`; `summary` must be the
 * command's own `.description(...)` (test/integration/cli-help.test.ts checks both match and that
 * the command's --help shows examples). `examples` are appended to the command's --help for
 * commands whose module does not print an "Examples:" section of its own. Mark `writes: true`
 * when the command changes the database.
 */
interface CommandRow {
  term: string;
  summary: string;
  examples?: string[];
  /** Changes the database: it gets the full quick_check first (see QUICK_CHECK_ALWAYS_BYTES). */
  writes?: boolean;
  load: () => Promise<Register>;
}

const COMMANDS: CommandRow[] = [
  {
    term: 'connect <provider>',
    writes: true,
    summary: 'link a bank account through an open-banking provider',
    load: async () => (await import('./commands/connect.js')).registerConnect,
  },
  {
    term: 'banks',
    summary: "list the banks a provider can link, with each bank's consent length",
    load: async () => (await import('./commands/banks.js')).registerBanks,
  },
  {
    term: 'connections',
    summary: 'list linked banks with status and consent expiry',
    examples: ['trax connections', 'trax connections --json'],
    load: async () => (await import('./commands/connections.js')).registerConnections,
  },
  {
    term: 'sync',
    writes: true,
    summary: 'fetch new accounts, balances and transactions from every connected bank',
    load: async () => (await import('./commands/sync.js')).registerSync,
  },
  {
    term: 'import [files...]',
    writes: true,
    summary: "import bank statement files (ING CSV, other banks' CSV, CAMT, MT940/942, OFX/QFX, QIF)",
    load: async () => (await import('./commands/import.js')).registerImport,
  },
  {
    term: 'accounts',
    summary: 'list accounts with their latest balances',
    examples: ['trax accounts', "trax accounts --json | jq '.[].balance.current'"],
    load: async () => (await import('./commands/accounts.js')).registerAccounts,
  },
  {
    term: 'transactions',
    summary: 'list transactions, newest first',
    load: async () => (await import('./commands/transactions.js')).registerTransactions,
  },
  {
    term: 'search',
    summary: 'find transactions by words, amounts, dates, category, tag, note or account; save searches',
    load: async () => (await import('./commands/search.js')).registerSearch,
  },
  {
    term: 'tx',
    writes: true,
    summary: 'change one transaction: note, tags, split, hide; add, edit, delete bookings kept by hand',
    load: async () => (await import('./commands/tx.js')).registerTx,
  },
  {
    term: 'disconnect <id>',
    writes: true,
    summary: 'revoke a bank connection at the provider and delete its tokens',
    load: async () => (await import('./commands/disconnect.js')).registerDisconnect,
  },
  {
    term: 'categorize',
    writes: true,
    summary: 'categorize transactions (your choices are never overridden)',
    load: async () => (await import('./commands/categorize.js')).registerCategorize,
  },
  {
    term: 'rules',
    writes: true,
    summary: 'your categorization rules: list, add, remove, test, export, import',
    load: async () => (await import('./commands/rules.js')).registerRules,
  },
  {
    term: 'categories',
    writes: true,
    summary: 'the category taxonomy: list, add, rename, merge',
    examples: [
      'trax categories list',
      'trax categories add Coffee --parent eating-out',
      'trax categories rename coffee "Coffee shops"',
      'trax categories merge takeaway eating-out',
    ],
    load: async () => (await import('./commands/categorize.js')).registerCategories,
  },
  {
    term: 'review',
    writes: true,
    summary: 'the review inbox: new, uncategorized and doubtful transactions, answered one keystroke each',
    load: async () => (await import('./commands/review.js')).registerReview,
  },
  {
    term: 'report',
    summary: 'where your money went: spending by category, income, savings, top merchants, budgets',
    load: async () => (await import('./commands/report.js')).registerReport,
  },
  {
    term: 'budget',
    writes: true,
    summary: 'monthly spending limits per category: set, list, remove',
    load: async () => (await import('./commands/budget.js')).registerBudget,
  },
  {
    term: 'recurring',
    summary: 'subscriptions and other recurring payments, with the next date and the cost per year',
    load: async () => (await import('./commands/recurring.js')).registerRecurring,
  },
  {
    term: 'export',
    summary: 'every transaction as CSV, JSON, an hledger/Ledger journal or a beancount file',
    load: async () => (await import('./commands/export.js')).registerExport,
  },
  {
    term: 'undo',
    writes: true,
    summary: 'undo the last bulk recategorization (rules add/import, --similar, categorize --all)',
    examples: ['trax undo --list', 'trax undo', 'trax undo --json'],
    load: async () => (await import('./commands/undo.js')).registerUndo,
  },
  {
    term: 'backup <file>',
    writes: true,
    summary: 'copy the database to a file, safely while Trax runs',
    load: async () => (await import('./commands/backup.js')).registerBackup,
  },
  {
    term: 'restore <file>',
    summary: 'replace the database with a backup made by `trax backup`',
    load: async () => (await import('./commands/backup.js')).registerRestore,
  },
  {
    term: 'schedule',
    summary: 'run `trax sync` on a schedule without keeping `trax serve` running',
    examples: ['trax schedule print', 'trax schedule print --systemd'],
    load: async () => (await import('./commands/schedule.js')).registerSchedule,
  },
  {
    term: 'serve',
    writes: true,
    summary: 'run the web app: link, relink, sync and delete banks; see consent expiry at a glance',
    examples: ['trax serve', 'trax serve --port 8080', 'trax serve --no-schedule'],
    load: async () => (await import('./commands/serve.js')).registerServe,
  },
  {
    term: 'cert',
    summary: 'create a self-signed HTTPS certificate for localhost in the data dir',
    examples: ['trax cert', 'trax cert --force'],
    load: async () => (await import('./commands/serve.js')).registerCert,
  },
  {
    term: 'sandbox',
    summary: 'run the built-in TrueLayer emulator so every command can be tried without a bank',
    examples: ['trax sandbox', 'trax sandbox --port 4011'],
    load: async () => (await import('./commands/sandbox.js')).registerSandbox,
  },
];

const nameOf = (row: CommandRow) => row.term.split(' ')[0]!;

// `trax transactions | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

// Help in the terminal's language: commander's own words, the program's text and each command's
// summary come from the catalogue (two plain objects, no dependencies: read commands stay fast).
const m = messages(langFromEnv(process.env));
const helper = new Help();
const program = new Command('trax')
  .description(m.cliHelpProgram)
  .version('0.1.0', '-V, --version', m.cliHelpVersion)
  .helpOption('-h, --help', m.cliHelpFlag)
  .helpCommand('help [command]', m.cliHelpCommand)
  .configureHelp({
    styleTitle: (title) => m.cliHelpTitle(title),
    // Commander's own words around each line ("[options]", "(default: 10)") in the catalogue's language.
    commandUsage: (cmd) => m.cliHelpWords(Help.prototype.commandUsage.call(helper, cmd)),
    subcommandTerm: (cmd) => m.cliHelpWords(Help.prototype.subcommandTerm.call(helper, cmd)),
    optionDescription: (o) => m.cliHelpWords(Help.prototype.optionDescription.call(helper, o)),
    argumentDescription: (a) => m.cliHelpWords(Help.prototype.argumentDescription.call(helper, a)),
  })
  .exitOverride()
  .enablePositionalOptions()
  .showHelpAfterError(m.cliHelpAfterError)
  .addHelpText('after', m.cliHelpGettingStarted);

try {
  await registerCommands(program, process.argv.slice(2));
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = await report(e);
}

/**
 * The top level takes no option with a value, so the first word that is not an option names the
 * command (`trax help X` names X). That command is registered for real; the rest are stubs.
 */
async function registerCommands(program: Command, args: string[]): Promise<void> {
  const words = args.filter((a) => !a.startsWith('-'));
  const wanted = words[0] === 'help' ? words[1] : words[0];
  for (const row of COMMANDS) {
    if (nameOf(row) !== wanted) {
      program.command(row.term).description(m.cliCommandSummary(nameOf(row), row.summary));
      continue;
    }
    if (row.writes) (await import('./context.js')).checkIntegrityOnOpen();
    (await row.load())(program);
    const cmd = program.commands.at(-1)!;
    // The module describes itself in English (cli-help.test.ts holds it to row.summary); other
    // languages take the catalogue's summary, the same one the top-level listing shows.
    if (m !== messages('en')) {
      translateHelp(cmd);
      cmd.description(m.cliCommandSummary(nameOf(row), row.summary));
    }
    if (row.examples) cmd.addHelpText('after', `\n${m.cliHelpExamples}\n${row.examples.map((e) => `  ${e}`).join('\n')}`);
  }
}

/**
 * The modules describe their options, arguments and subcommands in English; other languages take
 * the catalogue's text for each (English where the catalogue has none, never a blank).
 */
function translateHelp(cmd: Command): void {
  for (const o of cmd.options) if (o.description) o.description = m.cliHelpText(o.description);
  for (const a of cmd.registeredArguments) if (a.description) a.description = m.cliHelpText(a.description);
  for (const sub of cmd.commands) {
    if (sub.description()) sub.description(m.cliHelpText(sub.description()));
    translateHelp(sub);
  }
}

/** The only place that turns errors into exit codes; everything below throws values. */
async function report(error: unknown): Promise<number> {
  // Commander has printed --help, --version or a usage mistake itself: nothing more to load.
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  // SQLite failures from anywhere (a lock held by another process, a full disk) get a sentence.
  const { asStoreError } = await import('../store/db.js');
  const { colors } = await import('./output.js');
  const e = asStoreError(error, 'use the database');
  if (e instanceof TraxError) {
    process.stderr.write(`${colors.red(m.cliErrorLabel)} ${e.messageIn(m)}\n`);
    return e.code === 'usage' ? 2 : 1;
  }
  process.stderr.write(
    `${colors.red(m.cliUnexpectedError)} ${e instanceof Error ? e.message : String(e)}\n${m.cliUnexpectedBug}\n`,
  );
  if (process.env.TRAX_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  return 70;
}
