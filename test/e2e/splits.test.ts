import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { addManualAccount, addManualTransaction } from '../../src/manual/entries.js';
import type { WebServer } from '../../src/web/server.js';
import { seriousViolations } from '../helpers/axe.js';
import { ARTIFACTS, launchBrowser, withScreenshotOnFailure } from '../helpers/browser.js';
import { testStart } from '../helpers/clock.js';
import { fileLedger, type Ledger } from '../helpers/ledger.js';
import { startTestWeb } from '../helpers/web.js';

/**
 * Splits and cash in the web app, in Chromium: split a bank row from the transaction list (a
 * split that does not add up is refused by the server with the difference), undo it; add a cash
 * account and bookings, edit and delete them; a bank row offers no edit.
 */
let browser: Browser;
let page: Page;
let l: Ledger & { env: Record<string, string> };
let app: App;
let web: WebServer;
let rewe: number;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  l = fileLedger();
  l.account({ name: 'Girokonto', institution: 'ING' });
  rewe = l.tx({ date: '2026-06-05', amount: '-120.00', description: 'REWE Markt 4411', category: 'groceries' });
  app = openApp(parseConfig(l.env), { now: () => testStart() });
  web = await startTestWeb(app);
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
});
afterEach(async () => {
  await page?.close();
  await web.close();
  app.close();
  l.close();
});

const parts = () => l.db.prepare('SELECT position, amount_minor, note FROM split_parts ORDER BY position').all();
const alert = () => page.getByRole('alert');

