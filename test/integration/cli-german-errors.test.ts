import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
});
