import { ProviderError, type ProviderErrorKind } from '../../domain/errors.js';
import { errorBody } from './wire-types.js';

/**
 * PSD2 allows about four unattended reads a day and Enable Banking sends no Retry-After; the
 * allowance is a rolling 24 h, so waiting a quarter day is what integrators found to work.
 */
export const RATE_LIMIT_WAIT_SECONDS = 6 * 3600;

/** Enable Banking's `error` codes, mapped once to what Trax can do about them. */
const BY_CODE: Record<string, { kind: ProviderErrorKind; sentence: string }> = {
  EXPIRED_SESSION: { kind: 'needs_reauth', sentence: 'the bank consent has expired; reconnect to give Trax access again' },
  CLOSED_SESSION: { kind: 'needs_reauth', sentence: 'the session was closed; reconnect to give Trax access again' },
  REVOKED_SESSION: {
    kind: 'needs_reauth',
    sentence: 'the consent was withdrawn at the bank; reconnect to give Trax access again',
  },
  SESSION_DOES_NOT_EXIST: { kind: 'needs_reauth', sentence: 'Enable Banking no longer knows this session; reconnect' },
  WRONG_SESSION_STATUS: { kind: 'needs_reauth', sentence: 'the session is not authorised; reconnect' },
  ASPSP_PSU_ACTION_REQUIRED: { kind: 'needs_reauth', sentence: 'the bank needs you to log in again; reconnect' },
  ASPSP_RATE_LIMIT_EXCEEDED: {
    kind: 'rate_limited',
    sentence: 'the bank limits unattended reads (PSD2 allows about 4 a day)',
  },
  ASPSP_ERROR: { kind: 'provider_down', sentence: 'the bank reported an error' },
  ASPSP_TIMEOUT: { kind: 'provider_down', sentence: 'the bank did not answer in time; try again later' },
  ACCOUNT_DOES_NOT_EXIST: { kind: 'account_gone', sentence: 'the bank no longer knows this account' },
  ASPSP_ACCOUNT_NOT_ACCESSIBLE: { kind: 'account_gone', sentence: 'the account is no longer accessible' },
  AUTHORIZATION_NOT_PROVIDED: {
    kind: 'invalid_request',
    sentence:
      'Enable Banking rejected the application token; check ENABLEBANKING_APP_ID and ENABLEBANKING_KEY_FILE belong to the same application',
  },
  UNAUTHORIZED_ACCESS: {
    kind: 'invalid_request',
    sentence:
      'Enable Banking rejected the application token; check ENABLEBANKING_APP_ID and ENABLEBANKING_KEY_FILE belong to the same application',
  },
  REDIRECT_URI_NOT_ALLOWED: {
    kind: 'invalid_request',
    sentence: 'ENABLEBANKING_REDIRECT_URI is not registered on the application; add it in the Enable Banking control panel',
  },
  WRONG_AUTHORIZATION_CODE: {
    kind: 'invalid_request',
    sentence: 'the authorization code is wrong or already used; connect again',
  },
  EXPIRED_AUTHORIZATION_CODE: { kind: 'invalid_request', sentence: 'the authorization code has expired; connect again' },
  ALREADY_AUTHORIZED: { kind: 'invalid_request', sentence: 'the authorization code was already used; connect again' },
  WRONG_TRANSACTIONS_PERIOD: { kind: 'invalid_request', sentence: 'the bank does not serve that much history' },
  WRONG_CONTINUATION_KEY: { kind: 'invalid_request', sentence: 'the bank rejected the page token; sync again' },
  ACCESS_DENIED: {
    kind: 'invalid_request',
    sentence: 'the application may not read this (restricted mode: link the account in the control panel)',
  },
  NO_ACCOUNTS_ADDED: { kind: 'invalid_request', sentence: 'no accounts are linked to the application in restricted mode' },
};

export interface ErrorContext {
  status: number;
  bodyText: string;
  endpoint: string;
  headers: Headers;
  now: () => number;
}

export function errorFromResponse({ status, bodyText, endpoint, headers, now }: ErrorContext): ProviderError {
  let code: string | undefined;
  let message: string | undefined;
  let bankText: string | undefined;
  try {
    const parsed = errorBody.safeParse(JSON.parse(bodyText));
    if (parsed.success) {
      code = parsed.data.error ?? undefined;
      message = parsed.data.message;
      bankText = detailText(parsed.data.detail);
    }
  } catch {
    // A proxy's HTML page: fall through to the status-based mapping.
  }
  const correlationId = headers.get('x-request-id') ?? undefined;
  const known = code ? BY_CODE[code] : undefined;
  const kind: ProviderErrorKind =
    known?.kind ??
    (status === 401
      ? 'needs_reauth'
      : status === 429
        ? 'rate_limited'
        : status >= 500
          ? 'provider_down'
          : 'unknown_provider_error');
  const retryAfterSeconds = kind === 'rate_limited' ? (retryAfter(headers, now) ?? RATE_LIMIT_WAIT_SECONDS) : undefined;
  const detail = {
    status,
    endpoint,
    ...(code ? { providerCode: code } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(correlationId ? { correlationId } : {}),
  };
  const tag = code ? ` (${code})` : ` (HTTP ${status})`;
  // The bank's own words help the user more than ours when the bank failed.
  const theirs = bankText ?? message;
  const sentence = known?.sentence ?? (theirs ? `failed: ${theirs}` : 'failed');
  const extra = known && kind === 'provider_down' && theirs ? `: ${theirs}` : '';
  const lifts =
    retryAfterSeconds !== undefined
      ? `; try again after ${new Date(now() + retryAfterSeconds * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`
      : '';
  return new ProviderError(kind, `Enable Banking ${endpoint}: ${sentence}${extra}${tag}${lifts}.`, detail);
}

function detailText(detail: unknown): string | undefined {
  if (typeof detail === 'string' && detail.trim()) return detail.trim();
  if (detail && typeof detail === 'object' && typeof (detail as { message?: unknown }).message === 'string')
    return (detail as { message: string }).message;
  return undefined;
}

function retryAfter(headers: Headers, now: () => number): number | undefined {
  const v = headers.get('retry-after');
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return Math.max(0, secs);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now()) / 1000));
}
