import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { chooseCategory } from '../../src/categorize/choose.js';
import { parseConfig } from '../../src/config/index.js';
import type { WebServer } from '../../src/web/server.js';
import { launchBrowser, withScreenshotOnFailure } from '../helpers/browser.js';
import { startTestWeb } from '../helpers/web.js';
import { APP_ID, ebWorld, FAST_HTTP, type EbWorld } from '../helpers/enablebanking.js';

/**
 * "Link a bank with Enable Banking" in a real browser (Debian's Chromium): the picker from
 * /aspsps, the emulator's hosted login page, the callback, and Renew near the consent's end.
 */
let browser: Browser;
let page: Page;
let w: EbWorld;
let app: App;
let web: WebServer;
let dataDir: string;
let alerts: string[];
/** A catalogue entry an attacker could plant: markup and a right-to-left override in the name. */
const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">Bank \u202Eknab\u202C';
const HOSTILE_BANK = {
  name: HOSTILE_NAME,
  country: 'DE',
  bic: 'HOSTDEXXXXX',
  maximumConsentValidity: 180 * 86_400,
  requiredPsuHeaders: [],
  beta: false,
  persona: 'ing-de' as const,
};
const DAY = 86_400_000;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  w = await ebWorld({ extraAspsps: [HOSTILE_BANK] });
  dataDir = mkdtempSync(path.join(tmpdir(), 'trax-ebweb-'));
  app = openApp(
    parseConfig({
      TRAX_DATA_DIR: dataDir,
      TRAX_SECRET_KEY: '56'.repeat(32),
      ENABLEBANKING_APP_ID: APP_ID,
      ENABLEBANKING_KEY_FILE: path.join(w.dir, 'private.pem'),
      ENABLEBANKING_REDIRECT_URI: 'http://localhost:0/callback/enablebanking',
      ENABLEBANKING_BASE_URL: w.sb.url,
    }),
    { now: () => w.sb.clock.now(), http: FAST_HTTP },
  );
  web = await startTestWeb(app);
  // The callback's port is known now; register it as one would in the control panel.
  w.sb.allowRedirect(APP_ID, app.config.enablebanking!.redirectUri);
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  alerts = [];
  page.on('dialog', (d) => {
    alerts.push(d.message());
    void d.accept();
  });
  await page.goto(web.url);
});
afterEach(async () => {
  await page?.close();
  await web.idle();
  await web.close();
  app.close();
  rmSync(dataDir, { recursive: true, force: true });
  await w.close();
});

const one = (sql: string, ...params: unknown[]) =>
  app.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
const card = (name: string) => page.locator('article.connection', { has: page.locator('h2', { hasText: name }) });

/** The bank's own login on the emulator's hosted page. */
async function logIn(username: string) {
  await page.waitForURL((u) => u.toString().startsWith(w.sb.url));
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill('sandbox');
  await page.getByRole('button', { name: 'Anmelden und erlauben' }).click();
}

async function linkIng(username = 'erika') {
  await page.getByRole('link', { name: 'Link a bank with Enable Banking' }).click();
  await page.locator('button.bank[data-bank="ING"]').click();
  await logIn(username);
  await page.waitForURL(`${web.url}/`);
}

