/**
 * `trax search` finds exactly what a plain reading of the query over the rows finds. The oracle
 * below is written from the search language (src/search/parse.ts's header), not from the SQL:
 * it folds text with the categorizer's foldText, splits it into words, and compares amounts as
 * exact fractions of each row's own currency. The ledger is edited after indexing (descriptions
 * changed, rows deleted, notes and tags set and cleared), so the property also says the
 * trigger-kept index is current after every write.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { foldText } from '../../src/categorize/normalize.js';
import { minorUnitDigits } from '../../src/domain/money.js';
import { NotesTagsStore } from '../../src/store/notes-tags.js';
import { searchTransactions } from '../../src/store/search.js';
import { TransactionStore } from '../../src/store/transactions.js';
import { memoryLedger, type Ledger } from '../helpers/ledger.js';

/** Spellings that must meet: umlauts written out or not, accents, case. */
const WORDS = [
  'Müller',
  'MUELLER',
  'müller',
  'Bäckerei',
  'BAECKEREI',
  'Straße',
  'STRASSE',
  'Café',
  'CAFE',
  'Crème',
  'Señor',
  'Zoë',
  'REWE',
  'Rewe',
  'sagt',
  'danke',
  'Lidl',
  'Amazon',
  'Mktp',
  'Coffee',
  'Taxi',
  'Salary',
  'Fuel',
  'Öl',
  'Ärzte',
  'Übung',
  'miete',
  '47110',
] as const;
const TAGS = ['urlaub', 'work', 'urlaub-sylt-2026', 'geschenk', 'steuer.2026', 'büro'] as const;
/** Tags as typed: the stored ones, and near misses a word index would find (büro's word is "buro"). */
const TAG_QUERIES = [...TAGS, 'buro', 'Work', 'sylt'] as const;
const CATEGORIES = ['groceries', 'coffee', 'eating-out', 'taxi', 'transport', 'salary', 'fuel', null] as const;
const DATES = ['2025-12-31', '2026-01-01', '2026-02-28', '2026-03-01', '2026-10-05', '2026-10-31', '2026-11-01'] as const;
const CURRENCIES = ['EUR', 'EUR', 'JPY', 'BHD'] as const;

const words = (min: number, max: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));

const rowArb = fc.record({
  account: fc.integer({ min: 0, max: 2 }),
  date: fc.constantFrom(...DATES),
  amount: fc.oneof(fc.integer({ min: -200_000, max: 200_000 }), fc.constantFrom(-1299, 1299, -5000, 5000, -5001, 0)),
  description: words(1, 4),
  merchant: fc.option(words(1, 2), { nil: null }),
  counterparty: fc.option(words(1, 2), { nil: null }),
  category: fc.constantFrom(...CATEGORIES),
  pending: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
  fromFile: fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
  note: fc.option(words(1, 3), { nil: null }),
  tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 2 }),
  /** After indexing: 0 nothing, 1 new description, 2 delete, 3 clear the note, 4 retag. */
  edit: fc.integer({ min: 0, max: 12 }),
  newDescription: words(1, 3),
});
type RowIn = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

/** A word as the user may type it: another case, or only its first letters (words are prefixes). */
const queryWord = fc
  .tuple(fc.constantFrom(...WORDS, 'groceries', 'eating', 'transport', 'public'), fc.integer({ min: 0, max: 3 }), fc.boolean())
  .map(([w, cut, upper]) => {
    const x = cut === 0 || w.length < 4 ? w : w.slice(0, Math.max(2, w.length - cut));
    return upper ? x.toUpperCase() : x.toLowerCase();
  });

const decimalArb = fc
  .tuple(fc.integer({ min: 0, max: 2000 }), fc.constantFrom(0, 1, 2, 3), fc.integer({ min: 0, max: 999 }))
  .map(([whole, places, frac]) =>
    places === 0 ? String(whole) : `${whole}.${String(frac % 10 ** places).padStart(places, '0')}`,
  );

const termArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      queryWord,
      fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...WORDS)).map(([a, b]) => `"${a} ${b}"`),
      fc.constantFrom(...TAG_QUERIES).map((t) => `tag:${t}`),
      fc
        .constantFrom('groceries', 'eating-out', 'transport', 'salary', 'Coffee & snacks')
        .map((c) => (c.includes(' ') ? `category:"${c}"` : `category:${c}`)),
      fc.constantFrom('Giro', 'giro', 'Tokyo', 'Manama', '1', '2').map((a) => `account:${a}`),
      fc.constantFrom('file', 'truelayer', 'csv', 'mt940').map((s) => `source:${s}`),
      fc.constantFrom(...WORDS).map((w) => `note:"${w}"`),
      fc.constant('pending'),
      fc.constantFrom('2026', '2025', '2026-10', '2026-02', '2026-10-31', 'from:2026-03', 'to:2026-02', 'from:2026-10-05'),
      fc
        .tuple(fc.constantFrom('>', '>=', '<', '<=', '='), fc.constantFrom('', '-', '+'), decimalArb)
        .map(([op, sign, d]) => `${op}${sign}${d}`),
      fc.tuple(decimalArb, decimalArb, fc.boolean()).map(([a, b, neg]) => (neg ? `-${b}..-${a}` : `${a}..${b}`)),
    ),
    fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
  )
  // "-" before a number is its sign ("-4.20", "-50..-20"), so only words, filters and dates are negated.
  .map(([t, negate]) => (negate && (!/^[\d+-]/.test(t) || /^\d{4}(-\d{2}){0,2}$/.test(t)) ? `-${t}` : t));

// ---- the oracle --------------------------------------------------------------------------

interface Row {
  id: number;
  accountId: number;
  accountName: string;
  currency: string;
  date: string;
  amount: number;
  body: string;
  note: string | null;
  tags: string[];
  categoryId: number | null;
  pending: boolean;
  source: string | null;
}

interface Category {
  id: number;
  slug: string;
  name: string;
  parent: number | null;
}

