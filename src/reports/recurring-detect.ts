/**
 * The recurring-payment heuristics over one payee's payments (docs/reports.md, "Recurring
 * payments"): what is a series, and how it is described. No SQL and no state: the index in
 * recurring.ts feeds it one group at a time, and only the groups whose rows changed.
 */
import { addDays } from '../domain/dates.js';
import { addMonths } from './period.js';

export type Cadence = 'weekly' | 'monthly' | 'quarterly' | 'yearly';

export interface RecurringSeries {
  /** Stable identity: currency, normalized payee and cadence. */
  key: string;
  name: string;
  cadence: Cadence;
  /** Positive minor units: the average over all occurrences. */
  averageMinor: number;
  lastMinor: number;
  currency: string;
  lastDate: string;
  nextDate: string;
  /** The current price level (occurrences since the last price change) × occurrences a year. */
  annualMinor: number;
  count: number;
  /** The last payment exceeded the one before it by more than the amount tolerance. */
  priceRose: boolean;
  /** The payment before the last one (present whenever there is one). */
  previousMinor?: number;
  categorySlug: string;
}

export interface CadenceRule {
  cadence: Cadence;
  /** Accepted gap between consecutive payments, in days (weekends and bank holidays shift them). */
  min: number;
  max: number;
  /** Tolerance around the expected next date. */
  window: number;
  perYear: number;
  /** Fewest occurrences before a series is believed. */
  minCount: number;
  step: { days: number } | { months: number };
}

const CADENCES: CadenceRule[] = [
  { cadence: 'weekly', min: 5, max: 9, window: 2, perYear: 52, minCount: 4, step: { days: 7 } },
  { cadence: 'monthly', min: 25, max: 35, window: 4, perYear: 12, minCount: 3, step: { months: 1 } },
  { cadence: 'quarterly', min: 80, max: 100, window: 7, perYear: 4, minCount: 3, step: { months: 3 } },
  { cadence: 'yearly', min: 350, max: 380, window: 10, perYear: 1, minCount: 2, step: { months: 12 } },
];

/** How far back to look: three years holds three yearly payments. */
export const LOOKBACK_DAYS = 3 * 366;

/** Two amounts are "the same price" within 5 % (at least 0.10 in a 2-decimal currency). */
export function amountTolerance(minor: number): number {
  return Math.max(Math.ceil((Math.abs(minor) * 5) / 100), 10);
}

/** A price change a series may absorb (and flag): up to +50 % or −33 % in one step. */
const isPriceChange = (from: number, to: number) => to * 2 <= from * 3 && to * 3 >= from * 2;

/** One payment: positive amount, on the user's local day. */
export interface Occ {
  /** The transaction's id: ties on day and amount are ordered by it, so results never depend on read order. */
  id: number;
  /** Booking date (the look-back window is on it, as in the SQL). */
  bookingDate: string;
  date: string;
  day: number; // days since 1970-01-01
  amount: number; // positive minor units
  name: string;
  slug: string;
  used: boolean;
}

export const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

export interface Found {
  rule: CadenceRule;
  items: Occ[];
}

/** Payment order within a group: by day, then amount, then id. */
export const byDay = (a: Occ, b: Occ) => a.day - b.day || a.amount - b.amount || a.id - b.id;

/**
 * The series among one group's payments (sorted `byDay`). Seeds (same-price clusters with a
 * cadence) are grown across price changes, then validated. Independent of today, so a group's
 * result is kept until its rows change; `describe` applies today.
 */
export function seriesIn(occs: Occ[]): Found[] {
  for (const o of occs) o.used = false;
  const out: Found[] = [];
  const seeds = priceClusters(occs)
    .map((items) => ({ items, rule: cadenceOf(items) }))
    .filter((s): s is { items: Occ[]; rule: CadenceRule } => s.rule !== null && s.items.length >= 2)
    .sort((a, b) => b.items.length - a.items.length);
  for (const seed of seeds) {
    const items = seed.items.filter((o) => !o.used);
    if (items.length < 2 || cadenceOf(items) !== seed.rule) continue;
    const grown = grow(items, occs, seed.rule);
    if (!plausible(grown, occs, seed.rule)) continue;
    for (const o of grown) o.used = true;
    out.push({ rule: seed.rule, items: grown });
  }
  return out;
}

