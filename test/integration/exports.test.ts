import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toMinorUnits } from '../../src/domain/money.js';
import { CSV_COLUMNS, exportTransactions, type ExportOptions } from '../../src/reports/export/index.js';
import { NotesTagsStore } from '../../src/store/notes-tags.js';
import { memoryLedger, type Ledger } from '../helpers/ledger.js';

const HOSTILE = '"; evil\n2020-01-01 * "x"';
const NOW = new Date('2026-11-15T10:00:00Z');

const INSTALL = 'apt-get install -y hledger beancount';

/** Where an external tool is; these checks never skip, so a missing tool fails with the command that installs it. */
function tool(bin: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}
function need(bin: string, found: string | null): string {
  if (!found)
    throw new Error(`${bin} is not installed, so the export cannot be checked; run \`${INSTALL}\` and run the tests again.`);
  return found;
}
const HLEDGER = tool('hledger');
const BEAN_CHECK = tool('bean-check');
/** The Python that runs bean-check (its shebang), which is the one with the beancount module. */
const BEANCOUNT_PY = ((): string | null => {
  if (!BEAN_CHECK) return null;
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(BEAN_CHECK, 'utf8').split('\n', 1)[0] ?? '')?.[1];
  for (const py of [shebang, 'python3'].filter((x): x is string => !!x && !x.endsWith('/env'))) {
    if (spawnSync(py, ['-c', 'import beancount.loader'], { encoding: 'utf8' }).status === 0) return py;
  }
  return null;
})();

let l: Ledger;
let dir: string;
let giro: number;
let rewe: number;
let miete: number;
/** A note that tries to end its line and start a transaction, with a bidi override. */
const HOSTILE_NOTE = 'Oma\'s "Geschenk"; böse\n2020-01-01 * "x" \u202Egnp.exe';

/**
 * Known totals. Girokonto (ING, EUR) and a joint account with an umlaut (Sparkasse, EUR), a GBP
 * credit card, a BHD account (3 decimals); a transfer pair, hostile text, a pending row.
 */
function fixture(): void {
  l = memoryLedger();
  giro = l.account({ name: 'Girokonto', institution: 'ING' });
  const joint = l.account({ name: 'Gemeinschaftskonto Müller', institution: 'Sparkasse Köln/Bonn' });
  const card = l.account({ name: 'Visa; "Gold"', institution: 'Barclays', kind: 'credit_card', currency: 'GBP' });
  const bhd = l.account({ name: 'Current', institution: 'NBB', currency: 'BHD' });
  rewe = l.tx({ date: '2026-09-28', amount: '-45.67', description: 'REWE SAGT DANKE 44261234', category: 'groceries' });
  l.tx({ date: '2026-10-01', amount: '2500.00', description: 'Gehalt ACME GmbH', category: 'salary' });
  l.tx({ date: '2026-10-02', amount: '-80.10', description: 'Stadtwerke Abschlag', category: 'energy' });
  l.tx({ date: '2026-10-03', amount: '-12.34', description: HOSTILE, merchant: 'Evil | Corp ; Ltd', category: null });
  l.tx({ date: '2026-10-04', amount: '-0.01', description: '=HYPERLINK("http://x")', category: 'fees' });
  l.tx({ date: '2026-10-05', amount: '-19.99', description: 'Back\\slash\ttab, "quoted"', category: 'online-shopping' });
  l.tx({ date: '2026-10-06', amount: '7.50', description: 'Refund, partial', category: 'groceries' });
  l.transfer(giro, joint, '2026-10-07', '300.00');
  miete = l.tx({ account: joint, date: '2026-10-08', amount: '-150.00', description: 'Miete Anteil', category: 'housing' });
  const notes = new NotesTagsStore(l.db);
  notes.changeTags(rewe, ['urlaub', 'urlaub-sylt-2026', 'grüße'], [], NOW);
  notes.setNote(rewe, 'Wochenendeinkauf, Sylt: Strand', NOW);
  notes.changeTags(miete, ['work'], [], NOW);
  notes.setNote(miete, HOSTILE_NOTE, NOW);
  l.tx({
    account: card,
    date: '2026-10-09',
    amount: '-23.45',
    currency: 'GBP',
    description: 'TESCO STORES 3012',
    category: 'groceries',
  });
  l.tx({
    account: bhd,
    date: '2026-10-10',
    amount: '-1.234',
    currency: 'BHD',
    description: 'Lulu Hypermarket',
    category: 'groceries',
  });
  l.tx({ date: '2026-10-11', amount: '-999.99', description: 'Pending hotel', category: 'travel', pending: true });
  l.tx({ date: '2026-11-02', amount: '-5.00', description: 'Bakery', category: 'coffee' });
  // The bank says Girokonto held 1,000.00 after October 11 (and before November 2).
  l.balance(giro, '2026-10-11', '1000.00');
}

