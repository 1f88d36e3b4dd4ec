import { DEFAULT_TAXONOMY, type CategoryKind } from '../categorize/taxonomy.js';
import { TraxError } from '../domain/errors.js';
import type { Db } from './db.js';

export interface Category {
  id: number;
  slug: string;
  name: string;
  parentId: number | null;
  kind: CategoryKind;
}

interface Row {
  id: number;
  slug: string;
  name: string;
  parent_id: number | null;
  kind: CategoryKind;
}

const fromRow = (r: Row): Category => ({ id: r.id, slug: r.slug, name: r.name, parentId: r.parent_id, kind: r.kind });

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The editable taxonomy: add, rename, merge, nest one level. */
export class CategoryStore {
  constructor(private readonly db: Db) {}

  /** First run: the default taxonomy. Later runs leave the user's edits alone. */
  ensureDefaults(now: string): void {
    const n = this.db.prepare('SELECT count(*) FROM categories').pluck().get() as number;
    if (n > 0) return;
    this.db.transaction(() => {
      for (const c of DEFAULT_TAXONOMY) {
        const parent = c.parent ? (this.bySlug(c.parent)?.id ?? null) : null;
        this.db
          .prepare('INSERT INTO categories (slug, name, parent_id, kind, created_at) VALUES (?, ?, ?, ?, ?)')
          .run(c.slug, c.name, parent, c.kind, now);
      }
    })();
  }

  list(): Category[] {
    return this.db
      .prepare<[], Row>(
        'SELECT id, slug, name, parent_id, kind FROM categories ORDER BY coalesce(parent_id, id), parent_id IS NOT NULL, name',
      )
      .all()
      .map(fromRow);
  }

  bySlug(slug: string): Category | undefined {
    const r = this.db.prepare<[string], Row>('SELECT id, slug, name, parent_id, kind FROM categories WHERE slug = ?').get(slug);
    return r && fromRow(r);
  }

  get(id: number): Category | undefined {
    const r = this.db.prepare<[number], Row>('SELECT id, slug, name, parent_id, kind FROM categories WHERE id = ?').get(id);
    return r && fromRow(r);
  }

  /** Finds a category by slug or (case-insensitive) name; the error lists what exists. */
  resolve(ref: string): Category {
    const all = this.list();
    const key = ref.trim().toLowerCase();
    const hit =
      all.find((c) => c.slug === key) ??
      all.find((c) => c.name.toLowerCase() === key) ??
      all.find((c) => c.slug === slugify(ref));
    if (!hit) {
      const examples = all
        .slice(0, 6)
        .map((c) => c.slug)
        .join(', ');
      throw new TraxError('not_found', (m) => m.errNoCategory(ref, examples));
    }
    return hit;
  }

  add(name: string, opts: { parent?: string; kind?: CategoryKind }, now: string): Category {
    const slug = slugify(name);
    if (!slug) throw new TraxError('usage', (m) => m.errCategoryNameUnusable(name));
    if (this.bySlug(slug)) throw new TraxError('usage', (m) => m.errCategoryExists(slug));
    const parent = opts.parent ? this.resolve(opts.parent) : null;
    if (parent?.parentId) throw new TraxError('usage', (m) => m.errCategoryNested(parent.name));
    const kind = opts.kind ?? parent?.kind ?? 'expense';
    const id = Number(
      this.db
        .prepare('INSERT INTO categories (slug, name, parent_id, kind, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(slug, name, parent?.id ?? null, kind, now).lastInsertRowid,
    );
    return this.get(id)!;
  }

  rename(ref: string, name: string): Category {
    const c = this.resolve(ref);
    this.db.prepare('UPDATE categories SET name = ? WHERE id = ?').run(name, c.id);
    return this.get(c.id)!;
  }

  /** What uses each category: transactions (split parts count too), rules, choices, budgets, subcategories. */
  usage(): Map<number, { transactions: number; other: number }> {
    const rows = this.db
      .prepare<[], { id: number; transactions: number; other: number }>(
        `SELECT c.id,
           (SELECT count(*) FROM transactions t WHERE t.category_id = c.id)
             + (SELECT count(*) FROM split_parts s WHERE s.category_id = c.id) AS transactions,
           (SELECT count(*) FROM rules r WHERE r.category_id = c.id)
             + (SELECT count(*) FROM category_choices h WHERE h.category_id = c.id)
             + (SELECT count(*) FROM budgets b WHERE b.category_id = c.id)
             + (SELECT count(*) FROM categories k WHERE k.parent_id = c.id) AS other
         FROM categories c`,
      )
      .all();
    return new Map(rows.map((r) => [r.id, { transactions: r.transactions, other: r.other }]));
  }

  /**
   * Removes a category nothing uses. One in use is refused with a sentence: the caller asks
   * where its rows go and merges instead, so nothing is ever left pointing at a removed category.
   */
  remove(ref: string): Category {
    const c = this.resolve(ref);
    if (c.slug === 'uncategorized' || c.slug === 'transfers') throw new TraxError('usage', (m) => m.errCategoryBuiltIn(c.name));
    const use = this.usage().get(c.id) ?? { transactions: 0, other: 0 };
    if (use.transactions + use.other > 0)
      throw new TraxError('usage', (m) => m.errCategoryInUse(c.name, use.transactions, use.other, c.slug));
    this.db.prepare('DELETE FROM categories WHERE id = ?').run(c.id);
    return c;
  }

  /**
   * Moves everything that used `from` (transactions, rules, choices, split parts, children, and
   * its budgets where `into` has none in that currency) to `into`, then drops `from`.
   */
  merge(fromRef: string, intoRef: string): { moved: number; budgetsMoved: number[] } {
    const from = this.resolve(fromRef);
    const into = this.resolve(intoRef);
    if (from.id === into.id) throw new TraxError('usage', (m) => m.errCategoryMergeSelf);
    if (from.slug === 'uncategorized' || from.slug === 'transfers')
      throw new TraxError('usage', (m) => m.errCategoryMergeBuiltIn(from.name));
    return this.db.transaction(() => {
      const moved = this.db
        .prepare('UPDATE transactions SET category_id = ? WHERE category_id = ?')
        .run(into.id, from.id).changes;
      this.db.prepare('UPDATE rules SET category_id = ? WHERE category_id = ?').run(into.id, from.id);
      // Split parts carry categories too; without this a merge would leave them Uncategorized.
      this.db.prepare('UPDATE split_parts SET category_id = ? WHERE category_id = ?').run(into.id, from.id);
      this.db.prepare('UPDATE category_choices SET category_id = ? WHERE category_id = ?').run(into.id, from.id);
      this.db.prepare('UPDATE categories SET parent_id = ? WHERE parent_id = ?').run(into.parentId ?? into.id, from.id);
      // A budget goes with its category unless the target has its own in that currency (which
      // stays); the rest would be dropped silently with the category.
      const budgets = this.db.prepare('SELECT id FROM budgets WHERE category_id = ?').pluck().all(from.id) as number[];
      this.db.prepare('UPDATE OR IGNORE budgets SET category_id = ? WHERE category_id = ?').run(into.id, from.id);
      const budgetsMoved = budgets.filter(
        (id) => this.db.prepare('SELECT category_id FROM budgets WHERE id = ?').pluck().get(id) === into.id,
      );
      this.db.prepare('DELETE FROM categories WHERE id = ?').run(from.id);
      return { moved, budgetsMoved };
    })();
  }
}
