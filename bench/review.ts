/**
 * The review badge, counted on every page view: `reviewCount` on 1,000,000 transactions over 10
 * years, right after a review (`trax review done`; the usual case) and before any review (every
 * row is new: the worst case). Baseline, in the same process: the same predicate counted with
 * the indexes switched off (`NOT INDEXED`), i.e. a scan of every row, which is what the badge
 * would cost without migration 014's indexes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp } from '../src/app.js';
import { parseConfig } from '../src/config/index.js';
import { LEARNED_MIN_CONFIDENCE } from '../src/categorize/pipeline.js';
import { reviewCount } from '../src/review/queue.js';
import { openDatabase } from '../src/store/db.js';
import { ReviewInboxStore } from '../src/store/review-inbox.js';
import { load, setup } from './reports.js';

const NOW = new Date('2026-01-02T12:00:00Z');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown, runs = 15): { ms: number; value: unknown } {
  let value: unknown;
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    value = fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { ms: Math.round(median(xs) * 100) / 100, value };
}

export function reviewBench(rows: number): object[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-bench-review-'));
  try {
    const db = openDatabase(dir);
    const ctx = setup(db);
    load(db, rows, ctx);
    // A realistic spread of doubt: 1 % uncategorized, 0.5 % guessed below the threshold.
    db.prepare(
      `UPDATE transactions SET category_id = ?, category_source = 'none', category_confidence = 0 WHERE id % 100 = 7`,
    ).run(ctx.cats.get('uncategorized'));
    db.prepare(`UPDATE transactions SET category_source = 'learned', category_confidence = 0.5 WHERE id % 200 = 3`).run();
    db.close();
    const app = openApp(parseConfig({ TRAX_DATA_DIR: dir }), { now: () => NOW });
    const store = new ReviewInboxStore(app.db);
    const uncat = app.categories.resolve('uncategorized').id;
    const scan = (marker: string) =>
      app.db
        .prepare(
          `SELECT count(*) FROM transactions NOT INDEXED WHERE pending = 0 AND (
             (first_seen_at > @marker AND category_source IS NOT 'user') OR category_id IS NULL OR category_id = @uncat
             OR (category_confidence < @low AND category_id IS NOT @uncat AND category_source NOT IN ('user', 'rule'))
             OR category_source = 'transfer')`,
        )
        .pluck()
        .get({ marker, uncat, low: LEARNED_MIN_CONFIDENCE });
    const before = time(() => reviewCount(app));
    const beforeScan = time(() => scan(''));
    store.setMarker(NOW.toISOString(), NOW.toISOString());
    const after = time(() => reviewCount(app));
    const afterScan = time(() => scan(NOW.toISOString()));
    app.close();
    return [
      {
        figure: 'review_badge_after_review_ms',
        rows,
        value: after.ms,
        entries: after.value,
        baseline: 'full scan of the same predicate',
        baseline_value: afterScan.ms,
      },
      {
        figure: 'review_badge_before_any_review_ms',
        rows,
        value: before.ms,
        entries: before.value,
        baseline: 'full scan of the same predicate',
        baseline_value: beforeScan.ms,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
