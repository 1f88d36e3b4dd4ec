import { decodeStoredConditions } from '../categorize/rules/stored.js';
import type { RuleDef } from '../categorize/rules/engine.js';
import type { Db } from './db.js';

interface Row {
  id: number;
  priority: number;
  name: string | null;
  conditions: string;
  category_id: number;
}

/** User rules; conditions stay JSON in the row and are validated again on the way out. */
export class RuleStore {
  constructor(private readonly db: Db) {}

  list(): RuleDef[] {
    return this.db
      .prepare<[], Row>('SELECT id, priority, name, conditions, category_id FROM rules ORDER BY priority, id')
      .all()
      .map((r) => ({
        id: r.id,
        priority: r.priority,
        name: r.name,
        conditions: decodeStoredConditions(JSON.parse(r.conditions)),
        categoryId: r.category_id,
      }));
  }

  /** Stores the conditions as the user wrote them (amounts in major units), so exports read back the same. */
  add(rule: { name: string | null; priority: number; conditions: unknown; categoryId: number }, now: string): number {
    return Number(
      this.db
        .prepare('INSERT INTO rules (priority, name, conditions, category_id, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(rule.priority, rule.name, JSON.stringify(rule.conditions), rule.categoryId, now).lastInsertRowid,
    );
  }

  raw(): Array<{ id: number; priority: number; name: string | null; conditions: unknown; categoryId: number }> {
    return this.db
      .prepare<[], Row>('SELECT id, priority, name, conditions, category_id FROM rules ORDER BY priority, id')
      .all()
      .map((r) => ({
        id: r.id,
        priority: r.priority,
        name: r.name,
        conditions: JSON.parse(r.conditions) as unknown,
        categoryId: r.category_id,
      }));
  }

  /** One rule as stored (conditions as the user wrote them), or undefined. */
  rawOne(id: number): { id: number; priority: number; name: string | null; conditions: unknown; categoryId: number } | undefined {
    return this.raw().find((r) => r.id === id);
  }

  /** Replaces a rule's name, priority, conditions and category; false when there is no such rule. */
  update(id: number, rule: { name: string | null; priority: number; conditions: unknown; categoryId: number }): boolean {
    return (
      this.db
        .prepare('UPDATE rules SET priority = ?, name = ?, conditions = ?, category_id = ? WHERE id = ?')
        .run(rule.priority, rule.name, JSON.stringify(rule.conditions), rule.categoryId, id).changes > 0
    );
  }

  /**
   * Swaps a rule with its neighbour in run order (`-1` earlier, `+1` later). Priorities are
   * renumbered 10, 20, 30… in the new order, because equal priorities (the default 100) would
   * otherwise leave nothing to swap. False when the rule is already first or last, or missing.
   */
  move(id: number, by: -1 | 1): boolean {
    const order = this.raw().map((r) => r.id);
    const at = order.indexOf(id);
    const to = at + by;
    if (at < 0 || to < 0 || to >= order.length) return false;
    [order[at], order[to]] = [order[to]!, order[at]!];
    const set = this.db.prepare('UPDATE rules SET priority = ? WHERE id = ?');
    order.forEach((ruleId, i) => set.run((i + 1) * 10, ruleId));
    return true;
  }

  /** How many transactions each rule decides today (rule id → count; rules deciding none are absent). */
  decidedCounts(): Map<number, number> {
    const rows = this.db
      .prepare<[], { id: number; n: number }>(
        'SELECT category_rule_id AS id, count(*) AS n FROM transactions WHERE category_rule_id IS NOT NULL GROUP BY category_rule_id',
      )
      .all();
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  remove(id: number): boolean {
    return this.db.prepare('DELETE FROM rules WHERE id = ?').run(id).changes > 0;
  }
}

/** What the user chose for a transaction, keyed by its identity so re-syncs cannot lose it. */
export class ChoiceStore {
  constructor(private readonly db: Db) {}

  set(accountId: number, dedupeKey: string, categoryId: number, now: string): void {
    this.db
      .prepare(
        `INSERT INTO category_choices (account_id, dedupe_key, category_id, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (account_id, dedupe_key) DO UPDATE SET category_id = excluded.category_id, created_at = excluded.created_at`,
      )
      .run(accountId, dedupeKey, categoryId, now);
  }

  all(): Map<string, number> {
    const rows = this.db
      .prepare<[], { account_id: number; dedupe_key: string; category_id: number }>(
        'SELECT account_id, dedupe_key, category_id FROM category_choices',
      )
      .all();
    return new Map(rows.map((r) => [`${r.account_id}|${r.dedupe_key}`, r.category_id]));
  }
}
