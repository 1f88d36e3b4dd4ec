import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { chooseCategory } from '../../src/categorize/choose.js';
import { parseConfig } from '../../src/config/index.js';
import { addDays } from '../../src/domain/dates.js';
import type { TransactionSnapshot } from '../../src/domain/types.js';
import type { SyncPage } from '../../src/providers/provider.js';
import { applyPage } from '../../src/sync/apply-page.js';
import { saveTestConnection } from './pending-fixture.js';
import { ACCOUNTS, txn } from './sync-fixture.js';

/**
 * Pending → booked where the provider books a card payment under a new id (TrueLayer, Enable
 * Banking): whatever order the pending lists and booked pages arrive in, and however often an old
 * one is delivered again, a booking never sits next to the reservation it replaced, two bookings
 * are never merged, and the category the user gave the reservation lands on its booking.
 */
const SEED = 2026_12_03;
const START = new Date('2026-06-01T06:00:00Z');
const DAY0 = '2026-06-01';

/** Distinct payees, so each booking has one reading; amounts overlap on purpose. */
const PAYEES = ['Coffee Fellows', 'Aral Tankstelle', 'Rewe Markt', 'Hotel Adlon', 'Deutsche Bahn', 'Vapiano Koeln'];

interface Payment {
  payee: string;
  /** Day offset of the reservation. */
  day: number;
  amountMinor: number;
  /** Cents added at booking (a tip), at most 20 %. */
  tipMinor: number;
  /** Days from reservation to booking, 0–8. */
  lag: number;
  /** Sync in which the reservation is first listed, and how many syncs later it books. */
  seenAt: number;
  booksAfter: number;
  /** The bank still lists the reservation in the sync the booking appears (as some do for a day). */
  listedWithBooking: boolean;
  /** The user categorizes the reservation while it is pending. */
  userCategory: boolean;
}

const paymentArb = (payee: string) =>
  fc
    .record({
      day: fc.integer({ min: 0, max: 10 }),
      amountMinor: fc.constantFrom(-320, -2500, -4999, -12000),
      tipPercent: fc.constantFrom(0, 0, 10, 20),
      lag: fc.integer({ min: 0, max: 8 }),
      seenAt: fc.integer({ min: 0, max: 3 }),
      booksAfter: fc.integer({ min: 1, max: 3 }),
      listedWithBooking: fc.boolean(),
      userCategory: fc.boolean(),
    })
    .map(({ tipPercent, amountMinor, ...p }): Payment => ({
      payee,
      amountMinor,
      tipMinor: -Math.floor((Math.abs(amountMinor) * tipPercent) / 100),
      ...p,
    }));

const worldArb = fc
  .shuffledSubarray(PAYEES, { minLength: 1 })
  .chain((payees) => fc.tuple(...payees.map(paymentArb)))
  .chain((payments) =>
    fc.tuple(
      fc.constant(payments),
      // Old deliveries replayed afterwards, in any order: indexes into the syncs made.
      fc.array(fc.nat(), { maxLength: 6 }),
    ),
  );

const pendingRow = (p: Payment, i: number): TransactionSnapshot => ({
  ...txn({
    providerAccountId: 'acc-a',
    dedupeKey: `pend-${i}`,
    bookingDate: addDays(DAY0, p.day),
    amountMinor: p.amountMinor,
    description: p.payee.toUpperCase(),
  }),
  pending: true,
});
const bookedRow = (p: Payment, i: number): TransactionSnapshot =>
  txn({
    providerAccountId: 'acc-a',
    // A new id at booking: nothing in the booked row points at the reservation.
    dedupeKey: `book-${i}`,
    bookingDate: addDays(DAY0, p.day + p.lag),
    amountMinor: p.amountMinor + p.tipMinor,
    description: `${p.payee} Karte 4711`,
  });

/** The pages a sync run delivers: sync n lists the reservations not yet booked and the bookings made. */
function deliveries(payments: Payment[]): SyncPage[] {
  const last = Math.max(...payments.map((p) => p.seenAt + p.booksAfter));
  const out: SyncPage[] = [];
  for (let n = 0; n <= last; n++) {
    const listed = payments.flatMap((p, i) => {
      const bookedAt = p.seenAt + p.booksAfter;
      const show = n >= p.seenAt && (n < bookedAt || (n === bookedAt && p.listedWithBooking));
      return show ? [pendingRow(p, i)] : [];
    });
    const booked = payments.flatMap((p, i) => (n >= p.seenAt + p.booksAfter ? [bookedRow(p, i)] : []));
    out.push({
      accounts: ACCOUNTS,
      balances: [],
      upserts: booked,
      pendingSnapshots: [{ providerAccountId: 'acc-a', rows: listed }],
      removed: [],
      state: { n },
      warnings: [],
    });
  }
  return out;
}

