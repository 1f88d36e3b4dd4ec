import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { mergeCategories } from '../../categorize/category-changes.js';
import type { App } from '../../app.js';
import { chooseCategory, previewSimilar, type ChoiceResult, type SimilarPreview } from '../../categorize/choose.js';
import { evaluate, formatEvalReport, loadEvalCsv } from '../../categorize/eval/index.js';
import { categorizeTransactions } from '../../categorize/run.js';
import { recategorizeAll } from '../../categorize/retrain.js';
import { TraxError } from '../../domain/errors.js';
import { out, progress, withApp } from '../context.js';
import { clean, json, money } from '../output.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The preview "similar" shows before it changes anything. */
export function formatSimilarPreview(app: App, p: SimilarPreview): string {
  const names = new Map(app.categories.list().map((c) => [c.id, c.name]));
  const lines = [
    `This creates a rule: ${clean(p.rule)} → ${p.category.name}.`,
    `It matches ${plural(p.matched, 'transaction')}; ${plural(p.moves, 'other transaction')} would move to ${p.category.name}${p.moves > 0 ? ', for example:' : '.'}`,
    ...p.sample.map(
      (m) =>
        `  ${m.bookingDate}  ${clean(m.merchant ?? m.description)
          .slice(0, 40)
          .padEnd(
            40,
          )}  ${money(m.amountMinor, m.currency).padStart(14)}  ${m.fromCategoryId === null ? 'Uncategorized' : (names.get(m.fromCategoryId) ?? '?')} → ${names.get(m.toCategoryId) ?? '?'}`,
    ),
  ];
  if (p.moves > p.sample.length) lines.push(`  … and ${p.moves - p.sample.length} more`);
  return lines.join('\n');
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/**
 * `trax categorize set`'s flow, shared with `trax review category`: with --similar, the preview,
 * then a y/N question in a terminal (refused without --yes elsewhere), then the choice. Returns
 * null when the user said no.
 */
export async function setCategoryWithPreview(
  app: App,
  transactionId: number,
  category: string,
  o: { similar?: boolean; yes?: boolean },
  choose: (app: App, id: number, category: string, opts: { similar: boolean }) => ChoiceResult = chooseCategory,
  ask: (question: string) => Promise<boolean> = confirm,
): Promise<ChoiceResult | null> {
  if (o.similar) {
    const p = previewSimilar(app, transactionId, category);
    out(formatSimilarPreview(app, p));
    if (!o.yes) {
      if (ask === confirm && !process.stdin.isTTY)
        throw new TraxError(
          'usage',
          `Nothing changed: --similar would move ${plural(p.moves, 'transaction')}; pass --yes to apply it without asking.`,
        );
      if (!(await ask(`Set transaction ${p.transactionId} to ${p.category.name} and create this rule? [y/N] `))) {
        out('Nothing changed.');
        process.exitCode = 1;
        return null;
      }
    }
  }
  const r = choose(app, transactionId, category, { similar: Boolean(o.similar) });
  out(`Transaction ${r.transactionId} is now ${r.category.name} (your choice; it survives every sync).`);
  if (r.ruleId !== null)
    out(
      `Created rule ${r.ruleId}; it recategorized ${plural(r.similar, 'similar transaction')}. See \`trax rules list\`; undo with \`trax undo\`.`,
    );
  return r;
}

export function registerCategorize(program: Command): void {
  const cmd = program
    .command('categorize')
    .description('categorize transactions (your choices are never overridden)')
    // `trax categorize eval --json` must reach `eval`, not this command's own --json.
    .enablePositionalOptions()
    .option('--all', 'recategorize every transaction and retrain the learned model, not only new ones')
    .option('--json', 'print counts as JSON')
    .addHelpText(
      'after',
      `
Order of precedence: your own choice, your rules, the learned model (when confident), the
bank's category, built-in merchant rules, Uncategorized. Transfers between your own accounts are
paired and kept out of spending and income.

Examples:
  trax categorize --all
  trax categorize set 1234 groceries --similar
  trax categorize eval --train train.csv --test test.csv`,
    )
    .action(async (o: { all?: boolean; json?: boolean }) => {
      await withApp((app) => {
        const {
          result: r,
          undoId,
          rows,
        } = o.all
          ? recategorizeAll(app, (n) => progress(`  retrained the learned model on ${n} examples`))
          : { result: categorizeTransactions(app), undoId: null, rows: 0 };
        if (o.json) return out(json({ ...r, undoId }));
        out(`Examined ${r.examined} transaction${r.examined === 1 ? '' : 's'}, changed ${r.changed}.`);
        out(
          Object.entries(r.bySource)
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `  ${s}: ${n}`)
            .join('\n'),
        );
        out(`  new transfer pairs: ${r.transfersPaired}`);
        if (undoId) out(`Undo with \`trax undo\` (puts back the ${plural(rows, 'category', 'categories')} this changed).`);
      });
    });

  cmd
    .command('set')
    .description('choose the category of one transaction; it sticks for ever and teaches the model')
    .argument('<transaction>', 'transaction id (see `trax transactions --json`)')
    .argument('<category>', 'category slug or name (see `trax categories list`)')
    .option('--similar', 'also create a rule that applies it to similar transactions (shows them and asks first)')
    .option('--yes', 'with --similar: apply without asking (for scripts)')
    .action(async (txn: string, category: string, o: { similar?: boolean; yes?: boolean }) => {
      if (!/^\d+$/.test(txn))
        throw new TraxError('usage', `"${txn}" is not a transaction id; \`trax transactions --json\` shows them.`);
      await withApp((app) => setCategoryWithPreview(app, Number(txn), category, o));
    });

  cmd
    .command('eval')
    .description('train the learned classifier on one CSV and score it on another')
    .requiredOption('--train <file>', 'CSV with description, category (optional: merchant, amount)')
    .requiredOption('--test <file>', 'CSV with the same columns')
    .option('--json', 'print {"n","accuracy","macro_f1"}')
    .action(async (o: { train: string; test: string; json?: boolean }) => {
      let train;
      let test;
      try {
        train = loadEvalCsv(o.train).rows;
        test = loadEvalCsv(o.test).rows;
      } catch (e) {
        throw new TraxError('usage', (e as Error).message);
      }
      const report = evaluate(train, test);
      out(
        o.json ? JSON.stringify({ n: report.n, accuracy: report.accuracy, macro_f1: report.macro_f1 }) : formatEvalReport(report),
      );
    });
}

