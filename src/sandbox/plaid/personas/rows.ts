import { addDays, isWeekend, nextBusinessDay, previousBusinessDay, withDayOfMonth } from '../../shared/dates.js';
import type { Prng } from '../../../util/prng.js';
import type { SpendMerchant } from './merchants.js';
import { pfc } from './pfc.js';
import type { Channel, Confidence, CounterpartyType, TxnSpec } from './types.js';

/** Building blocks shared by the personas: everyday spend and fixed monthly rows. */

export interface Place {
  city: string;
  region: string | null;
  country: string;
}

/** Draws the day's everyday purchases; each merchant appears at most once per day. */
export function spendRows(rng: Prng, day: string, merchants: readonly SpendMerchant[], place: Place): TxnSpec[] {
  const rows: TxnSpec[] = [];
  for (const m of merchants) {
    if (m.weekdaysOnly && isWeekend(day)) continue;
    if (!rng.chance(m.perDay)) continue;
    // ATM withdrawals come in round tens.
    const amountCents = m.code === 'atm' ? rng.int(m.min, m.max) * 1000 : rng.cents(m.min, m.max);
    const lag = m.card ? rng.int(1, 3) : 0;
    const name = m.name.replace(/#/g, () => String(rng.int(0, 9)));
    rows.push(
      row(day, `s${rows.length}`, {
        accountKey: m.account,
        lag,
        amountCents,
        name,
        ...(m.pending !== undefined ? { pendingName: m.pending } : {}),
        merchantName: m.merchant,
        website: m.website,
        counterparty: m.merchant ? { name: m.merchant, type: m.counterpartyType ?? 'merchant' } : null,
        detailed: m.detailed,
        confidence: m.confidence ?? 'VERY_HIGH',
        channel: m.channel,
        code: m.code ?? null,
        ...(m.channel === 'in store' ? { inStore: place } : {}),
      }),
    );
  }
  return rows;
}

export interface RowInput {
  accountKey: string;
  /** Days between authorisation and posting; > 0 makes the row pending first. */
  lag?: number;
  amountCents: number;
  name: string;
  pendingName?: string;
  merchantName?: string | null;
  website?: string | null;
  counterparty?: { name: string; type: CounterpartyType } | null;
  detailed: string;
  confidence?: Confidence;
  channel: Channel;
  code?: string | null;
  inStore?: Place;
}

export function row(day: string, id: string, input: RowInput): TxnSpec {
  if (!Number.isInteger(input.amountCents) || input.amountCents === 0) throw new Error(`bad amount for ${input.name}`);
  const spec: TxnSpec = {
    key: `${day}:${id}`,
    accountKey: input.accountKey,
    authDay: day,
    postDay: addDays(day, input.lag ?? 0),
    amountCents: input.amountCents,
    name: input.name,
    merchantName: input.merchantName ?? null,
    website: input.website ?? null,
    counterparty: input.counterparty ?? null,
    pfc: pfc(input.detailed, input.confidence ?? 'VERY_HIGH'),
    channel: input.channel,
    code: input.code ?? null,
  };
  if (input.pendingName !== undefined) spec.pendingName = input.pendingName;
  if (input.inStore !== undefined) spec.inStore = input.inStore;
  return spec;
}

/** True when a bill due on day-of-month `dom` is collected on `day` (weekends roll forward). */
export function billDue(day: string, dom: number): boolean {
  return nextBusinessDay(withDayOfMonth(day, dom)) === day;
}

/** True when pay due on day-of-month `dom` arrives on `day` (weekends roll back). */
export function payDue(day: string, dom: number): boolean {
  return previousBusinessDay(withDayOfMonth(day, dom)) === day;
}

/** Memoises per-day generation: rows are pure functions of the day, so caching is safe. */
export function memoByDay<T>(fn: (day: string) => T): (day: string) => T {
  const cache = new Map<string, T>();
  return (day) => {
    let v = cache.get(day);
    if (v === undefined) {
      v = fn(day);
      cache.set(day, v);
    }
    return v;
  };
}

/** One posted purchase at a random everyday merchant; used for activity injected by tests. */
export function extraPurchase(rng: Prng, day: string, n: number, merchants: readonly SpendMerchant[], place: Place): TxnSpec {
  const m = rng.pick(merchants.filter((x) => x.card));
  return row(day, `x${n}`, {
    accountKey: m.account,
    amountCents: rng.cents(m.min, m.max),
    name: m.name.replace(/#/g, '0'),
    merchantName: m.merchant,
    website: m.website,
    counterparty: m.merchant ? { name: m.merchant, type: m.counterpartyType ?? 'merchant' } : null,
    detailed: m.detailed,
    confidence: m.confidence ?? 'VERY_HIGH',
    channel: m.channel,
    code: m.code ?? null,
    ...(m.channel === 'in store' ? { inStore: place } : {}),
  });
}