/** Groups occurrences whose amounts are within tolerance of the cluster's smallest one. */
function priceClusters(occs: Occ[]): Occ[][] {
  const byAmount = [...occs].sort((a, b) => a.amount - b.amount);
  const clusters: Occ[][] = [];
  let cur: Occ[] = [];
  for (const o of byAmount) {
    if (cur.length && o.amount - cur[0]!.amount > amountTolerance(cur[0]!.amount)) {
      clusters.push(cur);
      cur = [];
    }
    cur.push(o);
  }
  if (cur.length) clusters.push(cur);
  return clusters.map((c) => c.sort((a, b) => a.day - b.day));
}

function gaps(items: Occ[]): number[] {
  return items.slice(1).map((o, i) => o.day - items[i]!.day);
}

/** The cadence whose range holds the median gap, if the gaps are mostly regular. */
function cadenceOf(items: Occ[]): CadenceRule | null {
  const g = gaps(items);
  if (!g.length) return null;
  const median = [...g].sort((a, b) => a - b)[Math.floor(g.length / 2)]!;
  const rule = CADENCES.find((c) => median >= c.min && median <= c.max);
  if (!rule) return null;
  return regularShare(g, rule) >= 0.75 ? rule : null;
}

/** Share of gaps that fit the cadence (one missed payment, a double gap, still fits). */
function regularShare(g: number[], rule: CadenceRule): number {
  const fits = g.filter((d) => (d >= rule.min && d <= rule.max) || (d >= 2 * rule.min && d <= 2 * rule.max)).length;
  return fits / g.length;
}

/**
 * Extends a same-price seed to earlier and later payments at the expected dates, across price
 * changes (Netflix 12.99 → 13.99 → 15.99 stays one series).
 */
function grow(seed: Occ[], all: Occ[], rule: CadenceRule): Occ[] {
  const items = [...seed];
  const inSeries = new Set(items);
  const pick = (expected: number, near: Occ, after: boolean) => {
    let best: Occ | undefined;
    for (const o of all) {
      if (o.used || inSeries.has(o)) continue;
      if (after ? o.day <= near.day : o.day >= near.day) continue;
      if (Math.abs(o.day - expected) > rule.window || !isPriceChange(near.amount, o.amount)) continue;
      if (!best || Math.abs(o.day - expected) < Math.abs(best.day - expected)) best = o;
    }
    return best;
  };
  for (;;) {
    const last = items[items.length - 1]!;
    const next = pick(dayNumber(nextDate(last.date, rule, 1)), last, true);
    if (!next) break;
    items.push(next);
    inSeries.add(next);
  }
  for (;;) {
    const first = items[0]!;
    const prev = pick(dayNumber(nextDate(first.date, rule, -1)), first, false);
    if (!prev) break;
    items.unshift(prev);
    inSeries.add(prev);
  }
  return items.sort((a, b) => a.day - b.day);
}

/**
 * A grown series is believed when it has enough occurrences at the cadence and its price changed
 * rarely. At a busy payee (as many other payments as series ones over its span and one interval
 * either side: a supermarket, Amazon) that is not enough, since among hundreds of purchases some
 * always fall near any expected date at a similar price; there the series must repeat its price to the cent at
 * least three times (a subscription does; a basket of groceries does not) and change it at most
 * once. So two yearly payments at a busy payee are not enough.
 */
