import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import { en, type Messages } from '../i18n/messages/en.js';
import type { Category } from '../store/categories.js';
import { inTransaction } from '../store/db.js';
import { applyRules, contextWithRules, type Move } from './apply-rules.js';
import { loadClassifier, saveClassifier } from './context.js';
import { LearnedClassifier } from './learned/index.js';
import type { RuleDef } from './rules/engine.js';
import { fold } from './rules/fold.js';
import { conditionsSchema, type ConditionsInput } from './rules/schema.js';
import { recordBulk } from './undo.js';

export { retrainClassifier } from './retrain.js';

interface TxnRow {
  id: number;
  account_id: number;
  dedupe_key: string;
  description: string;
  merchant: string | null;
  amount_minor: number;
}

export interface ChoiceResult {
  transactionId: number;
  category: Category;
  ruleId: number | null;
  /** Other transactions the new rule recategorized. */
  similar: number;
  /** The record `trax undo` restores from (with `similar`, when anything changed). */
  undoId: number | null;
}

/** What "apply to similar" would do, shown before anything changes. */
export interface SimilarPreview {
  transactionId: number;
  category: Category;
  conditions: ConditionsInput;
  /** The rule in words: `description contains "db vertrieb gmbh", money out`. */
  rule: string;
  /** Transactions the rule matches (the chosen one included). */
  matched: number;
  /** Other transactions whose category it would change, and a few of them to look at. */
  moves: number;
  sample: Move[];
}

/**
 * The words that name the payee, without the references that differ every time:
 * "DB Vertrieb GmbH Fahrschein 678856467914" → "db vertrieb gmbh".
 */
export function payeeCore(text: string): string {
  const words = fold(text)
    .split(' ')
    .filter((w) => w.length > 1 && !/\d/.test(w));
  return words.slice(0, 3).join(' ');
}

/** The rule "apply to similar" creates: same merchant, or same payee words in the description. */
export function similarConditions(t: { merchant: string | null; description: string; amount_minor: number }): ConditionsInput {
  const sign = t.amount_minor < 0 ? 'out' : 'in';
  if (t.merchant) return { merchant: { equals: t.merchant }, sign };
  const core = payeeCore(t.description);
  if (!core) throw new TraxError('usage', (m) => m.errNoWordsForSimilar(t.description));
  return { description: { contains: core }, sign };
}

/** The rule's conditions in words, for the preview and (in English) the undo record's summary. */
export function describeConditions(c: ConditionsInput, m: Messages = en): string {
  const parts: string[] = [];
  if (c.merchant && 'equals' in c.merchant) parts.push(m.condMerchantIs(String(c.merchant.equals)));
  if (c.description && 'contains' in c.description) parts.push(m.condDescriptionContains(String(c.description.contains)));
  if (c.sign) parts.push(c.sign === 'out' ? m.condMoneyOut : m.condMoneyIn);
  return parts.join(', ');
}

function loadTxn(app: App, transactionId: number): TxnRow {
  const t = app.db
    .prepare<[number], TxnRow>(
      'SELECT id, account_id, dedupe_key, description, merchant, amount_minor FROM transactions WHERE id = ?',
    )
    .get(transactionId);
  if (!t) throw new TraxError('not_found', (m) => m.errNoTransaction(transactionId));
  return t;
}

/** A rule not stored yet sorts after every stored rule of its priority, as it will once added. */
const PROSPECTIVE_ID = Number.MAX_SAFE_INTEGER;
const SIMILAR_PRIORITY = 50;

/**
 * What `chooseCategory(…, { similar: true })` would change, computed by the same code with
 * nothing written: the rule, how many transactions it matches, and which would move.
 */
export function previewSimilar(app: App, transactionId: number, categoryRef: string, sampleSize = 5): SimilarPreview {
  const t = loadTxn(app, transactionId);
  const category = app.categories.resolve(categoryRef);
  const conditions = similarConditions(t);
  const rule: RuleDef = {
    id: PROSPECTIVE_ID,
    priority: SIMILAR_PRIORITY,
    name: null,
    conditions: conditionsSchema.parse(conditions),
    categoryId: category.id,
  };
  const ctx = contextWithRules(app, [rule]);
  ctx.choices.set(`${t.account_id}|${t.dedupe_key}`, category.id);
  const effect = applyRules(app, [rule], { dryRun: true, ctx });
  const moves = effect.moves.filter((m) => m.id !== t.id);
  return {
    transactionId: t.id,
    category,
    conditions,
    rule: describeConditions(conditions),
    matched: effect.matched,
    moves: moves.length,
    sample: moves.slice(0, sampleSize),
  };
}

/**
 * The user's own category for a transaction: sticky (kept by identity across re-syncs,
 * relinks and re-imports), taught to the learned model at once, and with `similar`, turned into
 * a rule that recategorizes the look-alikes it matches — only those, and never over other
 * choices of theirs — recorded so `trax undo` can take it back.
 */
export function chooseCategory(
  app: App,
  transactionId: number,
  categoryRef: string,
  opts: { similar?: boolean } = {},
): ChoiceResult {
  const t = loadTxn(app, transactionId);
  const category = app.categories.resolve(categoryRef);
  const now = app.now().toISOString();
  const choose = () => {
    app.choices.set(t.account_id, t.dedupe_key, category.id, now);
    app.db
      .prepare(
        `UPDATE transactions SET category_id = ?, category_source = 'user', category_confidence = 1, category_rule_id = NULL, transfer_pair_id = NULL WHERE id = ?`,
      )
      .run(category.id, t.id);
    const model = loadClassifier(app) ?? LearnedClassifier.train([]);
    model.update({ description: t.description, merchant: t.merchant, amountMinor: t.amount_minor, category: category.slug });
    saveClassifier(app, model);
  };
  if (!opts.similar) {
    inTransaction(app.db, 'save your category', choose);
    return { transactionId: t.id, category, ruleId: null, similar: 0, undoId: null };
  }
  const conditions = similarConditions(t);
  const { result, undo } = recordBulk(
    app,
    { kind: 'similar', summary: `${category.name} for transactions like ${t.id} (${describeConditions(conditions)})` },
    () => {
      choose();
      const ruleId = app.rules.add(
        {
          name: `Like "${(t.merchant ?? t.description).slice(0, 40)}"`,
          priority: SIMILAR_PRIORITY,
          conditions,
          categoryId: category.id,
        },
        now,
      );
      const rule = app.rules.list().find((r) => r.id === ruleId)!;
      const effect = applyRules(app, [rule]);
      return { ruleId, similar: effect.moves.filter((m) => m.id !== t.id).length };
    },
  );
  return { transactionId: t.id, category, ruleId: result.ruleId, similar: result.similar, undoId: undo?.id ?? null };
}