const split = (s: string) =>
  foldText(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Whether `phrase` (folded words) occurs in `text`: consecutive words, the last a prefix when asked. */
function hasPhrase(text: string, phrase: string[], prefix: boolean): boolean {
  const w = split(text);
  for (let i = 0; i + phrase.length <= w.length; i++) {
    if (phrase.every((p, j) => (prefix && j === phrase.length - 1 ? w[i + j]!.startsWith(p) : w[i + j] === p))) return true;
  }
  return false;
}

/** An exact comparison of a row's amount (minor units, `digits` decimals) with a written decimal. */
function cmp(minor: number, digits: number, written: string): number {
  const m = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(written)!;
  const frac = m[3] ?? '';
  const q = BigInt(`${m[1] === '-' ? '-' : ''}${m[2]}${frac}`);
  const left = BigInt(minor) * 10n ** BigInt(frac.length);
  const right = q * 10n ** BigInt(digits);
  return left < right ? -1 : left > right ? 1 : 0;
}

function periodOf(tok: string): [string, string] {
  if (/^\d{4}$/.test(tok)) return [`${tok}-01-01`, `${Number(tok) + 1}-01-01`];
  if (/^\d{4}-\d{2}$/.test(tok)) {
    const [y, m] = tok.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    return [`${tok}-01`, `${next}-01`];
  }
  const d = new Date(`${tok}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return [tok, d.toISOString().slice(0, 10)];
}

function matches(term: string, r: Row, cats: Category[]): boolean {
  const negated = term.startsWith('-') && (!/^-\d/.test(term) || /^-\d{4}(-\d{2}){0,2}$/.test(term));
  const t = negated ? term.slice(1) : term;
  const hit = ((): boolean => {
    const digits = minorUnitDigits(r.currency);
    const size = Math.abs(r.amount);
    let m: RegExpExecArray | null;
    if ((m = /^(>=|<=|>|<|=)([+-]?)(.+)$/.exec(t))) {
      const [, op, sign, d] = m as unknown as [string, string, string, string];
      const value = sign ? r.amount : size;
      const c = cmp(value, digits, `${sign === '-' ? '-' : ''}${d}`);
      return op === '>' ? c > 0 : op === '>=' ? c >= 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : c === 0;
    }
    if ((m = /^(-?[\d.]+)\.\.(-?[\d.]+)$/.exec(t))) {
      const value = m[1]!.startsWith('-') ? r.amount : size;
      return cmp(value, digits, m[1]!) >= 0 && cmp(value, digits, m[2]!) <= 0;
    }
    if (t === 'pending') return r.pending;
    if (/^\d{4}(-\d{2}){0,2}$/.test(t)) {
      const [from, to] = periodOf(t);
      return r.date >= from && r.date < to;
    }
    if (t.startsWith('from:')) return r.date >= periodOf(t.slice(5))[0];
    if (t.startsWith('to:')) return r.date < periodOf(t.slice(3))[1];
    if (t.startsWith('tag:')) return r.tags.includes(t.slice(4).toLowerCase());
    if (t.startsWith('source:')) {
      const s = t.slice(7);
      return r.source === null ? s === 'truelayer' : s === 'file' || r.source === `file:${s}`;
    }
    if (t.startsWith('account:')) {
      const a = t.slice(8);
      return String(r.accountId) === a || r.accountName.toLowerCase().includes(a.toLowerCase());
    }
    if (t.startsWith('category:')) {
      const c = t.slice(9).replace(/"/g, '').toLowerCase();
      const named = cats.filter((x) => x.slug === c || x.name.toLowerCase() === c).map((x) => x.id);
      return cats.some((x) => x.id === r.categoryId && (named.includes(x.id) || (x.parent !== null && named.includes(x.parent))));
    }
    if (t.startsWith('note:')) return r.note !== null && hasPhrase(r.note, split(t.slice(5).replace(/"/g, '')), false);
    const phrase = t.startsWith('"');
    const words = split(t.replace(/"/g, ''));
    const inText = [r.body, r.note ?? '', r.tags.join(' ')].some((x) => hasPhrase(x, words, !phrase));
    // A word that names a category (its name or slug) finds that category's rows and its children's.
    const named = cats
      .filter((x) => hasPhrase(x.name, words, !phrase) || hasPhrase(x.slug.replace(/-/g, ' '), words, !phrase))
      .map((x) => x.id);
    const inCategory = cats.some(
      (x) => x.id === r.categoryId && (named.includes(x.id) || (x.parent !== null && named.includes(x.parent))),
    );
    return inText || inCategory;
  })();
  return negated ? !hit : hit;
}

// ---- the property ------------------------------------------------------------------------

const open: Ledger[] = [];
afterAll(() => open.forEach((l) => l.close()));

function build(rows: RowIn[]): { l: Ledger; model: Map<number, Row>; cats: Category[] } {
  const l = memoryLedger();
  open.push(l);
  const accounts = [
    { id: l.account({ name: 'Giro', currency: 'EUR' }), name: 'Giro', currency: 'EUR' },
    { id: l.account({ name: 'Tokyo', currency: 'JPY' }), name: 'Tokyo', currency: 'JPY' },
    { id: l.account({ name: 'Manama', currency: 'BHD' }), name: 'Manama', currency: 'BHD' },
  ];
  const notes = new NotesTagsStore(l.db);
  const now = new Date('2026-11-02T09:00:00Z');
  const model = new Map<number, Row>();
  for (const r of rows) {
    const a = accounts[r.account]!;
    const currency = r.account === 0 ? CURRENCIES[r.amount & 1]! : a.currency;
    const id = l.tx({
      account: a.id,
      date: r.date,
      amount: r.amount,
      currency: a.currency === 'EUR' ? 'EUR' : currency === 'EUR' ? a.currency : a.currency,
      description: r.description,
      merchant: r.merchant,
      counterparty: r.counterparty,
      category: r.category,
      pending: r.pending,
    });
    const source = r.fromFile ? (r.amount & 1 ? 'file:csv' : 'file:mt940') : null;
    if (source) l.db.prepare('UPDATE transactions SET source = ? WHERE id = ?').run(source, id);
    if (r.note) notes.setNote(id, r.note, now);
    if (r.tags.length) notes.changeTags(id, r.tags, [], now);
    model.set(id, {
      id,
      accountId: a.id,
      accountName: a.name,
      currency: a.currency,
      date: r.date,
      amount: r.amount,
      body: [r.description, r.merchant ?? '', r.counterparty ?? ''].join(' '),
      note: r.note,
      tags: [...r.tags].sort(),
      categoryId: r.category === null ? null : l.category(r.category),
      pending: r.pending,
      source,
    });
  }
  // Edits after indexing: every one must reach the index through its triggers.
  for (const [i, r] of rows.entries()) {
    const row = [...model.values()][i];
    if (!row) continue;
    if (r.edit === 1) {
      l.db.prepare('UPDATE transactions SET description = ? WHERE id = ?').run(r.newDescription, row.id);
      row.body = [r.newDescription, r.merchant ?? '', r.counterparty ?? ''].join(' ');
    } else if (r.edit === 2) {
      l.db.prepare('DELETE FROM transactions WHERE id = ?').run(row.id);
      model.delete(row.id);
    } else if (r.edit === 3) {
      notes.setNote(row.id, '', now);
      row.note = null;
    } else if (r.edit === 4) {
      notes.changeTags(row.id, ['geschenk'], row.tags, now);
      row.tags = ['geschenk'];
    } else if (r.edit === 5) {
      const c = r.category === 'coffee' ? 'taxi' : 'coffee';
      l.db.prepare('UPDATE transactions SET category_id = ? WHERE id = ?').run(l.category(c), row.id);
      row.categoryId = l.category(c);
    }
  }
  const cats = l.db.prepare<[], Category>('SELECT id, slug, name, parent_id AS parent FROM categories').all();
  return { l, model, cats };
}

describe('search results', () => {
  it('equal a plain filter over the same rows, for any ledger and query', () => {
    let nonEmpty = 0;
    let partial = 0;
    let capped = 0;
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 30 }),
        fc.array(termArb, { minLength: 1, maxLength: 3 }),
        fc.record({
          limit: fc.integer({ min: 1, max: 8 }),
          offset: fc.integer({ min: 0, max: 4 }),
          countCap: fc.integer({ min: 0, max: 6 }),
        }),
        (rows, terms, page) => {
          const { l, model, cats } = build(rows);
          const query = terms.join(' ');
          const store = new TransactionStore(l.db);
          const result = searchTransactions(l.db, store, query);
          expect(result.warnings, query).toEqual([]);
          const newestFirst = [...model.values()]
            .filter((r) => terms.every((t) => matches(t, r, cats)))
            .sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1))
            .map((r) => r.id);
          const expected = [...newestFirst].sort((a, b) => a - b);
          const got = result.rows.map((r) => r.id).sort((a, b) => a - b);
          expect(got, query).toEqual(expected);
          expect(result.total, query).toBe(expected.length);
          // A page, newest first, and the total beside it, whichever way the search finds them:
          // starting at the smallest id set and sorting it, or walking the date index (the path
          // of every large match set, which these small ledgers reach only when told to). A
          // total counted through the rows stops at the cap and says so; it is never wrong.
          const { countCap, ...slice } = page;
          for (const startAtSetMax of [0, Number.MAX_SAFE_INTEGER]) {
            const paged = searchTransactions(l.db, store, query, slice, { startAtSetMax, countCap });
            const what = `${query} ${JSON.stringify(page)} startAtSetMax=${startAtSetMax}`;
            expect(
              paged.rows.map((r) => r.id),
              what,
            ).toEqual(newestFirst.slice(page.offset, page.offset + page.limit));
            if (paged.capped) {
              capped++;
              expect(paged.total, what).toBe(Math.max(countCap, page.offset + paged.rows.length));
              expect(expected.length, what).toBeGreaterThan(paged.total);
            } else expect(paged.total, what).toBe(expected.length);
          }
          if (expected.length > 0) nonEmpty++;
          if (expected.length > 0 && expected.length < model.size) partial++;
          l.close();
          open.pop();
        },
      ),
      { seed: 20261203, numRuns: 300 },
    );
    // Enough queries select some rows but not all, or the equality says little.
    expect(nonEmpty).toBeGreaterThan(100);
    expect(partial).toBeGreaterThan(80);
    expect(capped).toBeGreaterThan(20);
  });

  it('meet every spelling of a German or accented word: Müller, MUELLER and müller; Café and CAFE', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ['Müller', 'MUELLER'],
          ['Bäckerei', 'baeckerei'],
          ['Straße', 'STRASSE'],
          ['Café', 'cafe'],
          ['Crème', 'CREME'],
          ['Öl', 'oel'],
          ['Señor', 'senor'],
        ),
        fc.boolean(),
        ([stored, typed], swap) => {
          const [a, b] = swap ? [typed, stored] : [stored, typed];
          const l = memoryLedger();
          open.push(l);
          const id = l.tx({ date: '2026-10-05', amount: '-9.99', description: `Kartenzahlung ${a} Filiale` });
          l.tx({ date: '2026-10-05', amount: '-9.99', description: 'Kartenzahlung Filiale' });
          const got = searchTransactions(l.db, new TransactionStore(l.db), b).rows.map((r) => r.id);
          expect(got).toEqual([id]);
          l.close();
          open.pop();
        },
      ),
      { seed: 7, numRuns: 40 },
    );
  });
});
