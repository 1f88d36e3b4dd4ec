/**
 * Plaid's error object and the catalogue of errors the emulator returns. Codes, types, HTTP
 * statuses and developer messages follow Plaid's error reference (plaid.com/docs/errors), so a
 * client branching on `error_code` behaves exactly as it would against sandbox.plaid.com.
 */

export interface PlaidErrorBody {
  error_type: string;
  error_code: string;
  error_code_reason: string | null;
  error_message: string;
  display_message: string | null;
  documentation_url: string;
  suggested_action: string | null;
  request_id?: string;
  causes?: unknown[];
  status?: number | null;
}

const DOC_SLUG: Record<string, string> = {
  API_ERROR: 'api',
  INSTITUTION_ERROR: 'institution',
  INVALID_INPUT: 'invalid-input',
  INVALID_REQUEST: 'invalid-request',
  ITEM_ERROR: 'item',
  OAUTH_ERROR: 'oauth',
  RATE_LIMIT_EXCEEDED: 'rate-limit-exceeded',
  SANDBOX_ERROR: 'sandbox',
  TRANSACTIONS_ERROR: 'transactions',
};

/** Thrown from route handlers; app.onError renders it with the request id. */
export class PlaidApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string,
    message: string,
    readonly display: string | null = null,
    readonly reason: string | null = null,
  ) {
    super(message);
  }

  /** Body of an API error response. */
  body(requestId: string): PlaidErrorBody {
    return { ...this.core(), request_id: requestId };
  }

  /** The shape Plaid embeds in webhooks and in `item.error`: HTTP status inside, no request id. */
  embedded(): PlaidErrorBody {
    return { ...this.core(), causes: [], status: this.status };
  }

  private core(): PlaidErrorBody {
    return {
      error_type: this.type,
      error_code: this.code,
      error_code_reason: this.reason,
      error_message: this.message,
      display_message: this.display,
      documentation_url: `https://plaid.com/docs/errors/${DOC_SLUG[this.type] ?? 'api'}/#${this.code.toLowerCase()}`,
      suggested_action: null,
    };
  }
}

const bad = (type: string, code: string, message: string, display: string | null = null, reason: string | null = null) =>
  new PlaidApiError(400, type, code, message, display, reason);

