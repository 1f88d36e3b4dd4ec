import type { Command } from 'commander';
import { TraxError } from '../../domain/errors.js';
import { importFile, type ImportResult } from '../../imports/pipeline/index.js';
import { resolveReview } from '../../imports/pipeline/review.js';
import { balanceSentence, countsSentence } from '../../imports/pipeline/summary.js';
import { formatAmount } from '../../i18n/format.js';
import { PARSERS } from '../../imports/registry.js';
import { out, progress, withApp } from '../context.js';
import { clean, cliText, colors, json, table, type CliText } from '../output.js';

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

function accountOption(t: CliText, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new TraxError('usage', t.m.cliImportBadAccount);
  return Number(v);
}

function printResult(t: CliText, r: ImportResult): void {
  const { m } = t;
  out(`${colors.bold(clean(r.fileName))}: ${r.formatLabel}`);
  out(
    `  ${m.cliImportAccount(r.newAccount ? m.newOfflineAccount(clean(r.accountName)) : m.existingAccount(clean(r.accountName), r.accountId))}` +
      (r.firstDate && r.lastDate ? `, ${m.bookingsFromTo(t.day(r.firstDate), t.day(r.lastDate))}` : ''),
  );
  out(`  ${countsSentence(r, m)}${r.replacedPending ? m.cliImportReplacedPending(r.replacedPending) : ''}`);
  const balance = balanceSentence(r.balanceCheck, m, (minor, currency) => formatAmount(minor, currency, t.lang));
  out(`  ${r.balanceCheck && !r.balanceCheck.ok ? colors.yellow(`! ${balance}`) : balance}`);
  if (r.dryRun) {
    const shown = r.preview.filter((p) => p.placement !== 'duplicate').slice(0, 10);
    if (shown.length) {
      out(
        table(
          ['', m.cliDate, m.cliAmount, m.cliDescription],
          shown.map((p) => [
            m.cliImportPlacement(p.placement),
            t.day(p.bookingDate),
            t.money(p.amountMinor, p.currency),
            clean([p.counterpartyName, p.description].filter(Boolean).join(' · ')).slice(0, 70),
          ]),
        ),
      );
    }
  } else if (r.importId !== null) {
    out(`  ${colors.green('✔')} ${m.cliImportedAs(r.importId)}`);
    if (r.review > 0) out(`  ${m.cliImportWaiting(r.review)}`);
  }
}

async function runImport(files: string[], o: ImportOpts): Promise<void> {
  const t = cliText();
  const { m } = t;
  if (files.length === 0) throw new TraxError('usage', m.cliImportNameFile);
  if (o.bookedOnly && o.includePending) throw new TraxError('usage', m.cliImportPendingBoth);
  const accountId = accountOption(t, o.account);
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
          onProgress: o.json ? undefined : (say) => progress(`${file}: ${say(m)}`),
        });
        for (const r of results) {
          if (!o.json) printResult(t, r);
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
        if (!o.json) process.stderr.write(`${colors.red(m.cliErrorLabel)} ${e.messageIn(m)}\n`);
        report.push({ file, error: { code: e.code, message: e.message } });
      }
    }
    if (o.json) out(json({ files: report }));
    else if (o.dryRun) out(m.cliImportDryRun);
    if (refused > 0) process.exitCode = 1;
  });
}

async function listImports(o: { json?: boolean }): Promise<void> {
  const t = cliText();
  await withApp((app) => {
    const all = app.imports.list();
    if (o.json) return out(json(all));
    if (!all.length) return out(t.m.cliNoImports);
    out(
      table(
        t.m.cliImportsHead.split('|'),
        all.map((i) => [
          String(i.id),
          `${t.day(i.createdAt.slice(0, 10))} ${i.createdAt.slice(11, 16)}`,
          clean(i.fileName),
          i.format,
          clean(i.accountName ?? String(i.accountId ?? '')),
          String(i.added),
          String(i.linked),
          String(i.duplicates),
          String(i.review),
          i.undoneAt ? t.day(i.undoneAt.slice(0, 10)) : '',
        ]),
      ),
    );
  });
}

async function undoImport(id: string | undefined, o: { json?: boolean }): Promise<void> {
  const t = cliText();
  const { m } = t;
  if (!id || !/^\d+$/.test(id)) throw new TraxError('usage', m.cliImportUndoWhich);
  await withApp((app) => {
    const rec = app.imports.get(Number(id));
    if (!rec) throw new TraxError('not_found', m.cliNoImport(id));
    if (rec.undoneAt) throw new TraxError('usage', m.cliImportAlreadyUndone(id, rec.fileName, t.day(rec.undoneAt.slice(0, 10))));
    const r = app.imports.undo(rec.id, app.now().toISOString());
    if (o.json) return out(json({ importId: rec.id, ...r }));
    out(`${colors.green('✔')} ${m.cliImportUndid(rec.id, clean(rec.fileName), r.removed)}`);
    if (r.kept) out(m.cliImportKept(r.kept));
  });
}

async function review(args: string[], o: { json?: boolean }): Promise<void> {
  const t = cliText();
  const { m } = t;
  await withApp((app) => {
    const [answer, reviewId, txId] = args;
    if (answer) {
      if (
        !['link', 'add', 'skip'].includes(answer) ||
        !reviewId ||
        !/^\d+$/.test(reviewId) ||
        (answer === 'link' && !/^\d+$/.test(txId ?? ''))
      ) {
        throw new TraxError('usage', m.cliImportReviewUsage);
      }
      const item = resolveReview(
        app,
        Number(reviewId),
        answer === 'link' ? { kind: 'link', transactionId: Number(txId) } : { kind: answer as 'add' | 'skip' },
      );
      return out(
        `${colors.green('✔')} ${m.cliImportReviewAnswered(item.id, t.day(item.row.bookingDate), clean(item.row.description), answer, txId ?? '')}`,
      );
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
    if (!open.length) return out(m.cliImportNothingToReview);
    for (const r of open) {
      out(
        `${colors.bold(m.cliImportReviewId(r.id))} ${m.cliImportReviewFrom(r.source === 'sync', r.accountId)}: ${t.day(r.row.bookingDate)} ${t.money(r.row.amountMinor, r.row.currency)} ${clean([r.row.counterpartyName, r.row.description].filter(Boolean).join(' · '))}`,
      );
      for (const id of r.candidates) {
        const c = app.transactions.list({ ids: [id] })[0];
        if (c)
          out(
            `  ${m.cliImportCouldBe(c.id)} ${t.day(c.booking_date)} ${t.money(c.amount_minor, c.currency)} ${clean(c.description)}`,
          );
      }
    }
    out(`\n${m.cliImportReviewAnswerWith}`);
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
    .addHelpText('after', cliText().m.cliHelpAfterImport)
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
