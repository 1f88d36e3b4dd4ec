import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { minorToDecimalString } from '../../src/domain/money.js';
import { collectStatements } from '../../src/imports/collect.js';
import { qifParser } from '../../src/imports/qif/index.js';
import type { QifRaw, QifSplit } from '../../src/imports/qif/parser.js';
import { StatementFormatError, type ParsedStatement, type ParseOptions, type StatementRow } from '../../src/imports/types.js';

const FIXTURES = 'test/fixtures/imports/qif';
const scratch = mkdtempSync(join(tmpdir(), 'trax-qif-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let fileNo = 0;
function writeTemp(content: string | Buffer): string {
  const path = join(scratch, `export-${fileNo++}.txt`);
  writeFileSync(path, content);
  return path;
}

async function parse(path: string, options: ParseOptions = { currency: 'USD' }): Promise<ParsedStatement[]> {
  return collectStatements(qifParser.parse(path, options));
}

async function refusal(path: string, options: ParseOptions = { currency: 'USD' }): Promise<StatementFormatError> {
  try {
    await parse(path, options);
  } catch (err) {
    if (err instanceof StatementFormatError) return err;
    throw err;
  }
  throw new Error(`${path} was parsed, but it should have been refused`);
}

const split = (s: Partial<QifSplit> & Pick<QifSplit, 'amountMinor'>): QifSplit => ({
  category: null,
  class: null,
  transfer: null,
  memo: null,
  percent: null,
  date: null,
  ...s,
});

function row(
  f: Pick<StatementRow, 'bookingDate' | 'amountMinor' | 'position'> &
    Partial<Pick<StatementRow, 'description' | 'counterpartyName' | 'fileCategory' | 'currency'>> & { raw?: Partial<QifRaw> },
): StatementRow {
  const { raw, ...rest } = f;
  return {
    valueDate: null,
    currency: 'USD',
    description: '',
    counterpartyName: null,
    counterpartyIban: null,
    endToEndId: null,
    mandateId: null,
    creditorId: null,
    bankReference: null,
    bookingText: null,
    fileCategory: null,
    pending: false,
    reversal: false,
    ...rest,
    raw: {
      type: 'Bank',
      number: null,
      cleared: null,
      category: null,
      class: null,
      transfer: null,
      address: [],
      splits: [],
      ...raw,
    },
  };
}

const noAccount = { iban: null, accountNumber: null, currency: null, name: null, bic: null };

/** The bookings of quiffen_test.qif and quiffen_test_oth_a.qif, which differ only in the account type. */
function quiffenRows(type: string): StatementRow[] {
  const phone = { category: 'Bills:Cell Phone', class: 'Test class' };
  return [
    row({
      bookingDate: '2020-02-10',
      amountMinor: 0,
      position: 29,
      description: 'Opening Balance',
      counterpartyName: 'Opening Balance',
      raw: { type, cleared: 'X', transfer: 'TestExport' },
    }),
    row({
      bookingDate: '2020-02-14',
      amountMinor: 6750,
      position: 35,
      description: 'T-Mobile',
      counterpartyName: 'T-Mobile',
      fileCategory: 'Bills:Cell Phone',
      raw: {
        type,
        ...phone,
        splits: [
          split({ ...phone, memo: 'sign up credit', amountMinor: -1500 }),
          split({ ...phone, memo: 'new account', amountMinor: 8250 }),
        ],
      },
    }),
    row({
      bookingDate: '2020-02-14',
      amountMinor: 3200,
      position: 46,
      description: 'money back for damaged parcel',
      counterpartyName: 'US Post Office',
      fileCategory: 'Miscellaneous',
      raw: { type, category: 'Miscellaneous' },
    }),
    row({
      bookingDate: '2020-02-12',
      amountMinor: -1000,
      position: 52,
      description: 'two transactions, equal',
      counterpartyName: 'Target',
      fileCategory: 'Food:Groceries',
      raw: {
        type,
        category: 'Food:Groceries',
        splits: [
          split({ category: 'Food:Groceries', memo: '50%', amountMinor: -500 }),
          split({ category: 'Food:Groceries', memo: '50% 2', amountMinor: -500 }),
        ],
      },
    }),
    row({
      bookingDate: '2020-02-11',
      amountMinor: -2500,
      position: 64,
      description: 'non split transaction',
      counterpartyName: 'Walmart',
      fileCategory: 'Food:Groceries',
      raw: { type, category: 'Food:Groceries', cleared: 'X', number: '123' },
    }),
    row({
      bookingDate: '2020-02-10',
      amountMinor: -10000,
      position: 72,
      description: 'test order 1',
      counterpartyName: 'Amazon.com',
      fileCategory: 'Food:Groceries',
      raw: {
        type,
        category: 'Food:Groceries',
        cleared: '*',
        splits: [
          split({ category: 'Food:Groceries', memo: '50%', amountMinor: -5000, date: '2020-01-10' }),
          split({ category: 'Transportation:Automobile', memo: '25%', amountMinor: -2500 }),
          split({ category: 'Personal Care:Haircare', memo: '10%', amountMinor: -1000 }),
          split({ category: 'Healthcare:Prescriptions', memo: '15%', amountMinor: -1500 }),
        ],
      },
    }),
  ];
}

describe('QIF fixtures', () => {
  it('reads the bank register of a full Quicken export, skipping its class, category, security and investment lists (quiffen_test)', async () => {
    const statements = await parse(join(FIXTURES, 'quiffen_test.qif'));
    expect(statements).toEqual([{ account: noAccount, opening: null, closing: null, rows: quiffenRows('Bank') }]);
  });

  it('reads an Oth A (other asset) register the same way (quiffen_test_oth_a)', async () => {
    const statements = await parse(join(FIXTURES, 'quiffen_test_oth_a.qif'));
    expect(statements).toEqual([{ account: noAccount, opening: null, closing: null, rows: quiffenRows('Oth A') }]);
  });

  it('reads day/month dates because 22/12/2017 can only be day first (quiffen_test_category_override)', async () => {
    const [stmt] = await parse(join(FIXTURES, 'quiffen_test_category_override.qif'), { currency: 'GBP' });
    expect(stmt!.rows).toEqual([
      row({
        currency: 'GBP',
        bookingDate: '2017-12-22',
        amountMinor: 100000,
        position: 2,
        description: 'Income For January',
        counterpartyName: 'Income For January',
        fileCategory: 'Income:Available next month',
        raw: { category: 'Income:Available next month' },
      }),
      row({
        currency: 'GBP',
        bookingDate: '2018-01-01',
        amountMinor: 110000,
        position: 9,
        description: 'Starting Balance',
        counterpartyName: 'Starting Balance',
        fileCategory: 'Income:Available this month',
        raw: { category: 'Income:Available this month', cleared: 'c' },
      }),
      row({
        currency: 'GBP',
        bookingDate: '2018-01-02',
        amountMinor: -1257,
        position: 17,
        description: 'FOOD C LONDON VIS',
        counterpartyName: 'FOOD C LONDON VIS',
        fileCategory: 'Everyday Expenses:Food Budget',
        raw: { category: 'Everyday Expenses:Food Budget', cleared: 'c' },
      }),
      row({
        currency: 'GBP',
        bookingDate: '2018-01-02',
        amountMinor: -999,
        position: 25,
        description: 'GOUSTO.CO.UK - A LONDON W3 VIS',
        counterpartyName: 'GOUSTO.CO.UK - A LONDON W3 VIS',
        fileCategory: 'Everyday Expenses:Gousto',
        raw: { category: 'Everyday Expenses:Gousto', cleared: 'c' },
      }),
    ]);
  });

  it("keeps a split booking as one row, its transfer and category parts in raw, with 'YY meaning 20YY (quiffen_test_split)", async () => {
    const [stmt] = await parse(join(FIXTURES, 'quiffen_test_split.qif'));
    expect(stmt!.rows).toEqual([
      row({
        bookingDate: '2000-01-01',
        amountMinor: -1000,
        position: 2,
        description: 'A Payee',
        counterpartyName: 'A Payee',
        raw: {
          splits: [split({ transfer: 'An Account', amountMinor: -900 }), split({ category: 'A Category', amountMinor: -100 })],
        },
      }),
    ]);
  });

  it('refuses files that hold only account or category lists, AutoSwitch or not, with a sentence', async () => {
    for (const file of [
      'quiffen_test_category_inherit.qif',
      'quiffen_test_clear_autoswitch.qif',
      'quiffen_test_option_autoswitch.qif',
      'quiffen_test_nosymbol.qif',
    ]) {
      const err = await refusal(join(FIXTURES, file));
      expect(err.position).toBeNull();
      expect(err.message).toBe(
        'this QIF file holds no bank, cash or card transactions (only lists such as accounts or categories); export an account register instead',
      );
    }
  });

  it('refuses an investment-only file at its !Type:Invst line (quiffen_test_unknown_account_type)', async () => {
    const err = await refusal(join(FIXTURES, 'quiffen_test_unknown_account_type.qif'));
    expect(err.position).toBe(22);
    expect(err.reason).toBe(
      'this QIF file holds an investment account (!Type:Invst); Trax imports only bank, cash and card accounts — export one of those instead',
    );
  });
});

describe('QIF rules', () => {
  it('refuses to guess the currency', async () => {
    const err = await refusal(join(FIXTURES, 'quiffen_test_split.qif'), {});
    expect(err.message).toBe('QIF files do not say their currency; pass --currency EUR');
    const bad = await refusal(join(FIXTURES, 'quiffen_test_split.qif'), { currency: 'EURO' });
    expect(bad.message).toBe(`"EURO" is not an ISO 4217 currency code; pass --currency EUR (the account's currency)`);
  });

  it('names the account of the bookings from !Account outside AutoSwitch, and ignores the AutoSwitch account list', async () => {
    const file = writeTemp(
      '!Option:AutoSwitch\n!Account\nNListed only\nTBank\n^\nNAlso listed\nTCCard\n^\n!Clear:AutoSwitch\n' +
        '!Account\nNGirokonto\nTBank\n^\n!Type:Bank\nD31.01.2024\nT-1.234,56\nPMiete\n^\n' +
        '!Account\nNVisa\nTCCard\n^\n!Type:CCard\nD01.02.2024\nT-9,99\nPKiosk\nLFreizeit\n^\n',
    );
    const statements = await parse(file, { currency: 'EUR' });
    expect(
      statements.map((s) => [s.account.name, s.rows.map((r) => [r.bookingDate, r.amountMinor, (r.raw as QifRaw).type])]),
    ).toEqual([
      ['Girokonto', [['2024-01-31', -123456, 'Bank']]],
      ['Visa', [['2024-02-01', -999, 'CCard']]],
    ]);
  });

  it('reads the day order from the file, else from --date-format, else refuses with the ambiguous line', async () => {
    const ambiguous = writeTemp('!Type:Cash\nD02/01/2018\nT-5.00\n^\nD03/01/2018\nT-6.00\n^\n');
    const err = await refusal(ambiguous);
    expect(err.position).toBe(2);
    expect(err.reason).toBe(
      'QIF dates like "02/01/2018" can be read as day/month or month/day and nothing in this file tells which; pass --date-format DMY or --date-format MDY',
    );
    const dmy = await parse(ambiguous, { currency: 'EUR', dateFormat: 'DD/MM/YYYY' });
    expect(dmy[0]!.rows.map((r) => r.bookingDate)).toEqual(['2018-01-02', '2018-01-03']);
    const mdy = await parse(ambiguous, { currency: 'EUR', dateFormat: 'MDY' });
    expect(mdy[0]!.rows.map((r) => r.bookingDate)).toEqual(['2018-02-01', '2018-03-01']);
    // One date with a day above 12 settles the whole file.
    const settled = writeTemp('!Type:Bank\nD02/01/2018\nT-5.00\n^\nD02/13/2018\nT-6.00\n^\n');
    expect((await parse(settled))[0]!.rows.map((r) => r.bookingDate)).toEqual(['2018-02-01', '2018-02-13']);
    const mixed = await refusal(writeTemp('!Type:Bank\nD13/01/2018\nT-5.00\n^\nD02/13/2018\nT-6.00\n^\n'));
    expect(mixed.position).toBe(5);
    expect(mixed.reason).toBe(
      'the file has day/month dates (line 2) and month/day dates (line 5); pass --date-format DMY or MDY',
    );
    const wrongFormat = await refusal(settled, { currency: 'EUR', dateFormat: 'DMY' });
    expect(wrongFormat.position).toBe(5);
    expect(wrongFormat.reason).toBe('"02/13/2018" is not a calendar date read as DMY; check --date-format');
    const badOption = await refusal(settled, { currency: 'EUR', dateFormat: 'Y-D' });
    expect(badOption.message).toBe('--date-format "Y-D" is not DMY, MDY or YMD; pass --date-format DMY or MDY');
  });

  it("reads two-digit years: 'YY is 20YY, /YY follows the POSIX pivot, and ISO dates need no option", async () => {
    const file = writeTemp("!Type:Bank\nD12/31/99\nT1\n^\nD1/ 2'05\nT2\n^\nD12/25/68\nT3\n^\nD2024-02-29\nT4\n^\n");
    const [stmt] = await parse(file, { currency: 'USD' });
    expect(stmt!.rows.map((r) => [r.bookingDate, r.amountMinor])).toEqual([
      ['1999-12-31', 100],
      ['2005-01-02', 200],
      ['2068-12-25', 300],
      ['2024-02-29', 400],
    ]);
  });

  it('reads amounts with thousands separators and refuses what is not an amount, at its line', async () => {
    const file = writeTemp(
      '!Type:Bank\nD1/13/2020\nT-1,234,567.89\n^\nD1/14/2020\nU2.500.000\nT2.500.000\n^\nD1/15/2020\nT+3,5\n^\n',
    );
    expect((await parse(file))[0]!.rows.map((r) => r.amountMinor)).toEqual([-123456789, 250000000, 350]);
    const bad = await refusal(writeTemp('!Type:Bank\nD1/13/2020\nT12.345\n^\n'));
    expect(bad.position).toBe(3);
    expect(bad.reason).toBe('"12.345" is not an amount in USD (amount 12.345 has more than 2 decimals for USD)');
    const differ = await refusal(writeTemp('!Type:Bank\nD1/13/2020\nU-10.00\nT-11.00\n^\n'));
    expect(differ.position).toBe(4);
    expect(differ.reason).toBe('the amounts -10.00 (line 3) and -11.00 of one transaction differ');
  });

  it('refuses split parts that do not add up to the total, at the total line', async () => {
    const err = await refusal(writeTemp('!Type:Bank\nD1/13/2020\nT-10.00\nPShop\nSFood\n$-6.00\nSHome\n$-3.00\n^\n'));
    expect(err.position).toBe(3);
    expect(err.reason).toBe("the split parts add up to -900 minor units of USD, not to the transaction's -1000");
    const noAmount = await refusal(writeTemp('!Type:Bank\nD1/13/2020\nT-10.00\nSFood\n$-10.00\nSHome\nEnothing\n^\n'));
    expect(noAmount.position).toBe(6);
    expect(noAmount.reason).toBe('the split part has no amount ($ line)');
  });

  it('refuses malformed files with the line: no date, no amount, unknown section, truncated, empty', async () => {
    const cases: [string, number | null, string][] = [
      ['!Type:Bank\nT-1.00\nPX\n^\n', 2, 'the transaction has no date (no D line)'],
      ['!Type:Bank\nD1/13/2020\nPX\n^\n', 2, 'the transaction has no amount (no T line)'],
      ['!Type:Bank\nD13 Jan 2020\nT1\n^\n', 2, '"13 Jan 2020" is not a QIF date (like 12/31/2024, 31.12.2024 or 12/31\'24)'],
      [
        '!Type:Bank\nD1/13/2020\nT1\n^\n!Type:Payroll\n',
        5,
        '"!Type:Payroll" is not a QIF section Trax knows (Bank, Cash, CCard, Oth A, Oth L)',
      ],
      ['!Type:Bank\nD1/13/2020\nT1\n!Type:Cash\n', 2, 'the transaction is not closed by a "^" line before the next section'],
      [
        '!Type:Bank\nD1/13/2020\nT1\n^\nD1/14/2020\nT-2',
        null,
        'the file ends inside the transaction that starts on line 5 (no closing "^"); it looks truncated — export it again',
      ],
      ['\r\n\r\n', null, 'the file is empty; export the account from your finance program again'],
    ];
    for (const [content, position, reason] of cases) {
      const err = await refusal(writeTemp(content));
      expect([err.position, err.reason]).toEqual([position, reason]);
    }
  });

  it('detects QIF from content only and reads Windows-1252 exports', async () => {
    for (const file of [
      'quiffen_test.qif',
      'quiffen_test_split.qif',
      'quiffen_test_nosymbol.qif',
      'quiffen_test_option_autoswitch.qif',
    ]) {
      expect(qifParser.detect(readFileSync(join(FIXTURES, file)))).toBe(80);
    }
    expect(qifParser.detect(readFileSync('test/fixtures/imports/ofx/bank_medium.ofx'))).toBe(0);
    expect(qifParser.detect(Buffer.from('Datum;Betrag\n01.01.2024;-1,00\n'))).toBe(0);
    const file = writeTemp(iconv.encode('!Type:Bank\nD31/12/2023\nT-4.20\nPBäckerei Müller\n^\n', 'windows-1252'));
    expect((await parse(file, { currency: 'EUR' }))[0]!.rows[0]!.counterpartyName).toBe('Bäckerei Müller');
  });
});

// ---- parse(render(statement)) == statement -------------------------------------------------

interface ModelSplit {
  category: string;
  memo: string;
  minor: number;
}
interface ModelRow {
  date: string;
  minor: number;
  payee: string;
  memo: string;
  category: string;
  number: string;
  cleared: string;
  splits: ModelSplit[];
}
interface ModelBlock {
  name: string | null;
  type: 'Bank' | 'Cash' | 'CCard' | 'Oth A' | 'Oth L';
  rows: ModelRow[];
}

const DAY = 86_400_000;
const isoDay = fc
  .integer({ min: 0, max: 99 * 366 })
  .map((n) => new Date(Date.UTC(1970, 0, 1) + n * DAY).toISOString().slice(0, 10));
const text = fc
  .array(fc.constantFrom(...'aZ09 &<>\'"äöüßÄÉé€;#-.%'.split('')), { maxLength: 24 })
  .map((chars) => chars.join('').replace(/\s+/g, ' ').trim());
const categoryText = fc
  .array(fc.constantFrom(...'Food: Ärzte&<>é'.split('')), { minLength: 1, maxLength: 16 })
  .map((c) => c.join('').replace(/\s+/g, ' ').trim())
  .filter((c) => c !== '');
const amount = fc.integer({ min: -100_000_000, max: 100_000_000 });
const modelRow: fc.Arbitrary<ModelRow> = fc.record({
  date: isoDay,
  minor: amount,
  payee: text,
  memo: text,
  category: fc.oneof(fc.constant(''), categoryText),
  number: fc.oneof(fc.constant(''), fc.stringMatching(/^[0-9]{1,6}$/)),
  cleared: fc.constantFrom('', '*', 'X', 'c'),
  splits: fc.array(fc.record({ category: categoryText, memo: text, minor: amount }), { maxLength: 4 }),
});
const model = fc.array(
  fc.record({
    name: fc.option(categoryText, { nil: null }),
    type: fc.constantFrom('Bank' as const, 'Cash' as const, 'CCard' as const, 'Oth A' as const, 'Oth L' as const),
    rows: fc.array(modelRow, { minLength: 1, maxLength: 6 }),
  }),
  { minLength: 1, maxLength: 3 },
);

type DateStyle = 'MDY apostrophe' | 'MDY slash' | 'DMY dot' | 'YMD';
function renderDate(iso: string, style: DateStyle): string {
  const [y, m, d] = iso.split('-');
  const month = String(Number(m));
  const day = String(Number(d));
  if (style === 'YMD') return iso;
  if (style === 'DMY dot') return `${d}.${m}.${y}`;
  // Quicken's own style: an apostrophe before the year for 2000s, space-padded day.
  if (style === 'MDY apostrophe')
    return Number(y) >= 2000 ? `${month}/${day.padStart(2, ' ')}'${y!.slice(2)}` : `${month}/${day}/${y}`;
  return `${m}/${d}/${y}`;
}

function renderAmount(minor: number, grouped: boolean): string {
  const plainText = minorToDecimalString(minor, 'EUR');
  if (!grouped) return plainText;
  const [whole, frac] = plainText.split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

function render(blocks: ModelBlock[], style: DateStyle, grouped: boolean): string {
  const out: string[] = ['!Option:AutoSwitch', '!Account', 'NA listed account', 'TBank', '^', '!Clear:AutoSwitch'];
  for (const block of blocks) {
    if (block.name !== null) out.push('!Account', `N${block.name}`, `T${block.type}`, '^');
    out.push(`!Type:${block.type}`);
    for (const r of block.rows) {
      const total = r.splits.length > 0 ? r.splits.reduce((a, s) => a + s.minor, 0) : r.minor;
      out.push(`D${renderDate(r.date, style)}`, `T${renderAmount(total, grouped)}`);
      if (r.payee) out.push(`P${r.payee}`);
      if (r.memo) out.push(`M${r.memo}`);
      if (r.number) out.push(`N${r.number}`);
      if (r.cleared) out.push(`C${r.cleared}`);
      out.push(`L${r.splits.length > 0 ? '--Split--' : r.category}`);
      for (const s of r.splits) {
        out.push(`S${s.category}`);
        if (s.memo) out.push(`E${s.memo}`);
        out.push(`$${renderAmount(s.minor, grouped)}`);
      }
      out.push('^');
    }
  }
  return out.join(style === 'DMY dot' ? '\r\n' : '\n') + '\n';
}

function expected(blocks: ModelBlock[]): unknown[] {
  return blocks.map((b) => ({
    account: { ...noAccount, name: b.name },
    opening: null,
    closing: null,
    rows: b.rows.map((r) => {
      const category = r.splits.length > 0 ? null : r.category || null;
      return {
        ...row({
          currency: 'EUR',
          bookingDate: r.date,
          amountMinor: r.splits.length > 0 ? r.splits.reduce((a, s) => a + s.minor, 0) : r.minor,
          position: 0,
          description: r.memo || r.payee,
          counterpartyName: r.payee || null,
          fileCategory: category,
          raw: {
            type: b.type,
            number: r.number || null,
            cleared: r.cleared || null,
            category,
            splits: r.splits.map((s) => split({ category: s.category, memo: s.memo || null, amountMinor: s.minor })),
          },
        }),
        position: undefined,
      };
    }),
  }));
}

describe('QIF round trip', () => {
  it('parse(render(statements)) gives the statements back exactly: dates across years, splits, text with & < > and umlauts', async () => {
    await fc.assert(
      fc.asyncProperty(
        model,
        fc.constantFrom<DateStyle>('MDY apostrophe', 'MDY slash', 'DMY dot', 'YMD'),
        fc.boolean(),
        async (blocks, style, grouped) => {
          const dateFormat = style.slice(0, 3);
          const parsed = await parse(writeTemp(render(blocks, style, grouped)), { currency: 'EUR', dateFormat });
          const withoutPositions = parsed.map((s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, position: undefined })) }));
          expect(withoutPositions).toEqual(expected(blocks));
        },
      ),
      { seed: 20240611, numRuns: 150 },
    );
  });
});
