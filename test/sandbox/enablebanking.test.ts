import { SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppJwt } from '../../src/providers/enablebanking/jwt.js';
import { generateDemoKeyPair } from '../../src/sandbox/enablebanking/index.js';
import { APP_ID, connect, ebWorld, REDIRECT, type EbWorld } from '../helpers/enablebanking.js';

/** The emulator's own contract, over raw HTTP: the rules the reference lists, as the real API states them. */
let w: EbWorld;
let jwt: AppJwt;
beforeAll(async () => {
  w = await ebWorld({ pageSize: 25 });
  jwt = new AppJwt(w.cfg, w.now);
});
afterAll(() => w.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${w.sb.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${await jwt.token()}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const authBody = (bank: string, days: number) => ({
  access: { valid_until: new Date(w.now() + days * 86_400_000).toISOString() },
  aspsp: { name: bank, country: 'DE' },
  state: 's1',
  redirect_url: REDIRECT,
});

/** A token made by hand, so the emulator can be shown claims Trax's own signer never produces. */
async function rawJwt(claims: { iat: number; exp: number }, key = w.keys.privateKeyPem): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ typ: 'JWT', alg: 'RS256', kid: APP_ID })
    .setIssuer('enablebanking.com')
    .setAudience('api.enablebanking.com')
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(createPrivateKey(key));
}

describe('Enable Banking emulator: the application JWT check', () => {
  const now = () => Math.floor(w.sb.clock.now().getTime() / 1000);
  const aspsps = (token: string) => fetch(`${w.sb.url}/aspsps?country=DE`, { headers: { authorization: `Bearer ${token}` } });

  it('accepts a token signed with the application key and valid for an hour', async () => {
    const res = await aspsps(await rawJwt({ iat: now(), exp: now() + 3600 }));
    expect(res.status).toBe(200);
  });

  it.each([
    [
      'signed by another key',
      async () => rawJwt({ iat: now(), exp: now() + 3600 }, generateDemoKeyPair().privateKeyPem),
      'JWT signature verification failed',
    ],
    ['expired', async () => rawJwt({ iat: now() - 7200, exp: now() - 3600 }), 'JWT expired'],
    [
      'living longer than 24 h',
      async () => rawJwt({ iat: now(), exp: now() + 86_401 }),
      'JWT lifetime (exp - iat) exceeds 86400 seconds',
    ],
  ])('refuses with 401 UNAUTHORIZED_ACCESS a token %s', async (_name, make, message) => {
    const res = await aspsps(await make());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 401, error: 'UNAUTHORIZED_ACCESS', message, detail: null });
  });
});

describe('Enable Banking emulator: POST /auth', () => {
  it('refuses consent longer than the bank allows with the real message', async () => {
    expect(await call('POST', '/auth', authBody('Trade Republic', 91))).toEqual({
      status: 422,
      body: {
        code: 422,
        error: 'WRONG_REQUEST_PARAMETERS',
        message: 'ASPSP does not support consent validity more than 7776000 seconds in the future',
        detail: null,
      },
    });
  });

  it('refuses a redirect URL the app has not registered, and an unknown bank', async () => {
    expect((await call('POST', '/auth', { ...authBody('ING', 30), redirect_url: 'https://evil.example/cb' })).body.error).toBe(
      'REDIRECT_URI_NOT_ALLOWED',
    );
    expect((await call('POST', '/auth', authBody('Ing-DiBa', 30))).body.error).toBe('WRONG_ASPSP_PROVIDED');
  });
});

describe('Enable Banking emulator: sessions and data', () => {
  it('a code works once', async () => {
    const started = await call('POST', '/auth', authBody('ING', 30));
    const back = new URL(await w.sb.completeAuth(String(started.body.url), { username: 'erika', password: 'sandbox' }));
    const code = back.searchParams.get('code')!;
    expect((await call('POST', '/sessions', { code })).status).toBe(200);
    expect((await call('POST', '/sessions', { code })).body.error).toBe('ALREADY_AUTHORIZED');
  });

  it('binds continuation keys to their query and wants all of the bank’s PSU headers or none', async () => {
    const { store } = await connect(w);
    const uid = store.read().accounts[0]!.uid;
    const today = w.sb.clock.now().toISOString().slice(0, 10);
    const day = (n: number) => new Date(Date.parse(today) - n * 86_400_000).toISOString().slice(0, 10);
    const q = `date_from=${day(45)}&date_to=${today}`;
    const first = await call('GET', `/accounts/${uid}/transactions?${q}`);
    // A bare key (the original query not repeated) is refused, as strict banks do.
    const key = String(first.body.continuation_key);
    expect((first.body.transactions as unknown[]).length).toBe(25);
    // A bare key (the original query not repeated) is refused, as strict banks do.
    expect((await call('GET', `/accounts/${uid}/transactions?continuation_key=${key}`)).body.error).toBe(
      'WRONG_REQUEST_PARAMETERS',
    );
    expect(
      (await call('GET', `/accounts/${uid}/transactions?date_from=${day(44)}&date_to=${today}&continuation_key=${key}`)).body
        .error,
    ).toBe('WRONG_REQUEST_PARAMETERS');
    expect((await call('GET', `/accounts/${uid}/transactions?${q}&continuation_key=garbage`)).body.error).toBe(
      'WRONG_CONTINUATION_KEY',
    );
    expect((await call('GET', `/accounts/${uid}/balances`, undefined, { 'Psu-Ip-Address': '203.0.113.7' })).body.error).toBe(
      'PSU_HEADER_NOT_PROVIDED',
    );
  });
});
