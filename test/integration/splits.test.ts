import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/reports/report.js';
import { exportTransactions } from '../../src/reports/export/index.js';
import { fileLedger, runTrax, type Ledger } from '../helpers/ledger.js';

let l: Ledger & { env: Record<string, string> };
let rewe: number;

const report = () =>
  buildReport(l.db, { from: '2026-10-01', to: '2026-11-01', timezone: 'Europe/Berlin' }, new Date('2026-11-15T10:00:00Z'));
const spent = (slug: string) => report().currencies[0]?.spending.find((s) => s.slug === slug)?.spentMinor ?? 0;
const exported = (format: 'csv' | 'ledger' | 'beancount') => {
  let s = '';
  exportTransactions(l.db, { format, now: new Date('2026-11-15T10:00:00Z') }, (c) => (s += c));
  return s;
};
const parts = () => l.db.prepare('SELECT position, amount_minor, note FROM split_parts ORDER BY position').all();

beforeEach(() => {
  l = fileLedger();
  l.account({ name: 'Girokonto', institution: 'ING' });
  rewe = l.tx({ date: '2026-10-05', amount: '-120.00', description: 'REWE Markt 4411', category: 'groceries' });
  l.tx({ date: '2026-10-06', amount: '-30.00', description: 'dm drogerie', category: 'drugstore' });
  l.tx({ date: '2026-10-01', amount: '2000.00', description: 'Gehalt', category: 'salary' });
});
afterEach(() => l.close());

describe('trax tx split', () => {
  it('refuses parts that do not add up, with the difference, and writes nothing', async () => {
    const r = await runTrax(['tx', 'split', String(rewe), '--part', 'groceries:80.00', '--part', 'drugstore:30.00'], l.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('parts add up to 110.00 €, the booking is 120.00 €: 10.00 € missing');
    expect(parts()).toEqual([]);
    const over = await runTrax(['tx', 'split', String(rewe), '--part', 'groceries:80.00', '--part', 'drugstore:40.01'], l.env);
    expect(over.stderr).toContain('0.01 € too much');
    const unknown = await runTrax(['tx', 'split', String(rewe), '--part', 'grocer:80.00', '--part', 'drugstore:40.00'], l.env);
    expect(unknown.stderr).toContain('There is no category "grocer"');
    expect(parts()).toEqual([]);
  });

  it('splits a booking; reports, budgets and exports use the parts; unsplit takes it back', async () => {
    expect(spent('groceries')).toBe(12000);
    const r = await runTrax(
      ['tx', 'split', String(rewe), '--part', 'groceries:80.00', '--part', 'drugstore:40.00:Putzmittel; "Spül"'],
      l.env,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(parts()).toEqual([
      { position: 1, amount_minor: -8000, note: null },
      { position: 2, amount_minor: -4000, note: 'Putzmittel; "Spül"' },
    ]);
    // The bank row is as it came.
    expect(l.db.prepare('SELECT amount_minor, category_id FROM transactions WHERE id = ?').get(rewe)).toEqual({
      amount_minor: -12000,
      category_id: l.category('groceries'),
    });
    expect(spent('groceries')).toBe(8000);
    expect(spent('shopping')).toBe(7000);
    expect(report().currencies[0]!.totalSpentMinor).toBe(15000);

    const csv = exported('csv')
      .split('\r\n')
      .filter((x) => x.startsWith(`${rewe},`));
    expect(csv).toHaveLength(2);
    expect(csv[0]).toContain(',-80.00,-8000,');
    expect(csv[1]).toContain(',-40.00,-4000,');

    const dir = mkdtempSync(path.join(tmpdir(), 'trax-split-'));
    const journal = path.join(dir, 'trax.journal');
    writeFileSync(journal, exported('ledger'));
    const bal = (q: string) =>
      execFileSync('hledger', ['-f', journal, 'balance', '-N', '--flat', q], { encoding: 'utf8' }).trim();
    expect(bal('^Expenses:Groceries$')).toMatch(/^80\.00 EUR/);
    expect(bal('^Expenses:Shopping:Drugstore')).toMatch(/^70\.00 EUR/);
    const bean = path.join(dir, 'trax.beancount');
    writeFileSync(bean, exported('beancount'));
    const check = spawnSync('bean-check', [bean], { encoding: 'utf8' });
    expect(check.status, check.stderr + check.stdout).toBe(0);

    const u = await runTrax(['tx', 'unsplit', String(rewe)], l.env);
    expect(u.code).toBe(0);
    expect(parts()).toEqual([]);
    expect(spent('groceries')).toBe(12000);
  });

  it('hide keeps a bank row out of reports without changing it', async () => {
    expect((await runTrax(['tx', 'hide', String(rewe)], l.env)).code).toBe(0);
    expect(spent('groceries')).toBe(0);
    expect(l.db.prepare('SELECT amount_minor FROM transactions WHERE id = ?').get(rewe)).toEqual({ amount_minor: -12000 });
    expect((await runTrax(['tx', 'unhide', String(rewe)], l.env)).code).toBe(0);
    expect(spent('groceries')).toBe(12000);
  });
});
