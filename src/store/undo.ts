import type { Db } from './db.js';

export type BulkKind =
  | 'rules-add'
  | 'rules-edit'
  | 'rules-remove'
  | 'rules-reorder'
  | 'rules-import'
  | 'similar'
  | 'categorize-all'
  | 'categories-merge';

/**
 * A merged-away category as it was, with what pointed at it besides transactions, rules and
 * choices (those are restored by the general undo): its subcategories, the split parts and the
 * budgets it held, and the budgets the merge created on the target from them.
 */
export interface CategoryBefore {
  category: { id: number; slug: string; name: string; parent_id: number | null; kind: string; created_at: string };
  children: number[];
  parts: Array<[transactionId: number, position: number]>;
  budgets: Array<{ id: number; amount_minor: number; currency: string; period: string; created_at: string; updated_at: string }>;
  /** Ids of the target's budgets the merge added (one per currency the target had none in). */
  budgetsMovedTo: number[];
}

/** A rules row as stored, kept whole so undo can write an edited or removed rule back. */
export interface RuleRow {
  id: number;
  priority: number;
  name: string | null;
  conditions: string;
  category_id: number;
  created_at: string;
}

export interface UndoBatch {
  id: number;
  kind: BulkKind;
  summary: string;
  createdAt: string;
  undoneAt: string | null;
  rows: number;
}

export interface ChoiceBefore {
  accountId: number;
  dedupeKey: string;
  /** Null: there was no choice. */
  categoryId: number | null;
  createdAt: string | null;
}

export interface ClassifierRow {
  model: string;
  examples: number;
  updated_at: string;
}

/** How many bulk changes stay undoable; older records are dropped. */
export const UNDO_KEEP = 20;

const FIELDS = ['category_id', 'category_source', 'category_confidence', 'category_rule_id', 'transfer_pair_id'] as const;
const differs = (a: string, b: string) => FIELDS.map((f) => `${a}.${f} IS NOT ${b}.${f}`).join(' OR ');

/** The undo log: a snapshot of every row's category before a bulk change, and the rows it changed after. */
export class UndoStore {
  constructor(private readonly db: Db) {}

  /** Copies every row's category fields aside (this connection only) before a bulk change. */
  snapshot(): void {
    this.db.exec('DROP TABLE IF EXISTS temp.undo_snapshot');
    this.db.exec(
      `CREATE TEMP TABLE undo_snapshot AS SELECT id, ${FIELDS.join(', ')} FROM main.transactions; CREATE UNIQUE INDEX temp.undo_snapshot_id ON undo_snapshot(id)`,
    );
  }

  /** Every choice with its time, keyed `${accountId}|${dedupeKey}`, to find the ones a change made. */
  choices(): Map<string, ChoiceBefore> {
    const rows = this.db
      .prepare<[], { account_id: number; dedupe_key: string; category_id: number; created_at: string }>(
        'SELECT account_id, dedupe_key, category_id, created_at FROM category_choices',
      )
      .all();
    return new Map(
      rows.map((r) => [
        `${r.account_id}|${r.dedupe_key}`,
        { accountId: r.account_id, dedupeKey: r.dedupe_key, categoryId: r.category_id, createdAt: r.created_at },
      ]),
    );
  }

  maxRuleId(): number {
    return (this.db.prepare('SELECT coalesce(max(id), 0) FROM rules').pluck().get() as number) ?? 0;
  }

  ruleIdsAbove(id: number): number[] {
    return this.db.prepare('SELECT id FROM rules WHERE id > ? ORDER BY id').pluck().all(id) as number[];
  }

  /** Every rule row by id, to find the ones a change edited or removed. */
  rules(): Map<number, RuleRow> {
    const rows = this.db.prepare<[], RuleRow>('SELECT id, priority, name, conditions, category_id, created_at FROM rules').all();
    return new Map(rows.map((r) => [r.id, r]));
  }

  classifier(): ClassifierRow | null {
    return this.db.prepare<[], ClassifierRow>('SELECT model, examples, updated_at FROM classifier WHERE id = 1').get() ?? null;
  }

