import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, test } from 'vitest';
import { collectStatements } from '../../src/imports/collect.js';
import { CsvMapError, listCsvColumns, parseCsvMap } from '../../src/imports/csv/mapping.js';
import { detectFormat, parserById } from '../../src/imports/registry.js';
import { StatementFormatError, type ParsedStatement, type ParseOptions } from '../../src/imports/types.js';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/imports/csv');
const fixture = (rel: string): string => path.join(FIXTURES, rel);
const tmp = mkdtempSync(path.join(tmpdir(), 'trax-imports-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let fileNo = 0;
function tempFile(content: Buffer | string): string {
  const p = path.join(tmp, `f${++fileNo}.csv`);
  writeFileSync(p, content);
  return p;
}

/** Detects the file's format from its bytes (never its name) and parses it, as the pipeline will. */
async function importFile(p: string, options: ParseOptions = {}): Promise<{ format: string; statements: ParsedStatement[] }> {
  const parser = detectFormat(readFileSync(p));
  if (!parser) throw new Error(`no parser detected ${p}`);
  return { format: parser.id, statements: await collectStatements(parser.parse(p, options)) };
}

async function refusal(p: string, options: ParseOptions = {}): Promise<StatementFormatError> {
  const err = await importFile(p, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StatementFormatError);
  return err as StatementFormatError;
}

const ING = {
  kategorieUtf8: fixture('ing_de/ing-umsatzanzeige-with-kategorie.utf8.csv'),
  kategorieLatin1: fixture('ing_de/ing-umsatzanzeige-with-kategorie.iso8859-1.csv'),
  oldUtf8: fixture('ing_de/ing-umsatzanzeige-old-format.utf8.csv'),
  oldLatin1: fixture('ing_de/ing-umsatzanzeige-old-format.iso8859-1.csv'),
};
const sum = (s: ParsedStatement): number => s.rows.reduce((a, r) => a + r.amountMinor, 0);

describe('ING Germany Umsatzanzeige', () => {
  test.each(Object.entries(ING))('%s: account, 15 bookings to the cent, balances that add up', async (_name, file) => {
    const { format, statements } = await importFile(file);
    expect(format).toBe('ing-de-csv');
    expect(statements).toHaveLength(1);
    const [s] = statements as [ParsedStatement];
    expect(s.account).toEqual({
      iban: 'DE89370400440532013000',
      accountNumber: null,
      currency: 'EUR',
      name: 'Girokonto',
      bic: null,
    });
    expect(s.rows).toHaveLength(15);
    expect(s.closing).toEqual({ minor: 359903, currency: 'EUR', date: '2025-10-28' });
    expect(s.opening).toEqual({ minor: 210055, currency: 'EUR', date: '2025-09-28' });
    expect(s.opening!.minor + sum(s)).toBe(s.closing!.minor);

    const [first] = s.rows;
    expect(first).toMatchObject({
      bookingDate: '2025-10-28',
      valueDate: '2025-10-28',
      amountMinor: -5437,
      currency: 'EUR',
      counterpartyName: 'REWE Markt GmbH',
      bookingText: 'Lastschrift',
      description: 'VISA Debitkartenumsatz REWE SAGT DANKE 44261234 Berlin',
      pending: false,
      position: 16,
    });
    const rent = s.rows.find((r) => r.counterpartyName === 'Hausverwaltung Schmidt & Partner')!;
    expect([rent.amountMinor, rent.bookingDate, rent.bookingText]).toEqual([-115000, '2025-10-20', 'Dauerauftrag']);
    const salary = s.rows.find((r) => r.amountMinor > 0)!;
    expect([salary.amountMinor, salary.bookingDate, salary.counterpartyName]).toEqual([
      345678,
      '2025-10-01',
      'ACME Software GmbH',
    ]);
    expect(s.rows.map((r) => r.counterpartyName)).toContain('Stadtwerke München GmbH');
    expect(s.rows.map((r) => r.bookingText)).toContain('Überweisung');
    expect(s.rows.at(-1)).toMatchObject({ bookingDate: '2025-09-28', amountMinor: -6412, position: 30 });
  });

  test('the Kategorie column is read as the file category; the old layout has none', async () => {
    const withCategory = (await importFile(ING.kategorieUtf8)).statements[0]!.rows;
    expect(withCategory.slice(0, 2).map((r) => r.fileCategory)).toEqual(['Lebensmittel', 'Mobilität']);
    const old = (await importFile(ING.oldUtf8)).statements[0]!.rows;
    expect(old.every((r) => r.fileCategory === null)).toBe(true);
  });

  test('UTF-8, UTF-8 with BOM and ISO-8859-1 give identical rows', async () => {
    for (const [utf8, latin1] of [
      [ING.kategorieUtf8, ING.kategorieLatin1],
      [ING.oldUtf8, ING.oldLatin1],
    ] as const) {
      const a = (await importFile(utf8)).statements;
      const b = (await importFile(latin1)).statements;
      const bom = (await importFile(tempFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(utf8)])))).statements;
      expect(b).toEqual(a);
      expect(bom).toEqual(a);
    }
  });

  test('the old and the current layout agree on everything but the category', async () => {
    const strip = (s: ParsedStatement) => s.rows.map(({ raw: _raw, fileCategory: _c, ...rest }) => rest);
    const a = (await importFile(ING.oldLatin1)).statements[0]!;
    const b = (await importFile(ING.kategorieLatin1)).statements[0]!;
    expect(strip(a)).toEqual(strip(b));
  });
});

