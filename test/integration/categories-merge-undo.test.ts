/**
 * Merging a category is a bulk recategorization (issue 9 item 1): `trax categories merge` moves
 * the rows, rules, choices, split parts, subcategories and budget, and `trax undo` puts every one
 * of them back exactly, the category with its own id. Its budget goes with it where the target
 * has none in that currency, instead of being dropped with the category.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLedger, runTrax, type Ledger } from '../helpers/ledger.js';

let l: Ledger & { env: Record<string, string> };
beforeEach(() => {
  l = fileLedger();
});
afterEach(() => l.close());

const ok = async (args: string[]) => {
  const r = await runTrax(args, l.env);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
};
/** Every table a merge touches, whole. */
const everything = () => ({
  categories: l.db.prepare('SELECT * FROM categories ORDER BY id').all(),
  transactions: l.db
    .prepare('SELECT id, category_id, category_source, category_confidence, category_rule_id FROM transactions ORDER BY id')
    .all(),
  rules: l.db.prepare('SELECT * FROM rules ORDER BY id').all(),
  choices: l.db.prepare('SELECT * FROM category_choices ORDER BY account_id, dedupe_key').all(),
  parts: l.db.prepare('SELECT * FROM split_parts ORDER BY transaction_id, position').all(),
  budgets: l.db.prepare('SELECT * FROM budgets ORDER BY id').all(),
});
const slugOf = (id: number) =>
  l.db.prepare('SELECT c.slug FROM transactions t JOIN categories c ON c.id = t.category_id WHERE t.id = ?').pluck().get(id);

describe('trax categories merge, and undo', () => {
  it('moves everything that used the category, budget included, and trax undo restores every table exactly', async () => {
    l.account({ name: 'Girokonto' });
    await ok(['categories', 'add', 'Kita']);
    await ok(['categories', 'add', 'Kita Essen', '--parent', 'kita']);
    const fee = l.tx({ date: '2026-10-01', amount: '-310.00', description: 'Kita Sonnenschein Beitrag', category: null });
    const lunch = l.tx({ date: '2026-10-02', amount: '-45.00', description: 'Kita Sonnenschein Essen', category: null });
    const shop = l.tx({ date: '2026-10-03', amount: '-100.00', description: 'dm Drogerie', category: 'shopping' });
    const other = l.tx({ date: '2026-10-04', amount: '-20.00', description: 'REWE', category: 'groceries' });
    await ok(['rules', 'add', '--category', 'kita', '--description-contains', 'sonnenschein']);
    await ok(['categorize', 'set', String(lunch), 'kita']);
    await ok(['tx', 'split', String(shop), '--part', 'kita:30', '--part', 'shopping:70']);
    await ok(['budget', 'set', 'kita', '350', '--currency', 'EUR']);
    await ok(['budget', 'set', 'housing', '900', '--currency', 'EUR']);
    await ok(['budget', 'set', 'kita', '40', '--currency', 'GBP']);
    const before = everything();
    expect(slugOf(fee)).toBe('kita');

    const merged = await ok(['categories', 'merge', 'kita', 'housing']);
    expect(merged).toBe('Merged kita into housing: 2 transactions moved. Undo with `trax undo`.\n');
    expect([slugOf(fee), slugOf(lunch), slugOf(other)]).toEqual(['housing', 'housing', 'groceries']);
    const budgets = l.db
      .prepare(
        'SELECT c.slug, b.amount_minor, b.currency FROM budgets b JOIN categories c ON c.id = b.category_id ORDER BY b.currency',
      )
      .all();
    // Housing keeps its own EUR budget; Kita's GBP budget, which Housing lacked, moves over.
    expect(budgets).toEqual([
      { slug: 'housing', amount_minor: 90000, currency: 'EUR' },
      { slug: 'housing', amount_minor: 4000, currency: 'GBP' },
    ]);
    expect(l.db.prepare("SELECT count(*) FROM categories WHERE slug = 'kita'").pluck().get()).toBe(0);

    const undo = await ok(['undo']);
    expect(undo).toContain('trax categories merge kita housing');
    expect(everything()).toEqual(before);
    // The merge is done with; the next undo is the rule added before it.
    expect(await ok(['undo'])).toContain('rule');
  });

  it('a merge the CLI refuses records nothing', async () => {
    l.account({ name: 'Girokonto' });
    l.tx({ date: '2026-10-01', amount: '-10.00', description: 'REWE', category: 'groceries' });
    const before = everything();
    const self = await runTrax(['categories', 'merge', 'groceries', 'groceries'], l.env);
    expect(self.code).toBe(2);
    expect(self.stderr).toContain('A category cannot be merged into itself.');
    const missing = await runTrax(['categories', 'merge', 'nope', 'groceries'], l.env);
    expect(missing.code).not.toBe(0);
    expect(everything()).toEqual(before);
    expect(l.db.prepare('SELECT count(*) FROM undo_batches').pluck().get()).toBe(0);
  });
});
