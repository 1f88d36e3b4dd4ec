import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import type { WebServer } from '../../src/web/server.js';
import { sandbox, testApp, type TestApp } from '../helpers/trax.js';
import { startTestWeb } from '../helpers/web.js';

/** The Enable Banking pages when Enable Banking is not set up: a sentence, no button, no call out. */
let tl: TrueLayerSandbox;
let t: TestApp;
let web: WebServer;
beforeEach(async () => {
  tl = await sandbox();
  t = await testApp(tl);
  web = await startTestWeb(t.app);
});
afterEach(async () => {
  await web.close();
  t.cleanup();
  await tl.close();
});

describe('Enable Banking not configured', () => {
  it('the Banks page has no Enable Banking button and the picker says what to set', async () => {
    const home = await (await fetch(`${web.url}/`)).text();
    expect(home).toContain('Link a bank with TrueLayer');
    expect(home).not.toContain('Link a bank with Enable Banking');
    const res = await fetch(`${web.url}/connect/enablebanking`);
    expect(res.status).toBe(503);
    const page = await res.text();
    expect(page).toContain(
      'Enable Banking is not configured (set ENABLEBANKING_APP_ID, ENABLEBANKING_KEY_FILE and ENABLEBANKING_REDIRECT_URI in .env).',
    );
    expect(page).not.toContain('class="bank"');
    expect((await fetch(`${web.url}/connect/enablebanking/logo?country=DE&name=ING`)).status).toBe(404);
  });

  it('a Renew link for a connection that is not Enable Banking is refused with a sentence', async () => {
    const res = await fetch(`${web.url}/connect/enablebanking?relink=tl-000000`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      'There is no Enable Banking connection tl-000000 to renew; run `trax connections` to see the ids.',
    );
  });
});
