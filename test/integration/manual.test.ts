import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { buildReport } from '../../src/reports/report.js';
import { WebClient } from '../helpers/browserless.js';
import { testStart } from '../helpers/clock.js';
import { fileLedger, runTrax, type Ledger } from '../helpers/ledger.js';
import { startTestWeb } from '../helpers/web.js';

let l: Ledger & { env: Record<string, string> };
let giro: number;
let rewe: number;

const trax = (...args: string[]) => runTrax(args, l.env);
const report = () =>
  buildReport(l.db, { from: '2026-06-01', to: '2026-07-01', timezone: 'Europe/Berlin' }, testStart()).currencies.find(
    (c) => c.currency === 'EUR',
  )!;
const spentIn = (slug: string) => {
  for (const line of report().spending) {
    if (line.slug === slug) return line.spentMinor;
    const child = line.children?.find((c) => c.slug === slug);
    if (child) return child.spentMinor;
  }
  return 0;
};
const rowCount = () => (l.db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
const row = (id: number) =>
  l.db.prepare('SELECT booking_date, amount_minor, description, category_id FROM transactions WHERE id = ?').get(id);
const balanceOf = async (id: number) =>
  (JSON.parse((await trax('accounts', '--json')).stdout) as Array<{ id: number; balance: { currentMinor: number } | null }>).find(
    (a) => a.id === id,
  )!.balance;

async function cashAccount(): Promise<number> {
  const r = await trax('accounts', 'add', 'Bargeld', '--kind', 'cash', '--currency', 'EUR', '--opening', '50.00');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const m = /Added account (\d+) "Bargeld"/.exec(r.stdout);
  expect(m, r.stdout).not.toBeNull();
  return Number(m![1]);
}

async function addCash(account: number, date: string, amount: string, description: string, category?: string): Promise<number> {
  const r = await trax(
    'tx',
    'add',
    '--account',
    String(account),
    `--date=${date}`,
    `--amount=${amount}`,
    '--description',
    description,
    ...(category ? ['--category', category] : []),
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return Number(/Added transaction (\d+)/.exec(r.stdout)![1]);
}

beforeEach(() => {
  l = fileLedger();
  giro = l.account({ name: 'Girokonto', institution: 'ING' });
  rewe = l.tx({ date: '2026-06-05', amount: '-120.00', description: 'REWE Markt 4411', category: 'groceries' });
});
afterEach(() => l.close());

describe('accounts and bookings kept by hand', () => {
  it('a cash account with bookings: in SQLite, in `trax transactions`, in the report, with its balance', async () => {
    const cash = await cashAccount();
    expect(l.db.prepare('SELECT name, kind, currency, opening_minor FROM accounts WHERE id = ?').get(cash)).toEqual({
      name: 'Bargeld',
      kind: 'cash',
      currency: 'EUR',
      opening_minor: 5000,
    });
    expect(await balanceOf(cash)).toMatchObject({ currentMinor: 5000 });

    const market = await addCash(cash, '2026-06-10', '-4.20', 'Wochenmarkt', 'groceries');
    const coffee = await addCash(cash, '2026-06-11', '-3.10', 'Kaffee am Markt', 'coffee');
    expect(row(market)).toEqual({
      booking_date: '2026-06-10',
      amount_minor: -420,
      description: 'Wochenmarkt',
      category_id: l.category('groceries'),
    });
    expect(row(coffee)).toMatchObject({ amount_minor: -310, category_id: l.category('coffee') });
    // The user's category is sticky, as `trax categorize set` makes it.
    expect(l.db.prepare('SELECT category_source FROM transactions WHERE id = ?').pluck().get(market)).toBe('user');

    const list = JSON.parse((await trax('transactions', '--json')).stdout) as Array<{
      id: number;
      account: string;
      source: string;
      amountMinor: number;
    }>;
    expect(list.find((t) => t.id === market)).toMatchObject({ source: 'manual', amountMinor: -420 });
    expect(spentIn('groceries')).toBe(12000 + 420);
    expect(spentIn('coffee')).toBe(310);
    expect(report().totalSpentMinor).toBe(12000 + 420 + 310);
    expect(await balanceOf(cash)).toMatchObject({ currentMinor: 5000 - 420 - 310 });

    // Edit: amount, date, description; the report and the balance follow.
    const e = await trax('tx', 'edit', String(market), '--amount=-4.50', '--description', 'Wochenmarkt Obst');
    expect(e.stderr).toBe('');
    expect(e.stdout).toContain(`Transaction ${market} is now 2026-06-10 -4.50 EUR "Wochenmarkt Obst" (Groceries)`);
    expect(row(market)).toMatchObject({ amount_minor: -450, description: 'Wochenmarkt Obst' });
    expect(spentIn('groceries')).toBe(12000 + 450);
    const moved = await trax('tx', 'edit', String(coffee), '--date', '2026-07-02');
    expect(moved.code).toBe(0);
    expect(spentIn('coffee')).toBe(0);

    // Delete.
    const d = await trax('tx', 'delete', String(coffee));
    expect(d.stdout).toContain(`Deleted transaction ${coffee} (2026-07-02 "Kaffee am Markt")`);
    expect(row(coffee)).toBeUndefined();
    expect(await balanceOf(cash)).toMatchObject({ currentMinor: 5000 - 450 });
  });

  it('a cash booking without a category is categorized like a bank row, and can be split', async () => {
    const cash = await cashAccount();
    const id = await addCash(cash, '2026-06-12', '-30.00', 'REWE Markt 4411');
    // The categorizer ran: the same merchant as a groceries bank row is not left uncategorized.
    expect(l.db.prepare('SELECT category_id IS NOT NULL FROM transactions WHERE id = ?').pluck().get(id)).toBe(1);
    const s = await trax('tx', 'split', String(id), '--part', 'groceries:20.00', '--part', 'drugstore:10.00');
    expect(s.code).toBe(0);
    expect(spentIn('drugstore')).toBe(1000);
    // A split booking's amount cannot change under its parts.
    const e = await trax('tx', 'edit', String(id), '--amount', '-31.00');
    expect(e.code).toBe(2);
    expect(e.stderr).toContain(`Transaction ${id} is split; its parts add up to the old amount. Undo the split first`);
    expect(row(id)).toMatchObject({ amount_minor: -3000 });
    // Deleting it takes its parts along.
    expect((await trax('tx', 'delete', String(id))).code).toBe(0);
    expect(l.db.prepare('SELECT count(*) FROM split_parts').pluck().get()).toBe(0);
    expect(spentIn('drugstore')).toBe(0);
  });

  it('refuses to write bookings into a synced account, or to rewrite synced and imported rows; nothing is written', async () => {
    const before = rowCount();
    const add = await trax(
      'tx',
      'add',
      '--account',
      String(giro),
      '--date',
      '2026-06-10',
      '--amount',
      '-4.20',
      '--description',
      'Wochenmarkt',
    );
    expect(add.code).toBe(2);
    expect(add.stderr).toContain(`Account ${giro} (Girokonto at ING) is fed by TrueLayer; its bookings come from there.`);
    expect(add.stderr).toContain('trax accounts add "Bargeld" --kind cash --currency EUR');
    expect(rowCount()).toBe(before);

    for (const [verb, args] of [
      ['edited', ['edit', String(rewe), '--amount', '-1.00']],
      ['deleted', ['delete', String(rewe)]],
    ] as const) {
      const r = await trax('tx', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `Transaction ${rewe} came from ING through TrueLayer; it stays as it came and cannot be ${verb}. To keep it out of reports, run \`trax tx hide ${rewe}\`.`,
      );
    }
    expect(row(rewe)).toMatchObject({ amount_minor: -12000, description: 'REWE Markt 4411' });

    // A row a statement file brought, even in a cash account, is the statement's.
    const cash = await cashAccount();
    const imported = l.tx({ account: cash, date: '2026-06-03', amount: '-9.99', description: 'Kiosk' });
    l.db.prepare("UPDATE transactions SET source = 'file:ing-de-csv' WHERE id = ?").run(imported);
    const r = await trax('tx', 'edit', String(imported), '--description', 'Zeitung');
    expect(r.stderr).toContain(`Transaction ${imported} came from an imported statement file (ing-de-csv)`);
    expect(row(imported)).toMatchObject({ description: 'Kiosk' });
  });

  it('bad input: one sentence each, nothing written', async () => {
    const cash = await cashAccount();
    const before = rowCount();
    const cases: Array<[string[], string]> = [
      [['--date', '2026-02-30', '--amount', '-1', '--description', 'x'], '"2026-02-30" is not a date; write it as YYYY-MM-DD'],
      [['--date', '30.11.2026', '--amount', '-1', '--description', 'x'], '"30.11.2026" is not a date'],
      [['--date', '2026-06-10', '--amount', 'vier', '--description', 'x'], '"vier" is not an amount in EUR'],
      [['--date', '2026-06-10', '--amount', '-1.234', '--description', 'x'], '"-1.234" is not an amount in EUR'],
      [['--date', '2026-06-10', '--amount', '0.00', '--description', 'x'], 'A booking of 0 changes nothing'],
      [['--date', '2026-06-10', '--amount', '-1', '--description', '   '], 'A booking needs a description'],
      [['--date', '2026-06-10', '--amount', '-1', '--description', 'x'.repeat(501)], 'The description is 501 characters'],
      [['--date', '2026-06-10', '--amount', '-1', '--description', 'x', '--category', 'grocer'], 'There is no category "grocer"'],
    ];
    for (const [args, sentence] of cases) {
      const r = await trax('tx', 'add', '--account', String(cash), ...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr).toContain(sentence);
    }
    expect(rowCount()).toBe(before);
    const missing = await trax('tx', 'add', '--account', '999', '--date', '2026-06-10', '--amount', '-1', '--description', 'x');
    expect(missing.stderr).toContain('There is no account 999');
    const dup = await trax('accounts', 'add', 'Bargeld', '--currency', 'EUR');
    expect(dup.stderr).toContain(`There is already an account "Bargeld" in EUR kept by hand (id ${cash})`);
    const kind = await trax('accounts', 'add', 'Sparschwein', '--kind', 'piggy', '--currency', 'EUR');
    expect(kind.stderr).toContain('--kind "piggy" is not one of cash, checking, savings');
    const cur = await trax('accounts', 'add', 'Sparschwein', '--currency', 'Euro');
    expect(cur.stderr).toContain('--currency "Euro" is not a currency code');
    expect(l.db.prepare('SELECT count(*) FROM accounts').pluck().get()).toBe(2);
    const nothing = await trax('tx', 'edit', String(rewe));
    expect(nothing.code).toBe(2);
  });

  it('trax sync and trax connections pass a cash account by: nothing to sync, no consent', async () => {
    const only = fileLedger();
    try {
      expect((await runTrax(['accounts', 'add', 'Bargeld', '--currency', 'EUR'], only.env)).code).toBe(0);
      const sync = await runTrax(['sync'], only.env);
      expect(sync.code).toBe(0);
      expect(sync.stdout).toContain('No bank to sync: your accounts come from statement files or are kept by hand.');
      const conns = await runTrax(['connections'], only.env);
      expect(conns.stdout).toContain('Kept by hand');
      expect(conns.stdout).toContain('no consent');
    } finally {
      only.close();
    }
  });

  it('the web app shows cash bookings in the transaction list and the dashboard, escaped', async () => {
    const cash = await cashAccount();
    await addCash(cash, '2026-06-10', '-4.20', '<b>Wochenmarkt</b> & Co', 'groceries');
    const app = openApp(parseConfig(l.env), { now: () => testStart() });
    const server = await startTestWeb(app);
    try {
      const web = new WebClient(`http://127.0.0.1:${server.port}`);
      const list = await (await web.fetch('/transactions')).text();
      expect(list).toContain('&lt;b&gt;Wochenmarkt&lt;/b&gt; &amp; Co');
      expect(list).not.toContain('<b>Wochenmarkt</b>');
      expect(list).toContain('Bargeld');
      const dash = await (await web.fetch('/dashboard?month=2026-06')).text();
      // Groceries this month: the bank's 120.00 and the market's 4.20.
      expect(dash).toMatch(/124\.20/);
      const home = await (await web.fetch('/')).text();
      expect(home).toContain('Bargeld');
      expect(home).toContain('45.80');
      expect(home).toContain('Kept by hand: no bank, no consent.');
      expect(home).toContain('<a href="/cash">Add a booking</a>');
      expect(home).not.toContain(`/import?account=${cash}`);
    } finally {
      await server.close();
      app.close();
    }
  });
});
