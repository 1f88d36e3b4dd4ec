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

/**
 * A set of transaction ids a term stands for, found without reading a transaction: FTS5 rowids
 * are transaction ids (the triggers keep one index row per transaction).
 */
export interface IdSet {
  /** A SELECT of the ids, as column `id`. */
  ids: string;
  /** A SELECT of how many ids there are at most, cheaper than counting `ids`. */
  size: string;
  /** `size` is the exact number of ids. */
  exact: boolean;
}

export interface CompiledSearch {
  /** Every condition on `t`: the id sets' tests first (a probe each), then `rest`. */
  sql: string[];
  params: Record<string, unknown>;
  warnings: string[];
  /** The query's rows are in all of `include`, in none of `exclude`, and meet every `rest`. */
  include: IdSet[];
  exclude: IdSet[];
  rest: string[];
}

/** An FTS5 string literal for one user word or phrase: folded like the index, quotes doubled. */
export function ftsLiteral(value: string, prefix: boolean): string | null {
  const folded = foldText(value);
  if (!/[\p{L}\p{N}]/u.test(folded)) return null;
  return `"${folded.replace(/"/g, '""')}"${prefix ? '*' : ''}`;
}

/** The condition that a row is (or is not) in `set`; `drive` false keeps the planner from starting there. */
export function inSet(set: IdSet, negated: boolean, drive = true): string {
  return `${drive ? '' : '+'}t.id ${negated ? 'NOT IN' : 'IN'} (${set.ids})`;
}

function digitsOf(currency: string): number {
  try {
    return minorUnitDigits(currency);
  } catch {
    return 2;
  }
}

/**
 * Whether the index's tags column finds exactly the rows with `tag`, so tag:x needs no join.
 * It does when the tag is one ASCII word (one token, so it cannot span two tags in the column)
 * and no other tag has that word: for ASCII the tokenizer takes runs of letters and digits, as
 * below. Any other tag with a non-ASCII letter might fold to the word (ü -> u), so it answers no.
 */
function isOneIndexWord(db: Db, tag: string): boolean {
  if (!/^[a-z0-9]+$/.test(tag)) return false;
  // The distinct tags, one index seek each (tags repeat over many rows).
  const tags = db
    .prepare<[], string>(
      `WITH RECURSIVE d(tag) AS (SELECT min(tag) FROM transaction_tags
         UNION ALL SELECT (SELECT min(tag) FROM transaction_tags WHERE tag > d.tag) FROM d WHERE d.tag IS NOT NULL)
       SELECT tag FROM d WHERE tag IS NOT NULL`,
    )
    .pluck()
    .all();
  return tags.every((other) => other === tag || (/^[\x20-\x7e]*$/.test(other) && !other.split(/[^a-z0-9]+/).includes(tag)));
}

