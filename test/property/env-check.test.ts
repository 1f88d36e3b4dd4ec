/**
 * Commands check the environment by hand (config/env-check.ts) because importing zod was most of
 * a read command's time; the zod schema (config/schema.ts) stays the specification. Over
 * thousands of generated environments, both must give the same verdict, the same sentences in
 * the same order, and the same parsed values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { checkEnv } from '../../src/config/env-check.js';
import { envSchema } from '../../src/config/schema.js';

const NAMES = Object.keys(envSchema.shape);

const HEX64 = 'a1B2c3D4e5F6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2';
/** Values near each rule's edges, valid and not. */
const EDGES = [
  '',
  ' ',
  '\t',
  '0',
  '1',
  '-1',
  '-0',
  '730',
  '3650',
  '3651',
  '0.5',
  '1e3',
  '1e400',
  '-1e20',
  '9007199254740993',
  ' 42 ',
  '0x10',
  'Infinity',
  'NaN',
  'abc',
  'sandbox',
  'live',
  'production',
  'development',
  'Sandbox',
  'sandbox-abc',
  HEX64,
  `${HEX64}0`,
  `${'A'.repeat(43)}=`,
  `${'A'.repeat(42)}=`,
  `${HEX64}\n`,
  'de-xs2a-all uk-ob-all',
  'de-xs2a-all  uk-ob-all',
  'uk-cs-mock',
  'UK-CS-MOCK',
  'GB,DE,US',
  'GB,,DE',
  'gb',
  'transactions',
  'transactions,auth',
  'Transactions',
  'http://localhost:3000/callback',
  ' http://localhost:3000/callback ',
  'http://local\thost:3000/cb\n',
  'https:/x',
  'http:example.com',
  'mailto:a@b.c',
  'localhost:3000',
  '//x',
  'not a url',
  'http://[::1]:80/',
  'http://exa mple.com',
  '2026-06-15T10:00:00Z',
  '2026-06-15T10:00:00.123Z',
  '2026-06-15T10:00:00+02:00',
  '2026-06-15T10:00Z',
  '2026-02-29T10:00:00Z',
  '2024-02-29T10:00:00Z',
  '2026-06-15 10:00:00Z',
  '2026-06-15T24:00:00Z',
  '2026-06-15T10:00:00+2:00',
  'password',
  'pass word',
  'short',
  'ünïcødé!',
  '👍👍👍👍',
];

const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...EDGES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 1, arbitrary: fc.integer({ min: -5, max: 4000 }).map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...EDGES), fc.constantFrom('', ' ', '\n', '\t', 'x')).map(([a, b]) => a + b),
  },
);

/** Values each variable accepts, so that whole environments pass often enough to compare data too. */
const URLS = ['http://localhost:3000/callback', 'https://auth.truelayer.com', ' http://127.0.0.1:4010 '];
const VALID: Record<string, string[]> = {
  TRAX_DATA_DIR: ['./data', '/tmp/x', ' '],
  TRAX_SECRET_KEY: [HEX64, `${'A'.repeat(43)}=`],
  TRUELAYER_ENV: ['sandbox', 'live'],
  TRUELAYER_PROVIDERS: ['de-xs2a-all uk-ob-all', 'uk-cs-mock'],
  TRUELAYER_HISTORY_DAYS: ['1', '730', '3650', ' 90 ', '0x10'],
  PLAID_ENV: ['sandbox', 'production'],
  PLAID_COUNTRY_CODES: ['GB,DE,US', 'US'],
  PLAID_PRODUCTS: ['transactions', 'transactions,auth'],
  TRAX_CLOCK: ['2026-06-15T10:00:00Z', '2026-06-15T10:00:00.5+02:00'],
  TRAX_WEB_PASSWORD: ['password', 'correct horse'],
};
const valueFor = (name: string) => {
  const valid = VALID[name] ?? (/URI|URL/.test(name) ? URLS : ['sandbox-trax', 'x']);
  return fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: value });
};

/** Each variable absent, or set to one generated value; plus variables Trax does not read. */
const environment = fc
  .tuple(
    fc.record(Object.fromEntries(NAMES.map((n) => [n, valueFor(n)])), { requiredKeys: [] }),
    fc.dictionary(fc.constantFrom('HOME', 'PATH', 'TRUELAYER_OTHER', 'X'), fc.string({ maxLength: 5 })),
  )
  .map(([known, other]) => ({ ...other, ...known }) as Record<string, string>);

function viaZod(env: Record<string, string>) {
  const r = envSchema.safeParse(env);
  return r.success
    ? { ok: true, data: r.data }
    : { ok: false, issues: r.error.issues.map((i) => ({ name: String(i.path[0]), message: i.message })) };
}

describe('the hand-written env check', () => {
  it('agrees with the zod schema on every generated environment', () => {
    let failures = 0;
    fc.assert(
      fc.property(environment, (env) => {
        const expected = viaZod(env);
        if (!expected.ok) failures++;
        expect(checkEnv(env)).toEqual(expected);
      }),
      { seed: 20261203, numRuns: 5000 },
    );
    // Both kinds of environment were tried in earnest.
    expect(failures).toBeGreaterThan(500);
    expect(failures).toBeLessThan(4500);
  });

  it('agrees with one variable at a time, so each rule is tried alone', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), value, (name, v) => {
        expect(checkEnv({ [name]: v })).toEqual(viaZod({ [name]: v }));
      }),
      { seed: 20261205, numRuns: 5000 },
    );
  });

  it('tells the user every problem at once, one sentence per variable', () => {
    expect(() => parseConfig({ TRAX_DATA_DIR: '', TRUELAYER_HISTORY_DAYS: '1e20', TRAX_CLOCK: 'tomorrow' })).toThrow(
      'TRAX_DATA_DIR must not be empty; remove it to use ./data. TRUELAYER_HISTORY_DAYS must be a whole number of days such as 730. TRUELAYER_HISTORY_DAYS must be at most 3650 (ten years). TRAX_CLOCK must be an instant such as 2026-06-15T10:00:00Z',
    );
  });
});
