import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import type { WebServer } from '../../src/web/server.js';
import { launchBrowser, withScreenshotOnFailure } from '../helpers/browser.js';
import { startTestWeb } from '../helpers/web.js';
import { connect, sandbox, testApp, type TestApp } from '../helpers/trax.js';

/**
 * The transaction detail page (split, hide), the cash page and the error page in a German
 * browser, against a bank linked through the TrueLayer emulator: German words, "4,20 €" and
 * "10.06.2026", and the same rows written as the English forms write.
 */
let browser: Browser;
let tl: TrueLayerSandbox;
let t: TestApp;
let web: WebServer;

async function german(): Promise<Page> {
  const context = await browser.newContext({ locale: 'de-DE' });
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  tl = await sandbox();
  t = await testApp(tl, { TRAX_TIMEZONE: 'Europe/Berlin' });
  await connect(t.app, tl);
  web = await startTestWeb(t.app);
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
  t?.cleanup();
  await tl?.close();
});

const spending = () =>
  t.app.db
    .prepare(
      'SELECT id, amount_minor AS amountMinor FROM transactions WHERE amount_minor <= -200 AND pending = 0 ORDER BY id LIMIT 1',
    )
    .get() as { id: number; amountMinor: number };

describe('German transaction detail, cash and error pages', () => {
  it('splits a booking on the German detail page', async () => {
    const row = spending();
    const page = await german();
    await withScreenshotOnFailure(page, 'detail-de', async () => {
      const res = await page.goto(`${web.url}/transactions/${row.id}`);
      expect(res?.status()).toBe(200);
      await expect(page.title()).resolves.toContain(`Umsatz ${row.id}`);
      const facts = await page.locator('dl.transaction').textContent();
      expect(facts).toMatch(/Datum\s*\d{2}\.\d{2}\.\d{4}/);
      expect(facts).toMatch(/Verwendungszweck/);
      expect(facts).toMatch(/Betrag\s*-[\d.]+,\d{2}\s€/);
      expect(facts).toMatch(/Kategorie/);
      await expect(page.locator('h2', { hasText: 'Aufteilen' }).count()).resolves.toBe(1);
      await expect(page.getByRole('button', { name: 'In Auswertungen ausblenden' }).count()).resolves.toBe(1);
      const body = (await page.locator('body').textContent()) ?? '';
      expect(body).toContain('Diese Buchung steht so da, wie Bank oder Kontoauszug sie geliefert haben');
      expect(body).not.toMatch(/Hide from reports|The parts must add up|Part 1\b/);

      // Two parts of a German form: the rows in SQLite add up to the booking.
      const half = Math.trunc(Math.abs(row.amountMinor) / 2);
      const rest = Math.abs(row.amountMinor) - half;
      const dec = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
      await page.getByLabel('Kategorie von Teil 1').selectOption('groceries');
      await page.getByLabel('Betrag von Teil 1').fill(dec(half));
      await page.getByLabel('Kategorie von Teil 2').selectOption('drugstore');
      await page.getByLabel('Betrag von Teil 2').fill(dec(rest));
      await page.getByRole('button', { name: 'Aufteilen', exact: true }).click();
      await page.getByRole('button', { name: 'Aufteilung aufheben' }).waitFor();
      await expect.poll(() => page.getByText('In 2 Teile aufgeteilt.').count()).toBe(1);
      const parts = t.app.db
        .prepare('SELECT amount_minor FROM split_parts WHERE transaction_id = ? ORDER BY position')
        .pluck()
        .all(row.id);
      expect(parts).toEqual([-half, -rest]);
      const table = (await page.locator('table.parts').textContent()) ?? '';
      expect(table).toMatch(/Nr\.\s*Kategorie\s*Betrag\s*Notiz/);
      expect(table).toMatch(/Lebensmittel\s*-[\d.]+,\d{2}\s€/);
    });
    await page.context().close();
  });

  it('refuses a bad tag on the German detail page with the store sentence in German, writing nothing', async () => {
    const row = spending();
    const page = await german();
    await withScreenshotOnFailure(page, 'notes-tags-de', async () => {
      await page.goto(`${web.url}/transactions/${row.id}`);
      await page.getByLabel('Tags, durch Leerzeichen getrennt').fill('urlaub <b>');
      await page.getByRole('button', { name: 'Notiz und Tags speichern' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe(
          '„<b>“ ist kein Tag; ein Tag ist ein Wort aus bis zu 64 Buchstaben, Ziffern, „-“, „_“ oder „.“, z. B. urlaub-sylt-2026.',
        );
      expect(t.app.db.prepare('SELECT count(*) FROM transaction_tags').pluck().get()).toBe(0);
      await page.getByLabel('Tags, durch Leerzeichen getrennt').fill('urlaub');
      await page.getByRole('button', { name: 'Notiz und Tags speichern' }).click();
      await expect.poll(() => page.getByText('Notiz und Tags gespeichert.').count()).toBe(1);
      expect(t.app.db.prepare('SELECT tag FROM transaction_tags').pluck().all()).toEqual(['urlaub']);
    });
    await page.context().close();
  });

  it('shows the cash page in German and adds an account from it', async () => {
    const page = await german();
    await withScreenshotOnFailure(page, 'cash-de', async () => {
      const res = await page.goto(`${web.url}/cash`);
      expect(res?.status()).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toBe('Bargeld und andere von Hand geführte Konten');
      await expect(page.locator('h2', { hasText: 'Konto anlegen' }).count()).resolves.toBe(1);
      await page.getByLabel('Name').fill('Portemonnaie');
      await page.getByLabel('Anfangsbestand').fill('50.00');
      await page.getByRole('button', { name: 'Konto anlegen' }).click();
      await page.locator('table.accounts', { hasText: 'Portemonnaie' }).waitFor();
      await expect.poll(() => page.getByText('Konto „Portemonnaie“ angelegt.').count()).toBe(1);
      expect(await page.locator('table.accounts').textContent()).toMatch(
        /Konto\s*Art\s*Kontostand[\s\S]*Portemonnaie[\s\S]*50,00\s€/,
      );
      expect(t.app.db.prepare("SELECT opening_minor FROM accounts WHERE name = 'Portemonnaie'").pluck().get()).toBe(5000);
    });
    await page.context().close();
  });

  it('titles an error page in German and keeps its status', async () => {
    const page = await german();
    const res = await page.goto(`${web.url}/transactions/999999`);
    expect(res?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Nicht gefunden');
    await page.context().close();
    const english = await (await browser.newContext({ locale: 'en-GB' })).newPage();
    expect((await english.goto(`${web.url}/transactions/999999`))?.status()).toBe(404);
    await expect(english.locator('h1').textContent()).resolves.toBe('That did not work');
    await english.context().close();
  });
});
