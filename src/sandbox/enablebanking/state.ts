import { randomUUID } from 'node:crypto';
import { SandboxClock } from '../shared/clock.js';
import { Interrupter } from '../shared/interrupt.js';
import { toDay } from '../shared/dates.js';
import type { GenAccount, Persona } from '../truelayer/personas/types.js';
import type { AspspDef } from './aspsps.js';
import type { RegisteredApp } from './jwt-check.js';
import { buildEbPersona } from './persona.js';

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  /** Request headers, Authorization redacted. */
  headers: Record<string, string>;
}

export interface Authorization {
  id: string;
  appId: string;
  aspsp: AspspDef;
  state: string;
  redirectUrl: string;
  validUntil: string;
  code?: { value: string; username: string; expiresAt: number; used: boolean };
}

export type SessionStatus = 'AUTHORIZED' | 'EXPIRED' | 'CLOSED' | 'REVOKED';

export interface Session {
  id: string;
  appId: string;
  aspsp: AspspDef;
  persona: Persona;
  /** uid → persona account; uids are new for every session, as at the real service. */
  accounts: Map<string, GenAccount>;
  validUntil: string;
  validUntilMs: number;
  created: string;
  authorizedAtMs: number;
  status: SessionStatus;
  closed?: string;
}

export interface SandboxOptions {
  seed: number;
  startDay: string;
  /** Deep history is served only this long after authorisation (then 90 days). */
  scaWindowMs: number;
  codeTtlMs: number;
  /** Unattended reads per (session, account, endpoint) in a rolling 24 h. */
  unattendedReadsPerDay: number;
  pageSize: number;
}

export class EbSandboxState {
  readonly clock: SandboxClock;
  readonly requestLog: RequestLogEntry[] = [];
  readonly authorizations = new Map<string, Authorization>();
  readonly sessions = new Map<string, Session>();
  /** `${session}|${uid}|${endpoint}` → instants (ms) of unattended reads. */
  readonly reads = new Map<string, number[]>();
  readonly faults = new FaultState();
  /** Stall, cut or arm a fault at the n-th request (crash and contract tests; see shared/interrupt.ts). */
  readonly interrupt = new Interrupter();
  baseUrl = '';
  private readonly personas = new Map<string, Persona>();

  constructor(
    readonly opts: SandboxOptions,
    readonly apps: ReadonlyMap<string, RegisteredApp>,
    start: Date,
    /** The bank catalogue /aspsps serves and /auth accepts. */
    readonly aspsps: readonly AspspDef[],
  ) {
    this.clock = new SandboxClock(start);
  }

  nowMs(): number {
    return this.clock.now().getTime();
  }

  today(): string {
    return toDay(this.clock.now());
  }

  persona(aspsp: AspspDef, username: string): Persona {
    const key = `${aspsp.country}|${aspsp.name}|${username}`;
    let p = this.personas.get(key);
    if (!p) {
      p = buildEbPersona(aspsp, this.opts.seed, this.opts.startDay, username);
      this.personas.set(key, p);
    }
    return p;
  }

  openSession(auth: Authorization, username: string): Session {
    const persona = this.persona(auth.aspsp, username);
    const accounts = new Map<string, GenAccount>();
    for (const a of persona.accounts) accounts.set(randomUUID(), a);
    const now = this.nowMs();
    const s: Session = {
      id: randomUUID(),
      appId: auth.appId,
      aspsp: auth.aspsp,
      persona,
      accounts,
      validUntil: auth.validUntil,
      validUntilMs: Date.parse(auth.validUntil),
      created: new Date(now).toISOString(),
      authorizedAtMs: now,
      status: 'AUTHORIZED',
    };
    this.sessions.set(s.id, s);
    return s;
  }

  /** The session's status on the emulator clock: consent runs out at valid_until. */
  statusOf(s: Session): SessionStatus {
    if (s.status === 'AUTHORIZED' && this.nowMs() >= s.validUntilMs) s.status = 'EXPIRED';
    return s.status;
  }

  /** Counts an unattended read; false once the allowance is spent (the read is not counted then). */
  takeUnattendedRead(key: string): boolean {
    const now = this.nowMs();
    const recent = (this.reads.get(key) ?? []).filter((t) => t > now - 86_400_000);
    if (recent.length >= this.opts.unattendedReadsPerDay) {
      this.reads.set(key, recent);
      return false;
    }
    recent.push(now);
    this.reads.set(key, recent);
    return true;
  }
}

/** Bank misbehaviour armed by tests and the demo; each counter is consumed by the calls it hits. */
export class FaultState {
  /** Transactions responses that hand back the key they were called with (Trade Republic's loop). */
  loopKeys = 0;
  /** Transactions responses whose first amount is written "12,50" instead of a decimal string. */
  malformedAmounts = 0;
  /** Data calls answered 400 ASPSP_ERROR with this bank text. */
  aspspErrors: { left: number; text: string } = { left: 0, text: '' };
  /** Data calls answered 429 ASPSP_RATE_LIMIT_EXCEEDED (the bank's own limit, whatever the allowance says). */
  rateLimits = 0;
  /** PSU headers every bank demands on top of its catalogue's list (a bank asking for more than Trax knows). */
  extraPsuHeaders: string[] = [];
  /** What POST /auth answers as `url` instead of the hosted page (a tampered or hostile response). */
  authUrl: string | null = null;

  reset(): void {
    this.authUrl = null;
    this.rateLimits = 0;
    this.extraPsuHeaders = [];
    this.loopKeys = 0;
    this.malformedAmounts = 0;
    this.aspspErrors = { left: 0, text: '' };
  }
}
