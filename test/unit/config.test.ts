import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';

describe('config', () => {
  it('leaves TrueLayer off when no credentials are set', () => {
    expect(parseConfig({}).truelayer).toBeNull();
  });

  it('picks sandbox hosts and the mock provider for sandbox- client ids', () => {
    const c = parseConfig({ TRUELAYER_CLIENT_ID: 'sandbox-abc', TRUELAYER_CLIENT_SECRET: 's' }).truelayer!;
    expect(c.env).toBe('sandbox');
    expect(c.authUrl).toBe('https://auth.truelayer-sandbox.com');
    expect(c.apiUrl).toBe('https://api.truelayer-sandbox.com');
    expect(c.providers).toBe('uk-cs-mock');
  });

  it('defaults live to the German XS2A group', () => {
    const c = parseConfig({ TRUELAYER_CLIENT_ID: 'myapp-1', TRUELAYER_CLIENT_SECRET: 's' }).truelayer!;
    expect(c.env).toBe('live');
    expect(c.providers).toBe('de-xs2a-all');
    expect(c.authUrl).toBe('https://auth.truelayer.com');
  });

  it('accepts the original sample names CLIENT_ID, CLIENT_SECRET, REDIRECT_URI', () => {
    const c = parseConfig({ CLIENT_ID: 'sandbox-x', CLIENT_SECRET: 'y', REDIRECT_URI: 'http://localhost:8080/cb' }).truelayer!;
    expect(c.clientId).toBe('sandbox-x');
    expect(c.redirectUri).toBe('http://localhost:8080/cb');
  });

  it('names the variable and the fix in one sentence per problem', () => {
    expect(() => parseConfig({ TRUELAYER_CLIENT_ID: 'x' })).toThrow(/TRUELAYER_CLIENT_SECRET is missing; copy the client secret/);
    expect(() => parseConfig({ TRUELAYER_REDIRECT_URI: 'not a url' })).toThrow(/TRUELAYER_REDIRECT_URI must be a full URL/);
    expect(() => parseConfig({ TRAX_SECRET_KEY: 'short' })).toThrow(
      /TRAX_SECRET_KEY must be 32 random bytes.*openssl rand -hex 32/,
    );
    expect(() => parseConfig({ TRUELAYER_CLIENT_ID: 'live-id', TRUELAYER_CLIENT_SECRET: 's', TRUELAYER_ENV: 'sandbox' })).toThrow(
      /sandbox ids start with "sandbox-"/,
    );
    expect(() => parseConfig({ TRUELAYER_ENV: 'prod' })).toThrow(/TRUELAYER_ENV must be "sandbox" or "live"/);
  });
});
