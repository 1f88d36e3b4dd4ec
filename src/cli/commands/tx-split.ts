import type { Command } from 'commander';
import { splitTransaction, unsplitTransaction } from '../../splits/split-transaction.js';
import { out, withApp } from '../context.js';
import { clean, cliText, json, table } from '../output.js';
import { transactionId } from './tx-id.js';

const collect = (v: string, prev: string[]) => [...prev, v];

export function registerTxSplit(tx: Command): void {
  tx.command('split <id>')
    .description('split a booking into parts with their own category and note; the parts must add up to it exactly')
    .option('--part <category:amount[:note]>', "one part (repeat); an amount without a sign goes the booking's way", collect, [])
    .option('--json', 'print the parts as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  trax tx split 17 --part groceries:80.00 --part drugstore:40.00\n  trax tx split 17 --part groceries:80.00 --part "drugstore:40.00:Putzmittel"',
    )
    .action(async (id: string, opts: { part: string[]; json?: boolean }) => {
      const txId = transactionId(id);
      await withApp((app) => {
        const parts = splitTransaction(app, txId, opts.part);
        const currency = app.transactions.list({ ids: [txId] })[0]!.currency;
        if (opts.json) return out(json(parts));
        const t = cliText();
        out(t.m.cliSplitInto(txId, parts.length));
        out(
          table(
            [t.m.cliPartNo, t.m.cliCategory, t.m.cliAmount, t.m.cliNote],
            parts.map((p) => [
              String(p.position),
              p.categoryName ? clean(t.category(p.categorySlug, p.categoryName)) : '',
              t.money(p.amountMinor, currency),
              clean(p.note ?? ''),
            ]),
          ),
        );
      });
    });
  tx.command('unsplit <id>')
    .description('undo a split: the booking counts as one again')
    .addHelpText('after', '\nExamples:\n  trax tx unsplit 17')
    .action(async (id: string) => {
      const txId = transactionId(id);
      await withApp((app) => {
        const n = unsplitTransaction(app, txId);
        out(cliText().m.cliUnsplit(txId, n));
      });
    });
}
