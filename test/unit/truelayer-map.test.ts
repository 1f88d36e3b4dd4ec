import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/domain/errors.js';
import { DedupeKeyer, dedupeKeys } from '../../src/providers/truelayer/identity.js';
import { mapAccount, mapBalance, mapCard, mapTransactions } from '../../src/providers/truelayer/map.js';
import type { WireAccount, WireCard, WireTransaction } from '../../src/providers/truelayer/wire-types.js';

/*
 * Payloads are TrueLayer Data API v1 responses as recorded from the Mock bank (July 2021) and the
 * official client's fixtures (/work/shared/specs/truelayer-*.json), trimmed to what Trax reads,
 * with variations where TrueLayer documents other values (meta keys differ per bank).
 */
const lloyds: WireAccount = {
  update_timestamp: '2017-02-07T17:29:24.740802Z',
  account_id: 'f1234560abf9f57287637624def390871',
  account_type: 'TRANSACTION',
  display_name: 'Club Lloyds',
  currency: 'GBP',
  account_number: { iban: 'GB35LOYD12345678901234', number: '12345678', sort_code: '12-34-56', swift_bic: 'LOYDGB2L' },
};
const platinum: WireCard = {
  account_id: 'cfc2bcf7a405fed81ec8a777213baf59',
  card_network: 'VISA',
  card_type: 'CREDIT',
  currency: 'GBP',
  display_name: 'Platinum super',
  partial_card_number: '6589',
  update_timestamp: '2017-10-12T06:47:22.4606763Z',
};
/** The first rows of TRANSACTION ACCOUNT 1 on 2021-07-05/04, in the order the Mock bank sent them. */
const mockBank: WireTransaction[] = [
  {
    timestamp: '2021-07-05T00:00:00Z',
    description: 'LNK ATM WITHDRAWAL',
    transaction_type: 'DEBIT',
    transaction_category: 'ATM',
    transaction_classification: [],
    amount: -60.0,
    currency: 'GBP',
    transaction_id: '2235c2ba8d700ce39e0c69cef3c7fe61',
    running_balance: { currency: 'GBP', amount: 594.87 },
    meta: { provider_transaction_category: 'CPT' },
  },
  {
    timestamp: '2021-07-05T00:00:00Z',
    description: 'AMAZON PRIME',
    transaction_type: 'DEBIT',
    transaction_category: 'PURCHASE',
    transaction_classification: ['Shopping', 'General'],
    merchant_name: 'Amazon Prime',
    amount: -7.99,
    currency: 'GBP',
    transaction_id: 'b96bd03979ed460c5acf66050fed8cbb',
    running_balance: { currency: 'GBP', amount: 579.2 },
    meta: { provider_transaction_category: 'DEB' },
  },
  {
    timestamp: '2021-07-04T00:00:00Z',
    description: 'ANYVAN LTD',
    transaction_type: 'CREDIT',
    transaction_category: 'CREDIT',
    transaction_classification: [],
    amount: 70.0,
    currency: 'GBP',
    transaction_id: '2471a0e17469be3749cc36c0ba4364c9',
    running_balance: { currency: 'GBP', amount: 596.95 },
    meta: { provider_transaction_category: 'FPI' },
  },
];
/** The Mock bank's row with both provider ids (beancounttools fixture): CREDIT type, negative amount. */
const withIds: WireTransaction = {
  timestamp: '2021-06-14T00:00:00Z',
  description: 'MT SECURETRADE LIM',
  transaction_type: 'CREDIT',
  transaction_category: 'PURCHASE',
  transaction_classification: [],
  amount: -20.5,
  currency: 'GBP',
  transaction_id: 'mandatory-transaction-id-value',
  provider_transaction_id: '6906e4ecbf4a9775e3',
  normalised_provider_transaction_id: 'txn-4912996e337e5b5f3',
  running_balance: { currency: 'GBP', amount: 332.94 },
  meta: { provider_id: 'SOME-PROVIDER-ID', provider_reference: 'SOME-PROVIDER-REFERENCE', provider_transaction_category: 'DEB' },
};
const ENDPOINT = 'GET /data/v1/accounts/{id}/transactions';
const map = (rows: WireTransaction[], pending = false) => mapTransactions('acc-1', rows, pending, ENDPOINT);
const one = (over: Partial<WireTransaction>) => map([{ ...mockBank[0]!, ...over }])[0]!;

function providerError(f: () => unknown): ProviderError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    return e as ProviderError;
  }
  throw new Error('expected a ProviderError, nothing was thrown');
}

