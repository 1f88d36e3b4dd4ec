import type { App } from '../app.js';
import type { ProviderId } from '../domain/types.js';
import { inTransaction } from '../store/db.js';
import { pipelineContext } from './context.js';
import { decide, type CategorySource, type PipelineContext } from './pipeline.js';
import { pairTransfers } from './transfers.js';

export interface CategorizeResult {
  examined: number;
  changed: number;
  bySource: Record<CategorySource, number>;
  transfersPaired: number;
}

interface Row {
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
  category_id: number | null;
  category_source: string | null;
  provider: ProviderId;
  /** Plaid: the pending transaction this posted one replaced. */
  pending_of: string | null;
}

const BATCH = 5000;

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
  const select = app.db.prepare<[number], Row>(
    `SELECT t.id, t.account_id, t.booking_date, t.dedupe_key, t.description, t.merchant, t.counterparty_name, t.counterparty_iban,
            t.provider_category, t.provider_classification, t.amount_minor, t.category_id, t.category_source, c.provider,
            CASE WHEN c.provider = 'plaid' THEN json_extract(t.raw, '$.pending_transaction_id') END AS pending_of
     FROM transactions t JOIN accounts a ON a.id = t.account_id JOIN connections c ON c.id = a.connection_id
     WHERE t.id > ? ${opts.all ? '' : 'AND t.category_id IS NULL'}
     ORDER BY t.id LIMIT ${BATCH}`,
  );
  const update = app.db.prepare(
    `UPDATE transactions SET category_id = ?, category_source = ?, category_confidence = ?, category_rule_id = ?, transfer_pair_id = NULL
     WHERE id = ? AND (category_id IS NOT ? OR category_source IS NOT ? OR category_rule_id IS NOT ?)`,
  );
  let examined = 0;
  let changed = 0;
  let after = 0;
  let earliest: string | null = null;
  for (;;) {
    const rows = select.all(after);
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
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
        const d = decide(ctx, {
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
        });
        // A transfer stays a transfer on re-runs unless a stronger stage (user, rule) now says otherwise.
        if (r.category_source === 'transfer' && d.source !== 'user' && d.source !== 'rule') continue;
        bySource[d.source]++;
        changed += update.run(d.categoryId, d.source, d.confidence, d.ruleId, r.id, d.categoryId, d.source, d.ruleId).changes;
      }
    });
    if (rows.length < BATCH) break;
  }
  // After a sync only the new rows' days can form new pairs: no need to rescan years of history.
  const transfersPaired = opts.all ? pairTransfers(app, ctx) : earliest ? pairTransfers(app, ctx, { since: earliest }) : 0;
  bySource.transfer += transfersPaired * 2;
  return { examined, changed, bySource, transfersPaired };
}
