import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { de } from '../../src/i18n/messages/de.js';
import { en } from '../../src/i18n/messages/en.js';

/**
 * Every option, argument and subcommand description a command module writes has a German text:
 * each module is registered on a fresh program, exactly as src/cli/main.ts registers the one
 * being run, and every description found is looked up in the German catalogue.
 */
const COMMANDS = path.resolve(import.meta.dirname, '../../src/cli/commands');

async function allDescriptions(): Promise<Map<string, string>> {
  const program = new Command('trax');
  for (const file of readdirSync(COMMANDS).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(path.join(COMMANDS, file))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      // Top-level registrations take the program; the tx subcommands are registered by registerTx.
      if (/^register[A-Z]/.test(name) && typeof fn === 'function' && fn.length === 1 && !/^registerTx./.test(name))
        (fn as (p: Command) => void)(program);
    }
  }
  const found = new Map<string, string>();
  const walk = (cmd: Command, where: string) => {
    for (const o of cmd.options) if (o.description) found.set(o.description, `${where} ${o.flags}`);
    for (const a of cmd.registeredArguments) if (a.description) found.set(a.description, `${where} <${a.name()}>`);
    for (const sub of cmd.commands) {
      if (where !== 'trax' && sub.description()) found.set(sub.description(), `${where} ${sub.name()}`);
      walk(sub, `${where} ${sub.name()}`);
    }
  };
  walk(program, 'trax');
  return found;
}

describe('--help in German', () => {
  it('has a German text for every option, argument and subcommand description', async () => {
    const found = await allDescriptions();
    expect(found.size).toBeGreaterThan(100);
    const missing = [...found].filter(([english]) => de.cliHelpText(english) === english).map(([e, where]) => `${where}: ${e}`);
    expect(missing).toEqual([]);
    // English keeps each module's own words.
    for (const english of found.keys()) expect(en.cliHelpText(english)).toBe(english);
  });
});
