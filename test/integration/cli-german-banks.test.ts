import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/trax.js';
import { APP_ID, ebWorld, REDIRECT, type EbWorld } from '../helpers/enablebanking.js';

/** `trax banks` in a German terminal, against the Enable Banking emulator. */
let w: EbWorld;
let dataDir: string;
let env: Record<string, string>;

beforeEach(async () => {
  w = await ebWorld();
  dataDir = mkdtempSync(path.join(tmpdir(), 'trax-ebcli-de-'));
  env = {
    TRAX_DATA_DIR: dataDir,
    TRAX_SECRET_KEY: '78'.repeat(32),
    ENABLEBANKING_APP_ID: APP_ID,
    ENABLEBANKING_KEY_FILE: path.join(w.dir, 'private.pem'),
    ENABLEBANKING_REDIRECT_URI: REDIRECT,
    ENABLEBANKING_BASE_URL: w.sb.url,
    TRAX_LANG: 'de',
  };
});
afterEach(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  await w.close();
});

const cli = (args: string[], extra: Record<string, string> = {}) =>
  runCli(args, { ...env, ...extra, TRAX_CLOCK: w.sb.clock.now().toISOString() });

describe('trax banks in German', () => {
  it('lists the catalogue with German headers; --json is the same bytes as in English', async () => {
    const r = await cli(['banks', '--provider', 'enablebanking', '--country', 'de']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Bank.*Land.*Freigabe max\..*Kundenarten/);
    expect(r.stdout).toMatch(/ING\s.*DE\s.*180 Tage/);
    expect(r.stdout).not.toMatch(/days|Country/);
    const a = await cli(['banks', '--provider', 'enablebanking', '--country', 'DE', '--json']);
    const b = await cli(['banks', '--provider', 'enablebanking', '--country', 'DE', '--json'], { TRAX_LANG: 'en' });
    expect(a.stdout).toBe(b.stdout);
  });

  it('refuses an unknown provider or a bad country in German with exit 1', async () => {
    const plaid = await cli(['banks', '--provider', 'plaid']);
    expect(plaid.code).toBe(1);
    expect(plaid.stderr).toContain('plaid hat keine Bankliste zum Anzeigen');
    const country = await cli(['banks', '--provider', 'enablebanking', '--country', 'Deutschland']);
    expect(country.code).toBe(1);
    expect(country.stderr).toContain('--country „Deutschland“ ist kein zweistelliger Ländercode wie DE.');
  });
});
