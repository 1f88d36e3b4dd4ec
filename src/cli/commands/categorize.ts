import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { mergeCategories } from '../../categorize/category-changes.js';
import type { App } from '../../app.js';
import {
  chooseCategory,
  describeConditions,
  previewSimilar,
  type ChoiceResult,
  type SimilarPreview,
} from '../../categorize/choose.js';
import { evaluate, formatEvalReport, loadEvalCsv } from '../../categorize/eval/index.js';
import { categorizeTransactions } from '../../categorize/run.js';
import { recategorizeAll } from '../../categorize/retrain.js';
import { TraxError } from '../../domain/errors.js';
import { out, progress, withApp } from '../context.js';
import { clean, cliText, json, type CliText } from '../output.js';

/** The preview "similar" shows before it changes anything. */
export function formatSimilarPreview(app: App, p: SimilarPreview, t: CliText = cliText()): string {
  const names = new Map(app.categories.list().map((c) => [c.id, t.category(c.slug, c.name)]));
  const category = t.category(p.category.slug, p.category.name);
  const rule = t.lang === 'en' ? p.rule : describeConditions(p.conditions, t.m);
  const lines = [
    t.m.cliSimilarRule(clean(rule), category),
    t.m.cliSimilarMatches(p.matched, p.moves, category),
    ...p.sample.map(
      (m) =>
        `  ${t.day(m.bookingDate)}  ${clean(m.merchant ?? m.description)
          .slice(0, 40)
          .padEnd(
            40,
          )}  ${t.money(m.amountMinor, m.currency).padStart(14)}  ${m.fromCategoryId === null ? t.m.cliUncategorized : (names.get(m.fromCategoryId) ?? '?')} → ${names.get(m.toCategoryId) ?? '?'}`,
    ),
  ];
  if (p.moves > p.sample.length) lines.push(`  ${t.m.cliAndMore(p.moves - p.sample.length)}`);
  return lines.join('\n');
}

/** Yes in either language: "y", "yes", and the German "j", "ja". */
export const isYes = (answer: string) => /^(y(es)?|ja?)$/i.test(answer.trim());

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return isYes(await rl.question(question));
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
  const t = cliText();
  if (o.similar) {
    const p = previewSimilar(app, transactionId, category);
    out(formatSimilarPreview(app, p, t));
    if (!o.yes) {
      if (ask === confirm && !process.stdin.isTTY) throw new TraxError('usage', t.m.cliSimilarNeedsYes(p.moves));
      if (!(await ask(t.m.cliSimilarAsk(p.transactionId, t.category(p.category.slug, p.category.name))))) {
        out(t.m.cliNothingChanged);
        process.exitCode = 1;
        return null;
      }
    }
  }
  const r = choose(app, transactionId, category, { similar: Boolean(o.similar) });
  out(t.m.cliChosen(r.transactionId, t.category(r.category.slug, r.category.name)));
  if (r.ruleId !== null) out(t.m.cliSimilarRuleCreated(r.ruleId, r.similar));
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
    .addHelpText('after', cliText().m.cliHelpAfterCategorize)
    .action(async (o: { all?: boolean; json?: boolean }) => {
      const { m } = cliText();
      await withApp((app) => {
        const {
          result: r,
          undoId,
          rows,
        } = o.all
          ? recategorizeAll(app, (n) => progress(m.cliRetrained(n)))
          : { result: categorizeTransactions(app), undoId: null, rows: 0 };
        if (o.json) return out(json({ ...r, undoId }));
        out(m.cliExamined(r.examined, r.changed));
        out(
          Object.entries(r.bySource)
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `  ${m.cliCategorySource(s)}: ${n}`)
            .join('\n'),
        );
        out(m.cliTransferPairs(r.transfersPaired));
        if (undoId) out(m.cliCategorizeUndo(rows));
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
      if (!/^\d+$/.test(txn)) throw new TraxError('usage', cliText().m.cliCategorizeBadId(txn));
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
      const t = cliText();
      await withApp((app) => {
        const all = app.categories.list();
        if (o.json) return out(json(all));
        for (const c of all)
          out(
            `${c.parentId ? '    ' : ''}${c.slug.padEnd(c.parentId ? 18 : 22)} ${clean(t.category(c.slug, c.name))}${c.kind !== 'expense' ? ` (${t.m.cliCategoryKind(c.kind)})` : ''}`,
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
        out(cliText().m.cliCategoryAdded(c.name, c.slug));
      });
    });
  cmd
    .command('rename')
    .description('rename a category (its slug stays)')
    .argument('<category>')
    .argument('<new-name>')
    .action(async (ref: string, name: string) => {
      await withApp((app) => out(cliText().m.cliCategoryRenamed(app.categories.rename(ref, name).name)));
    });
  cmd
    .command('merge')
    .description('move everything from one category into another and remove the first')
    .argument('<from>')
    .argument('<into>')
    .action(async (from: string, into: string) => {
      await withApp((app) => {
        const r = mergeCategories(app, from, into, `trax categories merge ${from} ${into}`);
        out(cliText().m.cliCategoryMerged(from, into, r.moved, r.undoId !== null));
      });
    });
}
