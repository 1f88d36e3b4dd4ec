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
    return /LICENSE|README|^\.git|\.(json|ya?ml|md)$/i.test(f) ? [] : [p];
  });
}

/**
 * The fixtures Trax refuses, each with the reason it must give. Every other fixture must import:
 * without this list a parser that refused a good file passed as "refused with nothing written".
 */
const REFUSED: Record<string, RegExp> = {
  'genkgo_camt053.v2.wrong.xml': /holds no Stmt statement/,
  'february_30.sta': /the value date 160230 is not a calendar date/,
  'error_message.ofx': /answered with error 2000 \(General Server Error\)/,
  'date_missing.ofx': /has no <DTPOSTED> date/,
  'decimal_error.ofx': /is not an OFX date/,
  'fidelity-savings.ofx': /this is an investment statement \(INVSTMTRS\)/,
  'investment_401k.ofx': /this is an investment statement \(INVSTMTRS\)/,
  'quiffen_test_unknown_account_type.qif': /holds an investment account \(!Type:Invst\)/,
  'quiffen_test_category_inherit.qif': /holds no bank, cash or card transactions/,
  'quiffen_test_clear_autoswitch.qif': /holds no bank, cash or card transactions/,
  'quiffen_test_nosymbol.qif': /holds no bank, cash or card transactions/,
  'quiffen_test_option_autoswitch.qif': /holds no bank, cash or card transactions/,
  // Day-first dates, read here with --date-format MDY as every fixture is.
  'quiffen_test_category_override.qif': /"22\/12\/2017" is not a calendar date read as MDY/,
  // Parser test snippets, not statements: no :20: header, or no :62F: closing balance.
  'amount_formats.sta': /matches none of the formats Trax reads/,
  'sparkassen.sta': /matches none of the formats Trax reads/,
  'gv_codes.sta': /has no closing balance \(:62F:\)/,
  // An empty <OFX></OFX>.
  'bank_small.ofx': /holds no bank or credit-card statement/,
  // A real statement in HUF with fillér (",10"); Trax takes HUF's digits from Intl (0), ISO 4217
  // says 2. Refused whole, as any amount finer than its currency (docs/testing.md, "left").
  'raiffeisen-cmi.sta': /has more than 0 decimals for HUF/,
};

// A name listed above but missing from the fixtures would leave its refusal unchecked: the file
// fails to load instead (a check of this table, not a test of Trax).
const missing = Object.keys(REFUSED).filter((f) => !fixtures().some((p) => path.basename(p) === f));
if (missing.length) throw new Error(`REFUSED names fixtures that do not exist: ${missing.join(', ')}`);

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
          const why = REFUSED[path.basename(file)];
          expect(why, `${path.basename(file)} should import: ${String(e)}`).toBeDefined();
          expect(e).toBeInstanceOf(TraxError);
          expect((e as TraxError).message).toMatch(why!);
          expect((e as TraxError).code).toBe('import_refused');
          expect((e as TraxError).message).toContain(path.basename(file));
          expect((e as TraxError).message).toMatch(/Nothing was imported\.$/);
          expect(tables()).toEqual([0, 0, 0, 0, 0]);
          return;
        }
        expect(Object.keys(REFUSED)).not.toContain(path.basename(file));
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
});
