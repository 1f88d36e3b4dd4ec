import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { PROVIDER_IDS, providerPolicy } from '../../src/providers/registry.js';
import { ROOT } from '../helpers/trax.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('the provider registry', () => {
  it('lists truelayer, plaid, enablebanking, file and manual, each with a whole policy', () => {
    expect(PROVIDER_IDS).toEqual(['truelayer', 'plaid', 'enablebanking', 'file', 'manual']);
    const config = parseConfig({ TRAX_DATA_DIR: '/tmp/trax-registry' });
    for (const id of PROVIDER_IDS) {
      const p = providerPolicy(id);
      expect(p.label.length, id).toBeGreaterThan(0);
      expect(p.idPrefix).toMatch(/^[a-z]+$/);
      expect(typeof p.notConfigured(config) === 'string' || p.notConfigured(config) === null).toBe(true);
      expect(p.relinkHint('x-1').length).toBeGreaterThan(10);
      expect(p.relink.instruction('x-1').length).toBeGreaterThan(5);
      expect(p.relink.command('x-1').length).toBeGreaterThan(5);
      expect(['bank-reads', 'webhook-cache', 'none']).toContain(p.unattended.kind);
      expect(p.syncs).toBe(p.unattended.kind !== 'none');
    }
    expect(new Set(PROVIDER_IDS.map((id) => providerPolicy(id).idPrefix)).size).toBe(PROVIDER_IDS.length);
  });

  it("maps each provider's category hints through its own table", () => {
    expect(providerPolicy('plaid').categoryHint({ category: 'FOOD_AND_DRINK', classification: 'FOOD_AND_DRINK_GROCERIES' })).toBe(
      'groceries',
    );
    expect(providerPolicy('truelayer').categoryHint({ category: 'PURCHASE', classification: 'Shopping > Groceries' })).toBe(
      'groceries',
    );
    expect(providerPolicy('file').categoryHint({ category: 'Lebensmittel', classification: null })).toBeNull();
  });

  it('refuses an unknown provider id from the database with a sentence', () => {
    expect(() => providerPolicy('gocardless' as never)).toThrow(/does not know the provider "gocardless"/);
  });

  it('no module outside providers/ and the emulators compares a provider id to a string', () => {
    // connections/connect-plaid.ts is Plaid's own consent flow (checks that an id names a Plaid connection).
    const allowed = [/^src\/providers\//, /^src\/sandbox\//, /^src\/connections\/connect-plaid\.ts$/];
    const offenders = sources(path.join(ROOT, 'src'))
      .map((f) => path.relative(ROOT, f))
      .filter((f) => !allowed.some((a) => a.test(f)))
      .filter((f) => /provider\s*[!=]==?\s*'(truelayer|plaid|file|manual)'/.test(readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
