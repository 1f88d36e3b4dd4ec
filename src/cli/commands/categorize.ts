import type { Command } from 'commander';
import { chooseCategory, retrainClassifier } from '../../categorize/choose.js';
import { pipelineContext } from '../../categorize/context.js';
import { evaluate, formatEvalReport, loadEvalCsv } from '../../categorize/eval/index.js';
import { categorizeTransactions } from '../../categorize/run.js';
import { TraxError } from '../../domain/errors.js';
import { out, progress, withApp } from '../context.js';
import { json } from '../output.js';

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
        if (o.all) {
          // Rules first, so the model learns from today's rule hits; then everything again with it.
          categorizeTransactions(app, { all: true, ctx: pipelineContext(app, { learned: null }) });
          progress('Retraining the learned model on your choices and rule hits…');
          const model = retrainClassifier(app);
          progress(`  trained on ${model.size} examples`);
        }
        const r = categorizeTransactions(app, { all: Boolean(o.all), ctx: pipelineContext(app) });
        if (o.json) return out(json(r));
        out(`Examined ${r.examined} transaction${r.examined === 1 ? '' : 's'}, changed ${r.changed}.`);
        out(
          Object.entries(r.bySource)
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `  ${s}: ${n}`)
            .join('\n'),
        );
        out(`  new transfer pairs: ${r.transfersPaired}`);
      });
    });

  cmd
    .command('set')
    .description('choose the category of one transaction; it sticks for ever and teaches the model')
    .argument('<transaction>', 'transaction id (see `trax transactions --json`)')
    .argument('<category>', 'category slug or name (see `trax categories list`)')
    .option('--similar', 'also create a rule that applies it to similar transactions')
    .action(async (txn: string, category: string, o: { similar?: boolean }) => {
      if (!/^\d+$/.test(txn))
        throw new TraxError('usage', `"${txn}" is not a transaction id; \`trax transactions --json\` shows them.`);
      await withApp((app) => {
        const r = chooseCategory(app, Number(txn), category, { similar: Boolean(o.similar) });
        out(`Transaction ${r.transactionId} is now ${r.category.name} (your choice; it survives every sync).`);
        if (r.ruleId !== null)
          out(
            `Created rule ${r.ruleId}; it recategorized ${r.similar} similar transaction${r.similar === 1 ? '' : 's'}. See \`trax rules list\`.`,
          );
      });
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
        const r = app.categories.merge(from, into);
        out(`Merged ${from} into ${into}: ${r.moved} transaction${r.moved === 1 ? '' : 's'} moved.`);
      });
    });
}
