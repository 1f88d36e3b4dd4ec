import type { SyncOutcome } from '../sync/engine.js';
import { clean, colors } from './output.js';

/** One line per connection, then warnings; shared by `connect` and `sync`. */
export function describeOutcome(o: SyncOutcome): string {
  const name = clean(o.institution);
  const lines: string[] = [];
  if (o.status === 'done') {
    lines.push(`${colors.green('✔')} ${name} (${o.connectionId}): ${o.added} new, ${o.modified} changed, ${o.removed} removed`);
  } else if (o.status === 'skipped') {
    lines.push(`${colors.yellow('•')} ${name} (${o.connectionId}): skipped — ${o.error?.message ?? ''}`);
  } else {
    lines.push(`${colors.red('✖')} ${name} (${o.connectionId}): ${o.error?.message ?? 'failed'}`);
  }
  for (const w of o.warnings) lines.push(`  ${colors.yellow('!')} ${clean(w)}`);
  return lines.join('\n');
}
