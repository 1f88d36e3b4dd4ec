import { addDays, toDay } from '../shared/dates.js';
import { serveApp } from '../shared/serve.js';
import { assertNotProduction, createEnableBankingSandboxApp } from './app.js';
import { completeAuth } from './complete-auth.js';
import { registerApp, type SandboxAppReg } from './jwt-check.js';
import { EbSandboxState, type RequestLogEntry } from './state.js';
import type { Interrupter } from '../shared/interrupt.js';
import { sortChronologically } from '../truelayer/personas/ledger.js';

export { generateDemoKeyPair, type DemoKeyPair } from './keys.js';
import { ASPSPS, type AspspDef } from './aspsps.js';

export { ASPSPS, type AspspDef } from './aspsps.js';
export type { RequestLogEntry, SandboxAppReg };

export interface EnableBankingSandboxOptions {
  /** 0 / undefined = a free port */
  port?: number;
  host?: string;
  /** Emulator clock start; default the real now, then it ticks with real time. */
  now?: Date;
  apps: SandboxAppReg[];
  /** default 42; data is deterministic from seed + start day + username */
  seed?: number;
  /** default 5 minutes: history older than 90 days only this long after authorisation */
  scaWindowMs?: number;
  /** default 10 minutes */
  codeTtlMs?: number;
  /** default 4 (PSD2) */
  unattendedReadsPerDay?: number;
  /** transactions per page, default 100 */
  pageSize?: number;
  /** Banks listed after the built-in ones (tests: a bank whose name is hostile text). */
  extraAspsps?: AspspDef[];
}

export interface EnableBankingFaults {
  /** The next n follow-up transactions calls hand back the key they were given. */
  loopContinuationKey(n?: number): void;
  /** The next n transactions pages carry a first amount like "12,50". */
  malformedAmount(n?: number): void;
  /** The next n data calls fail with 400 ASPSP_ERROR and this bank text. */
  aspspError(text: string, n?: number): void;
  /** The PSU withdrew consent at the bank: data calls answer 401 REVOKED_SESSION. */
  revokeSession(sessionId?: string): void;
  /** The consent ran out early (as if valid_until had passed): data calls answer 401 EXPIRED_SESSION. */
  expireSession(sessionId?: string): void;
  /** The next n data calls answer 429 ASPSP_RATE_LIMIT_EXCEEDED, as a bank's own limit does. */
  rateLimit(n?: number): void;
  /** Every bank also demands these PSU headers on user-present calls (e.g. Psu-Geo-Location, which Trax cannot know). */
  requirePsuHeaders(headers: string[]): void;
  /** POST /auth answers this `url` instead of the hosted login page. */
  authUrl(url: string | null): void;
  /** Every reservation books today, under a new entry_reference (as German banks do). */
  bookPending(): void;
  /** Reservations listed today stay pending `days` more days (a hotel deposit or fuel pre-authorisation held open). */
  holdPending(days: number): void;
  reset(): void;
}

export interface EnableBankingSandbox {
  url: string;
  clock: { now(): Date; advance(ms: number): void; set(d: Date): void };
  faults: EnableBankingFaults;
  /** Acts on the n-th request after arming: stall it, cut its body, or arm a fault just before it. */
  interrupt: Pick<Interrupter, 'hold' | 'before' | 'reset'>;
  /** Every request, Authorization redacted. */
  requestLog: RequestLogEntry[];
  /** Drives the hosted page like a browser; returns the redirect location. */
  completeAuth(authUrl: string, login: { username: string; password: string }): Promise<string>;
  /**
   * Registers one more redirect URL on an application, as a developer adds one in the control
   * panel: a web app on a port chosen at start knows its callback only after listening.
   */
  allowRedirect(appId: string, url: string): void;
  /** Session ids and their status, for tests. */
  sessions(): Array<{ id: string; status: string }>;
  close(): Promise<void>;
}

export async function startEnableBankingSandbox(opts: EnableBankingSandboxOptions): Promise<EnableBankingSandbox> {
  assertNotProduction();
  const start = opts.now ?? new Date();
  if (Number.isNaN(start.getTime())) throw new Error('startEnableBankingSandbox: opts.now is not a valid date');
  const apps = new Map(opts.apps.map((a) => [a.appId, registerApp(a)]));
  const state = new EbSandboxState(
    {
      seed: opts.seed ?? 42,
      startDay: toDay(start),
      scaWindowMs: opts.scaWindowMs ?? 5 * 60_000,
      codeTtlMs: opts.codeTtlMs ?? 10 * 60_000,
      unattendedReadsPerDay: opts.unattendedReadsPerDay ?? 4,
      pageSize: opts.pageSize ?? 100,
    },
    apps,
    start,
    [...ASPSPS, ...(opts.extraAspsps ?? [])],
  );
  const server = await serveApp(createEnableBankingSandboxApp(state), opts);
  state.baseUrl = server.url;
  let closed: Promise<void> | undefined;
  return {
    url: server.url,
    clock: { now: () => state.clock.now(), advance: (ms) => state.clock.advance(ms), set: (d) => state.clock.set(d) },
    faults: {
      loopContinuationKey: (n = 1) => void (state.faults.loopKeys = n),
      malformedAmount: (n = 1) => void (state.faults.malformedAmounts = n),
      aspspError: (text, n = 1) => void (state.faults.aspspErrors = { left: n, text }),
      revokeSession: (id) => {
        for (const s of state.sessions.values())
          if ((id === undefined || s.id === id) && s.status === 'AUTHORIZED') s.status = 'REVOKED';
      },
      expireSession: (id) => {
        for (const s of state.sessions.values())
          if ((id === undefined || s.id === id) && s.status === 'AUTHORIZED') s.status = 'EXPIRED';
      },
      rateLimit: (n = 1) => void (state.faults.rateLimits = n),
      authUrl: (url) => void (state.faults.authUrl = url),
      requirePsuHeaders: (headers) => void (state.faults.extraPsuHeaders = [...headers]),
      bookPending: () => {
        const today = state.today();
        for (const persona of new Set([...state.sessions.values()].map((s) => s.persona))) {
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
      holdPending: (days) => {
        const today = state.today();
        for (const persona of new Set([...state.sessions.values()].map((s) => s.persona)))
          for (const account of persona.accounts) {
            for (const t of account.txns)
              if (t.authDate !== undefined && t.authDate <= today && t.bookingDate > today)
                t.bookingDate = addDays(t.bookingDate, days);
            sortChronologically(account.txns);
          }
      },
      reset: () => state.faults.reset(),
    },
    interrupt: state.interrupt,
    requestLog: state.requestLog,
    completeAuth,
    allowRedirect: (appId, url) => {
      const app = apps.get(appId);
      if (!app) throw new Error(`allowRedirect: no application ${appId} is registered`);
      if (!app.redirectUrls.includes(url)) app.redirectUrls.push(url);
    },
    sessions: () => [...state.sessions.values()].map((s) => ({ id: s.id, status: state.statusOf(s) })),
    close: () => {
      state.interrupt.reset();
      return (closed ??= server.close());
    },
  };
}
