import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { connectEnableBankingWithCode, startEnableBankingConsent } from '../../src/connections/connect-enablebanking.js';
import { disconnect } from '../../src/connections/disconnect.js';
import { checkCallback } from '../../src/providers/enablebanking/index.js';
import { syncConnection } from '../../src/sync/engine.js';
import { APP_ID, ebWorld, FAST_HTTP, REDIRECT, type EbWorld } from '../helpers/enablebanking.js';

/** Enable Banking wired into Trax: the registry, the store and the sync engine, against the emulator. */
let w: EbWorld;
let app: App;
let dataDir: string;
beforeEach(async () => {
  w = await ebWorld();
  dataDir = mkdtempSync(path.join(tmpdir(), 'trax-ebapp-'));
  const env = {
    TRAX_DATA_DIR: dataDir,
    TRAX_SECRET_KEY: '34'.repeat(32),
    ENABLEBANKING_APP_ID: APP_ID,
    ENABLEBANKING_KEY_FILE: path.join(w.dir, 'private.pem'),
    ENABLEBANKING_REDIRECT_URI: REDIRECT,
    ENABLEBANKING_BASE_URL: w.sb.url,
  };
  app = openApp(parseConfig(env), { now: () => w.sb.clock.now(), http: FAST_HTTP });
});
afterEach(async () => {
  app.close();
  rmSync(dataDir, { recursive: true, force: true });
  await w.close();
});

const rows = () => app.db.prepare('SELECT count(*) FROM transactions').pluck().get() as number;

async function link(username = 'erika') {
  const { auth, bank } = await startEnableBankingConsent(app, { bank: 'ING', country: 'DE' });
  const back = new URL(await w.sb.completeAuth(auth.url, { username, password: 'sandbox' }));
  return connectEnableBankingWithCode(app, checkCallback(Object.fromEntries(back.searchParams), auth.state), { bank });
}

describe('Enable Banking through Trax', () => {
  it('links ING, fills accounts and transactions, a second sync changes nothing, delete closes the session', async () => {
    const { connection, firstSync } = await link();
    expect(connection).toMatchObject({ provider: 'enablebanking', institutionName: 'ING', status: 'active' });
    expect(connection.id).toMatch(/^eb-/);
    const days = (Date.parse(connection.consentExpiresAt!) - w.sb.clock.now().getTime()) / 86_400_000;
    expect(days).toBeGreaterThan(179);
    expect(firstSync).toMatchObject({ status: 'done' });
    expect(firstSync.added).toBeGreaterThan(50);
    expect(rows()).toBe(firstSync.added);
    const accounts = app.accounts.list();
    expect(accounts.some((a) => a.iban?.startsWith('DE'))).toBe(true);
    expect(app.balances.latest().size).toBe(accounts.length);
    // Categories as for every provider.
    expect(app.db.prepare('SELECT count(*) FROM transactions WHERE category_id IS NULL').pluck().get()).toBe(0);

    const again = await syncConnection(app, connection.id, { trigger: 'user' });
    expect(again).toMatchObject({ status: 'done', added: 0, modified: 0, removed: 0 });

    const gone = await disconnect(app, connection.id, { purge: false });
    expect(gone.revokedAtProvider).toBe(true);
    expect(w.sb.sessions().every((s) => s.status !== 'AUTHORIZED')).toBe(true);
    expect(app.connections.get(connection.id)!.status).toBe('revoked');
    expect(rows()).toBe(firstSync.added);
  });

  it('an unknown bank name is answered with the close matches, and nothing is stored', async () => {
    await expect(startEnableBankingConsent(app, { bank: 'INGG', country: 'DE' })).rejects.toThrow(/ING/);
    expect(app.connections.list()).toEqual([]);
  });
});
