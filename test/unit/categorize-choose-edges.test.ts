/**
 * The edges of choosing a category that the main choose tests leave open (each found as a
 * surviving mutant, docs/mutation.md): the kind of error a refusal carries (the CLI's exit code
 * and JSON error follow it), a second choice adding to what the model learned rather than
 * replacing it, the sentence when another Trax holds the database, and "similar" applying the
 * rule it just added when the user already has rules.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseCategory, similarConditions } from '../../src/categorize/choose.js';
import { loadClassifier } from '../../src/categorize/context.js';
import type { TransactionSnapshot } from '../../src/domain/types.js';
import { bookedRow, fullState, insert, ledgersPerTest, type Ledger } from '../property/categorize-ledger.js';

const newLedger = ledgersPerTest();
const locks: Database.Database[] = [];
afterEach(() => {
  for (const db of locks.splice(0)) db.close();
});

let serial = 0;
const row = (description: string, amountMinor: number, over: Partial<TransactionSnapshot> = {}) => {
  const n = ++serial;
  return bookedRow(0, `e${n}`, `2026-02-${String(1 + (n % 20)).padStart(2, '0')}`, amountMinor, description, over);
};

function ledger(rows: ReturnType<typeof row>[]): { l: Ledger; ids: number[] } {
  const l = newLedger();
  insert(l, rows);
  const shopping = l.app.categories.resolve('shopping').id;
  l.app.db
    .prepare(`UPDATE transactions SET category_id = ?, category_source = 'default', category_confidence = 0.7`)
    .run(shopping);
  const ids = rows.map(
    (r) => l.app.db.prepare('SELECT id FROM transactions WHERE dedupe_key = ?').pluck().get(r.dedupeKey) as number,
  );
  return { l, ids };
}

const slugOf = (l: Ledger, id: number) =>
  l.app.db.prepare('SELECT c.slug FROM transactions t JOIN categories c ON c.id = t.category_id WHERE t.id = ?').pluck().get(id);

const codeOf = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
  return 'no error';
};

describe('refusals carry their kind', () => {
  it('nothing to recognize is a usage error; an unknown id is not_found', () => {
    expect(codeOf(() => similarConditions({ merchant: null, description: '4711', amount_minor: -5 }))).toBe('usage');
    const { l } = ledger([row('KIOSK', -1)]);
    expect(codeOf(() => chooseCategory(l.app, 9999, 'groceries'))).toBe('not_found');
  });
});

describe('what the model keeps', () => {
  it('a second choice is learned on top of the first, not instead of it', () => {
    const { l, ids } = ledger([row('BLUMEN RISSE KOELN', -1200), row('STADTWERKE BONN STROM', -8000)]);
    chooseCategory(l.app, ids[0]!, 'gifts');
    chooseCategory(l.app, ids[1]!, 'utilities');
    const model = loadClassifier(l.app)!;
    expect(model.predict({ description: 'BLUMEN RISSE KOELN', merchant: null, amountMinor: -1200 })?.category).toBe('gifts');
    expect(model.predict({ description: 'STADTWERKE BONN STROM', merchant: null, amountMinor: -8000 })?.category).toBe(
      'utilities',
    );
  });
});

describe('another Trax holding the database', () => {
  it('a choice says it could not be saved and why, and nothing changes', () => {
    const { l, ids } = ledger([row('KIOSK AM ECK', -350)]);
    // Fail at once instead of waiting the usual five seconds for the lock.
    l.app.db.pragma('busy_timeout = 0');
    const before = fullState(l.app);
    const other = new Database(l.app.db.name);
    locks.push(other);
    other.exec('BEGIN IMMEDIATE');
    expect(() => chooseCategory(l.app, ids[0]!, 'groceries')).toThrow(
      'Could not save your category: the database is locked by another Trax process',
    );
    other.exec('ROLLBACK');
    expect(fullState(l.app)).toEqual(before);
  });
});

describe('"similar" next to rules the user already has', () => {
  it('applies the rule it added, not one of theirs', () => {
    const { l, ids } = ledger([
      row('HAUSVERWALTUNG RHEINBLICK MIETE', -90000),
      row('HAUSVERWALTUNG RHEINBLICK MIETE', -90000),
      row('STADTBIBLIOTHEK GEBUEHR', -500),
      row('STADTBIBLIOTHEK GEBUEHR', -700),
    ]);
    // Stored, not applied: its rows still show the pipeline's category. It sorts before the new
    // rule (priority 10 < 50, lower id).
    l.app.rules.add(
      {
        name: 'Library',
        priority: 10,
        conditions: { description: { contains: 'stadtbibliothek' } },
        categoryId: l.app.categories.resolve('education').id,
      },
      l.app.now().toISOString(),
    );
    const r = chooseCategory(l.app, ids[0]!, 'housing', { similar: true });
    expect(r.similar).toBe(1);
    expect(ids.map((id) => slugOf(l, id))).toEqual(['housing', 'housing', 'shopping', 'shopping']);
  });
});
