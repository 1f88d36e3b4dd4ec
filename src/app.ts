import { clockFrom } from './config/clock.js';
import type { Config } from './config/index.js';
import { DEFAULT_HTTP, type HttpOptions } from './providers/http-options.js';
import { loadSecretKey } from './security/key.js';
import { Vault } from './security/vault.js';
import { AccountStore } from './store/accounts.js';
import { BalanceStore } from './store/balances.js';
import { CategoryStore } from './store/categories.js';
import { ChoiceStore, RuleStore } from './store/rules.js';
import { ConnectionStore } from './store/connections.js';
import { openDatabase, type Db } from './store/db.js';
import { ImportStore } from './store/imports.js';
import { LockStore } from './store/locks.js';
import { SightingStore } from './store/sightings.js';
import { SyncRunStore } from './store/sync-runs.js';
import { TransactionStore } from './store/transactions.js';

/** Everything a command needs, built once per process and passed down (no globals). */
export interface App {
  config: Config;
  db: Db;
  vault: Vault;
  http: HttpOptions;
  connections: ConnectionStore;
  accounts: AccountStore;
  balances: BalanceStore;
  transactions: TransactionStore;
  runs: SyncRunStore;
  locks: LockStore;
  categories: CategoryStore;
  rules: RuleStore;
  choices: ChoiceStore;
  imports: ImportStore;
  sightings: SightingStore;
  now: () => Date;
  close(): void;
}

export function openApp(
  config: Config,
  overrides: { http?: Partial<HttpOptions>; now?: () => Date; checkIntegrity?: boolean } = {},
): App {
  const db = openDatabase(config.dataDir, { checkIntegrity: overrides.checkIntegrity });
  try {
    const vault = new Vault(loadSecretKey(config.dataDir, config.secretKeyHex));
    const now = overrides.now ?? clockFrom(config.clockStart);
    const categories = new CategoryStore(db);
    categories.ensureDefaults(now().toISOString());
    return {
      config,
      db,
      vault,
      http: { ...DEFAULT_HTTP, ...overrides.http },
      connections: new ConnectionStore(db),
      accounts: new AccountStore(db),
      balances: new BalanceStore(db),
      transactions: new TransactionStore(db),
      runs: new SyncRunStore(db),
      locks: new LockStore(db),
      categories,
      rules: new RuleStore(db),
      choices: new ChoiceStore(db),
      imports: new ImportStore(db),
      sightings: new SightingStore(db),
      now,
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    throw e;
  }
}
