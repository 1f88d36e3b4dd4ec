/**
 * Turns parsed search terms (src/search/parse.ts) into SQL conditions on `transactions t`.
 * Every user value is a bound parameter; the SQL text is built only from fixed fragments.
 * Words go to the FTS5 index of migration 011; a word that names a category also matches that
 * category's rows (category names are matched at query time, see the migration's comment).
 */
import { foldText } from '../categorize/normalize.js';
import { minorUnitDigits } from '../domain/money.js';
import { TraxError } from '../domain/errors.js';
import { minorBounds } from '../search/amount.js';
import { parseQuery, type Term } from '../search/parse.js';
import type { Db } from './db.js';
import type { TransactionQuery, TransactionRow, TransactionStore } from './transactions.js';

export interface CompiledSearch {
  sql: string[];
  params: Record<string, unknown>;
  warnings: string[];
}

/** An FTS5 string literal for one user word or phrase: folded like the index, quotes doubled. */
export function ftsLiteral(value: string, prefix: boolean): string | null {
  const folded = foldText(value);
  if (!/[\p{L}\p{N}]/u.test(folded)) return null;
  return `"${folded.replace(/"/g, '""')}"${prefix ? '*' : ''}`;
}

function digitsOf(currency: string): number {
  try {
    return minorUnitDigits(currency);
  } catch {
    return 2;
  }
}