describe('TrueLayer accounts and cards become Trax accounts', () => {
  it('maps the Lloyds example exactly', () => {
    expect(mapAccount(lloyds)).toEqual({
      providerAccountId: 'f1234560abf9f57287637624def390871',
      name: 'Club Lloyds',
      kind: 'checking',
      currency: 'GBP',
      iban: 'GB35LOYD12345678901234',
      numberHint: '12-34-56 12345678',
    });
  });

  it.each([
    ['TRANSACTION', 'checking'],
    ['SAVINGS', 'savings'],
    ['BUSINESS_TRANSACTION', 'business'],
    ['BUSINESS_SAVINGS', 'business'],
    ['PENSION', 'other'],
  ])('an account of type %s is %s', (account_type, kind) => {
    expect(mapAccount({ ...lloyds, account_type }).kind).toBe(kind);
  });

  it('shows the account number alone without a sort code, and nothing without either', () => {
    expect(mapAccount({ ...lloyds, account_number: { iban: 'DE89370400440532013000', number: '0532013000' } })).toMatchObject({
      iban: 'DE89370400440532013000',
      numberHint: '0532013000',
    });
    expect(mapAccount({ ...lloyds, account_number: { sort_code: '12-34-56' } }).numberHint).toBeNull();
    expect(mapAccount({ ...lloyds, account_number: {} })).toMatchObject({ iban: null, numberHint: null });
    const { account_number: _, ...noNumber } = lloyds;
    expect(mapAccount(noNumber)).toMatchObject({ iban: null, numberHint: null });
  });

  it('upper-cases the currency', () => {
    expect(mapAccount({ ...lloyds, currency: 'eur' }).currency).toBe('EUR');
  });

  it('maps the Platinum credit card exactly', () => {
    expect(mapCard(platinum)).toEqual({
      providerAccountId: 'cfc2bcf7a405fed81ec8a777213baf59',
      name: 'Platinum super',
      kind: 'credit_card',
      currency: 'GBP',
      iban: null,
      numberHint: '**** 6589',
    });
  });

  it('treats a charge or debit card as "other" and shows no hint without a partial number', () => {
    expect(mapCard({ ...platinum, card_type: 'CHARGE', partial_card_number: undefined, currency: 'usd' })).toEqual({
      providerAccountId: 'cfc2bcf7a405fed81ec8a777213baf59',
      name: 'Platinum super',
      kind: 'other',
      currency: 'USD',
      iban: null,
      numberHint: null,
    });
    expect(mapCard({ ...platinum, card_type: undefined }).kind).toBe('other');
  });
});

describe('TrueLayer balances become Trax balances', () => {
  it('keeps an account balance as the bank signs it (Mock bank TRANSACTION ACCOUNT 1)', () => {
    const b = {
      currency: 'GBP',
      available: 106.0,
      current: 6.0,
      overdraft: 100.0,
      update_timestamp: '2021-07-05T03:04:12.9340631Z',
    };
    expect(mapBalance('acc-1', b, false, 'GET /data/v1/accounts/{id}/balance')).toEqual({
      providerAccountId: 'acc-1',
      currency: 'GBP',
      currentMinor: 600,
      availableMinor: 10600,
      asOf: '2021-07-05T03:04:12.9340631Z',
    });
  });

  it('records what is owed on a card as negative and keeps the available credit positive', () => {
    const b = {
      currency: 'gbp',
      available: 5479.0,
      current: 21.0,
      credit_limit: 5500.0,
      update_timestamp: '2017-10-12T07:17:54.8144949Z',
    };
    expect(mapBalance('card-1', b, true, 'GET /data/v1/cards/{id}/balance')).toEqual({
      providerAccountId: 'card-1',
      currency: 'GBP',
      currentMinor: -2100,
      availableMinor: 547900,
      asOf: '2017-10-12T07:17:54.8144949Z',
    });
  });

  it('has no available amount when the bank omits it', () => {
    const b = { currency: 'GBP', current: -12.5, update_timestamp: '2021-07-05T03:04:12Z' };
    expect(mapBalance('acc-1', b, false, 'x')).toMatchObject({ currentMinor: -1250, availableMinor: null });
  });

  it('names the field and endpoint of an amount it cannot store', () => {
    const at = '2021-07-05T03:04:12Z';
    const current = providerError(() =>
      mapBalance('acc-1', { currency: 'GBP', current: 1.234, update_timestamp: at }, false, 'GET b'),
    );
    expect(current.kind).toBe('invalid_response');
    expect(current.detail.endpoint).toBe('GET b');
    expect(current.message).toBe(
      'TrueLayer GET b returned an unusable amount (field current: amount 1.234 has more than 2 decimals for GBP); nothing from it was saved.',
    );
    const available = providerError(() =>
      mapBalance('acc-1', { currency: 'GBP', current: 1, available: 0.001, update_timestamp: at }, false, 'GET b'),
    );
    expect(available.message).toBe(
      'TrueLayer GET b returned an unusable amount (field available: amount 0.001 has more than 2 decimals for GBP); nothing from it was saved.',
    );
  });
});

