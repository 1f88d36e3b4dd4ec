/**
 * Every command reads the ENABLEBANKING_* variables, so config.ts checks them by hand instead of
 * importing zod (~50 ms per command); the zod schema in config-schema.ts stays the specification.
 * Over generated environments both must give the same verdict, the same sentence and the same
 * values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkEnableBankingVariables } from '../../src/providers/enablebanking/config.js';
import { specVerdict } from '../../src/providers/enablebanking/config-schema.js';

const NAMES = ['ENABLEBANKING_APP_ID', 'ENABLEBANKING_KEY_FILE', 'ENABLEBANKING_REDIRECT_URI', 'ENABLEBANKING_BASE_URL'];

/** Values near each rule's edges, valid and not. */
const EDGES = [
  '',
  ' ',
  '\t',
  '\n',
  'a',
  ' a ',
  '0d7a3f0e-1b2c-4d5e-8f90-123456789abc',
  '/home/me/enablebanking.pem',
  ' ./key.pem ',
  'http://localhost:3000/callback/enablebanking',
  ' https://trax.example.com/callback/enablebanking ',
  'https://api.enablebanking.com',
  'https://api.enablebanking.com/',
  'HTTPS://API.ENABLEBANKING.COM',
  'http:example.com',
  'https:/path',
  'http//localhost',
  'ftp://example.com',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'mailto:me@example.com',
  'http://',
  'https://exa mple.com',
  'https://exa\tmple.com',
  'https://example.com/a\nb',
  'http://[::1]:3000/callback',
  'http://user:pass@host/',
  'https://例え.jp/',
  'localhost:3000',
  '//example.com',
];

const value = fc.oneof(
  fc.constantFrom(...EDGES),
  fc.string({ maxLength: 12 }),
  fc
    .tuple(fc.constantFrom('http', 'https', 'HTTP', 'ftp', 'ws', ''), fc.constantFrom('://', ':/', ':', '//', ''), fc.webUrl())
    .map(([scheme, sep, url]) => `${scheme}${sep}${url.replace(/^https?:\/\//, '')}`),
  fc
    .tuple(fc.constantFrom(' ', '\t', '\n', ''), fc.webUrl(), fc.constantFrom(' ', '\n', '\r\n', ''))
    .map(([a, u, b]) => a + u + b),
);
const environment = fc.record(Object.fromEntries(NAMES.map((n) => [n, fc.option(value, { nil: undefined })])), {
  requiredKeys: [],
});

describe('Enable Banking variables checked by hand', () => {
  it('agree with the zod schema on every generated environment', () => {
    fc.assert(
      fc.property(environment, (env) => {
        const e = env as Record<string, string | undefined>;
        expect(checkEnableBankingVariables(e)).toEqual(specVerdict(e));
      }),
      { numRuns: 5000, seed: 20261203 },
    );
  });

  it('name the first missing variable with what to do', () => {
    expect(checkEnableBankingVariables({})).toEqual({
      ok: false,
      message: 'ENABLEBANKING_APP_ID is not set; copy the application id from https://enablebanking.com/cp/applications.',
    });
    expect(
      checkEnableBankingVariables({
        ENABLEBANKING_APP_ID: 'app',
        ENABLEBANKING_KEY_FILE: 'k.pem',
        ENABLEBANKING_REDIRECT_URI: 'http:example.com',
      }),
    ).toEqual({
      ok: false,
      message:
        'ENABLEBANKING_REDIRECT_URI is not an http(s) URL; use the redirect URL registered on the Enable Banking application.',
    });
  });
});
