import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectRecurring, RecurringIndex, type RecurringSeries } from '../../src/reports/recurring.js';
import { amountTolerance } from '../../src/reports/recurring.js';
import { Prng } from '../../src/util/prng.js';
import { memoryLedger, type Ledger } from '../helpers/ledger.js';

const NOW = new Date('2026-11-15T10:00:00Z');
const TZ = 'Europe/Berlin';

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
/** Banks move a debit due on a weekend to the Monday after. */
function banking(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = d.getUTCDay();
  if (dow === 6) d.setUTCDate(d.getUTCDate() + 2);
  if (dow === 0) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

let l: Ledger;
let found: RecurringSeries[];
const byName = (re: RegExp) => found.filter((s) => re.test(s.name));

function fixture(): void {
  l = memoryLedger();
  const giro = l.account({ name: 'Girokonto' });
  const savings = l.account({ name: 'Extra Konto', kind: 'savings' });
  // Netflix: monthly on the 15th (Mondays after weekends), 12.99, then 15.99 in October 2026.
  for (let k = 0; k < 12; k++) {
    const date = banking(day(2025, 11 + k, 15));
    l.tx({
      date,
      amount: k === 11 ? '-15.99' : '-12.99',
      description: `NETFLIX.COM 866-579-7172 ${date}`,
      category: 'streaming',
    });
  }
  // Weekly coffee subscription, Mondays 2026-08-31 … 2026-11-09.
  for (let k = 0; k < 11; k++)
    l.tx({
      date: addDays('2026-08-31', 7 * k),
      amount: '-4.50',
      description: 'Tchibo Kaffee-Abo',
      merchant: 'Tchibo',
      category: 'groceries',
    });
  // Rundfunkbeitrag quarterly, 15th of Jan/Apr/Jul/Oct 2025–2026, with the period in the text.
  for (let k = 0; k < 8; k++) {
    const date = banking(day(2025, 1 + 3 * k, 15));
    l.tx({
      date,
      amount: '-55.08',
      description: `Rundfunk ARD, ZDF, DRadio Beitragsnr. 123456789 Zeitraum ${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`,
      category: 'tv-licence',
    });
  }
  // Car insurance yearly, March 1st (moved to Monday in 2025 and 2026).
  for (const y of [2024, 2025, 2026])
    l.tx({
      date: banking(day(y, 3, 1)),
      amount: '-456.78',
      description: 'HUK-COBURG Kfz-Versicherung VN 4711',
      category: 'insurance',
    });
  // Rent, monthly on the 1st.
  for (let k = 0; k < 23; k++)
    l.tx({
      date: banking(day(2025, 1 + k, 1)),
      amount: '-950.00',
      description: 'Miete Hausverwaltung Schmidt',
      counterparty: 'Hausverwaltung Schmidt',
      category: 'housing',
    });

  // Not series. Groceries twice a week at varying amounts, Amazon at random, one IKEA trip,
  // fuel every month at varying amounts, a cancelled Spotify, salary (money in), transfers.
  const rng = new Prng(20261115);
  for (let d = '2025-11-03'; d < '2026-11-14'; d = addDays(d, rng.int(2, 5))) {
    l.tx({
      date: d,
      amount: -rng.int(1500, 12000),
      description: `REWE SAGT DANKE ${rng.int(40000000, 49999999)}`,
      category: 'groceries',
    });
  }
  for (let d = '2025-11-10'; d < '2026-11-14'; d = addDays(d, rng.int(3, 40))) {
    l.tx({
      date: d,
      amount: -rng.int(500, 9000),
      description: `AMZN Mktp DE ${rng.int(100, 999)}-${rng.int(1000000, 9999999)}`,
      category: 'online-shopping',
    });
  }
  l.tx({ date: '2026-05-09', amount: '-300.00', description: 'IKEA Berlin-Tempelhof', category: 'shopping' });
  for (let k = 0; k < 12; k++)
    l.tx({
      date: addDays(day(2025, 11 + k, 5), rng.int(-3, 3)),
      amount: -rng.int(4500, 8500),
      description: 'Shell Station 1234',
      category: 'fuel',
    });
  for (let k = 0; k < 6; k++)
    l.tx({ date: banking(day(2026, 1 + k, 5)), amount: '-9.99', description: 'Spotify AB', category: 'streaming' });
  for (let k = 0; k < 12; k++)
    l.tx({ date: banking(day(2025, 12 + k, 28)), amount: '3100.00', description: 'Gehalt ACME GmbH', category: 'salary' });
  for (let k = 0; k < 12; k++) l.transfer(giro, savings, banking(day(2025, 12 + k, 2)), '200.00');
}

describe('detectRecurring', () => {
  beforeEach(() => {
    fixture();
    found = detectRecurring(l.db, { now: NOW, timezone: TZ });
  });
  afterEach(() => l.close());

  it('finds a monthly subscription across weekend shifts and flags its price rise', () => {
    const [netflix, ...rest] = byName(/netflix/i);
    expect(rest).toEqual([]);
    expect(netflix).toMatchObject({
      cadence: 'monthly',
      count: 12,
      currency: 'EUR',
      lastMinor: 1599,
      previousMinor: 1299,
      priceRose: true,
      averageMinor: Math.round((1299 * 11 + 1599) / 12),
      lastDate: '2026-10-15',
      nextDate: '2026-11-15',
      annualMinor: 1599 * 12,
      categorySlug: 'streaming',
    });
  });

  it('finds weekly, quarterly and yearly series with their next dates and yearly cost', () => {
    expect(byName(/tchibo/i)).toEqual([
      expect.objectContaining({
        cadence: 'weekly',
        count: 11,
        lastDate: '2026-11-09',
        nextDate: '2026-11-16',
        annualMinor: 450 * 52,
        priceRose: false,
      }),
    ]);
    expect(byName(/rundfunk/i)).toEqual([
      expect.objectContaining({
        cadence: 'quarterly',
        count: 8,
        lastDate: '2026-10-15',
        nextDate: '2027-01-15',
        annualMinor: 5508 * 4,
        categorySlug: 'tv-licence',
      }),
    ]);
    expect(byName(/huk/i)).toEqual([
      expect.objectContaining({
        cadence: 'yearly',
        count: 3,
        lastDate: '2026-03-02',
        nextDate: '2027-03-01',
        annualMinor: 45678,
        averageMinor: 45678,
      }),
    ]);
    expect(byName(/schmidt/i)).toEqual([
      expect.objectContaining({
        cadence: 'monthly',
        count: 23,
        nextDate: '2026-12-01',
        annualMinor: 95000 * 12,
        categorySlug: 'housing',
      }),
    ]);
  });

  it('leaves out what is not a series: groceries, random shopping, fuel at varying prices, a cancelled subscription, income, transfers', () => {
    expect(found.map((s) => s.name).sort()).toEqual([
      'HUK-COBURG Kfz-Versicherung VN 4711',
      'Hausverwaltung Schmidt',
      'NETFLIX.COM 866-579-7172',
      'Rundfunk ARD, ZDF, DRadio Beitragsnr. 123456789 Zeitraum',
      'Tchibo',
    ]);
    expect(found).toHaveLength(5);
    for (const re of [/rewe/i, /amzn/i, /ikea/i, /shell/i, /spotify/i, /gehalt/i, /umbuchung/i]) expect(byName(re)).toEqual([]);
  });

  it('orders by yearly cost and gives each series a stable key', () => {
    expect(found.map((s) => s.annualMinor)).toEqual([...found.map((s) => s.annualMinor)].sort((a, b) => b - a));
    expect(new Set(found.map((s) => s.key)).size).toBe(found.length);
    expect(byName(/netflix/i)[0]!.key).toMatch(/^EUR:netflix.*:monthly$/);
  });
});

describe('ended and overdue series', () => {
  it('drops a series whose next payment is a period (or 45 days) overdue, keeps one a few days late', () => {
    const l2 = memoryLedger();
    try {
      // Yearly, last 2025-06-02: 2026-06-01 never came, 5 months ago.
      for (const y of [2023, 2024, 2025])
        l2.tx({ date: banking(day(y, 6, 1)), amount: '-89.00', description: 'ADAC Mitgliedschaft', category: 'insurance' });
      // Monthly gym on the 10th, November's not booked yet on the 15th.
      for (let k = 0; k < 6; k++)
        l2.tx({ date: day(2026, 5 + k, 10), amount: '-29.90', description: 'McFit', category: 'fitness' });
      const found2 = detectRecurring(l2.db, { now: NOW, timezone: TZ });
      expect(found2.map((s) => [s.name, s.nextDate])).toEqual([['McFit', '2026-11-10']]);
      // Six weeks later it has stopped too.
      expect(detectRecurring(l2.db, { now: new Date('2026-12-16T10:00:00Z'), timezone: TZ })).toEqual([]);
    } finally {
      l2.close();
    }
  });
});

describe('amount tolerance', () => {
  it('is 5 % of the amount, at least 10 minor units', () => {
    expect(amountTolerance(1299)).toBe(65);
    expect(amountTolerance(95000)).toBe(4750);
    expect(amountTolerance(150)).toBe(10);
  });

  it('does not flag a price that moved within the tolerance', () => {
    const l2 = memoryLedger();
    try {
      for (let k = 0; k < 6; k++)
        l2.tx({
          date: day(2026, 5 + k, 10),
          amount: k === 5 ? '-61.50' : '-60.00',
          description: 'Vodafone GmbH',
          category: 'phone-internet',
        });
      const [s] = detectRecurring(l2.db, { now: NOW, timezone: TZ });
      expect(s).toMatchObject({ cadence: 'monthly', priceRose: false, lastMinor: 6150, previousMinor: 6000 });
    } finally {
      l2.close();
    }
  });
});

describe("the dashboard's recurring index", () => {
  beforeEach(() => fixture());
  afterEach(() => l.close());

  const names = (s: RecurringSeries[]) => s.map((x) => `${x.name} ${x.cadence} ${x.count} ${x.categorySlug}`);

  it('applies rows a sync adds, a correction moves and a delete removes, and answers as detection from scratch', () => {
    const index = new RecurringIndex(TZ);
    expect(index.series(l.db, NOW)).toEqual(detectRecurring(l.db, { now: NOW, timezone: TZ }));

    // A new subscription arrives in a sync: four months of Disney+.
    for (const m of [8, 9, 10, 11])
      l.tx({ date: day(2026, m, 3), amount: '-8.99', description: 'Disney Plus', category: 'streaming' });
    let after = index.series(l.db, NOW);
    expect(names(after)).toContain('Disney Plus monthly 4 streaming');
    expect(after).toEqual(detectRecurring(l.db, { now: NOW, timezone: TZ }));

    // The user says the rent is a transfer to their own account: it is no longer a payment.
    l.db
      .prepare(
        "UPDATE transactions SET category_id = (SELECT id FROM categories WHERE slug = 'transfers') WHERE counterparty_name = 'Hausverwaltung Schmidt'",
      )
      .run();
    after = index.series(l.db, NOW);
    expect(after.some((s) => s.name === 'Hausverwaltung Schmidt')).toBe(false);
    expect(after).toEqual(detectRecurring(l.db, { now: NOW, timezone: TZ }));

    // Tchibo turns out to be groceries in the shop, not a subscription: the last 8 weeks deleted.
    l.db.prepare("DELETE FROM transactions WHERE merchant = 'Tchibo' AND booking_date >= '2026-09-14'").run();
    after = index.series(l.db, NOW);
    expect(after.some((s) => s.name === 'Tchibo')).toBe(false);
    expect(after).toEqual(detectRecurring(l.db, { now: NOW, timezone: TZ }));

    // Netflix's October payment is still pending, and the category is renamed.
    l.db.prepare("UPDATE transactions SET pending = 1 WHERE description LIKE 'NETFLIX%' AND booking_date >= '2026-10-01'").run();
    l.db.prepare("UPDATE categories SET slug = 'video-streaming' WHERE slug = 'streaming'").run();
    after = index.series(l.db, NOW);
    expect(names(after).find((n) => n.startsWith('NETFLIX'))).toBe('NETFLIX.COM 866-579-7172 monthly 11 video-streaming');
    expect(after).toEqual(detectRecurring(l.db, { now: NOW, timezone: TZ }));
  });

  it('moves its window with the day: series that ended drop out, old payments leave the look-back', () => {
    const index = new RecurringIndex(TZ);
    index.series(l.db, NOW);
    const later = new Date('2027-01-20T10:00:00Z');
    const after = index.series(l.db, later);
    expect(after).toEqual(detectRecurring(l.db, { now: later, timezone: TZ }));
    expect(after.some((s) => s.cadence === 'weekly')).toBe(false); // Tchibo's last payment was 2026-11-09
    // Three years later only the 2027 yearly insurance would be in the window, and it never came.
    const much = new Date('2029-04-01T10:00:00Z');
    expect(index.series(l.db, much)).toEqual([]);
  });

  it('rebuilds when the change log was trimmed past what it applied', () => {
    const index = new RecurringIndex(TZ);
    expect(index.series(l.db, NOW).some((s) => s.name === 'Hausverwaltung Schmidt')).toBe(true);
    l.db
      .prepare(
        "UPDATE transactions SET category_id = (SELECT id FROM categories WHERE slug = 'transfers') WHERE counterparty_name = 'Hausverwaltung Schmidt'",
      )
      .run();
    l.db.prepare('DELETE FROM report_changes').run(); // as if 50,000 newer changes had pushed them out
    expect(index.series(l.db, NOW).some((s) => s.name === 'Hausverwaltung Schmidt')).toBe(false);
  });

  it('logs a change only when something a report reads changed', () => {
    const before = l.db.prepare('SELECT count(*) FROM report_changes').pluck().get() as number;
    l.db.prepare("UPDATE transactions SET category_id = category_id, raw = '{\"x\":1}', updated_at = 'later'").run();
    expect(l.db.prepare('SELECT count(*) FROM report_changes').pluck().get()).toBe(before);
    l.db.prepare("UPDATE transactions SET merchant = 'Netflix' WHERE description LIKE 'NETFLIX%'").run();
    expect(l.db.prepare('SELECT count(*) FROM report_changes').pluck().get()).toBe(before + 12);
  });
});
