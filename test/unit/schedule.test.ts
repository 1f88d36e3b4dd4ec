import { describe, expect, it } from 'vitest';
import { TraxError } from '../../src/domain/errors.js';
import { connectionState } from '../../src/reminders/state.js';
import { reminderFor } from '../../src/reminders/reminders.js';
import { nextUtcMidnight } from '../../src/schedule/bank-limits.js';
import { configuredSchedule } from '../../src/schedule/config.js';
import { defaultSchedule, parseSchedule } from '../../src/schedule/cron.js';
import { crontabLine, onCalendar, standardFields, systemdUnits, type ScheduleTarget } from '../../src/schedule/print.js';
import type { StoredConnection } from '../../src/store/connections.js';
import { openMemoryDatabase } from '../../src/store/db.js';
import { readUsage, recordReads } from '../../src/store/read-budget.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

function traxError(fn: () => unknown): TraxError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TraxError) return e;
    throw e;
  }
  throw new Error('expected a TraxError');
}

describe('TRAX_SYNC_SCHEDULE', () => {
  it('accepts five-field cron and nicknames, read in local time', () => {
    const s = parseSchedule('  30   3 * * *  ', 'TRAX_SYNC_SCHEDULE');
    expect(s.expression).toBe('30 3 * * *');
    const next = s.next(new Date(2026, 2, 10, 12, 0))!;
    expect([next.getDate(), next.getHours(), next.getMinutes()]).toEqual([11, 3, 30]);
    expect(s.previous(new Date(2026, 2, 10, 12, 0))).toEqual(new Date(2026, 2, 10, 3, 30));
    // A firing exactly now counts as the latest one.
    expect(s.previous(new Date(2026, 2, 10, 3, 30))).toEqual(new Date(2026, 2, 10, 3, 30));
    expect(parseSchedule('@daily', 'option').next(new Date(2026, 2, 10, 12, 0))).toEqual(new Date(2026, 2, 11, 0, 0));
  });

  it('refuses nonsense with a sentence naming the variable', () => {
    for (const bad of ['every night', '0 0 0 * * *', '61 3 * * *', '0 0 31 2 *']) {
      const e = traxError(() => configuredSchedule(openMemoryDatabase(), { TRAX_SYNC_SCHEDULE: bad }));
      expect(e.code).toBe('config_invalid');
      expect(e.message).toMatch(/^TRAX_SYNC_SCHEDULE ".+" (is not a cron expression|never runs)/);
      expect(e.message).toContain('"30 3 * * *"');
    }
    expect(traxError(() => configuredSchedule(openMemoryDatabase(), { TRAX_SYNC_SCHEDULE: '  ' })).message).toBe(
      'TRAX_SYNC_SCHEDULE must not be empty; remove it for the default nightly sync. Fix it in .env or your environment.',
    );
  });

  it('defaults to a nightly minute between 02:00 and 05:00, fixed per installation', () => {
    const db = openMemoryDatabase();
    const first = configuredSchedule(db, {});
    expect(first.source).toBe('default');
    const [minute, hour, ...rest] = first.expression.split(' ').map(Number);
    expect(hour).toBeGreaterThanOrEqual(2);
    expect(hour).toBeLessThanOrEqual(4);
    expect(minute).toBeGreaterThanOrEqual(0);
    expect(minute).toBeLessThanOrEqual(59);
    expect(rest.every(Number.isNaN)).toBe(true); // "* * *"
    for (let i = 0; i < 5; i++) expect(defaultSchedule(db).expression).toBe(first.expression);
    // Picked at random per installation: twenty installations do not all share one minute.
    const minutes = new Set(Array.from({ length: 20 }, () => defaultSchedule(openMemoryDatabase()).expression));
    expect(minutes.size).toBeGreaterThan(1);
  });
});