describe('TrueLayer transactions become Trax rows', () => {
  it('maps the Mock bank rows exactly, with fingerprint keys', () => {
    expect(map(mockBank)).toEqual([
      {
        providerAccountId: 'acc-1',
        dedupeKey: 'f:2021-07-05|-6000|GBP|6mnRswHrbRhL2mUt|0',
        providerTransactionId: '2235c2ba8d700ce39e0c69cef3c7fe61',
        bookingDate: '2021-07-05',
        bookedAt: '2021-07-05T00:00:00Z',
        amountMinor: -6000,
        currency: 'GBP',
        description: 'LNK ATM WITHDRAWAL',
        merchant: null,
        counterpartyName: null,
        counterpartyIban: null,
        pending: false,
        providerCategory: 'ATM',
        providerClassification: null,
        raw: mockBank[0],
      },
      {
        providerAccountId: 'acc-1',
        dedupeKey: 'f:2021-07-05|-799|GBP|6ntB_sEk2HlrGWoo|0',
        providerTransactionId: 'b96bd03979ed460c5acf66050fed8cbb',
        bookingDate: '2021-07-05',
        bookedAt: '2021-07-05T00:00:00Z',
        amountMinor: -799,
        currency: 'GBP',
        description: 'AMAZON PRIME',
        merchant: 'Amazon Prime',
        counterpartyName: null,
        counterpartyIban: null,
        pending: false,
        providerCategory: 'PURCHASE',
        providerClassification: 'Shopping > General',
        raw: mockBank[1],
      },
      {
        providerAccountId: 'acc-1',
        dedupeKey: 'f:2021-07-04|7000|GBP|XjAC1VM6V0gMOX59|0',
        providerTransactionId: '2471a0e17469be3749cc36c0ba4364c9',
        bookingDate: '2021-07-04',
        bookedAt: '2021-07-04T00:00:00Z',
        amountMinor: 7000,
        currency: 'GBP',
        description: 'ANYVAN LTD',
        merchant: null,
        counterpartyName: null,
        counterpartyIban: null,
        pending: false,
        providerCategory: 'CREDIT',
        providerClassification: null,
        raw: mockBank[2],
      },
    ]);
  });

  it('trusts the sign over transaction_type and keys by the normalised provider id', () => {
    expect(map([withIds])[0]).toMatchObject({
      dedupeKey: 'n:txn-4912996e337e5b5f3',
      providerTransactionId: 'mandatory-transaction-id-value',
      amountMinor: -2050,
      bookingDate: '2021-06-14',
    });
    expect(map([{ ...withIds, normalised_provider_transaction_id: undefined }])[0]!.dedupeKey).toBe('p:6906e4ecbf4a9775e3');
  });

  it('keeps pending keys apart from booked ones', () => {
    expect(map([withIds], true)[0]).toMatchObject({ dedupeKey: 'pending:n:txn-4912996e337e5b5f3', pending: true });
    expect(map([mockBank[0]!], true)[0]!.dedupeKey).toBe('pending:f:2021-07-05|-6000|GBP|6mnRswHrbRhL2mUt|0');
  });

  it('keeps two identical withdrawals on one day as two rows, whatever else the response holds', () => {
    const atm = mockBank[0]!;
    const keys = map([atm, mockBank[1]!, { ...atm, transaction_id: 'second' }, { ...atm, transaction_id: 'third' }]).map(
      (r) => r.dedupeKey,
    );
    expect(keys).toEqual([
      'f:2021-07-05|-6000|GBP|6mnRswHrbRhL2mUt|0',
      'f:2021-07-05|-799|GBP|6ntB_sEk2HlrGWoo|0',
      'f:2021-07-05|-6000|GBP|6mnRswHrbRhL2mUt|1',
      'f:2021-07-05|-6000|GBP|6mnRswHrbRhL2mUt|2',
    ]);
    // A second response starts counting again, so re-delivering the day gives the same keys.
    expect(map([atm])[0]!.dedupeKey).toBe(keys[0]);
  });

  it('gives the same fingerprint whatever the case, spacing or Unicode width of the description', () => {
    const key = (description: string) => one({ description }).dedupeKey;
    const expected = 'f:2021-07-05|-6000|GBP|6mnRswHrbRhL2mUt|0';
    expect(key('lnk atm withdrawal')).toBe(expected);
    expect(key('  LNK   ATM\tWITHDRAWAL \n')).toBe(expected);
    expect(key('ＬＮＫ ＡＴＭ ＷＩＴＨＤＲＡＷＡＬ')).toBe(expected);
    expect(key('LNK ATM WITHDRAWALS')).not.toBe(expected);
    expect(key('LNKATMWITHDRAWAL')).not.toBe(expected);
  });

  it('stores the description trimmed', () => {
    expect(one({ description: '  LNK ATM WITHDRAWAL ' }).description).toBe('LNK ATM WITHDRAWAL');
  });

  it('takes the date from the bank timestamp and upper-cases the currency', () => {
    expect(one({ timestamp: '2021-07-05T23:30:00+01:00', currency: 'gbp' })).toMatchObject({
      bookingDate: '2021-07-05',
      bookedAt: '2021-07-05T23:30:00+01:00',
      currency: 'GBP',
      dedupeKey: 'f:2021-07-05|-6000|GBP|6mnRswHrbRhL2mUt|0',
    });
  });

  it('reads merchant and counterparty from meta when the bank puts them there, trimmed', () => {
    const row = one({
      meta: {
        provider_merchant_name: ' Lidl ',
        counter_party_preferred_name: ' LIDL DIENSTLEISTUNG ',
        debtor_account_name: 'Ann Example',
        counter_party_iban: ' DE89370400440532013000 ',
      },
    });
    expect(row).toMatchObject({
      merchant: 'Lidl',
      counterpartyName: 'LIDL DIENSTLEISTUNG',
      counterpartyIban: 'DE89370400440532013000',
    });
  });

  it('prefers merchant_name over meta and falls back to the debtor name', () => {
    const row = one({
      merchant_name: 'Amazon Prime',
      meta: { provider_merchant_name: 'AMZN', debtor_account_name: 'Ann Example' },
    });
    expect(row).toMatchObject({ merchant: 'Amazon Prime', counterpartyName: 'Ann Example', counterpartyIban: null });
  });

  it('ignores blank or non-text meta values', () => {
    const row = one({
      meta: {
        provider_merchant_name: '   ',
        counter_party_preferred_name: 42,
        debtor_account_name: '',
        counter_party_iban: null,
      },
    });
    expect(row).toMatchObject({ merchant: null, counterpartyName: null, counterpartyIban: null });
    expect(one({ meta: undefined })).toMatchObject({ merchant: null, counterpartyName: null, counterpartyIban: null });
  });

  it('joins the classification path and has none without one', () => {
    expect(one({ transaction_classification: ['Entertainment', 'Games'] }).providerClassification).toBe('Entertainment > Games');
    expect(one({ transaction_classification: ['Uncategorized'] }).providerClassification).toBe('Uncategorized');
    expect(one({ transaction_classification: undefined, transaction_category: undefined })).toMatchObject({
      providerClassification: null,
      providerCategory: null,
    });
  });

  it('names the row and endpoint of an amount it cannot store', () => {
    const e = providerError(() => map([mockBank[0]!, { ...mockBank[1]!, amount: -7.999 }]));
    expect(e.kind).toBe('invalid_response');
    expect(e.detail.endpoint).toBe(ENDPOINT);
    expect(e.message).toBe(
      `TrueLayer ${ENDPOINT} returned an unusable amount (field results[1].amount: amount -7.999 has more than 2 decimals for GBP); nothing from it was saved.`,
    );
  });
});

describe('TrueLayer identity keys', () => {
  it('are the stored key format: changing it would duplicate every fingerprinted row already in a database', () => {
    expect(
      dedupeKeys([
        {
          normalisedId: undefined,
          providerId: undefined,
          bookingDate: '2026-10-02',
          amountMinor: -320,
          currency: 'EUR',
          description: 'Café Kaiser',
        },
        {
          normalisedId: '',
          providerId: '',
          bookingDate: '2026-10-02',
          amountMinor: -320,
          currency: 'EUR',
          description: 'CAFÉ  KAISER',
        },
      ]),
    ).toEqual(['f:2026-10-02|-320|EUR|l8j0ZaWJd0q51fPn|0', 'f:2026-10-02|-320|EUR|l8j0ZaWJd0q51fPn|1']);
  });

  it('have no prefix from a keyer made without one', () => {
    const keyer = new DedupeKeyer();
    const fields = {
      normalisedId: undefined,
      providerId: 'p-1',
      bookingDate: '2026-10-02',
      amountMinor: -320,
      currency: 'EUR',
      description: 'x',
    };
    expect(keyer.key(fields)).toBe('p:p-1');
  });
});
