import { serverErrorCode } from './errors.js';
import { sortChronologically } from './personas/ledger.js';
import type { SandboxState } from './state.js';

export interface InjectedFailure {
  status: number;
  error: string;
  description: string;
  headers: Record<string, string>;
}

export type MalformKind = 'amount' | 'currency';

/**
 * Counters for injected failures. A data call consumes at most one fault, checked in the order
 * per-credential → rate limit → server error, and only after the token and consent checks
 * passed: faults model the bank misbehaving, not TrueLayer rejecting the caller.
 */
export class FaultState {
  rotateIds = false;
  /** Access tokens (by jti) made to expire before their time: the bank's clock or a revoked session. */
  readonly expiredJtis = new Set<string>();
  private rateLimitLeft = 0;
  private retryAfterSeconds = 60;
  private serverErrorLeft = 0;
  private serverErrorStatus = 503;
  private malformedLeft = 0;
  private malformedCount = 0;
  private readonly perCredential = new Map<string, { left: number; status: number }>();

  setRateLimit(n: number, retryAfterSeconds: number): void {
    this.rateLimitLeft = Math.max(0, Math.floor(n));
    this.retryAfterSeconds = retryAfterSeconds;
  }

  setServerError(n: number, status: number): void {
    if (status < 500 || status > 599) throw new Error(`serverError status must be 5xx, got ${status}`);
    this.serverErrorLeft = Math.max(0, Math.floor(n));
    this.serverErrorStatus = status;
  }

  setMalformed(n: number): void {
    this.malformedLeft = Math.max(0, Math.floor(n));
  }

  setCredentialFailure(credentialsId: string, n: number, status: number): void {
    this.perCredential.set(credentialsId, { left: Math.max(0, Math.floor(n)), status });
  }

  takeForCall(credentialsId: string): InjectedFailure | null {
    const pc = this.perCredential.get(credentialsId);
    if (pc && pc.left > 0) {
      pc.left--;
      return { status: pc.status, error: serverErrorCode(pc.status), description: 'The provider returned an error', headers: {} };
    }
    if (this.rateLimitLeft > 0) {
      this.rateLimitLeft--;
      return {
        status: 429,
        error: 'provider_too_many_requests',
        description: 'Provider rate limit exceeded',
        headers: { 'Retry-After': String(this.retryAfterSeconds) },
      };
    }
    if (this.serverErrorLeft > 0) {
      this.serverErrorLeft--;
      const status = this.serverErrorStatus;
      const description =
        status === 500 ? 'Internal server error' : status === 504 ? 'The provider timed out' : 'The provider returned an error';
      return { status, error: serverErrorCode(status), description, headers: {} };
    }
    return null;
  }

  /** Alternates the breakage so clients see both a wrong type and a missing field. */
  takeMalformed(): MalformKind | null {
    if (this.malformedLeft <= 0) return null;
    this.malformedLeft--;
    return this.malformedCount++ % 2 === 0 ? 'amount' : 'currency';
  }

  reset(): void {
    this.rotateIds = false;
    this.rateLimitLeft = 0;
    this.serverErrorLeft = 0;
    this.malformedLeft = 0;
    this.malformedCount = 0;
    this.perCredential.clear();
    this.expiredJtis.clear();
  }
}

export interface FaultsApi {
  rotateTransactionIds(on: boolean): void;
  rateLimit(n: number, retryAfterSeconds?: number): void;
  serverError(n: number, status?: number): void;
  malformed(n: number): void;
  expireConsent(credentialsId?: string): void;
  /** The access tokens issued so far answer 401 invalid_token (expired); a refresh gets a working one. */
  expireAccessTokens(credentialsId?: string): void;
  churnAccountIds(credentialsId?: string): void;
  settleAllPending(): void;
  failNextForCredential(credentialsId: string, n: number, status?: number): void;
  reset(): void;
}

export function createFaultsApi(state: SandboxState): FaultsApi {
  const targets = (credentialsId?: string) => {
    if (credentialsId === undefined) return [...state.credentials.values()];
    const cred = state.credentials.get(credentialsId);
    if (!cred) throw new Error(`unknown credentials_id ${credentialsId}`);
    return [cred];
  };
  return {
    rotateTransactionIds: (on) => {
      state.faults.rotateIds = on;
    },
    rateLimit: (n, retryAfterSeconds = 60) => state.faults.setRateLimit(n, retryAfterSeconds),
    serverError: (n, status = 503) => state.faults.setServerError(n, status),
    malformed: (n) => state.faults.setMalformed(n),
    expireConsent: (id) => {
      for (const c of targets(id)) state.expireConsent(c);
    },
    expireAccessTokens: (id) => {
      for (const c of targets(id)) if (c.currentJti) state.faults.expiredJtis.add(c.currentJti);
    },
    churnAccountIds: (id) => {
      for (const c of targets(id)) state.churnAccountIds(c);
    },
    settleAllPending: () => {
      const today = state.today();
      // Build personas not fetched yet, otherwise their pending rows would escape the settlement.
      for (const c of state.credentials.values()) state.persona(c);
      for (const persona of state.allPersonas()) {
        for (const account of persona.accounts) {
          let moved = false;
          for (const t of account.txns) {
            if (t.authDate !== undefined && t.authDate <= today && t.bookingDate > today) {
              t.bookingDate = today;
              moved = true;
            }
          }
          if (moved) sortChronologically(account.txns);
        }
      }
    },
    failNextForCredential: (id, n, status = 503) => {
      targets(id);
      state.faults.setCredentialFailure(id, n, status);
    },
    reset: () => state.faults.reset(),
  };
}
