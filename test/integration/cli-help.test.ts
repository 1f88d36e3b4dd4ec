import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/trax.js';

// Help never opens the database; the data dir is here only so nothing lands in the cwd if it did.
const dir = mkdtempSync(path.join(tmpdir(), 'trax-help-'));
const env = { TRAX_DATA_DIR: path.join(dir, 'data') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Names listed under "Commands:" in a help page (commander's own `help` excluded). */
function commandsIn(help: string): string[] {
  const section = help.split(/^Commands:\n/m)[1]?.split(/\n\n/)[0] ?? '';
  return [...section.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1]!).filter((n) => n !== 'help');
}

/** The description paragraph of a command's own help page, between Usage and its first section. */
function descriptionIn(help: string): string {
  return squash(help.split(/\n\n/)[1] ?? '');
}

describe('trax --help and every command help', () => {
  it('lists every command at the top level with getting-started examples, and each command explains itself with examples', async () => {
    const top = await runCli(['--help'], env);
    expect(top.code, top.stderr).toBe(0);
    const names = commandsIn(top.stdout);
    for (const n of ['connect', 'connections', 'sync', 'accounts', 'transactions', 'report', 'backup', 'restore', 'serve']) {
      expect(names).toContain(n);
    }
    expect(top.stdout).toMatch(/Getting started:\n {2}trax sandbox/);

    const pages = await Promise.all(names.map(async (name) => ({ name, r: await runCli([name, '--help'], env) })));
    for (const { name, r } of pages) {
      expect(r.code, `${name}: ${r.stderr}`).toBe(0);
      expect(r.stdout, name).toMatch(new RegExp(`^Usage: trax ${name}\\b`));
      // The top-level listing is a lazy stub: it must say what the command itself says.
      expect(squash(top.stdout), name).toContain(descriptionIn(r.stdout));
      expect(r.stdout, name).toMatch(new RegExp(`Examples:\\n(?: {2}.*\\n)*? {2}trax ${name}\\b`));
    }
  }, 120_000);

  it('shows help for every subcommand too, and `trax help X` is the same as `trax X --help`', async () => {
    const top = await runCli(['--help'], env);
    const names = commandsIn(top.stdout);
    const parents = await Promise.all(names.map(async (name) => ({ name, r: await runCli([name, '--help'], env) })));
    const subs = parents.flatMap(({ name, r }) => commandsIn(r.stdout).map((sub) => [name, sub] as const));
    expect(subs.length).toBeGreaterThan(5);
    const pages = await Promise.all(
      subs.map(async ([name, sub]) => ({ name, sub, r: await runCli([name, sub, '--help'], env) })),
    );
    for (const { name, sub, r } of pages) {
      expect(r.code, `${name} ${sub}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: trax ${name} ${sub}\\b`));
    }
    const viaHelp = await runCli(['help', 'accounts'], env);
    const viaFlag = parents.find((p) => p.name === 'accounts')!.r;
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
  }, 120_000);

  it('suggests the right command for a typo, with exit code 2', async () => {
    const r = await runCli(['acounts'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'acounts'[\s\S]*Did you mean accounts\?/);
  });
});