export function compileSearch(db: Db, terms: Term[]): CompiledSearch {
  const sql: string[] = [];
  const params: Record<string, unknown> = {};
  const warnings: string[] = [];
  let n = 0;
  const param = (v: unknown): string => {
    const name = `s${n++}`;
    params[name] = v;
    return `@${name}`;
  };
  const add = (cond: string, negated: boolean) => sql.push(negated ? `NOT coalesce((${cond}), 0)` : cond);
  // Positive words that name no category are ANDed into one MATCH, so FTS5 answers them at once.
  const plain: string[] = [];
  let currencies: string[] | null = null;

  for (const term of terms) {
    switch (term.kind) {
      case 'text': {
        const lit = ftsLiteral(term.value, !term.phrase);
        if (!lit) {
          warnings.push(`Did not understand "${term.value}": nothing to search for in it; searched the rest.`);
          break;
        }
        const cats = db
          .prepare<[string, string], { id: number }>(
            `SELECT id FROM categories WHERE id IN (SELECT rowid FROM category_fts WHERE category_fts MATCH ?)
               OR parent_id IN (SELECT rowid FROM category_fts WHERE category_fts MATCH ?)`,
          )
          .all(lit, lit)
          .map((r) => r.id);
        if (!term.negated && cats.length === 0) {
          plain.push(lit);
          break;
        }
        const fts = `t.id IN (SELECT rowid FROM transaction_fts WHERE transaction_fts MATCH ${param(lit)})`;
        add(
          cats.length ? `(${fts} OR t.category_id IN (SELECT value FROM json_each(${param(JSON.stringify(cats))})))` : fts,
          term.negated,
        );
        break;
      }
      case 'note': {
        const lit = ftsLiteral(term.value, false);
        if (!lit) {
          warnings.push(`Did not understand note:"${term.value}": nothing to search for in it; searched the rest.`);
          break;
        }
        add(`t.id IN (SELECT rowid FROM transaction_fts WHERE transaction_fts MATCH ${param(`note : ${lit}`)})`, term.negated);
        break;
      }
      case 'field': {
        const v = param(term.value);
        if (term.key === 'tag') {
          // tag:x starts from the few tagged rows (the tag index); -tag:x asks each row's own tags
          // through the primary key. The negated row-value IN was re-evaluated for every row:
          // `-tag:work` took 1.6 s over 20,000 rows.
          if (term.negated)
            sql.push(
              `NOT EXISTS (SELECT 1 FROM transaction_tags g WHERE g.account_id = t.account_id AND g.dedupe_key = t.dedupe_key AND g.tag = ${v})`,
            );
          else
            add(`(t.account_id, t.dedupe_key) IN (SELECT account_id, dedupe_key FROM transaction_tags WHERE tag = ${v})`, false);
        } else if (term.key === 'account') {
          const like = param(`%${term.value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
          add(
            `t.account_id IN (SELECT id FROM accounts WHERE CAST(id AS TEXT) = ${v} OR name LIKE ${like} ESCAPE '\\'
               OR replace(iban, ' ', '') = replace(${v}, ' ', ''))`,
            term.negated,
          );
        } else if (term.key === 'category') {
          add(
            `t.category_id IN (SELECT id FROM categories WHERE slug = lower(${v}) OR lower(name) = lower(${v})
               OR parent_id IN (SELECT id FROM categories WHERE slug = lower(${v}) OR lower(name) = lower(${v})))`,
            term.negated,
          );
        } else {
          // source: the account's provider for synced rows; 'file', the format or the file name for imported ones.
          add(
            `(CASE WHEN t.source IS NULL THEN (SELECT cn.provider FROM accounts a JOIN connections cn ON cn.id = a.connection_id
                 WHERE a.id = t.account_id) = lower(${v})
               ELSE (lower(${v}) = 'file' OR t.source = 'file:' || lower(${v})
                 OR t.import_id IN (SELECT id FROM imports WHERE file_name = ${v})) END)`,
            term.negated,
          );
        }
        break;
      }
      case 'pending':
        add('t.pending = 1', term.negated);
        break;
      case 'date': {
        const parts: string[] = [];
        if (term.from) parts.push(`t.booking_date >= ${param(term.from)}`);
        if (term.to) parts.push(`t.booking_date < ${param(term.to)}`);
        add(parts.join(' AND '), term.negated);
        break;
      }
      case 'amount': {
        currencies ??= db
          .prepare<[], { currency: string }>('SELECT DISTINCT upper(currency) AS currency FROM accounts')
          .all()
          .map((r) => r.currency);
        const column = term.signed ? 't.amount_minor' : 'abs(t.amount_minor)';
        // Each currency gets its own bounds (its own minor unit); any other currency counts cents.
        const byCurrency: string[] = [];
        const range = (digits: number): string => {
          const b = minorBounds(term.min, term.minStrict, term.max, term.maxStrict, digits);
          if (!b) return '0';
          const parts: string[] = [];
          if (b.lo !== null) parts.push(`${column} >= ${param(b.lo)}`);
          if (b.hi !== null) parts.push(`${column} <= ${param(b.hi)}`);
          return parts.join(' AND ') || '1';
        };
        for (const c of currencies) byCurrency.push(`(t.currency = ${param(c)} AND ${range(digitsOf(c))})`);
        byCurrency.push(
          `(t.currency NOT IN (SELECT value FROM json_each(${param(JSON.stringify(currencies))})) AND ${range(2)})`,
        );
        add(`(${byCurrency.join(' OR ')})`, term.negated);
        break;
      }
    }
  }
  if (plain.length)
    sql.unshift(`t.id IN (SELECT rowid FROM transaction_fts WHERE transaction_fts MATCH ${param(plain.join(' AND '))})`);
  return { sql, params, warnings };
}

/** The `where` hook of TransactionQuery for a query text (none for an empty one), and its warnings. */
export function searchWhere(db: Db, query: string): { where: TransactionQuery['where']; warnings: string[] } {
  if (!query.trim()) return { where: undefined, warnings: [] };
  const parsed = parseQuery(query);
  const compiled = compileSearch(db, parsed.terms);
  return { where: { sql: compiled.sql, params: compiled.params }, warnings: [...parsed.warnings, ...compiled.warnings] };
}

export interface SearchResult {
  rows: TransactionRow[];
  total: number;
  warnings: string[];
}

/** Parses, compiles and runs a query: the newest matches first. */
export function searchTransactions(
  db: Db,
  transactions: TransactionStore,
  query: string,
  page: Pick<TransactionQuery, 'limit' | 'offset'> = {},
): SearchResult {
  const { where, warnings } = searchWhere(db, query);
  const rows = transactions.list({ where, ...page });
  const total = page.limit && rows.length < page.limit && !page.offset ? rows.length : transactions.count({ where });
  return { rows, total, warnings };
}

export interface SavedSearch {
  name: string;
  query: string;
  created_at: string;
  updated_at: string;
}

const SAVED_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,63}$/u;

export class SavedSearchStore {
  constructor(private readonly db: Db) {}

  save(name: string, query: string, now: Date): void {
    const n = name.trim();
    if (!SAVED_NAME.test(n))
      throw new TraxError(
        'usage',
        `"${name}" cannot name a saved search; use up to 64 letters, digits, spaces, ".", "_" or "-".`,
      );
    if (!query.trim()) throw new TraxError('usage', `The search "${n}" has no query; write what to find, e.g. "rewe 2026".`);
    const at = now.toISOString();
    this.db
      .prepare(
        `INSERT INTO saved_searches (name, query, created_at, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET query = excluded.query, updated_at = excluded.updated_at`,
      )
      .run(n, query.trim(), at, at);
  }

  list(): SavedSearch[] {
    return this.db.prepare<[], SavedSearch>('SELECT * FROM saved_searches ORDER BY name').all();
  }

  get(name: string): SavedSearch {
    const row = this.db.prepare<[string], SavedSearch>('SELECT * FROM saved_searches WHERE name = ?').get(name.trim());
    if (!row) throw new TraxError('not_found', `There is no saved search "${name}"; \`trax search list\` shows them.`);
    return row;
  }

  delete(name: string): void {
    if (this.db.prepare('DELETE FROM saved_searches WHERE name = ?').run(name.trim()).changes === 0)
      throw new TraxError('not_found', `There is no saved search "${name}"; \`trax search list\` shows them.`);
  }
}