function openWorld() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-pending-prop-'));
  let now = START;
  const app = openApp(parseConfig({ TRAX_DATA_DIR: dataDir, TRAX_SECRET_KEY: 'cd'.repeat(32) }), { now: () => now });
  const connection = saveTestConnection(app, now);
  return {
    app,
    /** One sync an hour after the previous one. */
    sync(page: SyncPage) {
      now = new Date(now.getTime() + 3600_000);
      const runId = app.runs.start(connection.id, 'user', now.toISOString());
      applyPage(app, connection, runId, page);
    },
    close() {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const stored = (app: App) =>
  app.db
    .prepare(
      `SELECT t.id, t.dedupe_key AS key, t.pending, t.amount_minor AS amount, c.slug FROM transactions t
       LEFT JOIN categories c ON c.id = t.category_id ORDER BY t.dedupe_key`,
    )
    .all() as Array<{ id: number; key: string; pending: number; amount: number; slug: string | null }>;

describe('pending → booked under a new id', () => {
  it('never keeps a reservation next to its booking, never merges bookings, carries the category over', () => {
    fc.assert(
      fc.property(worldArb, ([payments, replays]) => {
        const w = openWorld();
        try {
          const pages = deliveries(payments);
          for (const [n, page] of pages.entries()) {
            w.sync(page);
            // The user categorizes the reservations they see as pending (once, in the sync they appear).
            for (const [i, p] of payments.entries()) {
              if (!p.userCategory || p.seenAt !== n) continue;
              const row = stored(w.app).find((r) => r.key === `pend-${i}`);
              if (row) chooseCategory(w.app, row.id, 'cash');
            }
          }
          for (const r of replays) w.sync(pages[r % pages.length]!);
          w.sync(pages[pages.length - 1]!);

          const rows = stored(w.app);
          const keys = rows.map((r) => r.key);
          // Every booking stays, once, with its own amount: none merged into another.
          for (const [i, p] of payments.entries()) {
            expect(rows.filter((r) => r.key === `book-${i}`).map((r) => r.amount)).toEqual([p.amountMinor + p.tipMinor]);
          }
          // No reservation left beside its booking, old lists delivered again or not.
          expect(keys.filter((k) => k.startsWith('pend-'))).toEqual([]);
          expect(rows).toHaveLength(payments.length);
          // The user's category moved to the booking.
          for (const [i, p] of payments.entries())
            if (p.userCategory) expect(rows.find((r) => r.key === `book-${i}`)!.slug).toBe('cash');
        } finally {
          w.close();
        }
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('with the same payee twice, two different bookings are never merged and a doubtful one is listed, not guessed', () => {
    const twoOfOne = fc
      .tuple(paymentArb('Coffee Fellows'), paymentArb('Coffee Fellows'), paymentArb('Aral Tankstelle'))
      .chain((payments) => fc.tuple(fc.constant(payments), fc.array(fc.nat(), { maxLength: 4 })));
    fc.assert(
      fc.property(twoOfOne, ([payments, replays]) => {
        const w = openWorld();
        try {
          const pages = deliveries(payments);
          for (const page of pages) w.sync(page);
          for (const r of replays) w.sync(pages[r % pages.length]!);
          const rows = stored(w.app);
          for (const [i, p] of payments.entries())
            expect(rows.filter((r) => r.key === `book-${i}`).map((r) => r.amount)).toEqual([p.amountMinor + p.tipMinor]);
          const links = w.app.db.prepare('SELECT pending_key, booked_key FROM pending_links').all() as Array<{
            pending_key: string;
            booked_key: string;
          }>;
          // One booking stands for at most one reservation, and only for one it fits.
          expect(new Set(links.map((l) => l.booked_key)).size).toBe(links.length);
          for (const l of links) {
            const p = payments[Number(l.pending_key.slice(5))]!;
            const b = payments[Number(l.booked_key.slice(5))]!;
            expect(b.payee).toBe(p.payee);
            expect(b.day + b.lag).toBeGreaterThanOrEqual(p.day);
          }
          // A booking on the review list was not guessed at: no reservation was linked to it.
          const reviewed = w.app.db.prepare('SELECT booked_key FROM pending_reviews').pluck().all() as string[];
          expect(reviewed.filter((k) => links.some((l) => l.booked_key === k))).toEqual([]);
        } finally {
          w.close();
        }
      }),
      { seed: SEED + 2, numRuns: 40 },
    );
  });

  it('a reservation that has not booked yet stays listed until the bank drops it', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(PAYEES, { minLength: 1 }).chain((payees) => fc.tuple(...payees.map(paymentArb))),
        (payments) => {
          const w = openWorld();
          try {
            // Only the first sync: every reservation listed, nothing booked yet.
            const first: SyncPage = {
              ...deliveries(payments)[0]!,
              upserts: [],
              pendingSnapshots: [{ providerAccountId: 'acc-a', rows: payments.map(pendingRow) }],
            };
            w.sync(first);
            w.sync(first);
            const rows = stored(w.app);
            expect(rows.map((r) => r.key).sort()).toEqual(payments.map((_, i) => `pend-${i}`).sort());
            expect(rows.every((r) => r.pending === 1)).toBe(true);
          } finally {
            w.close();
          }
        },
      ),
      { seed: SEED + 1, numRuns: 20 },
    );
  });
});
