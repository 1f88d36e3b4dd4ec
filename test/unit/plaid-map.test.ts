import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/domain/errors.js';
import { mapAccount, mapBalance, mapTransaction } from '../../src/providers/plaid/map.js';
import type { WireAccount, WireTransaction } from '../../src/providers/plaid/wire-types.js';

/*
 * Payloads are the examples of Plaid's OpenAPI spec (2020-09-14, /accounts/get and
 * /transactions/sync; /work/shared/specs/plaid-openapi-2020-09-14.yml), trimmed to the fields
 * Trax reads, with variations where the spec allows other values.
 */
const checking: WireAccount = {
  account_id: 'BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp',
  balances: { available: 100, current: 110, iso_currency_code: 'USD', limit: null, unofficial_currency_code: null },
  mask: '0000',
  name: 'Plaid Checking',
  official_name: 'Plaid Gold Standard 0% Interest Checking',
  subtype: 'checking',
  type: 'depository',
};
const creditCard: WireAccount = {
  account_id: 'dVzbVMLjrxTnLjX4G66XUp5GLklm4oiZy88yK',
  balances: { available: null, current: 410, iso_currency_code: 'USD', limit: 2000, unofficial_currency_code: null },
  mask: '3333',
  name: 'Plaid Credit Card',
  official_name: 'Plaid Diamond 12.5% APR Interest Credit Card',
  subtype: 'credit card',
  type: 'credit',
};
const studentLoan: WireAccount = {
  account_id: 'Pp1Vpkl9w8sajvK6oEEKtr7vZxBnGpf7LxxLE',
  balances: { available: null, current: 65262, iso_currency_code: 'USD', limit: null, unofficial_currency_code: null },
  mask: '7777',
  name: 'Plaid Student Loan',
  official_name: null,
  subtype: 'student',
  type: 'loan',
};
const walmart: WireTransaction = {
  account_id: 'BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp',
  amount: 72.1,
  iso_currency_code: 'USD',
  unofficial_currency_code: null,
  counterparties: [
    { name: 'Walmart', type: 'merchant' },
    { name: 'Visa', type: 'payment_terminal' },
  ],
  date: '2023-09-24',
  datetime: '2023-09-24T11:01:01Z',
  authorized_date: '2023-09-22',
  name: 'PURCHASE WM SUPERCENTER #1700',
  merchant_name: 'Walmart',
  pending: false,
  pending_transaction_id: 'no86Eox18VHMvaOVL7gPUM9ap3aR1LsAVZ5nc',
  personal_finance_category: {
    primary: 'GENERAL_MERCHANDISE',
    detailed: 'GENERAL_MERCHANDISE_SUPERSTORES',
    confidence_level: 'VERY_HIGH',
  },
  transaction_id: 'lPNjeW1nR6CDn5okmGQ6hEpMo4lLNoSrzqDje',
};

const account = (over: Partial<WireAccount>): WireAccount => ({ ...checking, ...over });
const balances = (over: Partial<WireAccount['balances']>): WireAccount =>
  account({ balances: { ...checking.balances, ...over } });
const tx = (over: Partial<WireTransaction>): WireTransaction => ({ ...walmart, ...over });

function providerError(f: () => unknown): ProviderError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error('expected a ProviderError, nothing was thrown');
}

