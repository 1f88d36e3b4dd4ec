import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { WebClient } from '../helpers/browserless.js';
import { startTestWeb } from '../helpers/web.js';
import { ING, ROOT, sandbox, testApp, type TestApp } from '../helpers/trax.js';

/**
 * The same pages asked for by a German and by an English browser, over real HTTP against the
 * TrueLayer emulator and a real SQLite file: German words, amounts and dates for the one,
 * the long-standing English for the other.
 */
const DE = { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' };
const EN = { 'accept-language': 'en-GB,en;q=0.9' };

let sb: TrueLayerSandbox;
let t: TestApp;
let server: Awaited<ReturnType<typeof startTestWeb>>;
let web: WebClient;

const page = async (path: string, headers: Record<string, string>) => {
  const res = await web.fetch(path, { headers });
  return { status: res.status, lang: res.headers.get('content-language'), html: await res.text() };
};
/** Page text without tags, so a sentence split by markup still reads as one. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

beforeAll(async () => {
  sb = await sandbox();
  t = await testApp(sb);
  server = await startTestWeb(t.app);
  web = new WebClient(`http://127.0.0.1:${server.port}`);
  // Link ING the way a browser does: our redirect, the bank's login, back to our callback.
  const start = await web.fetch('/connect/truelayer');
  const back = new URL(
    await sb.completeAuth(start.headers.get('location')!, { username: 'john', password: 'doe', providerId: ING }),
  );
  expect((await web.fetch(back.pathname + back.search)).status).toBe(303);
});

afterAll(async () => {
  await server?.close();
  t?.cleanup();
  await sb?.close();
});

describe('the Banks page', () => {
  it('speaks German to a German browser: headings, buttons, status, consent date and balance', async () => {
    const p = await page('/', DE);
    expect(p.status).toBe(200);
    expect(p.lang).toBe('de');
    const words = text(p.html);
    expect(words).toContain('Ihre Banken');
    expect(words).toContain('Bank über TrueLayer verknüpfen');
    expect(words).toContain('Jetzt abrufen');
    expect(words).toContain('auch die Umsätze löschen');
    expect(words).toMatch(/Freigabe gültig bis \d{2}\.\d{2}\.\d{4} \(\d+ Tage\)/);
    expect(words).toMatch(/Letzter Abruf: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2} UTC/);
    // A balance as a German statement prints it: 1.234,56 € (the sign before the digits).
    expect(p.html).toMatch(/class="amount[^"]*">-?[\d.]+,\d{2}\s€</);
    expect(words).not.toContain('Your banks');
    expect(words).not.toContain('Sync now');
  });

  it('keeps the English page as it was for an English browser', async () => {
    const p = await page('/', EN);
    expect(p.lang).toBe('en');
    const words = text(p.html);
    expect(words).toContain('Your banks');
    expect(words).toContain('Link a bank with TrueLayer');
    expect(words).toContain('Sync now');
    expect(words).toMatch(/Consent valid until \d{4}-\d{2}-\d{2} \(\d+ days\)/);
    expect(words).toMatch(/Last sync: \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    expect(p.html).toMatch(/class="amount[^"]*">-?[\d,]+\.\d{2} EUR</);
    expect(words).not.toContain('Ihre Banken');
  });

  it('tells the result of "Sync now" in the language of the browser that pressed it', async () => {
    const id = t.app.connections.list()[0]!.id;
    const csrf = await web.csrf();
    const res = await web.fetch(`/connections/${id}/sync`, {
      method: 'POST',
      headers: { ...DE, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(res.status).toBe(303);
    expect(text((await page('/', DE)).html)).toMatch(/ING: \d+ neu, \d+ geändert, \d+ entfernt\./);
  });
});

describe('the transaction list', () => {
  it('lists transactions in German: headers, dates, amounts, category names and filters', async () => {
    const p = await page('/transactions', DE);
    expect(p.status).toBe(200);
    const words = text(p.html);
    expect(p.html).toContain('<h1>Umsätze</h1>');
    expect(words).toMatch(/\d+–\d+ von [\d.]+/);
    expect(words).toContain('Verwendungszweck');
    expect(words).toContain('Alle Konten');
    expect(words).toContain('Filtern');
    expect(p.html).toMatch(/<td>\d{2}\.\d{2}\.\d{4}<\/td>/);
    expect(p.html).toMatch(/class="amount negative">-[\d.]+,\d{2}\s€</);
    // Built-in categories by their German names, in the filter and on the rows.
    expect(p.html).toContain('>Lebensmittel</option>');
    expect(p.html).not.toContain('>Groceries</option>');
    expect(p.html).not.toMatch(/<td>\d{4}-\d{2}-\d{2}<\/td>/);
  });

  it('keeps the English list as it was', async () => {
    const p = await page('/transactions', EN);
    const words = text(p.html);
    expect(p.html).toContain('<h1>Transactions</h1>');
    expect(words).toMatch(/Showing \d+–\d+ of [\d,]+/);
    expect(p.html).toMatch(/<td>\d{4}-\d{2}-\d{2}<\/td>/);
    expect(p.html).toMatch(/class="amount negative">-[\d,]+\.\d{2} EUR</);
    expect(p.html).toContain('>Groceries</option>');
    expect(words).not.toContain('Verwendungszweck');
  });

  it('names the chosen category in German after an inline change from a German page', async () => {
    const row = t.app.transactions.list({ limit: 1 })[0]!;
    const csrf = await web.csrf();
    const choose = (headers: Record<string, string>) =>
      web.fetch(`/transactions/${row.id}/category`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ category: 'groceries' }),
      });
    const de = await choose(DE);
    expect(de.status).toBe(200);
    expect(await de.json()).toMatchObject({ category: 'Lebensmittel', slug: 'groceries' });
    expect(await (await choose(EN)).json()).toMatchObject({ category: 'Groceries', slug: 'groceries' });
    // The choice itself is stored once, in no language: the slug.
    expect(t.app.transactions.list({ ids: [row.id] })[0]!.category_slug).toBe('groceries');
  });

  it('says in German what is wrong with a filter', async () => {
    const p = await page('/transactions?month=Dezember', DE);
    expect(p.status).toBe(400);
    expect(text(p.html)).toContain('„Dezember“ ist kein Monat; schreiben Sie JJJJ-MM.');
    const en = await page('/transactions?month=December', EN);
    expect(text(en.html)).toContain('"December" is not a month; use YYYY-MM.');
  });
});

const ING_CSV = path.join(ROOT, 'test/fixtures/imports/csv/ing_de/ing-umsatzanzeige-with-kategorie.iso8859-1.csv');

async function upload(bytes: Buffer | string, headers: Record<string, string>) {
  const form = new FormData();
  form.set('_csrf', await web.csrf());
  form.set('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), 'Umsatzanzeige.csv');
  const res = await web.fetch('/import/preview', { method: 'POST', body: form, headers });
  return { status: res.status, html: await res.text() };
}

describe('the imports page', () => {
  it('previews a statement in German: counts, balance check, dates and amounts the German way', async () => {
    const p = await upload(readFileSync(ING_CSV), DE);
    expect(p.status).toBe(200);
    const words = text(p.html);
    expect(words).toMatch(/Vorschau: Umsatzanzeige\.csv/);
    expect(words).toMatch(/\d+ neu/);
    expect(words).toMatch(/Die Salden stimmen: -?[\d.]+,\d{2} € \+ -?[\d.]+,\d{2} € = -?[\d.]+,\d{2} €\./);
    expect(words).toMatch(/Buchungen vom \d{2}\.\d{2}\.\d{4} bis \d{2}\.\d{2}\.\d{4}/);
    expect(p.html).toContain('<th>Verwendungszweck</th>');
    expect(p.html).toMatch(/data-label="Datum">\d{2}\.\d{2}\.\d{4}</);
    expect(words).toContain('Importieren');
    expect(words).toContain('Abbrechen');
    expect(words).not.toContain('Balances add up');
  });

  it('shows the same preview in English, unchanged, to an English browser', async () => {
    const p = await upload(readFileSync(ING_CSV), EN);
    const words = text(p.html);
    expect(words).toMatch(/Preview: Umsatzanzeige\.csv/);
    expect(words).toMatch(/\d+ new/);
    expect(words).toMatch(/Balances add up: -?[\d,]+\.\d{2} EUR \+ -?[\d,]+\.\d{2} EUR = -?[\d,]+\.\d{2} EUR\./);
    expect(words).toMatch(/bookings \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);
    expect(p.html).toMatch(/data-label="Date">\d{4}-\d{2}-\d{2}</);
    expect(words).not.toContain('Verwendungszweck');
  });

  it('says in German what to do about an empty upload, and lists the page in German', async () => {
    const p = await upload('', DE);
    expect(p.status).toBe(422);
    const words = text(p.html);
    expect(words).toContain('Wählen Sie zuerst die Kontoauszugsdatei aus (sie war leer oder fehlte).');
    expect(words).toContain('Kontoauszugsdatei');
    expect(words).toContain('Importierte Dateien');
    expect(words).not.toContain('Choose the statement file');
    const en = await upload('', EN);
    expect(text(en.html)).toContain('Choose the statement file to import first (it was empty or missing).');
  });
});

describe('the login page (a password-protected Trax)', () => {
  it('asks for the password and refuses a wrong one in German, and in English for an English browser', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'trax-login-de-'));
    const app = openApp(parseConfig({ TRAX_DATA_DIR: dir, TRAX_WEB_PASSWORD: 'correct horse battery' }), {
      now: () => new Date('2031-03-04T05:06:07Z'),
    });
    const srv = await startTestWeb(app);
    try {
      const wrong = async (headers: Record<string, string>) => {
        const b = new WebClient(`http://127.0.0.1:${srv.port}`);
        const form = await b.fetch('/login', { headers });
        const html = await form.text();
        const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
        const res = await b.fetch('/login', {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, password: 'wrong', next: '/' }).toString(),
        });
        return { form: text(html), status: res.status, refused: text(await res.text()) };
      };
      const de = await wrong(DE);
      expect(de.form).toContain('Bei Trax anmelden');
      expect(de.form).toContain('Passwort');
      expect(de.status).toBe(401);
      expect(de.refused).toContain('Das Passwort stimmt nicht.');

      const en = await wrong(EN);
      expect(en.form).toContain('Log in to Trax');
      expect(en.status).toBe(401);
      expect(en.refused).toContain('That password is not right.');
      expect(en.refused).not.toContain('Passwort');
    } finally {
      await srv.close();
      app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