  /**
   * Records the rows that differ from the snapshot as one batch; null (and nothing kept) when the
   * change changed nothing.
   */
  record(entry: {
    kind: BulkKind;
    summary: string;
    createdAt: string;
    rulesAdded: number[];
    /** Rules the change edited or removed, as they were. */
    rulesBefore?: RuleRow[];
    choicesBefore: ChoiceBefore[];
    classifierBefore: ClassifierRow | null | undefined;
    categoriesBefore?: CategoryBefore;
  }): UndoBatch | null {
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO undo_batches (kind, summary, created_at, rules_added, rules_before, choices_before, classifier_changed, classifier_before, categories_before)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          entry.kind,
          entry.summary,
          entry.createdAt,
          JSON.stringify(entry.rulesAdded),
          JSON.stringify(entry.rulesBefore ?? []),
          JSON.stringify(entry.choicesBefore.map((c) => [c.accountId, c.dedupeKey, c.categoryId, c.createdAt])),
          entry.classifierBefore === undefined ? 0 : 1,
          entry.classifierBefore ? JSON.stringify(entry.classifierBefore) : null,
          entry.categoriesBefore ? JSON.stringify(entry.categoriesBefore) : null,
        ).lastInsertRowid,
    );
    const rows = this.db
      .prepare(
        `INSERT INTO undo_rows SELECT ?, t.id, ${FIELDS.map((f) => `s.${f}`).join(', ')}, ${FIELDS.map((f) => `t.${f}`).join(', ')}
         FROM main.transactions t JOIN temp.undo_snapshot s ON s.id = t.id WHERE ${differs('t', 's')}`,
      )
      .run(id).changes;
    this.db.exec('DROP TABLE IF EXISTS temp.undo_snapshot');
    if (
      rows === 0 &&
      entry.rulesAdded.length === 0 &&
      (entry.rulesBefore ?? []).length === 0 &&
      entry.choicesBefore.length === 0 &&
      !entry.categoriesBefore
    ) {
      this.db.prepare('DELETE FROM undo_batches WHERE id = ?').run(id);
      return null;
    }
    const old = this.db
      .prepare('SELECT id FROM undo_batches ORDER BY id DESC LIMIT -1 OFFSET ?')
      .pluck()
      .all(UNDO_KEEP) as number[];
    for (const o of old) {
      this.db.prepare('DELETE FROM undo_rows WHERE batch_id = ?').run(o);
      this.db.prepare('DELETE FROM undo_batches WHERE id = ?').run(o);
    }
    return this.get(id)!;
  }

  get(id: number): UndoBatch | undefined {
    const r = this.db
      .prepare<
        [number],
        { id: number; kind: BulkKind; summary: string; created_at: string; undone_at: string | null; rows: number }
      >(
        `SELECT b.id, b.kind, b.summary, b.created_at, b.undone_at, (SELECT count(*) FROM undo_rows u WHERE u.batch_id = b.id) AS rows
         FROM undo_batches b WHERE b.id = ?`,
      )
      .get(id);
    return r && { id: r.id, kind: r.kind, summary: r.summary, createdAt: r.created_at, undoneAt: r.undone_at, rows: r.rows };
  }

  /** The newest change not undone yet: the only one that can be undone without overwriting a later one. */
  latest(): UndoBatch | undefined {
    const id = this.db.prepare('SELECT max(id) FROM undo_batches WHERE undone_at IS NULL').pluck().get() as number | null;
    return id === null ? undefined : this.get(id);
  }

  list(): UndoBatch[] {
    return (this.db.prepare('SELECT id FROM undo_batches ORDER BY id DESC').pluck().all() as number[]).map((id) => this.get(id)!);
  }

  /**
   * Puts back the rows' categories, removes the rules the change created, restores the choices
   * and the model it replaced. A row that changed again since keeps its newer category.
   */
  undo(id: number, now: string): { restored: number; kept: number; rulesRemoved: number } {
    const b = this.db
      .prepare<
        [number],
        {
          rules_added: string;
          rules_before: string;
          choices_before: string;
          classifier_changed: number;
          classifier_before: string | null;
          categories_before: string | null;
        }
      >(
        'SELECT rules_added, rules_before, choices_before, classifier_changed, classifier_before, categories_before FROM undo_batches WHERE id = ?',
      )
      .get(id)!;
    // A merged-away category comes back first: the rows, rules and choices below point at it.
    if (b.categories_before) this.restoreCategory(JSON.parse(b.categories_before) as CategoryBefore);
    const total = this.db.prepare('SELECT count(*) FROM undo_rows WHERE batch_id = ?').pluck().get(id) as number;
    const restored = this.db
      .prepare(
        `UPDATE main.transactions SET ${FIELDS.map((f, i) => `${f} = u.before_${AS[i]}`).join(', ')}
         FROM undo_rows u WHERE u.batch_id = ? AND u.transaction_id = transactions.id
           AND NOT (${FIELDS.map((f, i) => `transactions.${f} IS NOT u.after_${AS[i]}`).join(' OR ')})`,
      )
      .run(id).changes;
    let rulesRemoved = 0;
    for (const ruleId of JSON.parse(b.rules_added) as number[])
      rulesRemoved += this.db.prepare('DELETE FROM rules WHERE id = ?').run(ruleId).changes;
    for (const r of JSON.parse(b.rules_before) as RuleRow[])
      this.db
        .prepare(
          `INSERT INTO rules (id, priority, name, conditions, category_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET priority = excluded.priority, name = excluded.name,
             conditions = excluded.conditions, category_id = excluded.category_id, created_at = excluded.created_at`,
        )
        .run(r.id, r.priority, r.name, r.conditions, r.category_id, r.created_at);
    for (const [accountId, dedupeKey, categoryId, createdAt] of JSON.parse(b.choices_before) as Array<
      [number, string, number | null, string | null]
    >) {
      if (categoryId === null)
        this.db.prepare('DELETE FROM category_choices WHERE account_id = ? AND dedupe_key = ?').run(accountId, dedupeKey);
      else
        this.db
          .prepare(
            `INSERT INTO category_choices (account_id, dedupe_key, category_id, created_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (account_id, dedupe_key) DO UPDATE SET category_id = excluded.category_id, created_at = excluded.created_at`,
          )
          .run(accountId, dedupeKey, categoryId, createdAt);
    }
    if (b.classifier_changed) {
      const before = b.classifier_before ? (JSON.parse(b.classifier_before) as ClassifierRow) : null;
      if (!before) this.db.prepare('DELETE FROM classifier WHERE id = 1').run();
      else
        this.db
          .prepare(
            `INSERT INTO classifier (id, model, examples, updated_at) VALUES (1, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET model = excluded.model, examples = excluded.examples, updated_at = excluded.updated_at`,
          )
          .run(before.model, before.examples, before.updated_at);
    }
    this.db.prepare('UPDATE undo_batches SET undone_at = ? WHERE id = ?').run(now, id);
    return { restored, kept: total - restored, rulesRemoved };
  }

  /** Puts a merged-away category back with its id, subcategories, split parts and budgets. */
  private restoreCategory(c: CategoryBefore): void {
    const k = c.category;
    this.db
      .prepare('INSERT INTO categories (id, slug, name, parent_id, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(k.id, k.slug, k.name, k.parent_id, k.kind, k.created_at);
    for (const child of c.children) this.db.prepare('UPDATE categories SET parent_id = ? WHERE id = ?').run(k.id, child);
    for (const [tx, position] of c.parts)
      this.db.prepare('UPDATE split_parts SET category_id = ? WHERE transaction_id = ? AND position = ?').run(k.id, tx, position);
    for (const id of c.budgetsMovedTo) this.db.prepare('DELETE FROM budgets WHERE id = ?').run(id);
    for (const b of c.budgets)
      this.db
        .prepare(
          'INSERT INTO budgets (id, category_id, amount_minor, currency, period, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(b.id, k.id, b.amount_minor, b.currency, b.period, b.created_at, b.updated_at);
  }

  /**
   * Everything besides transactions, rules and choices that points at a category, read before a
   * merge takes it away (see CategoryBefore).
   */
  categoryBefore(categoryId: number): Omit<CategoryBefore, 'budgetsMovedTo'> {
    return {
      category: this.db
        .prepare<[number], CategoryBefore['category']>(
          'SELECT id, slug, name, parent_id, kind, created_at FROM categories WHERE id = ?',
        )
        .get(categoryId)!,
      children: this.db.prepare('SELECT id FROM categories WHERE parent_id = ? ORDER BY id').pluck().all(categoryId) as number[],
      parts: this.db
        .prepare<[number], { transaction_id: number; position: number }>(
          'SELECT transaction_id, position FROM split_parts WHERE category_id = ? ORDER BY transaction_id, position',
        )
        .all(categoryId)
        .map((p) => [p.transaction_id, p.position]),
      budgets: this.db
        .prepare<[number], CategoryBefore['budgets'][number]>(
          'SELECT id, amount_minor, currency, period, created_at, updated_at FROM budgets WHERE category_id = ? ORDER BY id',
        )
        .all(categoryId),
    };
  }
}

/** undo_rows column suffixes, in FIELDS order. */
const AS = ['category_id', 'source', 'confidence', 'rule_id', 'pair_id'] as const;
