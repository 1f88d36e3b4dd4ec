import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPlaidSandbox } from '../../src/connections/connect-plaid.js';
import type { PlaidSandbox } from '../../src/sandbox/plaid/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import type { WebServer } from '../../src/web/server.js';
import { startTestWeb } from '../helpers/web.js';
import { ARTIFACTS, launchBrowser, withScreenshotOnFailure } from '../helpers/browser.js';
import { plaidEnv, plaidSandbox } from '../helpers/plaid.js';
import { count, sandbox, testApp, type TestApp } from '../helpers/trax.js';

/** The dashboard with the demo's data: ING (TrueLayer, linked in the browser) and a Plaid bank. */
let browser: Browser;
let page: Page;
let plaid: PlaidSandbox;
let tl: TrueLayerSandbox;
let t: TestApp;
let web: WebServer;

beforeAll(async () => {
  browser = await launchBrowser();
  plaid = await plaidSandbox();
  tl = await sandbox();
  t = await testApp(tl, { ...plaidEnv(plaid, 'http://localhost:0'), TRAX_TIMEZONE: 'Europe/Berlin' });
  web = await startTestWeb(t.app);
  page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  await page.goto(web.url);
  await page.getByRole('link', { name: 'Link a bank with TrueLayer' }).click();
  await page.locator('a.bank[data-provider-id="xs2a-ing-germany"]').click();
  await page.locator('#username').fill('john');
  await page.locator('#password').fill('doe');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('article.connection h2', { hasText: 'ING' }).waitFor();
  await connectPlaidSandbox(t.app, 'ins_109508');
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
  t?.cleanup();
  await plaid?.close();
  await tl?.close();
});

describe('the dashboard in a browser', () => {
  it('renders its charts with data and a screenshot for the record', async () => {
    await withScreenshotOnFailure(page, 'dashboard', async () => {
      await page.goto(`${web.url}/dashboard?currency=EUR`);
      await page.locator('#chart-months[data-rendered]').waitFor();
      expect(Number(await page.locator('#chart-months').getAttribute('data-rendered'))).toBeGreaterThan(3);
      expect(await page.locator('#chart-trend').getAttribute('data-rendered')).toBe('2');
      expect(await page.locator('[data-kpi="spent"]').textContent()).toMatch(/\d[\d,]*\.\d{2} EUR/);
      expect(await page.locator('table.breakdown tr').count()).toBeGreaterThan(3);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    });
  });

  it('opens the filtered transaction list from a category', async () => {
    await withScreenshotOnFailure(page, 'dashboard-click', async () => {
      await page.goto(`${web.url}/dashboard?currency=EUR`);
      const link = page.locator('[data-category-link="groceries"]');
      const month = await page.locator('input[name="month"]').inputValue();
      await link.click();
      await page.waitForURL(/\/transactions\?/);
      const url = new URL(page.url());
      expect(url.searchParams.get('category')).toBe('groceries');
      expect(url.searchParams.get('month')).toBe(month);
      const shown = Number(await page.locator('[data-total]').getAttribute('data-total'));
      expect(shown).toBe(
        count(
          t.app,
          `SELECT count(*) FROM transactions t JOIN categories c ON c.id = t.category_id WHERE c.slug = 'groceries' AND t.booking_date LIKE ?`,
          `${month}-%`,
        ),
      );
      expect(shown).toBeGreaterThan(0);
      const categories = new Set(await page.locator('button.category').allTextContents());
      expect([...categories].map((c) => c.trim())).toEqual(['Groceries']);
    });
  });

  it('opens the month and category behind a bar when it is clicked', async () => {
    await withScreenshotOnFailure(page, 'dashboard-bar', async () => {
      await page.goto(`${web.url}/dashboard?currency=EUR`);
      const canvas = page.locator('#chart-months');
      await canvas.locator('xpath=.').waitFor();
      const box = (await canvas.boundingBox())!;
      // The last month's biggest segment, found through Chart.js (a refund can push the axis
      // below zero, so a fixed point on the canvas is not a bar): click its middle.
      const target = await canvas.evaluate((el) => {
        const chart = (window as unknown as { Chart: { getChart(c: Element): any } }).Chart.getChart(el);
        const last = chart.data.labels.length - 1;
        let best = { value: 0, x: 0, y: 0, label: '' };
        chart.data.datasets.forEach((d: { data: number[]; label: string }, i: number) => {
          const bar = chart.getDatasetMeta(i).data[last];
          if (d.data[last]! > best.value) best = { value: d.data[last]!, x: bar.x, y: (bar.y + bar.base) / 2, label: d.label };
        });
        return { ...best, month: chart.data.labels[last] as string };
      });
      expect(target.value).toBeGreaterThan(0);
      await page.mouse.click(box.x + target.x, box.y + target.y);
      await page.waitForURL(/\/transactions\?month=\d{4}-\d{2}&category=/, { timeout: 5000 });
      const url = new URL(page.url());
      expect(url.searchParams.get('month')).toBe(target.month);
      expect(url.searchParams.get('category')).toBeTruthy();
    });
  });

  it('lists recurring payments in a table with a header over every column that fits its card', async () => {
    await page.goto(`${web.url}/dashboard?currency=EUR`);
    const table = page.locator('table.recurring');
    await table.waitFor();
    const headers = await table.locator('thead th').allInnerTexts();
    expect(headers).toEqual(['Payee', 'Every', 'Next', 'Per year']);
    const cells = await table.locator('tbody tr').first().locator('td').count();
    expect(cells).toBe(headers.length);
    const fit = await table.evaluate((el) => ({ table: el.scrollWidth, card: el.parentElement!.clientWidth }));
    expect(fit.table).toBeLessThanOrEqual(fit.card);
  });
});
