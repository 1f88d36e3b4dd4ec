/**
 * The user's own category and "apply to similar", over a real SQLite file: what the row, the
 * stored choice, the rule and the undo record look like afterwards, and what the preview says
 * without writing anything.
 */
import { describe, expect, it } from 'vitest';
import { chooseCategory, describeConditions, payeeCore, previewSimilar, similarConditions } from '../../src/categorize/choose.js';
import { loadClassifier } from '../../src/categorize/context.js';
import type { TransactionSnapshot } from '../../src/domain/types.js';
import { bookedRow, fullState, insert, ledgersPerTest, type Ledger } from '../property/categorize-ledger.js';

const newLedger = ledgersPerTest();

let serial = 0;
const row = (description: string, amountMinor: number, over: Partial<TransactionSnapshot> = {}) => {
  const n = ++serial;
  return bookedRow(0, `c${n}`, `2026-01-${String(10 + (n % 15)).padStart(2, '0')}`, amountMinor, description, over);
};

/** A ledger with these rows, each with a category as the pipeline would leave it. */
function ledger(rows: ReturnType<typeof row>[]): { l: Ledger; ids: number[] } {
  const l = newLedger();
  insert(l, rows);
  const other = l.app.categories.resolve('shopping').id;
  l.app.db.prepare(`UPDATE transactions SET category_id = ?, category_source = 'default', category_confidence = 0.7`).run(other);
  const ids = rows.map(
    (r) => l.app.db.prepare('SELECT id FROM transactions WHERE dedupe_key = ?').pluck().get(r.dedupeKey) as number,
  );
  return { l, ids };
}

const view = (l: Ledger, id: number) =>
  l.app.db
    .prepare(
      `SELECT c.slug, t.category_source AS source, t.category_confidence AS confidence, t.category_rule_id AS ruleId, t.transfer_pair_id AS pair
       FROM transactions t LEFT JOIN categories c ON c.id = t.category_id WHERE t.id = ?`,
    )
    .get(id);

describe('the words "similar" recognizes a payee by', () => {
  it('keeps the first three words, without references, numbers or single letters', () => {
    expect(payeeCore('DB Vertrieb GmbH Fahrschein 678856467914')).toBe('db vertrieb gmbh');
    expect(payeeCore('X Rewe 4426 sagt Danke Köln')).toBe('rewe sagt danke');
    expect(payeeCore('Kiosk')).toBe('kiosk');
    expect(payeeCore('12345 A1 B 7')).toBe('');
  });

  it('prefers the merchant, and keeps money in apart from money out', () => {
    expect(similarConditions({ merchant: 'Netflix', description: 'NETFLIX.COM 123', amount_minor: -1299 })).toEqual({
      merchant: { equals: 'Netflix' },
      sign: 'out',
    });
    expect(similarConditions({ merchant: null, description: 'Nordlicht Software GmbH Lohn', amount_minor: 250000 })).toEqual({
      description: { contains: 'nordlicht software gmbh' },
      sign: 'in',
    });
    expect(similarConditions({ merchant: null, description: 'xy 1', amount_minor: 0 }).sign).toBe('in');
  });

  it('refuses a description with nothing to recognize, and says what to do instead', () => {
    expect(() => similarConditions({ merchant: null, description: '4711 0815', amount_minor: -5 })).toThrow(
      '"4711 0815" has no words to recognize similar transactions by; add a rule with `trax rules add` instead.',
    );
  });

  it('describes the rule in words', () => {
    expect(describeConditions({ merchant: { equals: 'Netflix' }, sign: 'out' })).toBe('merchant is "Netflix", money out');
    expect(describeConditions({ description: { contains: 'db vertrieb' }, sign: 'in' })).toBe(
      'description contains "db vertrieb", money in',
    );
    expect(describeConditions({ description: { contains: 'kiosk' } })).toBe('description contains "kiosk"');
    expect(describeConditions({ description: { equals: 'kiosk' } })).toBe('');
    expect(describeConditions({ merchant: { contains: 'net' } })).toBe('');
  });
});

