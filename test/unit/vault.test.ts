import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSecretKey } from '../../src/security/key.js';
import { Vault } from '../../src/security/vault.js';

describe('token vault', () => {
  it('round-trips secrets and never shows them in the sealed text', () => {
    const v = new Vault(Buffer.alloc(32, 7));
    const sealed = v.seal({ accessToken: 'super-secret-token' });
    expect(sealed).not.toContain('super-secret-token');
    expect(v.open(sealed)).toEqual({ accessToken: 'super-secret-token' });
  });

  it('says so when the key is not the one the tokens were sealed with', () => {
    const sealed = new Vault(Buffer.alloc(32, 1)).seal({ a: 1 });
    expect(() => new Vault(Buffer.alloc(32, 2)).open(sealed)).toThrow(/does not match/);
  });

  it('detects tampering', () => {
    const v = new Vault(Buffer.alloc(32, 1));
    const sealed = v.seal({ a: 1 });
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => v.open(tampered)).toThrow(/integrity/);
  });

  it('creates a key file readable only by its owner', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-key-'));
    const key = loadSecretKey(dir, null);
    expect(key).toHaveLength(32);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(dir, null).equals(key)).toBe(true);
  });
});
