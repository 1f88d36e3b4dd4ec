/**
 * Transfer pairing over a real SQLite file: which booked rows become a pair (or a one-sided
 * transfer), and which never do, as the rows' categories and pair ids show.
 */
import { describe, expect, it } from 'vitest';
import { pipelineContext } from '../../src/categorize/context.js';
import { pairTransfers } from '../../src/categorize/transfers.js';
import type { TransactionSnapshot } from '../../src/domain/types.js';
import { bookedRow, FIXED_NOW, insert, ledgersPerTest, type Ledger } from '../property/categorize-ledger.js';

const newLedger = ledgersPerTest();

function ledger(): Ledger {
  const l = newLedger();
  return l;
}

let serial = 0;
const row = (account: 0 | 1, bookingDate: string, amountMinor: number, over: Partial<TransactionSnapshot> = {}) => {
  const n = ++serial;
  return bookedRow(account, `t${n}`, bookingDate, amountMinor, `row ${n}`, over);
};

interface State {
  key: string;
  slug: string | null;
  source: string | null;
  confidence: number | null;
  pair: string | null;
}

function state(l: Ledger): State[] {
  return l.app.db
    .prepare(
      `SELECT t.dedupe_key AS key, c.slug, t.category_source AS source, t.category_confidence AS confidence,
              (SELECT p.dedupe_key FROM transactions p WHERE p.id = t.transfer_pair_id) AS pair
       FROM transactions t LEFT JOIN categories c ON c.id = t.category_id ORDER BY t.booking_date, t.account_id, t.id`,
    )
    .all() as State[];
}

const pairs = (l: Ledger) =>
  state(l)
    .filter((s) => s.pair !== null)
    .map((s) => `${s.key}<>${s.pair}`);

