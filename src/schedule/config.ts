import { z } from 'zod';
import { TraxError } from '../domain/errors.js';
import type { Db } from '../store/db.js';
import { defaultSchedule, parseSchedule, type Schedule } from './cron.js';

/**
 * The scheduler's own setting. Read here rather than in src/config because only the scheduler
 * and `trax schedule print` use it; `.env` has already been loaded into process.env by then.
 */
const scheduleEnv = z.object({
  TRAX_SYNC_SCHEDULE: z.string().trim().min(1, 'must not be empty; remove it for the default nightly sync').optional(),
});

/** TRAX_SYNC_SCHEDULE if set (validated), else the installation's nightly default. */
export function configuredSchedule(db: Db, env: NodeJS.ProcessEnv = process.env): Schedule {
  const parsed = scheduleEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TraxError('config_invalid', `${String(issue.path[0])} ${issue.message}. Fix it in .env or your environment.`);
  }
  const expression = parsed.data.TRAX_SYNC_SCHEDULE;
  return expression ? parseSchedule(expression, 'TRAX_SYNC_SCHEDULE') : defaultSchedule(db);
}