describe('bank presets', () => {
  test('N26: the payee stands in for an empty purpose', async () => {
    const { format, statements } = await importFile(fixture('bank2ynab/20171001-20171106.csv'));
    expect(format).toBe('csv:n26');
    expect(statements[0]!.rows).toHaveLength(1);
    expect(statements[0]!.rows[0]).toMatchObject({
      bookingDate: '2017-10-01',
      amountMinor: -5999,
      currency: 'EUR',
      counterpartyName: 'NINTENDO OF EUROPE',
      description: 'NINTENDO OF EUROPE',
      bookingText: 'MasterCard Zahlung',
      fileCategory: 'Medien & Elektronik',
    });
  });

  test('bunq: account IBAN from the Rekening column, decimal comma inside quotes', async () => {
    const { format, statements } = await importFile(fixture('bank2ynab/2018-04-14_10-52-13_bunq-transactieoverzicht.csv'));
    expect(format).toBe('csv:bunq');
    const [s] = statements as [ParsedStatement];
    expect(s.account.iban).toBe('NL47BUNQ2025181418');
    expect(s.rows.map((r) => [r.bookingDate, r.amountMinor, r.counterpartyName, r.counterpartyIban, r.description])).toEqual([
      ['2018-03-01', -256, 'bunq', 'NL89BUNQ2025105584', 'invoice 410408'],
      ['2018-03-09', 75000, 'W. KOELEWIJN EO', 'NL77RABO0311467415', 'Naar Bunq'],
      ['2018-03-09', -1890, 'Quality Nuts', null, 'Quality Nuts (EEMDIJK, NL)'],
    ]);
  });

  test('Sparkasse CSV-MT940: two-digit years and SEPA tags split out of the purpose', async () => {
    const { format, statements } = await importFile(fixture('bank2ynab/20180226-1000594757-umsatz.CSV'));
    expect(format).toBe('csv:sparkasse-csv-mt940');
    const [s] = statements as [ParsedStatement];
    expect(s.account).toMatchObject({ iban: null, accountNumber: '1000594757', currency: 'EUR' });
    expect(s.rows).toHaveLength(1);
    expect(s.rows[0]).toMatchObject({
      bookingDate: '2018-02-22',
      valueDate: '2018-02-22',
      amountMinor: -3699,
      counterpartyName: 'Vodafone Kabel DeutschlandGmbH',
      counterpartyIban: 'DE13380700590045335700',
      endToEndId: 'RECHNR. 100532580591',
      mandateId: 'KD020007057822',
      creditorId: 'DE20KD000000058294',
      description: '02/2018 K-NR. 132587495 Ihre Rechnung online bei www.vodafone.de/meinkabel',
      bookingText: 'FOLGELASTSCHRIFT',
    });
  });

  test('Sparkasse CSV-CAMT (Windows-1252): SEPA columns, booked rows only unless pending is asked for', async () => {
    const file = fixture('trax/sparkasse-csv-camt.windows-1252.csv');
    const { format, statements } = await importFile(file);
    expect(format).toBe('csv:sparkasse-csv-camt');
    const [s] = statements as [ParsedStatement];
    expect(s.account).toMatchObject({ iban: 'DE02120300000000202051', accountNumber: null, currency: 'EUR' });
    expect(
      s.rows.map((r) => [r.bookingDate, r.amountMinor, r.counterpartyName, r.endToEndId, r.mandateId, r.creditorId]),
    ).toEqual([
      ['2025-11-03', -1250, 'Sportverein Grün-Weiß e.V.', 'BEITRAG-2025-11', 'M-2019-0815', 'DE98ZZZ09999999999'],
      ['2025-10-31', 234567, 'Müller & Söhne GmbH', null, null, null],
    ]);
    const all = (await importFile(file, { includePending: true })).statements[0]!.rows;
    expect(all).toHaveLength(3);
    expect(all[2]).toMatchObject({ pending: true, amountMinor: -480, description: 'Bäckerei Schröder; Filiale 3', position: 4 });
  });

  test('Monzo: signed major units, the calendar date of the timestamp, currency from its column', async () => {
    const { format, statements } = await importFile(fixture('bank2ynab/MonzoDataExport_February2018_2018-02-26_174335.csv'));
    expect(format).toBe('csv:monzo');
    const [s] = statements as [ParsedStatement];
    expect(s.account.currency).toBe('GBP');
    expect(s.rows[0]).toMatchObject({
      bookingDate: '2018-02-25',
      amountMinor: -1000,
      currency: 'GBP',
      counterpartyName: 'Tesco',
      bankReference: 'tx_00009TziTeST1NG1ZWIPGS',
      fileCategory: 'general',
    });
  });

  test('Bank of Ireland: debit and credit columns, padded details collapsed', async () => {
    const { format, statements } = await importFile(fixture('bank2ynab/test_BOI_TransactionExport.csv'));
    expect(format).toBe('csv:bank-of-ireland');
    const rows = statements[0]!.rows;
    expect(rows).toHaveLength(27);
    expect(rows.filter((r) => r.amountMinor > 0).reduce((a, r) => a + r.amountMinor, 0)).toBe(384122);
    expect(rows.filter((r) => r.amountMinor < 0).reduce((a, r) => a + r.amountMinor, 0)).toBe(-426083);
    expect(rows.slice(0, 3).map((r) => [r.bookingDate, r.amountMinor, r.description])).toEqual([
      ['2017-09-01', 42803, 'Random Name GP'],
      ['2017-09-01', 2950, 'Éáú üüüümlaut! GP'],
      ['2017-09-01', -51200, 'Random Bill'],
    ]);
    expect(rows.find((r) => r.position === 7)).toMatchObject({ amountMinor: -8, description: 'POS CHG USD 5' });
  });

  test('DKB credit card (ISO-8859-1): card number as the account, booking reference kept', async () => {
    const { format, statements } = await importFile(fixture('bank2ynab/umsatz-1234________1234-20180227.CSV'));
    expect(format).toBe('csv:dkb-credit-card');
    const [s] = statements as [ParsedStatement];
    expect(s.account).toMatchObject({ iban: null, accountNumber: '51_5 4400 7700 9222443', currency: 'EUR' });
    expect(s.rows[0]).toMatchObject({
      bookingDate: '2018-02-20',
      valueDate: '2018-02-20',
      amountMinor: -500,
      description: 'AMREST STARBUCKS DE 08007263333 DE',
      bankReference: '05100000000',
    });
    expect((s.rows[0]!.raw as Record<string, string>)['Umsatz getätigt von']).toBe('51_5 4400 7700 9222443');
  });

  test('content decides, not the name: QIF and MT940 text is theirs, not a CSV preset; empty or foreign XML is nothing', () => {
    const bunq = readFileSync(fixture('bank2ynab/2018-04-14_10-52-13_bunq-transactieoverzicht.csv'));
    expect(detectFormat(bunq)?.id).toBe('csv:bunq');
    expect(detectFormat(Buffer.alloc(0))).toBeNull();
    expect(detectFormat(Buffer.from('<?xml version="1.0"?>\n<Document><BkToCstmrStmt/></Document>\n'))).toBeNull();
    expect(detectFormat(Buffer.from('!Type:Bank\nD01/02/2020\nT-12.34\n^\n'))?.id).toBe('qif');
    expect(
      detectFormat(Buffer.from(':20:STARTUMS\n:25:10020030/1234567\n:60F:C200101EUR1,00\n:61:2001010101C1,00NTRF\n'))?.id,
    ).toBe('mt940');
  });
});

