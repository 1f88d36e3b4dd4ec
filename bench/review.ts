/**
 * The review badge, counted on every page view: `badgeCount` (capped at "99+") on 1,000,000
 * transactions over 10 years, right after a review (`trax review done`; the usual case) and
 * before any review (every row is new: the worst case). Baseline, in the same process: the exact
 * count of the same inbox (`ReviewInboxStore.count`, what the badge cost before the cap), with a
 * full scan of the predicate (`NOT INDEXED`) beside it. The /review page's data (its first 50
 * entries and the count up to 1,000, as the route asks) is measured too, against the same exact count.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp } from '../src/app.js';
import { parseConfig } from '../src/config/index.js';
import { LEARNED_MIN_CONFIDENCE } from '../src/categorize/pipeline.js';
import { badgeCount, badgeText } from '../src/review/badge.js';
import { inboxParams, reviewQueue } from '../src/review/queue.js';
import { openDatabase } from '../src/store/db.js';
import { ReviewInboxStore } from '../src/store/review-inbox.js';
import { load, setup } from './reports.js';

const NOW = new Date('2026-01-02T12:00:00Z');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown, runs = 9): { ms: number; value: unknown } {
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
    const exact = () => store.count(inboxParams(app, store));
    const figures = (state: string) => {
      const badge = time(() => badgeCount(app));
      const count = time(exact);
      const scanned = time(() => scan(store.marker() ?? ''));
      const page = time(() => reviewQueue(app, { limit: 50, countCap: 1_000 }).items.length, 3);
      return [
        {
          figure: `review_badge_${state}_ms`,
          rows,
          value: badge.ms,
          shows: badgeText(badge.value as number),
          baseline: 'exact count of the same inbox (the uncapped badge)',
          baseline_value: count.ms,
          ratio: Math.round((badge.ms / count.ms) * 1000) / 1000,
          entries: count.value,
          full_scan_ms: scanned.ms,
          target_ms: 20,
        },
        {
          figure: `review_page_${state}_ms`,
          rows,
          value: page.ms,
          entries_shown: page.value,
          baseline: 'exact count of the same inbox',
          baseline_value: count.ms,
          ratio: Math.round((page.ms / count.ms) * 100) / 100,
        },
      ];
    };
    const before = figures('before_any_review');
    store.setMarker(NOW.toISOString(), NOW.toISOString());
    const after = figures('after_review');
    app.close();
    return [...after, ...before];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