describe('splits and cash in the web app', () => {
  it('splits a bank row from the list; a split that does not add up is refused with the difference; undo', async () => {
    await withScreenshotOnFailure(page, 'splits-web', async () => {
      await page.goto(`${web.url}/transactions`);
      await page.getByRole('link', { name: 'REWE Markt 4411' }).click();
      await expect.poll(() => page.url()).toContain(`/transactions/${rewe}`);
      // A bank row can be split and hidden, not rewritten.
      expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);

      await page.getByLabel('Part 1 category').selectOption('groceries');
      await page.getByLabel('Part 1 amount').fill('80.00');
      await page.getByLabel('Part 2 category').selectOption('drugstore');
      await page.getByLabel('Part 2 amount').fill('30.00');
      await page.getByLabel('Part 2 note').fill('<i>Putzmittel</i>');
      await page.getByRole('button', { name: 'Split', exact: true }).click();
      await expect
        .poll(() => alert().textContent())
        .toContain('parts add up to 110.00 €, the booking is 120.00 €: 10.00 € missing');
      expect(parts()).toEqual([]);
      // What was typed is kept, so only the wrong number needs changing.
      expect(await page.getByLabel('Part 1 amount').inputValue()).toBe('80.00');

      await page.getByLabel('Part 2 amount').fill('40.00');
      await page.getByRole('button', { name: 'Split', exact: true }).click();
      await expect.poll(() => page.getByText('Split into 2 parts.').count()).toBe(1);
      expect(parts()).toEqual([
        { position: 1, amount_minor: -8000, note: null },
        { position: 2, amount_minor: -4000, note: '<i>Putzmittel</i>' },
      ]);
      // The note is shown as text, not markup.
      expect(await page.locator('table.parts').textContent()).toContain('<i>Putzmittel</i>');
      expect(await page.locator('table.parts i').count()).toBe(0);

      await page.getByRole('button', { name: 'Undo the split' }).click();
      await expect.poll(() => page.getByText('One booking again.').count()).toBe(1);
      expect(parts()).toEqual([]);

      // Without the CSRF token the server refuses and writes nothing.
      const res = await page.request.post(`${web.url}/transactions/${rewe}/split`, {
        form: { category1: 'groceries', amount1: '60', category2: 'drugstore', amount2: '60' },
      });
      expect(res.status()).toBe(403);
      expect(parts()).toEqual([]);
    });
  });

  it('adds a cash account and bookings, edits and deletes one', async () => {
    await withScreenshotOnFailure(page, 'cash-web', async () => {
      await page.goto(`${web.url}/transactions`);
      await page.getByRole('link', { name: /Cash: add an account/ }).click();
      await page.getByLabel('Name').fill('Bargeld');
      await page.getByLabel('Opening balance').fill('50.00');
      await page.getByRole('button', { name: 'Add account' }).click();
      await expect.poll(() => page.getByText('Added the account "Bargeld".').count()).toBe(1);
      expect(l.db.prepare("SELECT opening_minor FROM accounts WHERE name = 'Bargeld'").pluck().get()).toBe(5000);

      await page.getByLabel('Date').fill('2026-06-10');
      await page.getByLabel('Amount').fill('-4.2x');
      await page.getByLabel('Description').fill('Wochenmarkt');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect.poll(() => alert().textContent()).toContain('"-4.2x" is not an amount in EUR');
      expect(l.db.prepare("SELECT count(*) FROM transactions WHERE description = 'Wochenmarkt'").pluck().get()).toBe(0);

      await page.getByLabel('Amount').fill('-4.20');
      await page.getByLabel('Category').selectOption('groceries');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect.poll(() => page.getByText(/Added transaction \d+\./).count()).toBe(1);
      const id = l.db.prepare("SELECT id FROM transactions WHERE description = 'Wochenmarkt'").pluck().get() as number;
      expect(await page.locator('table.accounts').textContent()).toContain('45.80 EUR');

      await page.goto(`${web.url}/transactions/${id}`);
      await page.getByLabel('Amount', { exact: true }).fill('-4.50');
      await page.getByLabel('Description').fill('Wochenmarkt Obst');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => page.getByText('Saved.').count()).toBe(1);
      expect(l.db.prepare('SELECT amount_minor, description FROM transactions WHERE id = ?').get(id)).toEqual({
        amount_minor: -450,
        description: 'Wochenmarkt Obst',
      });

      await page.getByRole('button', { name: 'Delete this booking' }).click();
      await expect.poll(() => page.getByText('Deleted "Wochenmarkt Obst" (2026-06-10).').count()).toBe(1);
      expect(l.db.prepare('SELECT count(*) FROM transactions WHERE id = ?').pluck().get(id)).toBe(0);
      expect(await page.locator('table.accounts').textContent()).toContain('50.00 EUR');

      // A bank row's edit is refused by the server even when posted by hand.
      const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
      const res = await page.request.post(`${web.url}/transactions/${rewe}/edit`, {
        form: { _csrf: csrf!, amount: '-1.00' },
      });
      expect(res.status()).toBe(422);
      expect(await res.text()).toContain('came from ING through TrueLayer');
      expect(l.db.prepare('SELECT amount_minor FROM transactions WHERE id = ?').pluck().get(rewe)).toBe(-12000);
    });
  });

  it('notes and tags a booking on its page without JavaScript; a bad tag is refused with nothing written', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const plain = await context.newPage();
    plain.setDefaultTimeout(10_000);
    const stored = () => ({
      note: l.db.prepare('SELECT text FROM transaction_notes').pluck().all(),
      tags: l.db.prepare('SELECT tag FROM transaction_tags ORDER BY tag').pluck().all(),
    });
    try {
      await withScreenshotOnFailure(plain, 'notes-tags-nojs', async () => {
        await plain.goto(`${web.url}/transactions/${rewe}`);
        await plain.getByLabel('Note', { exact: true }).fill('Grillabend mit Nachbarn');
        await plain.getByLabel('Tags, separated by spaces').fill('#Urlaub  work');
        await plain.getByRole('button', { name: 'Save note and tags' }).click();
        await expect.poll(() => plain.getByText('Saved the note and tags.').count()).toBe(1);
        expect(stored()).toEqual({ note: ['Grillabend mit Nachbarn'], tags: ['urlaub', 'work'] });
        expect(await plain.getByLabel('Tags, separated by spaces').inputValue()).toBe('urlaub work');

        // The field is the whole set: dropping "work" removes it. A bad tag refuses the whole form.
        await plain.getByLabel('Note', { exact: true }).fill('geändert');
        await plain.getByLabel('Tags, separated by spaces').fill('urlaub <b>x</b>');
        await plain.getByRole('button', { name: 'Save note and tags' }).click();
        await expect.poll(() => plain.getByRole('alert').textContent()).toContain('"<b>x</b>" is not a tag');
        expect(stored()).toEqual({ note: ['Grillabend mit Nachbarn'], tags: ['urlaub', 'work'] });
        expect(await plain.getByLabel('Note', { exact: true }).inputValue()).toBe('geändert');

        await plain.getByLabel('Tags, separated by spaces').fill('urlaub');
        await plain.getByRole('button', { name: 'Save note and tags' }).click();
        await expect.poll(() => plain.getByText('Saved the note and tags.').count()).toBe(1);
        expect(stored()).toEqual({ note: ['geändert'], tags: ['urlaub'] });

        // A note over 10 KB (5,000 euro signs are 15,000 bytes) refuses the tags written with it too.
        await plain.getByLabel('Note', { exact: true }).fill('€'.repeat(5000));
        await plain.getByLabel('Tags, separated by spaces').fill('urlaub neu');
        await plain.getByRole('button', { name: 'Save note and tags' }).click();
        await expect.poll(() => plain.getByRole('alert').textContent()).toContain('a note can hold at most 10 KB');
        expect(stored()).toEqual({ note: ['geändert'], tags: ['urlaub'] });

        // An empty form clears both.
        await plain.getByLabel('Note', { exact: true }).fill('');
        await plain.getByLabel('Tags, separated by spaces').fill('');
        await plain.getByRole('button', { name: 'Save note and tags' }).click();
        await expect.poll(() => plain.getByText('Saved the note and tags.').count()).toBe(1);
        expect(stored()).toEqual({ note: [], tags: [] });
      });
    } finally {
      await context.close();
    }
  });

  it('the transaction page and the Cash page fit a 390 px phone and pass axe-core', async () => {
    const { id: account } = addManualAccount(app, { name: 'Bargeld', currency: 'EUR', opening: '50.00' });
    const mine = addManualTransaction(app, account, { date: '2026-06-10', amount: '-4.20', description: 'Wochenmarkt' });
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [name, url] of [
      ['bank-row', `/transactions/${rewe}`],
      ['cash-row', `/transactions/${mine}`],
      ['cash', '/cash'],
    ] as const) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
      const phone = await context.newPage();
      try {
        expect((await phone.goto(`${web.url}${url}`))?.status()).toBe(200);
        expect(await phone.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(390);
        expect(await seriousViolations(phone), name).toEqual([]);
        await phone.screenshot({ path: path.join(ARTIFACTS, `phone-splits-${name}.png`), fullPage: true });
      } finally {
        await context.close();
      }
    }
  });
});
