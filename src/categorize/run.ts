import { PROVIDER_IDS, providerPolicy } from '../providers/registry.js';
import type Database from 'better-sqlite3';
import type { App } from '../app.js';
import type { ProviderId } from '../domain/types.js';
import { inTransaction } from '../store/db.js';
import { pipelineContext } from './context.js';
import { decide, type CategorySource, type Decision, type PipelineContext, type PipelineInput } from './pipeline.js';
import { pairTransfers } from './transfers.js';

export interface CategorizeResult {
  examined: number;
  changed: number;
  bySource: Record<CategorySource, number>;
  transfersPaired: number;
}

export interface CategorizeRow {
  id: number;
  account_id: number;
  booking_date: string;
  dedupe_key: string;
  description: string;
  merchant: string | null;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  provider_category: string | null;
  provider_classification: string | null;
  amount_minor: number;
  currency: string;
  category_id: number | null;
  category_source: string | null;
  provider: ProviderId;
  /** Plaid: the pending transaction this posted one replaced. */
  pending_of: string | null;
}

const BATCH = 5000;

/**
 * The pending row a posted one replaced, for providers that link them (each policy's
 * pendingLinkPath), as one SQL CASE built from the registry.
 */
const PENDING_OF = (() => {
  const arms = PROVIDER_IDS.flatMap((id) => {
    const p = providerPolicy(id).pendingLinkPath;
    return p ? [`WHEN '${id}' THEN json_extract(t.raw, '${p}')`] : [];
  });
  return arms.length ? `CASE c.provider ${arms.join(' ')} END` : 'NULL';
})();

/** Every transaction (or only uncategorized ones) in id order, a batch at a time. */
export function* rowBatches(app: App, opts: { uncategorizedOnly?: boolean } = {}): Generator<CategorizeRow[]> {
  const select = app.db.prepare<[number], CategorizeRow>(
    `SELECT t.id, t.account_id, t.booking_date, t.dedupe_key, t.description, t.merchant, t.counterparty_name, t.counterparty_iban,
            t.provider_category, t.provider_classification, t.amount_minor, t.currency, t.category_id, t.category_source, c.provider,
            ${PENDING_OF} AS pending_of
     FROM transactions t JOIN accounts a ON a.id = t.account_id JOIN connections c ON c.id = a.connection_id
     WHERE t.id > ? ${opts.uncategorizedOnly ? 'AND t.category_id IS NULL' : ''}
     ORDER BY t.id LIMIT ${BATCH}`,
  );
  let after = 0;
  for (;;) {
    const rows = select.all(after);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    yield rows;
    if (rows.length < BATCH) return;
  }
}

export function pipelineInput(r: CategorizeRow): PipelineInput {
  return {
    dedupeKey: r.dedupe_key,
    accountId: r.account_id,
    description: r.description,
    merchant: r.merchant,
    counterparty: r.counterparty_name,
    counterpartyIban: r.counterparty_iban,
    providerCategory: r.provider_category,
    providerClassification: r.provider_classification,
    amountMinor: r.amount_minor,
    provider: r.provider,
  };
}

/** A transfer stays a transfer on re-runs unless a stronger stage (user, rule) now says otherwise. */
export const keepsTransfer = (r: CategorizeRow, d: Decision): boolean =>
  r.category_source === 'transfer' && d.source !== 'user' && d.source !== 'rule';

const updates = new WeakMap<App['db'], Database.Statement>();

/** Writes a decision; returns whether the row changed. */
export function saveDecision(app: App, id: number, d: Decision): boolean {
  let update = updates.get(app.db);
  if (!update) {
    update = app.db.prepare(
      `UPDATE transactions SET category_id = ?, category_source = ?, category_confidence = ?, category_rule_id = ?, transfer_pair_id = NULL
       WHERE id = ? AND (category_id IS NOT ? OR category_source IS NOT ? OR category_rule_id IS NOT ?)`,
    );
    updates.set(app.db, update);
  }
  return update.run(d.categoryId, d.source, d.confidence, d.ruleId, id, d.categoryId, d.source, d.ruleId).changes > 0;
}

/**
 * Categorizes transactions: by default the ones without a category (after a sync), with
 * `all` every one again — except what the user chose themselves, which nothing overrides.
 * Transfers between the user's own accounts are paired afterwards.
 */
export function categorizeTransactions(app: App, opts: { all?: boolean; ctx?: PipelineContext } = {}): CategorizeResult {
  const ctx = opts.ctx ?? pipelineContext(app);
  const bySource: Record<CategorySource, number> = {
    user: 0,
    rule: 0,
    learned: 0,
    provider: 0,
    default: 0,
    transfer: 0,
    none: 0,
  };
  let examined = 0;
  let changed = 0;
  let earliest: string | null = null;
  for (const rows of rowBatches(app, { uncategorizedOnly: !opts.all })) {
    inTransaction(app.db, 'save categories', () => {
      for (const r of rows) {
        examined++;
        if (earliest === null || r.booking_date < earliest) earliest = r.booking_date;
        // A choice made on a pending row carries over to the posted row that replaced it.
        const own = `${r.account_id}|${r.dedupe_key}`;
        const fromPending = r.pending_of ? ctx.choices.get(`${r.account_id}|id:${r.pending_of}`) : undefined;
        if (fromPending !== undefined && !ctx.choices.has(own)) {
          app.choices.set(r.account_id, r.dedupe_key, fromPending, app.now().toISOString());
          ctx.choices.set(own, fromPending);
        }
        const d = decide(ctx, pipelineInput(r));
        if (keepsTransfer(r, d)) continue;
        bySource[d.source]++;
        if (saveDecision(app, r.id, d)) changed++;
      }
    });
  }
  // After a sync only the new rows' days can form new pairs: no need to rescan years of history.
  const transfersPaired = opts.all ? pairTransfers(app, ctx) : earliest ? pairTransfers(app, ctx, { since: earliest }) : 0;
  bySource.transfer += transfersPaired * 2;
  return { examined, changed, bySource, transfersPaired };
}
