/**
 * `trax search` over a large history (issue 12 item 1: a query over 1M transactions under 30 ms
 * median). The ledger is bench/reports.ts's 10 years of rows, loaded through the real schema, so
 * the full-text index is filled by its own triggers; 1 % of rows carry a note, 2 % a tag. Each
 * query runs as `trax search` runs it (`searchTransactions`: the newest 50 and the total, which
 * is "more than 1000" for a query whose total needs the rows read), median of 9 runs. Baseline,
 * same process: the plain scan a search replaces (`description LIKE '%rewe%'`, newest 50 and
 * its count).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/store/db.js';
import { searchTransactions } from '../src/store/search.js';
import { TransactionStore } from '../src/store/transactions.js';
import { load, setup } from './reports.js';

const QUERIES = [
  'rewe', // a common merchant: ~4 % of all rows match
  'lufthansa 2024',
  'amzn >50 2025',
  'category:groceries -tag:work',
  '-tag:work', // every row but a few: the negation must not re-read the tags per row
  'note:"urlaub"',
  'tag:urlaub',
  'apotheke <-20 from:2023-01-01 to:2023-12-31',
  'nothingmatchesthis',
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timed(fn: () => unknown, runs = 9): { ms: number; value: unknown } {
  let value: unknown;
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = fn();
    xs.push(performance.now() - t);
  }
  return { ms: Math.round(median(xs) * 100) / 100, value };
}

export function searchBench(rows: number): object[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-bench-search-'));
  try {
    const db = openDatabase(dir);
    const ctx = setup(db);
    load(db, rows, ctx);
    const now = '2026-01-01T00:00:00Z';
    db.transaction(() => {
      db.prepare(
        `INSERT INTO transaction_notes (account_id, dedupe_key, text, updated_at)
         SELECT account_id, dedupe_key, 'Urlaub Sylt mit Jonas', ? FROM transactions WHERE id % 100 = 11`,
      ).run(now);
      db.prepare(
        `INSERT INTO transaction_tags (account_id, dedupe_key, tag, created_at)
         SELECT account_id, dedupe_key, CASE WHEN id % 2 = 0 THEN 'urlaub' ELSE 'work' END, ? FROM transactions WHERE id % 50 IN (7, 8)`,
      ).run(now);
    })();
    const store = new TransactionStore(db);
    const scan = timed(() => {
      const like = `description LIKE '%rewe%'`;
      db.prepare(`SELECT id FROM transactions WHERE ${like} ORDER BY booking_date DESC, id DESC LIMIT 50`).all();
      return db.prepare(`SELECT count(*) FROM transactions WHERE ${like}`).pluck().get();
    });
    const figures = QUERIES.map((query) => {
      const r = timed(() => searchTransactions(db, store, query, { limit: 50 }));
      const result = r.value as ReturnType<typeof searchTransactions>;
      return {
        figure: 'search_ms_median',
        query,
        rows,
        value: r.ms,
        unit: 'ms',
        matches: result.total,
        // true: more than `matches` match (a total through the rows is counted up to 1000).
        matches_capped: result.capped,
        shown: result.rows.length,
        baseline: "LIKE '%rewe%' scan: newest 50 and count",
        baseline_value: scan.ms,
        ratio: Math.round((r.ms / scan.ms) * 1000) / 1000,
        target_ms: 30,
      };
    });
    db.close();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