describe('Plaid accounts become Trax accounts', () => {
  it('maps the spec example accounts exactly', () => {
    expect([checking, creditCard, studentLoan].map(mapAccount)).toEqual([
      {
        providerAccountId: 'BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp',
        name: 'Plaid Checking',
        kind: 'checking',
        currency: 'USD',
        iban: null,
        numberHint: '•••• 0000',
      },
      {
        providerAccountId: 'dVzbVMLjrxTnLjX4G66XUp5GLklm4oiZy88yK',
        name: 'Plaid Credit Card',
        kind: 'credit_card',
        currency: 'USD',
        iban: null,
        numberHint: '•••• 3333',
      },
      {
        providerAccountId: 'Pp1Vpkl9w8sajvK6oEEKtr7vZxBnGpf7LxxLE',
        name: 'Plaid Student Loan',
        kind: 'other',
        currency: 'USD',
        iban: null,
        numberHint: '•••• 7777',
      },
    ]);
  });

  it.each([
    ['depository', 'checking', 'checking'],
    ['depository', 'savings', 'savings'],
    ['depository', 'isa', 'savings'],
    ['depository', 'cash isa', 'savings'],
    ['depository', 'money market', 'checking'],
    ['depository', null, 'checking'],
    ['depository', undefined, 'checking'],
    ['credit', 'credit card', 'credit_card'],
    ['credit', 'paypal', 'credit_card'],
    ['loan', 'student', 'other'],
    ['investment', '401k', 'other'],
    ['other', null, 'other'],
  ] as const)('a %s account of subtype %s is %s', (type, subtype, kind) => {
    expect(mapAccount(account({ type, subtype })).kind).toBe(kind);
  });

  it('uses the official name only when the short name is a stub of one or two characters', () => {
    expect(mapAccount(account({ name: 'CC' })).name).toBe('Plaid Gold Standard 0% Interest Checking');
    expect(mapAccount(account({ name: 'Joe' })).name).toBe('Joe');
    expect(mapAccount(account({ name: 'CC', official_name: null })).name).toBe('CC');
    expect(mapAccount(account({ name: 'CC', official_name: '' })).name).toBe('CC');
  });

  it('shows no number hint without a mask', () => {
    expect(mapAccount(account({ mask: null })).numberHint).toBeNull();
    expect(mapAccount(account({ mask: '' })).numberHint).toBeNull();
    expect(mapAccount(account({ mask: undefined })).numberHint).toBeNull();
  });

  it('upper-cases the currency code', () => {
    expect(mapAccount(balances({ iso_currency_code: 'gbp' })).currency).toBe('GBP');
  });

  it('refuses an account in an unofficial currency, naming it', () => {
    const e = providerError(() => mapAccount(balances({ iso_currency_code: null, unofficial_currency_code: 'BTC' })));
    expect(e.kind).toBe('invalid_response');
    expect(e.message).toBe(
      'Plaid POST /accounts/get reported an amount in BTC, which Trax cannot store exactly; nothing from it was saved.',
    );
    expect(e.detail.endpoint).toBe('POST /accounts/get');
  });

  it('refuses an account with no currency at all', () => {
    const e = providerError(() => mapAccount(balances({ iso_currency_code: null, unofficial_currency_code: null })));
    expect(e.message).toBe(
      'Plaid POST /accounts/get reported an amount in no currency, which Trax cannot store exactly; nothing from it was saved.',
    );
  });
});

describe('Plaid balances become Trax balances', () => {
  const asOf = '2023-09-24T12:00:00Z';

  it('keeps a depository balance as Plaid signs it', () => {
    expect(mapBalance(checking, asOf)).toEqual({
      providerAccountId: 'BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp',
      currency: 'USD',
      currentMinor: 11000,
      availableMinor: 10000,
      asOf,
    });
  });

  it('records what is owed on a credit card as negative (Plaid reports it positive)', () => {
    expect(mapBalance(creditCard, asOf)).toEqual({
      providerAccountId: 'dVzbVMLjrxTnLjX4G66XUp5GLklm4oiZy88yK',
      currency: 'USD',
      currentMinor: -41000,
      availableMinor: null,
      asOf,
    });
  });

  it('records a loan balance as negative', () => {
    expect(mapBalance(studentLoan, asOf)?.currentMinor).toBe(-6526200);
  });

  it('keeps a depository overdraft negative', () => {
    expect(mapBalance(balances({ current: -12.5, available: -12.5 }), asOf)).toMatchObject({
      currentMinor: -1250,
      availableMinor: -1250,
    });
  });

  it('has no balance when Plaid reports no current amount', () => {
    expect(mapBalance(balances({ current: null }), asOf)).toBeNull();
    expect(mapBalance(balances({ current: undefined }), asOf)).toBeNull();
  });

  it('has no available amount when Plaid omits it', () => {
    expect(mapBalance(balances({ available: undefined }), asOf)?.availableMinor).toBeNull();
  });

  it('stores a zero balance as zero, not as missing', () => {
    expect(mapBalance(balances({ current: 0, available: 0 }), asOf)).toMatchObject({ currentMinor: 0, availableMinor: 0 });
  });

  it('reads the currency from the balance and upper-cases it', () => {
    expect(mapBalance(balances({ iso_currency_code: 'cad' }), asOf)?.currency).toBe('CAD');
  });

  it('refuses a balance in an unofficial currency', () => {
    const e = providerError(() => mapBalance(balances({ iso_currency_code: null, unofficial_currency_code: 'DOGE' }), asOf));
    expect(e.message).toBe(
      'Plaid POST /accounts/get reported an amount in DOGE, which Trax cannot store exactly; nothing from it was saved.',
    );
  });
});

