import type { SyncOutcome } from '../sync/engine.js';
import { clean, cliText, colors } from './output.js';

/** One line per connection, then warnings; shared by `connect` and `sync`. */
export function describeOutcome(o: SyncOutcome): string {
  const name = clean(o.institution);
  const { m } = cliText();
  const lines: string[] = [];
  if (o.status === 'done') {
    lines.push(`${colors.green('✔')} ${m.cliSyncDone(name, o.connectionId, o.added, o.modified, o.removed)}`);
  } else if (o.status === 'skipped') {
    lines.push(`${colors.yellow('•')} ${m.cliSyncSkipped(name, o.connectionId, o.error?.message ?? '')}`);
  } else {
    lines.push(`${colors.red('✖')} ${m.cliSyncFailed(name, o.connectionId, o.error?.message ?? null)}`);
  }
  for (const w of o.warnings) lines.push(`  ${colors.yellow('!')} ${clean(w)}`);
  return lines.join('\n');
}
