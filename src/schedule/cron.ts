import { randomInt } from 'node:crypto';
import { Cron } from 'croner';
import { TraxError } from '../domain/errors.js';
import type { Db } from '../store/db.js';
import { ensureMeta } from './meta.js';

/** A validated cron expression, read in the machine's local time zone like crontab. */
export interface Schedule {
  expression: string;
  /** Where it came from, for the log and `trax schedule print`. */
  source: 'TRAX_SYNC_SCHEDULE' | 'default' | 'option';
  next(after: Date): Date | null;
  /** The most recent time the schedule fired at or before `at`. */
  previous(at: Date): Date | null;
}

/**
 * Parses a five-field cron expression (minute hour day-of-month month day-of-week, or @daily and
 * friends). Six- and seven-field forms with seconds and years are refused: a bank sync has no use
 * for them and crontab and systemd could not run them.
 */
export function parseSchedule(expression: string, source: Schedule['source'], name = 'TRAX_SYNC_SCHEDULE'): Schedule {
  const expr = expression.trim().replace(/\s+/g, ' ');
  let cron: Cron;
  try {
    cron = new Cron(expr, { paused: true, mode: '5-part' });
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).replace(/^CronPattern:\s*/, '');
    throw new TraxError(
      'config_invalid',
      `${name} "${expression}" is not a cron expression (${reason}); use five fields such as "30 3 * * *" (03:30 every night), or remove it for the default nightly sync.`,
    );
  }
  if (!cron.nextRun(new Date())) {
    throw new TraxError(
      'config_invalid',
      `${name} "${expression}" never runs (no such date in the calendar); use five fields such as "30 3 * * *" (03:30 every night), or remove it for the default nightly sync.`,
    );
  }
  return {
    expression: expr,
    source,
    next: (after) => cron.nextRun(after),
    previous: (at) => cron.previousRuns(1, new Date(at.getTime() + 1000))[0] ?? null,
  };
}

/** Minutes after 02:00 the default nightly sync runs at: 0..179, i.e. 02:00 to 04:59 local time. */
const WINDOW_MINUTES = 180;

/**
 * The default: nightly at a minute between 02:00 and 05:00 local time, picked at random once per
 * installation and stored in the database, so the thousands of Trax installations do not all
 * call the banks at 02:00, and one installation's time never moves.
 */
export function defaultSchedule(db: Db): Schedule {
  const offset = Number(ensureMeta(db, 'default_minute', () => String(randomInt(WINDOW_MINUTES))));
  const minutes = Number.isInteger(offset) && offset >= 0 && offset < WINDOW_MINUTES ? offset : 0;
  return parseSchedule(`${minutes % 60} ${2 + Math.floor(minutes / 60)} * * *`, 'default');
}
