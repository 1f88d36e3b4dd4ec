/**
 * Reports at scale: 1,000,000 transactions over 10 years in a real SQLite file built through the
 * real migrations (openDatabase), rows inserted directly (the sync path is measured elsewhere).
 *
 * Figures, each with a baseline measured in the same process:
 * - report_month_ms_median: buildReport for one month (the month, the previous one and the 6
 *   before, top merchants, budgets). Baseline: the same 7-period aggregation written the plain
 *   way, one GROUP BY over booking-date ranges (a day of slack each side for the time zone) with
 *   the report key computed per row, on the indexes that existed before migration 003; its
 *   result must equal ours, which the figure records.
 * - report_month_naive_query_ms_median: docs/schema.md's one-month query, for scale.
 * - series_120_months_ms_median: monthlySeries over all 10 years.
 * - recurring_3_years_ms_median: detectRecurring over the last 3 years.
 * - report_index_build_ms, ingest_cost_of_report_index: what the index costs once and per insert.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aggregate, keyRanges, type AggRow } from '../src/reports/aggregate.js';
import { shiftBack, type Range } from '../src/reports/period.js';
import { buildReport } from '../src/reports/report.js';
import { REPORT_KEY } from '../src/reports/report-key.js';
import { reportKeySql } from '../src/reports/report-key.js';
import { detectRecurring } from '../src/reports/recurring.js';
import { monthlySeries } from '../src/reports/series.js';
import { Prng } from '../src/util/prng.js';
import { BudgetStore } from '../src/store/budgets.js';
import { CategoryStore } from '../src/store/categories.js';
import { DB_FILE, openDatabase, type Db } from '../src/store/db.js';

const TZ = 'Europe/Berlin';
const START = Date.UTC(2016, 0, 1);
const YEARS = 10;
const MERCHANTS = [
  ['REWE SAGT DANKE', 'groceries'],
  ['EDEKA CENTER', 'groceries'],
  ['Lidl sagt Danke', 'groceries'],
  ['ALDI SUED', 'groceries'],
  ['DB Vertrieb GmbH', 'public-transport'],
  ['Aral Station', 'fuel'],
  ['Netflix.com', 'streaming'],
  ['Spotify AB', 'streaming'],
  ['AMZN Mktp DE', 'online-shopping'],
  ['dm-drogerie markt', 'drugstore'],
  ['Starbucks', 'coffee'],
  ['Vapiano', 'eating-out'],
  ['Stadtwerke Muenchen', 'energy'],
  ['Telekom Deutschland', 'phone-internet'],
  ['Hausverwaltung Schmidt', 'housing'],
  ['Allianz Versicherung', 'insurance'],
  ['Apotheke am Markt', 'pharmacy'],
  ['Zalando SE', 'clothing'],
  ['MediaMarkt', 'electronics'],
  ['Rundfunk ARD ZDF DRadio', 'tv-licence'],
  ['Uber BV', 'taxi'],
  ['Lufthansa', 'travel'],
  ['Kino Cinemaxx', 'entertainment'],
  ['Bargeldauszahlung', 'cash'],
  ['SEPA Lastschrift', 'uncategorized'],
] as const;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const round = (x: number) => Math.round(x * 100) / 100;

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export function setup(db: Db): { accounts: number[]; cats: Map<string, number> } {
  new CategoryStore(db).ensureDefaults('2016-01-01T00:00:00Z');
  const now = '2016-01-01T00:00:00Z';
  db.prepare(
    `INSERT INTO connections (id, provider, institution_name, created_at, updated_at) VALUES ('bench', 'truelayer', 'ING', ?, ?)`,
  ).run(now, now);
  const acct = db.prepare(
    `INSERT INTO accounts (connection_id, provider_account_id, name, kind, currency, created_at, updated_at) VALUES ('bench', ?, ?, ?, ?, ?, ?)`,
  );
  const accounts = [
    Number(acct.run('a1', 'Girokonto', 'checking', 'EUR', now, now).lastInsertRowid),
    Number(acct.run('a2', 'Extra Konto', 'savings', 'EUR', now, now).lastInsertRowid),
    Number(acct.run('a3', 'Visa', 'credit_card', 'GBP', now, now).lastInsertRowid),
  ];
  const cats = new Map(
    db
      .prepare<[], { slug: string; id: number }>('SELECT slug, id FROM categories')
      .all()
      .map((r) => [r.slug, r.id]),
  );
  return { accounts, cats };
}

/**
 * `total` rows spread evenly over 10 years: ~90 % card and direct-debit spending, ~4 % income,
 * ~4 % paired transfers, half of the last 10 days pending; 60 % ING-style date-only timestamps, 40 % Plaid-style
 * timestamps with a time of day (so both halves of the report key are exercised); 10 % GBP.
 */
