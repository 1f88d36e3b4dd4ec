/**
 * Password guessing, limited per address and overall. An attempt is counted the moment it
 * arrives, before the password is looked at, so a hundred guesses sent in parallel are limited
 * exactly like a hundred sent one after another. The delays are enforced, not slept: after a
 * few free tries each further try must wait twice as long as the last (answered 429 with
 * Retry-After), and too many failures lock the address out for a while. A server-side sleep
 * would only slow a guesser who waits for each answer.
 */
export interface LoginLimits {
  freeAttempts: number;
  firstDelayMs: number;
  perAddress: number;
  global: number;
  windowMs: number;
  lockoutMs: number;
}

export const LOGIN_LIMITS: LoginLimits = {
  /** Typos: this many failures in a row cost nothing. */
  freeAttempts: 3,
  /** Then a wait of 1 s, 2 s, 4 s, … before the next attempt. */
  firstDelayMs: 1000,
  /** Failures from one address, then it is locked out for `lockoutMs`. */
  perAddress: 10,
  /** Failures from all addresses together in `windowMs`, then nobody may try until they age out. */
  global: 30,
  windowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
};

export type LoginAttempt =
  { allowed: true; finish(ok: boolean): void } | { allowed: false; retryAfterS: number; why: 'address' | 'global' };

interface AddressState {
  failures: number[];
  inFlight: number;
  lockedUntil: number;
}

export class LoginLimiter {
  private readonly addresses = new Map<string, AddressState>();
  private globalFailures: number[] = [];
  private globalInFlight = 0;

  constructor(
    private readonly now: () => number,
    private readonly limits: LoginLimits = LOGIN_LIMITS,
  ) {}

  /** Call before reading the password; `finish` with the outcome when it has been checked. */
  begin(address: string): LoginAttempt {
    const now = this.now();
    const { windowMs, lockoutMs, freeAttempts, firstDelayMs, perAddress, global } = this.limits;
    this.globalFailures = this.globalFailures.filter((t) => t > now - windowMs);
    this.sweep(now);

    if (this.globalFailures.length + this.globalInFlight >= global) {
      const oldest = this.globalFailures[0];
      return { allowed: false, why: 'global', retryAfterS: seconds(oldest === undefined ? 1000 : oldest + windowMs - now) };
    }
    const s = this.addresses.get(address) ?? { failures: [], inFlight: 0, lockedUntil: 0 };
    if (s.lockedUntil > now) return { allowed: false, why: 'address', retryAfterS: seconds(s.lockedUntil - now) };
    if (s.lockedUntil) Object.assign(s, { failures: [], lockedUntil: 0 });
    s.failures = s.failures.filter((t) => t > now - windowMs);
    // Attempts still being checked count as failures: nobody gets a free guess by racing.
    const tried = s.failures.length + s.inFlight;
    if (tried >= perAddress) return { allowed: false, why: 'address', retryAfterS: seconds(lockoutMs) };
    if (tried >= freeAttempts) {
      const last = s.inFlight > 0 ? now : s.failures[s.failures.length - 1]!;
      const readyAt = last + firstDelayMs * 2 ** (tried - freeAttempts);
      if (readyAt > now) return { allowed: false, why: 'address', retryAfterS: seconds(readyAt - now) };
    }

    s.inFlight++;
    this.globalInFlight++;
    this.addresses.set(address, s);
    let done = false;
    return {
      allowed: true,
      finish: (ok) => {
        if (done) return;
        done = true;
        s.inFlight--;
        this.globalInFlight--;
        if (ok) {
          s.failures = [];
          return;
        }
        const at = this.now();
        s.failures.push(at);
        this.globalFailures.push(at);
        if (s.failures.length >= perAddress) s.lockedUntil = at + lockoutMs;
      },
    };
  }

  /** Forget addresses with nothing to remember, so the map stays as small as the failures. */
  private sweep(now: number): void {
    for (const [a, s] of this.addresses) {
      if (s.inFlight === 0 && s.lockedUntil <= now && !s.failures.some((t) => t > now - this.limits.windowMs)) {
        this.addresses.delete(a);
      }
    }
  }
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
