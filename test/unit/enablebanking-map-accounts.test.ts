/**
 * Enable Banking accounts and balances as Trax stores them, and the row fields the sign tests in
 * enablebanking-map.test.ts do not look at: dates, texts, codes and ids a user sees in a row.
 */
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/domain/errors.js';
import { mapAccount, mapBalances, mapTransaction, newKeyers } from '../../src/providers/enablebanking/map.js';
import {
  accountResource,
  balanceResource,
  transaction,
  type WireAccount,
  type WireBalance,
  type WireTransaction,
} from '../../src/providers/enablebanking/wire-types.js';

const ENDPOINT = 'GET /accounts/{uid}/balances';
const NOW = new Date('2026-06-15T09:30:00Z');

const account = (over: Partial<WireAccount> = {}): WireAccount =>
  accountResource.parse({
    uid: 'uid-session-1',
    account_id: { iban: 'DE89370400440532013000' },
    name: 'Erika Mustermann',
    details: 'Girokonto',
    product: 'Girokonto Plus',
    cash_account_type: 'CACC',
    currency: 'eur',
    identification_hash: 'hash-giro',
    identification_hashes: ['hash-giro'],
    ...over,
  });

const balance = (type: string, amount: string, over: Partial<WireBalance> = {}): WireBalance =>
  balanceResource.parse({ name: type, balance_type: type, balance_amount: { currency: 'EUR', amount }, ...over });

describe('Enable Banking accounts become Trax accounts', () => {
  it('keys the account by its identification hash (stable across sessions), not its uid', () => {
    expect(mapAccount(account())).toEqual({
      providerAccountId: 'hash-giro',
      name: 'Girokonto Plus',
      kind: 'checking',
      currency: 'EUR',
      iban: 'DE89370400440532013000',
      numberHint: null,
    });
  });

  it('names the account by product, then details, then name, then the IBAN’s last four digits', () => {
    expect(mapAccount(account({ product: null })).name).toBe('Girokonto');
    expect(mapAccount(account({ product: null, details: null })).name).toBe('Erika Mustermann');
    expect(mapAccount(account({ product: null, details: null, name: null })).name).toBe('Account 3000');
    expect(mapAccount(account({ product: null, details: null, name: null, account_id: null })).name).toBe('Account');
  });

  it('knows current, savings and card accounts; a business-use account is business whatever its type', () => {
    expect(mapAccount(account({ cash_account_type: 'SVGS' })).kind).toBe('savings');
    expect(mapAccount(account({ cash_account_type: 'CARD' })).kind).toBe('credit_card');
    expect(mapAccount(account({ cash_account_type: 'LOAN' })).kind).toBe('other');
    expect(mapAccount(account({ cash_account_type: 'CACC', usage: 'ORGA' })).kind).toBe('business');
    expect(mapAccount(account({ cash_account_type: 'SVGS', usage: 'PRIV' })).kind).toBe('savings');
  });

  it('shows another identification as the number hint only when there is no IBAN', () => {
    const other = { identification: '4111XXXXXXXX1111', scheme_name: 'PAN' };
    expect(mapAccount(account({ account_id: { other } }))).toMatchObject({ iban: null, numberHint: '4111XXXXXXXX1111' });
    expect(mapAccount(account({ account_id: { iban: 'DE89370400440532013000', other } })).numberHint).toBeNull();
    expect(mapAccount(account({ account_id: null }))).toMatchObject({ iban: null, numberHint: null });
  });
});

