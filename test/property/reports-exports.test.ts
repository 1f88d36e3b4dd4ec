/**
 * Exports parse back to the same totals, for any ledger: the CSV and JSON read back here, the
 * ledger journal through hledger and the beancount file through bean-check and beancount's own
 * loader. Bank text is drawn from characters that need quoting or escaping in each format.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exportTransactions, type ExportFormat } from '../../src/reports/export/index.js';
import { fileLedger, type Ledger } from '../helpers/ledger.js';

const INSTALL = 'apt-get install -y hledger beancount';
function need(bin: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`${bin} is not installed, so exports cannot be checked; run \`${INSTALL}\` and run the tests again.`);
  return r.stdout.trim();
}

const CATEGORIES = ['groceries', 'salary', 'transfers', 'energy', null] as const;
const row = fc.record({
  account: fc.integer({ min: 0, max: 2 }),
  day: fc.integer({ min: 1, max: 28 }),
  amount: fc.integer({ min: -99_999, max: 99_999 }).filter((x) => x !== 0),
  text: fc.string({
    unit: fc.constantFrom('a', 'Z', ' ', ',', '"', ';', '\\', '\n', '=', 'ü', '*', '\u202e'),
    minLength: 1,
    maxLength: 12,
  }),
  category: fc.constantFrom(...CATEGORIES),
  pending: fc.integer({ min: 0, max: 5 }).map((x) => x === 0),
});
type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;
const CURRENCIES = ['EUR', 'EUR', 'GBP'];

const dir = mkdtempSync(path.join(tmpdir(), 'trax-export-prop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ledgerOf(rows: Row[]): Ledger {
  const l = fileLedger();
  const accounts = [
    l.account({ name: 'Giro', institution: 'ING' }),
    l.account({ name: 'Gemeinschaftskonto Müller', institution: 'Sparkasse' }),
    l.account({ name: 'Visa', institution: 'Barclays', kind: 'credit_card', currency: 'GBP' }),
  ];
  for (const r of rows) {
    const date = `2026-10-${String(r.day).padStart(2, '0')}`;
    l.tx({
      account: accounts[r.account]!,
      date,
      amount: r.amount,
      currency: CURRENCIES[r.account],
      description: r.text,
      category: r.category,
      pending: r.pending,
    });
  }
  return l;
}

/** Booked money per currency, from the generated rows. */
function expected(rows: Row[], withPending = false): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows)
    if (withPending || !r.pending) out[CURRENCIES[r.account]!] = (out[CURRENCIES[r.account]!] ?? 0) + r.amount;
  return out;
}

function exported(l: Ledger, format: ExportFormat, includePending = false): string {
  let s = '';
  exportTransactions(l.db, { format, includePending, now: new Date('2026-11-15T10:00:00Z') }, (c) => (s += c));
  return s;
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let cur: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (cur.push(field), (field = ''));
    else if (ch === '\r' && text[i + 1] === '\n') {
      cur.push(field);
      rows.push(cur);
      ((cur = []), (field = ''), i++);
    } else field += ch;
  }
  return rows;
}

const sumBy = (items: Array<{ currency: string; minor: number }>) => {
  const out: Record<string, number> = {};
  for (const i of items) out[i.currency] = (out[i.currency] ?? 0) + i.minor;
  return out;
};

describe('exports parse back to the same totals', () => {
  it('CSV and JSON, for any ledger and any bank text', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const l = ledgerOf(rows);
        try {
          const json = JSON.parse(exported(l, 'json', true)) as {
            transactions: Array<{ currency: string; amountMinor: number; description: string }>;
          };
          expect(sumBy(json.transactions.map((t) => ({ currency: t.currency, minor: t.amountMinor })))).toEqual(
            expected(rows, true),
          );
          expect(json.transactions.map((t) => t.description).sort()).toEqual(rows.map((r) => r.text).sort());

          const [header, ...lines] = parseCsv(exported(l, 'csv'));
          const col = (name: string) => header!.indexOf(name);
          expect(lines).toHaveLength(rows.filter((r) => !r.pending).length);
          expect(sumBy(lines.map((x) => ({ currency: x[col('currency')]!, minor: Number(x[col('amount_minor')]) })))).toEqual(
            expected(rows),
          );
        } finally {
          l.close();
        }
      }),
      { seed: 20261001, numRuns: 80 },
    );
  });

  it('ledger through hledger and beancount through bean-check and its loader', () => {
    const hledger = need('hledger');
    const beanCheck = need('bean-check');
    const python = /^#!\s*(\S+)/.exec(readFileSync(beanCheck, 'utf8').split('\n', 1)[0] ?? '')?.[1] ?? 'python3';
    const loadBack = `
import json, sys
from beancount import loader
entries, errors, _ = loader.load_file(sys.argv[1])
bank = {}
for e in entries:
    for p in getattr(e, 'postings', None) or []:
        if p.account.startswith(('Assets:Bank', 'Liabilities')):
            bank[p.units.currency] = bank.get(p.units.currency, 0) + int(p.units.number * 100)
print(json.dumps({'errors': [str(x.message) for x in errors], 'bank': bank}))
`;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 25 }), (rows) => {
        const l = ledgerOf(rows);
        try {
          const want = expected(rows);
          const journal = path.join(dir, 'trax.journal');
          writeFileSync(journal, exported(l, 'ledger'));
          const bal = execFileSync(
            hledger,
            ['-f', journal, 'balance', '-N', '--flat', '-O', 'csv', '^(Assets:Bank|Liabilities)'],
            { encoding: 'utf8' },
          );
          const got: Record<string, number> = {};
          for (const [, amount] of parseCsv(bal.replace(/\r?\n/g, '\r\n')).slice(1)) {
            for (const part of (amount ?? '').split(', ')) {
              const m = /^(-?[\d.]+) ([A-Z]{3})$/.exec(part.trim());
              if (m) got[m[2]!] = (got[m[2]!] ?? 0) + Math.round(Number(m[1]) * 100);
            }
          }
          expect(got).toEqual(Object.fromEntries(Object.entries(want).filter(([, v]) => v !== 0)));

          const bean = path.join(dir, 'trax.beancount');
          writeFileSync(bean, exported(l, 'beancount'));
          const check = spawnSync(beanCheck, [bean], { encoding: 'utf8' });
          expect(check.status, check.stdout + check.stderr).toBe(0);
          const loaded = JSON.parse(execFileSync(python, ['-c', loadBack, bean], { encoding: 'utf8' })) as {
            errors: string[];
            bank: Record<string, number>;
          };
          expect(loaded.errors).toEqual([]);
          expect(loaded.bank).toEqual(want);
        } finally {
          l.close();
        }
      }),
      { seed: 20261002, numRuns: 8 },
    );
  });
});
