import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLedger, runTrax, type Ledger } from '../helpers/ledger.js';

/**
 * `trax export` and `trax schedule print` in a German terminal: German sentences and refusals
 * with the same exit codes; the exported files are the same bytes in both languages.
 */
let l: Ledger & { env: Record<string, string> };
const de = (...args: string[]) => runTrax(args, { ...l.env, TRAX_LANG: 'de' });
const en = (...args: string[]) => runTrax(args, l.env);

beforeEach(() => {
  l = fileLedger();
  l.account({ name: 'Girokonto', institution: 'ING' });
  l.tx({ date: '2026-06-05', amount: '-120.00', description: 'REWE Markt 4411', category: 'groceries' });
  l.tx({ date: '2026-06-30', amount: '2500.00', description: 'Gehalt Juni', category: 'salary' });
});
afterEach(() => l.close());

describe('trax export in German', () => {
  it('writes the same CSV, JSON and journal bytes in both languages and says so in German', async () => {
    for (const format of ['csv', 'json', 'ledger', 'beancount']) {
      const a = await de('export', '--format', format);
      const b = await en('export', '--format', format);
      expect(a.code, a.stderr).toBe(0);
      // The injected clock ticks between the two runs; the export's own time stamp (JSON's exportedAt, a journal's header) may differ.
      const stamp = (x: string) => x.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '…');
      expect(stamp(a.stdout), format).toBe(stamp(b.stdout));
    }
    const file = path.join(l.dataDir!, 'umsaetze.csv');
    const r = await de('export', '--format', 'csv', '--output', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`2 Umsätze nach ${file} exportiert.`);
    expect(readFileSync(file, 'utf8')).toBe((await en('export', '--format', 'csv')).stdout);
  });

  it('refuses a bad format, date, range or output path in German with the usage exit code', async () => {
    const format = await de('export', '--format', 'pdf');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('Fehler: --format „pdf“ ist keines der Formate, die Trax schreibt');
    const date = await de('export', '--format', 'csv', '--from', '1.6.2026');
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('--from „1.6.2026“ ist kein Datum; schreiben Sie es als JJJJ-MM-TT');
    const range = await de('export', '--format', 'csv', '--from', '2026-07-01', '--to', '2026-06-01');
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('--to 2026-06-01 muss für den Export nach --from 2026-07-01 liegen');
    const output = await de('export', '--format', 'csv', '--output', path.join(l.dataDir!, 'fehlt', 'x.csv'));
    expect(output.code).toBe(2);
    expect(output.stderr).toMatch(/x\.csv lässt sich nicht schreiben \(ENOENT\)/);
    const english = await en('export', '--format', 'pdf');
    expect(english.stderr).toContain('Error: --format "pdf" is not one Trax writes');
  });

  it('a report period refused in German', async () => {
    const both = await de('report', '--month', '2026-06', '--year', '2026');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Nutzen Sie eines von --month, --year oder --from/--to, nicht --month und --year.');
    expect((await de('report', '--year', '26')).stderr).toContain('--year „26“ ist kein Jahr');
  });
});

describe('trax schedule print in German', () => {
  it('prints the crontab line and the systemd units with German comments; the lines cron runs are the same', async () => {
    const cron = await de('schedule', 'print');
    expect(cron.code, cron.stderr).toBe(0);
    expect(cron.stdout).toMatch(
      /^# Geplanter Abruf von Trax: .+ \(die nächtliche Voreinstellung dieser Installation; TRAX_SYNC_SCHEDULE ändert sie\), Ortszeit\. Eintragen mit `crontab -e`\./,
    );
    expect(cron.stdout).toContain('# cron holt verpasste Läufe nicht nach');
    const english = await en('schedule', 'print');
    const commands = (s: string) => s.split('\n').filter((x) => !x.startsWith('#'));
    expect(commands(cron.stdout)).toEqual(commands(english.stdout));

    const systemd = await de('schedule', 'print', '--systemd');
    expect(systemd.stdout).toContain('# Speichern Sie die beiden Dateien unten und rufen Sie dann auf:');
    expect(systemd.stdout).toContain('# läuft weiter, auch wenn Sie abgemeldet sind');
    const both = await de('schedule', 'print', '--cron', '--systemd');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Wählen Sie eines von --cron und --systemd.');
  });
});
