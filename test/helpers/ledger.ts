/**
 * Fixture builder for report, budget, recurring and export tests: real migrations, rows
 * inserted directly (no sync), categories from the default taxonomy.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CategoryStore } from '../../src/store/categories.js';
import { openDatabase, openMemoryDatabase, type Db } from '../../src/store/db.js';
import { toMinorUnits } from '../../src/domain/money.js';
import { CLI, ROOT, runCli, type CliResult } from './trax.js';

export interface AccountInput {
  name?: string;
  institution?: string;
  kind?: string;
  currency?: string;
  iban?: string | null;
}

export interface TxInput {
  account?: number;
  /** Booking date YYYY-MM-DD. */
  date: string;
  /** Provider timestamp; default `${date}T00:00:00+01:00` (a date-only bank line, like ING's). */
  at?: string | null;
  /** Decimal string in the currency ("-12.30"), or integer minor units as a number. */
  amount: string | number;
  currency?: string;
  description: string;
  merchant?: string | null;
  counterparty?: string | null;
  /** Category slug; null leaves the row uncategorized. */
  category?: string | null;
  pending?: boolean;
  transferPair?: number | null;
}

export class Ledger {
  private seq = 0;
  private defaultAccount: number | undefined;
  private readonly categoryIds = new Map<string, number>();

  constructor(readonly db: Db, readonly dataDir?: string) {
    new CategoryStore(db).ensureDefaults('2020-01-01T00:00:00Z');
    for (const r of db.prepare<[], { id: number; slug: string }>('SELECT id, slug FROM categories').all()) this.categoryIds.set(r.slug, r.id);
  }

  category(slug: string): number {
    const id = this.categoryIds.get(slug);
    if (id === undefined) throw new Error(`fixture: no category ${slug}`);
    return id;
  }

  account(a: AccountInput = {}): number {
    const now = '2020-01-01T00:00:00Z';
    const conn = `tl-fx${++this.seq}`;
    this.db
      .prepare(`INSERT INTO connections (id, provider, institution_name, created_at, updated_at) VALUES (?, 'truelayer', ?, ?, ?)`)
      .run(conn, a.institution ?? 'ING', now, now);
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO accounts (connection_id, provider_account_id, name, kind, currency, iban, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(conn, `acc${this.seq}`, a.name ?? 'Girokonto', a.kind ?? 'checking', a.currency ?? 'EUR', a.iban ?? null, now, now).lastInsertRowid,
    );
    this.defaultAccount ??= id;
    return id;
  }

  balance(accountId: number, date: string, amount: string | number, currency = 'EUR'): void {
    const minor = typeof amount === 'number' ? amount : toMinorUnits(amount, currency);
    this.db
      .prepare('INSERT INTO balances (account_id, as_of_date, current_minor, available_minor, currency, as_of) VALUES (?, ?, ?, NULL, ?, ?)')
      .run(accountId, date, minor, currency, `${date}T12:00:00Z`);
  }

  tx(t: TxInput): number {
    const account = t.account ?? this.defaultAccount ?? this.account();
    const currency = t.currency ?? 'EUR';
    const minor = typeof t.amount === 'number' ? t.amount : toMinorUnits(t.amount, currency);
    const category = t.category === null ? null : this.category(t.category ?? (minor < 0 ? 'groceries' : 'salary'));
    const now = '2020-01-01T00:00:00Z';
    return Number(
      this.db
        .prepare(
          `INSERT INTO transactions (account_id, dedupe_key, booking_date, booked_at, amount_minor, currency, description, merchant,
             counterparty_name, pending, raw, first_seen_at, updated_at, category_id, category_source, transfer_pair_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)`,
        )
        .run(
          account,
          `fx:${++this.seq}`,
          t.date,
          t.at === undefined ? `${t.date}T00:00:00+01:00` : t.at,
          minor,
          currency,
          t.description,
          t.merchant ?? null,
          t.counterparty ?? null,
          t.pending ? 1 : 0,
          now,
          now,
          category,
          category === null ? null : 'rule',
          t.transferPair ?? null,
        ).lastInsertRowid,
    );
  }

