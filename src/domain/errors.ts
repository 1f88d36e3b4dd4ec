import { en, type Messages } from '../i18n/messages/en.js';

/**
 * Errors a user can act on. `message` is a whole sentence saying what happened and what to do;
 * `code` is stable for scripts (`--json`) and for tests. Anything else thrown is a bug.
 */
export type TraxErrorCode =
  | 'config_invalid'
  | 'secret_key_invalid'
  | 'secret_key_mismatch'
  | 'database_locked'
  | 'disk_full'
  | 'database_error'
  | 'not_found'
  | 'usage'
  | 'oauth_state_mismatch'
  | 'oauth_denied'
  /** A statement file Trax will not import (unreadable, malformed, another account's): nothing written. */
  | 'import_refused'
  | ProviderErrorKind;

/** A sentence told from a catalogue, so it reaches the user in their language. */
export type Told = (m: Messages) => string;

export class TraxError extends Error {
  private readonly told: Told | null;

  /**
   * `message` is either the sentence (English only) or a function of the catalogue: then
   * `message` is its English, and `messageIn` tells it in the language the CLI or page speaks.
   */
  constructor(
    readonly code: TraxErrorCode,
    message: string | Told,
    options?: { cause?: unknown },
  ) {
    super(typeof message === 'string' ? message : message(en), options);
    this.name = 'TraxError';
    this.told = typeof message === 'string' ? null : message;
  }

  messageIn(m: Messages): string {
    return this.told ? this.told(m) : this.message;
  }
}

/** Every provider failure is mapped once, in its adapter, to one of these kinds. */
export type ProviderErrorKind =
  | 'needs_reauth'
  | 'rate_limited'
  | 'provider_down'
  | 'invalid_request'
  | 'invalid_response'
  | 'unsupported'
  | 'account_gone'
  | 'unknown_provider_error';

export class ProviderError extends TraxError {
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly detail: {
      status?: number;
      providerCode?: string;
      endpoint?: string;
      retryAfterSeconds?: number;
      correlationId?: string;
    } = {},
    options?: { cause?: unknown },
  ) {
    super(kind, message, options);
    this.name = 'ProviderError';
  }
}

export function isProviderError(e: unknown): e is ProviderError {
  return e instanceof ProviderError;
}