function plausible(items: Occ[], group: Occ[], rule: CadenceRule): boolean {
  if (items.length < rule.minCount) return false;
  if (regularShare(gaps(items), rule) < 0.75) return false;
  const changes = items.slice(1).filter((o, i) => Math.abs(o.amount - items[i]!.amount) > amountTolerance(items[i]!.amount)).length;
  if (changes > Math.max(1, Math.floor((items.length - 1) / 4))) return false;
  // The span plus one interval either side: a series that just started or stopped is judged
  // against what the payee charged around it too.
  const first = items[0]!.day - rule.max;
  const last = items[items.length - 1]!.day + rule.max;
  const others = group.filter((o) => o.day >= first && o.day <= last && !items.includes(o)).length;
  if (others < items.length) return true;
  // Busy payee: at least three payments at the very same price, and at most one change.
  const exactChanges = items.slice(1).filter((o, i) => o.amount !== items[i]!.amount).length;
  return exactChanges <= 1 && items.length - 1 - exactChanges >= 2;
}

/** The expected date `k` payments after `date` (negative: before), by calendar for months. */
function nextDate(date: string, rule: CadenceRule, k: number, anchorDay?: number): string {
  if ('days' in rule.step) return addDays(date, rule.step.days * k);
  const month = addMonths(date, rule.step.months * k);
  const day = anchorDay ?? Number(date.slice(8, 10));
  const lastDay = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
  return `${month.slice(0, 8)}${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

function mostCommon<T>(values: T[]): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: T = values[values.length - 1]!;
  // Ties go to the most recent value: a renamed payee shows its current name.
  for (const v of [...values].reverse()) if ((counts.get(v) ?? 0) > (counts.get(best) ?? 0)) best = v;
  return best;
}

/**
 * What to call a series: the payee text it most often carried; when every payment's text
 * differs (a date or reference in it), the words they all start with ("NETFLIX.COM 866-579-7172").
 */
function displayName(names: string[]): string {
  const common = mostCommon(names);
  if (names.filter((n) => n === common).length > 1) return common;
  let words = names[0]!.split(/\s+/);
  for (const n of names.slice(1)) {
    const w = n.split(/\s+/);
    let i = 0;
    while (i < words.length && i < w.length && words[i] === w[i]) i++;
    words = words.slice(0, i);
  }
  return words.join(' ').replace(/[\s,;:.-]+$/, '') || common;
}

/**
 * The day of the month a payment is due: the most common one; on a tie the earliest, since
 * weekends and holidays only ever push a debit later (1st, 3rd, 2nd → the 1st).
 */
function anchorDay(items: Occ[]): number {
  const counts = new Map<number, number>();
  for (const o of items) {
    const d = Number(o.date.slice(8, 10));
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
}

export function describe(group: string, currency: string, rule: CadenceRule, items: Occ[], today: string): RecurringSeries | null {
  const last = items[items.length - 1]!;
  const prev = items[items.length - 2];
  // Payments moved by weekends land on other days; the usual day of the month is the anchor.
  const anchor = 'days' in rule.step ? undefined : anchorDay(items);
  const next = nextDate(last.date, rule, 1, anchor);
  // The expected payment is long overdue: cancelled (or moved to another payee name). Long is a
  // whole period (a second payment missed) but at most 45 days: a licence fee three months late
  // has stopped. Overdue by less, the series stays, with the date it is waited for.
  if (today > addDays(next, Math.min(rule.max, 45))) return null;

  // The current price level: the occurrences since the last change beyond tolerance.
  let levelStart = items.length - 1;
  while (levelStart > 0 && Math.abs(items[levelStart]!.amount - items[levelStart - 1]!.amount) <= amountTolerance(items[levelStart - 1]!.amount)) levelStart--;
  const level = items.slice(levelStart);
  const levelAvg = Math.round(level.reduce((a, o) => a + o.amount, 0) / level.length);
  return {
    key: `${group}:${rule.cadence}`,
    name: displayName(items.map((o) => o.name)),
    cadence: rule.cadence,
    averageMinor: Math.round(items.reduce((a, o) => a + o.amount, 0) / items.length),
    lastMinor: last.amount,
    currency,
    lastDate: last.date,
    nextDate: next,
    annualMinor: levelAvg * rule.perYear,
    count: items.length,
    priceRose: prev !== undefined && last.amount - prev.amount > amountTolerance(prev.amount),
    ...(prev ? { previousMinor: prev.amount } : {}),
    categorySlug: mostCommon(items.map((o) => o.slug)),
  };
}
