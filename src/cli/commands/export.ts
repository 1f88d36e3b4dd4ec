import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { TraxError } from '../../domain/errors.js';
import { EXPORT_FORMATS, exportTransactions, type ExportFormat } from '../../reports/export/index.js';
import { checkRange, isDate } from '../../reports/period.js';
import { progress, withApp } from '../context.js';
import { cliText } from '../output.js';

interface ExportOpts {
  format?: string;
  from?: string;
  to?: string;
  output?: string;
  includePending?: boolean;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('every transaction as CSV, JSON, an hledger/Ledger journal or a beancount file')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .option('--from <date>', 'first booking day, YYYY-MM-DD')
    .option('--to <date>', 'day after the last one, YYYY-MM-DD (exclusive)')
    .option('--output <file>', 'write to this file (default: standard output)')
    .option('--include-pending', 'include pending transactions (journals mark them !)')
    .addHelpText(
      'after',
      `
Amounts are exact (integer minor units and decimal strings in CSV/JSON). Journals post each
transaction between its bank account (Assets:Bank:ING:Girokonto) and its category
(Expenses:Groceries, Income:Salary, Assets:Transfers for your own transfers), with opening
balances from Equity:Opening-Balances so account totals match the bank.

Examples:
  trax export --format csv --output 2026.csv --from 2026-01-01 --to 2027-01-01
  trax export --format ledger --output trax.journal && hledger -f trax.journal balance
  trax export --format beancount --output trax.beancount && bean-check trax.beancount`,
    )
    .action(async (opts: ExportOpts) => {
      const { m } = cliText();
      const format = opts.format as ExportFormat;
      if (!EXPORT_FORMATS.includes(format))
        throw new TraxError('usage', m.cliExportBadFormat(String(opts.format), EXPORT_FORMATS.join(', ')));
      for (const [flag, v] of [
        ['--from', opts.from],
        ['--to', opts.to],
      ] as const) {
        if (v !== undefined && !isDate(v)) throw new TraxError('usage', m.errNotADate(flag, v));
      }
      if (opts.from && opts.to) checkRange({ from: opts.from, to: opts.to }, true);
      await withApp((app) => {
        const sink = opts.output ? fileSink(opts.output) : stdoutSink();
        let n: number;
        try {
          n = exportTransactions(
            app.db,
            { format, from: opts.from, to: opts.to, includePending: opts.includePending, now: app.now() },
            sink.write,
          );
          sink.done();
        } catch (e) {
          sink.abort();
          throw e;
        }
        if (opts.output) progress(m.cliExported(n, opts.output));
      });
    });
}

interface Sink {
  write(chunk: string): void;
  done(): void;
  abort(): void;
}

/** Batches small chunks into 64 KiB writes. */
function batching(flush: (s: string) => void): { write(chunk: string): void; end(): void } {
  let buf: string[] = [];
  let size = 0;
  return {
    write(chunk) {
      buf.push(chunk);
      size += chunk.length;
      if (size >= 65_536) {
        flush(buf.join(''));
        buf = [];
        size = 0;
      }
    },
    end() {
      if (size) flush(buf.join(''));
      buf = [];
      size = 0;
    },
  };
}

function stdoutSink(): Sink {
  const b = batching((s) => process.stdout.write(s));
  return { write: b.write, done: b.end, abort: b.end };
}

/**
 * Writes to a temp file beside the target and renames it into place when complete, so a failed
 * export never leaves half a file where the user expects a whole one. Mode 0600: it is bank data.
 */
function fileSink(file: string): Sink {
  const tmp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'w', 0o600);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new TraxError('usage', (m) => m.errCannotWrite(file, why), { cause: e });
  }
  const b = batching((s) => writeSync(fd, s));
  return {
    write: b.write,
    done() {
      b.end();
      fsyncSync(fd);
      closeSync(fd);
      renameSync(tmp, file);
    },
    abort() {
      closeSync(fd);
      rmSync(tmp, { force: true });
    },
  };
}
