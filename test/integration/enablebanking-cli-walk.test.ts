import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ASPSPS } from '../../src/sandbox/enablebanking/index.js';
import { CLI, runCli } from '../helpers/trax.js';
import { APP_ID, ebWorld, type EbWorld } from '../helpers/enablebanking.js';

/**
 * What a new user met walking the README's Enable Banking commands: sentences that named
 * TrueLayer, an invented country answered as a missing bank, and `trax serve` saying no provider
 * was configured when Enable Banking was.
 */
let w: EbWorld;
let dataDir: string;
let env: Record<string, string>;
const servers: Server[] = [];

beforeEach(async () => {
  w = await ebWorld();
  dataDir = mkdtempSync(path.join(tmpdir(), 'trax-ebwalk-'));
  env = {
    TRAX_DATA_DIR: dataDir,
    TRAX_SECRET_KEY: '79'.repeat(32),
    ENABLEBANKING_APP_ID: APP_ID,
    ENABLEBANKING_KEY_FILE: path.join(w.dir, 'private.pem'),
    ENABLEBANKING_REDIRECT_URI: 'http://localhost:0/callback/enablebanking',
    ENABLEBANKING_BASE_URL: w.sb.url,
  };
});
afterEach(async () => {
  for (const s of servers.splice(0)) s.close();
  rmSync(dataDir, { recursive: true, force: true });
  await w.close();
});

const cli = (args: string[], extra: Record<string, string> = {}) =>
  runCli(args, { ...env, TRAX_CLOCK: w.sb.clock.now().toISOString(), ...extra });

/** A port some other program holds. */
async function busyPort(): Promise<number> {
  const s = createServer();
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as { port: number }).port;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

describe('a country Enable Banking does not serve', () => {
  it('`trax banks` and `trax connect` name the country, list the served ones, exit 2 and ask nothing', async () => {
    const banks = await cli(['banks', '--provider', 'enablebanking', '--country', 'XX']);
    expect(banks.code).toBe(2);
    expect(banks.stderr.trim()).toMatch(
      /^Error: Enable Banking serves no country "XX"; use a two-letter code of one it serves: AT, BE, .*DE, .*SK\.$/,
    );
    const connect = await cli(['connect', 'enablebanking', '--bank', 'ING', '--country', 'xx', '--no-browser', '--timeout', '1']);
    expect(connect.code).toBe(2);
    expect(connect.stderr).toContain('Enable Banking serves no country "xx"');
    expect(w.sb.requestLog.filter((r) => r.path.startsWith('/aspsps'))).toEqual([]);
    expect(JSON.parse((await cli(['connections', '--json'])).stdout)).toEqual([]);
  });

  it('a bank no close name matches points at the command that lists the exact names', async () => {
    const r = await cli(['connect', 'enablebanking', '--bank', 'Sparkasse', '--country', 'DE', '--no-browser', '--timeout', '1']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      'Error: Enable Banking lists no bank called "Sparkasse" in DE; `trax banks --provider enablebanking --country DE` (or the bank picker in `trax serve`) shows the exact names.',
    );
  });
});

describe('a bank name several countries list', () => {
  it('without --country is refused with the countries, instead of linking whichever came first', async () => {
    const nl = { ...ASPSPS.find((a) => a.name === 'ING')!, country: 'NL', bic: 'INGBNL2A' };
    const world = await ebWorld({ extraAspsps: [nl] });
    try {
      const r = await runCli(['connect', 'enablebanking', '--bank', 'ing', '--no-browser', '--timeout', '1'], {
        ...env,
        ENABLEBANKING_BASE_URL: world.sb.url,
        ENABLEBANKING_KEY_FILE: path.join(world.dir, 'private.pem'),
        TRAX_CLOCK: world.sb.clock.now().toISOString(),
      });
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(
        'Error: Enable Banking lists "ING" in DE, NL; say which with --country, e.g. `trax connect enablebanking --bank "ING" --country DE`.',
      );
      expect(world.sb.requestLog.filter((q) => q.path === '/auth')).toEqual([]);
    } finally {
      await world.close();
    }
  });
});

describe('the local listener speaks of Enable Banking, not TrueLayer', () => {
  it('a redirect port in use names ENABLEBANKING_REDIRECT_URI and the --code way round it', async () => {
    const port = await busyPort();
    const r = await cli(['connect', 'enablebanking', '--bank', 'ING', '--country', 'DE', '--no-browser', '--timeout', '1'], {
      ENABLEBANKING_REDIRECT_URI: `http://localhost:${port}/callback/enablebanking`,
    });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(
      `Error: Port ${port} (from ENABLEBANKING_REDIRECT_URI) is in use by another program; stop it (is \`trax serve\` running?) or use \`trax connect enablebanking --code CODE\`.`,
    );
  });

  it('a refusal at the bank says how to start this bank over, and connects nothing', async () => {
    const port = await freePort();
    const redirect = `http://localhost:${port}/callback/enablebanking`;
    w.sb.allowRedirect(APP_ID, redirect);
    const child = spawn(
      process.execPath,
      [CLI, 'connect', 'enablebanking', '--bank', 'Mock ASPSP', '--country', 'DE', '--no-browser', '--timeout', '1'],
      {
        cwd: tmpdir(),
        env: {
          PATH: process.env.PATH ?? '',
          NO_COLOR: '1',
          ...env,
          ENABLEBANKING_REDIRECT_URI: redirect,
          TRAX_CLOCK: w.sb.clock.now().toISOString(),
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise<number | null>((r) => child.on('close', r));
    const link = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/welcome\?sessionid=\S+)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.on('close', () => reject(new Error(`connect ended before printing a link: ${stderr}`)));
    });
    // The listener is up once the CLI says it waits.
    while (!stderr.includes('Waiting for the bank')) await new Promise((r) => setTimeout(r, 20));
    const back = await w.sb.completeAuth(link, { username: 'denied', password: '' });
    const page = await fetch(back);
    expect(page.status).toBe(200);
    expect(await closed).toBe(1);
    expect(stderr).toContain('Run `trax connect enablebanking --bank "Mock ASPSP" --country DE` to try again.');
    expect(stderr).not.toContain('truelayer');
    expect(JSON.parse((await cli(['connections', '--json'])).stdout)).toEqual([]);
  });
});

describe('trax serve', () => {
  async function serveFirstLines(extra: Record<string, string | undefined>): Promise<{ stdout: string; stderr: string }> {
    const e: Record<string, string> = { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env };
    for (const [k, v] of Object.entries(extra)) if (v === undefined) delete e[k];
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--no-schedule'], { cwd: tmpdir(), env: e });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const closed = new Promise((r) => child.on('close', r));
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('Ctrl-C')) resolve();
      }),
    );
    // The provider note is written right after the address line; give it a moment to arrive.
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGINT');
    await closed;
    return { stdout, stderr };
  }

  it('with only Enable Banking configured, does not claim that no provider is', async () => {
    const r = await serveFirstLines({});
    expect(r.stdout).toMatch(/Trax is running at http:\/\/localhost:\d+/);
    expect(r.stderr).not.toContain('No provider is configured');
  });

  it('with nothing configured, names Enable Banking among the providers to set up', async () => {
    const r = await serveFirstLines({
      ENABLEBANKING_APP_ID: undefined,
      ENABLEBANKING_KEY_FILE: undefined,
      ENABLEBANKING_REDIRECT_URI: undefined,
      ENABLEBANKING_BASE_URL: undefined,
    });
    expect(r.stderr).toContain(
      'No provider is configured yet: put TrueLayer, Plaid or Enable Banking keys in .env (see README), or try `npm run demo`.',
    );
  });
});
