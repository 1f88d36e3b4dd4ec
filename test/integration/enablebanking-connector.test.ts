import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError, TraxError } from '../../src/domain/errors.js';
import type { TransactionSnapshot } from '../../src/domain/types.js';
import type { SyncPage } from '../../src/providers/provider.js';
import {
  buildAuthRequest,
  checkCallback,
  enableBankingClient,
  enablebankingConnector,
  findBank,
  listAspsps,
} from '../../src/providers/enablebanking/index.js';
import { buildIngPersona } from '../../src/sandbox/truelayer/personas/ing-de.js';
import { generateDemoKeyPair } from '../../src/sandbox/enablebanking/index.js';
import { testStart } from '../helpers/clock.js';
import { collect, connect, ebWorld, FAST_HTTP, type EbWorld } from '../helpers/enablebanking.js';

/**
 * The Enable Banking connector against its emulator over real HTTP: the emulator checks the
 * application JWT as the real API does, so every call here is signed with the key file the
 * config names. All dates come from the emulator clock, started at the file's test instant.
 */
const DAY = 86_400_000;
let w: EbWorld;
beforeAll(async () => {
  w = await ebWorld({ pageSize: 40 });
});
afterAll(() => w.close());

const strip = ({ raw: _raw, ...row }: TransactionSnapshot) => row;
const booked = (pages: SyncPage[]) => pages.flatMap((p) => p.upserts);
const pendingOf = (pages: SyncPage[], id: string) =>
  pages.flatMap((p) => p.pendingSnapshots).find((s) => s.providerAccountId === id)!.rows;

async function failure<T>(p: Promise<T>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('expected a ProviderError');
}

describe('application JWT', () => {
  it('a sync signs every call with the configured key file, and the emulator refuses none of them', async () => {
    // Trax's own signer, not a hand-made token: the emulator checks signature, kid, issuer, audience
    // and the 24 h lifetime limit as the real API does (its refusals are in test/sandbox/enablebanking.test.ts).
    const { store } = await connect(w);
    const from = w.sb.requestLog.length;
    expect((await collect(w, store)).length).toBeGreaterThan(0);
    const calls = w.sb.requestLog.slice(from);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.filter((r) => r.status === 401)).toEqual([]);
  });

  it('rejected by the server becomes one sentence naming the variables to check', async () => {
    const other = { ...w.cfg, privateKey: createPrivateKey(generateDemoKeyPair().privateKeyPem) };
    const e = await failure(listAspsps(enableBankingClient(other, FAST_HTTP, w.now), 'DE'));
    expect(e.kind).toBe('invalid_request');
    expect(e.message).toBe(
      'Enable Banking GET /aspsps: Enable Banking rejected the application token; check ENABLEBANKING_APP_ID and ENABLEBANKING_KEY_FILE belong to the same application (UNAUTHORIZED_ACCESS).',
    );
  });
});

describe('bank picker', () => {
  it('lists the German banks with their consent limits', async () => {
    const banks = await listAspsps(enableBankingClient(w.cfg, FAST_HTTP, w.now), 'DE');
    expect(banks.map((b) => [b.name, b.maximumConsentValiditySeconds / 86_400, b.requiredPsuHeaders])).toEqual([
      ['DKB', 180, []],
      ['ING', 180, ['Psu-Ip-Address', 'Psu-User-Agent']],
      ['Mock ASPSP', 180, []],
      ['Trade Republic', 90, []],
    ]);
  });

  it('answers an unknown bank name with the close matches', async () => {
    const banks = await listAspsps(enableBankingClient(w.cfg, FAST_HTTP, w.now), 'DE');
    expect(() => findBank(banks, 'INGG', 'DE')).toThrow(
      'Enable Banking lists no bank called "INGG" in DE; did you mean "ING" (DE)?',
    );
    expect(() => findBank(banks, 'Sparkasse Zzz', 'DE')).toThrow(
      /lists no bank called "Sparkasse Zzz" in DE; `trax banks --provider enablebanking --country DE`/,
    );
  });
});

