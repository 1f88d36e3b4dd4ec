import { describe, expect, it } from 'vitest';
import { minorBounds } from '../../src/search/amount.js';
import { datePeriod, formatTerms, parseQuery, type Term } from '../../src/search/parse.js';

const terms = (q: string): Term[] => {
  const p = parseQuery(q);
  expect(p.warnings, q).toEqual([]);
  return p.terms;
};

describe('search query parser', () => {
  it('reads words, phrases and negated words', () => {
    expect(terms('rewe "sagt danke" -work')).toEqual([
      { kind: 'text', value: 'rewe', phrase: false, negated: false },
      { kind: 'text', value: 'sagt danke', phrase: true, negated: false },
      { kind: 'text', value: 'work', phrase: false, negated: true },
    ]);
  });

  it('reads amounts: unsigned compares the size, a sign compares the signed amount, German commas too', () => {
    const base = { kind: 'amount', negated: false };
    expect(terms('>50')).toEqual([{ ...base, signed: false, min: '50', minStrict: true, max: null, maxStrict: false }]);
    expect(terms('>=50')).toEqual([{ ...base, signed: false, min: '50', minStrict: false, max: null, maxStrict: false }]);
    expect(terms('<-20')).toEqual([{ ...base, signed: true, min: null, minStrict: false, max: '-20', maxStrict: true }]);
    expect(terms('<=+20')).toEqual([{ ...base, signed: true, min: null, minStrict: false, max: '20', maxStrict: false }]);
    expect(terms('=12,99')).toEqual([{ ...base, signed: false, min: '12.99', minStrict: false, max: '12.99', maxStrict: false }]);
    expect(terms('50..100')).toEqual([{ ...base, signed: false, min: '50', minStrict: false, max: '100', maxStrict: false }]);
    expect(terms('-100..-50')).toEqual([{ ...base, signed: true, min: '-100', minStrict: false, max: '-50', maxStrict: false }]);
    expect(terms('-4.20 +1500')).toEqual([
      { ...base, signed: true, min: '-4.20', minStrict: false, max: '-4.20', maxStrict: false },
      { ...base, signed: true, min: '1500', minStrict: false, max: '1500', maxStrict: false },
    ]);
    expect(terms('amount:>1.5')).toEqual([{ ...base, signed: false, min: '1.5', minStrict: true, max: null, maxStrict: false }]);
    expect(terms('-amount:<5')).toEqual([
      { kind: 'amount', negated: true, signed: false, min: null, minStrict: false, max: '5', maxStrict: true },
    ]);
  });

  it('reads years, months and days as [from, to) periods, and from:/to: as open ones', () => {
    expect(terms('2026')).toEqual([{ kind: 'date', from: '2026-01-01', to: '2027-01-01', negated: false }]);
    expect(terms('2026-12')).toEqual([{ kind: 'date', from: '2026-12-01', to: '2027-01-01', negated: false }]);
    expect(terms('2024-02-29')).toEqual([{ kind: 'date', from: '2024-02-29', to: '2024-03-01', negated: false }]);
    expect(terms('from:2026-10 to:2026-11-30')).toEqual([
      { kind: 'date', from: '2026-10-01', to: null, negated: false },
      { kind: 'date', from: null, to: '2026-12-01', negated: false },
    ]);
    expect(terms('-2025')).toEqual([{ kind: 'date', from: '2025-01-01', to: '2026-01-01', negated: true }]);
    expect(datePeriod('2026-13')).toBeNull();
    expect(datePeriod('2025-02-29')).toBeNull();
  });

  it('reads field filters, note phrases and pending, each negatable', () => {
    expect(terms('account:Giro category:groceries -tag:Work source:file note:"Urlaub Sylt" pending -is:pending')).toEqual([
      { kind: 'field', key: 'account', value: 'Giro', negated: false },
      { kind: 'field', key: 'category', value: 'groceries', negated: false },
      { kind: 'field', key: 'tag', value: 'work', negated: true },
      { kind: 'field', key: 'source', value: 'file', negated: false },
      { kind: 'note', value: 'Urlaub Sylt', negated: false },
      { kind: 'pending', negated: false },
      { kind: 'pending', negated: true },
    ]);
    expect(terms('account:"Tagesgeld Plus"')).toEqual([
      { kind: 'field', key: 'account', value: 'Tagesgeld Plus', negated: false },
    ]);
  });

  it('names each token it did not understand in one sentence and still searches the rest', () => {
    const p = parseQuery('rewe >abc 2026-13 colour:red from:gestern "" - amazon');
    expect(p.terms).toEqual([
      { kind: 'text', value: 'rewe', phrase: false, negated: false },
      { kind: 'text', value: 'amazon', phrase: false, negated: false },
    ]);
    expect(p.warnings).toEqual([
      'Did not understand ">abc": not an amount (write >50, <-20, =12.99 or 50..100); searched the rest.',
      'Did not understand "2026-13": not a date (write 2026, 2026-10 or 2026-10-05); searched the rest.',
      'Did not understand "colour:red": an unknown filter "colour:" (known: account: category: tag: source: note: from: to:); searched the rest.',
      'Did not understand "from:gestern": not a date (write from:2026-10-05, from:2026-10 or from:2026); searched the rest.',
      'Did not understand """": an empty phrase; searched the rest.',
      'Did not understand "-": it stands alone (put it right before the word to leave out, e.g. -work); searched the rest.',
    ]);
  });

  it('writes terms back as a query that parses to the same terms', () => {
    const q =
      'rewe "sagt danke" -tag:work >50 -100..-50 =12.99 2026-10 from:2026-01-05 to:2026-03 note:"x y" pending account:"A B"';
    const t = terms(q);
    expect(terms(formatTerms(t))).toEqual(t);
  });
});

describe('amount bounds in minor units', () => {
  it('are exact per currency: no float rounds ">12.999" or "=12.999" either way', () => {
    expect(minorBounds('12.999', true, null, false, 2)).toEqual({ lo: 1300, hi: null });
    expect(minorBounds('12.999', false, '12.999', false, 2)).toBeNull();
    expect(minorBounds('12.999', false, '12.999', false, 3)).toEqual({ lo: 12999, hi: 12999 });
    expect(minorBounds('50', true, null, false, 0)).toEqual({ lo: 51, hi: null });
    expect(minorBounds(null, false, '-20', true, 2)).toEqual({ lo: null, hi: -2001 });
    expect(minorBounds('-0.015', false, '-0.005', false, 2)).toEqual({ lo: -1, hi: -1 });
    expect(minorBounds('0.1', false, '0.2', false, 2)).toEqual({ lo: 10, hi: 20 });
  });
});
