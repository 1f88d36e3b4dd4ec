import { PROVIDER_IDS, providerPolicy } from '../../providers/registry.js';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv } from 'node:util';
import type { Command } from 'commander';
import { TraxError } from '../../domain/errors.js';
import { configuredSchedule } from '../../schedule/config.js';
import { crontabLine, systemdUnits, type ScheduleTarget } from '../../schedule/print.js';
import { en, type Messages } from '../../i18n/messages/en.js';
import { out, withApp } from '../context.js';
import { cliText } from '../output.js';

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
      const { m } = cliText();
      if (opts.cron && opts.systemd) throw new TraxError('usage', m.cliScheduleOneKind);
      await withApp((app) => {
        const target = scheduleTarget(app.config.dataDir, configuredSchedule(app.db));
        out(opts.systemd ? renderSystemd(target, m) : renderCron(target, m));
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

export function renderCron(t: ScheduleTarget, m: Messages = en): string {
  return [
    m.schedHead(t.schedule.expression, describeSource(t, m), true),
    m.schedCronMissed,
    ...warnings(t, m),
    crontabLine(t),
  ].join('\n');
}

export function renderSystemd(t: ScheduleTarget, m: Messages = en): string {
  const units = systemdUnits(t);
  return [
    m.schedHead(t.schedule.expression, describeSource(t, m), false),
    m.schedSaveThen,
    '#   systemctl --user daemon-reload && systemctl --user enable --now trax-sync.timer',
    `#   loginctl enable-linger "$USER"    # ${m.schedLinger}`,
    `#   journalctl --user -u trax-sync     # ${m.schedJournal}`,
    ...warnings(t, m),
    '',
    '# ~/.config/systemd/user/trax-sync.service',
    units.service,
    '# ~/.config/systemd/user/trax-sync.timer',
    units.timer,
  ].join('\n');
}

function describeSource(t: ScheduleTarget, m: Messages): string {
  return t.schedule.source === 'default' ? m.schedSourceDefault : m.schedSourceEnv;
}

/**
 * cron and systemd see .env but not the shell: a setting exported only in the shell would be
 * missing from the scheduled run. Names only — values may be secrets.
 */
function warnings(t: ScheduleTarget, m: Messages): string[] {
  const lines: string[] = [];
  if (!existsSync(t.cli)) lines.push(m.schedWarnNoBuild(t.cli));
  let inFile: Record<string, string | undefined> = {};
  if (t.envFile) {
    try {
      inFile = parseEnv(readFileSync(t.envFile, 'utf8'));
    } catch {
      lines.push(m.schedWarnEnvUnreadable(t.envFile));
    }
  } else {
    lines.push(m.schedWarnNoEnv(t.cwd));
  }
  const ENV_PREFIXES = ['TRAX_', ...PROVIDER_IDS.flatMap((id) => providerPolicy(id).envPrefixes)];
  const shellOnly = Object.keys(process.env)
    .filter((k) => ENV_PREFIXES.some((p) => k.startsWith(p)) && !(k in inFile))
    .sort();
  if (shellOnly.length) lines.push(m.schedWarnShellOnly(shellOnly.join(', '), shellOnly.length));
  return lines;
}