export function registerCategories(program: Command): void {
  const cmd = program.command('categories').description('the category taxonomy: list, add, rename, merge');
  cmd
    .command('list')
    .description('list categories')
    .option('--json')
    .action(async (o: { json?: boolean }) => {
      await withApp((app) => {
        const all = app.categories.list();
        if (o.json) return out(json(all));
        for (const c of all)
          out(
            `${c.parentId ? '    ' : ''}${c.slug.padEnd(c.parentId ? 18 : 22)} ${c.name}${c.kind !== 'expense' ? ` (${c.kind})` : ''}`,
          );
      });
    });
  cmd
    .command('add')
    .description('add a category, optionally inside another (one level)')
    .argument('<name>')
    .option('--parent <slug>')
    .option('--income', 'money in rather than spending')
    .action(async (name: string, o: { parent?: string; income?: boolean }) => {
      await withApp((app) => {
        const c = app.categories.add(
          name,
          { ...(o.parent ? { parent: o.parent } : {}), ...(o.income ? { kind: 'income' as const } : {}) },
          app.now().toISOString(),
        );
        out(`Added ${c.name} (${c.slug}).`);
      });
    });
  cmd
    .command('rename')
    .description('rename a category (its slug stays)')
    .argument('<category>')
    .argument('<new-name>')
    .action(async (ref: string, name: string) => {
      await withApp((app) => out(`Renamed to ${app.categories.rename(ref, name).name}.`));
    });
  cmd
    .command('merge')
    .description('move everything from one category into another and remove the first')
    .argument('<from>')
    .argument('<into>')
    .action(async (from: string, into: string) => {
      await withApp((app) => {
        const r = mergeCategories(app, from, into, `trax categories merge ${from} ${into}`);
        out(
          `Merged ${from} into ${into}: ${r.moved} transaction${r.moved === 1 ? '' : 's'} moved.${r.undoId ? ' Undo with `trax undo`.' : ''}`,
        );
      });
    });
}