describe('consent', () => {
  it('runs /auth, the hosted login and /sessions, asking for 180 days less a minute', async () => {
    const { consent, store } = await connect(w);
    const start = w.sb.clock.now().getTime();
    expect(consent.provider).toBe('enablebanking');
    expect(consent.institutionName).toBe('ING');
    expect(Date.parse(consent.consentExpiresAt!) - start).toBeGreaterThan(180 * DAY - 120_000);
    expect(Date.parse(consent.consentExpiresAt!) - start).toBeLessThanOrEqual(180 * DAY - 60_000);
    const s = store.read();
    expect(consent.externalId).toBe(s.sessionId);
    expect(s.accounts.map((a) => [a.account.name, a.account.kind])).toEqual([
      ['Girokonto', 'checking'],
      ['Extra-Konto', 'savings'],
    ]);
    expect(w.sb.requestLog.some((r) => r.method === 'POST' && r.path === '/sessions' && r.status === 200)).toBe(true);
  });

  it('refuses a login link that is not a web address, before anyone opens it', async () => {
    const api = enableBankingClient(w.cfg, FAST_HTTP, w.now);
    const bank = findBank(await listAspsps(api, 'DE'), 'ING', 'DE');
    for (const url of ['javascript:alert(document.cookie)', 'file:///etc/passwd']) {
      w.sb.faults.authUrl(url);
      const e = await failure(buildAuthRequest(api, { bank, redirectUri: w.cfg.redirectUri, now: new Date(w.now()) }));
      expect(e.kind).toBe('invalid_response');
      expect(e.message).toBe(
        'Enable Banking POST /auth returned an unexpected response (field url: expected an http(s) URL); nothing from it was saved.',
      );
    }
    w.sb.faults.reset();
  });

  it('refuses a callback with error=access_denied (login as "denied") and one with a wrong state', async () => {
    const api = enableBankingClient(w.cfg, FAST_HTTP, w.now);
    const bank = findBank(await listAspsps(api, 'DE'), 'ING');
    const auth = await buildAuthRequest(api, { bank, redirectUri: w.cfg.redirectUri, now: w.sb.clock.now() });
    const back = new URL(await w.sb.completeAuth(auth.url, { username: 'denied', password: 'x' }));
    expect(back.searchParams.get('error')).toBe('access_denied');
    const query = Object.fromEntries(back.searchParams);
    expect(() => checkCallback(query, auth.state)).toThrow(
      new TraxError(
        'oauth_denied',
        'The bank login did not give Trax access (access_denied: The user refused access at the bank); nothing was connected.',
      ),
    );
    expect(() => checkCallback({ code: 'abc', state: 'someone-else' }, auth.state)).toThrow(
      'The bank sent back a login that this Trax did not start (state does not match); start connecting again.',
    );
  });
});