describe('Plaid transactions become Trax rows', () => {
  it('maps the spec example purchase exactly, money out negative', () => {
    expect(mapTransaction(walmart)).toEqual({
      providerAccountId: 'BxBXxLj1m4HMXBm9WZZmCWVbPjX16EHwv99vp',
      dedupeKey: 'id:lPNjeW1nR6CDn5okmGQ6hEpMo4lLNoSrzqDje',
      providerTransactionId: 'lPNjeW1nR6CDn5okmGQ6hEpMo4lLNoSrzqDje',
      bookingDate: '2023-09-24',
      bookedAt: '2023-09-24T11:01:01Z',
      amountMinor: -7210,
      currency: 'USD',
      description: 'PURCHASE WM SUPERCENTER #1700',
      merchant: 'Walmart',
      counterpartyName: 'Walmart',
      counterpartyIban: null,
      pending: false,
      providerCategory: 'GENERAL_MERCHANDISE',
      providerClassification: 'GENERAL_MERCHANDISE_SUPERSTORES',
      raw: walmart,
    });
  });

  it('records a refund (negative Plaid amount) as money in', () => {
    expect(mapTransaction(tx({ amount: -500 })).amountMinor).toBe(50000);
  });

  it('records a zero amount as plain zero, not negative zero', () => {
    expect(Object.is(mapTransaction(tx({ amount: 0 })).amountMinor, 0)).toBe(true);
  });

  it('uses minor units of the currency (JPY has none)', () => {
    expect(mapTransaction(tx({ amount: 1200, iso_currency_code: 'jpy' }))).toMatchObject({ amountMinor: -1200, currency: 'JPY' });
  });

  it('prefers the original bank text, trimmed, and falls back to the cleaned name', () => {
    expect(mapTransaction(tx({ original_description: '  POS WM SUPERCENTER 1700 POWAY CA ' })).description).toBe(
      'POS WM SUPERCENTER 1700 POWAY CA',
    );
    expect(mapTransaction(tx({ original_description: null, name: ' Dd Doordash Burgerkin ' })).description).toBe(
      'Dd Doordash Burgerkin',
    );
  });

  it('leaves merchant, counterparty, time and categories empty when Plaid has none', () => {
    const bare = tx({
      merchant_name: null,
      counterparties: undefined,
      datetime: null,
      personal_finance_category: null,
      pending: true,
    });
    expect(mapTransaction(bare)).toMatchObject({
      merchant: null,
      counterpartyName: null,
      bookedAt: null,
      providerCategory: null,
      providerClassification: null,
      pending: true,
    });
    expect(mapTransaction(tx({ counterparties: [], merchant_name: undefined, datetime: undefined }))).toMatchObject({
      counterpartyName: null,
      merchant: null,
      bookedAt: null,
    });
    expect(mapTransaction(tx({ personal_finance_category: undefined }))).toMatchObject({
      providerCategory: null,
      providerClassification: null,
    });
  });

  it('refuses an amount with more decimals than the currency has, naming the transaction', () => {
    const e = providerError(() => mapTransaction(tx({ amount: 1.005 })));
    expect(e.kind).toBe('invalid_response');
    expect(e.detail.endpoint).toBe('POST /transactions/sync');
    expect(e.message).toBe(
      'Plaid POST /transactions/sync returned an unusable amount for lPNjeW1nR6CDn5okmGQ6hEpMo4lLNoSrzqDje ' +
        '(amount 1.005 has more than 2 decimals for USD); nothing from it was saved.',
    );
  });

  it('refuses a transaction in an unofficial currency', () => {
    const e = providerError(() => mapTransaction(tx({ iso_currency_code: null, unofficial_currency_code: 'BTC' })));
    expect(e.message).toBe(
      'Plaid POST /transactions/sync reported an amount in BTC, which Trax cannot store exactly; nothing from it was saved.',
    );
    expect(e.detail.endpoint).toBe('POST /transactions/sync');
  });
});