describe('Enable Banking in the web app', () => {
  it('picks ING from the /aspsps picker, logs in at the bank, and lands on Banks with its accounts', async () => {
    await withScreenshotOnFailure(page, 'eb-link', async () => {
      await page.getByRole('link', { name: 'Link a bank with Enable Banking' }).click();
      // The catalogue: names, countries, logos served from Trax's origin (the CSP allows no other).
      const names = await page.locator('button.bank .bank-name').allTextContents();
      expect(names).toEqual(expect.arrayContaining(['ING', 'DKB', 'Trade Republic']));
      expect(await page.locator('select[name="country"]').inputValue()).toBe('DE');
      const logo = page.locator('button.bank[data-bank="ING"] img.logo');
      await logo.scrollIntoViewIfNeeded();
      await page.waitForFunction(
        () => (document.querySelector('button.bank[data-bank="ING"] img') as HTMLImageElement | null)?.complete,
      );
      expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      expect(await page.locator('button.bank[data-bank="Trade Republic"]').textContent()).toContain('DE · beta');

      // The filter box narrows the list; what was typed comes back as text, never as markup.
      await page.getByLabel('Filter banks').fill('dkb');
      await page.getByRole('button', { name: 'Show banks' }).click();
      expect(await page.locator('button.bank .bank-name').allTextContents()).toEqual(['DKB']);
      await page.getByLabel('Filter banks').fill('<b>x</b>');
      await page.getByRole('button', { name: 'Show banks' }).click();
      expect(await page.locator('.empty').textContent()).toBe(
        'No bank in DE matches “<b>x</b>”. Clear the filter or try another name.',
      );
      expect(await page.locator('.empty b').count()).toBe(0);

      await page.getByLabel('Filter banks').fill('');
      await page.getByRole('button', { name: 'Show banks' }).click();
      await page.locator('button.bank[data-bank="ING"]').click();
      await logIn('erika');
      await page.waitForURL(`${web.url}/`);

      const c = card('ING');
      expect(await c.locator('.provider').textContent()).toBe('enablebanking · sandbox');
      expect(await c.locator('.status').textContent()).toBe('active');
      expect(await c.locator('.expiry').getAttribute('data-expiry')).toBe('ok');
      expect(await c.locator('img.logo').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
      const rows = await c.locator('table.accounts tr').allTextContents();
      expect(rows.some((r) => r.includes('Girokonto') && r.includes('DE'))).toBe(true);
      const added = one('SELECT count(*) FROM transactions');
      expect(added).toBeGreaterThan(50);
      expect(await page.locator('.flash.ok').textContent()).toBe(`Connected ING: ${added} new transactions.`);
      expect(one("SELECT count(*) FROM connections WHERE provider = 'enablebanking' AND status = 'active'")).toBe(1);
      expect(alerts).toEqual([]);
    });
  });

  it('a bank whose name is markup with a bidi override shows as plain text, and links', async () => {
    await withScreenshotOnFailure(page, 'eb-hostile-bank', async () => {
      await page.getByRole('link', { name: 'Link a bank with Enable Banking' }).click();
      const button = page.locator('button.bank', { hasText: 'onerror' });
      // Text, not an element; the override blanked like every bidi control on Trax's pages.
      expect(await button.locator('.bank-name').textContent()).toBe('<img src=x onerror="window.__pwned=1">Bank  knab ');
      expect(await button.locator('img:not(.logo)').count()).toBe(0);
      await button.click();
      await logIn('mallory');
      await page.waitForURL(`${web.url}/`);
      expect(await page.locator('.flash.ok').textContent()).toMatch(
        /^Connected <img src=x onerror="window.__pwned=1">Bank {2}knab : \d+ new transactions\.$/,
      );
      // Stored as the catalogue spells it: the next /auth (a renewal) names the bank exactly.
      expect(app.db.prepare('SELECT institution_id FROM connections').pluck().get()).toBe(`DE:${HOSTILE_NAME}`);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(alerts).toEqual([]);
    });
  });

  it('a refusal at the bank comes back as a sentence and connects nothing', async () => {
    await withScreenshotOnFailure(page, 'eb-denied', async () => {
      await page.getByRole('link', { name: 'Link a bank with Enable Banking' }).click();
      await page.locator('button.bank[data-bank="ING"]').click();
      await page.waitForURL((u) => u.toString().startsWith(w.sb.url));
      await page.locator('input[name="username"]').fill('denied');
      await page.getByRole('button', { name: 'Anmelden und erlauben' }).click();
      await page.waitForURL(`${web.url}/`);
      expect(await page.locator('.flash.error').textContent()).toBe(
        'The bank login did not give Trax access (access_denied: The user refused access at the bank); nothing was connected.',
      );
      expect(one('SELECT count(*) FROM connections')).toBe(0);
    });
  });

  it('a callback with a state this browser did not start is refused with a sentence', async () => {
    await withScreenshotOnFailure(page, 'eb-wrong-state', async () => {
      // A login really in progress, and a forged return carrying another state.
      await page.getByRole('link', { name: 'Link a bank with Enable Banking' }).click();
      await page.locator('button.bank[data-bank="ING"]').click();
      await page.waitForURL((u) => u.toString().startsWith(w.sb.url));
      const res = await page.goto(`${web.url}/callback/enablebanking?code=forged&state=not-ours`);
      expect(res!.status()).toBe(400);
      expect(await page.locator('h1').textContent()).toBe('This login was not started here');
      expect(one('SELECT count(*) FROM connections')).toBe(0);
      expect(w.sb.sessions()).toEqual([]);
    });
  });

  it('linking the same accounts twice is refused and the extra session is closed at once', async () => {
    await withScreenshotOnFailure(page, 'eb-duplicate', async () => {
      await linkIng();
      const first = app.connections.list()[0]!;
      await linkIng();
      expect(await page.locator('.flash.error').textContent()).toBe(
        `ING (Girokonto) is already linked as ${first.id}; use Renew or Relink on it instead of linking it twice.`,
      );
      expect(app.connections.list().map((c) => c.id)).toEqual([first.id]);
      expect(w.sb.sessions().map((s) => s.status)).toEqual(['AUTHORIZED', 'CLOSED']);
      // Another household member at the same bank has other accounts: that links.
      await linkIng('max');
      expect(await page.locator('.flash.ok').textContent()).toMatch(/^Connected ING: \d+ new transactions\.$/);
      expect(one("SELECT count(*) FROM connections WHERE status = 'active'")).toBe(2);
    });
  });

  it('from 7 days before expiry the card says Renew, which renews the same connection and accounts', async () => {
    await withScreenshotOnFailure(page, 'eb-renew', async () => {
      await linkIng();
      const before = app.connections.list()[0]!;
      const accounts = app.accounts.list().map((a) => [a.id, a.providerAccountId, a.iban]);
      const txn = one('SELECT min(id) FROM transactions');
      chooseCategory(app, txn, 'entertainment', { similar: false });
      expect(await card('ING').getByRole('link', { name: 'Relink' }).count()).toBe(1);

      // Eight days before the end: still plain Relink. Six days before: Renew, on the card and the banner.
      const end = Date.parse(before.consentExpiresAt!);
      w.sb.clock.set(new Date(end - 8 * DAY));
      await page.reload();
      expect(await card('ING').getByRole('link', { name: 'Renew' }).count()).toBe(0);
      w.sb.clock.set(new Date(end - 6 * DAY));
      await page.reload();
      expect(await card('ING').locator('.expiry').getAttribute('data-expiry')).toBe('soon');
      expect(await page.locator(`[data-reminder="${before.id}"]`).textContent()).toContain('Renew');
      await card('ING').getByRole('link', { name: 'Renew' }).click();

      expect(await page.locator('h1').textContent()).toBe(`Renew ${before.id} with Enable Banking`);
      expect(await page.locator('button.bank .bank-name').allTextContents()).toEqual(['ING']);
      await page.locator('button.bank[data-bank="ING"]').click();
      await logIn('erika');
      await page.waitForURL(`${web.url}/`);

      const after = app.connections.get(before.id)!;
      expect(await page.locator('.flash.ok').textContent()).toMatch(
        new RegExp(`^Renewed ING: consent valid until ${after.consentExpiresAt!.slice(0, 10)}, \\d+ new transactions\\.$`),
      );
      expect(app.connections.list().map((c) => c.id)).toEqual([before.id]);
      expect(after.externalId).not.toBe(before.externalId);
      expect(Date.parse(after.consentExpiresAt!) - w.sb.clock.now().getTime()).toBeGreaterThan(179 * DAY);
      expect(app.accounts.list().map((a) => [a.id, a.providerAccountId, a.iban])).toEqual(accounts);
      expect(one('SELECT c.slug FROM transactions t JOIN categories c ON c.id = t.category_id WHERE t.id = ?', txn)).toBe(
        'entertainment',
      );
      expect(await card('ING').locator('.expiry').getAttribute('data-expiry')).toBe('ok');
      expect(await page.locator(`[data-reminder="${before.id}"]`).count()).toBe(0);
      expect(await card('ING').getByRole('link', { name: 'Relink' }).count()).toBe(1);
      // The old session is closed: one live grant at the bank.
      expect(w.sb.sessions().map((s) => s.status)).toEqual(['CLOSED', 'AUTHORIZED']);
    });
  });

  it('when /aspsps refuses the application, the picker says so in a sentence', async () => {
    await withScreenshotOnFailure(page, 'eb-aspsps-fails', async () => {
      app.config.enablebanking!.appId = '00000000-0000-0000-0000-000000000000';
      const res = await page.goto(`${web.url}/connect/enablebanking`);
      expect(res!.status()).toBe(502);
      expect(await page.locator('.empty.error').textContent()).toMatch(
        /^Trax could not load the bank list from Enable Banking: Enable Banking GET \/aspsps: .+\.$/,
      );
      expect(await page.locator('button.bank').count()).toBe(0);
    });
  });
});