describe('crontab and systemd output', () => {
  const target = (expression: string, over: Partial<ScheduleTarget> = {}): ScheduleTarget => ({
    schedule: parseSchedule(expression, 'TRAX_SYNC_SCHEDULE'),
    node: '/usr/local/bin/node',
    cli: '/opt/trax/dist/src/cli/main.js',
    cwd: '/home/ann/finance',
    envFile: '/home/ann/finance/.env',
    dataDir: '/home/ann/finance/data',
    ...over,
  });

  it('writes a crontab line with absolute paths, the env file and a log', () => {
    expect(crontabLine(target('17 3 * * *'))).toBe(
      '17 3 * * * cd /home/ann/finance && /usr/local/bin/node --env-file=/home/ann/finance/.env /opt/trax/dist/src/cli/main.js sync --scheduled >> /home/ann/finance/data/schedule.log 2>&1',
    );
  });

  it('quotes awkward paths for the shell and escapes % for cron', () => {
    const line = crontabLine(
      target('0 4 * * 1-5', { cwd: "/home/ann/my money's", envFile: null, dataDir: '/home/ann/100%/data' }),
    );
    expect(line).toBe(
      "0 4 * * 1-5 cd '/home/ann/my money'\\''s' && /usr/local/bin/node /opt/trax/dist/src/cli/main.js sync --scheduled >> '/home/ann/100\\%/data/schedule.log' 2>&1",
    );
  });

  it('writes a oneshot service and a persistent timer', () => {
    const { service, timer } = systemdUnits(
      target('17 3 * * *', { cwd: '/home/ann/fin ance', envFile: '/home/ann/fin ance/.env' }),
    );
    expect(service).toContain('Type=oneshot');
    expect(service).toContain('WorkingDirectory=/home/ann/fin ance\n');
    expect(service).toContain(
      'ExecStart=/usr/local/bin/node "--env-file=/home/ann/fin ance/.env" /opt/trax/dist/src/cli/main.js sync --scheduled\n',
    );
    expect(timer).toContain('OnCalendar=*-*-* 03:17:00\n');
    expect(timer).toContain('Persistent=true');
    expect(timer).toContain('WantedBy=timers.target');
  });

  it("translates cron fields to OnCalendar, keeping cron's either-day rule", () => {
    expect(onCalendar('*/15 * * * *')).toEqual(['*-*-* *:00,15,30,45:00']);
    expect(onCalendar('30 2,14 * * MON-FRI')).toEqual(['Mon,Tue,Wed,Thu,Fri *-*-* 02,14:30:00']);
    expect(onCalendar('0 6 1 jan,jul *')).toEqual(['*-01,07-01 06:00:00']);
    expect(onCalendar('@weekly')).toEqual(['Sun *-*-* 00:00:00']);
    expect(onCalendar('0 5 * * 0-7')).toEqual(['*-*-* 05:00:00']);
    // Cron: the 1st OR any Monday. systemd ANDs within one line, so two lines.
    expect(onCalendar('0 3 1 * 1')).toEqual(['*-*-01 03:00:00', 'Mon *-*-* 03:00:00']);
  });

  it("refuses croner's extensions that crontab and systemd lack", () => {
    for (const expr of ['0 3 L * *', '0 3 * * 5#2', '0 3 15W * *']) {
      expect(parseSchedule(expr, 'TRAX_SYNC_SCHEDULE').expression).toBe(expr); // the scheduler itself can run it
      const e = traxError(() => standardFields(expr));
      expect(e.message).toContain(`TRAX_SYNC_SCHEDULE "${expr}" cannot be written for crontab or systemd`);
      expect(e.message).toContain('keep `trax serve` running');
    }
  });
});

