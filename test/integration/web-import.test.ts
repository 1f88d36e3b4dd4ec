import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { WebClient } from '../helpers/browserless.js';
import { ingCsv } from '../helpers/ing-csv.js';
import { count, ROOT, sandbox, testApp, type TestApp } from '../helpers/trax.js';
import { startTestWeb } from '../helpers/web.js';

const ING = path.join(ROOT, 'test/fixtures/imports/csv/ing_de/ing-umsatzanzeige-with-kategorie.iso8859-1.csv');

let sb: TrueLayerSandbox;
let t: TestApp;
let server: Awaited<ReturnType<typeof startTestWeb>>;
let web: WebClient;
beforeEach(async () => {
  sb = await sandbox();
  t = await testApp(sb);
  server = await startTestWeb(t.app);
  web = new WebClient(`http://127.0.0.1:${server.port}`);
});
afterEach(async () => {
  await server.close();
  t.cleanup();
  await sb.close();
});

async function upload(bytes: Buffer | string, name: string, fields: Record<string, string> = {}, csrf?: string) {
  const form = new FormData();
  form.set('_csrf', csrf ?? (await web.csrf()));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
  return web.fetch('/import/preview', { method: 'POST', body: form });
}
const token = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;
const rows = () => count(t.app, 'SELECT count(*) FROM transactions');

describe('Import a file (web)', () => {
  it('upload → preview → Import → result; the same file again is "imported before"; Undo removes the rows', async () => {
    const home = await (await web.fetch('/')).text();
    expect(home).toContain('href="/import"');
    const res = await upload(readFileSync(ING), 'Umsatzanzeige_DE89370400440532013000.csv');
    expect(res.status).toBe(200);
    const preview = await res.text();
    expect(preview).toContain('ING Germany CSV (Umsatzanzeige)');
    expect(preview).toContain('15 new');
    expect(preview).toContain('Balances add up');
    expect(preview).toContain('REWE Markt GmbH');
    expect(rows()).toBe(0);

    const csrf = await web.csrf();
    const done = await web.postForm('/import/commit', { _csrf: csrf, token: token(preview) });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('15 new');
    expect(rows()).toBe(15);
    // The uploaded copy is gone once imported: the token is spent.
    const reuse = await web.postForm('/import/commit', { _csrf: csrf, token: token(preview) });
    expect(reuse.status).toBe(410);
    expect(rows()).toBe(15);

    const again = await (await upload(readFileSync(ING), 'Umsatzanzeige.csv')).text();
    expect(again).toContain('0 new, 15 imported before');
    const page = await (await web.fetch('/import')).text();
    expect(page).toContain('Umsatzanzeige_DE89370400440532013000.csv');
    const id = t.app.imports.list().at(-1)!.id;
    const undo = await web.postForm(`/import/${id}/undo`, { _csrf: csrf });
    expect(undo.status).toBe(303);
    expect(rows()).toBe(0);
    expect(await (await web.fetch('/import')).text()).toContain(
      'Undid the import of Umsatzanzeige_DE89370400440532013000.csv: 15 rows removed',
    );
  });

  it('refuses a malformed file with its sentence, an oversized one with 413, and a post without CSRF; nothing is written', async () => {
    const bad = readFileSync(ING, 'latin1').replace('-54,37', 'vier Euro');
    const res = await upload(Buffer.from(bad, 'latin1'), 'bad.csv');
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/bad\.csv: ING Germany CSV \(Umsatzanzeige\): line \d+: .*Nothing was imported\./);
    const big = await upload(Buffer.alloc(21 * 1024 * 1024, 0x41), 'huge.csv');
    expect(big.status).toBe(413);
    const forged = await upload(readFileSync(ING), 'x.csv', {}, 'not-the-token');
    expect(forged.status).toBe(403);
    expect(rows()).toBe(0);
    expect(t.app.imports.list()).toEqual([]);
  });

  it('bank text from a file is shown escaped, never interpreted', async () => {
    const hostile = ingCsv('DE89370400440532013000', [
      {
        date: '2026-05-02',
        counterparty: '<img src=x onerror=alert(1)>',
        description: '<script>alert(1)</script>',
        amountMinor: -500,
      },
    ]);
    const html = await (await upload(hostile, 'x.csv')).text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('an unknown CSV gets the column picker; the mapping imports it', async () => {
    const csv = 'Datum;Betrag;Text\n05.01.2026;-12,34;Wochenmarkt\n06.01.2026;1.200,00;Gehalt\n';
    const picker = await (await upload(csv, 'export.csv')).text();
    expect(picker).toContain('Which column is which');
    expect(picker).toContain('<option value="Betrag">Betrag</option>');
    const csrf = await web.csrf();
    const preview = await web.postForm('/import/map', {
      _csrf: csrf,
      token: token(picker),
      map_date: 'Datum',
      map_amount: 'Betrag',
      map_description: 'Text',
      map_currencyCode: 'EUR',
    });
    const html = await preview.text();
    expect(html).toContain('2 new');
    await web.postForm('/import/commit', { _csrf: csrf, token: token(html) });
    expect(count(t.app, 'SELECT sum(amount_minor) FROM transactions')).toBe(118_766);
  });
});
