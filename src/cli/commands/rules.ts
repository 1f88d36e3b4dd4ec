import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { addRule, importAndApply } from '../../categorize/apply-rules.js';
import { pipelineContext } from '../../categorize/context.js';
import { decide, LEARNED_MIN_CONFIDENCE } from '../../categorize/pipeline.js';
import { RuleSet } from '../../categorize/rules/engine.js';
import { exportRules, importRules, readRulesFile } from '../../categorize/rules/file.js';
import { conditionsSchema, type ConditionsInput } from '../../categorize/rules/schema.js';
import { categorizeTransactions } from '../../categorize/run.js';
import { TraxError } from '../../domain/errors.js';
import { toMinorUnits } from '../../domain/money.js';
import { out, withApp } from '../context.js';
import { clean, json, table } from '../output.js';

interface AddOpts {
  category: string;
  name?: string;
  priority: string;
  descriptionContains?: string;
  descriptionEquals?: string;
  descriptionStartsWith?: string;
  descriptionRegex?: string;
  merchantContains?: string;
  merchantEquals?: string;
  counterpartyContains?: string;
  iban?: string;
  providerCategory?: string;
  amountMin?: string;
  amountMax?: string;
  sign?: string;
  account?: string;
}

function conditionsFrom(o: AddOpts): ConditionsInput {
  const c: Record<string, unknown> = {};
  const text = (contains?: string, equals?: string, startsWith?: string, regex?: string) =>
    contains ? { contains } : equals ? { equals } : startsWith ? { startsWith } : regex ? { regex } : undefined;
  const description = text(o.descriptionContains, o.descriptionEquals, o.descriptionStartsWith, o.descriptionRegex);
  if (description) c.description = description;
  const merchant = text(o.merchantContains, o.merchantEquals);
  if (merchant) c.merchant = merchant;
  if (o.counterpartyContains) c.counterparty = { contains: o.counterpartyContains };
  if (o.iban) c.iban = o.iban;
  if (o.providerCategory) c.providerCategory = { equals: o.providerCategory };
  if (o.amountMin || o.amountMax)
    c.amount = { ...(o.amountMin ? { min: o.amountMin } : {}), ...(o.amountMax ? { max: o.amountMax } : {}) };
  if (o.sign) c.sign = o.sign;
  if (o.account) c.account = Number(o.account);
  return c as ConditionsInput;
}