function run(opts: Omit<ExportOptions, 'now'>): string {
  const chunks: string[] = [];
  exportTransactions(l.db, { ...opts, now: NOW }, (c) => chunks.push(c));
  return chunks.join('');
}

function file(name: string, content: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, content);
  return f;
}

/** RFC 4180, enough to read back what we write. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

/** Sums of booked transactions per currency, straight from SQL. */
function sqlTotals(where = 'pending = 0'): Record<string, number> {
  const rows = l.db
    .prepare(`SELECT currency, sum(amount_minor) AS s FROM transactions WHERE ${where} GROUP BY currency`)
    .all() as Array<{ currency: string; s: number }>;
  return Object.fromEntries(rows.map((r) => [r.currency, r.s]));
}

function totals(rows: Array<{ currency: string; amountMinor: number }>): Record<string, number> {
  const t: Record<string, number> = {};
  for (const r of rows) t[r.currency] = (t[r.currency] ?? 0) + r.amountMinor;
  return t;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trax-export-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('export', () => {
  beforeEach(fixture);
  afterEach(() => l.close());

  it('CSV reads back to the same transactions and totals, to the cent, hostile text intact', () => {
    const [head, ...rows] = parseCsv(run({ format: 'csv' }));
    expect(head).toEqual([...CSV_COLUMNS]);
    const col = (name: string) => head!.indexOf(name);
    expect(rows).toHaveLength(13); // 14 rows, the pending one left out
    const parsed = rows.map((r) => ({
      currency: r[col('currency')]!,
      amountMinor: Number(r[col('amount_minor')]),
      amount: r[col('amount')]!,
    }));
    expect(totals(parsed)).toEqual(sqlTotals());
    for (const p of parsed) expect(toMinorUnits(p.amount, p.currency)).toBe(p.amountMinor);
    expect(parsed.find((p) => p.currency === 'BHD')!.amount).toBe('-1.234');
    const evil = rows.find((r) => r[col('description')] === HOSTILE)!;
    expect(evil[col('merchant')]).toBe('Evil | Corp ; Ltd');
    expect(evil[col('category')]).toBe('');
    expect(rows.find((r) => r[col('description')]!.startsWith('Back'))![col('description')]).toBe('Back\\slash\ttab, "quoted"');
    // A spreadsheet must not run bank text as a formula.
    expect(rows.some((r) => r[col('description')] === '\'=HYPERLINK("http://x")')).toBe(true);
    expect(rows.find((r) => r[col('account')] === 'Gemeinschaftskonto Müller')).toBeDefined();
    expect(rows.find((r) => r[col('description')] === 'Umbuchung')![col('category_kind')]).toBe('transfer');
  });

  it('carries tags and notes: a CSV column, a JSON array, hledger tags and beancount tags that both tools accept', () => {
    const [head, ...rows] = parseCsv(run({ format: 'csv' }));
    const col = (name: string) => head!.indexOf(name);
    const byId = (id: number) => rows.find((r) => r[col('id')] === String(id))!;
    expect(byId(rewe)[col('tags')]).toBe('grüße urlaub urlaub-sylt-2026');
    expect(byId(rewe)[col('note')]).toBe('Wochenendeinkauf, Sylt: Strand');
    expect(byId(miete)[col('note')]).toBe(HOSTILE_NOTE);
    expect(byId(rewe + 1)[col('tags')]).toBe('');

    const doc = JSON.parse(run({ format: 'json' })) as {
      transactions: Array<{ id: number; tags: string[]; note: string | null }>;
    };
    expect(doc.transactions.find((t) => t.id === rewe)).toMatchObject({ tags: ['grüße', 'urlaub', 'urlaub-sylt-2026'] });
    expect(doc.transactions.find((t) => t.id === miete)).toMatchObject({ tags: ['work'], note: HOSTILE_NOTE });
    expect(doc.transactions.find((t) => t.id === rewe + 1)).toMatchObject({ tags: [], note: null });

    const hledger = need('hledger', HLEDGER);
    const j = file('tags.journal', run({ format: 'ledger' }));
    const reg = (q: string) =>
      execFileSync(hledger, ['-f', j, 'register', '-O', 'csv', q], { encoding: 'utf8' })
        .split('\n')
        .filter((x) => x.includes('Assets:Bank')).length;
    expect(reg('tag:urlaub-sylt-2026')).toBe(1);
    expect(reg('tag:grüße')).toBe(1);
    expect(reg('tag:work')).toBe(1);
    const sylt = execFileSync(hledger, ['-f', j, 'balance', '-N', '--flat', 'tag:urlaub', '^Assets:Bank'], { encoding: 'utf8' });
    expect(sylt.trim()).toMatch(/^-45\.67 EUR\s+Assets:Bank:ING:Girokonto$/);
    // The hostile note stays a comment: no extra transaction, nothing dated 2020.
    expect(execFileSync(hledger, ['-f', j, 'print', '-b', '2020-01-01', '-e', '2020-01-02'], { encoding: 'utf8' }).trim()).toBe(
      '',
    );

    const beanCheck = need('bean-check', BEAN_CHECK);
    const python = need('the Python beancount module (beside bean-check)', BEANCOUNT_PY);
    const b = file('tags.beancount', run({ format: 'beancount' }));
    const check = spawnSync(beanCheck, [b], { encoding: 'utf8' });
    expect(check.status, check.stderr + check.stdout).toBe(0);
    const py = `
import json, sys
from beancount import loader
from beancount.core import data
entries, errors, _ = loader.load_file(sys.argv[1])
txns = [e for e in entries if isinstance(e, data.Transaction)]
print(json.dumps({'errors': len(errors), 'txns': len(txns), 'tagged': {str(t.meta['trax_id']): [sorted(t.tags), t.meta.get('note')] for t in txns if t.tags}}))
`;
    const out = JSON.parse(execFileSync(python, ['-c', py, b], { encoding: 'utf8' })) as {
      errors: number;
      txns: number;
      tagged: Record<string, [string[], string | null]>;
    };
    expect(out.errors).toBe(0);
    expect(out.txns).toBe(14);
    expect(out.tagged).toEqual({
      [rewe]: [['gruesse', 'urlaub', 'urlaub-sylt-2026'], 'Wochenendeinkauf, Sylt: Strand'],
      [miete]: [['work'], HOSTILE_NOTE.replace('\n', ' ').replace(' \u202E', ' ')],
    });
  });

  it('JSON reads back to the same totals, with integer minor units and decimal strings', () => {
    const doc = JSON.parse(run({ format: 'json' })) as {
      format: string;
      transactions: Array<{ amountMinor: number; amount: string; currency: string; description: string; pending: boolean }>;
    };
    expect(doc.format).toBe('trax-transactions');
    expect(doc.transactions).toHaveLength(13);
    expect(totals(doc.transactions)).toEqual(sqlTotals());
    for (const t of doc.transactions) expect(toMinorUnits(t.amount, t.currency)).toBe(t.amountMinor);
    expect(doc.transactions.some((t) => t.description === HOSTILE)).toBe(true);
    const withPending = JSON.parse(run({ format: 'json', includePending: true })) as typeof doc;
    expect(withPending.transactions).toHaveLength(14);
    expect(totals(withPending.transactions)).toEqual(sqlTotals('1'));
  });

  it('limits to booking dates from --from up to (not including) --to', () => {
    const doc = JSON.parse(run({ format: 'json', from: '2026-10-01', to: '2026-10-08' })) as {
      transactions: Array<{ date: string }>;
    };
    expect(doc.transactions.map((t) => t.date)).toEqual([
      '2026-10-01',
      '2026-10-02',
      '2026-10-03',
      '2026-10-04',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
      '2026-10-07',
    ]);
    const empty = JSON.parse(run({ format: 'json', from: '2030-01-01' })) as { transactions: unknown[] };
    expect(empty.transactions).toEqual([]);
  });

  it('writes a ledger journal with sensible account names and one line per transaction text', () => {
    const j = run({ format: 'ledger' });
    for (const a of [
      'Assets:Bank:ING:Girokonto',
      'Assets:Bank:Sparkasse-Koeln-Bonn:Gemeinschaftskonto-Mueller',
      'Liabilities:CreditCard:Barclays:Visa-Gold',
      'Assets:Bank:NBB:Current',
      'Expenses:Groceries',
      'Expenses:Utilities:Energy',
      'Expenses:Shopping:Online-shopping',
      'Expenses:Uncategorized',
      'Income:Salary',
      'Assets:Transfers',
      'Equity:Opening-Balances',
    ]) {
      expect(j).toContain(`account ${a}\n`);
    }
    // The hostile description stays inside one transaction line, its ';' neutralized.
    const evil = j.split('\n').filter((x) => x.includes('evil'));
    expect(evil).toHaveLength(1);
    expect(evil[0]).toMatch(/^2026-10-03 \* Evil \| Corp , Ltd \| ", evil 2020-01-01 \* "x" {2}; trax-id: \d+$/);
    expect(j).not.toMatch(/^2020-01-01/m);
    // Opening balance: 1,000.00 after Oct 11, minus what was booked from Sep 28 to Oct 11.
    expect(j).toContain(
      '2026-09-28 * Opening balance\n    Assets:Bank:ING:Girokonto    -1049.39 EUR\n    Equity:Opening-Balances    1049.39 EUR',
    );
  });

  it('hledger accepts the journal, and its balances match the bank and SQL', () => {
    const hledger = need('hledger', HLEDGER);
    const f = file('trax.journal', run({ format: 'ledger' }));
    const check = spawnSync(hledger, ['-f', f, 'balance'], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    const bal = (q: string) => execFileSync(hledger, ['-f', f, 'balance', '-N', '--flat', '-E', q], { encoding: 'utf8' }).trim();
    // Everything balances to zero overall; Girokonto ends at the bank's balance plus November's 5.00.
    expect(bal('^Assets:Bank:ING:Girokonto$')).toMatch(/^995\.00 EUR\s+Assets:Bank:ING:Girokonto$/);
    expect(bal('^Assets:Transfers$')).toMatch(/^0\s+Assets:Transfers$/);
    expect(bal('^Assets:Bank:NBB')).toMatch(/^-1\.234 BHD\s+Assets:Bank:NBB:Current$/);
    const stats = execFileSync(hledger, ['-f', f, 'stats'], { encoding: 'utf8' });
    expect(stats).toMatch(/Transactions\s*:\s*14\b/); // 13 transactions + 1 opening balance
    expect(execFileSync(hledger, ['-f', f, 'print', '-b', '2020-01-01', '-e', '2020-01-02'], { encoding: 'utf8' }).trim()).toBe(
      '',
    );
  });

  it('writes beancount with escaped strings', () => {
    const b = run({ format: 'beancount' });
    expect(b).toContain('2026-10-03 * "Evil | Corp ; Ltd" "\\"; evil 2020-01-01 * \\"x\\""\n');
    expect(b).toContain('"Back\\\\slash tab, \\"quoted\\""');
    expect(b).toMatch(/^2026-09-28 open Assets:Bank:ING:Girokonto$/m);
    expect(b).not.toMatch(/^2020-01-01/m);
  });

  it('bean-check accepts the beancount file, and it loads back to the same totals', () => {
    const beanCheck = need('bean-check', BEAN_CHECK);
    const python = need('the Python beancount module (beside bean-check)', BEANCOUNT_PY);
    const f = file('trax.beancount', run({ format: 'beancount', includePending: true }));
    const check = spawnSync(beanCheck, [f], { encoding: 'utf8' });
    expect(check.status, check.stderr + check.stdout).toBe(0);
    const py = `
import json, sys
from beancount import loader
from beancount.core import data
entries, errors, _ = loader.load_file(sys.argv[1])
txns = [e for e in entries if isinstance(e, data.Transaction)]
bank = {}
for t in txns:
    for p in t.postings:
        if p.account.startswith(('Assets:Bank', 'Liabilities')) and t.narration != 'Opening balance':
            bank[p.units.currency] = bank.get(p.units.currency, 0) + int(p.units.number * (1000 if p.units.currency == 'BHD' else 100))
print(json.dumps({'errors': len(errors), 'txns': len(txns), 'bank': bank, 'evil': [t.narration for t in txns if 'evil' in t.narration], 'flags': sorted(set(t.flag for t in txns))}))
`;
    const out = JSON.parse(execFileSync(python, ['-c', py, f], { encoding: 'utf8' })) as {
      errors: number;
      txns: number;
      bank: Record<string, number>;
      evil: string[];
      flags: string[];
    };
    expect(out.errors).toBe(0);
    expect(out.txns).toBe(15); // 14 incl. the pending one, + 1 opening balance
    expect(out.bank).toEqual(sqlTotals('1'));
    expect(out.evil).toEqual([HOSTILE.replace('\n', ' ')]);
    expect(out.flags).toEqual(['!', '*']);
  });
});
