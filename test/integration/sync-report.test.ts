import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectPlaidSandbox } from '../../src/connections/connect-plaid.js';
import type { PlaidSandbox } from '../../src/sandbox/plaid/index.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { plaidEnv, plaidSandbox } from '../helpers/plaid.js';
import { connect, MOCK, runCli, sandbox, testApp, type TestApp } from '../helpers/trax.js';

/** A data dir holding two TrueLayer banks and one Plaid bank, every one synced once. */
let plaid: PlaidSandbox;
let tl: TrueLayerSandbox;
let t: TestApp;
let ing: string;
let mock: string;
let platypus: string;

beforeEach(async () => {
  plaid = await plaidSandbox();
  tl = await sandbox();
  t = await testApp(tl, plaidEnv(plaid));
  ing = (await connect(t.app, tl)).connection.id;
  mock = (await connect(t.app, tl, { providerId: MOCK })).connection.id;
  platypus = (await connectPlaidSandbox(t.app, 'ins_109508')).connection.id;
});
afterEach(async () => {
  t.cleanup();
  await plaid.close();
  await tl.close();
});

/** The environment with one provider's variables left out, as in a .env that never had them. */
function without(prefix: 'PLAID_' | 'TRUELAYER_'): Record<string, string> {
  return Object.fromEntries(Object.entries(t.env).filter(([k]) => !k.startsWith(prefix)));
}

const statuses = () => Object.fromEntries(t.app.connections.list().map((c) => [c.id, c.status]));
const lineOf = (stdout: string, id: string) => stdout.split('\n').filter((l) => l.includes(`(${id})`));

interface JsonOutcome {
  connectionId: string;
  status: string;
  error: { code: string; message: string } | null;
}

describe('trax sync reports every connection', () => {
  it('syncs TrueLayer banks and skips Plaid banks, saying why, when only Plaid has no keys', async () => {
    const r = await runCli(['sync'], without('PLAID_'));
    expect(r.code, r.stderr).toBe(0);
    expect(lineOf(r.stdout, ing)).toEqual([expect.stringMatching(/^✔ .*: \d+ new, \d+ changed, \d+ removed$/)]);
    expect(lineOf(r.stdout, mock)).toEqual([expect.stringMatching(/^✔ /)]);
    expect(lineOf(r.stdout, platypus)).toEqual([
      expect.stringMatching(/^• First Platypus Bank .*skipped — Plaid is not configured \(set PLAID_CLIENT_ID and PLAID_SECRET/),
    ]);
    expect(r.stderr).not.toContain('are not set');
    expect(statuses()).toEqual({ [ing]: 'active', [mock]: 'active', [platypus]: 'active' });
  });

  it('skips TrueLayer banks and syncs Plaid when only TrueLayer has no keys', async () => {
    const r = await runCli(['sync'], without('TRUELAYER_'));
    expect(r.code, r.stderr).toBe(0);
    for (const id of [ing, mock]) {
      expect(lineOf(r.stdout, id)).toEqual([
        expect.stringMatching(/skipped — TrueLayer is not configured \(set TRUELAYER_CLIENT_ID and TRUELAYER_CLIENT_SECRET/),
      ]);
    }
    expect(lineOf(r.stdout, platypus)).toEqual([expect.stringMatching(/^✔ First Platypus Bank/)]);
    expect(statuses()).toEqual({ [ing]: 'active', [mock]: 'active', [platypus]: 'active' });
  });

  it('lists the skip reasons in --json', async () => {
    const r = await runCli(['sync', '--json'], without('PLAID_'));
    expect(r.code, r.stderr).toBe(0);
    const outcomes = JSON.parse(r.stdout) as JsonOutcome[];
    expect(Object.fromEntries(outcomes.map((o) => [o.connectionId, o.status]))).toEqual({
      [ing]: 'done',
      [mock]: 'done',
      [platypus]: 'skipped',
    });
    expect(outcomes.find((o) => o.connectionId === platypus)!.error).toEqual({
      code: 'not_configured',
      message: expect.stringContaining('Plaid is not configured'),
    });
  });

  it('shows a needs_reauth failure with its reason and the relink command, and exits 1', async () => {
    tl.faults.expireConsent(t.app.connections.get(ing)!.externalId);
    const r = await runCli(['sync'], without('PLAID_'));
    expect(r.code).toBe(1);
    const [line] = lineOf(r.stdout, ing);
    expect(line).toMatch(/^✖ ING /);
    expect(line).toContain(`trax connect truelayer --relink ${ing}`);
    // The reason the bank gave, not only the hint: the user sees why before being asked to relink.
    expect(line!.replace(/Reconnect with.*$/, '')).toMatch(/consent|expired|authori[sz]/i);
    expect(lineOf(r.stdout, mock)).toEqual([expect.stringMatching(/^✔ /)]);
    expect(lineOf(r.stdout, platypus)).toEqual([expect.stringMatching(/skipped — Plaid is not configured/)]);
    expect(statuses()).toEqual({ [ing]: 'needs_reauth', [mock]: 'active', [platypus]: 'active' });
    expect(t.app.connections.get(ing)!.lastError).toBe(line!.replace(/^✖ ING \([^)]+\): /, ''));
  });

  it('with no provider configured skips every bank, exits 0 and marks nothing', async () => {
    const none = Object.fromEntries(
      Object.entries(t.env).filter(([k]) => !k.startsWith('PLAID_') && !k.startsWith('TRUELAYER_')),
    );
    const r = await runCli(['sync'], none);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(
      r.stdout
        .trim()
        .split('\n')
        .every((l) => l.startsWith('• ') && l.includes('is not configured')),
    ).toBe(true);
    expect(statuses()).toEqual({ [ing]: 'active', [mock]: 'active', [platypus]: 'active' });
  });
});
