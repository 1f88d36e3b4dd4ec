import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config/index.js';
import { createLocalhostCert } from '../../src/security/cert.js';
import { LOGIN_LIMITS, LoginLimiter } from '../../src/web/login-limiter.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';

const PASSWORD = 'correct horse battery';
const START = Date.parse('2031-03-04T05:06:07Z');

let dir: string;
let clock: number;
let app: App;
let server: WebServer | null;
let base: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trax-login-'));
  clock = START;
  // A clock that moves only when the test says so: the lockout window is measured on it.
  app = openApp(parseConfig({ TRAX_DATA_DIR: dir, TRAX_WEB_PASSWORD: PASSWORD }), { now: () => new Date(clock) });
  server = null;
});
afterEach(async () => {
  await server?.close();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(): Promise<void> {
  server = await startWebServer(app, { port: 0, host: '127.0.0.1', log: () => {} });
  base = server.url.replace('localhost', '127.0.0.1');
}

/** A browser: the login page gives it a session cookie and the form's CSRF token. */
async function browser(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/login`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())![1]!;
  return { cookie, csrf };
}

function tryPassword(b: { cookie: string; csrf: string }, password: string): Promise<Response> {
  return fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: b.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: b.csrf, password, next: '/' }).toString(),
  });
}

describe('login attempts', () => {
  it('100 wrong passwords sent in parallel: only the free tries are checked, the rest get 429 with Retry-After', async () => {
    await serve();
    const b = await browser();
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => tryPassword(b, `guess-${i}`)));
    const checked = answers.filter((r) => r.status === 401);
    const refused = answers.filter((r) => r.status === 429);
    expect(checked.length).toBeGreaterThanOrEqual(1);
    expect(checked.length).toBeLessThanOrEqual(LOGIN_LIMITS.freeAttempts);
    expect(checked.length + refused.length).toBe(100);
    for (const r of refused) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused[0]!.text()).toContain('Too many wrong passwords from this address; wait');

    // The right password has to wait too (that is the point), and works once the wait is over.
    const early = await tryPassword(b, PASSWORD);
    expect(early.status).toBe(429);
    clock += Number(early.headers.get('retry-after')) * 1000;
    const late = await tryPassword(b, PASSWORD);
    expect(late.status).toBe(303);
  });

  it('waits grow after the free tries, then the address is locked out until the window passes on the clock', async () => {
    await serve();
    const b = await browser();
    const waits: number[] = [];
    let failures = 0;
    for (;;) {
      const r = await tryPassword(b, 'wrong password');
      if (r.status === 401) {
        failures++;
        continue;
      }
      expect(r.status).toBe(429);
      const wait = Number(r.headers.get('retry-after'));
      if (failures >= LOGIN_LIMITS.perAddress) {
        expect(wait).toBe(LOGIN_LIMITS.lockoutMs / 1000);
        break;
      }
      waits.push(wait);
      clock += wait * 1000;
    }
    expect(failures).toBe(LOGIN_LIMITS.perAddress);
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64]);

    // Locked: even the right password is refused until the lockout is over.
    clock += LOGIN_LIMITS.lockoutMs - 1000;
    const locked = await tryPassword(b, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('1');
    clock += 1000;
    expect((await tryPassword(b, PASSWORD)).status).toBe(303);
  });

  it('a new session id at login: the id from before no longer logs anyone in', async () => {
    await serve();
    const b = await browser();
    const res = await tryPassword(b, PASSWORD);
    expect(res.status).toBe(303);
    const after = res.headers.get('set-cookie')!.split(';')[0]!;
    expect(after.split('=')[0]).toBe(b.cookie.split('=')[0]);
    expect(after).not.toBe(b.cookie);
    expect((await fetch(`${base}/`, { redirect: 'manual', headers: { cookie: after } })).status).toBe(200);
    const old = await fetch(`${base}/`, { redirect: 'manual', headers: { cookie: b.cookie } });
    expect(old.status).toBe(302);
    expect(old.headers.get('location')).toBe('/login?next=%2F');
  });

  it('under HTTPS the session cookie is Secure, before and after login', async () => {
    await createLocalhostCert(dir);
    await serve();
    expect(server!.url).toMatch(/^https:/);
    const get = (p: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
      new Promise<{ status: number; cookies: string[]; body: string }>((resolve, reject) => {
        const req = httpsRequest(
          `${base}${p}`,
          { rejectUnauthorized: false, method: init.method ?? 'GET', headers: init.headers },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => resolve({ status: res.statusCode!, cookies: res.headers['set-cookie'] ?? [], body }));
          },
        );
        req.on('error', reject);
        req.end(init.body);
      });
    const page = await get('/login');
    expect(page.cookies).toHaveLength(1);
    expect(page.cookies[0]).toMatch(/; Secure/);
    expect(page.cookies[0]).toMatch(/; HttpOnly/);
    const cookie = page.cookies[0]!.split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const login = await get('/login', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, password: PASSWORD, next: '/' }).toString(),
    });
    expect(login.status).toBe(303);
    expect(login.cookies).toHaveLength(1);
    expect(login.cookies[0]).toMatch(/; Secure/);
    expect(login.cookies[0]!.split(';')[0]).not.toBe(cookie);
  });
});

describe('the login limiter', () => {
  it('guesses spread over many addresses hit the global limit; it lifts when they age out', () => {
    let now = START;
    const limiter = new LoginLimiter(() => now);
    for (let i = 0; i < LOGIN_LIMITS.global; i++) {
      const a = limiter.begin(`198.51.100.${i}`);
      expect(a.allowed).toBe(true);
      if (a.allowed) a.finish(false);
      now += 1000;
    }
    const next = limiter.begin('203.0.113.7');
    expect(next).toMatchObject({ allowed: false, why: 'global' });
    if (!next.allowed) now += next.retryAfterS * 1000;
    expect(limiter.begin('203.0.113.7').allowed).toBe(true);
  });

  it('property: however attempts interleave, no address gets more checks than its limit, nor all more than the global one', () => {
    type Op = { kind: 'begin'; address: number } | { kind: 'finish'; which: number; ok: boolean } | { kind: 'tick'; ms: number };
    // Mostly arrivals, so many attempts are in flight at once (the parallel guesser's trick).
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant('begin' as const), address: fc.integer({ min: 0, max: 5 }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('finish' as const), which: fc.nat(), ok: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 70_000 }) }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300, size: 'max' }), fc.boolean(), (ops, tightGlobal) => {
        let now = START;
        // With the real limits, and with a global limit too loose to hide a per-address mistake.
        const limits = tightGlobal ? LOGIN_LIMITS : { ...LOGIN_LIMITS, global: 1000 };
        const limiter = new LoginLimiter(() => now, limits);
        const open: Array<{ address: number; finish(ok: boolean): void }> = [];
        // Failures since the address last logged in, and all failures (nothing ages out here).
        const failedSinceSuccess = new Map<number, number>();
        let failedTotal = 0;
        for (const o of ops) {
          // Stay inside one window, so nothing ages out and every check counts against the limits.
          if (o.kind === 'tick') now = Math.min(now + o.ms, START + LOGIN_LIMITS.windowMs - 1);
          if (o.kind === 'begin') {
            const a = limiter.begin(`10.0.0.${o.address}`);
            if (a.allowed) open.push({ address: o.address, finish: a.finish });
          }
          if (o.kind === 'finish' && open.length) {
            const [done] = open.splice(o.which % open.length, 1);
            done!.finish(o.ok);
            if (o.ok) failedSinceSuccess.set(done!.address, 0);
            else {
              failedSinceSuccess.set(done!.address, (failedSinceSuccess.get(done!.address) ?? 0) + 1);
              failedTotal++;
            }
          }
          for (let address = 0; address <= 5; address++) {
            const checked = (failedSinceSuccess.get(address) ?? 0) + open.filter((x) => x.address === address).length;
            if (checked > limits.perAddress) return false;
          }
          if (failedTotal + open.length > limits.global) return false;
        }
        return true;
      }),
      { seed: 20310304, numRuns: 300 },
    );
  });
});