describe('unknown CSV with a --map', () => {
  const unknown = [
    'Kontoauszug Volksbank Musterstadt',
    '',
    'Datum;Wert;Betrag;Text;Gegenkonto',
    '01.03.2024;01.03.2024;-1.234,50;"Miete; März";DE44500105175407324931',
    '02.03.2024;04.03.2024;99,01;Erstattung;',
    '',
  ].join('\r\n');

  test('an unknown CSV is claimed by the mapped reader, which asks for a mapping naming its columns', async () => {
    const p = tempFile(unknown);
    const err = await refusal(p);
    expect(err.message).toBe(
      'line 3: Trax knows no preset for this CSV (columns: Datum, Wert, Betrag, Text, Gegenkonto); name its columns with --map date=COLUMN,amount=COLUMN,description=COLUMN,currencyCode=EUR',
    );
  });

  test('with a mapping the same reader reads it, guessing date format and decimal comma', async () => {
    const p = tempFile(unknown);
    const map = parseCsvMap(
      'date=Datum, valueDate=Wert, amount=Betrag, description=Text, counterpartyIban=Gegenkonto, currencyCode=eur',
    );
    const { format, statements } = await importFile(p, { csvMapping: map });
    expect(format).toBe('csv:mapped');
    expect(
      statements[0]!.rows.map((r) => [
        r.position,
        r.bookingDate,
        r.valueDate,
        r.amountMinor,
        r.currency,
        r.description,
        r.counterpartyIban,
      ]),
    ).toEqual([
      [4, '2024-03-01', '2024-03-01', -123450, 'EUR', 'Miete; März', 'DE44500105175407324931'],
      [5, '2024-03-02', '2024-03-04', 9901, 'EUR', 'Erstattung', null],
    ]);
  });

  test('a mapping naming a column the file lacks is refused with the header line', async () => {
    const p = tempFile(unknown);
    const err = await refusal(p, { csvMapping: parseCsvMap('date=Datum,amount=Umsatz,currencyCode=EUR') });
    expect(err.reason).toMatch(/columns Datum, Umsatz/);
  });

  test('explicit dateFormat, decimal and delimiter', async () => {
    const p = tempFile('when|what|out|in\n2024/12/31|fee|1.50|\n2025/01/02|refund||20\n');
    const map = parseCsvMap(
      'date=when,description=what,debit=out,credit=in,currencyCode=GBP,dateFormat=YYYY/MM/DD,decimal=dot,delimiter=pipe',
    );
    const rows = (await importFile(p, { csvMapping: map })).statements[0]!.rows;
    expect(rows.map((r) => [r.bookingDate, r.amountMinor, r.currency])).toEqual([
      ['2024-12-31', -150, 'GBP'],
      ['2025-01-02', 2000, 'GBP'],
    ]);
  });

  test.each([
    ['datum=Buchungstag,amount=Betrag,currencyCode=EUR', /unknown key "datum"/],
    ['date=Buchungstag,amount,currencyCode=EUR', /part "amount" is not KEY=COLUMN/],
    ['date=A,date=B,amount=C,currencyCode=EUR', /names the key "date" twice/],
    ['date=,amount=C,currencyCode=EUR', /key "date" has no value/],
    ['amount=Betrag,currencyCode=EUR', /needs the key "date"/],
    ['date=A,description=B,currencyCode=EUR', /needs the key "amount"/],
    ['date=A,amount=B', /needs the key "currency"/],
    ['date=A,amount=B,currencyCode=EURO', /key "currencyCode" has "EURO"/],
    ['date=A,amount=B,currencyCode=EUR,decimal=x', /key "decimal" has "x"/],
    ['date=A,amount=B,currencyCode=EUR,delimiter=colon', /key "delimiter" has "colon"/],
    ['date=A,amount=B,currencyCode=EUR,dateFormat=DD.MM', /key "dateFormat"/],
    ['date=A,amount=B,debit=C,credit=D,currencyCode=EUR', /key "amount" cannot be combined/],
  ])('--map %s is refused naming the key', (text, reason) => {
    expect(() => parseCsvMap(text)).toThrow(CsvMapError);
    expect(() => parseCsvMap(text)).toThrow(reason);
  });

  test("listing a CSV's columns for the column picker skips the preamble", () => {
    expect(listCsvColumns(readFileSync(ING.kategorieLatin1))).toEqual({
      delimiter: ';',
      line: 15,
      columns: [
        'Buchung',
        'Valuta',
        'Auftraggeber/Empfänger',
        'Buchungstext',
        'Kategorie',
        'Verwendungszweck',
        'Saldo',
        'Währung',
        'Betrag',
        'Währung',
      ],
    });
    expect(listCsvColumns(Buffer.from(unknown))?.columns).toEqual(['Datum', 'Wert', 'Betrag', 'Text', 'Gegenkonto']);
  });

  test('--format csv:mapped reads a known layout too', async () => {
    const map = parseCsvMap(
      'date=Buchung,amount=Betrag,description=Verwendungszweck,counterparty=Auftraggeber/Empfänger,currencyCode=EUR',
    );
    const events = parserById('csv:mapped')!.parse(ING.oldLatin1, { csvMapping: map });
    const rows = (await collectStatements(events))[0]!.rows;
    expect(rows).toHaveLength(15);
    expect(rows[0]).toMatchObject({ amountMinor: -5437, bookingDate: '2025-10-28', counterpartyName: 'REWE Markt GmbH' });
  });
});

