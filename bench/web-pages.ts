/**
 * Server-side page renders at scale: the dashboard and a filtered first page of transactions,
 * through the real Hono app (app.request, no network), on 1,000,000 transactions over 10 years.
 * Baseline, in the same process: the same pages on a 10,000-row database, so the ratio says
 * how much the 100x larger history costs.
 *
 * dashboard_first_view_after_sync_ms: a server that has shown the dashboard, then a sync page
 * applied through the real applyPage (300 new rows, the Netflix series among them, and 20 pending
 * rows replaced), then categorized; the first view after it. Baseline: the same view from a
 * server that has not kept its recurring index, i.e. detection from scratch, which is what every
 * first view after a sync did before the change log (migration 008).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp, type App } from '../src/app.js';
import { detectRecurring, type RecurringIndex } from '../src/reports/recurring.js';
import type { WebDeps } from '../src/web/env.js';
import type { TransactionSnapshot } from '../src/domain/types.js';
import { applyPage } from '../src/sync/apply-page.js';
import { parseConfig } from '../src/config/index.js';
import { openDatabase } from '../src/store/db.js';
import { createWebApp } from '../src/web/create-app.js';
import { load, setup } from './reports.js';

const PAGES = {
  dashboard: '/dashboard?month=2025-06&currency=EUR',
  transactions: '/transactions?month=2025-06&category=groceries',
};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

type Measured = Record<keyof typeof PAGES | 'dashboardCold', number> & { afterSync?: AfterSync };

interface AfterSync {
  incrementalMs: number;
  fromScratchMs: number;
  sameSeries: boolean;
  series: number;
}

const NOW = new Date('2025-07-15T12:00:00Z');

/** One sync page as a TrueLayer sync of a day would bring it, applied the way the engine does. */
function syncADay(app: App, n: number): void {
  const connection = app.connections.get('bench')!;
  const runId = app.runs.start('bench', 'schedule', NOW.toISOString());
  const names = ['REWE SAGT DANKE', 'ALDI SUED', 'DB Vertrieb GmbH', 'Starbucks', 'AMZN Mktp DE', 'Aral Station'];
  const row = (i: number, over: Partial<TransactionSnapshot>): TransactionSnapshot => ({
    providerAccountId: 'a1',
    dedupeKey: `sync-${n}-${i}`,
    providerTransactionId: null,
    bookingDate: '2025-07-14',
    bookedAt: '2025-07-14T00:00:00+02:00',
    amountMinor: -(500 + ((i * 7919) % 9000)),
    currency: 'EUR',
    description: `${names[i % names.length]} ${4000 + i}`,
    merchant: null,
    counterpartyName: null,
    counterpartyIban: null,
    pending: false,
    providerCategory: null,
    providerClassification: null,
    raw: {},
    ...over,
  });
  const upserts = Array.from({ length: 299 }, (_, i) => row(i, {}));
  upserts.push(row(299, { description: 'Netflix International B.V. 115', amountMinor: -1799, bookingDate: '2025-07-01' }));
  const pending = Array.from({ length: 20 }, (_, i) =>
    row(1000 + i, { dedupeKey: `pending-${n}-${i}`, pending: true, bookingDate: '2025-07-15' }),
  );
  applyPage(app, connection, runId, {
    accounts: [],
    balances: [],
    upserts,
    pendingSnapshots: [{ providerAccountId: 'a1', rows: pending }],
    removed: [],
    state: {},
    warnings: [],
  });
  // What categorization does after a sync: the new rows get a category.
  app.db
    .prepare(
      "UPDATE transactions SET category_id = (SELECT id FROM categories WHERE slug = 'groceries') WHERE dedupe_key LIKE 'sync-%' AND category_id IS NULL",
    )
    .run();
  app.runs.finish(runId, 'done', NOW.toISOString());
}

