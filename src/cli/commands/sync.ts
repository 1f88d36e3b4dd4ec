import { providerPolicy } from '../../providers/registry.js';
import type { Command } from 'commander';
import { TraxError } from '../../domain/errors.js';
import { notifyWebhookUrl } from '../../notify/config.js';
import { configuredSchedule } from '../../schedule/config.js';
import { syncHistory, type SyncHistoryRow } from '../../schedule/history.js';
import { DEFAULT_JITTER_MS, runScheduledPass } from '../../schedule/pass.js';
import { syncAll, syncConnection, type SyncOptions, type SyncOutcome } from '../../sync/engine.js';
import { out, progress, withApp } from '../context.js';
import { clean, cliText, colors, json, table } from '../output.js';
import { describeOutcome } from '../sync-report.js';

interface SyncFlags {
  connection?: string;
  json?: boolean;
  history?: boolean;
  limit?: string;
  scheduled?: boolean;
}

export function registerSync(program: Command): void {
  program
    .command('sync')
    .description('fetch new accounts, balances and transactions from every connected bank')
    .option('--connection <id>', 'sync only this connection (see `trax connections`)')
    .option('--json', 'print the outcome as JSON')
    .option('--history', 'list recent syncs instead of syncing')
    .option('--limit <n>', 'with --history: runs per connection', '10')
    .option('--scheduled', 'run as an unattended scheduled sync (for cron and systemd; see `trax schedule print`)')
    .addHelpText(
      'after',
      `
Each account's transactions are saved together with the point to resume from, so an
interrupted sync loses nothing and running it again converges. Every connection gets one line:
✔ synced, ✖ failed (with the reason and how to relink), or • skipped with why (for example a
provider whose keys are not in .env). A failing bank does not stop the others. The exit code is
1 if any connection failed and 0 when every one synced or was skipped; --json lists each
connection with its status and, for failures and skips, the reason (error.code, error.message).

--scheduled is what \`trax schedule print\` puts in crontab or a systemd timer: it keeps to the
banks' limit of 4 unattended reads per account a day, backs off after "too many requests",
pauses randomly between banks, and tells TRAX_NOTIFY_WEBHOOK about consent and sync problems.
Without it a sync counts as started by you and is never held back.

Examples:
  trax sync
  trax sync --connection tl-3f9a2c --json
  trax sync --history
  trax sync --history --connection tl-3f9a2c --limit 30 --json`,
    )
    .action(async (opts: SyncFlags) => {
      if (opts.history && opts.scheduled) throw new TraxError('usage', cliText().m.cliSyncHistoryOrScheduled);
      await withApp(async (app) => {
        if (opts.history)
          return printHistory(
            syncHistory(app, { ...(opts.connection ? { connectionId: opts.connection } : {}), limit: parseLimit(opts.limit) }),
            Boolean(opts.json),
          );
        const live = app.connections.list().filter((c) => c.status !== 'revoked');
        if (!opts.connection && live.every((c) => !providerPolicy(c.provider).syncs)) {
          const { m } = cliText();
          out(live.length ? m.cliSyncNothingToSync : m.cliSyncNoBanks);
          return;
        }
        if (opts.scheduled) {
          if (opts.connection) throw new TraxError('usage', cliText().m.cliSyncScheduledOne);
          // Fail on a bad setting before touching any bank, the same way `trax serve` would.
          configuredSchedule(app.db);
          notifyWebhookUrl();
          // Timestamped: under cron this goes to a log file read days later.
          const log = (m: string) => progress(`${app.now().toISOString()} ${m}`);
          const pass = await runScheduledPass(app, {
            kind: 'schedule',
            log,
            jitterMs: DEFAULT_JITTER_MS,
            clock: () => app.now(),
          });
          const count = (action: string) => pass.results.filter((r) => r.action === action).length;
          out(opts.json ? json(pass) : cliText().m.cliSyncScheduledDone(count('synced'), count('skipped'), count('failed')));
          if (pass.results.some((r) => r.action === 'failed')) process.exitCode = 1;
          return;
        }
        // Each line is printed as its connection finishes: if a later one stops the whole command
        // (a wrong key, a full disk), what already happened to the earlier ones has been shown.
        const outcomes: SyncOutcome[] = [];
        const options: SyncOptions = {
          trigger: 'user',
          onProgress: (id, m) => progress(`${id}: ${clean(m)}`),
          onOutcome: (o) => {
            outcomes.push(o);
            if (!opts.json) out(describeOutcome(o));
          },
        };
        try {
          if (opts.connection) options.onOutcome!(await syncConnection(app, opts.connection, options));
          else await syncAll(app, options);
        } finally {
          if (opts.json) out(json(outcomes));
        }
        // Skipped (a provider without credentials, a bank busy elsewhere) is not a failure: cron stays quiet.
        if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
      });
    });
}

function parseLimit(text: string | undefined): number {
  const n = Number(text ?? '10');
  if (!Number.isInteger(n) || n < 1) throw new TraxError('usage', cliText().m.cliSyncBadLimit(text ?? ''));
  return n;
}

function printHistory(rows: SyncHistoryRow[], asJson: boolean): void {
  if (asJson) {
    out(json(rows));
    return;
  }
  const t = cliText();
  if (rows.length === 0) {
    out(t.m.cliNoSyncs);
    return;
  }
  const statusText = (s: string) => {
    const name = t.m.runStatus(s);
    return s === 'done' ? colors.green(name) : s === 'failed' ? colors.red(name) : colors.dim(name);
  };
  const lines: string[] = [];
  let current = '';
  let block: string[][] = [];
  const flush = () => {
    if (block.length) lines.push(table(t.m.cliSyncHistoryHead.split('|'), block));
    block = [];
  };
  for (const r of rows) {
    if (r.connectionId !== current) {
      flush();
      if (lines.length) lines.push('');
      lines.push(colors.bold(`${clean(r.institution)} (${r.connectionId})`));
      current = r.connectionId;
    }
    block.push([
      `${t.day(r.startedAt.slice(0, 10))} ${r.startedAt.slice(11, 19)}`,
      duration(r.durationMs),
      statusText(r.status),
      t.m.triggerName(r.trigger),
      String(r.added),
      String(r.modified),
      String(r.removed),
      clean(r.error),
    ]);
  }
  flush();
  out(lines.join('\n'));
}

function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
