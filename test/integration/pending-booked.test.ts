import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { ContractWorld } from '../contract/adapters/adapter.js';
import { enablebanking, type EnableBankingWorld } from '../contract/adapters/enablebanking.js';
import { truelayer } from '../contract/adapters/truelayer.js';
import { runCli } from '../helpers/trax.js';

/**
 * Pending → booked with the emulators' id churn: TrueLayer and Enable Banking book a card
 * payment under a new id (a new entry_reference at German banks), so nothing in the booked row
 * names the reservation it replaces. Checked in SQLite and in what `trax transactions` shows.
 */
interface Pending {
  id: number;
  account_id: number;
  dedupe_key: string;
  booking_date: string;
  amount_minor: number;
}
const pendingRows = (app: App) =>
  app.db
    .prepare(`SELECT id, account_id, dedupe_key, booking_date, amount_minor FROM transactions WHERE pending = 1 ORDER BY id`)
    .all() as Pending[];

interface ListedTxn {
  id: number;
  pending: boolean;
  stalePending: boolean;
  amountMinor: number;
}
async function listed(w: ContractWorld): Promise<ListedTxn[]> {
  const r = await runCli(['transactions', '--limit', '5000', '--json'], w.env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ListedTxn[];
}

let w: ContractWorld | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

describe.each([
  ['truelayer', truelayer],
  ['enablebanking', enablebanking],
] as const)('%s: a reservation books under a new id', (_name, adapter) => {
  it('is replaced by its booking: linked in SQLite, gone from `trax transactions`, not stored again', async () => {
    w = await adapter.open();
    await w.link(0);
    const before = pendingRows(w.app);
    expect(before.length).toBeGreaterThan(0);
    const shownBefore = await listed(w);
    expect(
      shownBefore
        .filter((t) => t.pending)
        .map((t) => t.id)
        .sort(),
    ).toEqual(before.map((p) => p.id).sort());
    expect(shownBefore.some((t) => t.stalePending)).toBe(false);

    // What the user wrote on a reservation belongs to the payment: it must survive the booking.
    const noted = before[0]!;
    expect((await runCli(['tx', 'note', String(noted.id), 'Geburtstag Oma'], w.env)).code).toBe(0);
    expect((await runCli(['tx', 'tag', String(noted.id), '+familie'], w.env)).code).toBe(0);

    w.bookPending();
    const sync = await runCli(['sync'], w.env);
    expect(sync.code, sync.stderr).toBe(0);

    const links = w.app.db.prepare('SELECT account_id, pending_key, booked_key FROM pending_links').all() as Array<{
      account_id: number;
      pending_key: string;
      booked_key: string;
    }>;
    for (const p of before) {
      const link = links.find((l) => l.account_id === p.account_id && l.pending_key === p.dedupe_key);
      expect(link, `reservation ${p.booking_date} ${p.amount_minor} was not paired`).toBeDefined();
      // Id churn: the booking has an identity of its own, and it is stored once, booked.
      expect(link!.booked_key).not.toBe(p.dedupe_key);
      const booked = w.app.db
        .prepare('SELECT pending, amount_minor, booking_date FROM transactions WHERE account_id = ? AND dedupe_key = ?')
        .all(p.account_id, link!.booked_key) as Array<{ pending: number; amount_minor: number; booking_date: string }>;
      expect(booked).toHaveLength(1);
      expect(booked[0]!.pending).toBe(0);
      expect(booked[0]!.booking_date >= p.booking_date).toBe(true);
    }
    const found = await runCli(['search', 'note:"Geburtstag Oma"', '--json'], w.env);
    expect(found.code, found.stderr).toBe(0);
    const hits = JSON.parse(found.stdout).transactions as Array<{ id: number; pending: boolean; tags: string[]; note: string }>;
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ pending: false, tags: ['familie'], note: 'Geburtstag Oma' });
    expect(hits[0]!.id).not.toBe(noted.id);
    const shownAfter = await listed(w);
    const gone = new Set(before.map((p) => p.id));
    expect(shownAfter.filter((t) => gone.has(t.id))).toEqual([]);
    // What is pending now is only what the bank lists as pending today.
    expect(shownAfter.filter((t) => t.pending).length).toBe(pendingRows(w.app).length);

    // A second sync keeps it that way.
    const rowsNow = w.app.db.prepare('SELECT count(*) FROM transactions').pluck().get();
    expect((await runCli(['sync'], w.env)).code).toBe(0);
    expect(w.app.db.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(rowsNow);
  });
});

describe('enablebanking: a reservation the bank keeps open', () => {
  it('is flagged in `trax transactions` once it is more than 10 days old', async () => {
    const eb: EnableBankingWorld = await enablebanking.open();
    w = eb;
    await eb.link(0);
    const held = pendingRows(eb.app);
    expect(held.length).toBeGreaterThan(0);
    eb.holdPending(30);
    eb.advanceDays(11);
    const sync = await runCli(['sync'], eb.env);
    expect(sync.code, sync.stderr).toBe(0);
    const stillPending = new Set(pendingRows(eb.app).map((p) => p.dedupe_key));
    for (const p of held) expect(stillPending.has(p.dedupe_key)).toBe(true);
    const shown = await listed(eb);
    const byId = new Map(shown.map((t) => [t.id, t]));
    for (const p of held) expect(byId.get(p.id)?.stalePending).toBe(true);
    // Fresher reservations are not flagged.
    expect(shown.filter((t) => t.pending && !held.some((p) => p.id === t.id)).every((t) => !t.stalePending)).toBe(true);
    const text = await runCli(['transactions', '--limit', '5000'], eb.env);
    expect(text.stdout.match(/pending over 10 days: may not book/g)?.length).toBe(held.length);
  });
});
