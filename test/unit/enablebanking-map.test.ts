import fc from 'fast-check';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/domain/errors.js';
import { parseEnableBankingConfig } from '../../src/providers/enablebanking/config.js';
import { AppJwt } from '../../src/providers/enablebanking/jwt.js';
import { classify, mapTransaction, newKeyers, remittance } from '../../src/providers/enablebanking/map.js';
import { transaction, type WireTransaction } from '../../src/providers/enablebanking/wire-types.js';
import { testStart } from '../helpers/clock.js';

const where = { endpoint: 'GET /accounts/{uid}/transactions', index: 0, today: '2026-06-15' };
const row = (over: Partial<WireTransaction> = {}): WireTransaction =>
  transaction.parse({
    entry_reference: '2026061500000001',
    transaction_amount: { currency: 'EUR', amount: '42.90' },
    credit_debit_indicator: 'DBIT',
    status: 'BOOK',
    booking_date: '2026-06-15',
    creditor: { name: 'REWE Markt GmbH' },
    creditor_account: { iban: 'DE02120300000000202051' },
    debtor: { name: 'Erika Mustermann' },
    remittance_information: ['REWE SAGT DANKE 12345', 'EREF: 4711'],
    ...over,
  });
const map = (t: WireTransaction, pending = false) => mapTransaction('acc', t, pending, newKeyers(), where);

