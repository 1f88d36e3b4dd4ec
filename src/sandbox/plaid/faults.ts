import { Errors, rateLimitCode, type PlaidApiError } from './errors.js';

/**
 * Counters for injected failures. A data call (/accounts/get, /accounts/balance/get, /item/get,
 * /transactions/sync, /transactions/refresh) consumes at most one fault, rate limit before
 * server error, and only after the keys and the access token were accepted: faults model Plaid
 * or the bank misbehaving, not Plaid rejecting the caller.
 */
export class FaultState {
  private rateLimitLeft = 0;
  private serverErrorLeft = 0;
  private mutationLeft = 0;
  private readonly notReadyLeft = new Map<string, number>();

  setRateLimit(n: number): void {
    this.rateLimitLeft = count(n);
  }

  setServerError(n: number): void {
    this.serverErrorLeft = count(n);
  }

  setMutation(n: number): void {
    this.mutationLeft = count(n);
  }

  setNotReady(itemId: string, n: number): void {
    this.notReadyLeft.set(itemId, count(n));
  }

  /** For a data call on `path`; returns the error to answer with, if one is armed. */
  takeForDataCall(path: string): PlaidApiError | null {
    if (this.rateLimitLeft > 0) {
      this.rateLimitLeft--;
      return Errors.rateLimit(rateLimitCode(path));
    }
    if (this.serverErrorLeft > 0) {
      this.serverErrorLeft--;
      return Errors.internal();
    }
    return null;
  }

  /** Only continuation pages (cursor from a has_more=true page) consume this one. */
  takeMutation(): boolean {
    if (this.mutationLeft <= 0) return false;
    this.mutationLeft--;
    return true;
  }

  takeNotReady(itemId: string): boolean {
    const left = this.notReadyLeft.get(itemId) ?? 0;
    if (left <= 0) return false;
    this.notReadyLeft.set(itemId, left - 1);
    return true;
  }

  reset(): void {
    this.rateLimitLeft = 0;
    this.serverErrorLeft = 0;
    this.mutationLeft = 0;
    this.notReadyLeft.clear();
  }
}

function count(n: number): number {
  if (!Number.isFinite(n) || n < 0) throw new Error(`fault count must be a non-negative number, got ${n}`);
  return Math.floor(n);
}