describe('Enable Banking balances become one Trax balance', () => {
  it('has no balance when the bank lists none', () => {
    expect(mapBalances('hash-giro', [], ENDPOINT, NOW)).toEqual([]);
  });

  it('takes the booked balance as current and the available one as available, signed as the bank signs them', () => {
    const rows = [
      balance('CLAV', '250.00'),
      balance('XPCD', '-5.00'),
      balance('CLBD', '-120.50', { last_change_date_time: '2026-06-14T18:00:00Z' }),
    ];
    expect(mapBalances('hash-giro', rows, ENDPOINT, NOW)).toEqual([
      {
        providerAccountId: 'hash-giro',
        currency: 'EUR',
        currentMinor: -12050,
        availableMinor: 25000,
        asOf: '2026-06-14T18:00:00Z',
      },
    ]);
  });

  it('prefers booked over interim over expected for current, whatever order the bank lists them in', () => {
    const cur = (rows: WireBalance[]) => mapBalances('a', rows, ENDPOINT, NOW)[0]!.currentMinor;
    expect(cur([balance('XPCD', '3.00'), balance('ITBD', '2.00'), balance('CLBD', '1.00')])).toBe(100);
    expect(cur([balance('XPCD', '3.00'), balance('ITBD', '2.00')])).toBe(200);
    expect(cur([balance('OPBD', '4.00'), balance('XPCD', '3.00')])).toBe(300);
    expect(cur([balance('CLAV', '5.00'), balance('OPBD', '4.00')])).toBe(400);
    expect(cur([balance('ITAV', '6.00'), balance('CLAV', '5.00')])).toBe(500);
    expect(cur([balance('FWAV', '7.00'), balance('ITAV', '6.00')])).toBe(600);
    // None of the known types: the first one listed.
    expect(cur([balance('PRCD', '8.00'), balance('INFO', '9.00')])).toBe(800);
  });

  it('an N26-style account with only an expected balance has it as both current and available', () => {
    expect(mapBalances('a', [balance('XPCD', '12.34')], ENDPOINT, NOW)[0]).toMatchObject({
      currentMinor: 1234,
      availableMinor: 1234,
    });
  });

  it('prefers closing over interim over expected over forward available; without one, none', () => {
    const avail = (rows: WireBalance[]) => mapBalances('a', [balance('CLBD', '1.00'), ...rows], ENDPOINT, NOW)[0]!.availableMinor;
    expect(avail([balance('FWAV', '4.00'), balance('XPCD', '3.00'), balance('ITAV', '2.00'), balance('CLAV', '1.50')])).toBe(150);
    expect(avail([balance('FWAV', '4.00'), balance('XPCD', '3.00'), balance('ITAV', '2.00')])).toBe(200);
    expect(avail([balance('FWAV', '4.00'), balance('XPCD', '3.00')])).toBe(300);
    expect(avail([balance('FWAV', '4.00')])).toBe(400);
    expect(avail([balance('OPBD', '4.00')])).toBeNull();
  });

  it('has no available amount in a currency other than the current balance’s', () => {
    const rows = [
      balance('CLBD', '10.00'),
      balanceResource.parse({ name: 'x', balance_type: 'CLAV', balance_amount: { currency: 'usd', amount: '5.00' } }),
    ];
    expect(mapBalances('a', rows, ENDPOINT, NOW)[0]).toMatchObject({ currency: 'EUR', currentMinor: 1000, availableMinor: null });
    const lower = [
      balanceResource.parse({ name: 'x', balance_type: 'CLBD', balance_amount: { currency: 'eur', amount: '1.00' } }),
      balance('CLAV', '2.00'),
    ];
    expect(mapBalances('a', lower, ENDPOINT, NOW)[0]).toMatchObject({ currency: 'EUR', availableMinor: 200 });
  });

  it('dates the balance by its last change, else its reference day, else now', () => {
    const asOf = (over: Partial<WireBalance>) => mapBalances('a', [balance('CLBD', '1.00', over)], ENDPOINT, NOW)[0]!.asOf;
    expect(asOf({ last_change_date_time: '2026-06-14T18:00:00Z', reference_date: '2026-06-13' })).toBe('2026-06-14T18:00:00Z');
    expect(asOf({ reference_date: '2026-06-13' })).toBe('2026-06-13T00:00:00Z');
    expect(asOf({})).toBe('2026-06-15T09:30:00.000Z');
  });

  it('refuses a balance that is not a decimal number, naming the endpoint and the field', () => {
    const call = () => mapBalances('a', [balance('CLBD', '1,00')], ENDPOINT, NOW);
    expect(call).toThrow(ProviderError);
    expect(call).toThrow(
      'Enable Banking GET /accounts/{uid}/balances sent the amount "1,00" in balance_amount, which is not a decimal number; nothing from this response was saved.',
    );
    expect(() => mapBalances('a', [balance('CLBD', '1.00'), balance('CLAV', 'x')], ENDPOINT, NOW)).toThrow('sent the amount "x"');
    expect(() => mapBalances('a', [balance('CLBD', '1.001')], ENDPOINT, NOW)).toThrow(
      /^Enable Banking GET \/accounts\/\{uid\}\/balances sent an unusable amount in balance_amount \(.*more than 2 decimals for EUR.*\); nothing from this response was saved\.$/,
    );
  });

  it('quotes at most 40 characters of an unusable amount', () => {
    const long = 'x'.repeat(60);
    expect(() => mapBalances('a', [balance('CLBD', long)], ENDPOINT, NOW)).toThrow(`sent the amount "${'x'.repeat(40)}" in`);
  });
});

