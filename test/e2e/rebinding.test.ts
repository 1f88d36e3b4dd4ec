import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWebServer } from '../../src/web/server.js';
import { connect, count, sandbox, testApp } from '../helpers/trax.js';

/**
 * DNS rebinding in a real browser: a name the attacker controls resolves to 127.0.0.1 (here by
 * Chromium's resolver rules instead of a hostile DNS server). The browser then treats Trax as
 * that site's own origin; only the Host check stands between the page and the bank data.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--host-resolver-rules=MAP rebind.example 127.0.0.1',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
});

it('a page under a rebound name gets 421 from every request it makes, and deletes nothing', async () => {
  const sb = await sandbox();
  const t = await testApp(sb);
  const server = await startWebServer(t.app, { port: 0, host: '127.0.0.1', log: () => {} });
  const page = await browser.newPage();
  try {
    const { connection } = await connect(t.app, sb);
    const port = new URL(server.url).port;
    const rebound = `http://rebind.example:${port}`;
    const res = await page.goto(`${rebound}/transactions`);
    expect(res!.status()).toBe(421);
    expect(await page.textContent('body')).toContain('Trax answers only at the address it is served on');

    // The attacker's script, running as rebind.example, tries what a page of Trax's own would.
    const statuses = await page.evaluate(async (id) => {
      const get = await fetch(`/`);
      const del = await fetch(`/connections/${id}/delete`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'purge=1',
      });
      return [get.status, del.status];
    }, connection.id);
    expect(statuses).toEqual([421, 421]);
    expect(t.app.connections.get(connection.id)!.status).toBe('active');
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBeGreaterThan(100);

    // The real name still works in the same browser.
    expect((await page.goto(`${server.url}/transactions`))!.status()).toBe(200);
  } finally {
    await page.close();
    await server.close();
    t.cleanup();
    await sb.close();
  }
});
