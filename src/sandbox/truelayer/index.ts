import { toDay } from '../shared/dates.js';
import { serveApp } from '../shared/serve.js';
import { assertNotProduction, createTrueLayerSandboxApp } from './app.js';
import { completeAuth } from './complete-auth.js';
import { createFaultsApi, type FaultsApi } from './faults.js';
import type { Interrupter } from '../shared/interrupt.js';
import { SandboxState, type RequestLogEntry } from './state.js';

export { createTrueLayerSandboxApp } from './app.js';
export { SandboxState } from './state.js';
export type { FaultsApi } from './faults.js';
export type { Held, InterruptAction, Interrupter } from '../shared/interrupt.js';
export type { RequestLogEntry } from './state.js';

export interface SandboxClient {
  clientId: string;
  clientSecret: string;
}

export interface TrueLayerSandboxOptions {
  /** 0 / undefined = random free port */
  port?: number;
  /** default '127.0.0.1' */
  host?: string;
  /** default 42; all persona data is deterministic from seed + start date */
  seed?: number;
  /** emulator clock start; default real now. The clock then ticks with real time. */
  now?: Date;
  clients?: SandboxClient[];
  /** default 5 minutes: deep history (and /info) allowed only this long after auth */
  scaWindowMs?: number;
  /** default 3600 */
  tokenTtlSeconds?: number;
  /** default 5 minutes */
  codeTtlMs?: number;
}

export interface TrueLayerSandbox {
  /** auth host AND api host (one server serves both) */
  url: string;
  authUrl: string;
  /** data endpoints live under `${apiUrl}/data/v1` */
  apiUrl: string;
  close(): Promise<void>;
  clock: { now(): Date; advance(ms: number): void; set(d: Date): void };
  /** What every persona is generated from, so files of the same bank data can be made outside (the demo's ING CSV). */
  seed: number;
  /** YYYY-MM-DD of the start clock. */
  startDay: string;
  faults: FaultsApi;
  /** Acts on the n-th request after arming: stall it, cut its body, or arm a fault just before it. */
  interrupt: Pick<Interrupter, 'hold' | 'before' | 'reset'>;
  /** Every request, Authorization header value redacted. */
  requestLog: RequestLogEntry[];
  /** Drives the HTML auth dialog over HTTP like a browser; returns redirect_uri?code=..&state=.. without following it. */
  completeAuth(authLink: string, login: { username: string; password: string; providerId?: string }): Promise<string>;
  /** The credentials_ids currently known, for tests. */
  credentialIds(): string[];
}

export const DEFAULT_SANDBOX_CLIENT: SandboxClient = { clientId: 'sandbox-trax-demo', clientSecret: 'sandbox-trax-demo-secret' };

export async function startTrueLayerSandbox(opts: TrueLayerSandboxOptions = {}): Promise<TrueLayerSandbox> {
  assertNotProduction();
  const start = opts.now ?? new Date();
  if (Number.isNaN(start.getTime())) throw new Error('startTrueLayerSandbox: opts.now is not a valid date');
  const state = new SandboxState(
    {
      seed: opts.seed ?? 42,
      startDay: toDay(start),
      clients: (opts.clients ?? [DEFAULT_SANDBOX_CLIENT]).map((c) => ({ ...c })),
      scaWindowMs: opts.scaWindowMs ?? 5 * 60_000,
      tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
      codeTtlMs: opts.codeTtlMs ?? 5 * 60_000,
    },
    start,
  );
  const server = await serveApp(createTrueLayerSandboxApp(state), opts);
  const { url } = server;
  state.baseUrl = url;

  let closed: Promise<void> | undefined;
  return {
    url,
    authUrl: url,
    apiUrl: url,
    close: () => {
      state.interrupt.reset();
      closed ??= server.close();
      return closed;
    },
    clock: {
      now: () => state.clock.now(),
      advance: (ms) => state.clock.advance(ms),
      set: (d) => state.clock.set(d),
    },
    seed: state.opts.seed,
    startDay: state.opts.startDay,
    faults: createFaultsApi(state),
    interrupt: state.interrupt,
    requestLog: state.requestLog,
    completeAuth: (authLink, login) => completeAuth(authLink, login),
    credentialIds: () => [...state.credentials.keys()],
  };
}
