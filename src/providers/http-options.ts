/** Retry and timeout policy for provider HTTP calls, shared by every adapter. */
export interface HttpOptions {
  /** Retries after the first attempt for 429, 5xx and network failures. */
  retries: number;
  retryBaseMs: number;
  /** A Retry-After longer than this is not waited out; the sync fails with rate_limited. */
  maxRetryAfterMs: number;
  timeoutMs: number;
}

export const DEFAULT_HTTP: HttpOptions = { retries: 3, retryBaseMs: 1000, maxRetryAfterMs: 60_000, timeoutMs: 30_000 };

export function backoff(opts: HttpOptions, attempt: number): number {
  // Full jitter keeps several connections that failed together from retrying in lockstep.
  return Math.round(opts.retryBaseMs * 2 ** attempt * (0.5 + Math.random() / 2));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
