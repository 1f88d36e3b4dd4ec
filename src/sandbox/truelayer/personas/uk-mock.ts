import { addDays, isWeekend } from '../../shared/dates.js';
import { Prng, seedFrom } from '../../../util/prng.js';
import { addMonths } from '../dates.js';
import { centsBetween, emptyAccount, Ledger, type TxnInput } from './ledger.js';
import { dueBackward, dueForward, monthLabel, Window } from './schedule.js';
import { ukIban } from './iban.js';
import {
  UK_CARD_MERCHANTS,
  UK_CURRENT_MERCHANTS,
  UK_EMPLOYERS,
  UK_FALLBACK_MERCHANT,
  UK_PEOPLE,
  type UkMerchant,
} from './uk-mock-merchants.js';
import type { Persona, PersonaParams } from './types.js';

/**
 * UK "Mock" bank persona, shaped after the July 2021 Mock recording: TRANSACTION ACCOUNT 1,
 * SAVINGS ACCOUNT 1 and a VISA credit card. Most rows carry stable provider ids; ATM,
 * SAVE THE CHANGE and interest rows carry none, so clients must handle both.
 */

const SORT_CODE = '01-21-31';
const BANK_CODE = 'CPBK';

export function buildUkMockPersona(p: PersonaParams): Persona {
  const rng = new Prng(seedFrom(p.seed, 'uk-mock', p.username, p.startDay));
  const win = new Window(p.startDay);
  const num = (n: string) => ({
    swift_bic: 'CPBKGB00',
    number: n,
    sort_code: SORT_CODE,
    ...(p.withIban ? { iban: ukIban(BANK_CODE, SORT_CODE, n) } : {}),
  });

  const current = emptyAccount({
    key: 'transaction-account-1',
    kind: 'account',
    displayName: 'TRANSACTION ACCOUNT 1',
    accountType: 'TRANSACTION',
    currency: 'GBP',
    accountNumber: num('10000000'),
    openingBalanceCents: centsBetween(rng, 900, 1600),
    overdraftCents: 25_000,
  });
  const savings = emptyAccount({
    key: 'savings-account-1',
    kind: 'account',
    displayName: 'SAVINGS ACCOUNT 1',
    accountType: 'SAVINGS',
    currency: 'GBP',
    accountNumber: num('20000000'),
    openingBalanceCents: centsBetween(rng, 1500, 4000),
  });
  const card = emptyAccount({
    key: 'credit-card-1',
    kind: 'card',
    displayName: 'Platinum super',
    currency: 'GBP',
    card: {
      network: 'VISA',
      type: 'CREDIT',
      partialNumber: '6589',
      nameOnCard: 'JOHN DOE',
      validFrom: '2019-05',
      validTo: '2027-05',
    },
    openingBalanceCents: 0,
    creditLimitCents: 550_000,
    statementDay: 3,
  });
  const ledger = new Ledger([current, savings, card]);
  const C = current.key;
  const S = savings.key;
  const K = card.key;

  // Stable bank ids; generated from the persona stream so they survive clock moves and settlement.
  const withIds = (input: TxnInput): TxnInput => ({ ...input, providerTxnId: rng.hex(18), normalisedId: `txn-${rng.hex(17)}` });
  const employer = rng.pick(UK_EMPLOYERS);
  const salary = centsBetween(rng, 2650, 2850);
  const rent = rng.int(85, 110) * 1000;
  const savingsTransfer = rng.pick([10_000, 15_000, 20_000]);

  for (const month of win.months()) {
    const { mm } = monthLabel(month);
    const inWin = (d: string) => win.contains(d);
    const payday = dueBackward(month, 25);
    if (inWin(payday)) {
      ledger.add(
        C,
        payday,
        withIds({
          amountCents: salary,
          category: 'CREDIT',
          description: `${employer} SALARY`,
          meta: { provider_transaction_category: 'BGC' },
        }),
      );
    }
    const first = dueForward(month, 1);
    if (inWin(first)) {
      ledger.add(
        C,
        first,
        withIds({
          amountCents: -rent,
          category: 'STANDING_ORDER',
          description: 'HOLLOWAY LETTINGS RENT',
          meta: { provider_transaction_category: 'SO' },
        }),
      );
      ledger.add(
        C,
        first,
        withIds({
          amountCents: -savingsTransfer,
          category: 'TRANSFER',
          description: 'TFR TO SAVINGS 20000000',
          meta: { provider_transaction_category: 'TFR' },
        }),
      );
      ledger.add(
        S,
        first,
        withIds({
          amountCents: savingsTransfer,
          category: 'TRANSFER',
          description: 'TFR FROM 10000000',
          meta: { provider_transaction_category: 'TFR' },
        }),
      );
      // Council tax is billed in ten monthly instalments, April to January.
      if (!['02', '03'].includes(mm)) {
        ledger.add(
          C,
          first,
          withIds({
            amountCents: -14_800,
            category: 'DIRECT_DEBIT',
            description: 'LB CAMDEN COUNCIL TAX',
            classification: ['Bills and Utilities', 'Council tax'],
            merchantName: 'Camden Council',
            meta: { provider_transaction_category: 'DD' },
          }),
        );
      }
    }
    const bills: Array<[number, TxnInput]> = [
      [
        5,
        {
          amountCents: -3393,
          category: 'DIRECT_DEBIT',
          description: 'THAMES WATER',
          classification: ['Bills and Utilities', 'Water'],
          merchantName: 'Thames Water',
          meta: { provider_transaction_category: 'DD' },
        },
      ],
      [
        5,
        {
          amountCents: -1273,
          category: 'DIRECT_DEBIT',
          description: 'AA INSURANCE',
          classification: ['Pension and insurances', 'Buildings and contents insurance'],
          merchantName: 'Axa',
          meta: { provider_transaction_category: 'DD' },
        },
      ],
      [
        7,
        {
          amountCents: -799,
          category: 'PURCHASE',
          description: 'AMAZON PRIME',
          classification: ['Shopping', 'General'],
          merchantName: 'Amazon Prime',
          meta: { provider_transaction_category: 'DEB' },
        },
      ],
      [
        12,
        {
          amountCents: -1099,
          category: 'PURCHASE',
          description: 'NETFLIX.COM',
          classification: ['Entertainment', 'Movies & DVDs'],
          merchantName: 'Netflix',
          meta: { provider_transaction_category: 'DEB' },
        },
      ],
      [
        14,
        {
          amountCents: -307,
          category: 'DIRECT_DEBIT',
          description: 'ANIMAL FRIENDS LTD',
          meta: { provider_transaction_category: 'DD' },
        },
      ],
      [
        18,
        {
          amountCents: -359,
          category: 'DIRECT_DEBIT',
          description: 'INTUIT LIMITED',
          classification: ['Uncategorized'],
          merchantName: 'Intuit',
          meta: { provider_transaction_category: 'DD' },
        },
      ],
      [
        22,
        {
          amountCents: -637,
          category: 'PURCHASE',
          description: 'WWW.TAILS.COM',
          classification: ['Shopping', 'Pets'],
          merchantName: 'Tails.com',
          meta: { provider_transaction_category: 'DEB' },
        },
      ],
    ];
    for (const [dom, input] of bills) {
      const d = dueForward(month, dom);
      if (inWin(d)) ledger.add(C, d, withIds(input));
    }
    const spotify = dueForward(month, 16);
    if (inWin(spotify)) {
      ledger.add(
        K,
        spotify,
        withIds({
          amountCents: -1199,
          category: 'PURCHASE',
          description: 'SPOTIFY UK',
          classification: ['Entertainment', 'Music'],
          merchantName: 'Spotify',
          meta: { type: 'Purchase' },
        }),
      );
    }
  }

  for (const day of win.days()) {
    let cardPayments = 0;
    for (const m of UK_CURRENT_MERCHANTS) {
      if (m.weekdaysOnly && isWeekend(day)) continue;
      if (!rng.chance(m.perDay)) continue;
      ledger.add(C, day, cardStyle(rng, m, { provider_transaction_category: 'DEB' }, withIds, rng.int(1, 2)));
      cardPayments++;
    }
    // Guarantees a reservation is pending at any clock time (see the ING persona).
    if (cardPayments === 0)
      ledger.add(C, day, cardStyle(rng, UK_FALLBACK_MERCHANT, { provider_transaction_category: 'DEB' }, withIds, 2));
    for (const m of UK_CARD_MERCHANTS) {
      if (rng.chance(m.perDay)) ledger.add(K, day, cardStyle(rng, m, { type: 'Purchase' }, withIds, rng.int(1, 2)));
    }
    if (rng.chance(0.07)) {
      const amount = rng.pick([2000, 4000, 6000, 10_000]);
      ledger.add(C, day, {
        amountCents: -amount,
        category: 'ATM',
        description: rng.pick(['LNK ATM WITHDRAWAL', 'LNK ATM LONDON']),
        meta: { provider_transaction_category: 'CPT' },
      });
    }
    if (rng.chance(0.004)) {
      ledger.add(
        K,
        day,
        withIds({ amountCents: -rng.pick([5000, 10_000]), category: 'ATM', description: 'ATM', meta: { type: 'Cash Point' } }),
      );
    }
    if (rng.chance(0.12)) {
      const roundUp = rng.int(1, 99);
      ledger.add(C, day, {
        amountCents: -roundUp,
        category: 'BILL_PAYMENT',
        description: 'SAVE THE CHANGE',
        meta: { provider_transaction_category: 'BP' },
      });
      ledger.add(S, day, {
        amountCents: roundUp,
        category: 'TRANSFER',
        description: 'SAVE THE CHANGE',
        meta: { provider_transaction_category: 'BP' },
      });
    }
    if (rng.chance(0.03)) {
      ledger.add(
        C,
        day,
        withIds({
          amountCents: centsBetween(rng, 10, 120),
          category: 'TRANSFER',
          description: rng.pick(UK_PEOPLE),
          meta: { provider_transaction_category: 'FPI' },
        }),
      );
    }
    if (rng.chance(0.025)) {
      ledger.add(
        C,
        day,
        withIds({
          amountCents: -centsBetween(rng, 10, 90),
          category: 'TRANSFER',
          description: rng.pick(UK_PEOPLE),
          meta: { provider_transaction_category: 'FPO' },
        }),
      );
    }
  }

  // Balance-dependent rows, oldest month first so each sees the ones before it.
  for (const month of win.months()) {
    const interestDay = dueForward(month, 1);
    if (win.contains(interestDay)) {
      const bal = ledger.balanceAt(S, addDays(month, -1));
      const interest = Math.max(1, Math.round((bal * 0.012) / 12));
      ledger.add(S, interestDay, { amountCents: interest, category: 'INTEREST', description: 'INTEREST (GROSS)', meta: {} });
    }
    const statementDate = `${month.slice(0, 8)}03`;
    const payDay = dueForward(month, 20);
    if (win.contains(payDay)) {
      const owed = -ledger.balanceAt(K, statementDate);
      if (owed > 0) {
        ledger.add(
          C,
          payDay,
          withIds({
            amountCents: -owed,
            category: 'BILL_PAYMENT',
            description: 'PLATINUM SUPER CARD 6589',
            meta: { provider_transaction_category: 'BP' },
          }),
        );
        ledger.add(
          K,
          payDay,
          withIds({
            amountCents: owed,
            category: 'CREDIT',
            description: 'PAYMENT RECEIVED - THANK YOU',
            meta: { type: 'Payment' },
          }),
        );
      }
    }
    // Surplus after payday is swept to savings, keeping the current account near its usual level.
    const sweepAt = dueForward(month, 27);
    if (win.contains(sweepAt)) {
      const surplus = ledger.balanceAt(C, sweepAt) - 290_000;
      if (surplus >= 5000) {
        const amount = Math.floor(surplus / 5000) * 5000;
        ledger.add(
          C,
          sweepAt,
          withIds({
            amountCents: -amount,
            category: 'TRANSFER',
            description: 'TFR TO SAVINGS 20000000',
            meta: { provider_transaction_category: 'TFR' },
          }),
        );
        ledger.add(
          S,
          sweepAt,
          withIds({
            amountCents: amount,
            category: 'TRANSFER',
            description: 'TFR FROM 10000000',
            meta: { provider_transaction_category: 'TFR' },
          }),
        );
      }
    }
    const monthEnd = addDays(addMonths(month, 1), -1);
    const feeDay = dueForward(addMonths(month, 1), 1);
    if (win.contains(feeDay) && ledger.balanceAt(C, monthEnd) < 0) {
      ledger.add(C, feeDay, {
        amountCents: -600,
        category: 'FEE_CHARGE',
        description: 'O/D USAGE FEE',
        meta: { provider_transaction_category: 'CHG' },
      });
    }
  }
  ledger.finish();

  current.standingOrders.push({
    reference: 'RENT',
    payee: 'HOLLOWAY LETTINGS',
    frequency: 'IntrvlMnthDay:01:01',
    amountCents: rent,
    firstPaymentDate: win.first,
    dayOfMonth: 1,
    txnDescription: 'HOLLOWAY LETTINGS RENT',
  });
  const dd = (name: string, prefix: string) => ({
    name,
    mandateId: `${rng.digits(6)}${rng.hex(6).toUpperCase()}`,
    createdDate: win.first,
    txnDescriptionPrefix: prefix,
  });
  current.directDebits.push(
    dd('THAMES WATER', 'THAMES WATER'),
    dd('AA INSURANCE', 'AA INSURANCE'),
    dd('LB CAMDEN', 'LB CAMDEN COUNCIL TAX'),
    dd('ANIMAL FRIENDS LTD', 'ANIMAL FRIENDS'),
    dd('INTUIT LIMITED', 'INTUIT'),
  );

  return {
    key: `mock:${p.username}:${p.withIban ? 'iban' : 'plain'}`,
    providerId: 'mock',
    timestampSuffix: 'Z',
    accounts: [current, savings, card],
    info: {
      full_name: 'John Doe',
      date_of_birth: '1984-07-03T00:00:00',
      emails: ['john@doe.com'],
      phones: ['+447700900123'],
      addresses: [{ address: '1 Camden High Street', city: 'London', zip: 'NW1 7JE', country: 'GB' }],
    },
  };
}

function cardStyle(
  rng: Prng,
  m: UkMerchant,
  meta: Record<string, string>,
  withIds: (i: TxnInput) => TxnInput,
  lag: number,
): TxnInput {
  const input: TxnInput = {
    amountCents: -centsBetween(rng, m.min, m.max),
    category: 'PURCHASE',
    description: m.description,
    pendingDescription: m.pending,
    pendingDays: lag,
    classification: m.classification,
    meta,
  };
  if (m.merchantName !== undefined) input.merchantName = m.merchantName;
  // A few enriched purchases still come without bank ids.
  return rng.chance(0.9) ? withIds(input) : input;
}
