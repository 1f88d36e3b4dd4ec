import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import type { WebServer } from '../../src/web/server.js';
import { startTestWeb } from '../helpers/web.js';
import { ARTIFACTS, launchBrowser, withScreenshotOnFailure } from '../helpers/browser.js';
import { sandbox, testApp, type TestApp } from '../helpers/trax.js';

/**
 * The German pages in a real German browser on a 390 px phone: German words are longer than
 * English ones, so each page is checked again for sideways scrolling and for axe's serious
 * violations, and a screenshot is kept as a test artifact.
 */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 390, height: 844 };

let browser: Browser;
let tl: TrueLayerSandbox;
let t: TestApp;
let web: WebServer;

async function german(): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE, bypassCSP: true, locale: 'de-DE' });
  return context.newPage();
}

beforeAll(async () => {
  browser = await launchBrowser();
  tl = await sandbox();
  t = await testApp(tl, { TRAX_TIMEZONE: 'Europe/Berlin' });
  web = await startTestWeb(t.app);
  const page = await german();
  await page.goto(web.url);
  // The German Banks page links a bank like the English one.
  await page.getByRole('link', { name: 'Bank über TrueLayer verknüpfen' }).click();
  await page.locator('a.bank[data-provider-id="xs2a-ing-germany"]').click();
  await page.locator('#username').fill('john');
  await page.locator('#password').fill('doe');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('article.connection h2', { hasText: 'ING' }).waitFor();
  await page.context().close();
});
afterAll(async () => {
  await browser?.close();
  await web?.close();
  t?.cleanup();
  await tl?.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = (await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: object) => Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run({ resultTypes: ['violations'] })).violations;
  })) as Array<{ id: string; impact: string | null }>;
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact})`);
}

describe('German pages on a 390 px phone', () => {
  const pages: Array<[string, string, string]> = [
    ['banks', '/', 'Ihre Banken'],
    ['transactions', '/transactions', 'Umsätze'],
    ['import', '/import', 'Datei importieren'],
  ];
  for (const [name, url, heading] of pages) {
    it(`${name} is German, fits the screen and has no serious accessibility violation`, async () => {
      const page = await german();
      await withScreenshotOnFailure(page, `phone-${name}-de`, async () => {
        const res = await page.goto(`${web.url}${url}`);
        expect(res?.status()).toBe(200);
        expect(await page.locator('html').getAttribute('lang')).toBe('de');
        await expect(page.locator('h1').first().textContent()).resolves.toBe(heading);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${url} is ${width} px wide`).toBeLessThanOrEqual(PHONE.width);
        expect(await seriousViolations(page)).toEqual([]);
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: path.join(ARTIFACTS, `phone-${name}-de.png`), fullPage: true });
      });
      await page.context().close();
    });
  }

  it('shows German dates and amounts in the transaction list a German browser sees', async () => {
    const page = await german();
    await page.goto(`${web.url}/transactions`);
    const first = page.locator('table.transactions tbody tr').first();
    await expect(first.locator('td').first().textContent()).resolves.toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    await expect(first.locator('td.amount').textContent()).resolves.toMatch(/^-?[\d.]+,\d{2}\s€$/);
    await page.context().close();
  });
});
