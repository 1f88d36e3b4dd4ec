/**
 * The named-account rule from the outflow's side (found as surviving mutants, docs/mutation.md):
 * a payment that names one of the user's own accounts by IBAN pairs only with a row on that
 * account, never with an inflow of the same amount on another own account, and is still a
 * one-sided transfer.
 */
import { describe, expect, it } from 'vitest';
import { pipelineContext } from '../../src/categorize/context.js';
import { pairTransfers } from '../../src/categorize/transfers.js';
import type { TransactionSnapshot } from '../../src/domain/types.js';
import { bookedRow, FIXED_NOW, insert, ledgersPerTest, type Ledger } from '../property/categorize-ledger.js';

const newLedger = ledgersPerTest();

let serial = 0;
const row = (account: 0 | 1, bookingDate: string, amountMinor: number, over: Partial<TransactionSnapshot> = {}) => {
  const n = ++serial;
  return bookedRow(account, `n${n}`, bookingDate, amountMinor, `row ${n}`, over);
};

const JOINT_IBAN = 'DE89370400440532013000';

/** Two accounts (Current, Savings) and a third, Joint, known by its IBAN. */
function ledger(): { l: Ledger; joint: number } {
  const l = newLedger();
  const conn = l.app.connections.list()[0]!;
  const ids = l.app.accounts.upsert(
    conn.id,
    'truelayer',
    [{ providerAccountId: 'c', name: 'Joint', kind: 'checking', currency: 'EUR', iban: JOINT_IBAN, numberHint: null }],
    FIXED_NOW.toISOString(),
  );
  return { l, joint: ids.get('c')! };
}

const state = (l: Ledger) =>
  l.app.db
    .prepare(
      `SELECT t.dedupe_key AS key, c.slug, t.category_confidence AS confidence,
              (SELECT p.dedupe_key FROM transactions p WHERE p.id = t.transfer_pair_id) AS pair
       FROM transactions t LEFT JOIN categories c ON c.id = t.category_id ORDER BY t.booking_date, t.id`,
    )
    .all();

describe('a payment naming one own account', () => {
  it('does not pair with the same amount arriving on another own account', () => {
    const { l } = ledger();
    const toJoint = row(0, '2026-01-10', -2500, { counterpartyIban: JOINT_IBAN });
    const savingsIn = row(1, '2026-01-10', 2500);
    insert(l, [toJoint, savingsIn]);
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(0);
    expect(state(l)).toEqual([
      { key: toJoint.dedupeKey, slug: 'transfers', confidence: 0.8, pair: null },
      { key: savingsIn.dedupeKey, slug: null, confidence: null, pair: null },
    ]);
  });

  it('pairs with the row on the account it names, passing over a closer one elsewhere', () => {
    const { l, joint } = ledger();
    const toJoint = row(0, '2026-01-10', -2500, { counterpartyIban: JOINT_IBAN });
    const savingsIn = row(1, '2026-01-10', 2500);
    insert(l, [toJoint, savingsIn]);
    const jointIn = { ...row(1, '2026-01-12', 2500), providerAccountId: 'c' };
    l.app.transactions.upsert(joint, [jointIn], FIXED_NOW.toISOString(), { added: 0, modified: 0, removed: 0 });
    expect(pairTransfers(l.app, pipelineContext(l.app))).toBe(1);
    expect(state(l)).toEqual([
      { key: toJoint.dedupeKey, slug: 'transfers', confidence: 0.9, pair: jointIn.dedupeKey },
      { key: savingsIn.dedupeKey, slug: null, confidence: null, pair: null },
      { key: jointIn.dedupeKey, slug: 'transfers', confidence: 0.9, pair: toJoint.dedupeKey },
    ]);
  });
});
