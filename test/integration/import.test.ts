import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeIngCsv } from '../helpers/ing-csv.js';
import { clockEnv, ROOT, runCli } from '../helpers/trax.js';

const FIX = path.join(ROOT, 'test/fixtures/imports');
const ING_OLD = path.join(FIX, 'csv/ing_de/ing-umsatzanzeige-old-format.iso8859-1.csv');
const ING_NEW = path.join(FIX, 'csv/ing_de/ing-umsatzanzeige-with-kategorie.utf8.csv');
const CAMT = path.join(FIX, 'camt/genkgo_camt053.v2.multi.statement.xml');

let dataDir: string;
let env: Record<string, string>;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'trax-import-'));
  env = { TRAX_DATA_DIR: dataDir, TRAX_SECRET_KEY: 'cd'.repeat(32), ...clockEnv() };
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const trax = (...args: string[]) => runCli(args, env);
/** Reads the database file the CLI wrote, as a user's own tool would. */
function query<T = number>(sql: string, ...params: unknown[]): T {
  const db = new Database(path.join(dataDir, 'trax.sqlite'), { readonly: true });
  try {
    return db
      .prepare(sql)
      .pluck()
      .get(...params) as T;
  } finally {
    db.close();
  }
}
const rows = () => query('SELECT count(*) FROM transactions');
const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

