/**
 * Issue 12 item 8: /categories and /budgets in headless Chromium against a real SQLite file
 * synced from the TrueLayer emulator (what the DB holds after each action, what the page says),
 * and all three management pages at 390 px without sideways scrolling and clean under axe.
 */
import type { Browser, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import type { WebServer } from '../../src/web/server.js';
import { seriousViolations } from '../helpers/axe.js';
import { withScreenshotOnFailure } from '../helpers/browser.js';
import { useWebRig } from '../helpers/web-rig.js';
import { count, type TestApp } from '../helpers/trax.js';

let browser: Browser;
let page: Page;
let t: TestApp;
let web: WebServer;
const rig = useWebRig();
beforeEach(() => {
  ({ page, t, web, browser } = rig);
});

const HOSTILE = '<script>window.__pwned=1</script><i>Kita</i>';
const inCategory = (slug: string) =>
  count(t.app, 'SELECT count(*) FROM transactions t JOIN categories c ON c.id = t.category_id WHERE c.slug = ?', slug);
const budgets = () =>
  t.app.db
    .prepare('SELECT c.slug, b.amount_minor AS amount, b.currency FROM budgets b JOIN categories c ON c.id = b.category_id')
    .all();

describe('the categories page', () => {
  it('lists with row counts, adds, renames, removes an unused one and asks where the rows of a used one go', async () => {
    await withScreenshotOnFailure(page, 'manage-categories', async () => {
      await page.goto(`${web.url}/rules`);
      await page.locator('nav.manage a', { hasText: 'Categories' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Categories');
      const groceries = inCategory('groceries');
      expect(groceries).toBeGreaterThan(0);
      expect(await page.locator('tr[data-category=groceries] .category-rows').textContent()).toBe(String(groceries));

      await page.locator('form[action="/categories"] input[name=name]').fill(HOSTILE);
      await page.locator('form[action="/categories"] select[name=parent]').selectOption('housing');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect.poll(() => page.locator('.flash.ok').textContent()).toBe(`Added ${HOSTILE}.`);
      const added = t.app.db.prepare('SELECT slug, name, parent_id FROM categories WHERE name = ?').get(HOSTILE) as {
        slug: string;
        parent_id: number;
      };
      expect(added.parent_id).toBe(t.app.categories.resolve('housing').id);
      expect(await page.locator(`tr[data-category="${added.slug}"] .category-name`).textContent()).toBe(`↳ ${HOSTILE}`);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

      // A taken name: the page again with the store's sentence and the form as typed, nothing added.
      const categoriesBefore = t.app.categories.list().length;
      await page.locator('form[action="/categories"] input[name=name]').fill('Groceries');
      await page.locator('form[action="/categories"] select[name=parent]').selectOption('housing');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('A category "groceries" already exists.');
      expect(await page.locator('form[action="/categories"] input[name=name]').inputValue()).toBe('Groceries');
      expect(await page.locator('form[action="/categories"] select[name=parent]').inputValue()).toBe('housing');
      expect(t.app.categories.list().length).toBe(categoriesBefore);

      const row = page.locator(`tr[data-category="${added.slug}"]`);
      // An empty name (the browser's `required` bypassed, as a script would) is refused on the page.
      const csrf = await page.locator('meta[name="csrf-token"]').getAttribute('content');
      const empty = await page.request.post(`${web.url}/categories/${added.slug}/rename`, { form: { _csrf: csrf!, name: ' ' } });
      expect(empty.status()).toBe(422);
      expect(await empty.text()).toContain('A category needs a name; nothing was changed.');
      expect(t.app.categories.bySlug(added.slug)?.name).toBe(HOSTILE);
      await row.locator('input[name=name]').fill('Kita & Schule');
      await row.getByRole('button', { name: 'Rename' }).click();
      await expect.poll(() => page.locator('.flash.ok').textContent()).toBe('Renamed to Kita & Schule.');
      expect(t.app.categories.bySlug(added.slug)?.name).toBe('Kita & Schule');

      // Nothing uses it: removed at once.
      await page.locator(`tr[data-category="${added.slug}"]`).getByRole('button', { name: 'Remove' }).click();
      await expect.poll(() => page.locator('.flash.ok').textContent()).toBe('Removed Kita & Schule.');
      expect(t.app.categories.bySlug(added.slug)).toBeUndefined();

      // Groceries holds rows: the page asks where they go and removes nothing until told.
      await page.locator('tr[data-category=groceries]').getByRole('button', { name: 'Remove' }).click();
      const ask = page.locator('form[data-merge-ask=groceries]');
      await ask.waitFor();
      expect(await ask.locator('[role=alert]').textContent()).toContain(`still holds ${groceries} transactions`);
      expect(t.app.categories.bySlug('groceries')).toBeDefined();
      const shopping = inCategory('shopping');
      await ask.locator('select[name=into]').selectOption('shopping');
      await ask.getByRole('button', { name: 'Remove' }).click();
      await expect
        .poll(() => page.locator('.flash.ok').textContent())
        .toBe(`Merged Groceries into Shopping: ${groceries} transactions moved.`);
      expect(t.app.categories.bySlug('groceries')).toBeUndefined();
      expect(inCategory('shopping')).toBe(shopping + groceries);

      // The merge is one recorded change: Undo brings Groceries back with its rows, on this page.
      await page.locator('form.undo').getByRole('button', { name: 'Undo' }).click();
      await expect
        .poll(() => page.locator('.flash.ok').textContent())
        .toBe(`Undid "web: category groceries merged into shopping": ${groceries} transactions put back.`);
      expect(new URL(page.url()).pathname).toBe('/categories');
      expect(inCategory('groceries')).toBe(groceries);
      expect(inCategory('shopping')).toBe(shopping);
      expect(await page.locator('tr[data-category=groceries] .category-rows').textContent()).toBe(String(groceries));

      // A duplicate name: the store's sentence, nothing written.
      const before = count(t.app, 'SELECT count(*) FROM categories');
      await page.locator('form[action="/categories"] input[name=name]').fill('Shopping');
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await expect.poll(() => page.locator('main').textContent()).toContain('A category "shopping" already exists.');
      expect(count(t.app, 'SELECT count(*) FROM categories')).toBe(before);
    });
  });
});

describe('the budgets page', () => {
  it('sets, changes and removes a budget and shows spent, left and projection from the report', async () => {
    await withScreenshotOnFailure(page, 'manage-budgets', async () => {
      await page.goto(`${web.url}/budgets`);
      expect(await page.locator('.empty').textContent()).toBe('No budgets yet.');
      const currency = await page.locator('form.filters input[name=currency]').inputValue();
      expect(currency).toMatch(/^[A-Z]{3}$/);
      await page.locator('form.filters select[name=category]').selectOption('groceries');
      await page.locator('form.filters input[name=amount]').fill('400');
      await page.getByRole('button', { name: 'Set', exact: true }).click();
      await expect.poll(() => page.locator('.flash.ok').textContent()).toMatch(/^Budget for Groceries: .*400\.00.* a month\.$/);
      expect(budgets()).toEqual([{ slug: 'groceries', amount: 40000, currency }]);
      const row = page.locator(`tr[data-budget="${currency}:groceries"]`);
      expect(await row.locator('.budget-limit').textContent()).toContain('400.00');
      // Spent + left is the limit, whatever this month's rows are.
      const minor = async (cls: string) =>
        Math.round(Number((await row.locator(cls).textContent())!.replace(/[^\d.-]/g, '').replace(/^-?$/, '0')) * 100);
      const spent = await minor('.budget-spent');
      const left = await minor('.budget-left');
      expect(spent + left).toBe(40000);

      await row.locator('input[name=amount]').fill('150.50');
      await row.getByRole('button', { name: 'Change' }).click();
      await page.locator('.flash.ok').waitFor();
      expect(budgets()).toEqual([{ slug: 'groceries', amount: 15050, currency }]);

      // Bad input: the CLI's sentence, nothing changed.
      await page.locator('form.filters select[name=category]').selectOption('groceries');
      await page.locator('form.filters input[name=amount]').fill('lots');
      await page.getByRole('button', { name: 'Set', exact: true }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe(`"lots" is not an amount in ${currency}; write the monthly limit like 400 or 150.50.`);
      expect(budgets()).toEqual([{ slug: 'groceries', amount: 15050, currency }]);
      // The budgets page again, with what was typed, so only the amount needs changing.
      expect(await page.locator('h1').textContent()).toBe('Budgets');
      expect(await page.locator('form.filters input[name=amount]').inputValue()).toBe('lots');
      expect(await page.locator('form.filters select[name=category]').inputValue()).toBe('groceries');

      await page.goto(`${web.url}/budgets`);
      await page.getByRole('button', { name: 'Remove the budget for Groceries' }).click();
      await expect.poll(() => page.locator('.flash.ok').textContent()).toBe('Removed the budget for Groceries.');
      expect(budgets()).toEqual([]);
    });
  });
});

describe('the management pages on a 390 px phone', () => {
  it('fit without sideways scrolling and have no serious axe violations, in English and German', async () => {
    t.app.db
      .prepare("INSERT INTO rules (priority, name, conditions, category_id, created_at) VALUES (100, ?, ?, ?, '2026-01-01')")
      .run(
        'A rather long rule name that could push a phone screen sideways if it did not wrap',
        JSON.stringify({ description: { contains: 'averyveryverylongdescriptionwordwithoutanyspaces' } }),
        t.app.categories.resolve('groceries').id,
      );
    for (const locale of ['en-GB', 'de-DE']) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true, locale });
      const p = await context.newPage();
      try {
        await withScreenshotOnFailure(p, `manage-phone-${locale}`, async () => {
          await p.goto(`${web.url}/budgets`);
          await p.locator('form.filters input[name=amount]').fill('400');
          await p.locator('form.filters button[type=submit]').click();
          for (const path of ['/rules?test=REWE%20SAGT%20DANKE', '/rules/new', '/categories', '/budgets']) {
            await p.goto(`${web.url}${path}`);
            const width = await p.evaluate(() => document.documentElement.scrollWidth);
            expect(width, `${path} in ${locale}`).toBeLessThanOrEqual(390);
            expect(await seriousViolations(p), `${path} in ${locale}`).toEqual([]);
          }
          if (locale === 'de-DE') expect(await p.locator('header nav a[href="/rules"]').textContent()).toBe('Regeln & Budgets');
        });
      } finally {
        await context.close();
      }
    }
  });
});