export function load(db: Db, total: number, ctx: { accounts: number[]; cats: Map<string, number> }, seed = 42): void {
  const rng = new Prng(seed);
  const insert = db.prepare(
    `INSERT INTO transactions (account_id, dedupe_key, booking_date, booked_at, amount_minor, currency, description, merchant,
       pending, raw, first_seen_at, updated_at, category_id, category_source, transfer_pair_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, 'default', ?)`,
  );
  const span = YEARS * 365.25 * 86_400_000;
  const now = '2026-01-01T00:00:00Z';
  const BATCH = 50_000;
  for (let s = 0; s < total; s += BATCH) {
    db.transaction(() => {
      for (let i = s; i < Math.min(total, s + BATCH); i++) {
        const t = START + Math.floor((i / total) * span) + rng.int(0, 3_600_000);
        const iso = new Date(t).toISOString();
        const day = iso.slice(0, 10);
        const timed = rng.next() < 0.4;
        const bookedAt = timed ? `${iso.slice(0, 19)}Z` : `${day}T00:00:00+01:00`;
        const gbp = rng.next() < 0.1;
        const account = gbp ? ctx.accounts[2]! : ctx.accounts[0]!;
        const currency = gbp ? 'GBP' : 'EUR';
        // Pending: half of the last 10 days' rows, as after a real sync.
        const pending = t > START + span - 10 * 86_400_000 && rng.next() < 0.5 ? 1 : 0;
        const r = rng.next();
        if (r < 0.04) {
          insert.run(
            account,
            `b${i}`,
            day,
            bookedAt,
            rng.int(150_000, 450_000),
            currency,
            'Gehalt ACME GmbH',
            null,
            pending,
            now,
            now,
            ctx.cats.get('salary')!,
            null,
          );
        } else if (r < 0.08) {
          insert.run(
            account,
            `b${i}`,
            day,
            bookedAt,
            -rng.int(5_000, 100_000),
            currency,
            'Umbuchung Tagesgeld',
            null,
            pending,
            now,
            now,
            ctx.cats.get('transfers')!,
            i + 1_000_000_000,
          );
        } else {
          const [name, slug] = MERCHANTS[rng.int(0, MERCHANTS.length - 1)]!;
          const amount = -rng.int(100, slug === 'housing' ? 150_000 : 25_000);
          insert.run(
            account,
            `b${i}`,
            day,
            bookedAt,
            amount,
            currency,
            `${name} ${rng.int(1000, 9999)}`,
            rng.next() < 0.5 ? name : null,
            pending,
            now,
            now,
            ctx.cats.get(slug)!,
            null,
          );
        }
      }
    })();
  }
  // Real subscriptions among the noise, for the recurring detector: rent and Netflix monthly
  // (Netflix with two price rises), the licence fee quarterly, car insurance yearly.
  const series = [
    { name: 'Hausverwaltung Schmidt Miete', slug: 'housing', months: 1, amount: (k: number) => 95_000 + (k >= 60 ? 5_000 : 0) },
    {
      name: 'Netflix International B.V.',
      slug: 'streaming',
      months: 1,
      amount: (k: number) => (k < 50 ? 999 : k < 100 ? 1299 : 1799),
    },
    { name: 'Rundfunk ARD ZDF DRadio Beitragsservice', slug: 'tv-licence', months: 3, amount: () => 5508 },
    { name: 'HUK-COBURG Kfz-Versicherung', slug: 'insurance', months: 12, amount: () => 45_678 },
  ];
  db.transaction(() => {
    for (const s of series) {
      for (let k = 0; k * s.months < YEARS * 12; k++) {
        const d = new Date(Date.UTC(2016, k * s.months, 1 + (k % 3))).toISOString().slice(0, 10);
        insert.run(
          ctx.accounts[0]!,
          `s${s.name}${k}`,
          d,
          `${d}T00:00:00+01:00`,
          -s.amount(k),
          'EUR',
          `${s.name} ${k}`,
          null,
          0,
          now,
          now,
          ctx.cats.get(s.slug)!,
          null,
        );
      }
    }
  })();
}

