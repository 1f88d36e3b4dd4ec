import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectPlaidSandbox } from '../../src/connections/connect-plaid.js';
import type { PlaidSandbox } from '../../src/sandbox/plaid/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { syncConnection } from '../../src/sync/engine.js';
import type { WebServer } from '../../src/web/server.js';
import { startTestWeb } from '../helpers/web.js';
import { launchBrowser, withScreenshotOnFailure } from '../helpers/browser.js';
import { plaidEnv, plaidSandbox } from '../helpers/plaid.js';
import { count, sandbox, testApp, type TestApp } from '../helpers/trax.js';

/**
 * The web app in a real browser (Debian's Chromium), against both emulators: Plaid Link's
 * stand-in script and TrueLayer's auth dialog run exactly where the real ones would.
 */
let browser: Browser;
let page: Page;
let plaid: PlaidSandbox;
let tl: TrueLayerSandbox;
let t: TestApp;
let web: WebServer;
let alerts: string[];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  plaid = await plaidSandbox();
  tl = await sandbox();
  t = await testApp(tl, { ...plaidEnv(plaid, 'http://localhost:0') });
  web = await startTestWeb(t.app);
  page = await browser.newPage();
  alerts = [];
  page.on('dialog', (d) => {
    if (d.type() === 'alert') alerts.push(d.message());
    void d.accept();
  });
  await page.goto(web.url);
});
afterEach(async () => {
  await page?.close();
  await web.idle();
  await web.close();
  t.cleanup();
  await plaid.close();
  await tl.close();
});

const card = (name: string) => page.locator('article.connection', { has: page.locator('h2', { hasText: name }) });

async function linkPlaid(institution: string, opts: { oauth: boolean }) {
  await page.getByRole('button', { name: 'Link a bank with Plaid' }).click();
  await page.locator('#plaid-link-standin').getByRole('button', { name: institution }).click();
  if (opts.oauth) {
    // The bank's own consent page (a full redirect), then back to Trax's /oauth-return.
    await page.getByRole('button', { name: 'Authorize' }).click();
    await page.waitForURL(/\/oauth-return\?oauth_state_id=/);
  } else {
    await page.locator('#plaid-link-standin input[name="username"]').fill('user_good');
    await page.locator('#plaid-link-standin input[name="password"]').fill('pass_good');
    await page.locator('#plaid-link-standin').getByRole('button', { name: 'Submit' }).click();
  }
  await card(institution).waitFor({ timeout: 15_000 });
}

