import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WebServer } from '../../src/web/server.js';
import { withScreenshotOnFailure } from '../helpers/browser.js';
import { useWebRig } from '../helpers/web-rig.js';
import { count, ROOT, type TestApp } from '../helpers/trax.js';

/** A real ING "Umsatzanzeige" (ISO-8859-1, the layout with Kategorie) uploaded through the page's form. */
const ING = path.join(ROOT, 'test/fixtures/imports/csv/ing_de/ing-umsatzanzeige-with-kategorie.iso8859-1.csv');

let browser: Browser;
let page: Page;
let t: TestApp;
let web: WebServer;
const rig = useWebRig({ link: false, open: true, dialog: (d) => void d.accept() });
beforeEach(() => {
  ({ page, t, web, browser } = rig);
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
