import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import type { AccountSnapshot, TransactionSnapshot } from '../../src/domain/types.js';
import type { SyncPage } from '../../src/providers/provider.js';
import type { StoredConnection } from '../../src/store/connections.js';
import { saveTestConnection } from './pending-fixture.js';
import { applyPage } from '../../src/sync/apply-page.js';

/** A fixed instant: what these properties check never depends on the date. */
const NOW = new Date('2025-03-30T01:30:00Z');

export const ACCOUNTS: AccountSnapshot[] = [
  { providerAccountId: 'acc-a', name: 'Girokonto', kind: 'checking', currency: 'EUR', iban: null, numberHint: '1234' },
  { providerAccountId: 'acc-b', name: 'Card', kind: 'credit_card', currency: 'EUR', iban: null, numberHint: '9876' },
];

/** A Trax data dir on a real SQLite file with one connection, as the sync engine sees it. */
export interface Store {
  app: App;
  connection: StoredConnection;
  apply(page: SyncPage): void;
  /** Every stored row as a user would see it, sorted. */
  rows(): string[];
  state(): unknown;
  close(): void;
}

export function openStore(): Store {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-prop-'));
  const app = openApp(parseConfig({ TRAX_DATA_DIR: dataDir, TRAX_SECRET_KEY: 'ab'.repeat(32) }), { now: () => NOW });
  const connection = saveTestConnection(app, NOW);
  const runId = app.runs.start(connection.id, 'user', NOW.toISOString());
  return {
    app,
    connection,
    apply: (page) => void applyPage(app, connection, runId, page),
    rows: () =>
      app.db
        .prepare(
          `SELECT a.provider_account_id || '|' || t.dedupe_key || '|' || t.booking_date || '|' || t.amount_minor || '|' ||
                  t.currency || '|' || t.description || '|' || t.pending
           FROM transactions t JOIN accounts a ON a.id = t.account_id ORDER BY 1`,
        )
        .pluck()
        .all() as string[],
    state: () => app.connections.get(connection.id)!.syncState,
    close: () => {
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function txn(
  fields: Pick<TransactionSnapshot, 'providerAccountId' | 'dedupeKey' | 'bookingDate' | 'amountMinor' | 'description'>,
): TransactionSnapshot {
  return {
    providerTransactionId: null,
    bookedAt: null,
    currency: 'EUR',
    merchant: null,
    counterpartyName: null,
    counterpartyIban: null,
    pending: false,
    providerCategory: null,
    providerClassification: null,
    raw: {},
    ...fields,
  };
}

export function page(upserts: TransactionSnapshot[], state: unknown): SyncPage {
  return { accounts: ACCOUNTS, balances: [], upserts, pendingSnapshots: [], removed: [], state, warnings: [] };
}
