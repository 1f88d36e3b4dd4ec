import { TraxError } from '../domain/errors.js';
import type { Schedule } from './cron.js';

/** Everything a crontab line or a systemd unit needs, as absolute paths. */
export interface ScheduleTarget {
  schedule: Schedule;
  /** process.execPath: cron and systemd run with a minimal PATH that may not find `node`. */
  node: string;
  /** The built CLI entry, dist/src/cli/main.js. */
  cli: string;
  /** Where .env lives and relative TRAX_DATA_DIR resolves: the directory `trax` was run from. */
  cwd: string;
  /** `<cwd>/.env` when it exists; node loads it with the same parser Trax uses. */
  envFile: string | null;
  dataDir: string;
}

const SYNC_ARGS = ['sync', '--scheduled'];

/** One line for `crontab -e`. Output goes to a log in the data dir instead of cron's mail. */
export function crontabLine(t: ScheduleTarget): string {
  standardFields(t.schedule.expression); // crontab knows only standard syntax
  const command = [
    'cd',
    sh(t.cwd),
    '&&',
    sh(t.node),
    ...(t.envFile ? [sh(`--env-file=${t.envFile}`)] : []),
    sh(t.cli),
    ...SYNC_ARGS,
    '>>',
    sh(`${t.dataDir}/schedule.log`),
    '2>&1',
  ].join(' ');
  // cron turns an unescaped % into a newline, even inside quotes.
  return `${t.schedule.expression} ${command.replace(/%/g, '\\%')}`;
}

export interface SystemdUnits {
  service: string;
  timer: string;
}

/** A user service + timer pair; Persistent=true makes systemd catch up a run missed while off. */
export function systemdUnits(t: ScheduleTarget): SystemdUnits {
  const exec = [t.node, ...(t.envFile ? [`--env-file=${t.envFile}`] : []), t.cli, ...SYNC_ARGS].map(systemdWord).join(' ');
  const service = [
    '[Unit]',
    "Description=Trax: sync bank accounts (unattended, within the banks' daily limits)",
    '',
    '[Service]',
    'Type=oneshot',
    `WorkingDirectory=${systemdEscape(t.cwd)}`,
    `ExecStart=${exec}`,
    'Environment=NO_COLOR=1',
    '',
  ].join('\n');
  const timer = [
    '[Unit]',
    `Description=Trax: scheduled sync (${t.schedule.expression.replace(/%/g, '%%')})`,
    '',
    '[Timer]',
    ...onCalendar(t.schedule.expression).map((c) => `OnCalendar=${c}`),
    'Persistent=true',
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
  return { service, timer };
}

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
}

const FIELDS: FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/** Each field as the sorted values it allows, or '*' for every value. */
type Expanded = Array<number[] | '*'>;

/**
 * The five fields of a standard (Vixie) cron expression, expanded. Croner also accepts
 * extensions (L, W, #, ?) that neither crontab nor systemd has; those are refused here with a
 * sentence rather than printed as a line that would fail to install.
 */
export function standardFields(expression: string): Expanded {
  const expr = NICKNAMES[expression.toLowerCase()] ?? expression;
  const parts = expr.split(' ');
  if (parts.length !== 5) throw unportable(expression, 'it does not have five fields');
  return parts.map((part, i) => expandField(part, FIELDS[i]!, expression));
}

function expandField(text: string, spec: FieldSpec, expression: string): number[] | '*' {
  if (text === '*') return '*';
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const m = /^(\*|[0-9]+|[A-Za-z]{3})(?:-([0-9]+|[A-Za-z]{3}))?(?:\/([0-9]+))?$/.exec(item);
    if (!m) throw unportable(expression, `"${item}" in the ${spec.name} field is not standard cron`);
    const from = m[1] === '*' ? spec.min : value(m[1]!, spec, expression);
    const to = m[2] !== undefined ? value(m[2], spec, expression) : m[1] === '*' || m[3] !== undefined ? spec.max : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (step < 1 || to < from) throw unportable(expression, `"${item}" in the ${spec.name} field is not a valid range`);
    for (let v = from; v <= to; v += step) values.add(spec.name === 'day of week' && v === 7 ? 0 : v);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const everything = spec.name === 'day of week' ? 7 : spec.max - spec.min + 1;
  return sorted.length === everything ? '*' : sorted;
}

function value(text: string, spec: FieldSpec, expression: string): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  const v = named >= 0 ? named + (spec.name === 'month' ? 1 : 0) : Number(text);
  if (!Number.isInteger(v) || v < spec.min || v > spec.max)
    throw unportable(expression, `"${text}" is out of range for the ${spec.name} field`);
  return v;
}

const DOW = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * systemd OnCalendar= for a cron expression. Cron runs when EITHER the day of month OR the day
 * of week matches if both are restricted; systemd requires both, so that case becomes two
 * OnCalendar= lines, which systemd ORs.
 */
export function onCalendar(expression: string): string[] {
  const [minute, hour, dom, month, dow] = standardFields(expression) as [
    Expanded[0],
    Expanded[0],
    Expanded[0],
    Expanded[0],
    Expanded[0],
  ];
  const list = (f: number[] | '*') => (f === '*' ? '*' : f.map((n) => String(n).padStart(2, '0')).join(','));
  const time = `${list(hour)}:${list(minute)}:00`;
  const date = (d: number[] | '*') => `*-${list(month)}-${list(d)}`;
  const days = dow === '*' ? '' : `${dow.map((d) => DOW[d]).join(',')} `;
  if (dom !== '*' && dow !== '*') return [`${date(dom)} ${time}`, `${days}${date('*')} ${time}`];
  return [`${days}${date(dom)} ${time}`];
}

function unportable(expression: string, why: string): TraxError {
  return new TraxError(
    'config_invalid',
    `TRAX_SYNC_SCHEDULE "${expression}" cannot be written for crontab or systemd (${why}); use standard five-field cron such as "30 3 * * *", or keep \`trax serve\` running, which understands it.`,
  );
}

/** POSIX shell single-quoting. */
function sh(s: string): string {
  return /^[A-Za-z0-9_./=:@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** systemd expands %specifiers and $VARIABLES in ExecStart=; double them to mean themselves. */
function systemdEscape(s: string): string {
  return s.replace(/%/g, '%%');
}

function systemdWord(s: string): string {
  const escaped = systemdEscape(s).replace(/\$/g, '$$$$');
  return /[\s"'\\]/.test(escaped) ? `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : escaped;
}
