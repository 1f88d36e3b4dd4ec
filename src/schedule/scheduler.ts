import { EventEmitter } from 'node:events';
import type { App } from '../app.js';
import { notifyChanges, type NotifyOptions } from '../notify/changes.js';
import { notifyWebhookUrl } from '../notify/config.js';
import { configuredSchedule } from './config.js';
import { parseSchedule, type Schedule } from './cron.js';
import { DEFAULT_JITTER_MS, runScheduledPass, type ScheduledPass } from './pass.js';

export interface SchedulerOptions {
  /** A cron expression; defaults to TRAX_SYNC_SCHEDULE, else the installation's nightly minute. */
  schedule?: string;
  log: (message: string) => void;
  /** Longest random pause between two connections in one pass (default 60 s). */
  jitterMs?: number;
  /** Defaults to app.now; tests drive both with the emulator's clock. */
  clock?: () => Date;
  /**
   * How often the clock is looked at while waiting (default 60 s). Waiting in short steps
   * instead of one long timer notices a laptop waking from sleep, or a test moving its clock.
   */
  pollMs?: number;
  /** Notification overrides (URL, retry timing); by default TRAX_NOTIFY_WEBHOOK. */
  notify?: NotifyOptions;
}

/**
 * What the scheduler does, as it happens, for whoever must act on it (tests wait on these
 * instead of sleeping; a status page could show them).
 */
export interface SchedulerEvents {
  /** The clock was looked at and the next firing is still ahead. */
  checked: { now: Date; next: Date };
  /** The schedule fired and its pass started. */
  fired: { due: Date; pass: Promise<ScheduledPass> };
  /** A firing came while the previous pass was still going, so it was left out. */
  skipped: { due: Date };
  /** A pass (scheduled, catch-up or runOnce) finished. */
  passed: ScheduledPass;
  /** stop() finished: no pass runs and none will. */
  stopped: Record<string, never>;
}

export interface Scheduler {
  schedule: Schedule;
  /** Calls `listener` on every such event until the returned function is called. */
  on<K extends keyof SchedulerEvents>(event: K, listener: (e: SchedulerEvents[K]) => void): () => void;
  /** When the schedule fires next; null once stopped. */
  nextRun(): Date | null;
  /** A pass over every connection now, after any pass in progress. */
  runOnce(): Promise<ScheduledPass>;
  /** Resolves when the start-up work (notifications, catch-up) and any pass in progress are done. */
  idle(): Promise<void>;
  /** No further passes; resolves when the one in progress (if any) has finished its current sync. */
  stop(): Promise<void>;
}

/**
 * Runs scheduled syncs inside a long-lived process (`trax serve`). At start it announces state
 * changes and catches up, once, the connections whose last successful sync is older than the
 * schedule's latest firing (the process was down when it fired); then it syncs on every firing.
 * Configuration problems (a bad TRAX_SYNC_SCHEDULE or TRAX_NOTIFY_WEBHOOK) throw here, at once.
 */
export function startScheduler(app: App, opts: SchedulerOptions): Scheduler {
  const schedule =
    opts.schedule !== undefined ? parseSchedule(opts.schedule, 'option', 'The schedule') : configuredSchedule(app.db);
  if (opts.notify?.url === undefined) notifyWebhookUrl();
  const clock = opts.clock ?? (() => app.now());
  const pollMs = opts.pollMs ?? 60_000;
  const jitterMs = opts.jitterMs ?? DEFAULT_JITTER_MS;
  const log = opts.log;
  const stopping = new AbortController();
  let next: Date | null = schedule.next(clock());
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const events = new EventEmitter();
  const emit = <K extends keyof SchedulerEvents>(event: K, e: SchedulerEvents[K]) => events.emit(event, e);

  const pass = (kind: ScheduledPass['kind'], only?: Parameters<typeof runScheduledPass>[1]['only']): Promise<ScheduledPass> => {
    const run = running.then(async () => {
      busy = true;
      try {
        const done = await runScheduledPass(app, {
          kind,
          log,
          jitterMs,
          clock,
          signal: stopping.signal,
          ...(only ? { only } : {}),
          ...(opts.notify ? { notify: opts.notify } : {}),
        });
        emit('passed', done);
        return done;
      } finally {
        busy = false;
      }
    });
    running = run.catch((e: unknown) => log(`${kind}: ${e instanceof Error ? e.message : String(e)}`));
    return run;
  };

  const tick = () => {
    timer = null;
    if (stopping.signal.aborted || !next) return;
    const now = clock();
    if (now >= next) {
      const due = next;
      next = schedule.next(now);
      if (busy) {
        log(`schedule: the run due at ${due.toISOString()} was skipped because the previous one is still going.`);
        emit('skipped', { due });
      } else {
        const run = pass('schedule');
        run.catch(() => {});
        emit('fired', { due, pass: run });
      }
    } else {
      emit('checked', { now, next });
    }
    arm();
  };
  const arm = () => {
    if (stopping.signal.aborted || !next) return;
    timer = setTimeout(tick, Math.max(0, Math.min(next.getTime() - clock().getTime(), pollMs)));
    // The web server keeps `trax serve` alive; the scheduler alone must not keep a process up.
    timer.unref();
  };

  // Start-up: announce what changed while Trax was not running, then catch up once.
  const startup = running.then(async () => {
    try {
      await notifyChanges(app, clock(), { log, ...opts.notify });
    } catch (e) {
      log(`notify: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  running = startup;
  const fired = schedule.previous(clock());
  if (fired) {
    const missed = (c: { lastSyncedAt: string | null }) => !c.lastSyncedAt || Date.parse(c.lastSyncedAt) < fired.getTime();
    if (app.connections.list().some((c) => c.status !== 'revoked' && missed(c))) {
      log(
        `catch-up: the schedule (${schedule.expression}) last fired at ${fired.toISOString()} and some banks have not synced since; syncing those once now.`,
      );
      void pass('catch-up', missed).catch(() => {});
    }
  }
  log(
    `schedule: syncing on "${schedule.expression}" (${schedule.source === 'default' ? 'the nightly default; set TRAX_SYNC_SCHEDULE to change it' : schedule.source}); next run ${next?.toISOString() ?? 'never'}.`,
  );
  arm();

  const idle = async () => {
    // A pass queued while waiting extends the chain; wait until it stops growing.
    for (;;) {
      const current = running;
      await current;
      if (current === running) return;
    }
  };
  return {
    schedule,
    on(event, listener) {
      const l = listener as (e: unknown) => void;
      events.on(event, l);
      return () => void events.off(event, l);
    },
    nextRun: () => (stopping.signal.aborted ? null : next),
    runOnce: () => pass('schedule'),
    idle,
    async stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      timer = null;
      await idle();
      emit('stopped', {});
    },
  };
}