describe('unattended read budget', () => {
  it('counts the busiest account over a rolling 24 hours and says when a read frees up', () => {
    const db = openMemoryDatabase();
    const t0 = Date.parse('2026-03-10T22:00:00Z');
    const at = (h: number) => new Date(t0 + h * HOUR).toISOString();
    recordReads(db, 'tl-a', [1, 2], at(0), 'schedule');
    recordReads(db, 'tl-a', [1, 2], at(1), 'user');
    recordReads(db, 'tl-a', [1, 2, 3], at(3), 'schedule'); // account 3 appeared later
    recordReads(db, 'tl-b', [9], at(3), 'schedule');
    expect(readUsage(db, 'tl-a', new Date(t0 + 4 * HOUR))).toEqual({ used: 3, freesAt: null });
    recordReads(db, 'tl-a', [1, 2, 3], at(5), 'schedule');
    // Across midnight UTC: a calendar-day count would have reset; the rolling window has not.
    expect(readUsage(db, 'tl-a', new Date(t0 + 6 * HOUR))).toEqual({ used: 4, freesAt: new Date(t0 + DAY) });
    expect(readUsage(db, 'tl-a', new Date(t0 + DAY + 1))).toMatchObject({ used: 3 });
    expect(readUsage(db, 'tl-b', new Date(t0 + 6 * HOUR))).toEqual({ used: 1, freesAt: null });
  });

  it('backs off until the next UTC midnight', () => {
    expect(nextUtcMidnight(new Date('2026-03-10T03:17:00Z'))).toEqual(new Date('2026-03-11T00:00:00Z'));
    expect(nextUtcMidnight(new Date('2026-12-31T23:59:59Z'))).toEqual(new Date('2027-01-01T00:00:00Z'));
  });
});

describe('connection states', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const conn = (over: Partial<StoredConnection>): StoredConnection => ({
    id: 'tl-abc123',
    provider: 'truelayer',
    environment: 'live',
    externalId: 'x',
    institutionId: 'xs2a-ing-germany',
    institutionName: 'ING',
    institutionLogo: null,
    institutionColor: null,
    status: 'active',
    consentCreatedAt: null,
    consentExpiresAt: new Date(now.getTime() + 30 * DAY).toISOString(),
    createdAt: now.toISOString(),
    lastSyncedAt: now.toISOString(),
    lastError: null,
    sealedSecrets: 'sealed',
    syncState: {},
    ...over,
  });
  const inDays = (d: number) => new Date(now.getTime() + d * DAY).toISOString();

  it('ranks what needs doing: login, expiry, failure, then the week ahead', () => {
    expect(connectionState(conn({}), now)).toBe('ok');
    expect(connectionState(conn({ consentExpiresAt: inDays(7) }), now)).toBe('expiring');
    expect(connectionState(conn({ consentExpiresAt: inDays(7.01) }), now)).toBe('ok');
    expect(connectionState(conn({ consentExpiresAt: inDays(0) }), now)).toBe('expired');
    expect(connectionState(conn({ status: 'error', consentExpiresAt: inDays(3) }), now)).toBe('sync_failed');
    expect(connectionState(conn({ status: 'error', consentExpiresAt: inDays(-1) }), now)).toBe('expired');
    expect(connectionState(conn({ status: 'needs_reauth', consentExpiresAt: inDays(-1) }), now)).toBe('needs_reauth');
    expect(connectionState(conn({ consentExpiresAt: null }), now)).toBe('ok');
    expect(connectionState(conn({ status: 'revoked' }), now)).toBeNull();
  });

  it('tells TrueLayer users a command and Plaid users the web app', () => {
    const tl = reminderFor(conn({ consentExpiresAt: inDays(5.5) }), 'expiring', now);
    expect(tl).toMatchObject({
      relinkCommand: 'trax connect truelayer --relink tl-abc123',
      relinkUrl: '/connect/truelayer?relink=tl-abc123',
    });
    expect(tl.sentence).toBe(
      "ING's consent runs out in 5 days (2026-03-16); renew it before then so syncing does not stop: run `trax connect truelayer --relink tl-abc123` (or press Relink in `trax serve`).",
    );
    const pl = reminderFor(
      conn({ id: 'pl-1', provider: 'plaid', institutionName: 'Royal Bank of Plaid', status: 'needs_reauth' }),
      'needs_reauth',
      now,
    );
    expect(pl).toMatchObject({ relinkCommand: 'open trax serve and press Relink', relinkUrl: '/' });
    expect(pl.sentence).toBe(
      'Royal Bank of Plaid needs you to log in at the bank again: open `trax serve` and press Relink; your history is kept.',
    );
  });
});
