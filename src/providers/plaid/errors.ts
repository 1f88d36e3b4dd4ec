import { ProviderError, type ProviderErrorKind } from '../../domain/errors.js';
import { errorBody } from './wire-types.js';

/**
 * Plaid errors, mapped once. Branch on error_code, never on the HTTP status (Plaid's advice);
 * display_message is meant for users and is used when Plaid provides one.
 */
const RELINK = new Set([
  'ITEM_LOGIN_REQUIRED',
  'ACCESS_NOT_GRANTED',
  'ADDITIONAL_CONSENT_REQUIRED',
  'USER_PERMISSION_REVOKED',
  'ITEM_LOCKED',
  'INVALID_CREDENTIALS',
]);
const GONE = new Set(['INVALID_ACCESS_TOKEN', 'ITEM_NOT_FOUND']);
const TRANSIENT = new Set([
  'INSTITUTION_DOWN',
  'INSTITUTION_NOT_RESPONDING',
  'INTERNAL_SERVER_ERROR',
  'PLANNED_MAINTENANCE',
  'PRODUCT_NOT_READY',
]);

const SENTENCE: Record<string, string> = {
  ITEM_LOGIN_REQUIRED: 'the bank needs you to log in again (the login or consent expired or was revoked)',
  USER_PERMISSION_REVOKED: 'you revoked Trax’s access at Plaid or the bank',
  INVALID_ACCESS_TOKEN: 'Plaid no longer knows this connection (it was removed at Plaid); link the bank again',
  ITEM_NOT_FOUND: 'Plaid no longer knows this connection (it was removed at Plaid); link the bank again',
  INVALID_API_KEYS:
    'Plaid rejected the keys; check PLAID_CLIENT_ID, PLAID_SECRET and PLAID_ENV (each environment has its own secret)',
  INVALID_PUBLIC_TOKEN: 'that bank link was already used or has expired; link the bank again',
  INSTITUTION_DOWN: 'the bank is down at the moment; try again later',
  INSTITUTION_NOT_RESPONDING: 'the bank is not responding at the moment; try again later',
};

export function plaidErrorFrom(e: unknown, label: string): ProviderError {
  if (e instanceof ProviderError) return e;
  const response = (e as { response?: { status?: number; data?: unknown; headers?: Record<string, string> } }).response;
  if (!response) {
    const reason = (e as { code?: string; message?: string }).code ?? (e as Error).message;
    return new ProviderError(
      'provider_down',
      `Could not reach Plaid for ${label} (${reason}); check your connection and try again.`,
      { endpoint: label },
    );
  }
  const parsed = errorBody.safeParse(response.data);
  const status = response.status;
  if (!parsed.success) {
    const kind: ProviderErrorKind =
      status === 429 ? 'rate_limited' : status && status >= 500 ? 'provider_down' : 'unknown_provider_error';
    return new ProviderError(kind, `Plaid ${label} failed (HTTP ${status}).`, { endpoint: label, ...(status ? { status } : {}) });
  }
  const { error_code: code, error_type: type, display_message: display } = parsed.data;
  const kind: ProviderErrorKind = RELINK.has(code)
    ? 'needs_reauth'
    : GONE.has(code)
      ? 'needs_reauth'
      : type === 'RATE_LIMIT_EXCEEDED'
        ? 'rate_limited'
        : TRANSIENT.has(code) || type === 'API_ERROR'
          ? 'provider_down'
          : type === 'INVALID_REQUEST' || type === 'INVALID_INPUT'
            ? 'invalid_request'
            : 'unknown_provider_error';
  const sentence = SENTENCE[code] ?? display ?? parsed.data.error_message;
  return new ProviderError(kind, `Plaid ${label}: ${sentence} (${code}).`, {
    endpoint: label,
    providerCode: code,
    ...(status ? { status } : {}),
    ...(parsed.data.request_id ? { correlationId: parsed.data.request_id } : {}),
  });
}
