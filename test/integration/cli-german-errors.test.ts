import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLedger, runTrax } from '../helpers/ledger.js';
import { runCli } from '../helpers/trax.js';

/**
 * Errors raised far from the CLI (the configuration, the database file) reach a German terminal
 * in German, with the same exit codes as in English.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trax-errors-de-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('errors from outside the CLI in German', () => {
  it('a missing provider configuration', async () => {
    // An empty .env in the working directory: nothing from the machine's own one leaks in.
    writeFileSync(path.join(dir, '.env'), '');
    const env = { TRAX_DATA_DIR: path.join(dir, 'data'), TRAX_SECRET_KEY: 'ab'.repeat(32) };
    const de = await runCli(['connect', 'truelayer', '--no-browser'], { ...env, TRAX_LANG: 'de' }, { cwd: dir });
    const en = await runCli(['connect', 'truelayer', '--no-browser'], env, { cwd: dir });
    expect(de.code).toBe(en.code);
    expect(de.stderr).toContain('Fehler: TRUELAYER_CLIENT_ID und TRUELAYER_CLIENT_SECRET sind nicht gesetzt');
    expect(en.stderr).toContain('Error: TRUELAYER_CLIENT_ID and TRUELAYER_CLIENT_SECRET are not set');
  });

  it('an empty database file', async () => {
    const data = path.join(dir, 'data');
    mkdirSync(data);
    writeFileSync(path.join(data, 'trax.sqlite'), '');
    const env = { TRAX_DATA_DIR: data, TRAX_SECRET_KEY: 'ab'.repeat(32) };
    const de = await runCli(['accounts'], { ...env, TRAX_LANG: 'de' }, { cwd: dir });
    const en = await runCli(['accounts'], env, { cwd: dir });
    expect(de.code).toBe(en.code);
    expect(de.code).not.toBe(0);
    expect(de.stderr).toMatch(/^Fehler: Die Datenbank .*trax\.sqlite ist leer \(0 Bytes\)/);
    expect(en.stderr).toMatch(/^Error: The database .*trax\.sqlite is empty \(0 bytes\)/);
  });

  it('refusals of bookings kept by hand, splits and tags', async () => {
    const l = fileLedger();
    try {
      const bank = l.account({ name: 'Girokonto', institution: 'ING' });
      const rewe = l.tx({ account: bank, date: '2026-06-05', amount: '-120.00', description: 'REWE Markt 4411' });
      const de = (...args: string[]) => runTrax(args, { ...l.env, TRAX_LANG: 'de' });
      const cash = Number(/Konto (\d+)/.exec((await de('accounts', 'add', 'Bargeld', '--currency', 'EUR')).stdout)?.[1]);
      const noAmount = await de(
        'tx',
        'add',
        '--account',
        String(cash),
        '--date=2026-06-10',
        '--amount=viel',
        '--description',
        'x',
      );
      expect(noAmount.code).toBe(2);
      expect(noAmount.stderr).toContain('„viel“ ist kein Betrag in EUR; schreiben Sie z. B. -4.20 für eine Ausgabe');
      const fed = await de('tx', 'add', '--account', String(bank), '--date=2026-06-10', '--amount=-1', '--description', 'x');
      expect(fed.stderr).toMatch(/Konto \d+ \(Girokonto bei ING\) wird über .+ gefüllt; seine Buchungen kommen von dort\./);
      const edit = await de('tx', 'edit', String(rewe), '--amount=-1');
      expect(edit.stderr).toMatch(/Umsatz \d+ stammt von ING über .+; er bleibt, wie er kam, und kann nicht geändert werden\./);
      const sum = await de('tx', 'split', String(rewe), '--part', 'groceries:80.00', '--part', 'drugstore:30.00');
      expect(sum.code).toBe(2);
      expect(sum.stderr).toContain(
        'Die Teile ergeben 110.00 €, die Buchung ist 120.00 €: 10.00 € fehlen. Es wurde nichts geändert.',
      );
      expect((await de('tx', 'unsplit', String(rewe))).stderr).toContain(`Umsatz ${rewe} ist nicht aufgeteilt.`);
      expect((await de('tx', 'tag', String(rewe), '+a/b')).stderr).toContain('„a/b“ ist kein Tag');
      expect((await de('tx', 'note', '999', 'x')).stderr).toContain('Es gibt keinen Umsatz 999');
    } finally {
      l.close();
    }
  });
});
