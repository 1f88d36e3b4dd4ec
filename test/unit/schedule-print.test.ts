import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cliEntry, registerSchedule, renderCron, renderSystemd, scheduleTarget } from '../../src/cli/commands/schedule.js';
import { parseSchedule } from '../../src/schedule/cron.js';
import { ROOT } from '../helpers/trax.js';

describe('trax schedule print', () => {
  let dir: string;
  let saved: NodeJS.ProcessEnv;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'trax-schedule-'));
    saved = { ...process.env };
    for (const k of Object.keys(process.env)) if (/^(TRAX_|TRUELAYER_|PLAID_)/.test(k)) delete process.env[k];
  });
  afterEach(() => {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<string> {
    const program = new Command('trax').exitOverride();
    registerSchedule(program);
    let printed = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((printed += String(s)), true));
    try {
      await program.parseAsync(['schedule', 'print', ...args], { from: 'user' });
    } finally {
      spy.mockRestore();
    }
    return printed;
  }

  it('prints a crontab line for this installation: its schedule, node, the built CLI, this directory', async () => {
    process.env.TRAX_DATA_DIR = path.join(dir, 'data');
    const first = await run();
    const line = first.trim().split('\n').at(-1)!;
    expect(line).toMatch(/^\d{1,2} [234] \* \* \* cd /);
    expect(line).toContain(` && ${process.execPath} `);
    expect(line).toContain(
      `${path.join(ROOT, 'dist/src/cli/main.js')} sync --scheduled >> ${path.join(dir, 'data')}/schedule.log 2>&1`,
    );
    expect(first).toContain('the nightly default for this installation');
    // The default minute is stored: printing again gives the same line.
    expect((await run('--cron')).trim().split('\n').at(-1)).toBe(line);

    process.env.TRAX_SYNC_SCHEDULE = '45 6 * * 1-5';
    process.env.TRUELAYER_CLIENT_ID = 'sandbox-x';
    process.env.TRUELAYER_CLIENT_SECRET = 'y';
    const systemd = await run('--systemd');
    expect(systemd).toContain('OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 06:45:00');
    expect(systemd).toContain('# ~/.config/systemd/user/trax-sync.service');
    expect(systemd).toContain('systemctl --user enable --now trax-sync.timer');
    // Settings only in the shell would be missing under cron/systemd: named, never shown.
    expect(systemd).toContain(
      '# Warning: TRAX_DATA_DIR, TRAX_SYNC_SCHEDULE, TRUELAYER_CLIENT_ID, TRUELAYER_CLIENT_SECRET are set in your shell but not in .env',
    );
    expect(systemd).not.toContain('sandbox-x');
  });

  it('uses the .env beside it and says nothing about settings that are in it', () => {
    writeFileSync(path.join(dir, '.env'), 'TRAX_DATA_DIR=./data\n');
    process.env.TRAX_DATA_DIR = './data';
    const target = scheduleTarget(path.join(dir, 'data'), parseSchedule('17 3 * * *', 'TRAX_SYNC_SCHEDULE'), dir);
    expect(target).toMatchObject({ cwd: dir, envFile: path.join(dir, '.env'), node: process.execPath, cli: cliEntry() });
    const cron = renderCron(target);
    expect(cron).not.toContain('Warning');
    expect(cron).toContain(`--env-file=${path.join(dir, '.env')}`);
    expect(renderSystemd(target)).toContain(`WorkingDirectory=${dir}\n`);
  });

  it('refuses both formats at once', async () => {
    await expect(run('--cron', '--systemd')).rejects.toThrow('Choose one of --cron and --systemd.');
  });
});
