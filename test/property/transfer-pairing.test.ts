import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { pipelineContext } from '../../src/categorize/context.js';
import type { PipelineContext } from '../../src/categorize/pipeline.js';
import { pairTransfers, TRANSFER_WINDOW_DAYS } from '../../src/categorize/transfers.js';
import { addDays } from '../../src/domain/dates.js';
import { categoryState, insert, openLedger, PROPERTY, snapshotOf } from './categorize-ledger.js';

/**
 * pairTransfers reads its rows a page at a time and holds only those within the window of the
 * outflow it is pairing (a million-row import held them all as objects). The oracle is the
 * version it replaced, which read every row in one query: over generated ledgers with few
 * amounts (many candidates per outflow), runs of one day, own-IBAN payments and rows the user
 * categorized, both must leave every row's category and pair exactly alike, for page sizes
 * from 1 row up.
 */
const OWN_IBAN = 'DE89370400440532013000';

function pairAllAtOnce(app: App, ctx: PipelineContext, opts: { since?: string } = {}): number {
  const transfersId = ctx.slugToId.get('transfers')!;
  const ownIbans = new Set(
    (app.db.prepare(`SELECT iban FROM accounts WHERE iban IS NOT NULL`).pluck().all() as string[]).map((i) => i.toUpperCase()),
  );
  const accountOfIban = new Map(
    (app.db.prepare(`SELECT iban, id FROM accounts WHERE iban IS NOT NULL`).all() as Array<{ iban: string; id: number }>).map(
      (a) => [a.iban.toUpperCase(), a.id],
    ),
  );
  // A row that names an own account by IBAN pairs only with a row on that account.
  const named = (r: { counterparty_iban: string | null }) =>
    r.counterparty_iban ? accountOfIban.get(r.counterparty_iban.replace(/\s+/g, '').toUpperCase()) : undefined;
  const fits = (
    a: { account_id: number; counterparty_iban: string | null },
    b: { account_id: number; counterparty_iban: string | null },
  ) => (named(a) === undefined || named(a) === b.account_id) && (named(b) === undefined || named(b) === a.account_id);
  const since = opts.since ? addDays(opts.since, -TRANSFER_WINDOW_DAYS) : '0000-00-00';
  type Row = {
    id: number;
    account_id: number;
    booking_date: string;
    amount_minor: number;
    currency: string;
    counterparty_iban: string | null;
  };
  const rows = app.db
    .prepare<[string], Row>(
      `SELECT id, account_id, booking_date, amount_minor, currency, counterparty_iban FROM transactions
       WHERE booking_date >= ? AND pending = 0 AND transfer_pair_id IS NULL AND amount_minor != 0
         AND (category_source IS NULL OR category_source NOT IN ('user', 'rule'))
       ORDER BY booking_date, id`,
    )
    .all(since);
  const inflows = new Map<string, Row[]>();
  for (const r of rows)
    if (r.amount_minor > 0)
      inflows.set(`${r.currency}|${r.amount_minor}`, [...(inflows.get(`${r.currency}|${r.amount_minor}`) ?? []), r]);
  const pair = app.db.prepare(
    `UPDATE transactions SET category_id = ?, category_source = 'transfer', category_confidence = 0.9, category_rule_id = NULL, transfer_pair_id = ? WHERE id = ?`,
  );
  const single = app.db.prepare(
    `UPDATE transactions SET category_id = ?, category_source = 'transfer', category_confidence = 0.8, category_rule_id = NULL WHERE id = ? AND category_source IS NOT 'transfer'`,
  );
  const taken = new Set<number>();
  let pairs = 0;
  app.db.transaction(() => {
    for (const out of rows) {
      if (out.amount_minor > 0 || taken.has(out.id)) continue;
      const candidates = inflows.get(`${out.currency}|${-out.amount_minor}`) ?? [];
      const lo = addDays(out.booking_date, -TRANSFER_WINDOW_DAYS);
      const hi = addDays(out.booking_date, TRANSFER_WINDOW_DAYS);
      let best: Row | null = null;
      let bestGap = Infinity;
      for (const c of candidates) {
        if (taken.has(c.id) || c.account_id === out.account_id || c.booking_date < lo || c.booking_date > hi || !fits(out, c))
          continue;
        const gap = Math.abs(Date.parse(c.booking_date) - Date.parse(out.booking_date));
        if (gap < bestGap) {
          best = c;
          bestGap = gap;
        }
      }
      if (best) {
        taken.add(out.id).add(best.id);
        pair.run(transfersId, best.id, out.id);
        pair.run(transfersId, out.id, best.id);
        pairs++;
      }
    }
    for (const r of rows) {
      if (!taken.has(r.id) && r.counterparty_iban && ownIbans.has(r.counterparty_iban.replace(/\s+/g, '').toUpperCase()))
        single.run(transfersId, r.id);
    }
  })();
  return pairs;
}

const genRow = fc.record({
  merchant: fc.integer({ min: 0, max: 13 }),
  account: fc.constantFrom(0 as const, 1 as const),
  day: fc.integer({ min: 0, max: 12 }),
  amount: fc.constantFrom(500, 1250, 9999),
  out: fc.boolean(),
  toOwn: fc.boolean(),
  userChose: fc.integer({ min: 0, max: 9 }),
});

type GenRow = typeof genRow extends fc.Arbitrary<infer T> ? T : never;

function ledgerWith(rows: GenRow[]) {
  const l = openLedger();
  l.app.db.prepare('UPDATE accounts SET iban = ? WHERE id = ?').run(OWN_IBAN, l.accountIds[1]);
  insert(
    l,
    rows.map((r, i) =>
      snapshotOf(r, {
        dedupeKey: `row${i}`,
        amountMinor: r.out ? -r.amount : r.amount,
        counterpartyIban: r.toOwn ? 'de89 3704 0044 0532 0130 00' : null,
      }),
    ),
  );
  return l;
}

describe('transfer pairing a page at a time (property)', () => {
  it('pairs and marks exactly the rows the all-at-once version did, for any page size and start day', () => {
    fc.assert(
      fc.property(
        fc.array(genRow, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        (rows, pageSize, sinceDay) => {
          const since = sinceDay === undefined ? undefined : addDays('2025-11-01', sinceDay);
          const a = ledgerWith(rows);
          const b = ledgerWith(rows);
          try {
            for (const l of [a, b]) {
              // Rows the user categorized are never paired: some of them, the same in both.
              const groceries = l.app.categories.resolve('groceries').id;
              rows.forEach((r, i) => {
                if (r.userChose === 0)
                  l.app.db
                    .prepare(`UPDATE transactions SET category_id = ?, category_source = 'user' WHERE dedupe_key = ?`)
                    .run(groceries, `row${i}`);
              });
            }
            const want = pairAllAtOnce(a.app, pipelineContext(a.app), { since });
            const got = pairTransfers(b.app, pipelineContext(b.app), { since, pageSize });
            expect(got).toBe(want);
            expect(categoryState(b.app)).toEqual(categoryState(a.app));
          } finally {
            a.cleanup();
            b.cleanup();
          }
        },
      ),
      { ...PROPERTY, numRuns: 60 },
    );
  });
});
