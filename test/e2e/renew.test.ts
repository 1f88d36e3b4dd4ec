import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectPlaidSandbox } from '../../src/connections/connect-plaid.js';
import type { PlaidSandbox } from '../../src/sandbox/plaid/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import type { WebServer } from '../../src/web/server.js';
import { launchBrowser, withScreenshotOnFailure } from '../helpers/browser.js';
import { plaidEnv, plaidSandbox } from '../helpers/plaid.js';
import { startTestWeb } from '../helpers/web.js';
import { count, sandbox, testApp, type TestApp } from '../helpers/trax.js';

/**
 * Renew for TrueLayer and Plaid (Enable Banking's is in enablebanking.test.ts): from 7 days
 * before the consent ends the card offers Renew, which runs the provider's relink flow on the
 * same connection, and the reminder goes away.
 */
let browser: Browser;
let page: Page;
let plaid: PlaidSandbox;
let tl: TrueLayerSandbox;
let t: TestApp;
let web: WebServer;
const DAY = 86_400_000;

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
  page.setDefaultTimeout(10_000);
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
/** Moves a consent's end to `days` from the app's clock (the emulators' clock, not the machine's). */
function expireIn(id: string, days: number) {
  const now = t.app.now().getTime();
  t.app.connections.setConsentExpiry(id, new Date(now + days * DAY).toISOString(), new Date(now).toISOString());
}
const accountIds = () => t.app.accounts.list().map((a) => [a.id, a.providerAccountId]);

describe('Renew near the end of a consent', () => {
  it('TrueLayer: Renew runs the auth dialog again and re-attaches the new consent to the same connection', async () => {
    await withScreenshotOnFailure(page, 'renew-truelayer', async () => {
      await page.getByRole('link', { name: 'Link a bank with TrueLayer' }).click();
      await page.locator('a.bank[data-provider-id="mock"]').click();
      await page.locator('#username').fill('john');
      await page.locator('#password').fill('doe');
      await page.getByRole('button', { name: 'Log in' }).click();
      await card('Mock').waitFor();
      const [c] = t.app.connections.list();
      const accounts = accountIds();
      const rows = count(t.app, 'SELECT count(*) FROM transactions');

      expireIn(c!.id, 8);
      await page.reload();
      expect(await card('Mock').getByRole('link', { name: 'Renew' }).count()).toBe(0);
      expireIn(c!.id, 5);
      await page.reload();
      expect(await page.locator(`[data-reminder="${c!.id}"]`).getByRole('link').textContent()).toBe('Renew');
      await card('Mock').getByRole('link', { name: 'Renew' }).click();
      await page.locator('a.bank[data-provider-id="mock"]').click();
      await page.locator('#username').fill('john');
      await page.locator('#password').fill('doe');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.locator('.flash.ok', { hasText: 'Relinked Mock' }).waitFor();

      expect(t.app.connections.list().map((x) => x.id)).toEqual([c!.id]);
      expect(accountIds()).toEqual(accounts);
      expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(rows);
      expect(await card('Mock').locator('.expiry').getAttribute('data-expiry')).toBe('ok');
      expect(await page.locator(`[data-reminder="${c!.id}"]`).count()).toBe(0);
    });
  });

  it('Plaid: Renew opens Link in update mode on the same Item', async () => {
    await withScreenshotOnFailure(page, 'renew-plaid', async () => {
      const { connection } = await connectPlaidSandbox(t.app, 'ins_109508');
      const accounts = accountIds();
      expireIn(connection.id, 3);
      await page.reload();
      const renew = card('First Platypus Bank').getByRole('button', { name: 'Renew' });
      expect(await renew.count()).toBe(1);
      await renew.click();
      await page.locator('#plaid-link-standin input[name="username"]').fill('user_good');
      await page.locator('#plaid-link-standin input[name="password"]').fill('pass_good');
      await page.locator('#plaid-link-standin').getByRole('button', { name: 'Submit' }).click();
      await page.locator('.flash.ok', { hasText: 'relinked and synced' }).waitFor();

      expect(t.app.connections.list().map((x) => x.id)).toEqual([connection.id]);
      expect(t.app.connections.get(connection.id)!.externalId).toBe(connection.externalId);
      expect(accountIds()).toEqual(accounts);
      expect(await card('First Platypus Bank').getByRole('button', { name: 'Renew' }).count()).toBe(0);
      expect(await page.locator(`[data-reminder="${connection.id}"]`).count()).toBe(0);
    });
  });
});
