import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { TraxError } from '../../src/domain/errors.js';
import { importFile } from '../../src/imports/pipeline/index.js';
import { ROOT } from '../helpers/trax.js';

const DIR = path.join(ROOT, 'test/fixtures/imports');
const NOW = new Date('2026-06-15T10:00:00Z');

/** Every statement fixture (licences and oracles left out). */
function fixtures(dir = DIR): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return fixtures(p);
    return /LICENSE|README|\.(json|ya?ml|md)$/i.test(f) ? [] : [p];
  });
}

/** Files that are broken on purpose: each must be refused, with nothing written. */
const MALFORMED = ['genkgo_camt053.v2.wrong.xml', 'february_30.sta', 'error_message.ofx'];

describe('every import fixture, through the whole pipeline', () => {
  it.each(fixtures().map((f) => [path.relative(DIR, f), f]))(
    '%s: imported once and idempotent, or refused with nothing written',
    async (_name, file) => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-fixture-'));
      const app = openApp(parseConfig({ TRAX_DATA_DIR: dataDir, TRAX_SECRET_KEY: '12'.repeat(32) }), { now: () => NOW });
      const tables = () =>
        ['transactions', 'imports', 'accounts', 'connections', 'transaction_aliases'].map(
          (t) => app.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number,
        );
      try {
        let results;
        try {
          results = await importFile(app, file, { currency: 'EUR', dateFormat: 'MDY' });
        } catch (e) {
          expect(e).toBeInstanceOf(TraxError);
          expect((e as TraxError).code).toBe('import_refused');
          expect((e as TraxError).message).toContain(path.basename(file));
          expect((e as TraxError).message).toMatch(/Nothing was imported\.$/);
          expect(tables()).toEqual([0, 0, 0, 0, 0]);
          return;
        }
        expect(MALFORMED).not.toContain(path.basename(file));
        const added = results.reduce((n, r) => n + r.added, 0);
        expect(added).toBe(app.db.prepare('SELECT count(*) FROM transactions').pluck().get());
        const again = await importFile(app, file, { currency: 'EUR', dateFormat: 'MDY' });
        expect(again.reduce((n, r) => n + r.added + r.linked + r.review, 0)).toBe(0);
        expect(again.reduce((n, r) => n + r.duplicates, 0)).toBe(added);
      } finally {
        app.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );

  it('refuses each file broken on purpose', async () => {
    const found = fixtures().filter((f) => MALFORMED.includes(path.basename(f)));
    expect(found).toHaveLength(MALFORMED.length);
  });
});
