/**
 * What a month's report counts, as a user sees it in `trax report` and on the dashboard: a refund
 * lowers its category's spending (as Actual and YNAB count it), a category with nothing booked this
 * month is left out, and the dashboard opens on the currency the user books most in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { startTestWeb } from '../helpers/web.js';
import { fileLedger, runTrax, type Ledger } from '../helpers/ledger.js';

let l: Ledger & { env: Record<string, string> };
beforeEach(() => {
  l = fileLedger();
  const giro = l.account({ name: 'Girokonto', institution: 'ING' });
  const monzo = l.account({ name: 'Current', institution: 'Monzo', currency: 'GBP' });
  // A year of EUR life at ING; one busy October week in London on a GBP card.
  for (let m = 1; m <= 10; m++) {
    const mm = String(m).padStart(2, '0');
    l.tx({ account: giro, date: `2026-${mm}-03`, amount: '-52.10', description: 'REWE SAGT DANKE', category: 'groceries' });
    l.tx({ account: giro, date: `2026-${mm}-28`, amount: '2400.00', description: 'Gehalt', category: 'salary' });
  }
  l.tx({ account: giro, date: '2026-09-12', amount: '-80.00', description: 'Stadtwerke', category: 'utilities' });
  l.tx({ account: giro, date: '2026-10-05', amount: '-100.00', description: 'AMZN Mktp DE', category: 'shopping' });
  l.tx({ account: giro, date: '2026-10-19', amount: '37.95', description: 'AMZN Mktp DE Retoure', category: 'shopping' });
  for (let d = 10; d <= 16; d++) {
    l.tx({
      account: monzo,
      date: `2026-10-${d}`,
      amount: '-4.20',
      currency: 'GBP',
      description: 'PRET A MANGER',
      category: 'coffee',
    });
    l.tx({
      account: monzo,
      date: `2026-10-${d}`,
      amount: '-2.80',
      currency: 'GBP',
      description: 'TFL TRAVEL',
      category: 'public-transport',
    });
  }
});
afterEach(() => l.close());

describe('the month report a user reads', () => {
  it('counts a refund against its category and leaves out categories with nothing booked this month', async () => {
    const r = await runTrax(['report', '--month', '2026-10', '--json'], l.env);
    expect(r.code, r.stderr).toBe(0);
    const eur = JSON.parse(r.stdout).currencies.find((c: { currency: string }) => c.currency === 'EUR');
    const lines = Object.fromEntries(
      eur.spending.map((x: { slug: string; spentMinor: number; count: number }) => [x.slug, [x.spentMinor, x.count]]),
    );
    // 100.00 bought, 37.95 sent back: 62.05 spent on shopping, two bookings.
    expect(lines).toEqual({ shopping: [6205, 2], groceries: [5210, 1] });
    expect(eur.totalSpentMinor).toBe(6205 + 5210);
    expect(eur.totalSpent).toBe('114.15');
    // Utilities had 80.00 in September and nothing in October: not a line of October's report.
    expect(lines.utilities).toBeUndefined();

    const text = await runTrax(['report', '--month', '2026-10'], l.env);
    expect(text.stdout).toContain('62.05');
    expect(text.stdout).not.toContain('Utilities');
  });

  it('opens the dashboard on the currency booked most over the year, not the busiest of this month', async () => {
    let app: App | undefined;
    let web: Awaited<ReturnType<typeof startTestWeb>> | undefined;
    try {
      app = openApp(parseConfig(l.env), { now: () => new Date('2026-10-20T12:00:00Z') });
      web = await startTestWeb(app);
      const res = await fetch(`${web.url}/dashboard?month=2026-10`);
      expect(res.status).toBe(200);
      const html = await res.text();
      // October alone has 14 GBP bookings and 4 in EUR; the year has 23 in EUR.
      expect(html).toMatch(/<option value="EUR" selected/);
      expect(html).toContain('62.05 EUR');
      // The recurring table says what each column is.
      expect(html).toContain('<th scope="col">Payee</th><th scope="col">Every</th><th scope="col">Next</th>');
      const gbp = await (await fetch(`${web.url}/dashboard?month=2026-10&currency=GBP`)).text();
      expect(gbp).toMatch(/<option value="GBP" selected/);
    } finally {
      await web?.close();
      app?.close();
    }
  });
});