describe('the Banks page in a browser', () => {
  it('links a non-OAuth Plaid bank with Link', async () => {
    await withScreenshotOnFailure(page, 'plaid-non-oauth', async () => {
      expect(await page.getByText('No banks linked yet').count()).toBe(1);
      await linkPlaid('First Platypus Bank', { oauth: false });
      const c = card('First Platypus Bank');
      expect(await c.locator('.status').textContent()).toBe('active');
      expect(await c.locator('.expiry').getAttribute('data-expiry')).toBe('unknown');
      expect(await c.locator('table.accounts tr').count()).toBeGreaterThan(0);
      expect(await page.locator('.flash.ok').textContent()).toMatch(/Connected First Platypus Bank: \d+ new transactions/);
    });
  });

  it('links a UK OAuth Plaid bank through the bank’s page and /oauth-return', async () => {
    await withScreenshotOnFailure(page, 'plaid-oauth', async () => {
      await linkPlaid('Royal Bank of Plaid', { oauth: true });
      const expiry = card('Royal Bank of Plaid').locator('.expiry');
      expect(await expiry.getAttribute('data-expiry')).toBe('ok');
      expect(await expiry.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(22, 121, 76)');
      expect(page.url()).toBe(`${web.url}/`);
    });
  });

  it('links the TrueLayer mock bank through the auth dialog', async () => {
    await withScreenshotOnFailure(page, 'truelayer-mock', async () => {
      await page.getByRole('link', { name: 'Link a bank with TrueLayer' }).click();
      await page.locator('a.bank[data-provider-id="mock"]').click();
      await page.locator('#username').fill('john');
      await page.locator('#password').fill('doe');
      await page.getByRole('button', { name: 'Log in' }).click();
      await card('Mock').waitFor();
      expect(await card('Mock').locator('.expiry').getAttribute('data-expiry')).toBe('ok');
      expect(await card('Mock').textContent()).toContain('TRANSACTION ACCOUNT 1');
    });
  });

  it('colours consent expiry: red when expired, amber within 7 days', async () => {
    await withScreenshotOnFailure(page, 'expiry-colours', async () => {
      const a = await connectPlaidSandbox(t.app, 'ins_117650');
      const b = await connectPlaidSandbox(t.app, 'ins_116834');
      const now = t.app.now().getTime(); // the app's (and the emulators') clock, not the machine's
      t.app.connections.setConsentExpiry(a.connection.id, new Date(now - 86_400_000).toISOString(), new Date(now).toISOString());
      t.app.connections.setConsentExpiry(
        b.connection.id,
        new Date(now + 3 * 86_400_000).toISOString(),
        new Date(now).toISOString(),
      );
      await page.reload();
      const red = card('Royal Bank of Plaid').locator('.expiry');
      const amber = card('Flexible Platypus Open Banking').locator('.expiry');
      expect(await red.getAttribute('data-expiry')).toBe('expired');
      expect(await red.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(192, 16, 72)');
      expect(await amber.getAttribute('data-expiry')).toBe('soon');
      expect(await amber.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(181, 71, 8)');
      expect(await amber.textContent()).toMatch(/in [23] days/);
    });
  });

  it('relinks an Item in ITEM_LOGIN_REQUIRED with update mode and sees it healthy again', async () => {
    await withScreenshotOnFailure(page, 'plaid-relink', async () => {
      const { connection } = await connectPlaidSandbox(t.app, 'ins_109508');
      plaid.resetLogin(connection.externalId);
      await syncConnection(t.app, connection.id, { trigger: 'user' });
      await web.idle();
      await page.reload();
      const c = card('First Platypus Bank');
      expect(await c.locator('.status').textContent()).toBe('needs relink');
      await c.getByRole('button', { name: 'Relink' }).click();
      await page.locator('#plaid-link-standin input[name="username"]').fill('user_good');
      await page.locator('#plaid-link-standin input[name="password"]').fill('pass_good');
      await page.locator('#plaid-link-standin').getByRole('button', { name: 'Submit' }).click();
      await page.locator('.flash.ok', { hasText: 'relinked and synced' }).waitFor();
      expect(await card('First Platypus Bank').locator('.status').textContent()).toBe('active');
      expect(count(t.app, 'SELECT count(*) FROM connections')).toBe(1);
    });
  });

  it('deletes a bank: gone from the page and from Plaid', async () => {
    await withScreenshotOnFailure(page, 'plaid-delete', async () => {
      const { connection } = await connectPlaidSandbox(t.app, 'ins_109508');
      await page.reload();
      await card('First Platypus Bank').getByRole('button', { name: 'Delete' }).click();
      await page.locator('.flash', { hasText: 'First Platypus Bank deleted' }).waitFor();
      expect(await card('First Platypus Bank').count()).toBe(0);
      expect(plaid.items().map((i) => i.itemId)).not.toContain(connection.externalId);
      expect(count(t.app, 'SELECT count(*) FROM transactions')).toBeGreaterThan(0);
    });
  });

  it('shows a transaction named like markup as text and runs nothing', async () => {
    await withScreenshotOnFailure(page, 'markup-as-text', async () => {
      await connectPlaidSandbox(t.app, 'ins_109508');
      await page.goto(`${web.url}/transactions`);
      const cell = page.locator('td.description', { hasText: '<img src=x onerror=alert(1)>' });
      expect(await cell.count()).toBeGreaterThan(0);
      expect(await page.locator('td.description img').count()).toBe(0);
      expect(alerts).toEqual([]);
    });
  });

  it('changes a category inline and applies it to similar transactions', async () => {
    await withScreenshotOnFailure(page, 'inline-category', async () => {
      await connectPlaidSandbox(t.app, 'ins_109508');
      await page.goto(`${web.url}/transactions`);
      const row = page.locator('tr', { has: page.locator('td.description', { hasText: 'Starbucks' }) }).first();
      await row.locator('button.category').click();
      await row.locator('select[name="category"]').selectOption('entertainment');
      await row.locator('input[name="similar"]').check();
      await row.getByRole('button', { name: 'Save' }).click();
      await row.locator('.similar-preview', { hasText: 'This creates a rule' }).waitFor();
      await row.getByRole('button', { name: /^Apply to \d+ more$/ }).click();
      await page.locator('#link-status', { hasText: 'A rule now applies it to similar transactions' }).waitFor();
      await page.waitForLoadState('load');
      await page.reload();
      const cells = page
        .locator('tr', { has: page.locator('td.description', { hasText: 'Starbucks' }) })
        .locator('button.category');
      const texts = await cells.allTextContents();
      expect(texts.length).toBeGreaterThan(1);
      expect(new Set(texts.map((x) => x.trim()))).toEqual(new Set(['Entertainment']));
      expect(count(t.app, `SELECT count(*) FROM rules`)).toBe(1);
      expect(count(t.app, `SELECT count(*) FROM category_choices`)).toBe(1);
    });
  });
});
