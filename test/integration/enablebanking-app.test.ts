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

describe('a response cut off mid-body (malformed JSON)', () => {
  it('fails the sync with one sentence, writes nothing, and the next sync converges', async () => {
    const { connection } = await link();
    const before = rows();
    const snapshot = app.db.prepare('SELECT dedupe_key, amount_minor FROM transactions ORDER BY 1').all();
    // Two days of new bookings, then the transactions answer breaks off halfway.
    w.sb.clock.advance(2 * 86_400_000);
    void w.sb.interrupt.hold(1, 'truncate', /\/transactions$/);
    const broken = await syncConnection(app, connection.id, { trigger: 'user' });
    expect(broken.status).toBe('failed');
    expect(broken.error?.message).toBe(
      'Enable Banking GET /accounts/{uid}/transactions returned something that is not JSON; nothing from it was saved. Try again later.',
    );
    expect(app.db.prepare('SELECT dedupe_key, amount_minor FROM transactions ORDER BY 1').all()).toEqual(snapshot);
    expect(app.connections.get(connection.id)!.status).not.toBe('needs_reauth');

    const healed = await syncConnection(app, connection.id, { trigger: 'user' });
    expect(healed.status).toBe('done');
    const again = await syncConnection(app, connection.id, { trigger: 'user' });
    expect(again).toMatchObject({ status: 'done', added: 0, modified: 0 });
    expect(rows()).toBeGreaterThanOrEqual(before);
  });
});

describe('renewing logged in as someone else', () => {
  it('is refused with a sentence, the new session closed, the connection and its accounts as they were', async () => {
    const { connection } = await link('erika');
    const accounts = app.accounts.list();
    const before = rows();
    const renew = async (username: string) => {
      const { auth } = await startEnableBankingConsent(app, { relinkId: connection.id });
      const back = new URL(await w.sb.completeAuth(auth.url, { username, password: 'sandbox' }));
      return connectEnableBankingWithCode(app, checkCallback(Object.fromEntries(back.searchParams), auth.state), {
        relinkId: connection.id,
      });
    };
    // Another member of the household, with accounts of her own at the same bank.
    await expect(renew('anna')).rejects.toThrow(
      `That login at ING gave access to other accounts than ${connection.id} holds (Girokonto, Extra-Konto); renew it logged in as the person who linked it. Nothing was changed.`,
    );
    expect(app.accounts.list()).toEqual(accounts);
    expect(rows()).toBe(before);
    expect(app.connections.get(connection.id)!.externalId).toBe(connection.externalId);
    expect(w.sb.sessions().map((s) => s.status)).toEqual(['AUTHORIZED', 'CLOSED']);

    const renewed = await renew('erika');
    expect(renewed.firstSync.status).toBe('done');
    expect(app.accounts.list().map((a) => a.id)).toEqual(accounts.map((a) => a.id));
  });
});
