/**
 * Server-side page renders at scale: the dashboard and a filtered first page of transactions,
 * through the real Hono app (app.request, no network), on 1,000,000 transactions over 10 years.
 * Baseline, in the same process: the same pages on a 10,000-row database, so the ratio says
 * how much the 100x larger history costs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp } from '../src/app.js';
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

async function measure(rows: number, runs: number): Promise<Record<keyof typeof PAGES | 'dashboardCold', number>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-bench-web-'));
  try {
    const db = openDatabase(dir);
    load(db, rows, setup(db));
    db.close();
    const app = openApp(parseConfig({ TRAX_DATA_DIR: dir, TZ: 'Europe/Berlin' }), {
      now: () => new Date('2025-07-15T12:00:00Z'),
    });
    const web = createWebApp({
      app,
      passwordRequired: false,
      secureCookies: false,
      plaidVerifier: null,
      track: () => {},
      log: () => {},
      cache: new Map(),
    });
    const out = {} as Record<keyof typeof PAGES | 'dashboardCold', number>;
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
    app.close();
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function webPagesBench(rows = Number(process.env.BENCH_ROWS ?? 1_000_000)): Promise<object[]> {
  const small = await measure(10_000, 15);
  const big = await measure(rows, 15);
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
      note: 'recurring series cached per data version; the first view computes them',
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
