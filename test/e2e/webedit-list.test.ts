import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { formatMoney, minorToDecimalString } from '../../src/domain/money.js';
import { SavedSearchStore, searchTransactions } from '../../src/store/search.js';
import type { WebServer } from '../../src/web/server.js';
import { withScreenshotOnFailure } from '../helpers/browser.js';
import { useWebRig } from '../helpers/web-rig.js';
import { type TestApp } from '../helpers/trax.js';

let page: Page;
let t: TestApp;
let web: WebServer;
const rig = useWebRig({ open: true });
beforeEach(() => {
  ({ page, t, web } = rig);
});

/** The list's total as the page shows it: currency → minor units, and the visible text. */
async function shownTotals(): Promise<Map<string, { minor: number; text: string }>> {
  const cells = page.locator('.list-total [data-currency]');
  const out = new Map<string, { minor: number; text: string }>();
  for (let i = 0; i < (await cells.count()); i++) {
    const cell = cells.nth(i);
    out.set((await cell.getAttribute('data-currency'))!, {
      minor: Number(await cell.getAttribute('data-total-minor')),
      text: (await cell.textContent())!,
    });
  }
  return out;
}

/** Sums straight from the stored rows, independent of the list's code. */
function storedSums(where = '1', params: unknown[] = []): Map<string, number> {
  const rows = t.app.db
    .prepare(`SELECT upper(currency) AS c, sum(amount_minor) AS s FROM transactions WHERE ${where} GROUP BY upper(currency)`)
    .all(...params) as { c: string; s: number }[];
  return new Map(rows.map((r) => [r.c, r.s]));
}

const shownCount = async () => Number(await page.locator('[data-total]').getAttribute('data-total'));

