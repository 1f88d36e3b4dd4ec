import { addDays, withDayOfMonth } from '../../shared/dates.js';
import { Prng, seedFrom } from '../../../util/prng.js';
import { monthStart } from '../dates.js';
import { UK_EMPLOYERS, UK_FRIENDS, UK_LANDLORDS, UK_SPEND } from './merchants.js';
import { billDue, extraPurchase, memoByDay, payDue, row, spendRows, type Place } from './rows.js';
import { MARKUP_PROBE_NAME, type Persona, type PersonaParams, type TxnSpec } from './types.js';

/**
 * UK open-banking persona: a GBP current account (salary, rent, council tax, utilities, debit
 * card spend) and a credit card paid off in full from the current account every month.
 */

const LONDON: Place = { city: 'London', region: null, country: 'GB' };
const CARD_PAYMENT_DOM = 18;

export function buildUkPersona(p: PersonaParams): Persona {
  const key = `${p.institutionId}|${p.username}`;
  const base = new Prng(seedFrom(p.seed, key, 'profile'));
  const employer = base.pick(UK_EMPLOYERS);
  const landlord = base.pick(UK_LANDLORDS);
  const salary = base.cents(2650, 2900);
  const rent = base.int(115, 145) * 1000;
  const energy = base.cents(70, 110);
  const opening = base.cents(1200, 2200);
  const probeDay = addDays(p.startDay, -12);

  const spend = memoByDay((day) => spendRows(new Prng(seedFrom(p.seed, key, day, 'spend')), day, UK_SPEND, LONDON));

  /** Card purchases posted in [from, to) — what a statement (and so a payment) covers. */
  const cardPosted = (from: string, to: string): number => {
    let sum = 0;
    for (let d = addDays(from, -3); d < to; d = addDays(d, 1)) {
      for (const r of spend(d)) if (r.accountKey === 'card' && r.postDay >= from && r.postDay < to) sum += r.amountCents;
    }
    return sum;
  };

  const fixed = (day: string): TxnSpec[] => {
    const out: TxnSpec[] = [];
    const add = (input: Parameters<typeof row>[2]) => out.push(row(day, `f${out.length}`, input));
    const rng = new Prng(seedFrom(p.seed, key, day, 'fixed'));
    if (payDue(day, 25)) {
      add({
        accountKey: 'current',
        amountCents: -salary,
        name: `${employer} SALARY`,
        counterparty: { name: employer, type: 'income_source' },
        detailed: 'INCOME_WAGES',
        channel: 'other',
        code: 'transfer',
      });
    }
    if (billDue(day, 1)) {
      add({
        accountKey: 'current',
        amountCents: rent,
        name: `${landlord} RENT`,
        detailed: 'RENT_AND_UTILITIES_RENT',
        confidence: 'HIGH',
        channel: 'other',
        code: 'standing order',
      });
      add({
        accountKey: 'current',
        amountCents: 2499,
        name: 'PUREGYM LTD',
        merchantName: 'PureGym',
        website: 'puregym.com',
        counterparty: { name: 'PureGym', type: 'merchant' },
        detailed: 'PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS',
        channel: 'other',
        code: 'direct debit',
      });
      // Council tax is billed in ten monthly instalments, April to January.
      if (!['02', '03'].includes(day.slice(5, 7))) {
        add({
          accountKey: 'current',
          amountCents: 14_800,
          name: 'LB CAMDEN COUNCIL TAX',
          merchantName: 'Camden Council',
          website: 'camden.gov.uk',
          counterparty: { name: 'Camden Council', type: 'merchant' },
          detailed: 'GOVERNMENT_AND_NON_PROFIT_TAX_PAYMENT',
          confidence: 'HIGH',
          channel: 'other',
          code: 'direct debit',
        });
      }
    }
    const bills: Array<[number, Parameters<typeof row>[2]]> = [
      [
        3,
        {
          accountKey: 'current',
          lag: 1,
          amountCents: 1199,
          name: 'SPOTIFY P1A2B3C4D5',
          pendingName: 'SPOTIFY',
          merchantName: 'Spotify',
          website: 'spotify.com',
          counterparty: { name: 'Spotify', type: 'merchant' },
          detailed: 'ENTERTAINMENT_MUSIC_AND_AUDIO',
          channel: 'online',
          code: 'purchase',
        },
      ],
      [
        5,
        {
          accountKey: 'current',
          amountCents: 3393,
          name: 'THAMES WATER',
          merchantName: 'Thames Water',
          website: 'thameswater.co.uk',
          counterparty: { name: 'Thames Water', type: 'merchant' },
          detailed: 'RENT_AND_UTILITIES_WATER',
          channel: 'other',
          code: 'direct debit',
        },
      ],
      [
        9,
        {
          accountKey: 'current',
          amountCents: energy,
          name: 'OCTOPUS ENERGY',
          merchantName: 'Octopus Energy',
          website: 'octopus.energy',
          counterparty: { name: 'Octopus Energy', type: 'merchant' },
          detailed: 'RENT_AND_UTILITIES_GAS_AND_ELECTRICITY',
          channel: 'other',
          code: 'direct debit',
        },
      ],
      [
        12,
        {
          accountKey: 'current',
          lag: 1,
          amountCents: 1099,
          name: 'NETFLIX.COM',
          merchantName: 'Netflix',
          website: 'netflix.com',
          counterparty: { name: 'Netflix', type: 'merchant' },
          detailed: 'ENTERTAINMENT_TV_AND_MOVIES',
          channel: 'online',
          code: 'purchase',
        },
      ],
      [
        15,
        {
          accountKey: 'current',
          amountCents: 2200,
          name: 'VODAFONE LTD',
          merchantName: 'Vodafone',
          website: 'vodafone.co.uk',
          counterparty: { name: 'Vodafone', type: 'merchant' },
          detailed: 'RENT_AND_UTILITIES_TELEPHONE',
          channel: 'other',
          code: 'direct debit',
        },
      ],
    ];
    for (const [dom, input] of bills) if (billDue(day, dom)) add(input);
    if (billDue(day, CARD_PAYMENT_DOM)) {
      const due = cardPosted(monthStart(day, -1), monthStart(day));
      if (due > 0) {
        add({
          accountKey: 'current',
          amountCents: due,
          name: 'PLATYPUS CARD PAYMENT',
          detailed: 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT',
          channel: 'other',
          code: 'transfer',
        });
        add({
          accountKey: 'card',
          amountCents: -due,
          name: 'PAYMENT RECEIVED - THANK YOU',
          detailed: 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT',
          channel: 'other',
          code: 'payment',
        });
      }
    }
    if (rng.chance(0.03)) {
      const friend = rng.pick(UK_FRIENDS);
      add({
        accountKey: 'current',
        amountCents: -rng.cents(8, 60),
        name: `${friend} ${rng.pick(['DINNER', 'TICKETS', 'TAXI', 'DRINKS'])}`,
        detailed: 'TRANSFER_IN_ACCOUNT_TRANSFER',
        confidence: 'MEDIUM',
        channel: 'other',
        code: 'transfer',
      });
    }
    if (day === probeDay) {
      add({
        accountKey: 'current',
        lag: 1,
        amountCents: 420,
        name: MARKUP_PROBE_NAME,
        detailed: 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE',
        confidence: 'LOW',
        channel: 'in store',
        code: 'purchase',
      });
    }
    return out;
  };

  return {
    key,
    currency: 'GBP',
    accounts: [
      {
        key: 'current',
        name: 'Current Account',
        officialName: 'Platypus Classic Current Account',
        mask: base.digits(4),
        type: 'depository',
        subtype: 'checking',
        currency: 'GBP',
        limitCents: null,
      },
      {
        key: 'card',
        name: 'Credit Card',
        officialName: 'Platypus Rewards Credit Card',
        mask: base.digits(4),
        type: 'credit',
        subtype: 'credit card',
        currency: 'GBP',
        limitCents: 400_000,
      },
    ],
    rowsFor: memoByDay((day) => [...spend(day), ...fixed(day)]),
    extraRow: (day, n) => extraPurchase(new Prng(seedFrom(p.seed, key, 'extra', n)), day, n, UK_SPEND, LONDON),
    openingCents(accountKey, historyStart) {
      if (accountKey !== 'card') return opening;
      // Each payment clears the previous month, so the balance owed is this month's purchases so
      // far, plus last month's while its payment (on or after historyStart) is still to come.
      const month = monthStart(historyStart);
      const paid = billDueDay(historyStart) < historyStart;
      return cardPosted(month, historyStart) + (paid ? 0 : cardPosted(monthStart(historyStart, -1), month));
    },
  };
}

function billDueDay(day: string): string {
  for (let d = withDayOfMonth(day, CARD_PAYMENT_DOM); ; d = addDays(d, 1)) if (billDue(d, CARD_PAYMENT_DOM)) return d;
}