async function measure(rows: number, runs: number, withSync = false): Promise<Measured> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-bench-web-'));
  try {
    const db = openDatabase(dir);
    load(db, rows, setup(db));
    db.close();
    const app = openApp(parseConfig({ TRAX_DATA_DIR: dir, TZ: 'Europe/Berlin' }), { now: () => NOW });
    const caches: WebDeps['cache'][] = [];
    const server = () =>
      createWebApp({
        app,
        passwordRequired: false,
        secureCookies: false,
        plaidVerifier: null,
        track: () => {},
        log: () => {},
        cache: caches[caches.push(new Map()) - 1]!,
      });
    const web = server();
    const out = {} as Measured;
    for (const [name, url] of Object.entries(PAGES) as Array<[keyof typeof PAGES, string]>) {
      const t0 = performance.now();
      const res = await web.request(url);
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      await res.text();
      if (name === 'dashboard') out.dashboardCold = Math.round(performance.now() - t0);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await (await web.request(url)).text();
        times.push(performance.now() - t0);
      }
      out[name] = Math.round(median(times) * 10) / 10;
    }
    if (withSync) {
      const view = async (w: ReturnType<typeof server>) => {
        const t0 = performance.now();
        const res = await w.request(PAGES.dashboard);
        if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
        await res.text();
        return Math.round(performance.now() - t0);
      };
      // Five syncs, each followed by its first view; three servers that start without an index.
      const incremental: number[] = [];
      for (let n = 0; n < 5; n++) {
        syncADay(app, n);
        incremental.push(await view(web));
      }
      const fromScratch: number[] = [];
      for (let n = 0; n < 3; n++) fromScratch.push(await view(server()));
      const incrementalMs = median(incremental);
      const fromScratchMs = median(fromScratch);
      const fresh = detectRecurring(app.db, { now: NOW, timezone: 'Europe/Berlin' });
      const index = caches[0]!.get('recurring')!.value as RecurringIndex;
      const sameSeries = JSON.stringify(index.series(app.db, NOW)) === JSON.stringify(fresh);
      out.afterSync = { incrementalMs, fromScratchMs, sameSeries, series: fresh.length };
    }
    app.close();
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function webPagesBench(rows = Number(process.env.BENCH_ROWS ?? 1_000_000)): Promise<object[]> {
  const small = await measure(10_000, 15);
  const big = await measure(rows, 15, true);
  const after = big.afterSync!;
  return [
    {
      figure: 'dashboard_render_ms_median',
      rows,
      value: big.dashboard,
      unit: 'ms',
      target: 150,
      baseline: 'same page at 10,000 rows',
      baseline_value: small.dashboard,
      ratio: +(big.dashboard / small.dashboard).toFixed(2),
      note: 'the recurring index kept by the server; its first view builds it',
    },
    {
      figure: 'dashboard_first_render_ms',
      rows,
      value: big.dashboardCold,
      unit: 'ms',
      baseline: 'same page at 10,000 rows',
      baseline_value: small.dashboardCold,
      ratio: +(big.dashboardCold / small.dashboardCold).toFixed(2),
    },
    {
      figure: 'dashboard_first_view_after_sync_ms',
      rows,
      value: after.incrementalMs,
      unit: 'ms',
      target: 500,
      baseline:
        'the same first view with recurring detection from scratch (what every first view after a sync did before migration 008)',
      baseline_value: after.fromScratchMs,
      ratio: +(after.fromScratchMs / after.incrementalMs).toFixed(2),
      sync: '300 new rows, 20 pending replaced, then categorized, through applyPage; median of 5 syncs (baseline: of 3 fresh servers)',
      series_shown_match_from_scratch: after.sameSeries,
      series: after.series,
    },
    {
      figure: 'transactions_page_filtered_ms_median',
      rows,
      value: big.transactions,
      unit: 'ms',
      target: 50,
      baseline: 'same page at 10,000 rows',
      baseline_value: small.transactions,
      ratio: +(big.transactions / small.transactions).toFixed(2),
    },
  ];
}