describe('the transaction list', () => {
  it('shows the total of every matching row, not only the page, per currency and exact to the cent', async () => {
    await withScreenshotOnFailure(page, 'webedit-total', async () => {
      await page.goto(`${web.url}/transactions`);
      const all = storedSums();
      const count = (t.app.db.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
      // More rows than one page: the total must come from all of them.
      expect(count).toBeGreaterThan(100);
      expect(await page.locator('table.transactions tbody tr').count()).toBe(100);
      const shown = await shownTotals();
      expect([...shown.keys()].sort()).toEqual([...all.keys()].sort());
      for (const [currency, sum] of all) {
        expect(shown.get(currency)!.minor).toBe(sum);
        expect(shown.get(currency)!.text).toBe(formatMoney(sum, currency));
      }

      // A filter narrows the total to its rows.
      const month = (t.app.db.prepare('SELECT substr(max(booking_date), 1, 7) AS m FROM transactions').get() as { m: string }).m;
      await page.locator('input[name="month"]').fill(month);
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.waitForURL(/month=/);
      const inMonth = storedSums("booking_date LIKE ? || '-%'", [month]);
      const shownMonth = await shownTotals();
      for (const [currency, sum] of inMonth) expect(shownMonth.get(currency)!.minor).toBe(sum);
    });
  }, 120_000);

  it('shows the total in German as a German statement writes it', async () => {
    await withScreenshotOnFailure(page, 'webedit-total-de', async () => {
      await page.setExtraHTTPHeaders({ 'accept-language': 'de-DE,de;q=0.9' });
      await page.goto(`${web.url}/transactions`);
      expect(await page.locator('.list-total').textContent()).toContain('Summe aller passenden Umsätze:');
      const eur = storedSums().get('EUR')!;
      const expected = new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(
        minorToDecimalString(eur, 'EUR') as unknown as number,
      );
      expect((await shownTotals()).get('EUR')!.text).toBe(expected);
    });
  }, 120_000);

  it('filters amounts by size: "over 50" finds payments of more than 50 as well as income', async () => {
    await withScreenshotOnFailure(page, 'webedit-amount', async () => {
      await page.goto(`${web.url}/transactions`);
      await page.getByRole('textbox', { name: 'Minimum amount' }).fill('50');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.waitForURL(/min=50/);
      const bySize = t.app.db
        .prepare('SELECT count(*) AS n, sum(amount_minor < 0) AS out FROM transactions WHERE abs(amount_minor) >= 5000')
        .get() as {
        n: number;
        out: number;
      };
      expect(bySize.out).toBeGreaterThan(0);
      expect(await shownCount()).toBe(bySize.n);
      expect(Number(await page.locator('.list-total [data-currency="EUR"]').getAttribute('data-total-minor'))).toBe(
        storedSums('abs(amount_minor) >= 5000').get('EUR'),
      );
      // A payment of more than 50 is on the page (sorted by amount, the largest payment first).
      await page.goto(`${web.url}/transactions?min=50&sort=amount&order=asc`);
      expect(await page.locator('table.transactions tbody tr td.amount.negative').count()).toBeGreaterThan(0);

      // A signed bound compares the signed amount, as "<-20" does in the search box.
      await page.goto(`${web.url}/transactions`);
      await page.getByRole('textbox', { name: 'Maximum amount' }).fill('-20');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.waitForURL(/max=-20/);
      const signed = t.app.db.prepare('SELECT count(*) AS n FROM transactions WHERE amount_minor <= -2000').get() as {
        n: number;
      };
      expect(await shownCount()).toBe(signed.n);

      // Both bounds make a range of sizes, as 50..100 does.
      await page.goto(`${web.url}/transactions?min=50&max=100`);
      const range = t.app.db
        .prepare('SELECT count(*) AS n FROM transactions WHERE abs(amount_minor) BETWEEN 5000 AND 10000')
        .get() as { n: number };
      expect(await shownCount()).toBe(range.n);
    });
  }, 120_000);

  it('closes the category editor on Escape without saving and gives focus back to the row', async () => {
    await withScreenshotOnFailure(page, 'webedit-escape', async () => {
      await page.goto(`${web.url}/transactions`);
      const button = page.locator('button.category[data-txn]').first();
      const id = Number(await button.getAttribute('data-txn'));
      const before = t.app.db.prepare('SELECT category_id, category_source FROM transactions WHERE id = ?').get(id);
      await button.click();
      const editor = page.locator('form.category-editor');
      await expect.poll(() => editor.count()).toBe(1);
      await page.keyboard.press('Escape');
      await expect.poll(() => editor.count()).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-row'))).toBe(String(id));
      expect(t.app.db.prepare('SELECT category_id, category_source FROM transactions WHERE id = ?').get(id)).toEqual(before);
    });
  }, 120_000);
  it('lists saved searches in the navigation of every page, each opening the list with its query in the URL', async () => {
    await withScreenshotOnFailure(page, 'webedit-saved-searches', async () => {
      const saved = new SavedSearchStore(t.app.db);
      saved.save('Große Ausgaben', '>50 -tag:work <b>x</b>', t.app.now());
      saved.save('Einnahmen', '>0 +0..+1000000', t.app.now());
      await page.goto(`${web.url}/dashboard`);
      const nav = page.getByRole('navigation', { name: 'Saved searches' });
      expect(await nav.getByRole('link').allTextContents()).toEqual(['Einnahmen', 'Große Ausgaben']);
      await nav.getByRole('link', { name: 'Große Ausgaben' }).click();
      await page.waitForURL(/\/transactions\?q=/);
      expect(new URL(page.url()).searchParams.get('q')).toBe('>50 -tag:work <b>x</b>');
      expect(await page.getByRole('searchbox', { name: 'Search transactions' }).inputValue()).toBe('>50 -tag:work <b>x</b>');
      const expected = searchTransactions(t.app.db, t.app.transactions, '>50 -tag:work <b>x</b>').total;
      expect(expected).toBeGreaterThan(0);
      expect(await shownCount()).toBe(expected);
      expect(await page.locator('header b').count()).toBe(0);

      await page.setExtraHTTPHeaders({ 'accept-language': 'de' });
      await page.goto(`${web.url}/history`);
      expect(await page.getByRole('navigation', { name: 'Gespeicherte Suchen' }).getByRole('link').count()).toBe(2);
    });
  }, 120_000);
});
