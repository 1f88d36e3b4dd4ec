import type { Browser, Dialog, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import type { WebServer } from '../../src/web/server.js';
import { launchBrowser } from './browser.js';
import { connect, sandbox, testApp, type TestApp } from './trax.js';
import { startTestWeb } from './web.js';

/** What a browser test works with; the fields are set anew before each test. */
export interface WebRig {
  browser: Browser;
  page: Page;
  tl: TrueLayerSandbox;
  t: TestApp;
  web: WebServer;
}

export interface WebRigOptions {
  /** Link the emulator's bank and run its first sync before each test (default true). */
  link?: boolean;
  /** Open the web app's start page before each test. */
  open?: boolean;
  /** Answers the page's confirm() and alert() dialogs. */
  dialog?: (d: Dialog) => void;
}

/**
 * The set-up most browser tests share: one Chromium per file; before each test a TrueLayer
 * emulator on its fixed clock, a Trax app on a real SQLite file, the web server on a port of its
 * own and a fresh page; after it, all of them closed. Registers the hooks itself, so call it at the
 * top level of the test file and read the fields in the file's own beforeEach.
 */
export function useWebRig(o: WebRigOptions = {}): WebRig {
  const rig = {} as WebRig;
  beforeAll(async () => {
    rig.browser = await launchBrowser();
  });
  afterAll(async () => {
    await rig.browser?.close();
  });
  beforeEach(async () => {
    rig.tl = await sandbox();
    rig.t = await testApp(rig.tl);
    if (o.link ?? true) await connect(rig.t.app, rig.tl);
    rig.web = await startTestWeb(rig.t.app);
    rig.page = await rig.browser.newPage();
    if (o.dialog) rig.page.on('dialog', o.dialog);
    if (o.open) await rig.page.goto(rig.web.url);
  });
  afterEach(async () => {
    await rig.page?.close();
    await rig.web?.close();
    rig.t?.cleanup();
    await rig.tl?.close();
  });
  return rig;
}
