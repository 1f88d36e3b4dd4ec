/**
 * The dashboard's recurring index, fed only the rows the change log names, always answers what
 * detection from scratch answers: for any ledger of near-regular payments and any sequence of
 * the changes syncs and corrections make (new rows, deletes, a category, pending, a transfer
 * pairing, an amount or a date, hiding, a split), and as the day moves on.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { detectRecurring, RecurringIndex } from '../../src/reports/recurring.js';
import { memoryLedger, type Ledger } from '../helpers/ledger.js';

const TZ = 'Europe/Berlin';
const NOW = Date.parse('2026-11-15T10:00:00Z');
const PAYEES = ['Netflix', 'McFit Studio', 'REWE SAGT DANKE', 'HUK-COBURG', 'Spotify AB'];
const CATEGORIES = ['streaming', 'groceries', 'insurance', 'transfers', 'salary'];
const STEPS = [7, 30, 91, 365];

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const payment = fc.record({
  payee: fc.integer({ min: 0, max: PAYEES.length - 1 }),
  step: fc.constantFrom(...STEPS),
  start: fc.integer({ min: 0, max: 900 }),
  k: fc.integer({ min: 0, max: 14 }),
  jitter: fc.integer({ min: -3, max: 3 }),
  cents: fc.constantFrom<number>(999, 1299, 4550, 950_00),
  at: fc.boolean(),
});
/** A run of payments to one payee at one cadence (some jittered, some at a new price), the stuff series are made of. */
const run = fc
  .record({
    p: payment,
    count: fc.integer({ min: 2, max: 14 }),
    jitters: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 14, maxLength: 14 }),
    rise: fc.integer({ min: 0, max: 14 }),
  })
  .map(({ p, count, jitters, rise }) =>
    Array.from({ length: count }, (_, k) => ({
      ...p,
      k,
      jitter: jitters[k]!,
      cents: k >= rise ? Math.round(p.cents * 1.2) : p.cents,
    })),
  );

const change = fc.oneof(
  fc.record({ op: fc.constant('insert' as const), p: payment }),
  fc.record({ op: fc.constant('delete' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('category' as const), i: fc.nat(), c: fc.integer({ min: 0, max: CATEGORIES.length - 1 }) }),
  fc.record({ op: fc.constant('pending' as const), i: fc.nat(), v: fc.boolean() }),
  fc.record({ op: fc.constant('pair' as const), i: fc.nat(), j: fc.nat() }),
  fc.record({ op: fc.constant('amount' as const), i: fc.nat(), cents: fc.integer({ min: -200_000, max: 5_000 }) }),
  fc.record({ op: fc.constant('date' as const), i: fc.nat(), shift: fc.integer({ min: -40, max: 40 }) }),
  fc.record({ op: fc.constant('day passes' as const), days: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ op: fc.constant('hide' as const), i: fc.nat(), v: fc.boolean() }),
  // Split into a part in one category and the rest in another (an unsplit when `off` is 0).
  fc.record({
    op: fc.constant('split' as const),
    i: fc.nat(),
    off: fc.integer({ min: 0, max: 2_000 }),
    c: fc.integer({ min: 0, max: CATEGORIES.length - 1 }),
  }),
);

let l: Ledger | undefined;
afterEach(() => l?.close());

type Payment = typeof payment extends fc.Arbitrary<infer T> ? T : never;

function insert(ledger: Ledger, p: Payment): void {
  const date = addDays('2024-01-01', p.start + p.step * p.k + p.jitter);
  ledger.tx({
    date,
    at: p.at ? `${date}T23:30:00Z` : undefined,
    amount: -p.cents,
    description: `${PAYEES[p.payee]} ${p.k}`,
    category: p.payee === 2 ? 'groceries' : 'streaming',
  });
}

describe('recurring index', () => {
  it('equals detection from scratch after every change', () => {
    let found = 0;
    fc.assert(
      fc.property(
        fc.array(run, { minLength: 1, maxLength: 6 }),
        fc.array(payment, { maxLength: 30 }),
        fc.array(change, { maxLength: 12 }),
        (runs, noise, changes) => {
          l?.close();
          l = memoryLedger();
          const ledger = l;
          for (const p of [...runs.flat(), ...noise]) insert(ledger, p);
          let now = NOW;
          const index = new RecurringIndex(TZ);
          const first = detectRecurring(ledger.db, { now: new Date(now), timezone: TZ });
          found += first.length;
          expect(index.series(ledger.db, new Date(now))).toEqual(first);
          const ids = () => ledger.db.prepare('SELECT id FROM transactions ORDER BY id').pluck().all() as number[];
          const pick = (i: number) => {
            const all = ids();
            return all.length ? all[i % all.length]! : null;
          };
          for (const c of changes) {
            const id = 'i' in c ? pick(c.i) : null;
            if (c.op === 'insert') insert(ledger, c.p);
            else if (c.op === 'day passes') now += c.days * 86_400_000;
            else if (id === null) continue;
            else if (c.op === 'delete') ledger.db.prepare('DELETE FROM transactions WHERE id = ?').run(id);
            else if (c.op === 'category')
              ledger.db
                .prepare('UPDATE transactions SET category_id = ? WHERE id = ?')
                .run(ledger.category(CATEGORIES[c.c]!), id);
            else if (c.op === 'pending')
              ledger.db.prepare('UPDATE transactions SET pending = ? WHERE id = ?').run(c.v ? 1 : 0, id);
            else if (c.op === 'pair')
              ledger.db.prepare('UPDATE transactions SET transfer_pair_id = ? WHERE id = ?').run(pick(c.j), id);
            else if (c.op === 'amount')
              ledger.db.prepare('UPDATE transactions SET amount_minor = ? WHERE id = ?').run(c.cents, id);
            else if (c.op === 'date')
              ledger.db
                .prepare("UPDATE transactions SET booking_date = date(booking_date, ? || ' days') WHERE id = ?")
                .run(String(c.shift), id);
            else if (c.op === 'hide')
              ledger.db
                .prepare('UPDATE transactions SET hidden_at = ? WHERE id = ?')
                .run(c.v ? '2026-11-01T00:00:00Z' : null, id);
            else if (c.op === 'split') {
              ledger.db.prepare('DELETE FROM split_parts WHERE transaction_id = ?').run(id);
              const amount = ledger.db.prepare('SELECT amount_minor FROM transactions WHERE id = ?').pluck().get(id) as number;
              if (c.off > 0)
                for (const [position, part, slug] of [
                  [1, -c.off, CATEGORIES[c.c]!],
                  [2, amount + c.off, 'streaming'],
                ] as const)
                  ledger.db
                    .prepare(
                      'INSERT INTO split_parts (transaction_id, position, amount_minor, category_id, created_at) VALUES (?, ?, ?, ?, ?)',
                    )
                    .run(id, position, part, ledger.category(slug), '2026-11-01T00:00:00Z');
            }
            const at = new Date(now);
            expect(index.series(ledger.db, at)).toEqual(detectRecurring(ledger.db, { now: at, timezone: TZ }));
          }
        },
      ),
      { seed: 20261115, numRuns: 60 },
    );
    // The ledgers must hold series, or the equality above says little.
    expect(found).toBeGreaterThan(30);
  });
});