export function registerRules(program: Command): void {
  const rules = program
    .command('rules')
    .description('your categorization rules: list, add, remove, test, export, import')
    .addHelpText(
      'after',
      `
Rules run after your own choices and before everything else, lowest priority first. Text
conditions ignore case and accents. Examples:
  trax rules add --category groceries --description-contains "rewe"
  trax rules add --category housing --counterparty-contains "hausverwaltung" --sign out --amount-max -500
  trax rules test "REWE SAGT DANKE 44261234"
  trax rules export --file rules.yaml && trax rules import rules.yaml`,
    );

  rules
    .command('list')
    .description('list rules in the order they run')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      await withApp((app) => {
        const names = new Map(app.categories.list().map((c) => [c.id, c.slug]));
        const list = app.rules.raw();
        if (opts.json) return out(json(list.map((r) => ({ ...r, category: names.get(r.categoryId) }))));
        if (!list.length)
          return out(
            'No rules yet. Add one with `trax rules add --category SLUG --description-contains TEXT`, or use "apply to similar" when you correct a category.',
          );
        out(
          table(
            ['ID', 'Priority', 'Name', 'When', 'Category'],
            list.map((r) => [
              String(r.id),
              String(r.priority),
              clean(r.name),
              clean(JSON.stringify(r.conditions)),
              names.get(r.categoryId) ?? '?',
            ]),
          ),
        );
        for (const u of new RuleSet(app.rules.list()).unusable)
          out(`! rule ${u.rule.id} never matches: ${clean(u.reason)} Remove it with \`trax rules rm ${u.rule.id}\`.`);
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
    .action(async (o: AddOpts) => {
      await withApp((app) => {
        const raw = conditionsFrom(o);
        const parsed = conditionsSchema.safeParse(raw);
        if (!parsed.success)
          throw new TraxError(
            'usage',
            `That rule is not valid: ${parsed.error.issues[0]!.path.join('.') || 'conditions'}: ${parsed.error.issues[0]!.message}.`,
          );
        const category = app.categories.resolve(o.category);
        const priority = Number(o.priority);
        new RuleSet([{ id: 0, priority, name: null, conditions: parsed.data, categoryId: category.id }], { strict: true }); // validates regexes
        const r = addRule(
          app,
          { name: o.name ?? null, priority, conditions: raw, categoryId: category.id },
          `trax rules add → ${category.slug}`,
        );
        const hits = app.db.prepare('SELECT count(*) FROM transactions WHERE category_rule_id = ?').pluck().get(r.id) as number;
        out(
          `Added rule ${r.id} → ${category.slug}; it now categorizes ${hits} transaction${hits === 1 ? '' : 's'} (${r.changed} changed).${r.undoId ? ' Undo with `trax undo`.' : ''}`,
        );
      });
    });

  rules
    .command('rm')
    .description('remove a rule')
    .argument('<id>')
    .action(async (id: string) => {
      await withApp((app) => {
        if (!app.rules.remove(Number(id))) throw new TraxError('not_found', `There is no rule ${id}; see \`trax rules list\`.`);
        const r = categorizeTransactions(app, { all: true });
        out(`Removed rule ${id}; ${r.changed} transaction${r.changed === 1 ? '' : 's'} recategorized.`);
      });
    });

  rules
    .command('test')
    .description('show which rule or model would categorize a statement line, and why')
    .argument('<text>', 'statement text, e.g. "VISA TESCO STORES 3012"')
    .option('--merchant <name>')
    .option('--amount <amount>', 'signed amount (negative = money out)', '-10.00')
    .action(async (text: string, o: { merchant?: string; amount: string }) => {
      await withApp((app) => {
        const ctx = pipelineContext(app);
        const input = {
          description: text,
          merchant: o.merchant ?? null,
          counterparty: null,
          counterpartyIban: null,
          providerCategory: null,
          providerClassification: null,
          amountMinor: toMinorUnits(o.amount, 'EUR'),
          accountId: 0,
          dedupeKey: '',
          provider: 'truelayer' as const,
        };
        const names = new Map(app.categories.list().map((c) => [c.id, c.slug]));
        const rule = ctx.userRules.match(input);
        out(`your rules:     ${rule ? `${names.get(rule.rule.categoryId)} — ${clean(rule.why)}` : 'no match'}`);
        const p =
          ctx.learned?.predict({ description: text, merchant: o.merchant ?? null, amountMinor: input.amountMinor }) ?? null;
        out(
          `learned model:  ${p ? `${p.category} ${p.earned === null ? 'with no confidence earned on held-out data yet (not used)' : `at ${Math.round(p.earned * 100)}% on held-out data (${p.earned >= LEARNED_MIN_CONFIDENCE ? 'confident enough' : `below ${LEARNED_MIN_CONFIDENCE * 100}%, not used`})`} — ${clean(p.why.slice(0, 4).join(', '))}` : ctx.learned ? 'no opinion' : 'not trained yet (it learns from your corrections)'}`,
        );
        const builtIn = ctx.defaults.match({ ...input, description: `${o.merchant ?? ''} ${text}` });
        out(
          `built-in rules: ${builtIn ? `${names.get(builtIn.rule.categoryId)} — ${clean(builtIn.why.replace(/^[^:]*: /, ''))}` : 'no match'}`,
        );
        const d = decide(ctx, input);
        out(`→ ${names.get(d.categoryId)} (from ${d.source === 'none' ? 'nothing: Uncategorized' : d.source})`);
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
          out(`Wrote ${app.rules.raw().length} rules to ${o.file}.`);
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
        out(
          `Imported ${imported} rule${imported === 1 ? '' : 's'}; ${changed} transaction${changed === 1 ? '' : 's'} recategorized.${undoId ? ' Undo with `trax undo`.' : ''}`,
        );
      });
    });
}
