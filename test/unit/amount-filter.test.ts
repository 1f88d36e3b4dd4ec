import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/search/parse.js';
import { amountToken } from '../../src/web/routes/amount-filter.js';

const term = (min: string | undefined, max: string | undefined) => parseQuery(amountToken(min, max));

describe("the transaction list's amount fields", () => {
  it('compare the size for a bare number and the signed amount for a signed one, as the search box does', () => {
    expect(term('50', undefined)).toEqual({
      terms: [{ kind: 'amount', signed: false, min: '50', minStrict: false, max: null, maxStrict: false, negated: false }],
      warnings: [],
    });
    expect(term(undefined, '-20').terms).toEqual([
      { kind: 'amount', signed: true, min: null, minStrict: false, max: '-20', maxStrict: false, negated: false },
    ]);
    expect(term('50', '100,5').terms).toEqual([
      { kind: 'amount', signed: false, min: '50', minStrict: false, max: '100.5', maxStrict: false, negated: false },
    ]);
    expect(term('-100', '-50').terms[0]).toMatchObject({ signed: true, min: '-100', max: '-50' });
    expect(amountToken(undefined, undefined)).toBe('');
  });
});