const where = { endpoint: 'GET /accounts/{uid}/transactions', index: 3, today: '2026-06-15' };
const row = (over: Partial<WireTransaction> = {}): WireTransaction =>
  transaction.parse({
    entry_reference: 'ER-1',
    transaction_amount: { currency: 'eur', amount: ' 42.90 ' },
    credit_debit_indicator: 'DBIT',
    status: 'BOOK',
    booking_date: '2026-06-15',
    value_date: '2026-06-16',
    transaction_date: '2026-06-13',
    creditor: { name: '  REWE Markt GmbH  ' },
    creditor_account: { iban: ' DE02120300000000202051 ' },
    debtor: { name: 'Erika Mustermann' },
    debtor_account: { iban: 'DE89370400440532013000' },
    remittance_information: ['REWE SAGT DANKE 12345'],
    bank_transaction_code: { description: ' Card payment ', code: 'PMNT', sub_code: 'CCRD' },
    transaction_id: 'TX-9',
    ...over,
  });
const map = (t: WireTransaction, pending = false) => mapTransaction('hash-giro', t, pending, newKeyers(), where);

describe('Enable Banking rows: the fields a user sees', () => {
  it('maps a card payment field for field', () => {
    expect(map(row())).toEqual({
      providerAccountId: 'hash-giro',
      dedupeKey: 'p:ER-1',
      providerTransactionId: 'TX-9',
      bookingDate: '2026-06-15',
      bookedAt: null,
      amountMinor: -4290,
      currency: 'EUR',
      description: 'REWE SAGT DANKE 12345',
      merchant: 'REWE Markt GmbH',
      counterpartyName: 'REWE Markt GmbH',
      counterpartyIban: 'DE02120300000000202051',
      pending: false,
      providerCategory: 'Card payment',
      providerClassification: 'PMNT > CCRD',
      raw: row(),
    });
  });

  it('dates a booked row by booking date, else value date, else transaction date, else today', () => {
    expect(map(row({ booking_date: null })).bookingDate).toBe('2026-06-16');
    expect(map(row({ booking_date: null, value_date: null })).bookingDate).toBe('2026-06-13');
    expect(map(row({ booking_date: null, value_date: null, transaction_date: null })).bookingDate).toBe('2026-06-15');
  });

  it('dates a pending row by transaction date, else value date, else today: it has no booking yet', () => {
    expect(map(row(), true)).toMatchObject({ bookingDate: '2026-06-13', pending: true });
    expect(map(row({ transaction_date: null }), true).bookingDate).toBe('2026-06-16');
    expect(map(row({ transaction_date: null, value_date: null }), true).bookingDate).toBe('2026-06-15');
    expect(map(row({ transaction_date: null, value_date: null, booking_date: null }), true).bookingDate).toBe('2026-06-15');
    expect(map(row({ booking_date: '2026-06-20', transaction_date: null, value_date: null }), true).bookingDate).toBe(
      '2026-06-15',
    );
  });

  it('describes a row by its remittance text, else the counterparty, else the bank code text, else nothing', () => {
    expect(map(row({ remittance_information: null })).description).toBe('REWE Markt GmbH');
    expect(map(row({ remittance_information: [' '], creditor: null })).description).toBe('Card payment');
    expect(map(row({ remittance_information: null, creditor: null, bank_transaction_code: null })).description).toBe('');
  });

  it('reads the merchant from the first address line when the name is blank', () => {
    const t = row({ creditor: { name: '  ', postal_address: { address_line: [' LIDL DIENSTLEISTUNG ', 'Berlin'] } } });
    expect(map(t)).toMatchObject({ merchant: 'LIDL DIENSTLEISTUNG', counterpartyName: 'LIDL DIENSTLEISTUNG' });
    expect(map(row({ creditor: { name: null, postal_address: { address_line: [] } } })).counterpartyName).toBeNull();
    expect(map(row({ creditor: { name: null, postal_address: null } })).counterpartyName).toBeNull();
  });

  it('money in names the debtor and their account', () => {
    expect(map(row({ credit_debit_indicator: 'CRDT' }))).toMatchObject({
      amountMinor: 4290,
      counterpartyName: 'Erika Mustermann',
      counterpartyIban: 'DE89370400440532013000',
    });
    expect(map(row({ creditor_account: { iban: '  ' } })).counterpartyIban).toBeNull();
    expect(map(row({ creditor_account: null })).counterpartyIban).toBeNull();
  });

  it('joins the bank code and sub-code, keeps either alone, and has none without both', () => {
    const code = (c: WireTransaction['bank_transaction_code']) => map(row({ bank_transaction_code: c }));
    expect(code({ code: 'PMNT' })).toMatchObject({ providerClassification: 'PMNT', providerCategory: null });
    expect(code({ sub_code: 'CCRD', description: '' }).providerClassification).toBe('CCRD');
    expect(code({ description: 'Fee' })).toMatchObject({ providerClassification: null, providerCategory: 'Fee' });
    expect(code(null)).toMatchObject({ providerClassification: null, providerCategory: null });
  });

  it('takes the transaction id as the provider id, else the entry reference', () => {
    expect(map(row({ transaction_id: null })).providerTransactionId).toBe('ER-1');
    expect(map(row({ transaction_id: null, entry_reference: '  ' })).providerTransactionId).toBeNull();
  });

  it('keys by a trimmed entry reference; a reference of zeros or blanks falls back to the fingerprint', () => {
    expect(map(row({ entry_reference: ' ER-1 ' })).dedupeKey).toBe('p:ER-1');
    expect(map(row({ entry_reference: '000' })).dedupeKey).toMatch(/^f:2026-06-15\|-4290\|EUR\|/);
    expect(map(row({ entry_reference: '0001' })).dedupeKey).toBe('p:0001');
    expect(map(row({ entry_reference: '1000' })).dedupeKey).toBe('p:1000');
    expect(map(row(), true).dedupeKey).toBe('pending:p:ER-1');
  });

  it('names the row of an unusable amount by its index', () => {
    expect(() => map(row({ transaction_amount: { currency: 'EUR', amount: 'ten' } }))).toThrow(
      'sent the amount "ten" in transactions[3].transaction_amount.amount',
    );
  });
});

describe('Enable Banking survivors of the first mutation run', () => {
  const caught = (f: () => unknown): ProviderError => {
    try {
      f();
    } catch (e) {
      return e as ProviderError;
    }
    throw new Error('expected a refusal');
  };

  it('an unusable available amount names its field too', () => {
    expect(() => mapBalances('a', [balance('CLBD', '1.00'), balance('CLAV', 'x')], ENDPOINT, NOW)).toThrow(
      'Enable Banking GET /accounts/{uid}/balances sent the amount "x" in balance_amount, which is not a decimal number; nothing from this response was saved.',
    );
  });

  it('both refusals are invalid responses from the endpoint that sent them (what the sync log and exit code show)', () => {
    for (const amount of ['1,00', '1.001']) {
      expect(caught(() => mapBalances('a', [balance('CLBD', amount)], ENDPOINT, NOW))).toMatchObject({
        kind: 'invalid_response',
        detail: { endpoint: ENDPOINT },
      });
    }
  });

  it('a party with an address but no address lines has no name', () => {
    expect(map(row({ creditor: { name: null, postal_address: { address_line: null } } })).counterpartyName).toBeNull();
  });
});