describe('amounts and sign', () => {
  it('takes the sign from credit_debit_indicator exactly once, whatever sign the string carries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 11 }),
        fc.constantFrom('CRDT' as const, 'DBIT' as const),
        fc.boolean(),
        (cents, cdi, signed) => {
          const text = `${signed ? '-' : ''}${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
          const got = map(
            row({ transaction_amount: { currency: 'EUR', amount: text }, credit_debit_indicator: cdi }),
          ).amountMinor;
          expect(got).toBe(cdi === 'DBIT' ? -cents : cents);
        },
      ),
    );
  });

  it('reads currencies by their own minor unit (JPY has none)', () => {
    expect(map(row({ transaction_amount: { currency: 'JPY', amount: '1200' } })).amountMinor).toBe(-1200);
    expect(map(row({ transaction_amount: { currency: 'EUR', amount: '7' }, credit_debit_indicator: 'CRDT' })).amountMinor).toBe(
      700,
    );
  });

  it.each(['12,50', '1e3', '', ' ', '12.5.0', '€12', 'NaN'])('refuses the amount %j with one sentence', (amount) => {
    const call = () => map(row({ transaction_amount: { currency: 'EUR', amount } }));
    expect(call).toThrow(ProviderError);
    expect(call).toThrow(
      `Enable Banking GET /accounts/{uid}/transactions sent the amount "${amount}" in transactions[0].transaction_amount.amount, which is not a decimal number; nothing from this response was saved.`,
    );
  });

  it('refuses more decimals than the currency has instead of rounding', () => {
    expect(() => map(row({ transaction_amount: { currency: 'EUR', amount: '0.001' } }))).toThrow(/more than 2 decimals for EUR/);
  });
});

describe('text, parties and identity', () => {
  it('joins remittance lines and drops ING Germany’s SEPA prefix', () => {
    expect(remittance(['mandatereference:,creditorid:,remittanceinformation:REWE SAGT DANKE 44261234'])).toBe(
      'REWE SAGT DANKE 44261234',
    );
    expect(
      remittance(['mandatereference:M-1,creditorid:DE98ZZZ09999999999,remittanceinformation:Vodafone  Kd 123', ' ', 'EREF: 9']),
    ).toBe('Vodafone Kd 123 EREF: 9');
    // Blank lines leave no space at either end.
    expect(remittance(['', ' ', 'REWE SAGT DANKE', '  '])).toBe('REWE SAGT DANKE');
    // The prefix only at the start of a line: the same words later are the purpose text itself.
    expect(remittance(['Ref mandatereference:M-1,creditorid:X,remittanceinformation:Y'])).toBe(
      'Ref mandatereference:M-1,creditorid:X,remittanceinformation:Y',
    );
  });

  it('names the counterparty from the other side: creditor when money goes out, debtor when it comes in', () => {
    expect(map(row())).toMatchObject({ counterpartyName: 'REWE Markt GmbH', counterpartyIban: 'DE02120300000000202051' });
    const incoming = map(
      row({ credit_debit_indicator: 'CRDT', debtor: { name: 'Nordlicht Software GmbH' }, debtor_account: { iban: 'DE1' } }),
    );
    expect(incoming).toMatchObject({ counterpartyName: 'Nordlicht Software GmbH', counterpartyIban: 'DE1' });
    const ingStyle = map(row({ creditor: { name: null, postal_address: { address_line: ['LIDL DIENSTLEISTUNG'] } } }));
    expect(ingStyle.counterpartyName).toBe('LIDL DIENSTLEISTUNG');
  });

  it('keys by entry_reference, else by the shared fingerprint (also for placeholder references)', () => {
    expect(map(row()).dedupeKey).toBe('p:2026061500000001');
    const keyers = newKeyers();
    const a = mapTransaction('acc', row({ entry_reference: null }), false, keyers, where);
    const b = mapTransaction('acc', row({ entry_reference: '0' }), false, keyers, where);
    expect(a.dedupeKey).toMatch(/^f:2026-06-15\|-4290\|EUR\|.+\|0$/);
    expect(b.dedupeKey).toBe(a.dedupeKey.replace(/\|0$/, '|1'));
    expect(
      map(row({ entry_reference: null, status: 'PDNG', booking_date: null, transaction_date: '2026-06-14' }), true).dedupeKey,
    ).toMatch(/^pending:f:2026-06-14\|/);
  });

  it('separates booked from pending and drops rows that never touch the balance', () => {
    expect(['BOOK', 'PDNG', 'HOLD', 'CNCL', 'RJCT', 'SCHD', 'OTHR'].map(classify)).toEqual([
      'booked',
      'pending',
      'pending',
      'skip',
      'skip',
      'skip',
      'skip',
    ]);
  });
});

describe('config', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const env = {
    ENABLEBANKING_APP_ID: 'app-1',
    ENABLEBANKING_KEY_FILE: '/keys/eb.pem',
    ENABLEBANKING_REDIRECT_URI: 'http://localhost:8787/eb/callback',
  };
  const files = (text: string | Error) => (p: string) => {
    if (text instanceof Error) throw Object.assign(text, { path: p });
    return text;
  };
  const enoent = () => Object.assign(new Error('nope'), { code: 'ENOENT' });

  it('gives the config with the default host when all is well', () => {
    const r = parseEnableBankingConfig(env, files(rsa));
    expect(r.ok && { appId: r.config.appId, baseUrl: r.config.baseUrl, type: r.config.privateKey.asymmetricKeyType }).toEqual({
      appId: 'app-1',
      baseUrl: 'https://api.enablebanking.com',
      type: 'rsa',
    });
  });

  it.each([
    [
      { ...env, ENABLEBANKING_APP_ID: undefined },
      files(rsa),
      'ENABLEBANKING_APP_ID is not set; copy the application id from https://enablebanking.com/cp/applications.',
    ],
    [
      env,
      files(enoent()),
      'ENABLEBANKING_KEY_FILE /keys/eb.pem does not exist; point it at the private key PEM you downloaded from the Enable Banking control panel.',
    ],
    [
      env,
      files('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'),
      'ENABLEBANKING_KEY_FILE /keys/eb.pem is not a PEM private key; use the private key file (-----BEGIN PRIVATE KEY-----), not the certificate.',
    ],
    [
      env,
      files(ec),
      'ENABLEBANKING_KEY_FILE /keys/eb.pem holds an EC key; Enable Banking signs with RS256 only, so it must be an RSA private key.',
    ],
    [
      { ...env, ENABLEBANKING_REDIRECT_URI: 'not a url' },
      files(rsa),
      'ENABLEBANKING_REDIRECT_URI is not an http(s) URL; use the redirect URL registered on the Enable Banking application.',
    ],
  ])('answers a problem with one sentence naming the variable (%#)', (e, read, message) => {
    expect(parseEnableBankingConfig(e, read)).toEqual({ ok: false, message });
  });

  it('signs an RS256 JWT with kid = app id, lives an hour, and is reused until a minute before expiry', async () => {
    const r = parseEnableBankingConfig(env, files(rsa));
    if (!r.ok) throw new Error(r.message);
    let now = testStart().getTime();
    const jwt = new AppJwt(r.config, () => now);
    const first = await jwt.token();
    expect(decodeProtectedHeader(first)).toEqual({ typ: 'JWT', alg: 'RS256', kid: 'app-1' });
    const claims = decodeJwt(first);
    expect(claims).toMatchObject({ iss: 'enablebanking.com', aud: 'api.enablebanking.com', iat: Math.floor(now / 1000) });
    expect(claims.exp! - claims.iat!).toBe(3600);
    now += 3600_000 - 61_000;
    expect(await jwt.token()).toBe(first);
    now += 2000;
    expect(await jwt.token()).not.toBe(first);
  });
});