export function compileSearch(db: Db, terms: Term[]): CompiledSearch {
  const sql: string[] = [];
  const include: IdSet[] = [];
  const exclude: IdSet[] = [];
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
  const matchSet = (expr: string): IdSet => {
    const p = param(expr);
    return {
      ids: `SELECT rowid AS id FROM transaction_fts WHERE transaction_fts MATCH ${p}`,
      size: `SELECT count(*) FROM transaction_fts WHERE transaction_fts MATCH ${p}`,
      exact: true,
    };
  };

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
        if (cats.length === 0) {
          if (term.negated) exclude.push(matchSet(lit));
          else plain.push(lit);
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
        if (term.negated) exclude.push(matchSet(`note : ${lit}`));
        else plain.push(`note : ${lit}`);
        break;
      }
      case 'field': {
        const v = param(term.value);
        if (term.key === 'tag') {
          // tag:x starts from the few tagged rows (the tag index); -tag:x asks each row's own tags
          // through the primary key. The negated row-value IN was re-evaluated for every row:
          // `-tag:work` took 1.6 s over 20,000 rows.
          // The rows with the tag, from the tag index through each tag's identity to the row's
          // id (both covering indexes): a set the rows are probed against, where asking each
          // row's own tags read every row (`-tag:work` took 322 ms over 1M rows that way).
          if (isOneIndexWord(db, term.value)) {
            const phrase = `tags : "${term.value}"`;
            if (term.negated) exclude.push(matchSet(phrase));
            else plain.push(phrase);
            break;
          }
          const set: IdSet = {
            ids: `SELECT x.id FROM transaction_tags g JOIN transactions x
              ON x.account_id = g.account_id AND x.dedupe_key = g.dedupe_key WHERE g.tag = ${v}`,
            size: `SELECT count(*) FROM transaction_tags WHERE tag = ${v}`,
            exact: false,
          };
          (term.negated ? exclude : include).push(set);
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
  if (plain.length) include.unshift(matchSet(plain.join(' AND ')));
  return {
    sql: [...include.map((x) => inSet(x, false)), ...exclude.map((x) => inSet(x, true)), ...sql],
    params,
    warnings,
    include,
    exclude,
    rest: sql,
  };
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
  /** How many rows match; when `capped`, more than this many do (counting stopped). */
  total: number;
  capped: boolean;
  warnings: string[];
}

/**
 * When the smallest of the query's id sets has at most this many ids, the search starts at them
 * and sorts them by date; when every set is larger, it walks the date index newest first and
 * probes each row's id against the sets (no table read) until the page is full. Measured at
 * 1M rows (bench/search.ts): the 36,682 ids of "rewe" took 93 ms to read and sort and 8 ms to
 * walk; a walk that meets no match costs ~40 ms, about what reading and sorting 2,000 rows costs.
 */
const START_AT_SET_MAX = 2000;

/**
 * A total that needs the transactions read (a date, amount, category, account, source or
 * pending term) is counted up to this many rows, or the page's end if further: "more than
 * 1000" then. Counting all 144,480 rows of "category:groceries -tag:work" took 60 ms at 1M rows;
 * a total made only of words, notes and tags is always exact (counted in the FTS index).
 */
const COUNT_CAP = 1000;

/** The newest-first page of a search and its exact total. */
export function searchTransactions(
  db: Db,
  transactions: TransactionStore,
  query: string,
  page: Pick<TransactionQuery, 'limit' | 'offset'> = {},
  tuning: { startAtSetMax?: number; countCap?: number } = {},
): SearchResult {
  const parsed = query.trim() ? parseQuery(query) : { terms: [], warnings: [] };
  const c = compileSearch(db, parsed.terms);
  const warnings = [...parsed.warnings, ...c.warnings];
  const one = (sql: string): number => db.prepare<[Record<string, unknown>], number>(sql).pluck().get(c.params)!;
  const sizes = c.include.map((set) => one(set.size));
  if (sizes.some((n) => n === 0)) return { rows: [], total: 0, capped: false, warnings };
  const smallest = sizes.indexOf(Math.min(...sizes));
  const start = sizes[smallest]! <= (tuning.startAtSetMax ?? START_AT_SET_MAX) ? smallest : -1;
  const sql = [
    ...c.include.map((set, i) => inSet(set, false, i === start)),
    ...c.exclude.map((set) => inSet(set, true, false)),
    ...c.rest,
  ];
  const where = sql.length ? { sql, params: c.params } : undefined;
  const rowsOf = (ids: number[]) => (ids.length ? transactions.list({ ids }) : []);
  if (c.rest.length > 0 && page.limit) {
    // The total needs rows read: one walk finds the page and counts on to the cap, where a
    // count of its own would build the id sets again and walk the same rows.
    const offset = page.offset ?? 0;
    const cap = Math.max(tuning.countCap ?? COUNT_CAP, offset + page.limit);
    const found = transactions.listIds({ where, limit: cap + 1 });
    const rows = rowsOf(found.slice(offset, offset + page.limit));
    const capped = found.length > cap;
    return { rows, total: capped ? cap : found.length, capped, warnings };
  }
  const ids = transactions.listIds({ where, ...page });
  const rows = rowsOf(ids);
  let total: number;
  if (c.rest.length > 0) total = ids.length;
  else if (c.exclude.length === 0 && c.include.length === 1 && c.include[0]!.exact) total = sizes[0]!;
  else if (c.include.length > 0) {
    // Only id sets: counted in the sets, no transaction read.
    const tests = [
      ...c.include.filter((_, i) => i !== smallest).map((set) => `s.id IN (${set.ids})`),
      ...c.exclude.map((set) => `s.id NOT IN (${set.ids})`),
    ];
    total = one(`SELECT count(*) FROM (${c.include[smallest]!.ids}) s ${tests.length ? `WHERE ${tests.join(' AND ')}` : ''}`);
  } else {
    // All rows but those in any excluded set.
    total = one('SELECT count(*) FROM transactions');
    if (c.exclude.length) total -= one(`SELECT count(*) FROM (${c.exclude.map((set) => set.ids).join(' UNION ')})`);
  }
  return { rows, total, capped: false, warnings };
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
