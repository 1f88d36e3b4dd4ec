import type { App } from '../app.js';
import { clean, colors } from '../cli/output.js';
import { getMeta, setMeta } from '../schedule/meta.js';
import { reminders } from './reminders.js';

/**
 * The reminder block printed above a CLI command's output, at most once per local calendar day
 * (remembered in the database, so every process agrees): often enough that an expiring consent
 * is not missed, rarely enough that scripts and daily use are not nagged on every command.
 * Returns null when there is nothing to say or it was said today. Meant for stderr.
 */
export function cliBanner(app: App, now: Date): string | null {
  const list = reminders(app, now);
  if (list.length === 0) return null;
  const today = localDay(now);
  if (getMeta(app.db, 'cli_banner_day') === today) return null;
  setMeta(app.db, 'cli_banner_day', today);
  const head = list.length === 1 ? '1 bank needs your attention:' : `${list.length} banks need your attention:`;
  const mark = (s: string) => (s === 'expiring' ? colors.yellow('!') : colors.red('!'));
  return [colors.bold(head), ...list.map((r) => `  ${mark(r.state)} ${clean(r.sentence)}`)].join('\n');
}

function localDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