describe('sync', () => {
  it('fills both accounts with the ING ledger the TrueLayer emulator serves, cent for cent', async () => {
    const { store } = await connect(w);
    const pages = await collect(w, store);
    // Same seed, start day and user as the TrueLayer ING persona: one household, either provider.
    const persona = buildIngPersona({
      seed: 7,
      startDay: testStart().toISOString().slice(0, 10),
      username: 'erika',
      withIban: true,
    });
    const today = w.sb.clock.now().toISOString().slice(0, 10);
    for (const [i, { account }] of store.read().accounts.entries()) {
      const gen = persona.accounts[i]!;
      const rows = booked(pages).filter((r) => r.providerAccountId === account.providerAccountId);
      const from = pages.find((p) => p.accounts[0]!.providerAccountId === account.providerAccountId && p.window)!.window!.from;
      const expected = gen.txns.filter((t) => t.bookingDate <= today && t.bookingDate >= from);
      expect(account.iban).toBe(gen.accountNumber!.iban);
      expect(rows.map((r) => [r.bookingDate, r.amountMinor])).toEqual(expected.map((t) => [t.bookingDate, t.amountCents]));
      const balance = pages.flatMap((p) => p.balances).find((b) => b.providerAccountId === account.providerAccountId)!;
      expect(balance.currentMinor).toBe(
        gen.openingBalanceCents + gen.txns.filter((t) => t.bookingDate <= today).reduce((s, t) => s + t.amountCents, 0),
      );
    }
    const giro = booked(pages).filter((r) => r.providerAccountId === store.read().accounts[0]!.account.providerAccountId);
    // ING's "mandatereference:,creditorid:,remittanceinformation:" prefix is gone; the purpose text stays.
    expect(giro.every((r) => !r.description.includes('mandatereference'))).toBe(true);
    expect(giro.find((r) => r.description.includes('Miete'))).toMatchObject({ amountMinor: expect.any(Number), pending: false });
    expect(giro.find((r) => r.description.includes('Miete'))!.amountMinor).toBeLessThan(0);
    expect(pages.length).toBeGreaterThan(2); // 40-row pages: the chain was followed
    expect(new Set(giro.map((r) => r.dedupeKey)).size).toBe(giro.length);
  });

  it('a second sync yields the same rows again and nothing new', async () => {
    const { store } = await connect(w);
    const first = await collect(w, store);
    const second = await collect(w, store, first.at(-1)!.state);
    const byKey = new Map(booked(first).map((r) => [`${r.providerAccountId}|${r.dedupeKey}`, strip(r)]));
    expect(booked(second).length).toBeGreaterThan(0);
    for (const r of booked(second)) expect(strip(r)).toEqual(byKey.get(`${r.providerAccountId}|${r.dedupeKey}`));
    for (const { account } of store.read().accounts) {
      expect(pendingOf(second, account.providerAccountId).map(strip)).toEqual(
        pendingOf(first, account.providerAccountId).map(strip),
      );
    }
  });

  it('a pending card payment books under a new entry_reference and leaves the pending snapshot', async () => {
    const { store } = await connect(w);
    const giro = store.read().accounts[0]!.account.providerAccountId;
    const first = await collect(w, store);
    const held = pendingOf(first, giro);
    expect(held.length).toBeGreaterThan(0);
    const p = held[0]!;
    w.sb.clock.advance(3 * DAY);
    try {
      const later = await collect(w, store, first.at(-1)!.state);
      expect(pendingOf(later, giro).map((r) => r.dedupeKey)).not.toContain(p.dedupeKey);
      const raw = p.raw as { transaction_date: string };
      const settled = booked(later).filter(
        (r) =>
          r.providerAccountId === giro &&
          r.amountMinor === p.amountMinor &&
          (r.raw as { transaction_date: string }).transaction_date === raw.transaction_date,
      );
      expect(settled).toHaveLength(1);
      expect(settled[0]!.dedupeKey).not.toBe(p.dedupeKey);
      expect(settled[0]!.dedupeKey.startsWith('p:')).toBe(true);
    } finally {
      w.sb.clock.advance(-3 * DAY);
    }
  });

  it('falls back to 89 days with a warning when the bank no longer serves deep history', async () => {
    const { store } = await connect(w);
    w.sb.clock.advance(10 * 60_000); // the bank's window after login has passed
    try {
      const pages = await collect(w, store);
      const today = w.sb.clock.now().toISOString().slice(0, 10);
      const window = pages.find((p) => p.window)!.window!;
      expect(window.to).toBe(today);
      expect(Date.parse(today) - Date.parse(window.from)).toBe(89 * DAY);
      expect(pages.flatMap((p) => p.warnings)).toContain(
        `Girokonto: the bank no longer serves history before ${window.from}; synced from ${window.from}.`,
      );
      const refused = w.sb.requestLog.filter((r) => r.status === 422 && r.path.endsWith('/transactions'));
      expect(refused.length).toBeGreaterThan(0);
    } finally {
      w.sb.clock.advance(-10 * 60_000);
    }
  });

  it('stops on a continuation_key handed back twice, keeping the pages before it', async () => {
    const { store } = await connect(w);
    w.sb.faults.loopContinuationKey(1);
    const connector = enablebankingConnector(w.cfg, store, FAST_HTTP, w.now);
    const got: SyncPage[] = [];
    const e = await failure(
      (async () => {
        for await (const p of connector.pages({ state: null, now: w.sb.clock.now(), userIp: null })) got.push(p);
      })(),
    );
    expect(got).toHaveLength(1);
    expect(got[0]!.upserts).toHaveLength(40);
    expect(e.message).toBe(
      'Enable Banking GET /accounts/{uid}/transactions for Girokonto handed back a page token it had already given (the bank is looping); the 1 page(s) before it were saved, and the next sync tries again.',
    );
  });

  it('answers the 5th unattended read of a day with rate_limited and when it lifts; a present user still reads', async () => {
    const { store } = await connect(w);
    let state: unknown = null;
    for (let i = 0; i < 4; i++) state = (await collect(w, store, state)).at(-1)!.state;
    const e = await failure(collect(w, store, state));
    expect(e.kind).toBe('rate_limited');
    expect(e.detail).toMatchObject({ status: 429, providerCode: 'ASPSP_RATE_LIMIT_EXCEEDED', retryAfterSeconds: 6 * 3600 });
    // The time it lifts is six hours on from now, to the minute (checked loosely: the clock ticks).
    expect(e.message).toMatch(
      /^Enable Banking GET \/accounts\/\{uid\}\/transactions: the bank limits unattended reads \(PSD2 allows about 4 a day\) \(ASPSP_RATE_LIMIT_EXCEEDED\); try again after \d{4}-\d\d-\d\d \d\d:\d\d UTC\.$/,
    );
    const lifts = Date.parse(`${/after (\S+ \S+) UTC/.exec(e.message)![1]!.replace(' ', 'T')}:00Z`);
    expect(Math.abs(lifts - (w.sb.clock.now().getTime() + 6 * 3600_000))).toBeLessThan(5 * 60_000);
    const present = await collect(w, store, state, '203.0.113.7');
    expect(present.length).toBeGreaterThan(0);
    const sent = w.sb.requestLog.filter((r) => r.headers['psu-ip-address'] === '203.0.113.7');
    expect(sent.length).toBeGreaterThan(0);
  });

  it('a present user still gets their data when the bank demands a PSU header Trax cannot know', async () => {
    const { store } = await connect(w);
    w.sb.faults.requirePsuHeaders(['Psu-Geo-Location']);
    const since = w.sb.requestLog.length;
    const pages = await collect(w, store, null, '203.0.113.7').finally(() => w.sb.faults.reset());
    expect(pages.flatMap((p) => p.upserts).length).toBeGreaterThan(0);
    expect(pages.flatMap((p) => p.balances).length).toBe(2);
    const data = w.sb.requestLog.slice(since).filter((r) => r.path.startsWith('/accounts/'));
    // The first call with the user's headers is refused; every call after it reads unattended.
    expect(data[0]).toMatchObject({ status: 422 });
    expect(data[0]!.headers['psu-ip-address']).toBe('203.0.113.7');
    expect(data.slice(1).every((r) => r.status === 200 && r.headers['psu-ip-address'] === undefined)).toBe(true);
  });

  it('after valid_until the session is expired and the error says reconnect (needs_reauth)', async () => {
    const { store } = await connect(w);
    w.sb.clock.advance(181 * DAY);
    try {
      const e = await failure(collect(w, store));
      expect(e.kind).toBe('needs_reauth');
      expect(e.message).toBe(
        'Enable Banking GET /accounts/{uid}/transactions: the bank consent has expired; reconnect to give Trax access again (EXPIRED_SESSION).',
      );
    } finally {
      w.sb.clock.advance(-181 * DAY);
    }
  });

  it('revoke closes the session with DELETE /sessions/{id}; a second revoke is still success', async () => {
    const { store } = await connect(w);
    const connector = enablebankingConnector(w.cfg, store, FAST_HTTP, w.now);
    await connector.revoke();
    const id = store.read().sessionId;
    expect(w.sb.requestLog.filter((r) => r.method === 'DELETE' && r.path === `/sessions/${id}`).map((r) => r.status)).toEqual([
      200,
    ]);
    expect(w.sb.sessions().find((s) => s.id === id)!.status).toBe('CLOSED');
    await connector.revoke();
    expect((await failure(collect(w, store))).detail.providerCode).toBe('CLOSED_SESSION');
  });

  it('an amount that is not a decimal string stops the sync with one sentence, nothing yielded', async () => {
    const { store } = await connect(w);
    w.sb.faults.malformedAmount(1);
    const got: SyncPage[] = [];
    const connector = enablebankingConnector(w.cfg, store, FAST_HTTP, w.now);
    const e = await failure(
      (async () => {
        for await (const p of connector.pages({ state: null, now: w.sb.clock.now(), userIp: null })) got.push(p);
      })(),
    );
    expect(got).toEqual([]);
    expect(e.kind).toBe('invalid_response');
    expect(e.message).toMatch(
      /^Enable Banking GET \/accounts\/\{uid\}\/transactions sent the amount "\d+,\d\d" in transactions\[0\]\.transaction_amount\.amount, which is not a decimal number; nothing from this response was saved\.$/,
    );
  });

  it("passes the bank's own words on when the bank fails", async () => {
    const { store } = await connect(w);
    w.sb.faults.aspspError('Service temporarily unavailable (Wartungsarbeiten)');
    const e = await failure(collect(w, store));
    expect(e.kind).toBe('provider_down');
    expect(e.message).toBe(
      'Enable Banking GET /accounts/{uid}/transactions: the bank reported an error: Service temporarily unavailable (Wartungsarbeiten) (ASPSP_ERROR).',
    );
  });
});
