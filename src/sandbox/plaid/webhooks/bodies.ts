import { isoSeconds } from '../dates.js';
import { Errors } from '../errors.js';
import { accountId } from '../serialize.js';
import type { ItemRecord, SandboxState } from '../state.js';

const WEEK_MS = 7 * 86_400_000;

/**
 * Webhook payloads per type and code, with the fields Plaid's webhook schemas require
 * (SyncUpdatesAvailableWebhook, ItemErrorWebhook, PendingExpirationWebhook…). `extra` is merged
 * last so tests can shape unusual payloads.
 */
export function webhookBody(
  state: SandboxState,
  item: ItemRecord,
  type: string,
  code: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const body: Record<string, unknown> = { webhook_type: type, webhook_code: code, item_id: item.itemId, environment: 'sandbox' };
  const now = state.now();
  switch (`${type}:${code}`) {
    case 'TRANSACTIONS:SYNC_UPDATES_AVAILABLE':
      Object.assign(body, { initial_update_complete: true, historical_update_complete: true });
      break;
    case 'TRANSACTIONS:DEFAULT_UPDATE':
    case 'TRANSACTIONS:INITIAL_UPDATE':
    case 'TRANSACTIONS:HISTORICAL_UPDATE':
      Object.assign(body, { error: null, new_transactions: 0 });
      break;
    case 'TRANSACTIONS:TRANSACTIONS_REMOVED':
      Object.assign(body, { error: null, removed_transactions: [] });
      break;
    case 'TRANSACTIONS:RECURRING_TRANSACTIONS_UPDATE':
      body.account_ids = item.persona.accounts.map((a) => accountId(item, a.key));
      break;
    case 'ITEM:ERROR':
      body.error = (state.itemError(item) ?? Errors.itemLoginRequired()).embedded();
      break;
    case 'ITEM:PENDING_EXPIRATION':
      body.consent_expiration_time = isoSeconds(item.consentExpiresAt ?? new Date(now.getTime() + WEEK_MS));
      break;
    case 'ITEM:PENDING_DISCONNECT':
      Object.assign(body, {
        reason: 'INSTITUTION_TOKEN_EXPIRATION',
        disconnect_time: isoSeconds(new Date(now.getTime() + WEEK_MS)),
      });
      break;
    case 'ITEM:NEW_ACCOUNTS_AVAILABLE':
      body.error = null;
      break;
    case 'ITEM:USER_PERMISSION_REVOKED':
      body.error = Errors.userPermissionRevoked().embedded();
      break;
    case 'ITEM:USER_ACCOUNT_REVOKED':
      body.account_id = accountId(item, item.persona.accounts[0]?.key ?? 'current');
      break;
    case 'ITEM:WEBHOOK_UPDATE_ACKNOWLEDGED':
      Object.assign(body, { new_webhook_url: item.webhook, error: null });
      break;
    case 'ASSETS:PRODUCT_READY':
      body.asset_report_id = `${item.itemId.slice(0, 8)}-asset-report`;
      break;
    case 'ASSETS:ERROR':
      Object.assign(body, { asset_report_id: `${item.itemId.slice(0, 8)}-asset-report`, error: Errors.internal().embedded() });
      break;
    default:
      break;
  }
  return { ...body, ...extra };
}

/** Which webhook_type /sandbox/item/fire_webhook uses for a code when the caller gives none. */
export function defaultWebhookType(code: string): string {
  switch (code) {
    case 'NEW_ACCOUNTS_AVAILABLE':
    case 'LOGIN_REPAIRED':
    case 'USER_PERMISSION_REVOKED':
    case 'USER_ACCOUNT_REVOKED':
    case 'PENDING_DISCONNECT':
      return 'ITEM';
    case 'PRODUCT_READY':
    case 'ERROR':
      return 'ASSETS';
    case 'SMS_MICRODEPOSITS_VERIFICATION':
    case 'AUTHORIZATION_GRANTED':
      return 'AUTH';
    default:
      return 'TRANSACTIONS';
  }
}
