import { PROVIDER_IDS, providerPolicy } from '../../providers/registry.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import type { Command } from 'commander';
import { TraxError } from '../../domain/errors.js';
import { configuredSchedule } from '../../schedule/config.js';
import { crontabLine, systemdUnits, type ScheduleTarget } from '../../schedule/print.js';
import { out, withApp } from '../context.js';

export function registerSchedule(program: Command): void {
  const schedule = program.command('schedule').description('run `trax sync` on a schedule without keeping `trax serve` running');
  schedule
    .command('print')
    .description('print a crontab line (default) or a systemd service and timer that run the scheduled sync')
    .option('--cron', 'a line for `crontab -e`')
    .option('--systemd', 'a systemd user service and timer')
    .addHelpText(
      'after',
      `
Run it from the directory you run Trax from: the output uses this directory, its .env, the
data dir and the absolute paths of node and Trax, because cron and systemd start with almost
no environment. The schedule is TRAX_SYNC_SCHEDULE, or the nightly default (a minute between
02:00 and 05:00 fixed for this installation). \`trax serve\` runs the same schedule by itself;
use one or the other.

Examples:
  (crontab -l 2>/dev/null; trax schedule print --cron) | crontab -
  trax schedule print --systemd`,
    )
    .action(async (opts: { cron?: boolean; systemd?: boolean }) => {
      if (opts.cron && opts.systemd) throw new TraxError('usage', 'Choose one of --cron and --systemd.');
      await withApp((app) => {
        const target = scheduleTarget(app.config.dataDir, configuredSchedule(app.db));
        out(opts.systemd ? renderSystemd(target) : renderCron(target));
      });
    });
}

export function scheduleTarget(dataDir: string, sched: ScheduleTarget['schedule'], cwd = process.cwd()): ScheduleTarget {
  const envFile = path.join(cwd, '.env');
  return {
    schedule: sched,
    node: process.execPath,
    cli: cliEntry(),
    cwd,
    envFile: existsSync(envFile) ? envFile : null,
    dataDir,
  };
}

/** The built CLI beside this file; from the TypeScript sources (tests), the build's copy. */
export function cliEntry(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts')
    ? path.resolve(path.dirname(here), '../../../dist/src/cli/main.js')
    : path.resolve(path.dirname(here), '../main.js');
}

export function renderCron(t: ScheduleTarget): string {
  return [
    `# Trax scheduled sync: ${t.schedule.expression} (${describeSource(t)}), local time. Add it with \`crontab -e\`.`,
    '# cron does not run missed jobs after the machine was off; systemd (--systemd) does.',
    ...warnings(t),
    crontabLine(t),
  ].join('\n');
}

export function renderSystemd(t: ScheduleTarget): string {
  const units = systemdUnits(t);
  return [
    `# Trax scheduled sync: ${t.schedule.expression} (${describeSource(t)}), local time.`,
    '# Save the two files below, then run:',
    '#   systemctl --user daemon-reload && systemctl --user enable --now trax-sync.timer',
    '#   loginctl enable-linger "$USER"    # keep running while you are logged out',
    '#   journalctl --user -u trax-sync     # what the last runs did',
    ...warnings(t),
    '',
    '# ~/.config/systemd/user/trax-sync.service',
    units.service,
    '# ~/.config/systemd/user/trax-sync.timer',
    units.timer,
  ].join('\n');
}

function describeSource(t: ScheduleTarget): string {
  return t.schedule.source === 'default'
    ? 'the nightly default for this installation; set TRAX_SYNC_SCHEDULE to change it'
    : 'from TRAX_SYNC_SCHEDULE';
}

/**
 * cron and systemd see .env but not the shell: a setting exported only in the shell would be
 * missing from the scheduled run. Names only — values may be secrets.
 */
function warnings(t: ScheduleTarget): string[] {
  const lines: string[] = [];
  if (!existsSync(t.cli)) lines.push(`# Warning: ${t.cli} does not exist yet; run \`npm run build\` first.`);
  let inFile: Record<string, string | undefined> = {};
  if (t.envFile) {
    try {
      inFile = parseEnv(readFileSync(t.envFile, 'utf8'));
    } catch {
      lines.push(`# Warning: ${t.envFile} could not be read; the scheduled sync needs it.`);
    }
  } else {
    lines.push(`# Warning: there is no .env in ${t.cwd}; put your settings there, the scheduled sync sees no shell variables.`);
  }
  const ENV_PREFIXES = ['TRAX_', ...PROVIDER_IDS.flatMap((id) => providerPolicy(id).envPrefixes)];
  const shellOnly = Object.keys(process.env)
    .filter((k) => ENV_PREFIXES.some((p) => k.startsWith(p)) && !(k in inFile))
    .sort();
  if (shellOnly.length)
    lines.push(
      `# Warning: ${shellOnly.join(', ')} ${shellOnly.length === 1 ? 'is' : 'are'} set in your shell but not in .env; the scheduled sync will not see ${shellOnly.length === 1 ? 'it' : 'them'}.`,
    );
  return lines;
}