describe('pairing transfers', () => {
  it('pairs opposite amounts on two own accounts, both sides, as transfers at 0.9', () => {
    const l = ledger();
    insert(l, [row(0, '2026-01-10', -5000), row(1, '2026-01-10', 5000)]);
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(1);
    expect(state(l)).toEqual([
      { key: `t${serial - 1}`, slug: 'transfers', source: 'transfer', confidence: 0.9, pair: `t${serial}` },
      { key: `t${serial}`, slug: 'transfers', source: 'transfer', confidence: 0.9, pair: `t${serial - 1}` },
    ]);
    // Already paired rows are not paired again.
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(0);
  });

  it('takes the closest date within 3 days either side, and each leg once', () => {
    const l = ledger();
    const out = row(0, '2026-01-10', -5000);
    const far = row(1, '2026-01-07', 5000); // 3 days before: in the window
    const near = row(1, '2026-01-11', 5000); // 1 day after: closer
    const late = row(1, '2026-01-13', 5000); // 3 days after: in the window, farther
    const out2 = row(0, '2026-01-16', -5000); // 3 days after `late`
    insert(l, [far, out, near, late, out2]);
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(2);
    expect(pairs(l).sort()).toEqual(
      [
        `${out.dedupeKey}<>${near.dedupeKey}`,
        `${near.dedupeKey}<>${out.dedupeKey}`,
        `${out2.dedupeKey}<>${late.dedupeKey}`,
        `${late.dedupeKey}<>${out2.dedupeKey}`,
      ].sort(),
    );
  });

  it('an inflow booked before the outflow in the same window is found as well as one after', () => {
    const l = ledger();
    const inflow = row(1, '2026-01-08', 700);
    const out = row(0, '2026-01-10', -700);
    const out3 = row(0, '2026-01-20', -800);
    const after3 = row(1, '2026-01-23', 800); // exactly 3 days after
    insert(l, [inflow, out, out3, after3]);
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(2);
    expect(pairs(l)).toEqual([
      `${inflow.dedupeKey}<>${out.dedupeKey}`,
      `${out.dedupeKey}<>${inflow.dedupeKey}`,
      `${out3.dedupeKey}<>${after3.dedupeKey}`,
      `${after3.dedupeKey}<>${out3.dedupeKey}`,
    ]);
  });

  it('of two inflows equally far, the one booked first', () => {
    const l = ledger();
    const before = row(1, '2026-01-08', 700);
    const out = row(0, '2026-01-10', -700);
    const after = row(1, '2026-01-12', 700);
    insert(l, [before, out, after]);
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(1);
    expect(pairs(l)).toEqual([`${before.dedupeKey}<>${out.dedupeKey}`, `${out.dedupeKey}<>${before.dedupeKey}`]);
  });

  it('never pairs: the same account, 4 days apart, other amounts, pending, zero, or rows the user or a rule categorized', () => {
    const l = ledger();
    insert(l, [
      row(0, '2026-02-01', -100),
      row(0, '2026-02-01', 100), // same account
      row(0, '2026-02-10', -200),
      row(1, '2026-02-14', 200), // 4 days after
      row(1, '2026-02-06', 200), // 4 days before
      row(0, '2026-02-20', -300),
      row(1, '2026-02-20', 301), // another amount
      row(0, '2026-03-01', -400, { pending: true }),
      row(1, '2026-03-01', 400),
      row(0, '2026-03-05', 0),
      row(1, '2026-03-05', 0),
    ]);
    const userOut = row(0, '2026-03-10', -500);
    const userIn = row(1, '2026-03-10', 500);
    const ruleOut = row(0, '2026-03-12', -600);
    const ruleIn = row(1, '2026-03-12', 600);
    insert(l, [userOut, userIn, ruleOut, ruleIn]);
    const set = l.app.db.prepare('UPDATE transactions SET category_source = ? WHERE dedupe_key = ?');
    set.run('user', userOut.dedupeKey);
    set.run('rule', ruleIn.dedupeKey);
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(0);
    expect(pairs(l)).toEqual([]);
    expect(state(l).filter((s) => s.slug === 'transfers')).toEqual([]);
  });

  it('rows a learned, provider or default decision categorized are still paired', () => {
    const l = ledger();
    const out = row(0, '2026-01-10', -900);
    const inflow = row(1, '2026-01-10', 900);
    insert(l, [out, inflow]);
    l.app.db.prepare(`UPDATE transactions SET category_source = 'default'`).run();
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(1);
  });

  it('with `since`, only looks at rows from 3 days before it', () => {
    const l = ledger();
    insert(l, [row(0, '2026-01-06', -100), row(1, '2026-01-06', 100), row(0, '2026-01-07', -200), row(1, '2026-01-07', 200)]);
    expect(pairTransfers(l.app, pipelineContext(l.app), { since: '2026-01-10' })).toBe(1);
    expect(state(l).map((s) => s.pair !== null)).toEqual([false, false, true, true]);
  });

  it('a row paid to one of the own IBANs is a transfer (0.8) even without the other side, however the IBAN is spaced', () => {
    const l = ledger();
    const conn = l.app.connections.list()[0]!;
    l.app.accounts.upsert(
      conn.id,
      'truelayer',
      [
        {
          providerAccountId: 'c',
          name: 'Joint',
          kind: 'checking',
          currency: 'EUR',
          iban: 'DE89370400440532013000',
          numberHint: null,
        },
      ],
      FIXED_NOW.toISOString(),
    );
    const toOwn = row(0, '2026-01-10', -1200, { counterpartyIban: 'de89 3704 0044 0532 0130 00' });
    const toOther = row(0, '2026-01-11', -1300, { counterpartyIban: 'GB29NWBK60161331926819' });
    const noIban = row(0, '2026-01-12', -1400);
    insert(l, [toOwn, toOther, noIban]);
    l.app.db.prepare(`UPDATE transactions SET category_source = 'default' WHERE dedupe_key = ?`).run(toOwn.dedupeKey);
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(0);
    expect(state(l)).toEqual([
      { key: toOwn.dedupeKey, slug: 'transfers', source: 'transfer', confidence: 0.8, pair: null },
      { key: toOther.dedupeKey, slug: null, source: null, confidence: null, pair: null },
      { key: noIban.dedupeKey, slug: null, source: null, confidence: null, pair: null },
    ]);
    // A one-sided transfer already marked is left as it is (its confidence too).
    l.app.db.prepare('UPDATE transactions SET category_confidence = 0.5 WHERE dedupe_key = ?').run(toOwn.dedupeKey);
    pairTransfers(l.app, pipelineContext(l.app));
    expect(state(l)[0]!.confidence).toBe(0.5);
  });

  it('a row naming one own account pairs only with that account, even when its partner syncs later', () => {
    // The soak's case: ING's sync fails mid-way, DKB's succeeds. ING Extra-Konto's +100.00 from
    // Girokonto is there, Girokonto's -100.00 is not yet; DKB has a -100.00 cash withdrawal.
    const l = ledger();
    const conn = l.app.connections.list()[0]!;
    const giroIban = 'DE89370400440532013000';
    const ids = l.app.accounts.upsert(
      conn.id,
      'truelayer',
      [{ providerAccountId: 'c', name: 'Girokonto', kind: 'checking', currency: 'EUR', iban: giroIban, numberHint: null }],
      FIXED_NOW.toISOString(),
    );
    const giro = ids.get('c')!;
    const atm = row(0, '2025-10-26', -10000, { description: 'GA 1234 Bargeld' });
    const fromGiro = row(1, '2025-10-29', 10000, { description: 'Umbuchung Extra-Konto', counterpartyIban: giroIban });
    insert(l, [atm, fromGiro]);
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(0);
    expect(pairs(l)).toEqual([]);

    const toExtra = row(0, '2025-10-29', -10000, { description: 'Umbuchung Extra-Konto' });
    l.app.transactions.upsert(giro, [toExtra], FIXED_NOW.toISOString(), { added: 0, modified: 0, removed: 0 });
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(1);
    expect(pairs(l).sort()).toEqual(
      [`${fromGiro.dedupeKey}<>${toExtra.dedupeKey}`, `${toExtra.dedupeKey}<>${fromGiro.dedupeKey}`].sort(),
    );
    // The cash withdrawal stays what it was.
    expect(state(l).find((x) => x.key === atm.dedupeKey)).toMatchObject({ slug: null, pair: null });
  });

  it('a paired row is not also marked one-sided', () => {
    const l = ledger();
    // The row names the account its partner is on.
    l.app.db.prepare('UPDATE accounts SET iban = ? WHERE id = ?').run('DE89370400440532013000', l.accountIds[1]);
    insert(l, [row(0, '2026-01-10', -1200, { counterpartyIban: 'DE89370400440532013000' }), row(1, '2026-01-10', 1200)]);
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(1);
    expect(state(l).map((s) => s.confidence)).toEqual([0.9, 0.9]);
  });

  it('without a transfers category nothing is paired', () => {
    const l = ledger();
    insert(l, [row(0, '2026-01-10', -5000), row(1, '2026-01-10', 5000)]);
    const ctx = pipelineContext(l.app);
    ctx.slugToId.delete('transfers');
    expect(pairTransfers(l.app, ctx)).toBe(0);
    expect(pairs(l)).toEqual([]);
  });
});

