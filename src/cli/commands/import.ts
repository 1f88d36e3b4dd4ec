import type { Command } from 'commander';
import { TraxError } from '../../domain/errors.js';
import { importFile, type ImportResult } from '../../imports/pipeline/index.js';
import { resolveReview } from '../../imports/pipeline/review.js';
import { balanceSentence, countsSentence } from '../../imports/pipeline/summary.js';
import { PARSERS } from '../../imports/registry.js';
import { out, progress, withApp } from '../context.js';
import { clean, colors, json, money, table } from '../output.js';

interface ImportOpts {
  account?: string;
  format?: string;
  map?: string;
  currency?: string;
  dateFormat?: string;
  dryRun?: boolean;
  bookedOnly?: boolean;
  includePending?: boolean;
  json?: boolean;
}

const SUBCOMMANDS = ['list', 'undo', 'review'];

function accountOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new TraxError('usage', `--account takes an account id (a number); \`trax accounts\` lists them.`);
  return Number(v);
}

function printResult(r: ImportResult): void {
  out(`${colors.bold(clean(r.fileName))}: ${r.formatLabel}`);
  out(
    `  Account: ${r.newAccount ? `a new offline account "${clean(r.accountName)}"` : `${clean(r.accountName)} (account ${r.accountId})`}` +
      (r.firstDate ? `, bookings ${r.firstDate} to ${r.lastDate}` : ''),
  );
  out(`  ${countsSentence(r)}${r.replacedPending ? `; ${r.replacedPending} pending rows of an earlier file replaced` : ''}`);
  const balance = balanceSentence(r.balanceCheck);
  out(`  ${r.balanceCheck && !r.balanceCheck.ok ? colors.yellow(`! ${balance}`) : balance}`);
  if (r.dryRun) {
    const shown = r.preview.filter((p) => p.placement !== 'duplicate').slice(0, 10);
    if (shown.length) {
      out(
        table(
          ['', 'Date', 'Amount', 'Description'],
          shown.map((p) => [
            p.placement === 'new' ? 'new' : p.placement === 'linked' ? 'in Trax' : 'review',
            p.bookingDate,
            money(p.amountMinor, p.currency),
            clean([p.counterpartyName, p.description].filter(Boolean).join(' · ')).slice(0, 70),
          ]),
        ),
      );
    }
  } else if (r.importId !== null) {
    out(`  ${colors.green('✔')} Imported as import ${r.importId}; \`trax import undo ${r.importId}\` takes it back.`);
    if (r.review > 0) out(`  ${r.review} rows wait for you in \`trax import review\`.`);
  }
}

async function runImport(files: string[], o: ImportOpts): Promise<void> {
  if (files.length === 0)
    throw new TraxError('usage', 'Name the statement file to import, e.g. `trax import ~/Downloads/Umsatzanzeige.csv`.');
  if (o.bookedOnly && o.includePending)
    throw new TraxError('usage', '--booked-only and --include-pending contradict each other; keep one.');
  const accountId = accountOption(o.account);
  await withApp(async (app) => {
    const report: Array<Record<string, unknown>> = [];
    let refused = 0;
    for (const file of files) {
      try {
        const results = await importFile(app, file, {
          accountId,
          format: o.format,
          map: o.map,
          currency: o.currency,
          dateFormat: o.dateFormat,
          dryRun: o.dryRun === true,
          includePending: o.includePending === true && !o.bookedOnly,
          onProgress: o.json ? undefined : (m) => progress(`${file}: ${m}`),
        });
        for (const r of results) {
          if (!o.json) printResult(r);
          report.push({
            file: r.file,
            format: r.format,
            accountId: r.accountId,
            importId: r.importId,
            added: r.added,
            linked: r.linked,
            duplicates: r.duplicates,
            review: r.review,
            balanceCheck: r.balanceCheck,
            dryRun: r.dryRun,
          });
        }
      } catch (e) {
        if (!(e instanceof TraxError) || !['import_refused', 'not_found'].includes(e.code) || (files.length === 1 && !o.json))
          throw e;
        refused++;
        if (!o.json) process.stderr.write(`${colors.red('Error:')} ${e.message}\n`);
        report.push({ file, error: { code: e.code, message: e.message } });
      }
    }
    if (o.json) out(json({ files: report }));
    else if (o.dryRun) out('Dry run: nothing was written. Run the same command without --dry-run to import.');
    if (refused > 0) process.exitCode = 1;
  });
}

async function listImports(o: { json?: boolean }): Promise<void> {
  await withApp((app) => {
    const all = app.imports.list();
    if (o.json) return out(json(all));
    if (!all.length) return out('No files imported yet. Import one with `trax import FILE`.');
    out(
      table(
        ['Import', 'When', 'File', 'Format', 'Account', 'New', 'In Trax', 'Before', 'Review', 'Undone'],
        all.map((i) => [
          String(i.id),
          i.createdAt.slice(0, 16).replace('T', ' '),
          clean(i.fileName),
          i.format,
          clean(i.accountName ?? String(i.accountId ?? '')),
          String(i.added),
          String(i.linked),
          String(i.duplicates),
          String(i.review),
          i.undoneAt ? i.undoneAt.slice(0, 10) : '',
        ]),
      ),
    );
  });
}

