import { addDays, diffDays, weekday } from '../../shared/dates.js';
import { Prng, seedFrom } from '../../../util/prng.js';
import { US_EMPLOYERS, US_LANDLORDS, US_SPEND } from './merchants.js';
import { billDue, extraPurchase, memoByDay, payDue, row, spendRows, type Place } from './rows.js';
import { MARKUP_PROBE_NAME, type Persona, type PersonaParams, type TxnSpec } from './types.js';

/**
 * US persona in the style of Plaid's Sandbox data: "Plaid Checking" with a biweekly payroll
 * direct deposit, rent via Zelle, utilities and debit card spend, and "Plaid Saving" fed by a
 * monthly transfer and earning a little interest.
 */

const NEW_YORK: Place = { city: 'New York', region: 'NY', country: 'US' };
/** A payroll Friday; paydays fall every 14 days from it. */
const PAYROLL_ANCHOR = '2020-01-03';

export function buildUsPersona(p: PersonaParams): Persona {
  const key = `${p.institutionId}|${p.username}`;
  const base = new Prng(seedFrom(p.seed, key, 'profile'));
  const employer = base.pick(US_EMPLOYERS);
  const landlord = base.pick(US_LANDLORDS);
  const paycheck = base.cents(2250, 2450);
  const rent = base.int(26, 30) * 10_000;
  const power = base.cents(65, 120);
  const openings: Record<string, number> = { checking: base.cents(2800, 3600), savings: base.cents(7500, 9500) };
  const probeDay = addDays(p.startDay, -12);
  const rentRef = `JPM99${base.digits(6)}`;

  const spend = memoByDay((day) => spendRows(new Prng(seedFrom(p.seed, key, day, 'spend')), day, US_SPEND, NEW_YORK));

  const fixed = (day: string): TxnSpec[] => {
    const out: TxnSpec[] = [];
    const add = (input: Parameters<typeof row>[2]) => out.push(row(day, `f${out.length}`, input));
    if (weekday(day) === 5 && diffDays(day, PAYROLL_ANCHOR) % 14 === 0) {
      add({
        accountKey: 'checking',
        amountCents: -paycheck,
        name: `${employer} DIRECT DEP PAYROLL PPD ID: 1234567890`,
        counterparty: { name: employer, type: 'income_source' },
        detailed: 'INCOME_WAGES',
        channel: 'other',
      });
    }
    if (billDue(day, 1)) {
      add({
        accountKey: 'checking',
        amountCents: rent,
        name: `Zelle payment to ${landlord} ${rentRef}`,
        counterparty: { name: 'Zelle', type: 'payment_app' },
        detailed: 'RENT_AND_UTILITIES_RENT',
        confidence: 'HIGH',
        channel: 'other',
      });
    }
    if (billDue(day, 2)) {
      add({
        accountKey: 'checking',
        amountCents: 60_000,
        name: 'ONLINE TRANSFER TO SAV ...1111',
        detailed: 'TRANSFER_OUT_SAVINGS',
        channel: 'other',
      });
      add({
        accountKey: 'savings',
        amountCents: -60_000,
        name: 'ONLINE TRANSFER FROM CHK ...0000',
        detailed: 'TRANSFER_IN_SAVINGS',
        channel: 'other',
      });
    }
    const bills: Array<[number, Parameters<typeof row>[2]]> = [
      [
        3,
        {
          accountKey: 'checking',
          lag: 1,
          amountCents: 1199,
          name: 'Spotify USA',
          pendingName: 'SPOTIFY',
          merchantName: 'Spotify',
          website: 'spotify.com',
          counterparty: { name: 'Spotify', type: 'merchant' },
          detailed: 'ENTERTAINMENT_MUSIC_AND_AUDIO',
          channel: 'online',
        },
      ],
      [
        8,
        {
          accountKey: 'checking',
          amountCents: power,
          name: 'CON ED OF NY INTELL CK',
          merchantName: 'Con Edison',
          website: 'coned.com',
          counterparty: { name: 'Con Edison', type: 'merchant' },
          detailed: 'RENT_AND_UTILITIES_GAS_AND_ELECTRICITY',
          channel: 'other',
        },
      ],
      [
        12,
        {
          accountKey: 'checking',
          lag: 1,
          amountCents: 1549,
          name: 'NETFLIX.COM',
          merchantName: 'Netflix',
          website: 'netflix.com',
          counterparty: { name: 'Netflix', type: 'merchant' },
          detailed: 'ENTERTAINMENT_TV_AND_MOVIES',
          channel: 'online',
        },
      ],
      [
        20,
        {
          accountKey: 'checking',
          amountCents: 7500,
          name: 'VERIZON WIRELESS PAYMENTS',
          merchantName: 'Verizon Wireless',
          website: 'verizon.com',
          counterparty: { name: 'Verizon Wireless', type: 'merchant' },
          detailed: 'RENT_AND_UTILITIES_TELEPHONE',
          channel: 'other',
        },
      ],
    ];
    for (const [dom, input] of bills) if (billDue(day, dom)) add(input);
    if (payDue(day, 28)) {
      const interest = new Prng(seedFrom(p.seed, key, day, 'interest')).cents(0.8, 1.6);
      add({
        accountKey: 'savings',
        amountCents: -interest,
        name: 'INTEREST PAYMENT',
        detailed: 'INCOME_INTEREST_EARNED',
        channel: 'other',
      });
    }
    if (day === probeDay) {
      add({
        accountKey: 'checking',
        lag: 1,
        amountCents: 420,
        name: MARKUP_PROBE_NAME,
        detailed: 'GENERAL_MERCHANDISE_OTHER_GENERAL_MERCHANDISE',
        confidence: 'LOW',
        channel: 'in store',
      });
    }
    return out;
  };

  return {
    key,
    currency: 'USD',
    accounts: [
      {
        key: 'checking',
        name: 'Plaid Checking',
        officialName: 'Plaid Gold Standard 0% Interest Checking',
        mask: '0000',
        type: 'depository',
        subtype: 'checking',
        currency: 'USD',
        limitCents: null,
      },
      {
        key: 'savings',
        name: 'Plaid Saving',
        officialName: 'Plaid Silver Standard 0.1% Interest Saving',
        mask: '1111',
        type: 'depository',
        subtype: 'savings',
        currency: 'USD',
        limitCents: null,
      },
    ],
    rowsFor: memoByDay((day) => [...spend(day), ...fixed(day)]),
    extraRow: (day, n) => extraPurchase(new Prng(seedFrom(p.seed, key, 'extra', n)), day, n, US_SPEND, NEW_YORK),
    openingCents: (accountKey) => openings[accountKey] ?? 0,
  };
}