describe('trax import', () => {
  it('imports an ING CSV into a new offline account, says what it found, and a second import adds nothing', async () => {
    const before = { sha: sha(ING_OLD), mtime: statSync(ING_OLD).mtimeMs };
    const first = await trax('import', ING_OLD);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('ING Germany CSV (Umsatzanzeige)');
    expect(first.stdout).toContain('a new offline account "Girokonto"');
    expect(first.stdout).toContain('15 new');
    expect(first.stdout).toContain('Balances add up: 2,100.55 EUR + 1,498.48 EUR = 3,599.03 EUR.');
    expect(rows()).toBe(15);
    expect(query("SELECT sum(amount_minor) FROM transactions WHERE source = 'file:ing-de-csv'")).toBe(149_848);
    expect(query('SELECT provider FROM connections')).toBe('file');
    // Every imported row is categorized, as a synced one is.
    expect(query('SELECT count(*) FROM transactions WHERE category_id IS NULL')).toBe(0);

    // The same bookings from the newer layout, in another encoding: already there.
    const again = await trax('import', ING_NEW, '--json');
    expect(again.code, again.stderr).toBe(0);
    const report = JSON.parse(again.stdout) as { files: Array<Record<string, unknown>> };
    expect(report.files).toEqual([
      expect.objectContaining({ format: 'ing-de-csv', accountId: 1, added: 0, linked: 0, duplicates: 15, review: 0 }),
    ]);
    expect(rows()).toBe(15);
    // Files are read, never modified.
    expect({ sha: sha(ING_OLD), mtime: statSync(ING_OLD).mtimeMs }).toEqual(before);

    const accounts = await trax('accounts', '--json');
    expect(JSON.parse(accounts.stdout)).toEqual([
      expect.objectContaining({ iban: 'DE89370400440532013000', balance: expect.objectContaining({ currentMinor: 359_903 }) }),
    ]);
    const tx = JSON.parse((await trax('transactions', '--json', '--limit', '1')).stdout) as Array<Record<string, unknown>>;
    expect(tx[0]).toMatchObject({ source: 'file', sourceFormat: 'ing-de-csv', importId: 1 });
  });

  it('--dry-run shows the preview and writes nothing', async () => {
    const r = await trax('import', '--dry-run', ING_OLD);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('15 new');
    expect(r.stdout).toContain('Dry run: nothing was written.');
    expect(rows()).toBe(0);
    expect(query('SELECT count(*) FROM imports')).toBe(0);
    expect(query('SELECT count(*) FROM accounts')).toBe(0);
  });

  it('undo removes exactly the rows an import added', async () => {
    await trax('import', ING_OLD);
    const camt = await trax('import', CAMT);
    expect(camt.code, camt.stderr).toBe(0);
    const withBoth = rows();
    expect(withBoth).toBeGreaterThan(15);
    const list = await trax('import', 'list');
    expect(list.stdout).toContain('ing-umsatzanzeige-old-format.iso8859-1.csv');
    const undo = await trax('import', 'undo', '1');
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout).toContain('15 rows removed');
    expect(rows()).toBe(withBoth - 15);
    expect(query("SELECT count(*) FROM transactions WHERE source = 'file:ing-de-csv'")).toBe(0);
    const twice = await trax('import', 'undo', '1');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('was already undone');
    // Undone is not deleted: the file can come in again.
    expect((await trax('import', ING_OLD)).stdout).toContain('15 new');
  });

  it('refuses malformed, empty, foreign and truncated files with a sentence, exit code 1 and nothing written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-bad-'));
    const empty = path.join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const pdf = path.join(dir, 'statement.csv');
    writeFileSync(pdf, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(64)]));
    const truncated = path.join(dir, 'camt.xml');
    writeFileSync(truncated, readFileSync(CAMT, 'utf8').slice(0, 1500));
    // A text file that is no statement (the README served once, until its prose grew commas).
    const letter = path.join(dir, 'Kuendigung.txt');
    writeFileSync(
      letter,
      'Sehr geehrte Damen und Herren\nhiermit kuendige ich mein Abo zum Monatsende\nMit freundlichen Gruessen\n',
    );
    const badRow = path.join(dir, 'Umsatzanzeige.csv');
    writeFileSync(badRow, readFileSync(ING_NEW, 'utf8').replace('-54,37', 'minus vier'));
    const cases: Array<[string, RegExp]> = [
      [empty, /empty \(0 bytes\)/],
      [pdf, /this is a PDF, not a statement export/],
      [truncated, /CAMT\.053.*(cut|truncat|end|unclosed|close)/i],
      [badRow, /line 1[0-9]+.*amount/i],
      [letter, /matches none of the formats/],
    ];
    for (const [file, message] of cases) {
      const r = await trax('import', file);
      expect(r.code, `${file}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain('Nothing was imported.');
    }
    const missing = await trax('import', path.join(dir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist');
    expect(query('SELECT count(*) FROM transactions')).toBe(0);
    expect(query('SELECT count(*) FROM imports')).toBe(0);
    expect(query('SELECT count(*) FROM accounts')).toBe(0);

    // Several files: the good one is imported, the bad one reported; exit code 1.
    const mixed = await trax('import', '--json', ING_OLD, empty);
    expect(mixed.code).toBe(1);
    const out = JSON.parse(mixed.stdout) as { files: Array<Record<string, unknown>> };
    expect(out.files[0]).toMatchObject({ added: 15 });
    expect(out.files[1]).toMatchObject({ file: empty, error: expect.objectContaining({ code: 'import_refused' }) });
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a file of another account or another currency with the reason', async () => {
    await trax('import', ING_OLD);
    const other = writeIngCsv('DE02120300000000202051', [
      { date: '2026-01-05', counterparty: 'REWE', description: 'Einkauf', amountMinor: -1234 },
    ]);
    const r = await trax('import', other, '--account', '1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'the file is for IBAN DE02120300000000202051, but account 1 (Girokonto, DE89370400440532013000, EUR) has another',
    );
    expect(rows()).toBe(15);
    const usd = path.join(mkdtempSync(path.join(tmpdir(), 'trax-usd-')), 'usd.csv');
    writeFileSync(usd, 'Datum;Betrag;Text\n05.01.2026;-12,34;Coffee\n06.01.2026;-1,00;Tea\n');
    const m = await trax('import', usd, '--account', '1', '--map', 'date=Datum,amount=Betrag,description=Text,currencyCode=USD');
    expect(m.code).toBe(1);
    expect(m.stderr).toContain('the file is in USD, but account 1');
    const bad = await trax('import', usd, '--map', 'date=Datum,amount=Nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/currency/);
    expect(rows()).toBe(15);
  });

  it('an unknown CSV is refused with its columns and how to map them; the mapping is saved and reused', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'trax-map-')), 'export.csv');
    writeFileSync(
      file,
      'Datum;Wert;Betrag;Text\n05.01.2026;05.01.2026;-12,34;Wochenmarkt\n06.01.2026;06.01.2026;1.200,00;Gehalt\n',
    );
    const r = await trax('import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('columns: Datum, Wert, Betrag, Text');
    expect(r.stderr).toContain('--map date=COLUMN');
    const mapped = await trax('import', file, '--map', 'date=Datum,amount=Betrag,description=Text,currencyCode=EUR', '--json');
    expect(mapped.code, mapped.stderr).toBe(0);
    expect(JSON.parse(mapped.stdout).files[0]).toMatchObject({ added: 2 });
    expect(query('SELECT sum(amount_minor) FROM transactions')).toBe(118_766);
    const copy = path.join(path.dirname(file), 'export-2.csv');
    copyFileSync(file, copy);
    const reused = await trax('import', copy, '--json');
    expect(reused.code, reused.stderr).toBe(0);
    expect(JSON.parse(reused.stdout).files[0]).toMatchObject({ accountId: 1, added: 0, duplicates: 2 });
  });

  it('an offline account is deleted with its history like a bank, without tokens to revoke', async () => {
    await trax('import', ING_OLD);
    const id = query<string>('SELECT id FROM connections');
    const r = await trax('disconnect', id, '--purge');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Removed ING Germany (${id}); there were no bank tokens to delete.`);
    expect(r.stdout).toContain('Deleted its accounts and transaction history.');
    expect(rows()).toBe(0);
    expect(query('SELECT count(*) FROM imports')).toBe(0);
  });

  it('explains itself in --help with examples', async () => {
    const r = await trax('import', '--help');
    expect(r.code).toBe(0);
    for (const s of ['--dry-run', '--account', '--map', 'trax import undo', 'trax import review', 'Examples:'])
      expect(r.stdout).toContain(s);
  });
});