describe('pairing across page ends', () => {
  // Three weeks of rows, read a few at a time: the pairs must not depend on where a page ends.
  const named = (account: 0 | 1, bookingDate: string, amountMinor: number, description: string, iban: string | null = null) =>
    row(account, bookingDate, amountMinor, { description, counterpartyIban: iban });
  const OWN_IBAN = 'DE89370400440532013000';
  const rows = () => [
    named(0, '2026-01-01', -100, 'out 100'),
    named(0, '2026-01-01', -7, 'coffee'),
    named(1, '2026-01-01', -9, 'fee'),
    named(1, '2026-01-02', 100, 'in 100'),
    named(0, '2026-01-02', 11, 'refund'),
    named(0, '2026-01-03', -200, 'out 200'),
    named(1, '2026-01-03', 200, 'in 200'),
    named(1, '2026-01-03', -13, 'bakery'),
    named(0, '2026-01-05', -300, 'out 300'),
    // Read before the inflow: a page may end on the last day of the window with more of that day to come.
    named(1, '2026-01-08', -17, 'lunch'),
    named(1, '2026-01-08', 300, 'in 300 three days later'),
    named(0, '2026-01-09', -400, 'out 400'),
    named(1, '2026-01-13', 400, 'in 400 four days later'),
    named(0, '2026-01-14', -50, 'to own joint account', OWN_IBAN),
    named(1, '2026-01-14', -21, 'books'),
    named(1, '2026-01-15', 60, 'in 60'),
    named(0, '2026-01-15', -60, 'out 60'),
    named(1, '2026-01-20', 70, 'in 70 first'),
    named(0, '2026-01-21', -5, 'kiosk'),
    named(0, '2026-01-22', -70, 'out 70 two days after'),
  ];

  function run(opts: { pageSize?: number; since?: string }) {
    const l = ledger();
    const conn = l.app.connections.list()[0]!;
    l.app.accounts.upsert(
      conn.id,
      'truelayer',
      [{ providerAccountId: 'c', name: 'Joint', kind: 'checking', currency: 'EUR', iban: OWN_IBAN, numberHint: null }],
      FIXED_NOW.toISOString(),
    );
    insert(l, rows());
    const made = pairTransfers(l.app, pipelineContext(l.app), opts);
    const marked = l.app.db
      .prepare(
        `SELECT t.description AS d, t.category_source AS s, (SELECT p.description FROM transactions p WHERE p.id = t.transfer_pair_id) AS p
         FROM transactions t WHERE t.category_source = 'transfer' ORDER BY t.booking_date, t.description`,
      )
      .all() as Array<{ d: string; s: string; p: string | null }>;
    return { made, marked: marked.map((m) => (m.p ? `${m.d} <> ${m.p}` : `${m.d} (one side)`)) };
  }

  const everything = [
    'out 100 <> in 100',
    'in 100 <> out 100',
    'in 200 <> out 200',
    'out 200 <> in 200',
    'out 300 <> in 300 three days later',
    'in 300 three days later <> out 300',
    'to own joint account (one side)',
    'in 60 <> out 60',
    'out 60 <> in 60',
    'in 70 first <> out 70 two days after',
    'out 70 two days after <> in 70 first',
  ];

  it.each([1, 2, 3, 4, 7, undefined])('gives the same pairs with %s rows a page', (pageSize) => {
    expect(run({ pageSize })).toEqual({ made: 5, marked: everything });
  });

  it.each([1, 2, 5])('with `since`, starts 3 days before it whatever the page size (%s)', (pageSize) => {
    expect(run({ pageSize, since: '2026-01-12' })).toEqual({ made: 2, marked: everything.slice(6) });
    expect(run({ pageSize, since: '2026-01-08' })).toEqual({ made: 3, marked: everything.slice(4) });
  });
});