describe('malformed files are refused with the line and what to do', () => {
  const ingLines = readFileSync(ING.kategorieUtf8, 'utf8').split('\r\n');
  const ingWith = (edit: (lines: string[]) => void): string => {
    const lines = [...ingLines];
    edit(lines);
    return tempFile(lines.join('\r\n'));
  };

  test('a row with a field too few', async () => {
    const err = await refusal(ingWith((l) => (l[19] = l[19]!.replace('Lastschrift;', 'Lastschrift'))));
    expect(err.position).toBe(20);
    expect(err.message).toMatch(/^line 20: this line has 9 fields where the column header on line 15 has 10/);
  });

  test('an unparseable date', async () => {
    const err = await refusal(ingWith((l) => (l[16] = l[16]!.replace('27.10.2025;27.10.2025', '31.02.2025;27.10.2025'))));
    expect(err.message).toBe('line 17: the booking date "31.02.2025" is not a real calendar date');
  });

  test('an unparseable amount (a spreadsheet wrote a decimal point)', async () => {
    const err = await refusal(ingWith((l) => (l[15] = l[15]!.replace('-54,37', '-54.37'))));
    expect(err.position).toBe(16);
    expect(err.reason).toMatch(/the amount "-54\.37" is not a number written like -1\.234,56/);
  });

  test('an empty file', async () => {
    const p = tempFile('');
    expect(detectFormat(readFileSync(p))).toBeNull();
    const err = await parserById('ing-de-csv')!
      .parse(p, {})
      [Symbol.asyncIterator]()
      .next()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatementFormatError);
    expect((err as StatementFormatError).position).toBeNull();
    expect((err as Error).message).toMatch(/file is empty/);
  });

  test('a download cut off in the middle of a row', async () => {
    const whole = readFileSync(ING.kategorieLatin1);
    const err = await refusal(tempFile(whole.subarray(0, whole.length - 20)));
    expect(err.position).toBe(30);
    expect(err.reason).toMatch(/stops in the middle of this line \(\d+ of 10 fields\), so the download looks cut off/);
  });

  test('a download cut off inside the header block', async () => {
    const err = await refusal(tempFile(ingLines.slice(0, 9).join('\r\n')));
    expect(err.position).toBeNull();
    expect(err.reason).toMatch(/ends before the column header line/);
  });

  test('a download cut off inside a quoted text', async () => {
    const err = await refusal(ingWith((l) => l.splice(17, l.length, '26.10.2025;26.10.2025;"Cut')));
    expect(err.reason).toMatch(/never closed/);
  });

  test('an ING file re-saved by a spreadsheet with "," separators is still recognized, then refused', async () => {
    const p = ingWith((lines) => lines.forEach((l, i) => (lines[i] = l.replace(/;/g, ','))));
    expect(detectFormat(readFileSync(p))?.id).toBe('ing-de-csv');
    const err = await refusal(p);
    expect(err.message).toBe(
      'line 1: the file separates fields with "," where ING\'s export uses ";", so a spreadsheet program probably re-saved it; import the original file downloaded from ING',
    );
  });

  test('a bunq file re-saved with ";" separators is refused naming both separators', async () => {
    const text = readFileSync(fixture('bank2ynab/2018-04-14_10-52-13_bunq-transactieoverzicht.csv'), 'utf8').replace(
      /","/g,
      '";"',
    );
    const err = await refusal(tempFile(text));
    expect(err.format).toBe('csv:bunq');
    expect(err.message).toMatch(/^line 1: the file separates fields with ";" where bunq CSV exports use ","/);
  });

  test('a preset row with both a debit and a credit', async () => {
    const err = await refusal(tempFile('Date,Details,Debit,Credit,Balance\n01/09/2017,ok,1.00,,\n02/09/2017,both,1.00,2.00,\n'));
    expect(err.message).toBe('line 3: both the debit (1.00) and the credit (2.00) column hold an amount');
  });

  test('a preset row with an unknown currency', async () => {
    const text = readFileSync(fixture('bank2ynab/MonzoDataExport_February2018_2018-02-26_174335.csv'), 'utf8').replace(
      ',GBP,-10',
      ',XYZ,-10',
    );
    const err = await refusal(tempFile(text));
    expect(err.message).toBe('line 2: "XYZ" is not an ISO 4217 currency code');
  });
});

