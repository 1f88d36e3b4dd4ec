import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { germanAmount, ingCsvBytes } from '../../src/demo/ing-csv.js';
import { ingHistoryCsv, writeIngHistoryCsv, type IngHistoryOptions } from '../../src/demo/ing-history.js';
import { collectStatements } from '../../src/imports/collect.js';
import { readHead } from '../../src/imports/csv/text.js';
import { detectFormat } from '../../src/imports/registry.js';
import type { ParsedStatement, StatementRow } from '../../src/imports/types.js';
import { addDays, toDay } from '../../src/sandbox/shared/dates.js';
import { startTrueLayerSandbox, type TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { buildIngPersona } from '../../src/sandbox/truelayer/personas/ing-de.js';
import { HISTORY_DAYS } from '../../src/sandbox/truelayer/personas/types.js';
import { testStart } from '../helpers/clock.js';

const CLIENT = { clientId: 'sandbox-trax-test', clientSecret: 'sandbox-trax-test-secret' };
const REDIRECT = 'http://localhost:3000/callback';
const SEED = 7;

const dir = mkdtempSync(path.join(tmpdir(), 'trax-ing-history-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const open: TrueLayerSandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

function options(over: Partial<IngHistoryOptions> = {}): IngHistoryOptions {
  const now = testStart();
  return { seed: SEED, startDay: toDay(now), now, ...over };
}

let fileNo = 0;
/** Writes the file and reads it back the way `trax import` would: detect the format from its head, then parse. */
async function writeAndParse(o: IngHistoryOptions) {
  const file = path.join(dir, `ing-${++fileNo}.csv`);
  const written = writeIngHistoryCsv({ ...o, file });
  const parser = detectFormat(await readHead(file));
  expect(parser?.id).toBe('ing-de-csv');
  const statements = await collectStatements(parser!.parse(file, {}));
  expect(statements).toHaveLength(1);
  return { written, file, statement: statements[0]! };
}

const sum = (rows: StatementRow[]) => rows.reduce((s, r) => s + r.amountMinor, 0);
const saldo = (r: StatementRow) => (r.raw as Record<string, string>).Saldo!;
/** 1.234,56 → 123456, independently of the parser. */
const cents = (german: string) => Number(german.replace(/\./g, '').replace(',', ''));

function checkBalances(st: ParsedStatement): void {
  expect(st.opening!.minor + sum(st.rows)).toBe(st.closing!.minor);
  // Newest first: each row's Saldo is the one below it plus its own amount.
  st.rows.forEach((r, i) => {
    const older = st.rows[i + 1];
    const before = older ? cents(saldo(older)) : st.opening!.minor;
    expect(cents(saldo(r)), `line ${r.position}`).toBe(before + r.amountMinor);
  });
  expect(cents(saldo(st.rows[0]!))).toBe(st.closing!.minor);
}

describe('the demo ING CSV of older history', () => {
  it('is an ING Umsatzanzeige the real parser reads: the Girokonto, two years back to a fortnight into the sync window', async () => {
    const o = options();
    const today = toDay(o.now);
    const { written, statement: st } = await writeAndParse(o);
    const persona = buildIngPersona({ seed: SEED, startDay: o.startDay, username: 'john', withIban: true });
    const giro = persona.accounts.find((a) => a.key === 'girokonto')!;

    expect(written.from).toBe(addDays(today, -730));
    expect(written.to).toBe(addDays(today, -76));
    expect(st.account).toMatchObject({ iban: giro.accountNumber!.iban, currency: 'EUR', name: 'Girokonto' });
    expect(written.iban).toBe(giro.accountNumber!.iban);
    expect(st.rows).toHaveLength(written.rows);
    expect(st.rows.length).toBeGreaterThan(1000);
    expect(st.rows.every((r) => r.currency === 'EUR' && r.bookingDate >= written.from && r.bookingDate <= written.to)).toBe(true);
    // Reaches back further than the emulator's own window, a few days from the period's first day.
    const oldest = st.rows.at(-1)!.bookingDate;
    expect(oldest < addDays(today, -HISTORY_DAYS)).toBe(true);
    expect(oldest <= addDays(written.from, 3)).toBe(true);
    expect(st.rows[0]!.bookingDate >= addDays(written.to, -3)).toBe(true);
    expect(st.closing).toEqual({ minor: ingHistoryCsv(o).closingCents, currency: 'EUR', date: written.to });
    checkBalances(st);
    // ING's labels: its booking types with umlauts, its categories in the newest layout.
    const texts = new Set(st.rows.map((r) => r.bookingText));
    expect(texts).toContain('Dauerauftrag/Terminüberweisung');
    expect(texts).toContain('Gehalt/Rente');
    expect(new Set(st.rows.map((r) => r.fileCategory))).toContain('Mobilität');
    expect(st.rows.some((r) => r.fileCategory === null || r.bookingText === null)).toBe(false);
  });

  it('is Windows-1252 with CRLF line ends, not UTF-8', () => {
    const { bytes } = ingHistoryCsv(options());
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(bytes.includes(Buffer.from('Auftraggeber/Empf\xe4nger', 'latin1'))).toBe(true);
    expect(bytes.includes(Buffer.from([0xc3, 0xa4]))).toBe(false);
    expect(bytes.includes(0xfc)).toBe(true); // ü: Terminüberweisung
    const text = bytes.toString('latin1');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(
      text
        .split('\n')
        .slice(0, -1)
        .every((l) => l.endsWith('\r')),
    ).toBe(true);
    expect(text.startsWith('Umsatzanzeige;Datei erstellt am: ')).toBe(true);
    expect(text).toContain('\r\nSortierung;Datum absteigend\r\n');
    expect(text).toContain(
      '\r\nBuchung;Valuta;Auftraggeber/Empf\xe4nger;Buchungstext;Kategorie;Verwendungszweck;Saldo;W\xe4hrung;Betrag;W\xe4hrung\r\n',
    );
  });

  it('says when it was made in German time, whatever the zone of the machine', () => {
    const text = ingHistoryCsv(options({ now: new Date('2026-06-15T10:00:00Z') })).bytes.toString('latin1');
    expect(text.split('\r\n')[0]).toBe('Umsatzanzeige;Datei erstellt am: 15.06.2026 12:00');
    const winter = ingHistoryCsv(options({ now: new Date('2026-01-31T23:30:00Z') })).bytes.toString('latin1');
    expect(winter.split('\r\n')[0]).toBe('Umsatzanzeige;Datei erstellt am: 01.02.2026 00:30');
  });

  it('is the same bytes for the same seed and clock, other bytes for another seed', () => {
    const a = ingHistoryCsv(options());
    expect(ingHistoryCsv(options()).bytes.equals(a.bytes)).toBe(true);
    expect(ingHistoryCsv(options({ seed: SEED + 1 })).bytes.equals(a.bytes)).toBe(false);
  });

  it('holds, on the days it shares with the sync, exactly the rows and balances the TrueLayer emulator serves', async () => {
    const o = options();
    const today = toDay(o.now);
    const { written, statement: st } = await writeAndParse(o);
    const sb = await startTrueLayerSandbox({ port: 0, clients: [CLIENT], seed: SEED, now: o.now });
    open.push(sb);
    expect({ seed: sb.seed, startDay: sb.startDay }).toEqual({ seed: o.seed, startDay: o.startDay });
    const token = await connectIng(sb);
    const accounts = await results(sb, token, '/accounts');
    const giro = accounts.find((a) => a.account_number?.iban === written.iban);
    expect(giro, 'the emulator serves an account with the file IBAN').toBeDefined();

    const served = async (from: string) =>
      (await results(sb, token, `/accounts/${giro!.account_id}/transactions?from=${from}&to=${written.to}`)).map((t) => ({
        date: String(t.timestamp).slice(0, 10),
        amountMinor: Math.round(Number(t.amount) * 100),
        description: String(t.description),
        counterpartyName: (t.meta?.counter_party_preferred_name as string | undefined) ?? null,
        balanceMinor: Math.round(Number(t.running_balance.amount) * 100),
      }));
    const inFile = (from: string) =>
      st.rows
        .filter((r) => r.bookingDate >= from)
        .map((r) => ({
          date: r.bookingDate,
          amountMinor: r.amountMinor,
          description: r.description,
          counterpartyName: r.counterpartyName,
          balanceMinor: cents(saldo(r)),
        }));

    // The 14 days the file shares with the 90 days a sync pulls without a fresh login.
    const windowStart = addDays(today, -90);
    const overlap = await served(windowStart);
    expect(overlap.length).toBeGreaterThan(20);
    expect(inFile(windowStart)).toEqual(overlap);
    // And every day the emulator can serve right after login (its whole history).
    const deepStart = addDays(o.startDay, -HISTORY_DAYS);
    const deep = await served(deepStart);
    expect(deep.length).toBeGreaterThan(overlap.length * 10);
    expect(inFile(deepStart)).toEqual(deep);
    expect(st.closing!.minor).toBe(deep[0]!.balanceMinor);
  });

  it('reaches as far back and as far into the window as asked', async () => {
    const o = options({ historyDays: 120, overlapDays: 5, windowDays: 30 });
    const { written, statement: st } = await writeAndParse(o);
    expect(written.from).toBe(addDays(toDay(o.now), -120));
    expect(written.to).toBe(addDays(toDay(o.now), -25));
    expect(st.rows.every((r) => r.bookingDate >= written.from && r.bookingDate <= written.to)).toBe(true);
    checkBalances(st);
    expect(() => ingHistoryCsv(options({ windowDays: 10, overlapDays: 10 }))).toThrow(/before today/);
  });
});

describe('the ING CSV writer', () => {
  it('writes amounts with thousands dots and a decimal comma, from minor units', () => {
    expect([0, -5, 1999, -100_000, 123_456_789].map(germanAmount)).toEqual([
      '0,00',
      '-0,05',
      '19,99',
      '-1.000,00',
      '1.234.567,89',
    ]);
  });

  it('quotes only a text that could not be read back bare, and the parser reads it back', async () => {
    const row = { bookingDate: '2025-03-04', valueDate: '2025-03-05', bookingText: 'Gutschrift', category: 'Sonstiges' };
    const bytes = ingCsvBytes({
      iban: 'DE89370400440532013000',
      accountName: 'Girokonto',
      customer: 'Jörg Müller',
      currency: 'EUR',
      from: '2025-03-01',
      to: '2025-03-31',
      closingCents: 123_456,
      createdAt: new Date('2025-04-01T06:00:00Z'),
      rows: [
        { ...row, counterparty: 'A; B', purpose: 'Sagt "Danke"; für alles', balanceCents: 100_000, amountCents: 2_500 },
        { ...row, counterparty: 'Größe GmbH', purpose: 'Rückzahlung', balanceCents: 123_456, amountCents: 23_456 },
      ],
    });
    const text = bytes.toString('latin1');
    expect(text).toContain(';"A; B";Gutschrift;Sonstiges;"Sagt ""Danke""; f\xfcr alles";1.000,00;EUR;25,00;EUR\r\n');
    expect(text).toContain(';Gr\xf6\xdfe GmbH;Gutschrift;Sonstiges;R\xfcckzahlung;1.234,56;EUR;234,56;EUR\r\n');
    const file = path.join(dir, 'quoted.csv');
    writeFileSync(file, bytes);
    const [st] = await collectStatements(detectFormat(await readHead(file))!.parse(file, {}));
    expect(st!.rows.map((r) => [r.bookingDate, r.valueDate, r.counterpartyName, r.description, r.amountMinor])).toEqual([
      ['2025-03-04', '2025-03-05', 'Größe GmbH', 'Rückzahlung', 23_456],
      ['2025-03-04', '2025-03-05', 'A; B', 'Sagt "Danke"; für alles', 2_500],
    ]);
    expect(st!.opening!.minor).toBe(97_500);
    expect(st!.closing!.minor).toBe(123_456);
  });

  it('refuses a text Windows-1252 cannot hold rather than writing "?"', () => {
    expect(() =>
      ingCsvBytes({
        iban: 'DE89370400440532013000',
        accountName: 'Girokonto',
        customer: 'Zoë',
        currency: 'EUR',
        from: '2025-03-01',
        to: '2025-03-31',
        closingCents: 0,
        createdAt: new Date('2025-04-01T06:00:00Z'),
        rows: [
          {
            bookingDate: '2025-03-04',
            valueDate: '2025-03-04',
            counterparty: '',
            bookingText: 'Lastschrift',
            category: 'Sonstiges',
            purpose: 'Łódź ☕',
            balanceCents: 0,
            amountCents: -1,
          },
        ],
      }),
    ).toThrow(/Windows-1252/);
  });
});

describe('the ING persona with older history', () => {
  it('keeps the rows and balances of the emulator window and adds older rows whose balances add up, for any seed and day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 1, max: 400 }),
        (seed, dayOffset, extraDays) => {
          const startDay = addDays('2024-01-01', dayOffset);
          const params = { seed, startDay, username: 'john', withIban: true };
          const plain = buildIngPersona(params);
          const windowFirst = addDays(startDay, -HISTORY_DAYS);
          const historyFrom = addDays(windowFirst, -extraDays);
          const extended = buildIngPersona(params, { historyFrom });
          expect(extended.info).toEqual(plain.info);
          plain.accounts.forEach((a, i) => {
            const b = extended.accounts[i]!;
            const older = b.txns.filter((t) => t.bookingDate < windowFirst);
            expect(b.txns.slice(older.length)).toEqual(a.txns);
            expect(older.every((t) => t.bookingDate >= historyFrom)).toBe(true);
            // The balance on entering the window is the emulator's opening balance.
            expect(b.openingBalanceCents + older.reduce((s, t) => s + t.amountCents, 0)).toBe(a.openingBalanceCents);
          });
          // The Girokonto books something every day (card payments land two days after the purchase).
          if (extraDays > 3) expect(extended.accounts[0]!.txns[0]!.bookingDate < windowFirst).toBe(true);
        },
      ),
      { seed: 20260315, numRuns: 12 },
    );
  });
});

// The emulator's OAuth flow, as in test/sandbox/truelayer.test.ts.
type Json = Record<string, any>;

async function connectIng(sb: TrueLayerSandbox): Promise<string> {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT,
    scope: 'info accounts balance transactions offline_access',
    providers: 'de-xs2a-all',
    state: 'st-1',
    nonce: 'n-1',
  });
  const link = `${sb.authUrl}/?${q.toString().replace(/\+/g, '%20')}`;
  const redirect = new URL(await sb.completeAuth(link, { username: 'john', password: 'doe', providerId: 'xs2a-ing-germany' }));
  const res = await fetch(`${sb.authUrl}/connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT,
      code: redirect.searchParams.get('code')!,
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as Json).access_token as string;
}

async function results(sb: TrueLayerSandbox, token: string, p: string): Promise<Json[]> {
  const res = await fetch(`${sb.apiUrl}/data/v1${p}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as Json;
  expect(res.status, `${p}: ${JSON.stringify(body)}`).toBe(200);
  return body.results as Json[];
}