/**
 * The baseline: the aggregation as one would first write it. One GROUP BY over the booking-date
 * range of the whole span (a day of slack each side: a timestamp's local day is within a day of
 * its booking date), keeping rows whose report key falls in a period, on the indexes that existed
 * before migration 003 (booking_date), so SQLite reads every row of the span from the table and
 * sorts them for the GROUP BY.
 */
function plainAggregate(db: Db, periods: Range[]): AggRow[] {
  const ranges = periods.flatMap((p, i) => keyRanges(p, TZ).map(([lo, hi]) => ({ i, lo, hi })));
  const from = periods.map((p) => p.from).sort()[0]!;
  const to = periods
    .map((p) => p.to)
    .sort()
    .at(-1)!;
  const bucket = `CASE ${ranges.map((r) => `WHEN k >= '${r.lo}' AND k < '${r.hi}' THEN ${r.i}`).join(' ')} END`;
  return db
    .prepare<[string, string], AggRow>(
      `SELECT period, currency, categoryId,
         coalesce(sum(-amount_minor) FILTER (WHERE amount_minor < 0), 0) AS outMinor, count(*) FILTER (WHERE amount_minor < 0) AS outCount,
         coalesce(sum(amount_minor) FILTER (WHERE amount_minor > 0), 0) AS inMinor, count(*) FILTER (WHERE amount_minor > 0) AS inCount
       FROM (SELECT ${bucket} AS period, currency, category_id AS categoryId, amount_minor
             FROM (SELECT ${REPORT_KEY} AS k, t.* FROM transactions t INDEXED BY transactions_date
                   WHERE t.booking_date >= date(?, '-1 day') AND t.booking_date < date(?, '+1 day') AND t.pending = 0 AND t.transfer_pair_id IS NULL))
       WHERE period IS NOT NULL
       GROUP BY period, currency, categoryId`,
    )
    .all(from, to)
    .filter((r) => r.outCount > 0 || r.inCount > 0);
}