// ---- property: parse(render(rows)) == rows for generated ING files ----

interface GenRow {
  booking: string;
  value: string;
  counterparty: string;
  bookingText: string;
  category: string;
  purpose: string;
  amount: number;
}

const day = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 864e5, max: Date.UTC(2030, 11, 31) / 864e5 })
  .map((d) => new Date(d * 864e5).toISOString().slice(0, 10));
// Latin-1 letters only, so both encodings can carry every generated text.
const text = fc.string({ unit: fc.constantFrom(...'aZ09 äöüÄÖÜßéÉ;"\',./&-+\n'.split('')), maxLength: 30 });
const genRow: fc.Arbitrary<GenRow> = fc.record({
  booking: day,
  value: day,
  counterparty: text,
  bookingText: text,
  category: text,
  purpose: text,
  amount: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
});

const german = (iso: string): string => iso.split('-').reverse().join('.');
function money(minor: number): string {
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+$)/g, '.');
  return `${minor < 0 ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
}
const field = (s: string): string => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const collapsed = (s: string): string => s.replace(/\s+/g, ' ').trim();

function renderIng(rows: GenRow[], opening: number, withCategory: boolean): { text: string; closing: number } {
  const balances: number[] = [];
  let running = opening;
  for (let i = rows.length - 1; i >= 0; i--) balances[i] = running += rows[i]!.amount;
  const closing = rows.length ? balances[0]! : opening;
  const head = [
    'Umsatzanzeige;Datei erstellt am: 01.01.2031 08:00',
    ';Letztes Update: aktuell',
    '',
    'IBAN;DE89 3704 0044 0532 0130 00',
    'Kontoname;Girokonto Müller',
    'Bank;ING',
    'Kunde;Jörg Müller',
    'Zeitraum;01.01.2000 - 31.12.2030',
    `Saldo;${money(closing)};EUR`,
    '',
    'Sortierung;Datum absteigend',
    '',
    'In der CSV-Datei finden Sie alle bereits gebuchten Umsätze.',
    '',
    `Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;${withCategory ? 'Kategorie;' : ''}Verwendungszweck;Saldo;Währung;Betrag;Währung`,
  ];
  const body = rows.map((r, i) =>
    [
      german(r.booking),
      german(r.value),
      field(r.counterparty),
      field(r.bookingText),
      ...(withCategory ? [field(r.category)] : []),
      field(r.purpose),
      money(balances[i]!),
      'EUR',
      money(r.amount),
      'EUR',
    ].join(';'),
  );
  return { text: [...head, ...body].join('\r\n') + '\r\n', closing };
}

describe('property', () => {
  test('parse(render(rows)) == rows for ING files in both layouts and encodings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(genRow, { maxLength: 12 }),
        fc.integer({ min: -100_000_000, max: 100_000_000 }),
        fc.boolean(),
        fc.constantFrom('utf-8', 'utf-8-bom', 'latin1'),
        async (rows, opening, withCategory, encoding) => {
          const { text: csv, closing } = renderIng(rows, opening, withCategory);
          const bytes =
            encoding === 'latin1'
              ? iconv.encode(csv, 'latin1')
              : iconv.encode(csv, 'utf-8', { addBOM: encoding === 'utf-8-bom' });
          const { format, statements } = await importFile(tempFile(bytes));
          expect(format).toBe('ing-de-csv');
          const [s] = statements as [ParsedStatement];
          expect(s.account).toEqual({
            iban: 'DE89370400440532013000',
            accountNumber: null,
            currency: 'EUR',
            name: 'Girokonto Müller',
            bic: null,
          });
          let line = 16;
          const expected = rows.map((r) => {
            const row = {
              position: line,
              bookingDate: r.booking,
              valueDate: r.value,
              amountMinor: r.amount,
              currency: 'EUR',
              counterpartyName: collapsed(r.counterparty) || null,
              bookingText: collapsed(r.bookingText) || null,
              fileCategory: withCategory ? collapsed(r.category) || null : null,
              description: collapsed(r.purpose),
            };
            line +=
              1 + [r.counterparty, r.bookingText, withCategory ? r.category : '', r.purpose].join('').split('\n').length - 1;
            return row;
          });
          expect(
            s.rows.map((r) => ({
              position: r.position,
              bookingDate: r.bookingDate,
              valueDate: r.valueDate,
              amountMinor: r.amountMinor,
              currency: r.currency,
              counterpartyName: r.counterpartyName,
              bookingText: r.bookingText,
              fileCategory: r.fileCategory,
              description: r.description,
            })),
          ).toEqual(expected);
          expect(s.closing).toEqual({ minor: closing, currency: 'EUR', date: '2030-12-31' });
          if (rows.length) expect(s.opening!.minor + sum(s)).toBe(s.closing!.minor);
          if (rows.length) expect(s.opening!.minor).toBe(opening);
        },
      ),
      { seed: 20261001, numRuns: 150 },
    );
  });
});