  /** Both halves of a transfer between own accounts, paired like the categorizer pairs them. */
  transfer(from: number, to: number, date: string, amount: string, currency = 'EUR'): [number, number] {
    const a = this.tx({ account: from, date, amount: `-${amount}`, currency, description: 'Umbuchung', category: 'transfers' });
    const b = this.tx({ account: to, date, amount, currency, description: 'Umbuchung', category: 'transfers' });
    this.db.prepare('UPDATE transactions SET transfer_pair_id = ? WHERE id = ?').run(b, a);
    this.db.prepare('UPDATE transactions SET transfer_pair_id = ? WHERE id = ?').run(a, b);
    return [a, b];
  }

  close(): void {
    this.db.close();
    if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export function memoryLedger(): Ledger {
  return new Ledger(openMemoryDatabase());
}

/** A ledger in a real data dir (trax.sqlite), for CLI tests; `env` points Trax at it. */
export function fileLedger(): Ledger & { env: Record<string, string> } {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-ledger-'));
  const l = new Ledger(openDatabase(dir), dir) as Ledger & { env: Record<string, string> };
  l.env = { TRAX_DATA_DIR: dir, TRAX_SECRET_KEY: 'a'.repeat(64), TRAX_TIMEZONE: 'Europe/Berlin' };
  return l;
}

const REGISTER: Record<string, { module: string; fn: string }> = {
  report: { module: 'report.js', fn: 'registerReport' },
  budget: { module: 'budget.js', fn: 'registerBudget' },
  recurring: { module: 'recurring.js', fn: 'registerRecurring' },
  export: { module: 'export.js', fn: 'registerExport' },
};

let wired: boolean | undefined;

/**
 * Runs a report/budget/recurring/export command through the built CLI. Until those commands
 * are registered in src/cli/main.ts, it runs them through a stand-in entry point that registers
 * them on the same commander setup and maps errors to exit codes the way main.ts does (written
 * to a temp dir, importing the built modules); once main.ts has them, the real CLI is used.
 */
export async function runTrax(args: string[], env: Record<string, string>, opts: { cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  if (!existsSync(CLI)) throw new Error('dist/ is missing: run `npm run build` before the CLI tests.');
  wired ??= /\breport\b/.test(readFileSync(CLI, 'utf8')) && /registerReport/.test(readFileSync(CLI, 'utf8'));
  if (wired) return runCli(args, env, opts);
  return runStandIn(args, env, opts);
}

let standIn: string | undefined;

function standInEntry(): string {
  if (standIn) return standIn;
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-cli-'));
  const dist = (p: string) => pathToFileURL(path.join(ROOT, 'dist/src', p)).href;
  const imports = Object.values(REGISTER).map((r) => `import { ${r.fn} } from '${dist(`cli/commands/${r.module}`)}';`);
  const src = `
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(path.join(ROOT, 'package.json'))});
const { Command, CommanderError } = require('commander');
import { TraxError } from '${dist('domain/errors.js')}';
import { asStoreError } from '${dist('store/db.js')}';
${imports.join('\n')}
const program = new Command('trax').exitOverride().showHelpAfterError('(run with --help for usage)');
${Object.values(REGISTER).map((r) => `${r.fn}(program);`).join('\n')}
try {
  await program.parseAsync(process.argv);
} catch (error) {
  const e = asStoreError(error, 'use the database');
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2;
  else if (e instanceof TraxError) { process.stderr.write('Error: ' + e.message + '\\n'); process.exitCode = e.code === 'usage' ? 2 : 1; }
  else { process.stderr.write('Unexpected error: ' + (e instanceof Error ? e.stack : String(e)) + '\\n'); process.exitCode = 70; }
}
`;
  standIn = path.join(dir, 'trax-standin.mjs');
  writeFileSync(standIn, src);
  return standIn;
}

function runStandIn(args: string[], env: Record<string, string>, opts: { cwd?: string; timeoutMs?: number }): Promise<CliResult> {
  const entry = standInEntry();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      cwd: opts.cwd ?? tmpdir(),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
