import { ProviderError, type ProviderErrorKind } from '../../domain/errors.js';
import { errorBody } from './wire-types.js';

/**
 * TrueLayer's error codes, mapped once to what Trax can do about them. `invalid_grant` is a
 * 400, not a 401, so the decision reads the code, never the status alone.
 */
const BY_CODE: Record<string, { kind: ProviderErrorKind; sentence: string }> = {
  invalid_grant: { kind: 'needs_reauth', sentence: 'the bank consent has expired or was withdrawn' },
  access_denied: { kind: 'needs_reauth', sentence: 'the bank consent has expired or was withdrawn' },
  user_input_required: { kind: 'needs_reauth', sentence: 'the bank needs you to log in again' },
  account_temporarily_locked: {
    kind: 'invalid_request',
    sentence: 'the bank reports the account is temporarily locked; unlock it with your bank, then sync again',
  },
  account_permanently_locked: { kind: 'invalid_request', sentence: 'the bank reports the account is locked; contact your bank' },
  invalid_client: {
    kind: 'invalid_request',
    sentence: 'TrueLayer rejected the client id or secret; check TRUELAYER_CLIENT_ID, TRUELAYER_CLIENT_SECRET and TRUELAYER_ENV',
  },
  unauthorized_client: {
    kind: 'invalid_request',
    sentence:
      'TrueLayer rejected this client for this redirect URI or environment; check TRUELAYER_REDIRECT_URI is registered in the TrueLayer console',
  },
  invalid_authorization_code: {
    kind: 'invalid_request',
    sentence: 'the authorization code is wrong, already used or older than 5 minutes; start `trax connect truelayer` again',
  },
  provider_too_many_requests: {
    kind: 'rate_limited',
    sentence: 'the bank limits how often it can be read (PSD2 allows about 4 unattended reads a day)',
  },
  sca_exceeded: {
    kind: 'invalid_request',
    sentence: 'the bank only serves history older than 90 days in the minutes after you log in',
  },
  invalid_date_range: { kind: 'invalid_request', sentence: 'the bank rejected the date range' },
  account_not_found: { kind: 'account_gone', sentence: 'the bank no longer knows this account id' },
  endpoint_not_supported: { kind: 'unsupported', sentence: 'the bank does not offer this data' },
};

export function errorFromResponse(status: number, bodyText: string, endpoint: string, headers: Headers): ProviderError {
  let code: string | undefined;
  let description: string | undefined;
  try {
    const parsed = errorBody.safeParse(JSON.parse(bodyText));
    if (parsed.success) {
      code = parsed.data.error;
      description = parsed.data.error_description;
    }
  } catch {
    // Not JSON (a proxy's HTML page, say): fall through to the status-based mapping.
  }
  const detail = {
    status,
    endpoint,
    ...(code ? { providerCode: code } : {}),
    ...(retryAfter(headers) !== undefined ? { retryAfterSeconds: retryAfter(headers) } : {}),
    ...(headers.get('x-tl-correlation-id') ? { correlationId: headers.get('x-tl-correlation-id')! } : {}),
  };
  const known = code ? BY_CODE[code] : undefined;
  const tag = code ? ` (${code})` : ` (HTTP ${status})`;
  if (known) return new ProviderError(known.kind, `TrueLayer ${endpoint}: ${known.sentence}${tag}.`, detail);
  if (status === 401)
    return new ProviderError('needs_reauth', `TrueLayer ${endpoint}: the access token was rejected${tag}.`, detail);
  if (status === 429) return new ProviderError('rate_limited', `TrueLayer ${endpoint}: too many requests${tag}.`, detail);
  if (status === 501)
    return new ProviderError('unsupported', `TrueLayer ${endpoint}: the bank does not offer this data${tag}.`, detail);
  if (status >= 500) {
    return new ProviderError(
      'provider_down',
      `TrueLayer ${endpoint}: the bank or TrueLayer is having problems${tag}${description ? `: ${description}` : ''}.`,
      detail,
    );
  }
  return new ProviderError(
    'unknown_provider_error',
    `TrueLayer ${endpoint} failed${tag}${description ? `: ${description}` : ''}.`,
    detail,
  );
}

export function retryAfter(headers: Headers): number | undefined {
  const v = headers.get('retry-after');
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
