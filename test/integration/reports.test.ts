/**
 * `trax report`, `budget`, `recurring` and `export` through the built CLI (run `npm run build`
 * first), against a real data dir filled directly with fixture rows.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { createWebApp } from '../../src/web/create-app.js';
import { resolvePeriod } from '../../src/reports/period.js';
import { localDate } from '../../src/reports/tz.js';
import { testStart } from '../helpers/clock.js';
import { fileLedger, runTrax, type Ledger } from '../helpers/ledger.js';

let l: Ledger & { env: Record<string, string> };

/** October 2026 in EUR: groceries 158.02, eating out 28.50 (3.50 of it coffee), salary 2,500.00; GBP groceries 12.00. */
function october(): void {
  const giro = l.account({ name: 'Girokonto', institution: 'ING' });
  const savings = l.account({ name: 'Extra Konto', institution: 'ING', kind: 'savings' });
  const monzo = l.account({ name: 'Current', institution: 'Monzo', currency: 'GBP' });
  l.tx({ account: giro, date: '2026-09-10', amount: '-100.00', description: 'REWE SAGT DANKE 1', category: 'groceries' });
  l.tx({ account: giro, date: '2026-10-03', amount: '-45.67', description: 'REWE SAGT DANKE 44261234', category: 'groceries' });
  l.tx({ account: giro, date: '2026-10-10', amount: '-12.34', description: 'REWE SAGT DANKE 44269999', category: 'groceries' });
  l.tx({ account: giro, date: '2026-10-31', amount: '-100.01', description: 'EDEKA CENTER', category: 'groceries' });
  l.tx({ account: giro, date: '2026-10-05', amount: '-3.50', description: 'Backwerk', category: 'coffee' });
  l.tx({ account: giro, date: '2026-10-06', amount: '-25.00', description: 'Trattoria', category: 'eating-out' });
  l.tx({ account: giro, date: '2026-10-30', amount: '2500.00', description: 'Gehalt', category: 'salary' });
  l.tx({ account: giro, date: '2026-10-23', amount: '-999.99', description: 'Pending', category: 'groceries', pending: true });
  l.transfer(giro, savings, '2026-10-02', '500.00');
  l.tx({
    account: monzo,
    date: '2026-10-04',
    amount: '-12.00',
    currency: 'GBP',
    description: 'TESCO STORES 3012',
    category: 'groceries',
  });
}

beforeEach(() => {
  l = fileLedger();
});
afterEach(() => l.close());

