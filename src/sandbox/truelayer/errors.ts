import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** TrueLayer v1 error envelope, used by both the token endpoint and the data API. */
export interface TlErrorBody {
  error: string;
  error_description: string;
  error_details: Record<string, unknown>;
}

export function tlErrorBody(error: string, description: string, details: Record<string, unknown> = {}): TlErrorBody {
  return { error, error_description: description, error_details: details };
}

export function tlError(
  c: Context,
  status: number,
  error: string,
  description: string,
  details: Record<string, unknown> = {},
): Response {
  return c.json(tlErrorBody(error, description, details), status as ContentfulStatusCode);
}

/**
 * Statuses for the documented mock error users. The reference leaves the exact codes unverified,
 * so these follow its table: locked accounts are a 403 (the bank refuses this user), input
 * needed is a client-side 400, and the two server faults map to 500 (TrueLayer) / 502 (bank).
 */
export const ERROR_USERS: Record<string, { status: number; description: string }> = {
  account_permanently_locked: { status: 403, description: 'The account is permanently locked at the provider' },
  account_temporarily_locked: { status: 403, description: 'The account is temporarily locked at the provider' },
  internal_error: { status: 500, description: 'Internal error' },
  provider_error: { status: 502, description: 'The provider returned an error' },
  user_input_required: { status: 400, description: 'The user must re-authenticate with the provider' },
};

/** Error code used in the body of an injected 5xx. */
export function serverErrorCode(status: number): string {
  if (status === 500) return 'internal_server_error';
  if (status === 504) return 'provider_timeout';
  return 'provider_error';
}
