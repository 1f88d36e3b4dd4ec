import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { addRule, importAndApply } from '../../categorize/apply-rules.js';
import { explainCategory, LEARNED_MIN_CONFIDENCE } from '../../categorize/explain.js';
import { RuleSet } from '../../categorize/rules/engine.js';
import { exportRules, importRules, readRulesFile } from '../../categorize/rules/file.js';
import { checkRule, type RuleOptions } from '../../categorize/rules/from-options.js';
import { removeRule } from '../../categorize/rule-changes.js';
import { TraxError } from '../../domain/errors.js';
import { out, withApp } from '../context.js';
import { formatPercent } from '../../i18n/format.js';
import { clean, cliText, json, table } from '../output.js';

export function registerRules(program: Command): void {
  const rules = program
    .command('rules')
    .description('your categorization rules: list, add, remove, test, export, import')
    .addHelpText('after', cliText().m.cliHelpAfterRules);

  rules
    .command('list')
    .description('list rules in the order they run')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { m } = cliText();
      await withApp((app) => {
        const names = new Map(app.categories.list().map((c) => [c.id, c.slug]));
        const list = app.rules.raw();
        if (opts.json) return out(json(list.map((r) => ({ ...r, category: names.get(r.categoryId) }))));
        if (!list.length) return out(m.cliNoRules);
        out(
          table(
            m.cliRulesHead.split('|'),
            list.map((r) => [
              String(r.id),
              String(r.priority),
              clean(r.name),
              clean(JSON.stringify(r.conditions)),
              names.get(r.categoryId) ?? '?',
            ]),
          ),
        );
        for (const u of new RuleSet(app.rules.list()).unusable) out(m.cliRuleNeverMatches(u.rule.id, clean(u.reason)));
      });
    });

  rules
    .command('add')
    .description('add a rule (at least one condition) and recategorize')
    .requiredOption('--category <slug>', 'category to set (see `trax categories list`)')
    .option('--name <name>', 'a name to recognize it by')
    .option('--priority <n>', 'lower runs first', '100')
    .option('--description-contains <text>')
    .option('--description-equals <text>')
    .option('--description-starts-with <text>')
    .option('--description-regex <regex>', 'RE2 syntax (linear time): no backreferences or lookaround')
    .option('--merchant-contains <text>')
    .option('--merchant-equals <text>')
    .option('--counterparty-contains <text>')
    .option('--iban <iban>', 'counterparty IBAN equals')
    .option('--provider-category <value>', 'provider category equals (e.g. FOOD_AND_DRINK, PURCHASE)')
    .option('--amount-min <amount>', 'signed, e.g. -100.00')
    .option('--amount-max <amount>', 'signed, e.g. 0')
    .option('--sign <in|out>', 'money in or out')
    .option('--account <id>', 'only this account')
    .action(async (o: RuleOptions) => {
      await withApp((app) => {
        const { category, ...rule } = checkRule(app, o);
        const r = addRule(app, { ...rule, categoryId: category.id }, `trax rules add → ${category.slug}`);
        const hits = app.rules.decidedCounts().get(r.id) ?? 0;
        out(cliText().m.cliRuleAdded(r.id, category.slug, hits, r.changed, Boolean(r.undoId)));
      });
    });

  rules
    .command('rm')
    .description('remove a rule')
    .argument('<id>')
    .action(async (id: string) => {
      await withApp((app) => {
        if (!/^\d+$/.test(id)) throw new TraxError('not_found', (m) => m.errNoRule(clean(id)));
        // Only the rows the rule matched are recategorized, as one recorded change, like the web's Remove.
        const r = removeRule(app, Number(id), `trax rules rm ${id}`);
        out(cliText().m.cliRuleRemoved(id, r.changed, r.undoId !== null));
      });
    });

  rules
    .command('test')
    .description('show which rule or model would categorize a statement line, and why')
    .argument('<text>', 'statement text, e.g. "VISA TESCO STORES 3012"')
    .option('--merchant <name>')
    .option('--amount <amount>', 'signed amount (negative = money out)', '-10.00')
    .action(async (text: string, o: { merchant?: string; amount: string }) => {
      const { m, lang } = cliText();
      await withApp((app) => {
        const e = explainCategory(app, text, { merchant: o.merchant ?? null, amount: o.amount });
        // The three labels line up, whatever their length in this language.
        const width = Math.max(m.cliRuleTestYours.length, m.cliRuleTestLearned.length, m.cliRuleTestBuiltIn.length) + 1;
        const say = (label: string, text: string) => out(`${label.padEnd(width)}${text}`);
        say(m.cliRuleTestYours, e.rule ? `${e.rule.slug} — ${clean(e.rule.why)}` : m.ruleTestNoMatch);
        const l = e.learned;
        const learned =
          l.state === 'opinion'
            ? `${
                l.earned === null
                  ? m.ruleTestLearnedUnearned(l.slug)
                  : m.cliRuleTestLearnedAt(
                      l.slug,
                      formatPercent(l.earned, lang),
                      l.confident,
                      formatPercent(LEARNED_MIN_CONFIDENCE, lang),
                    )
              } — ${clean(l.why.join(', '))}`
            : l.state === 'no-opinion'
              ? m.ruleTestNoOpinion
              : m.ruleTestUntrained;
        say(m.cliRuleTestLearned, learned);
        say(m.cliRuleTestBuiltIn, e.builtIn ? `${e.builtIn.slug} — ${clean(e.builtIn.why)}` : m.ruleTestNoMatch);
        out(m.ruleTestWinner(e.winner.slug, m.cliRuleWinnerSource(e.winner.source)));
      });
    });

  rules
    .command('export')
    .description('write your rules as YAML')
    .option('--file <path>', 'write to a file instead of the terminal')
    .action(async (o: { file?: string }) => {
      await withApp((app) => {
        const text = exportRules(app);
        if (o.file) {
          writeFileSync(o.file, text);
          out(cliText().m.cliRulesWrote(app.rules.raw().length, o.file));
        } else process.stdout.write(text);
      });
    });

  rules
    .command('import')
    .description('add the rules from a YAML or JSON file (all or nothing; `-` reads stdin; at most 5 MB)')
    .argument('<file>')
    .action(async (file: string) => {
      const text = await readRulesFile(file);
      await withApp((app) => {
        const { result, effect, undoId } = importAndApply(app, `trax rules import ${file}`, () => importRules(app, text, file));
        const { imported } = result;
        const { changed } = effect;
        out(cliText().m.cliRulesImported(imported, changed, Boolean(undoId)));
      });
    });
}