export const Errors = {
  invalidBody: () => bad('INVALID_REQUEST', 'INVALID_BODY', 'body could not be parsed as JSON'),
  missingFields: (fields: string[]) =>
    bad('INVALID_REQUEST', 'MISSING_FIELDS', `the following required fields are missing: ${fields.join(', ')}`),
  unknownFields: (fields: string[]) =>
    bad('INVALID_REQUEST', 'UNKNOWN_FIELDS', `the following fields are not recognized by this endpoint: ${fields.join(', ')}`),
  invalidField: (message: string) => bad('INVALID_REQUEST', 'INVALID_FIELD', message),
  notFound: () => new PlaidApiError(404, 'INVALID_REQUEST', 'NOT_FOUND', 'not found'),

  invalidApiKeys: () => bad('INVALID_INPUT', 'INVALID_API_KEYS', 'invalid client_id or secret provided'),
  accessTokenFormat: () =>
    bad(
      'INVALID_INPUT',
      'INVALID_ACCESS_TOKEN',
      'provided access token is in an invalid format. expected format: access-<environment>-<identifier>',
    ),
  accessTokenUnknown: () => bad('INVALID_INPUT', 'INVALID_ACCESS_TOKEN', 'could not find matching access token'),
  publicTokenFormat: () =>
    bad(
      'INVALID_INPUT',
      'INVALID_PUBLIC_TOKEN',
      'provided public token is in an invalid format. expected format: public-<environment>-<identifier>',
    ),
  publicTokenExpired: () =>
    bad(
      'INVALID_INPUT',
      'INVALID_PUBLIC_TOKEN',
      'provided public token is expired. Public tokens expire 30 minutes after creation at which point they can no longer be exchanged',
    ),
  linkTokenFormat: () =>
    bad(
      'INVALID_INPUT',
      'INVALID_LINK_TOKEN',
      'provided link token is in an invalid format. expected format: link-<environment>-<identifier>',
    ),
  linkTokenExpired: () =>
    bad('INVALID_INPUT', 'INVALID_LINK_TOKEN', 'provided link token is expired', 'This session has expired. Please try again.'),
  invalidInstitution: () => bad('INVALID_INPUT', 'INVALID_INSTITUTION', 'invalid institution_id provided'),
  invalidWebhookKeyId: () => bad('INVALID_INPUT', 'INVALID_WEBHOOK_VERIFICATION_KEY_ID', 'invalid key_id provided'),
  invalidAccountId: () => bad('INVALID_INPUT', 'INVALID_ACCOUNT_ID', 'one or more of the account IDs is invalid'),

  itemLoginRequired: (reason: string | null = null) =>
    bad(
      'ITEM_ERROR',
      'ITEM_LOGIN_REQUIRED',
      "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state",
      null,
      reason,
    ),
  userPermissionRevoked: () =>
    bad(
      'ITEM_ERROR',
      'USER_PERMISSION_REVOKED',
      'the user has revoked access to this item',
      'The user revoked access to this item.',
    ),
  invalidCredentials: () =>
    bad(
      'ITEM_ERROR',
      'INVALID_CREDENTIALS',
      'the provided credentials were not correct',
      'The provided credentials were not correct. Please try again.',
    ),
  /** `user_good` / `error_<CODE>` in Sandbox simulates that item error during login. */
  simulatedItemError: (code: string) =>
    bad(
      'ITEM_ERROR',
      code,
      `the simulated error ${code} was requested through the sandbox password`,
      'Something went wrong while connecting to your bank.',
    ),

  rateLimit: (code: string) =>
    new PlaidApiError(
      429,
      'RATE_LIMIT_EXCEEDED',
      code,
      'rate limit exceeded for attempts to access this item. please try again later',
    ),
  internal: () =>
    new PlaidApiError(
      500,
      'API_ERROR',
      'INTERNAL_SERVER_ERROR',
      'an unexpected error occurred',
      'Something went wrong. Please try again later.',
    ),
  mutationDuringPagination: () =>
    bad(
      'TRANSACTIONS_ERROR',
      'TRANSACTIONS_SYNC_MUTATION_DURING_PAGINATION',
      'Underlying transaction data changed since last page was fetched. Please restart pagination from last update.',
    ),
  invalidCursor: () => bad('INVALID_REQUEST', 'INVALID_FIELD', 'cursor is not valid for this item'),

  sandboxWebhookInvalid: () =>
    bad(
      'SANDBOX_ERROR',
      'SANDBOX_WEBHOOK_INVALID',
      "Webhook for this item is either not set up, or invalid. Please update the item's webhook URL.",
    ),
  sandboxProductNotEnabled: (product: string) =>
    bad('SANDBOX_ERROR', 'SANDBOX_PRODUCT_NOT_ENABLED', `The ${product} product is not enabled on this item`),

  oauthStateNotFound: () =>
    bad(
      'OAUTH_ERROR',
      'OAUTH_STATE_ID_NOT_FOUND',
      'oauth uri does not contain a valid oauth_state_id',
      'The OAuth session could not be found. Please try again.',
    ),
  oauthStateProcessed: () =>
    bad(
      'OAUTH_ERROR',
      'OAUTH_STATE_ID_ALREADY_PROCESSED',
      'the provided oauth_state_id has already been processed',
      'This connection has already been completed.',
    ),
  incorrectLinkToken: () =>
    bad(
      'OAUTH_ERROR',
      'INCORRECT_LINK_TOKEN',
      'the link token used to resume the OAuth flow does not match the one used to start it',
    ),
  oauthRedirectUriMissing: () =>
    bad(
      'INVALID_REQUEST',
      'INVALID_FIELD',
      'OAuth institutions require a redirect_uri. Set redirect_uri in /link/token/create (https, or http://localhost in Sandbox)',
      'This institution is not available right now. Please try another one.',
    ),
};

/** Per-endpoint rate-limit codes, as listed in Plaid's rate limit table. */
export function rateLimitCode(path: string): string {
  switch (path) {
    case '/accounts/get':
      return 'ACCOUNTS_LIMIT';
    case '/accounts/balance/get':
      return 'ACCOUNTS_BALANCE_GET_LIMIT';
    case '/item/get':
      return 'ITEM_GET_LIMIT';
    case '/transactions/sync':
      return 'TRANSACTIONS_SYNC_LIMIT';
    case '/institutions/get_by_id':
      return 'INSTITUTIONS_GET_BY_ID_LIMIT';
    default:
      return 'RATE_LIMIT';
  }
}
