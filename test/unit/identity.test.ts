import { describe, expect, it } from 'vitest';
import { dedupeKeys } from '../../src/providers/truelayer/identity.js';

const row = (over: Partial<Parameters<typeof dedupeKeys>[0][number]> = {}) => ({
  normalisedId: undefined,
  providerId: undefined,
  bookingDate: '2026-10-02',
  amountMinor: -320,
  currency: 'EUR',
  description: 'Café  Kaiser',
  ...over,
});

describe('TrueLayer transaction identity', () => {
  it('prefers normalised_provider_transaction_id, then provider_transaction_id', () => {
    const [a, b] = dedupeKeys([row({ normalisedId: 'txn-1', providerId: 'p-1' }), row({ providerId: 'p-2' })]);
    expect(a).toBe('n:txn-1');
    expect(b).toBe('p:p-2');
  });

  it('gives identical same-day rows distinct keys by ordinal, whatever the order', () => {
    const two = dedupeKeys([row(), row()]);
    expect(new Set(two).size).toBe(2);
    const other = dedupeKeys([row({ amountMinor: -100 }), row(), row()]);
    expect(other.slice(1)).toEqual(two);
  });

  it('ignores case and spacing differences in the description', () => {
    expect(dedupeKeys([row({ description: 'CAFÉ KAISER' })])).toEqual(dedupeKeys([row()]));
    expect(dedupeKeys([row({ description: 'Other shop' })])).not.toEqual(dedupeKeys([row()]));
  });

  it('keeps pending keys apart from settled ones', () => {
    expect(dedupeKeys([row()], 'pending:')[0]).toMatch(/^pending:f:/);
  });
});