describe('trax report', () => {
  it('tells a new user what to do when there is nothing yet', async () => {
    for (const cmd of [['report'], ['recurring'], ['budget', 'list']]) {
      const r = await runTrax(cmd, l.env);
      expect(r.code, `${cmd.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(
        cmd[0] === 'budget' ? /No budgets yet.*trax budget set/ : /No transactions yet.*trax connect truelayer.*trax sync/,
      );
    }
  });

  it('shows a month on one screen: categories with shares and comparisons, income, savings, merchants, currencies side by side', async () => {
    october();
    const r = await runTrax(['report', '--month', '2026-10'], l.env);
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/^October 2026 · all accounts · Europe\/Berlin/);
    expect(out).toMatch(/Groceries\s+│?\s*158\.02 EUR\s+│?\s*85 %\s+│?\s*\+58 %/);
    expect(out).toMatch(/Eating out\s+│?\s*28\.50 EUR\s+│?\s*15 %\s+│?\s*new/);
    expect(out).toMatch(/Total\s+│?\s*186\.52 EUR/);
    expect(out).toContain('Income 2,500.00 EUR · net saved 2,313.48 EUR · savings rate 93 %');
    expect(out).toMatch(/Top merchants: EDEKA CENTER 100\.01 EUR · REWE SAGT DANKE 58\.01 EUR \(2×\)/);
    expect(out).toMatch(/Groceries\s+│?\s*12\.00 GBP/);
    expect(out).not.toMatch(/999\.99|(?<![\d,])500\.00/); // pending and transfers are not spending
    expect(out.split('\n').length).toBeLessThan(40);
  });

  it('--json carries exact minor units and decimal strings; --csv one row per line', async () => {
    october();
    const j = await runTrax(['report', '--month', '2026-10', '--json'], l.env);
    expect(j.code, j.stderr).toBe(0);
    const report = JSON.parse(j.stdout);
    expect(report).toMatchObject({ from: '2026-10-01', to: '2026-11-01', label: 'October 2026', timezone: 'Europe/Berlin' });
    const eur = report.currencies[0];
    expect(eur).toMatchObject({
      currency: 'EUR',
      totalSpentMinor: 18652,
      totalSpent: '186.52',
      incomeMinor: 250000,
      income: '2500.00',
      netSavedMinor: 231348,
      netSaved: '2313.48',
    });
    expect(eur.spending[0]).toMatchObject({
      slug: 'groceries',
      spentMinor: 15802,
      spent: '158.02',
      previousMinor: 10000,
      previous: '100.00',
      changeVsPrevious: 0.5802,
    });
    expect(eur.spending[1].children[0]).toMatchObject({ slug: 'coffee', spentMinor: 350, spent: '3.50' });
    expect(report.currencies[1]).toMatchObject({ currency: 'GBP', totalSpent: '12.00' });

    const c = await runTrax(['report', '--month', '2026-10', '--csv'], l.env);
    expect(c.code, c.stderr).toBe(0);
    const lines = c.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'from,to,currency,section,slug,name,parent,amount_minor,amount,count,share,previous_minor,change_vs_previous,trailing_avg_minor,change_vs_trailing,limit_minor,left_minor,projected_minor',
    );
    expect(lines).toContain(
      '2026-10-01,2026-11-01,EUR,category,groceries,Groceries,,15802,158.02,3,0.8472,10000,0.5802,10000,0.5802,,,',
    );
    expect(lines).toContain('2026-10-01,2026-11-01,EUR,subcategory,coffee,Coffee & snacks,eating-out,350,3.50,1,0.0188,0,,0,,,,');
    expect(lines).toContain('2026-10-01,2026-11-01,EUR,total,,Total spending,,18652,186.52,,,,,,,,,');
    expect(lines).toContain('2026-10-01,2026-11-01,GBP,income,,Income,,0,0.00,,,,,,,,,');
  });

  it("defaults to last month in the user's time zone, and says so when a period is empty", async () => {
    october();
    const r = await runTrax(['report', '--json'], l.env);
    const expected = resolvePeriod({}, testStart(), 'Europe/Berlin');
    expect(JSON.parse(r.stdout)).toMatchObject({ from: expected.from, to: expected.to });
    const empty = await runTrax(['report', '--month', '2020-01'], l.env);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain(
      'Nothing was spent or earned in January 2020. Your transactions run from 2026-09-10 to 2026-10-31; try `trax report --month 2026-10`.',
    );
  });

  it('filters by account and can include pending and transfers', async () => {
    october();
    const savings = await runTrax(['report', '--month', '2026-10', '--account', '2', '--include-transfers', '--json'], l.env);
    expect(JSON.parse(savings.stdout).currencies[0]).toMatchObject({ currency: 'EUR', incomeMinor: 50000 });
    const pending = await runTrax(['report', '--month', '2026-10', '--include-pending', '--json'], l.env);
    expect(JSON.parse(pending.stdout).currencies[0].totalSpentMinor).toBe(18652 + 99999);
  });

  it('refuses bad input with a sentence and exit code 2 (1 for an unknown account or zone)', async () => {
    october();
    const cases: Array<[string[], number, RegExp, Record<string, string>?]> = [
      [['report', '--month', '2026-13'], 2, /--month "2026-13" is not a month; write it as YYYY-MM/],
      [['report', '--month', '2026-10', '--year', '2026'], 2, /Use one of --month, --year or --from\/--to/],
      [['report', '--from', '2026-10-10', '--to', '2026-10-01'], 2, /--to 2026-10-01 must be after --from 2026-10-10/],
      [['report', '--json', '--csv'], 2, /Choose one of --json or --csv/],
      [['report', '--account', 'x'], 2, /--account "x" is not an account id/],
      [['report', '--account', '99'], 1, /There is no account 99; run `trax accounts`/],
      [['report'], 1, /TRAX_TIMEZONE "Mars\/Olympus" is not a time zone/, { TRAX_TIMEZONE: 'Mars/Olympus' }],
    ];
    for (const [args, code, message, env] of cases) {
      const r = await runTrax(args, { ...l.env, ...env });
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});

describe('trax budget', () => {
  it('sets, lists, shows in the report, and removes budgets', async () => {
    october();
    const set = await runTrax(['budget', 'set', 'groceries', '200'], l.env);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('Budget for Groceries: 200.00 EUR a month.'); // EUR: most transactions
    expect((await runTrax(['budget', 'set', 'Eating out', '20.5', '--monthly'], l.env)).code).toBe(0);
    expect((await runTrax(['budget', 'set', 'groceries', '40', '--currency', 'gbp'], l.env)).stdout).toContain(
      '40.00 GBP a month',
    );
    expect((await runTrax(['budget', 'set', 'groceries', '250'], l.env)).code).toBe(0); // replaces 200

    const report = JSON.parse((await runTrax(['report', '--month', '2026-10', '--json'], l.env)).stdout);
    expect(report.currencies[0].budgets).toEqual([
      {
        slug: 'eating-out',
        name: 'Eating out',
        limitMinor: 2050,
        limit: '20.50',
        spentMinor: 2850,
        spent: '28.50',
        leftMinor: -800,
        left: '-8.00',
        projectedMinor: 2850,
        projected: '28.50',
      },
      {
        slug: 'groceries',
        name: 'Groceries',
        limitMinor: 25000,
        limit: '250.00',
        spentMinor: 15802,
        spent: '158.02',
        leftMinor: 9198,
        left: '91.98',
        projectedMinor: 15802,
        projected: '158.02',
      },
    ]);
    expect(report.currencies[1].budgets).toEqual([
      expect.objectContaining({ slug: 'groceries', limitMinor: 4000, spentMinor: 1200, leftMinor: 2800 }),
    ]);
    const text = (await runTrax(['report', '--month', '2026-10'], l.env)).stdout;
    expect(text).toMatch(/Eating out\s+│?\s*20\.50 EUR\s+│?\s*28\.50 EUR\s+│?\s*-8\.00 EUR/);

    const list = JSON.parse((await runTrax(['budget', 'list', '--json'], l.env)).stdout);
    expect(list.month).toBe(localDate(testStart(), 'Europe/Berlin').slice(0, 7));
    expect(
      list.budgets.map((b: { category: string; currency: string; limit: string }) => [b.category, b.currency, b.limit]),
    ).toEqual([
      ['eating-out', 'EUR', '20.50'],
      ['groceries', 'EUR', '250.00'],
      ['groceries', 'GBP', '40.00'],
    ]);
    expect((await runTrax(['budget', 'list'], l.env)).stdout).toMatch(/Groceries\s+│?\s*250\.00 EUR/);

    const rm = await runTrax(['budget', 'rm', 'groceries', '--currency', 'GBP'], l.env);
    expect(rm.stdout).toContain('Removed the budget for Groceries.');
    const again = await runTrax(['budget', 'rm', 'groceries', '--currency', 'GBP'], l.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/There is no budget for Groceries in GBP; see `trax budget list`/);
  });

  it('refuses budgets that make no sense, saying what to do', async () => {
    october();
    const cases: Array<[string[], number, RegExp]> = [
      [['budget', 'set', 'salary', '10'], 2, /"Salary" is an income category; budgets limit spending/],
      [['budget', 'set', 'groceries', 'lots'], 2, /"lots" is not an amount in EUR; write the monthly limit like 400 or 150\.50/],
      [['budget', 'set', 'groceries', '0'], 2, /A budget must be more than zero; to drop one, run `trax budget rm groceries`/],
      [['budget', 'set', 'groceries', '1.234'], 2, /not an amount in EUR/],
      [['budget', 'set', 'groceries', '10', '--currency', 'EURO'], 2, /--currency "EURO" is not an ISO 4217 currency code/],
      [['budget', 'set', 'spaceships', '10'], 1, /There is no category "spaceships"/],
    ];
    for (const [args, code, message] of cases) {
      const r = await runTrax(args, l.env);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});

describe('trax recurring', () => {
  it('lists subscriptions with next date, yearly cost and price rises', async () => {
    l.account({ name: 'Girokonto' });
    // Netflix on the 15th of each of the last 8 months (relative to today), the last one dearer.
    const today = localDate(testStart(), 'Europe/Berlin');
    const last = Number(today.slice(8, 10)) >= 15 ? 0 : -1;
    const months = Array.from({ length: 8 }, (_, k) => shiftMonth(today, last - 7 + k));
    months.forEach((m, k) =>
      l.tx({ date: `${m}-15`, amount: k === 7 ? '-15.99' : '-12.99', description: 'NETFLIX.COM', category: 'streaming' }),
    );
    const j = await runTrax(['recurring', '--json'], l.env);
    expect(j.code, j.stderr).toBe(0);
    expect(JSON.parse(j.stdout)).toEqual([
      expect.objectContaining({
        name: 'NETFLIX.COM',
        cadence: 'monthly',
        count: 8,
        lastMinor: 1599,
        last: '15.99',
        previousMinor: 1299,
        previous: '12.99',
        priceRose: true,
        annualMinor: 19188,
        annual: '191.88',
        categorySlug: 'streaming',
      }),
    ]);
    const t = await runTrax(['recurring'], l.env);
    expect(t.stdout).toMatch(/NETFLIX\.COM\s+│?\s*monthly\s+│?\s*15\.99 EUR/);
    expect(t.stdout).toContain('price rose from 12.99 EUR');
    expect(t.stdout).toContain('Per year in total: 191.88 EUR');
  });

  it('counts the spending parts of a split standing order, and leaves hidden rows out', async () => {
    l.account({ name: 'Girokonto' });
    const today = localDate(testStart(), 'Europe/Berlin');
    const last = Number(today.slice(8, 10)) >= 3 ? 0 : -1;
    const ids = Array.from({ length: 6 }, (_, k) =>
      l.tx({
        date: `${shiftMonth(today, last - 5 + k)}-03`,
        amount: '-1000.00',
        description: 'HAUSVERWALTUNG MIETE',
        category: 'housing',
      }),
    );
    // Each month 900.00 is the rent and 100.00 goes to savings: the rent is what recurs.
    for (const id of ids) {
      const r = await runTrax(['tx', 'split', String(id), '--part', 'housing:900.00', '--part', 'transfers:100.00'], l.env);
      expect(r.code, r.stderr).toBe(0);
    }
    const split = JSON.parse((await runTrax(['recurring', '--json'], l.env)).stdout);
    expect(split).toEqual([
      expect.objectContaining({
        name: 'HAUSVERWALTUNG MIETE',
        cadence: 'monthly',
        count: 6,
        lastMinor: 900_00,
        annualMinor: 10_800_00,
        categorySlug: 'housing',
      }),
    ]);
    for (const id of ids) expect((await runTrax(['tx', 'hide', String(id)], l.env)).code).toBe(0);
    expect(JSON.parse((await runTrax(['recurring', '--json'], l.env)).stdout)).toEqual([]);
  });
});

function shiftMonth(date: string, delta: number): string {
  const m = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + delta;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

describe('trax export', () => {
  it('writes a file atomically with mode 0600, or to stdout; refuses unknown formats', async () => {
    october();
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-export-cli-'));
    try {
      const file = path.join(dir, 'all.journal');
      const r = await runTrax(['export', '--format', 'ledger', '--output', file], l.env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`Exported 10 transactions to ${file}.`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(readFileSync(file, 'utf8')).toContain('Expenses:Eating-out:Coffee-and-snacks    3.50 EUR');

      const csv = await runTrax(['export', '--format', 'csv', '--from', '2026-10-01', '--to', '2026-10-04'], l.env);
      expect(csv.code, csv.stderr).toBe(0);
      expect(csv.stdout.trimEnd().split('\r\n')).toHaveLength(1 + 3); // header, the transfer pair, REWE on the 3rd

      for (const [args, message] of [
        [['export', '--format', 'xml'], /--format "xml" is not one Trax writes; use one of csv, json, ledger, beancount/],
        [
          ['export', '--format', 'csv', '--from', '2026-10-10', '--to', '2026-10-01'],
          /--to 2026-10-01 must be after --from 2026-10-10/,
        ],
        [['export', '--format', 'csv', '--from', 'yesterday'], /--from "yesterday" is not a date/],
        [['export'], /required option '--format <format>' not specified/],
      ] as Array<[string[], RegExp]>) {
        const bad = await runTrax(args, l.env);
        expect(bad.code, args.join(' ')).toBe(2);
        expect(bad.stderr, args.join(' ')).toMatch(message);
      }
      const nowhere = await runTrax(['export', '--format', 'csv', '--output', path.join(dir, 'missing', 'x.csv')], l.env);
      expect(nowhere.code).toBe(2);
      expect(nowhere.stderr).toMatch(/Cannot write .*x\.csv \(ENOENT\); check that its directory exists/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('month boundaries in the user zone, through the CLI and the web', () => {
  // 02:30Z on Oct 1 is Sep 30 in New York; 03:30Z on Nov 1 (the US clock change night) is Oct 31
  // there and Nov 1 in Berlin and Kiritimati. The mid-month row is a bank day and never moves.
  let l: ReturnType<typeof fileLedger>;
  beforeEach(() => {
    l = fileLedger();
    l.tx({ date: '2026-10-01', at: '2026-10-01T02:30:00Z', amount: '-10.00', description: 'Late dinner', category: 'groceries' });
    l.tx({ date: '2026-10-31', at: '2026-11-01T03:30:00Z', amount: '-20.00', description: 'Halloween', category: 'groceries' });
    l.tx({ date: '2026-10-15', amount: '-5.00', description: 'Bakery', category: 'groceries' });
  });
  afterEach(() => l.close());

  const october = { 'America/New_York': 2500, 'Europe/Berlin': 1500, 'Pacific/Kiritimati': 1500, UTC: 1500 } as const;

  for (const [zone, spent] of Object.entries(october)) {
    it(`trax report --month 2026-10 in ${zone} counts ${spent / 100}`, async () => {
      const r = await runTrax(['report', '--month', '2026-10', '--json'], { ...l.env, TRAX_TIMEZONE: zone });
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout) as { timezone: string; currencies: Array<{ totalSpentMinor: number }> };
      expect(j.timezone).toBe(zone);
      expect(j.currencies[0]!.totalSpentMinor).toBe(spent);
    });
  }

  it('the dashboard buckets the month in the configured zone', async () => {
    const totals: Record<string, string> = {};
    for (const zone of ['America/New_York', 'Europe/Berlin']) {
      vi.stubEnv('TRAX_TIMEZONE', zone);
      const app = openApp(parseConfig({ ...l.env, TRAX_TIMEZONE: zone }), { now: () => new Date('2026-11-15T12:00:00Z') });
      try {
        const web = createWebApp({
          app,
          passwordRequired: false,
          secureCookies: false,
          plaidVerifier: null,
          track: () => {},
          log: () => {},
          cache: new Map(),
        });
        const res = await web.request('http://127.0.0.1/dashboard?month=2026-10&currency=EUR');
        expect(res.status).toBe(200);
        totals[zone] = (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
      } finally {
        app.close();
        vi.unstubAllEnvs();
      }
    }
    expect(totals['America/New_York']).toMatch(/Spent in October 2026 25\.00 EUR/);
    expect(totals['Europe/Berlin']).toMatch(/Spent in October 2026 15\.00 EUR/);
  });
});
