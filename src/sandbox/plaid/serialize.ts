import { isoSeconds } from './dates.js';
import { plaidId } from './ids.js';
import { institutionLogo, type InstitutionDef } from './institutions.js';
import type { AccountSpec } from './personas/index.js';
import type { ItemRecord, SandboxState } from './state.js';
import type { LiveRow } from './sync/ledger.js';

/** Internal records → Plaid JSON, field for field as the 2020-09-14 OpenAPI spec describes. */

export function accountId(item: ItemRecord, accountKey: string): string {
  return plaidId(item.itemId, 'account', accountKey);
}

/** Minor units → Plaid's decimal amounts, without float noise (12.3 not 12.299999). */
export function major(cents: number): number {
  return Math.round(cents) / 100;
}

export function accountJson(item: ItemRecord, spec: AccountSpec): Record<string, unknown> {
  const opening = item.persona.openingCents(spec.key, item.ledger.historyStart);
  const { postedCents, pendingCents } = item.ledger.totals(spec.key);
  let current: number;
  let available: number;
  if (spec.type === 'credit') {
    // Credit balances are the amount owed; purchases (positive amounts) raise it.
    current = opening + postedCents;
    available = (spec.limitCents ?? 0) - current - pendingCents;
  } else {
    current = opening - postedCents;
    available = current - Math.max(0, pendingCents);
  }
  return {
    account_id: accountId(item, spec.key),
    balances: {
      available: major(available),
      current: major(current),
      iso_currency_code: spec.currency,
      limit: spec.limitCents === null ? null : major(spec.limitCents),
      unofficial_currency_code: null,
    },
    holder_category: 'personal',
    mask: spec.mask,
    name: spec.name,
    official_name: spec.officialName,
    subtype: spec.subtype,
    type: spec.type,
  };
}

const CHANNEL_TYPE: Record<string, string> = { online: 'digital', 'in store': 'place', other: 'special' };

export function transactionJson(
  item: ItemRecord,
  row: LiveRow,
  opts: { includeOriginalDescription: boolean },
): Record<string, unknown> {
  const spec = row.spec;
  const name = row.pending ? (spec.pendingName ?? spec.name) : spec.name;
  const currency = item.persona.currency;
  const entity = (n: string) => plaidId('merchant', n);
  return {
    account_id: accountId(item, row.accountKey),
    account_owner: null,
    amount: major(row.amountCents),
    authorized_date: spec.authDay,
    authorized_datetime: null,
    category: null,
    category_id: null,
    check_number: null,
    counterparties: spec.counterparty
      ? [
          {
            name: spec.counterparty.name,
            type: spec.counterparty.type,
            entity_id: entity(spec.counterparty.name),
            website: spec.website,
            logo_url: null,
            confidence_level: spec.merchantName ? 'VERY_HIGH' : 'HIGH',
            phone_number: null,
          },
        ]
      : [],
    date: row.date,
    datetime: null,
    iso_currency_code: currency,
    location: {
      address: null,
      city: spec.inStore?.city ?? null,
      region: spec.inStore?.region ?? null,
      postal_code: null,
      country: spec.inStore?.country ?? null,
      lat: null,
      lon: null,
      store_number: null,
    },
    logo_url: null,
    merchant_entity_id: spec.merchantName ? entity(spec.merchantName) : null,
    merchant_name: spec.merchantName,
    name,
    original_description: opts.includeOriginalDescription ? name : null,
    payment_channel: spec.channel,
    payment_meta: {
      by_order_of: null,
      payee: null,
      payer: null,
      payment_method: null,
      payment_processor: null,
      ppd_id: null,
      reason: null,
      reference_number: null,
    },
    pending: row.pending,
    pending_transaction_id: row.pendingId,
    personal_finance_category: { ...spec.pfc },
    personal_finance_category_icon_url: `https://plaid-category-icons.plaid.com/PFC_${spec.pfc.primary}.png`,
    transaction_code: spec.code,
    transaction_id: row.id,
    transaction_type: CHANNEL_TYPE[spec.channel] ?? 'special',
    unofficial_currency_code: null,
    website: spec.website,
  };
}

export function itemJson(state: SandboxState, item: ItemRecord): Record<string, unknown> {
  const inst = item.institution;
  const billed = item.products.filter((p) => p !== 'balance').sort();
  return {
    auth_method: null,
    available_products: inst.products.filter((p) => !billed.includes(p)).sort(),
    billed_products: billed,
    consent_expiration_time: item.consentExpiresAt ? isoSeconds(item.consentExpiresAt) : null,
    consented_data_scopes: ['account_balance_info', 'transactions'],
    consented_products: billed,
    consented_use_cases: [],
    created_at: isoSeconds(item.createdAt),
    error: state.itemError(item)?.embedded() ?? null,
    institution_id: inst.institutionId,
    institution_name: inst.name,
    item_id: item.itemId,
    products: billed,
    update_type: 'background',
    webhook: item.webhook,
  };
}

export function itemStatusJson(item: ItemRecord): Record<string, unknown> {
  return {
    investments: null,
    last_webhook: item.lastWebhook ? { code_sent: item.lastWebhook.code, sent_at: isoSeconds(item.lastWebhook.sentAt) } : null,
    transactions: { last_failed_update: null, last_successful_update: isoSeconds(item.lastSyncAt ?? item.createdAt) },
  };
}

export function institutionJson(
  inst: InstitutionDef,
  options: { includeOptionalMetadata: boolean; includeStatus: boolean },
  now: Date,
): Record<string, unknown> {
  const meta = options.includeOptionalMetadata;
  const out: Record<string, unknown> = {
    country_codes: [inst.country],
    dtc_numbers: [],
    institution_id: inst.institutionId,
    logo: meta ? institutionLogo(inst) : null,
    name: inst.name,
    oauth: inst.oauth,
    primary_color: meta ? inst.primaryColor : null,
    products: [...inst.products],
    routing_numbers: [...inst.routingNumbers],
    url: meta ? inst.url : null,
  };
  if (options.includeStatus) {
    const healthy = {
      status: 'HEALTHY',
      last_status_change: isoSeconds(new Date(now.getTime() - 30 * 86_400_000)),
      breakdown: { success: 0.993, error_plaid: 0.003, error_institution: 0.004, refresh_interval: 'NORMAL' },
    };
    out.status = { item_logins: healthy, transactions_updates: healthy, auth: healthy, identity: healthy, health_incidents: [] };
  }
  return out;
}
