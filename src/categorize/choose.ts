import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import type { Category } from '../store/categories.js';
import { inTransaction } from '../store/db.js';
import { loadClassifier, saveClassifier } from './context.js';
import { LearnedClassifier } from './learned/index.js';
import { categorizeTransactions } from './run.js';
import { fold } from './rules/fold.js';
import type { ConditionsInput } from './rules/schema.js';

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
  if (!core)
    throw new TraxError(
      'usage',
      `"${t.description}" has no words to recognize similar transactions by; add a rule with \`trax rules add\` instead.`,
    );
  return { description: { contains: core }, sign };
}

/**
 * The user's own category for a transaction: sticky (kept by identity across re-syncs,
 * relinks and re-imports), taught to the learned model at once, and with `similar`, turned into
 * a rule that recategorizes the look-alikes (never overriding other choices of theirs).
 */
export function chooseCategory(
  app: App,
  transactionId: number,
  categoryRef: string,
  opts: { similar?: boolean } = {},
): ChoiceResult {
  const t = app.db
    .prepare<[number], TxnRow>(
      'SELECT id, account_id, dedupe_key, description, merchant, amount_minor FROM transactions WHERE id = ?',
    )
    .get(transactionId);
  if (!t)
    throw new TraxError('not_found', `There is no transaction ${transactionId}; \`trax transactions --json\` shows the ids.`);
  const category = app.categories.resolve(categoryRef);
  const now = app.now().toISOString();
  let ruleId: number | null = null;
  inTransaction(app.db, 'save your category', () => {
    app.choices.set(t.account_id, t.dedupe_key, category.id, now);
    app.db
      .prepare(
        `UPDATE transactions SET category_id = ?, category_source = 'user', category_confidence = 1, category_rule_id = NULL, transfer_pair_id = NULL WHERE id = ?`,
      )
      .run(category.id, t.id);
    if (opts.similar) {
      ruleId = app.rules.add(
        {
          name: `Like "${(t.merchant ?? t.description).slice(0, 40)}"`,
          priority: 50,
          conditions: similarConditions(t),
          categoryId: category.id,
        },
        now,
      );
    }
  });
  const model = loadClassifier(app) ?? LearnedClassifier.train([]);
  model.update({ description: t.description, merchant: t.merchant, amountMinor: t.amount_minor, category: category.slug });
  saveClassifier(app, model);
  let similar = 0;
  if (ruleId !== null) {
    const before = app.db.prepare('SELECT count(*) FROM transactions WHERE category_rule_id = ?').pluck().get(ruleId) as number;
    categorizeTransactions(app, { all: true });
    similar =
      (app.db.prepare('SELECT count(*) FROM transactions WHERE category_rule_id = ?').pluck().get(ruleId) as number) - before;
  }
  return { transactionId: t.id, category, ruleId, similar };
}

/** Trains the model on the user's choices plus confident rule hits (newest first, capped). */
export function retrainClassifier(app: App, limit = 50_000): LearnedClassifier {
  const rows = app.db
    .prepare<[number], { description: string; merchant: string | null; amount_minor: number; slug: string }>(
      `SELECT t.description, t.merchant, t.amount_minor, c.slug FROM transactions t JOIN categories c ON c.id = t.category_id
       WHERE t.category_source IN ('user', 'rule', 'default') AND c.slug != 'uncategorized'
       ORDER BY t.category_source = 'user' DESC, t.booking_date DESC LIMIT ?`,
    )
    .all(limit);
  const model = LearnedClassifier.train(
    rows.map((r) => ({ description: r.description, merchant: r.merchant, amountMinor: r.amount_minor, category: r.slug })),
  );
  saveClassifier(app, model);
  return model;
}
