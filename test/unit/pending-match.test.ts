import { describe, expect, it } from 'vitest';
import {
  amountFits,
  BOOKING_LAG_DAYS,
  fits,
  pairPending,
  TIP_TOLERANCE_PERCENT,
  type BookedSide,
  type PendingSide,
} from '../../src/identity/pending-match.js';

/**
 * The rule that decides which booking replaces which reservation where the provider does not say
 * (TrueLayer, Enable Banking book a card payment under a new id).
 */
const SEEN = '2026-06-10T08:00:00.000Z';
const LATER = '2026-06-12T08:00:00.000Z';

const pending = (over: Partial<PendingSide> = {}): PendingSide => ({
  key: 'p1',
  date: '2026-06-10',
  amountMinor: -2500,
  currency: 'EUR',
  texts: ['COFFEE FELLOWS', null, null],
  firstSeenAt: SEEN,
  vanishing: true,
  ...over,
});
const booked = (over: Partial<BookedSide> = {}): BookedSide => ({
  key: 'b1',
  date: '2026-06-12',
  amountMinor: -2500,
  currency: 'EUR',
  texts: ['Coffee Fellows Koeln Hbf', null, null],
  firstSeenAt: LATER,
  ...over,
});

describe('amount', () => {
  it('fits when equal, or larger by at most 20 % with the same sign (a tip)', () => {
    expect(TIP_TOLERANCE_PERCENT).toBe(20);
    expect(amountFits(-2500, -2500)).toBe(true);
    expect(amountFits(-2500, -3000)).toBe(true); // exactly 20 %
    expect(amountFits(-2500, -3001)).toBe(false); // one cent over
    expect(amountFits(-2500, -2400)).toBe(false); // a booking never shrinks a reservation here
    expect(amountFits(-2500, 2500)).toBe(false); // money in is not the booking of money out
    expect(amountFits(4000, 4800)).toBe(true);
    expect(amountFits(0, 100)).toBe(false);
    expect(amountFits(0, 0)).toBe(true);
  });
});

describe('one reservation, one booking', () => {
  it('pairs a booking 0–8 days after the pending date with similar text', () => {
    expect(BOOKING_LAG_DAYS).toBe(8);
    expect(fits(pending(), booked({ date: '2026-06-10' }))).toBe(true);
    expect(fits(pending(), booked({ date: '2026-06-18' }))).toBe(true);
    expect(fits(pending(), booked({ date: '2026-06-19' }))).toBe(false);
    expect(fits(pending(), booked({ date: '2026-06-09' }))).toBe(false);
    expect(pairPending([pending()], [booked()])).toEqual({ links: [{ pending: 'p1', booked: 'b1' }], doubtful: [] });
  });

  it('does not pair a different currency, a different payee or a booking seen before the reservation', () => {
    expect(fits(pending(), booked({ currency: 'GBP' }))).toBe(false);
    expect(fits(pending(), booked({ texts: ['REWE Markt GmbH', null, null] }))).toBe(false);
    expect(fits(pending(), booked({ firstSeenAt: '2026-06-09T08:00:00.000Z' }))).toBe(false);
    expect(pairPending([pending()], [booked({ texts: ['Lidl Dienstleistung', null, null] })])).toEqual({
      links: [],
      doubtful: [],
    });
  });

  it('pairs a tip: 25.00 reserved, 29.50 booked', () => {
    expect(pairPending([pending()], [booked({ amountMinor: -2950 })]).links).toEqual([{ pending: 'p1', booked: 'b1' }]);
  });

  it('a reservation still listed stands for a booking only if the booking came later', () => {
    const listed = pending({ vanishing: false });
    expect(fits(listed, booked())).toBe(true);
    expect(fits(listed, booked({ firstSeenAt: SEEN }))).toBe(false);
    // Gone from the list in the same sync the booking appeared: that is the booking.
    expect(fits(pending({ vanishing: true }), booked({ firstSeenAt: SEEN }))).toBe(true);
  });

  it('without words on one side, amount and date decide', () => {
    expect(fits(pending({ texts: [null, null, null] }), booked())).toBe(true);
  });
});

describe('several fits', () => {
  it('two different reservations that could both be the booking: doubtful, nothing guessed', () => {
    const a = pending({ key: 'pa', date: '2026-06-10' });
    const b = pending({ key: 'pb', date: '2026-06-11' });
    expect(pairPending([a, b], [booked()])).toEqual({ links: [], doubtful: [{ booked: 'b1', pending: ['pa', 'pb'] }] });
  });

  it('one reservation that could be either of two different bookings: doubtful', () => {
    const one = booked({ key: 'b1', date: '2026-06-11' });
    const two = booked({ key: 'b2', date: '2026-06-12' });
    const out = pairPending([pending()], [one, two]);
    expect(out.links).toEqual([]);
    expect(out.doubtful.map((d) => d.booked)).toEqual(['b1', 'b2']);
  });

  it('identical twins (two 3.20 coffees the same day) pair one to one, in order', () => {
    const p = [pending({ key: 'p1', amountMinor: -320 }), pending({ key: 'p2', amountMinor: -320 })];
    const b = [booked({ key: 'b1', amountMinor: -320 }), booked({ key: 'b2', amountMinor: -320 })];
    expect(pairPending(p, b)).toEqual({
      links: [
        { pending: 'p1', booked: 'b1' },
        { pending: 'p2', booked: 'b2' },
      ],
      doubtful: [],
    });
  });

  it('a vanishing reservation is preferred over one still listed', () => {
    const gone = pending({ key: 'gone', vanishing: true });
    const still = pending({ key: 'still', date: '2026-06-11', vanishing: false });
    expect(pairPending([still, gone], [booked()])).toEqual({ links: [{ pending: 'gone', booked: 'b1' }], doubtful: [] });
  });

  it('the same amount wins over a tip reading: 6.79 reserved books as 6.79, not as the 7.49 or 8.13 bought later', () => {
    const p = pending({ amountMinor: -679, texts: ['BACKWERK', null, 'BackWerk'] });
    const text: Array<string | null> = ['BACKWERK SAGT DANKE 0815', null, 'BackWerk'];
    const later = [
      booked({ key: 'b749', date: '2026-06-11', amountMinor: -749, texts: text }),
      booked({ key: 'b679', date: '2026-06-12', amountMinor: -679, texts: text }),
      booked({ key: 'b813', date: '2026-06-15', amountMinor: -813, texts: text }),
    ];
    expect(pairPending([p], later)).toEqual({ links: [{ pending: 'p1', booked: 'b679' }], doubtful: [] });
    // Without the exact one, two different tip readings are not guessed between.
    expect(pairPending([p], [later[0]!, later[2]!]).links).toEqual([]);
  });

  it('never pairs one reservation with two bookings', () => {
    const out = pairPending([pending()], [booked({ key: 'b1' }), booked({ key: 'b2' })]);
    expect(out.links).toEqual([{ pending: 'p1', booked: 'b1' }]);
  });
});