describe('choosing a category', () => {
  it("a choice is the user's: the row says so with full confidence, without rule or pair, and the model learns it", () => {
    const { l, ids } = ledger([row('KIOSK AM ECK 17', -350), row('KIOSK AM ECK 17', -420)]);
    l.app.db.prepare('UPDATE transactions SET category_rule_id = 1, transfer_pair_id = ? WHERE id = ?').run(ids[1], ids[0]);
    const r = chooseCategory(l.app, ids[0]!, 'groceries');
    expect(r).toMatchObject({ transactionId: ids[0], ruleId: null, similar: 0, undoId: null });
    expect(r.category.slug).toBe('groceries');
    expect(view(l, ids[0]!)).toEqual({ slug: 'groceries', source: 'user', confidence: 1, ruleId: null, pair: null });
    // Only that row: the look-alike keeps its category.
    expect(view(l, ids[1]!)).toMatchObject({ slug: 'shopping', source: 'default' });
    expect(l.app.choices.all().get(`${l.accountIds[0]}|${ids[0] && 'c' + (serial - 1)}`)).toBe(r.category.id);
    const model = loadClassifier(l.app)!;
    expect(model.predict({ description: 'KIOSK AM ECK 17', merchant: null, amountMinor: -350 })?.category).toBe('groceries');
    expect(l.app.db.prepare('SELECT count(*) FROM undo_batches').pluck().get()).toBe(0);
  });

  it('an unknown transaction id is refused with the command that lists ids, and nothing changes', () => {
    const { l } = ledger([row('KIOSK', -1)]);
    const before = fullState(l.app);
    expect(() => chooseCategory(l.app, 9999, 'groceries')).toThrow(
      'There is no transaction 9999; `trax transactions --json` shows the ids.',
    );
    expect(() => previewSimilar(l.app, 9999, 'groceries')).toThrow('There is no transaction 9999');
    expect(fullState(l.app)).toEqual(before);
  });

  it('"similar" adds a rule named after the payee, moves the look-alikes of the same sign, and can be undone', () => {
    const long = 'Hausverwaltung Rheinblick Immobilien Verwaltungsgesellschaft mbH Miete Januar';
    const { l, ids } = ledger([row(long, -90000), row(long, -90000), row(long, 5000), row('Other payee', -90000)]);
    const r = chooseCategory(l.app, ids[0]!, 'housing', { similar: true });
    expect(r.similar).toBe(1);
    expect(r.ruleId).not.toBeNull();
    expect(r.undoId).not.toBeNull();
    const rule = l.app.rules.list().find((x) => x.id === r.ruleId)!;
    expect(rule).toMatchObject({ name: `Like "${long.slice(0, 40)}"`, priority: 50, categoryId: r.category.id });
    expect(view(l, ids[0]!)).toMatchObject({ slug: 'housing', source: 'user' });
    expect(view(l, ids[1]!)).toMatchObject({ slug: 'housing', source: 'rule', ruleId: r.ruleId });
    expect(view(l, ids[2]!)).toMatchObject({ slug: 'shopping' });
    expect(view(l, ids[3]!)).toMatchObject({ slug: 'shopping' });
    expect(l.app.db.prepare('SELECT kind, summary FROM undo_batches').get()).toEqual({
      kind: 'similar',
      summary: `Housing & rent for transactions like ${ids[0]} (description contains "hausverwaltung rheinblick immobilien", money out)`,
    });
  });

  it('"similar" by merchant names the rule after the merchant', () => {
    const { l, ids } = ledger([
      row('NETFLIX.COM 1', -1299, { merchant: 'Netflix' }),
      row('NETFLIX.COM 2', -1299, { merchant: 'Netflix' }),
    ]);
    const r = chooseCategory(l.app, ids[0]!, 'subscriptions', { similar: true });
    expect(r.similar).toBe(1);
    expect(l.app.rules.list().find((x) => x.id === r.ruleId)!.name).toBe('Like "Netflix"');
  });
});

describe('previewing "similar"', () => {
  it('says what the rule matches and which others would move, writing nothing', () => {
    const { l, ids } = ledger([
      row('BLUMEN RISSE KOELN 1', -1000),
      row('BLUMEN RISSE KOELN 2', -2000),
      row('BLUMEN RISSE KOELN 3', -3000),
      row('BLUMEN RISSE KOELN 4', -4000),
      row('BLUMEN RISSE KOELN 5', 500),
    ]);
    // One look-alike is already in the category: matched, but it does not move.
    l.app.db.prepare('UPDATE transactions SET category_id = ? WHERE id = ?').run(l.app.categories.resolve('gifts').id, ids[3]);
    const before = fullState(l.app);
    const p = previewSimilar(l.app, ids[0]!, 'gifts', 1);
    expect(p).toMatchObject({
      transactionId: ids[0],
      conditions: { description: { contains: 'blumen risse koeln' }, sign: 'out' },
      rule: 'description contains "blumen risse koeln", money out',
      matched: 4,
      moves: 2,
    });
    expect(p.category.slug).toBe('gifts');
    expect(p.sample).toHaveLength(1);
    expect(p.sample[0]!.id).toBe(ids[1]);
    expect(previewSimilar(l.app, ids[0]!, 'gifts').sample.map((m) => m.id)).toEqual([ids[1], ids[2]]);
    expect(fullState(l.app)).toEqual(before);
  });

  it('never counts a look-alike the user already chose a category for as moving', () => {
    const { l, ids } = ledger([row('BLUMEN RISSE KOELN 1', -1000), row('BLUMEN RISSE KOELN 2', -2000)]);
    chooseCategory(l.app, ids[1]!, 'groceries');
    const p = previewSimilar(l.app, ids[0]!, 'gifts');
    expect(p.moves).toBe(0);
  });
});