async function undoImport(id: string | undefined, o: { json?: boolean }): Promise<void> {
  if (!id || !/^\d+$/.test(id))
    throw new TraxError('usage', 'Name the import to undo by its number: `trax import undo 3` (`trax import list` shows them).');
  await withApp((app) => {
    const rec = app.imports.get(Number(id));
    if (!rec) throw new TraxError('not_found', `There is no import ${id}; \`trax import list\` shows them.`);
    if (rec.undoneAt)
      throw new TraxError('usage', `Import ${id} (${rec.fileName}) was already undone on ${rec.undoneAt.slice(0, 10)}.`);
    const r = app.imports.undo(rec.id, app.now().toISOString());
    if (o.json) return out(json({ importId: rec.id, ...r }));
    out(`${colors.green('✔')} Undid import ${rec.id} (${clean(rec.fileName)}): ${r.removed} rows removed.`);
    if (r.kept) out(`${r.kept} rows stay: a sync has brought them since, so they are now the bank's.`);
  });
}

async function review(args: string[], o: { json?: boolean }): Promise<void> {
  await withApp((app) => {
    const [answer, reviewId, txId] = args;
    if (answer) {
      if (
        !['link', 'add', 'skip'].includes(answer) ||
        !reviewId ||
        !/^\d+$/.test(reviewId) ||
        (answer === 'link' && !/^\d+$/.test(txId ?? ''))
      ) {
        throw new TraxError(
          'usage',
          'Answer a review with `trax import review link REVIEW TRANSACTION`, `... add REVIEW` or `... skip REVIEW`.',
        );
      }
      const item = resolveReview(
        app,
        Number(reviewId),
        answer === 'link' ? { kind: 'link', transactionId: Number(txId) } : { kind: answer as 'add' | 'skip' },
      );
      const what = answer === 'link' ? `is transaction ${txId}` : answer === 'add' ? 'is a booking of its own' : 'stays out';
      return out(`${colors.green('✔')} Review ${item.id}: ${item.row.bookingDate} ${clean(item.row.description)} ${what}.`);
    }
    const open = app.imports.openReviews();
    if (o.json) {
      return out(
        json(
          open.map((r) => ({
            ...r,
            candidates: r.candidates.map((id) => app.transactions.list({ ids: [id] })[0] ?? { id }),
          })),
        ),
      );
    }
    if (!open.length) return out('Nothing to review: every imported row found its place.');
    for (const r of open) {
      out(
        `${colors.bold(`Review ${r.id}`)} (${r.source === 'sync' ? 'a synced row' : 'from a file'}, account ${r.accountId}): ${r.row.bookingDate} ${money(r.row.amountMinor, r.row.currency)} ${clean([r.row.counterpartyName, r.row.description].filter(Boolean).join(' · '))}`,
      );
      for (const id of r.candidates) {
        const t = app.transactions.list({ ids: [id] })[0];
        if (t) out(`  could be ${t.id}: ${t.booking_date} ${money(t.amount_minor, t.currency)} ${clean(t.description)}`);
      }
    }
    out(
      '\nAnswer with `trax import review link REVIEW TRANSACTION`, `add REVIEW` (its own booking) or `skip REVIEW` (keep it out).',
    );
  });
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description("import bank statement files (ING CSV, other banks' CSV, CAMT, MT940/942, OFX/QFX, QIF)")
    .argument('[files...]', 'statement files, or: list | undo ID | review [link|add|skip ...]')
    .option('--account <id>', "import into this account (default: the account with the file's IBAN, else a new one)")
    .option('--format <name>', `read the file as this format instead of detecting it: ${PARSERS.map((p) => p.id).join(', ')}`)
    .option(
      '--map <mapping>',
      'columns of a CSV no preset knows, e.g. date=Buchungstag,amount=Betrag,description=Text,currencyCode=EUR',
    )
    .option('--currency <code>', 'currency for files that do not state one (QIF)')
    .option('--date-format <order>', 'day order for ambiguous dates (QIF): DMY, MDY or YMD')
    .option('--dry-run', 'show what would be imported; write nothing')
    .option('--booked-only', 'only booked entries (the default)')
    .option('--include-pending', 'also import entries not booked yet (CAMT Sts PDNG, MT942)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      `
The format is read from the file's content, not its name. Each file is matched to its account by
IBAN (or account number); rows Trax already has from a sync or an earlier import are linked, not
added again, and rows that could be more than one existing booking wait in \`trax import review\`.
A file is imported all or nothing; a malformed one is refused with its line and nothing is written.
Exit code 1 when any file was refused.

Examples:
  trax import ~/Downloads/Umsatzanzeige_DE12500105170648489890_20261201.csv
  trax import --dry-run camt053_2025.xml
  trax import kontoauszug.csv --account 3 --map date=Buchungstag,amount=Betrag,description=Verwendungszweck,currencyCode=EUR
  trax import list
  trax import undo 4
  trax import review
  trax import review link 2 1187`,
    )
    .action(async (args: string[], o: ImportOpts) => {
      const [first, ...rest] = args;
      if (first && SUBCOMMANDS.includes(first)) {
        if (first === 'list') return listImports(o);
        if (first === 'undo') return undoImport(rest[0], o);
        return review(rest, o);
      }
      return runImport(args, o);
    });
}
