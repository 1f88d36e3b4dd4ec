/**
 * Cross-source identity: the fingerprint keys, the matching decision, and what a sync does on an
 * account a statement file has fed (linked, added, or added and put up for review), as rows in a
 * real SQLite file show it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintBase, fingerprintKey, FingerprintKeyer, normalizeDescription } from '../../src/identity/fingerprint.js';
import { candidateWindow, decideMatch, type IncomingBooking } from '../../src/identity/match.js';
import type { Candidate } from '../../src/store/sightings.js';
import { openStore, page, txn, type Store } from '../property/sync-fixture.js';

describe('fingerprints', () => {
  it('normalizes width, case and spacing of the description', () => {
    expect(normalizeDescription('  ＣＡＦÉ \t Kaiser\n ')).toBe('café kaiser');
  });

  it('names a booking by date, amount, currency and a hash of the text; identical rows by their ordinal', () => {
    const r = { bookingDate: '2026-01-02', amountMinor: -240, currency: 'EUR', description: 'Backwerk' };
    const base = fingerprintBase(r);
    expect(base).toMatch(/^2026-01-02\|-240\|EUR\|[A-Za-z0-9_-]{16}$/);
    expect(fingerprintBase({ ...r, description: ' BACKWERK ' })).toBe(base);
    expect(fingerprintBase({ ...r, description: 'Backwerk 2' })).not.toBe(base);
    expect(fingerprintKey('p:', base, 2)).toBe(`p:f:${base}|2`);
    const keyer = new FingerprintKeyer('x:');
    expect([keyer.key(r), keyer.key({ ...r, amountMinor: -250 }), keyer.key(r)]).toEqual([
      `x:f:${base}|0`,
      `x:f:${fingerprintBase({ ...r, amountMinor: -250 })}|0`,
      `x:f:${base}|1`,
    ]);
    expect(new FingerprintKeyer().key(r)).toBe(`f:${base}|0`);
  });
});

let nextId = 1;
function cand(over: Partial<Candidate> = {}): Candidate {
  return {
    id: nextId++,
    booking_date: '2026-01-10',
    description: 'REWE Markt GmbH sagt danke',
    merchant: null,
    counterparty_name: null,
    counterparty_iban: null,
    provider_transaction_id: null,
    end_to_end_id: null,
    source: 'file:csv',
    ...over,
  };
}
const incoming = (over: Partial<IncomingBooking> = {}): IncomingBooking => ({
  bookingDate: '2026-01-10',
  valueDate: null,
  description: 'REWE Markt GmbH sagt danke',
  counterpartyName: null,
  endToEndId: null,
  reference: null,
  ...over,
});

describe('deciding a match', () => {
  it('looks 3 days either side', () => {
    expect(candidateWindow({ bookingDate: '2026-03-01' })).toEqual({ from: '2026-02-26', to: '2026-03-04' });
  });

  it('nothing to match: none', () => {
    expect(decideMatch(incoming(), [])).toEqual({ kind: 'none' });
  });

  it('an exact reference wins over the text; two rows with it are for the user', () => {
    const a = cand({ description: 'something else entirely' });
    const b = cand({ provider_transaction_id: 'REF-1', description: 'other words here' });
    expect(decideMatch(incoming({ reference: 'REF-1' }), [a, b])).toEqual({ kind: 'one', id: b.id });
    const e = cand({ end_to_end_id: 'E2E-9', description: 'zzz yyy' });
    expect(decideMatch(incoming({ endToEndId: 'E2E-9' }), [a, e])).toEqual({ kind: 'one', id: e.id });
    // The file's end-to-end id against the provider's reference, and the reverse.
    const f = cand({ end_to_end_id: 'X-1', description: 'qqq' });
    expect(decideMatch(incoming({ reference: 'X-1' }), [f])).toEqual({ kind: 'one', id: f.id });
    const c = cand({ provider_transaction_id: 'REF-1' });
    expect(decideMatch(incoming({ reference: 'REF-1' }), [b, c])).toEqual({ kind: 'ambiguous', ids: [b.id, c.id] });
  });

  it('"NOTPROVIDED" and blank references are no reference; an unknown reference falls back to the text', () => {
    // A "NOTPROVIDED" on both sides is not a shared reference: the text decides.
    const np = cand({ end_to_end_id: 'NOTPROVIDED', description: 'aaa bbb' });
    const text = cand({ description: 'ccc ddd' });
    expect(decideMatch(incoming({ endToEndId: 'NOTPROVIDED', description: 'ccc ddd' }), [np, text])).toEqual({
      kind: 'one',
      id: text.id,
    });
    expect(decideMatch(incoming({ endToEndId: 'notprovided', description: 'ccc ddd' }), [np, text])).toEqual({
      kind: 'one',
      id: text.id,
    });
    // A reference is compared without surrounding spaces.
    const spaced = cand({ provider_transaction_id: 'REF-7', description: 'zzz qqq' });
    expect(decideMatch(incoming({ reference: ' REF-7 ', description: 'ccc ddd' }), [text, spaced])).toEqual({
      kind: 'one',
      id: spaced.id,
    });
    // A candidate with another reference is not an exact match: the text decides.
    const otherRef = cand({ provider_transaction_id: 'Y-1', description: 'zzz qqq' });
    expect(decideMatch(incoming({ reference: 'X-1', description: 'ccc ddd' }), [otherRef, text])).toEqual({
      kind: 'one',
      id: text.id,
    });
    const a = cand({ end_to_end_id: 'NOTPROVIDED', description: 'aaa bbb' });
    const b = cand({ end_to_end_id: 'notprovided', description: 'ccc ddd' });
    expect(decideMatch(incoming({ endToEndId: ' NOTPROVIDED ', description: 'aaa bbb' }), [a, b])).toEqual({
      kind: 'one',
      id: a.id,
    });
    expect(decideMatch(incoming({ reference: '  ', description: 'ccc ddd' }), [a, b])).toEqual({ kind: 'one', id: b.id });
    const rewe = cand();
    expect(decideMatch(incoming({ reference: 'NO-SUCH-REF' }), [rewe])).toEqual({ kind: 'one', id: rewe.id });
  });

  it("text fits when at least half the shorter side's words (of 3+ letters) are in the other", () => {
    const half = cand({ description: 'zorbix plonk' }); // 1 of 2 words shared
    expect(decideMatch(incoming({ description: 'Zorbix Quandle Frimp' }), [half])).toEqual({ kind: 'one', id: half.id });
    const third = cand({ description: 'zorbix plonk wemble' }); // 1 of 3
    expect(decideMatch(incoming({ description: 'Zorbix Quandle Frimp' }), [third])).toEqual({ kind: 'none' });
    // Short words do not count: "ab" alone is no word, so the dates decide.
    const short = cand({ description: 'ab', booking_date: '2026-01-11' });
    expect(decideMatch(incoming({ description: 'ab' }), [short])).toEqual({ kind: 'none' });
    // The merchant and the counterparty name count as the candidate's words, the incoming counterparty too.
    const byName = cand({ description: '', merchant: 'Stadtwerke Bonn' });
    expect(decideMatch(incoming({ description: '', counterpartyName: 'Stadtwerke' }), [byName])).toEqual({
      kind: 'one',
      id: byName.id,
    });
    const byCounterparty = cand({ description: 'x', counterparty_name: 'Stadtwerke Bonn' });
    expect(decideMatch(incoming({ description: 'Stadtwerke' }), [byCounterparty])).toEqual({
      kind: 'one',
      id: byCounterparty.id,
    });
  });

  it('without words on either side, only a same-day (booking or value date) candidate fits', () => {
    const sameDay = cand({ description: '12 34' });
    const valueDay = cand({ description: '', booking_date: '2026-01-08' });
    const other = cand({ description: '', booking_date: '2026-01-12' });
    expect(decideMatch(incoming({ description: '' }), [other])).toEqual({ kind: 'none' });
    expect(decideMatch(incoming({ description: '' }), [sameDay, other])).toEqual({ kind: 'one', id: sameDay.id });
    expect(decideMatch(incoming({ description: '', valueDate: '2026-01-08' }), [valueDay, other])).toEqual({
      kind: 'one',
      id: valueDay.id,
    });
    // Words on one side only: the dates decide too.
    const wordless = cand({ description: '' });
    expect(decideMatch(incoming({ description: 'rewe markt' }), [wordless])).toEqual({ kind: 'one', id: wordless.id });
    const wordy = cand({ description: 'rewe markt' });
    expect(decideMatch(incoming({ description: '' }), [wordy])).toEqual({ kind: 'one', id: wordy.id });
    expect(decideMatch(incoming({ description: 'rewe markt' }), [cand({ description: '', booking_date: '2026-01-09' })])).toEqual(
      {
        kind: 'none',
      },
    );
  });

  it('identical twins take the oldest; different fits are for the user unless one is booked that day', () => {
    const t1 = cand({ id: 50 });
    const t2 = cand({ id: 40 });
    expect(decideMatch(incoming(), [t1, t2])).toEqual({ kind: 'one', id: 40 });
    // Not twins: another day, another text, another counterparty.
    const early = cand({ booking_date: '2026-01-08' });
    const late = cand({ booking_date: '2026-01-12' });
    expect(decideMatch(incoming(), [early, late])).toEqual({ kind: 'ambiguous', ids: [early.id, late.id] });
    const sameDay = cand();
    expect(decideMatch(incoming(), [early, sameDay, late])).toEqual({ kind: 'one', id: sameDay.id });
    expect(decideMatch(incoming({ bookingDate: '2026-01-13', valueDate: '2026-01-12' }), [early, late])).toEqual({
      kind: 'one',
      id: late.id,
    });
    const text = cand({ description: 'REWE Markt GmbH danke' });
    const name = cand({ counterparty_name: 'REWE' });
    // Same day, but another text or another counterparty: not twins, so the user decides.
    expect(decideMatch(incoming(), [cand({ id: 70 }), text])).toEqual({ kind: 'ambiguous', ids: [70, text.id] });
    expect(decideMatch(incoming(), [cand({ id: 72 }), name])).toEqual({ kind: 'ambiguous', ids: [72, name.id] });
    // Twins booked another day than the incoming row: still the oldest.
    const o1 = cand({ id: 81, booking_date: '2026-01-08' });
    const o2 = cand({ id: 80, booking_date: '2026-01-08' });
    expect(decideMatch(incoming(), [o1, o2])).toEqual({ kind: 'one', id: 80 });
    // Several same-day twins among other fits: the oldest of them.
    const d1 = cand({ id: 91 });
    const d2 = cand({ id: 90 });
    expect(decideMatch(incoming(), [early, d1, d2])).toEqual({ kind: 'one', id: 90 });
    // Several same-day rows that differ: the user decides among all fits.
    const d3 = cand({ description: 'REWE Markt GmbH' });
    expect(decideMatch(incoming(), [early, d1, d3])).toEqual({ kind: 'ambiguous', ids: [early.id, d1.id, d3.id] });
  });
});

describe('a sync on an account a statement file fed', () => {
  let store: Store;
  afterEach(() => store.close());

  function imported(bookingDate: string, amountMinor: number, description: string, bankReference: string | null = null): number {
    const accountId = store.app.accounts.idsFor(store.connection.id).get('acc-a')!;
    const now = '2025-03-30T01:30:00.000Z';
    const importId = store.app.imports.create({ fileName: 'a.csv', sha256: 'x', format: 'csv', accountId, now });
    return store.app.sightings.insertImported({
      accountId,
      dedupeKey: `file-${bookingDate}-${description}-${nextId++}`,
      bookingDate,
      amountMinor,
      currency: 'EUR',
      description,
      counterpartyName: null,
      counterpartyIban: null,
      pending: false,
      providerCategory: null,
      providerClassification: null,
      bankReference,
      raw: '{}',
      source: 'file:csv',
      importId,
      now,
    });
  }

  const count = () => store.app.db.prepare('SELECT count(*) FROM transactions').pluck().get();

  it('links a booking the file brought instead of adding it, and keeps it linked on the next sync', () => {
    store = openStore();
    store.apply(page([], {})); // the accounts
    const fileRow = imported('2025-03-01', -240, 'Backwerk sagt danke');
    const synced = txn({
      providerAccountId: 'acc-a',
      dedupeKey: 'p:1',
      bookingDate: '2025-03-02',
      amountMinor: -240,
      description: 'BACKWERK',
    });
    store.apply(page([synced], {}));
    expect(count()).toBe(1);
    const accountId = store.app.accounts.idsFor(store.connection.id).get('acc-a')!;
    expect(store.app.sightings.find(accountId, 'p:1')).toBe(fileRow);
    store.apply(page([synced], {}));
    expect(count()).toBe(1);
    expect(store.app.imports.openReviews()).toEqual([]);
  });

  it('adds a booking no imported row fits, and pending rows as they are', () => {
    store = openStore();
    store.apply(page([], {}));
    imported('2025-03-01', -240, 'Backwerk sagt danke');
    store.apply(
      page(
        [
          txn({
            providerAccountId: 'acc-a',
            dedupeKey: 'p:2',
            bookingDate: '2025-03-01',
            amountMinor: -999,
            description: 'Backwerk',
          }),
          {
            ...txn({
              providerAccountId: 'acc-a',
              dedupeKey: 'p:3',
              bookingDate: '2025-03-01',
              amountMinor: -240,
              description: 'Backwerk',
            }),
            pending: true,
          },
        ],
        {},
      ),
    );
    expect(count()).toBe(3);
    expect(store.app.imports.openReviews()).toEqual([]);
  });

  it('two bookings in one page never claim the same imported row', () => {
    store = openStore();
    store.apply(page([], {}));
    imported('2025-03-01', -240, 'Backwerk sagt danke');
    store.apply(
      page(
        [
          txn({
            providerAccountId: 'acc-a',
            dedupeKey: 'p:4',
            bookingDate: '2025-03-01',
            amountMinor: -240,
            description: 'Backwerk',
          }),
          txn({
            providerAccountId: 'acc-a',
            dedupeKey: 'p:5',
            bookingDate: '2025-03-01',
            amountMinor: -240,
            description: 'Backwerk',
          }),
        ],
        {},
      ),
    );
    expect(count()).toBe(2);
  });

  it('several imported rows that could be it: the booking is added and the user is asked, once', () => {
    store = openStore();
    store.apply(page([], {}));
    const a = imported('2025-03-01', -240, 'Backwerk Koeln');
    const b = imported('2025-03-03', -240, 'Backwerk Bonn');
    const synced = {
      ...txn({
        providerAccountId: 'acc-a',
        dedupeKey: 'p:6',
        bookingDate: '2025-03-02',
        amountMinor: -240,
        description: 'Backwerk',
      }),
      providerTransactionId: 'tl-6',
      counterpartyName: 'Backwerk GmbH',
      raw: { id: 6 },
    };
    store.apply(page([synced], {}));
    expect(count()).toBe(3);
    const reviews = store.app.imports.openReviews();
    expect(reviews).toHaveLength(1);
    const accountId = store.app.accounts.idsFor(store.connection.id).get('acc-a')!;
    const added = store.app.sightings.find(accountId, 'p:6')!;
    expect(reviews[0]).toMatchObject({ dedupeKey: 'p:6', candidates: [a, b], transactionId: added });
    expect(JSON.stringify(reviews[0])).toContain('tl-6');
    store.apply(page([synced], {}));
    expect(count()).toBe(3);
  });

  it("the synced row's merchant counts as its payee when it has no counterparty name", () => {
    store = openStore();
    store.apply(page([], {}));
    imported('2025-03-01', -990, 'Zorbix Quandle');
    const synced = {
      ...txn({
        providerAccountId: 'acc-a',
        dedupeKey: 'p:8',
        bookingDate: '2025-03-03',
        amountMinor: -990,
        description: '4711 0815',
      }),
      merchant: 'Zorbix',
    };
    store.apply(page([synced], {}));
    expect(count()).toBe(1);
  });

  it('an account no file fed takes the plain upsert', () => {
    store = openStore();
    store.apply(page([], {}));
    imported('2025-03-01', -240, 'Backwerk sagt danke');
    store.apply(
      page(
        [
          txn({
            providerAccountId: 'acc-b',
            dedupeKey: 'p:7',
            bookingDate: '2025-03-01',
            amountMinor: -240,
            description: 'Backwerk',
          }),
        ],
        {},
      ),
    );
    expect(count()).toBe(2);
  });
});
