import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { CLI, ING, runCli, type TestApp, useSandboxApp } from '../helpers/trax.js';

/**
 * `trax connect`, `trax sandbox` and `trax serve` in a German terminal: the link, the wait, the
 * result and the refusals in German, against the TrueLayer emulator over real HTTP.
 */
let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

function start(args: string[], env: Record<string, string>): { proc: ChildProcessWithoutNullStreams; seen: () => string } {
  const proc = spawn(process.execPath, [path.resolve(CLI), ...args], {
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TRAX_LANG: 'de', ...env },
  });
  let all = '';
  proc.stdout.on('data', (d: Buffer) => (all += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (all += d.toString()));
  return { proc, seen: () => all };
}
const until = async (seen: () => string, re: RegExp): Promise<RegExpExecArray> => {
  for (let i = 0; i < 400; i++) {
    const m = re.exec(seen());
    if (m) return m;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never printed ${re}: ${seen()}`);
};
const closed = (proc: ChildProcessWithoutNullStreams) => new Promise<number | null>((r) => proc.on('close', r));

describe('trax connect, sandbox and serve in German', () => {
  it('connect truelayer: the link, the wait and the result in German', async () => {
    const { proc, seen } = start(['connect', 'truelayer', '--no-browser'], t.env);
    const link = (
      await until(seen, /Öffnen Sie diesen Link, um sich bei Ihrer Bank anzumelden:\n\n {2}(http:\/\/127\.0\.0\.1:\d+\/\?\S+)/)
    )[1]!;
    await until(seen, /Warten, bis die Bank Sie zu http:\/\/\S+ zurückschickt … \(Strg-C bricht ab\)/);
    const redirect = await sb.completeAuth(link, { username: 'john', password: 'doe', providerId: ING });
    expect((await fetch(redirect)).status).toBe(200);
    expect(await closed(proc), seen()).toBe(0);
    expect(seen()).toContain('Anmeldung erhalten; Konten und Umsätze werden abgerufen…');
    expect(seen()).toMatch(/ING als tl-[0-9a-f]{6} verknüpft; Freigabe gültig bis \d\d\.\d\d\.\d{4} \(in \d+ Tagen\)\./);
    expect(seen()).toMatch(/✔ ING \(tl-[0-9a-f]{6}\): \d+ neu, 0 geändert, 0 entfernt/);
    expect(seen()).toContain('Ansehen mit `trax accounts` und `trax transactions`');
  });

  it('refuses an unknown provider and a Plaid link without a browser in German', async () => {
    const de = { ...t.env, TRAX_LANG: 'de' };
    const unknown = await runCli(['connect', 'sparkasse'], de);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /„sparkasse“ ist kein Anbieter, über den Trax verknüpfen kann; nutzen Sie `trax connect \w+`( oder `trax connect \w+`)+\./,
    );
    const plaid = await runCli(['connect', 'plaid'], de);
    expect(plaid.code).toBe(2);
    expect(plaid.stderr).toContain('Plaid-Banken werden im Browser mit Plaid Link verknüpft');
  });

  it('sandbox prints its .env lines with German instructions; serve says where it runs', async () => {
    const sandbox = start(['sandbox', '--port', '0'], {});
    const port = (await until(sandbox.seen, /TrueLayer-Testumgebung läuft unter http:\/\/127\.0\.0\.1:(\d+)/))[1];
    await until(sandbox.seen, /Strg-C beendet die Testumgebung\./);
    expect(sandbox.seen()).toContain(`TRUELAYER_AUTH_URL=http://127.0.0.1:${port}`);
    sandbox.proc.kill('SIGINT');
    await closed(sandbox.proc);
    expect(sandbox.seen()).toContain('Testumgebung wird beendet…');

    const serve = start(['serve', '--port', '0', '--no-schedule'], t.env);
    await until(serve.seen, /Trax läuft unter http:\/\/\S+ — Strg-C beendet es\./);
    serve.proc.kill('SIGINT');
    await closed(serve.proc);

    const badPort = await runCli(['serve', '--port', 'achtzig'], { ...t.env, TRAX_LANG: 'de' });
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port „achtzig“ ist keine Portnummer.');
  });
});