export function reportsBench(rows = Number(process.env.BENCH_ROWS ?? 1_000_000)): object[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-bench-reports-'));
  try {
    const db = openDatabase(path.join(dir, 'main'));
    const ctx = setup(db);
    const loadMs = time(() => load(db, rows, ctx));
    const budgets = new BudgetStore(db);
    budgets.set(ctx.cats.get('groceries')!, 40_000, 'EUR', 'monthly', '2026-01-01T00:00:00Z');
    budgets.set(ctx.cats.get('eating-out')!, 15_000, 'EUR', 'monthly', '2026-01-01T00:00:00Z');
    const file = path.join(dir, 'main', DB_FILE);
    const sizeMb = round((statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)) / 1e6);

    // One month at a time across the last 10 years' months, so no single month stays hot.
    const months = Array.from({ length: 36 }, (_, i) => {
      const y = 2023 + Math.floor(i / 12);
      const m = (i % 12) + 1;
      const from = `${y}-${String(m).padStart(2, '0')}-01`;
      const to = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      return { from, to };
    });
    const now = new Date('2026-01-15T12:00:00Z');
    const report = (i: number) => buildReport(db, { ...months[i % months.length]!, timezone: TZ }, now);
    for (let i = 0; i < 5; i++) report(i); // warm the page cache and statement parsing
    const runs = Array.from({ length: 41 }, (_, i) => time(() => report(i)));
    const sample = report(30);
    const eur = sample.currencies.find((c) => c.currency === 'EUR')!;

    const naive = db.prepare(
      `SELECT c.name, -sum(t.amount_minor) AS spent FROM transactions t JOIN categories c ON c.id = t.category_id
       WHERE t.pending = 0 AND t.amount_minor < 0 AND c.kind = 'expense' AND t.booking_date LIKE ? GROUP BY c.name ORDER BY spent DESC`,
    );
    const naiveRuns = Array.from({ length: 21 }, (_, i) =>
      time(() => naive.all(`${months[i % months.length]!.from.slice(0, 7)}-%`)),
    );

    const periodsOf = (i: number) => {
      const current = months[i % months.length]!;
      return [current, ...Array.from({ length: 6 }, (_, k) => shiftBack(current, k + 1))];
    };
    const oursRuns = Array.from({ length: 41 }, (_, i) => time(() => aggregate(db, periodsOf(i), TZ, {})));
    const baselineRuns = Array.from({ length: 11 }, (_, i) => time(() => plainAggregate(db, periodsOf(i))));
    const canonical = (rows: AggRow[]) =>
      JSON.stringify(
        [...rows].sort(
          (a, b) => a.period - b.period || a.currency.localeCompare(b.currency) || (a.categoryId ?? -1) - (b.categoryId ?? -1),
        ),
      );
    const same = canonical(aggregate(db, periodsOf(30), TZ, {})) === canonical(plainAggregate(db, periodsOf(30)));

    const seriesMs = median(
      Array.from({ length: 5 }, () => time(() => monthlySeries(db, { endMonth: '2025-12', months: 120, timezone: TZ }))),
    );
    let recurringFound = 0;
    const recurringMs = median(
      Array.from({ length: 3 }, () => time(() => (recurringFound = detectRecurring(db, { now, timezone: TZ }).length))),
    );

    const indexBuildMs = time(() => {
      db.exec('DROP INDEX transactions_report');
      db.exec(
        `CREATE INDEX transactions_report ON transactions (currency, category_id, ${reportKeySql('')}, amount_minor, pending, transfer_pair_id, account_id)`,
      );
    });
    db.close();

    // What the index costs at ingest: the same 200k rows into fresh databases, with and without it.
    const ingestRows = Math.min(200_000, rows);
    // Alternating, best of two each: the first database on a cold file system is slower.
    const ingest = (name: string, index: boolean) => {
      const d = openDatabase(path.join(dir, name));
      if (!index) d.exec('DROP INDEX transactions_report');
      const ctxI = setup(d);
      const ms = time(() => load(d, ingestRows, ctxI, 7));
      d.close();
      return ms;
    };
    const ingestRuns = [ingest('w1', true), ingest('o1', false), ingest('w2', true), ingest('o2', false)];
    const withMs = Math.min(ingestRuns[0]!, ingestRuns[2]!);
    const withoutMs = Math.min(ingestRuns[1]!, ingestRuns[3]!);

    const value = round(median(runs));
    const ours = round(median(oursRuns));
    const baseline = round(median(baselineRuns));
    return [
      {
        figure: 'report_month_ms_median',
        rows,
        value,
        unit: 'ms',
        target: 50,
        p90: round([...runs].sort((a, b) => a - b)[Math.floor(runs.length * 0.9)]!),
        aggregation_ms_median: ours,
        baseline:
          'the same 7-period aggregation as one GROUP BY over booking_date ranges on the pre-003 indexes (report key per row, table lookups)',
        baseline_value: baseline,
        ratio: round(baseline / ours),
        same_result_as_baseline: same,
        timezone: TZ,
        periods_compared: 7,
        month_rows_eur: eur.spending.reduce((a, l) => a + l.count, 0),
        db_mb: sizeMb,
        load_s: round(loadMs / 1000),
      },
      {
        figure: 'report_month_naive_query_ms_median',
        rows,
        value: round(median(naiveRuns)),
        unit: 'ms',
        note: "docs/schema.md's one-month spending query (booking_date LIKE, no time zone, one period) for scale",
      },
      { figure: 'series_120_months_ms_median', rows, value: round(seriesMs), unit: 'ms' },
      { figure: 'recurring_3_years_ms_median', rows, value: round(recurringMs), unit: 'ms', series_found: recurringFound },
      {
        figure: 'report_index_build_ms',
        rows,
        value: round(indexBuildMs),
        unit: 'ms',
        note: 'CREATE INDEX transactions_report on the filled table: what migration 003 costs once on an existing database',
      },
      {
        figure: 'ingest_cost_of_report_index',
        rows: ingestRows,
        value: Math.round(ingestRows / (withMs / 1000)),
        unit: 'rows/s',
        baseline: 'the same inserts without transactions_report',
        baseline_value: Math.round(ingestRows / (withoutMs / 1000)),
        ratio: round(withoutMs / withMs),
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node dist/bench/reports.js` runs it alone; bench/main.ts can import reportsBench.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of reportsBench()) process.stdout.write(`${JSON.stringify(f)}\n`);
}
