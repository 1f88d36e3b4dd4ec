import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { chooseCategory } from '../../src/categorize/choose.js';
import { providerPolicy } from '../../src/providers/registry.js';
import { syncAll } from '../../src/sync/engine.js';
import { runCli } from '../helpers/trax.js';
import type { ContractWorld, ProviderAdapter } from './adapters/adapter.js';

/**
 * The behaviour every provider must show, written once and run against each provider's emulator
 * (test/contract/<id>.test.ts). A new provider passes this suite with one adapter
 * (test/contract/adapters/<id>.ts) and nothing else here changed.
 */

/** What a user sees of every stored row (provider ids left out: they are each provider's own). */
function rows(app: App): string[] {
  return app.db
    .prepare(
      `SELECT t.account_id || '|' || t.dedupe_key || '|' || t.booking_date || '|' || t.amount_minor || '|' || t.currency
              || '|' || t.description || '|' || t.pending
       FROM transactions t ORDER BY 1`,
    )
    .pluck()
    .all() as string[];
}

const count = (app: App, sql: string, ...params: unknown[]) =>
  app.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

export function providerContract(adapter: ProviderAdapter): void {
  describe(`provider contract: ${adapter.id}`, () => {
    let w: ContractWorld;
    beforeEach(async () => {
      w = await adapter.open();
    });
    afterEach(async () => {
      await w.close();
    });

    it('refuses a consent return Trax did not start, and stores nothing', async () => {
      const r = await w.forgedReturn();
      expect(r.refused).toBe(true);
      expect(r.message.length).toBeGreaterThan(10);
      expect(count(w.app, 'SELECT count(*) FROM connections')).toBe(0);
      expect(count(w.app, 'SELECT count(*) FROM transactions')).toBe(0);
    });

    it('the first sync fills accounts and transactions; a second `trax sync` changes nothing', async () => {
      const id = await w.link(0);
      expect(count(w.app, 'SELECT count(*) FROM accounts WHERE connection_id = ?', id)).toBeGreaterThan(0);
      const first = rows(w.app);
      expect(first.length).toBeGreaterThan(20);
      const r = await runCli(['sync'], w.env);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('✔');
      expect(rows(w.app)).toEqual(first);
    });

    it('a reservation that books leaves one booked row, no pending copy, and the category the user gave it', async () => {
      await w.link(0);
      const pending = w.app.db
        .prepare(`SELECT id, account_id, dedupe_key, amount_minor FROM transactions WHERE pending = 1 ORDER BY booking_date, id`)
        .all() as Array<{ id: number; account_id: number; dedupe_key: string; amount_minor: number }>;
      expect(pending.length).toBeGreaterThan(0);
      const chosen = pending[0]!;
      chooseCategory(w.app, chosen.id, 'gifts');
      w.bookPending();
      const outcomes = await syncAll(w.app, { trigger: 'user' });
      expect(outcomes.map((o) => o.status)).toEqual(outcomes.map(() => 'done'));
      // None of the reservations is still there as a pending row (each booked, whatever its new id).
      for (const p of pending)
        expect(
          count(
            w.app,
            'SELECT count(*) FROM transactions WHERE account_id = ? AND dedupe_key = ? AND pending = 1',
            p.account_id,
            p.dedupe_key,
          ),
        ).toBe(0);
      // The user's category now sits on exactly one row: the booking of that reservation.
      const gifts = w.app.db
        .prepare(
          `SELECT t.pending, t.amount_minor FROM transactions t JOIN categories c ON c.id = t.category_id WHERE c.slug = 'gifts'`,
        )
        .all() as Array<{ pending: number; amount_minor: number }>;
      expect(gifts).toHaveLength(1);
      expect(gifts[0]!.pending).toBe(0);
      expect(Math.abs(gifts[0]!.amount_minor)).toBeGreaterThanOrEqual(Math.abs(chosen.amount_minor));
      expect(Math.abs(gifts[0]!.amount_minor) * 100).toBeLessThanOrEqual(Math.abs(chosen.amount_minor) * 120);
      // And syncing again neither brings a reservation back nor adds a row.
      const settled = rows(w.app);
      await syncAll(w.app, { trigger: 'user' });
      expect(rows(w.app)).toEqual(settled);
    });

    it('an expired consent marks the connection needs_reauth and `trax sync` says how to relink', async () => {
      const id = await w.link(0);
      const before = rows(w.app);
      w.expireConsent(id);
      const r = await runCli(['sync'], w.env);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain(providerPolicy(adapter.id).relinkHint(id));
      expect(w.app.connections.get(id)!.status).toBe('needs_reauth');
      expect(rows(w.app)).toEqual(before);
    });

    it('429: the sync reports rate_limited, keeps every row, and the next sync completes', async () => {
      const id = await w.link(0);
      const before = rows(w.app);
      w.rateLimit();
      const [limited] = await syncAll(w.app, { trigger: 'user' });
      expect(limited!.status).toBe('failed');
      expect(limited!.error?.code).toBe('rate_limited');
      expect(rows(w.app)).toEqual(before);
      w.resetFaults();
      const [again] = await syncAll(w.app, { trigger: 'user' });
      expect(again!.status).toBe('done');
      const after = new Set(rows(w.app));
      expect(before.filter((r) => !after.has(r))).toEqual([]);
      expect(w.app.connections.get(id)!.status).toBe('active');
    });

    it('one failing connection never stops another', async () => {
      const failing = await w.link(0);
      const fine = await w.link(1);
      w.expireConsent(failing);
      const runsBefore = count(w.app, `SELECT count(*) FROM sync_runs WHERE connection_id = ? AND status = 'done'`, fine);
      const r = await runCli(['sync'], w.env);
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain('✖');
      expect(r.stdout + r.stderr).toContain('✔');
      expect(w.app.connections.get(failing)!.status).toBe('needs_reauth');
      expect(w.app.connections.get(fine)!.status).toBe('active');
      expect(count(w.app, `SELECT count(*) FROM sync_runs WHERE connection_id = ? AND status = 'done'`, fine)).toBe(
        runsBefore + 1,
      );
    });

    it('`trax disconnect` revokes access at the provider and keeps the history', async () => {
      const id = await w.link(0);
      const before = rows(w.app);
      expect(w.sawRevoke(id)).toBe(false);
      const r = await runCli(['disconnect', id], w.env);
      expect(r.code, r.stderr).toBe(0);
      expect(w.sawRevoke(id)).toBe(true);
      expect(w.app.connections.get(id)!.status).toBe('revoked');
      expect(rows(w.app)).toEqual(before);
    });
  });
}
