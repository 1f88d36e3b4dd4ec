/**
 * One sync page into a real SQLite file: balances, removals by account or by connection, a page
 * that names an account it did not send (nothing written), a failing write named as the sync's,
 * and the crash-test hook (inert unless TRAX_TEST_KILL_AT_PAGE is set).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, page, txn, type Store } from '../property/sync-fixture.js';

let store: Store;
afterEach(() => {
  store.close();
  vi.restoreAllMocks();
  delete process.env.TRAX_TEST_KILL_AT_PAGE;
});

const a1 = txn({ providerAccountId: 'acc-a', dedupeKey: 'k1', bookingDate: '2025-03-01', amountMinor: -100, description: 'one' });
const b1 = txn({ providerAccountId: 'acc-b', dedupeKey: 'k1', bookingDate: '2025-03-01', amountMinor: -200, description: 'one' });
const a2 = txn({ providerAccountId: 'acc-a', dedupeKey: 'k2', bookingDate: '2025-03-02', amountMinor: -300, description: 'two' });

describe('applying a page', () => {
  it('records the balances of the accounts it sends', () => {
    store = openStore();
    store.apply({
      ...page([], {}),
      balances: [
        { providerAccountId: 'acc-b', currency: 'EUR', currentMinor: -4100, availableMinor: 95900, asOf: '2025-03-29T10:00:00Z' },
      ],
    });
    expect(store.app.db.prepare('SELECT as_of_date, current_minor, available_minor, currency FROM balances').all()).toEqual([
      { as_of_date: '2025-03-29', current_minor: -4100, available_minor: 95900, currency: 'EUR' },
    ]);
  });

  it("removes a row from the account named, or by its key from any of the connection's accounts", () => {
    store = openStore();
    store.apply(page([a1, b1, a2], {}));
    store.apply({ ...page([], {}), removed: [{ providerAccountId: 'acc-a', dedupeKey: 'k1' }] });
    expect(store.rows().map((r) => r.split('|').slice(0, 2).join('|'))).toEqual(['acc-a|k2', 'acc-b|k1']);
    store.apply({ ...page([], {}), removed: [{ providerAccountId: null, dedupeKey: 'k1' }] });
    expect(store.rows().map((r) => r.split('|').slice(0, 2).join('|'))).toEqual(['acc-a|k2']);
  });

  it('refuses a page that refers to an account it does not know, writing nothing of it', () => {
    store = openStore();
    store.apply(page([a1], { cursor: 1 }));
    const before = store.rows();
    const stray = txn({
      providerAccountId: 'acc-z',
      dedupeKey: 'z',
      bookingDate: '2025-03-01',
      amountMinor: -1,
      description: 'z',
    });
    expect(() => store.apply(page([a2, stray], { cursor: 2 }))).toThrow('page refers to unknown account acc-z');
    expect(store.rows()).toEqual(before);
    expect(store.state()).toEqual({ cursor: 1 });
  });

  it('a write the database refuses is reported as failing to save synced data', () => {
    store = openStore();
    expect(() =>
      store.apply({
        ...page([], {}),
        balances: [
          {
            providerAccountId: 'acc-a',
            currency: 'EUR',
            currentMinor: null as unknown as number,
            availableMinor: null,
            asOf: '2025-03-29T10:00:00Z',
          },
        ],
      }),
    ).toThrow(/^Could not save synced data: /);
  });
});

describe('the crash-test hook', () => {
  it('with TRAX_TEST_KILL_AT_PAGE=2, SIGKILLs the process on the second page it applies, not before', async () => {
    store = openStore();
    process.env.TRAX_TEST_KILL_AT_PAGE = '2';
    vi.resetModules();
    const { applyPage } = await import('../../src/sync/apply-page.js');
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    const runId = store.app.runs.start(store.connection.id, 'user', '2025-03-30T01:30:00.000Z');
    applyPage(store.app, store.connection, runId, page([a1], {}));
    expect(kill).not.toHaveBeenCalled();
    applyPage(store.app, store.connection, runId, page([a2], {}));
    expect(kill).toHaveBeenCalledTimes(1);
    expect(kill).toHaveBeenCalledWith(process.pid, 'SIGKILL');
    applyPage(store.app, store.connection, runId, page([b1], {}));
    expect(kill).toHaveBeenCalledTimes(1);
  });
});
