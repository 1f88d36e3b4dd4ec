/**
 * Calendar days in the user's time zone, through Intl only (no tz database of our own).
 * Reports bucket by the user's local day: "October" in Berlin starts at 2026-09-30T22:00Z.
 */
import { existsSync, readlinkSync } from 'node:fs';
import { TraxError } from '../domain/errors.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Where the system's zone files live (Debian, macOS, most Unix): a zone name is a file there. */
const ZONEINFO = '/usr/share/zoneinfo/';
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
let systemZone: string | null | undefined;
/** The last TZ value checked and its answer: partsIn runs per conversion, the zone-file check once. */
let checkedTz: { tz: string; zone: string | null } | undefined;

/**
 * The zone this process's own Date methods use, when it can be named without Intl: TZ when it is
 * a zone file's name, else the zone /etc/localtime links to; null when neither says. Creating the
 * first Intl.DateTimeFormat costs ~12 ms (ICU's data), a sixth of a CLI command's start, and for
 * this zone Date's local getters give the same calendar fields from the same ICU zone rules.
 * TZ is read on every call: Node re-reads the zone when a program changes process.env.TZ.
 */
export function processZone(): string | null {
  const tz = process.env.TZ?.replace(/^:/, '');
  if (tz) {
    if (checkedTz?.tz !== tz)
      checkedTz = { tz, zone: ZONE_NAME.test(tz) && !tz.includes('..') && existsSync(ZONEINFO + tz) ? tz : null };
    return checkedTz.zone;
  }
  if (systemZone === undefined) {
    try {
      const link = readlinkSync('/etc/localtime');
      const at = link.lastIndexOf('zoneinfo/');
      const name = at < 0 ? '' : link.slice(at + 'zoneinfo/'.length);
      // ICU names the UTC links plain "UTC"; so does the report's header.
      systemZone = /^(Etc\/)?(UTC|UCT|Universal|Zulu)$/.test(name) ? 'UTC' : ZONE_NAME.test(name) ? name : null;
    } catch {
      systemZone = null;
    }
  }
  return systemZone;
}

function partsIn(instant: number, timeZone: string): Parts {
  if (timeZone === processZone()) {
    const d = new Date(instant);
    return {
      year: d.getFullYear(),
      month: d.getMonth() + 1,
      day: d.getDate(),
      hour: d.getHours(),
      minute: d.getMinutes(),
      second: d.getSeconds(),
    };
  }
  return partsViaIntl(instant, timeZone);
}

/** The calendar fields through Intl: any zone, and the reference the fast path is tested against. */
export function partsViaIntl(instant: number, timeZone: string): Parts {
  const p: Record<string, number> = {};
  for (const x of formatter(timeZone).formatToParts(instant)) {
    if (x.type !== 'literal') p[x.type] = Number(x.value);
  }
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour! % 24, minute: p.minute!, second: p.second! };
}

/** True when Intl knows the zone (IANA names such as Europe/Berlin, and UTC). */
export function isTimeZone(tz: string): boolean {
  if (!tz) return false;
  if (tz === processZone()) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * The user's time zone: TRAX_TIMEZONE, else TZ, else the system's. A TRAX_TIMEZONE that Intl
 * does not know is an error (the user set it for Trax); a TZ it does not know (POSIX forms such
 * as "CET-1CEST") falls back to the system zone, which Node derived from TZ anyway.
 */
export function userTimezone(env: NodeJS.ProcessEnv): string {
  const explicit = env.TRAX_TIMEZONE?.trim();
  if (explicit) {
    if (!isTimeZone(explicit)) {
      throw new TraxError('config_invalid', `TRAX_TIMEZONE "${explicit}" is not a time zone Trax knows; use an IANA name such as Europe/Berlin, America/New_York or UTC.`);
    }
    return explicit;
  }
  const tz = env.TZ?.trim().replace(/^:/, '');
  if (tz && isTimeZone(tz)) return tz;
  const own = env === process.env ? processZone() : null;
  return own ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The local calendar day of an instant, YYYY-MM-DD. */
export function localDate(instant: Date | number, timeZone: string): string {
  const p = partsIn(typeof instant === 'number' ? instant : instant.getTime(), timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Milliseconds the zone is ahead of UTC at an instant. */
function offsetMs(instant: number, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant local midnight starts `date` in the zone. Where midnight does not exist (a DST
 * gap at 00:00, as in some American zones), the first instant of the day after the gap.
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // The offset in force at the day's start is the one from 12 hours before or 12 hours after
  // (no zone changes offset twice in a day); of the candidates that land on `date`, the
  // earliest is the day's first instant.
  const HALF_DAY = 43_200_000;
  const candidates = [wall - offsetMs(wall - HALF_DAY, timeZone), wall - offsetMs(wall + HALF_DAY, timeZone)];
  const onDate = candidates.filter((c) => localDate(c, timeZone) === date);
  return new Date(onDate.length ? Math.min(...onDate) : wall - offsetMs(wall, timeZone));
}

/** Report key of the first instant of a local day, comparable with the report key (src/reports/report-key.ts). */
export function timedKey(date: string, timeZone: string): string {
  return `t${startOfLocalDay(date, timeZone).toISOString().slice(0, 19)}Z`;
}

/** The local day a report key falls on ('d…' is already a day; 't…' is a UTC instant). */
export function keyToLocalDate(key: string, timeZone: string): string {
  if (key.startsWith('d')) return key.slice(1, 11);
  return localDate(Date.parse(key.slice(1)), timeZone);
}
