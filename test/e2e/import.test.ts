import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import type { WebServer } from '../../src/web/server.js';
import { launchBrowser, withScreenshotOnFailure } from '../helpers/browser.js';
import { count, ROOT, sandbox, testApp, type TestApp } from '../helpers/trax.js';
import { startTestWeb } from '../helpers/web.js';

/** A real ING "Umsatzanzeige" (ISO-8859-1, the layout with Kategorie) uploaded through the page's form. */
const ING = path.join(ROOT, 'test/fixtures/imports/csv/ing_de/ing-umsatzanzeige-with-kategorie.iso8859-1.csv');

let browser: Browser;
let page: Page;
let tl: TrueLayerSandbox;
let t: TestApp;
let web: WebServer;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  tl = await sandbox();
  t = await testApp(tl);
  web = await startTestWeb(t.app);
  page = await browser.newPage();
  page.on('dialog', (d) => void d.accept());
  await page.goto(web.url);
});
afterEach(async () => {
  await page?.close();
  await web.close();
  t.cleanup();
  await tl.close();
});

describe('Import a file in the browser', () => {
  it('uploads an ING CSV, previews it, imports it, shows it on the Banks page, and Undo takes it back', async () => {
    await withScreenshotOnFailure(page, 'import-ing-csv', async () => {
      await page.getByRole('link', { name: 'Import a file' }).first().click();
      await page.locator('input[type=file]').setInputFiles(ING);
      await page.getByRole('button', { name: 'Preview' }).click();
      await expect.poll(() => page.locator('[data-counts]').textContent()).toContain('15 new');
      expect(await page.locator('tr[data-placement=new]').count()).toBe(15);
      expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(0);

      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await expect.poll(() => page.locator('h1').textContent()).toContain('Imported');
      expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(15);
      expect(
        count(
          t.app,
          "SELECT count(*) FROM transactions WHERE description LIKE '%München%' OR counterparty_name LIKE '%München%'",
        ),
      ).toBe(1);

      await page.goto(web.url);
      const card = page.locator('article.connection');
      await expect.poll(() => card.textContent()).toContain('Girokonto');
      expect(await card.textContent()).toContain('From statement files: no consent to renew.');
      expect(await card.getByRole('button', { name: 'Sync now' }).count()).toBe(0);

      await page.goto(`${web.url}/import`);
      await page.locator('tr[data-import-id]').getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => page.locator('.flash').textContent()).toContain('15 rows removed');
      expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(0);
    });
  });
});
