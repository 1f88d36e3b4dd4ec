import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clockEnv, ROOT, runCli } from '../helpers/trax.js';

/**
 * `trax import` in a German terminal: the same file read into the same rows as in English, told
 * with German sentences, "2.100,55 €" and "02.12.2026"; refusals in German with the same exit
 * codes; --json the same bytes in both languages.
 */
const ING_OLD = path.join(ROOT, 'test/fixtures/imports/csv/ing_de/ing-umsatzanzeige-old-format.iso8859-1.csv');
let dataDir: string;
let env: Record<string, string>;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'trax-import-de-'));
  env = { TRAX_DATA_DIR: dataDir, TRAX_SECRET_KEY: 'cd'.repeat(32), ...clockEnv() };
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
const de = (...args: string[]) => runCli(args, { ...env, TRAX_LANG: 'de' });
const en = (...args: string[]) => runCli(args, env);
function rows(): number {
  const db = new Database(path.join(dataDir, 'trax.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM transactions').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('trax import in German', () => {
  it('previews, imports, lists and undoes an ING CSV in German; --json is the same bytes as in English', async () => {
    const dry = await de('import', '--dry-run', ING_OLD);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Konto: ein neues Offline-Konto');
    expect(dry.stdout).toMatch(/Buchungen vom \d\d\.\d\d\.\d{4} bis \d\d\.\d\d\.\d{4}/);
    expect(dry.stdout).toContain('15 neu');
    expect(dry.stdout).toMatch(/Die Salden stimmen: 2\.100,55\s€ \+ 1\.498,48\s€ = 3\.599,03\s€\./);
    expect(dry.stdout).toMatch(/Datum.*Betrag.*Verwendungszweck/);
    expect(dry.stdout).toMatch(/neu .*\d\d\.\d\d\.\d{4}.*-?\d+,\d\d\s€/);
    expect(dry.stdout).toContain('Probelauf: Es wurde nichts geschrieben.');
    expect(dry.stderr).toMatch(/Zeilen gelesen/);
    expect(dry.stdout + dry.stderr).not.toMatch(/Dry run|Account:|Balances add up|read \d+ rows/);
    const a = await de('import', '--dry-run', '--json', ING_OLD);
    const b = await en('import', '--dry-run', '--json', ING_OLD);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(rows()).toBe(0);

    const done = await de('import', ING_OLD);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toContain('✔ Als Import 1 übernommen; `trax import undo 1` macht ihn rückgängig.');
    expect(rows()).toBe(15);
    const again = await de('import', ING_OLD);
    expect(again.stdout).toContain('0 neu, 15 früher importiert');

    const list = await de('import', 'list');
    expect(list.stdout).toMatch(/Import.*Wann.*Datei.*Format.*Konto.*Neu.*In Trax.*Früher.*Prüfen.*Rückgängig/);
    expect(list.stdout).toMatch(/\d\d\.\d\d\.\d{4} \d\d:\d\d/);
    expect((await de('import', 'list', '--json')).stdout).toBe((await en('import', 'list', '--json')).stdout);

    const undo = await de('import', 'undo', '1');
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout).toMatch(/✔ Import 1 \(.*\) rückgängig gemacht: 15 Buchungen entfernt\./);
    expect(rows()).toBe(0);
    const twice = await de('import', 'undo', '1');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/Fehler: Import 1 \(.*\) wurde bereits am \d\d\.\d\d\.\d{4} rückgängig gemacht\./);
    expect((await de('import', 'review')).stdout).toContain(
      'Nichts zu prüfen: Jede importierte Buchung hat ihren Platz gefunden.',
    );
  });

  it('refuses a missing file, an unknown layout, a bad option or review answer in German, with the same exit codes', async () => {
    const missing = await de('import', path.join(dataDir, 'fehlt.csv'));
    const missingEn = await en('import', path.join(dataDir, 'fehlt.csv'));
    expect(missing.code).toBe(missingEn.code);
    expect(missing.stderr).toContain('fehlt.csv gibt es nicht; prüfen Sie den Pfad');
    expect(missingEn.stderr).toContain('fehlt.csv does not exist');

    const odd = path.join(dataDir, 'export.csv');
    writeFileSync(odd, 'Tag;Wert;Notiz\n01.02.2026;-3,50;Brötchen\n');
    const unknown = await de('import', odd);
    expect(unknown.code).toBe((await en('import', odd)).code);
    expect(unknown.stderr).toContain(
      'export.csv: das ist eine CSV-Datei, für die Trax keine Vorlage hat (Spalten: Tag, Wert, Notiz).',
    );
    expect(unknown.stderr).toContain('Es wurde nichts importiert.');

    const format = await de('import', '--format', 'pdf', ING_OLD);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format pdf ist kein Format, das Trax liest');
    const account = await de('import', '--account', 'giro', ING_OLD);
    expect(account.code).toBe(2);
    expect(account.stderr).toContain('--account erwartet eine Kontonummer von Trax');
    const noAccount = await de('import', '--account', '42', ING_OLD);
    expect(noAccount.stderr).toContain('Es gibt kein Konto 42');
    expect((await de('import')).stderr).toContain('Geben Sie die Kontoauszugsdatei an');
    const answer = await de('import', 'review', 'link', '1');
    expect(answer.code).toBe(2);
    expect(answer.stderr).toContain('Beantworten Sie eine Prüfung mit `trax import review link PRÜFUNG UMSATZ`');
    expect((await de('import', 'review', 'add', '7')).stderr).toContain('Es gibt keine offene Prüfung 7');
    expect((await de('import', 'undo', '9')).stderr).toContain('Es gibt keinen Import 9');
    expect(rows()).toBe(0);
  });
});
