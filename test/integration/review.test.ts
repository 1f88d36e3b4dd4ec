/**
 * `trax review` as a user runs it: the built CLI over a real SQLite file filled by a sync from the
 * TrueLayer emulator (the ING household) and by statement imports, answers given with the
 * non-interactive subcommands and, through a pseudo-terminal, one keystroke at a time.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/imports/pipeline/index.js';
import type { ReviewQueue } from '../../src/review/queue.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { syncConnection } from '../../src/sync/engine.js';
import { writeIngCsv } from '../helpers/ing-csv.js';
import { CLI, connect, count, runCli, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

async function queue(...args: string[]): Promise<ReviewQueue> {
  const r = await runCli(['review', '--json', ...args], t.env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ReviewQueue;
}

const row = (id: number) =>
  t.app.db
    .prepare(
      `SELECT c.slug, t.category_source AS source, t.transfer_pair_id AS pair, t.account_id, t.dedupe_key
       FROM transactions t LEFT JOIN categories c ON c.id = t.category_id WHERE t.id = ?`,
    )
    .get(id) as { slug: string | null; source: string; pair: number | null; account_id: number; dedupe_key: string };

const modelExamples = () => count(t.app, 'SELECT examples FROM classifier WHERE id = 1');

describe('trax review', () => {
  it('says so when there is nothing to review', async () => {
    const r = await runCli(['review'], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('Nothing to review.');
    expect((await queue()).items).toEqual([]);
  });

  it('lists what a first sync brought as new, and after `done` only what comes in later', async () => {
    const { connection } = await connect(t.app, sb);
    const booked = count(t.app, 'SELECT count(*) FROM transactions WHERE pending = 0');
    const capped = await queue('--limit', '20');
    expect(capped.items.length).toBe(20);
    const first = await queue('--limit', '100000');
    expect(capped.total).toBe(first.total);
    expect(first.reviewedUpTo).toBeNull();
    const entries = first.items.filter((i) => i.kind !== 'duplicate');
    // Every booked row is in the inbox once: a suggested pair is one entry for its two rows.
    const rowsShown = entries.reduce((n, i) => n + (i.kind === 'transfer' && i.pair ? 2 : 1), 0);
    expect(rowsShown).toBe(booked);
    expect(first.total).toBe(entries.length);
    expect(entries.every((i) => i.reasons.includes('new'))).toBe(true);
    expect(entries.some((i) => i.kind === 'transfer' && i.pair !== null)).toBe(true);

    const done = await runCli(['review', 'done'], t.env);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^Reviewed up to \d{4}-\d\d-\d\d \d\d:\d\d UTC; only what comes in from now on is new\.$/m);
    const after = await queue('--limit', '100000');
    expect(after.reviewedUpTo).not.toBeNull();
    expect(after.items.some((i) => i.reasons.includes('new'))).toBe(false);
    // What stays is doubtful on its own: suggested transfers and rows without a category.
    for (const i of after.items) expect(i.reasons.some((r) => r === 'transfer' || r === 'uncategorized')).toBe(true);

    sb.clock.advance(4 * 86_400_000);
    const sync = await syncConnection(t.app, connection.id, { trigger: 'user' });
    expect(sync.added).toBeGreaterThan(0);
    const later = await queue('--limit', '100000');
    const fresh = later.items.filter((i) => i.reasons.includes('new'));
    expect(fresh.length).toBeGreaterThan(0);
    const newRows = count(
      t.app,
      `SELECT count(*) FROM transactions WHERE pending = 0 AND first_seen_at > ? AND category_source IS NOT 'user'`,
      after.reviewedUpTo,
    );
    expect(fresh.reduce((n, i) => n + (i.kind === 'transfer' && i.pair ? 2 : 1), 0)).toBe(newRows);
  });

  it('accept keeps the category as the user’s choice and teaches the model; change works like categorize set', async () => {
    await connect(t.app, sb);
    const items = (await queue()).items;
    const plain = items.flatMap((i) => (i.kind === 'transaction' && i.transaction.category !== 'uncategorized' ? [i] : []));
    const [one, two] = plain;
    const before = row(one!.id);
    const examples = modelExamples();

    const r = await runCli(['review', 'accept', String(one!.id)], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Kept ${one!.transaction.categoryName} for #${one!.id} (your choice).`);
    expect(row(one!.id)).toMatchObject({ slug: before.slug, source: 'user' });
    expect(
      count(
        t.app,
        'SELECT count(*) FROM category_choices WHERE account_id = ? AND dedupe_key = ?',
        before.account_id,
        before.dedupe_key,
      ),
    ).toBe(1);
    expect(modelExamples()).toBe(examples + 1);
    expect((await queue()).items.some((i) => i.id === one!.id && i.kind !== 'duplicate')).toBe(false);

    const c = await runCli(['review', 'category', String(two!.id), 'eating-out'], t.env);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toContain(`Transaction ${two!.id} is now Eating out`);
    expect(row(two!.id)).toMatchObject({ slug: 'eating-out', source: 'user' });
    expect(modelExamples()).toBe(examples + 2);
  });

  it('"apply to similar" previews and asks for --yes off a terminal, then writes the rule', async () => {
    await connect(t.app, sb);
    const rewe = t.app.db
      .prepare(`SELECT id FROM transactions WHERE description LIKE 'REWE SAGT DANKE%' AND pending = 0 ORDER BY id LIMIT 1`)
      .pluck()
      .get() as number;
    const rules = count(t.app, 'SELECT count(*) FROM rules');
    const asked = await runCli(['review', 'category', String(rewe), 'eating-out', '--similar'], t.env);
    expect(asked.code).toBe(2);
    expect(asked.stdout).toContain('This creates a rule: description contains "rewe sagt danke", money out → Eating out.');
    expect(asked.stderr).toContain('pass --yes');
    expect(row(rewe).slug).toBe('groceries');
    expect(count(t.app, 'SELECT count(*) FROM rules')).toBe(rules);

    const yes = await runCli(['review', 'category', String(rewe), 'eating-out', '--similar', '--yes'], t.env);
    expect(yes.code, yes.stderr).toBe(0);
    expect(count(t.app, 'SELECT count(*) FROM rules')).toBe(rules + 1);
    expect(
      count(
        t.app,
        `SELECT count(*) FROM transactions t JOIN categories c ON c.id = t.category_id
      WHERE t.description LIKE 'REWE SAGT DANKE%' AND c.slug != 'eating-out'`,
      ),
    ).toBe(0);
  });

  it('not a transfer unpairs both halves for good: a full recategorization does not pair them again', async () => {
    await connect(t.app, sb);
    const pair = (await queue()).items.find((i) => i.kind === 'transfer' && i.pair !== null);
    if (pair?.kind !== 'transfer') throw new Error('the ING household has transfers between its accounts');
    const other = pair.pair!.id;
    const r = await runCli(['review', 'not-transfer', String(pair.id)], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Not a transfer');
    for (const id of [pair.id, other]) {
      expect(row(id).pair).toBeNull();
      expect(row(id).source).not.toBe('transfer');
    }
    expect(count(t.app, 'SELECT count(*) FROM transfer_refusals')).toBe(2);

    const all = await runCli(['categorize', '--all'], t.env);
    expect(all.code, all.stderr).toBe(0);
    for (const id of [pair.id, other]) expect(row(id)).toMatchObject({ pair: null });
    expect(row(pair.id).source).not.toBe('transfer');
    expect((await queue()).items.some((i) => i.kind === 'transfer' && (i.id === pair.id || i.id === other))).toBe(false);

    const notOne = await runCli(['review', 'not-transfer', String(pair.id)], t.env);
    expect(notOne.code).toBe(2);
    expect(notOne.stderr).toContain(`Transaction ${pair.id} is not a suggested transfer`);
  });

  it('accepting a suggested transfer confirms both halves and keeps them paired', async () => {
    await connect(t.app, sb);
    const pair = (await queue()).items.find((i) => i.kind === 'transfer' && i.pair !== null);
    if (pair?.kind !== 'transfer') throw new Error('the ING household has transfers between its accounts');
    // The other half is named by its account, not an id the user never sees.
    const partnerAccount = t.app.accounts.get(pair.pair!.accountId)!.name;
    expect(pair.pair!.accountName).toBe(partnerAccount);
    const listed = await runCli(['review', '--limit', '100000'], t.env);
    expect(listed.stdout).toContain(`paired with #${pair.pair!.id} on ${partnerAccount}:`);
    const r = await runCli(['review', 'accept', String(pair.id)], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Kept Transfers for #${pair.id} and #${pair.pair!.id} (your choice).`);
    expect(row(pair.id)).toMatchObject({ slug: 'transfers', source: 'user', pair: pair.pair!.id });
    expect(row(pair.pair!.id)).toMatchObject({ slug: 'transfers', source: 'user', pair: pair.id });
  });

  it('shows an import’s possible duplicate, and "not a duplicate" adds it as a booking of its own', async () => {
    await connect(t.app, sb);
    const account = t.app.accounts.list().find((a) => a.iban)!;
    const a = { date: '2025-12-21', counterparty: 'Stadtbibliothek', description: 'Gebuehr Ausweis', amountMinor: -1500 };
    await importFile(t.app, writeIngCsv(account.iban!, [a, { ...a, date: '2025-12-25' }]), { format: 'ing-de-csv' });
    const between = path.join(mkdtempSync(path.join(tmpdir(), 'trax-map-')), 'export.csv');
    writeFileSync(between, `Datum;Betrag;Text;Notiz\n23.12.2025;-15,00;Stadtbibliothek Gebuehr Ausweis;x\n`);
    const [mapped] = await importFile(t.app, between, {
      accountId: account.id,
      map: 'date=Datum,amount=Betrag,description=Text,currencyCode=EUR',
    });
    expect(mapped).toMatchObject({ review: 1 });

    const dup = (await queue()).items.find((i) => i.kind === 'duplicate');
    if (dup?.kind !== 'duplicate') throw new Error('the held-back row is in the inbox');
    expect(dup.row).toMatchObject({ date: '2025-12-23', amountMinor: -1500 });
    expect(dup.candidates).toHaveLength(2);
    const listed = await runCli(['review'], t.env);
    expect(listed.stdout).toContain(`Duplicate ${dup.id}`);

    const rows = count(t.app, 'SELECT count(*) FROM transactions WHERE account_id = ?', account.id);
    const r = await runCli(['review', 'not-duplicate', String(dup.id)], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE account_id = ?', account.id)).toBe(rows + 1);
    expect(count(t.app, `SELECT count(*) FROM import_reviews WHERE id = ? AND status = 'added'`, dup.id)).toBe(1);
    expect(count(t.app, `SELECT count(*) FROM transactions WHERE booking_date = '2025-12-23' AND category_id IS NULL`)).toBe(0);
    expect((await queue()).items.some((i) => i.kind === 'duplicate')).toBe(false);
  });

  it('refuses what it cannot do with one sentence and changes nothing', async () => {
    await connect(t.app, sb);
    const bad = await runCli(['review', 'accept', 'abc'], t.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"abc" is not a transaction id');
    const missing = await runCli(['review', 'accept', '999999'], t.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no transaction 999999');
    const noDup = await runCli(['review', 'not-duplicate', '42'], t.env);
    expect(noDup.code).toBe(1);
    expect(noDup.stderr).toContain('There is no open duplicate 42; `trax review` lists the ones waiting.');
    for (const limit of ['0', 'abc', '2.5']) {
      const r = await runCli(['review', '--limit', limit], t.env);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `--limit takes how many transactions to show, a whole number from 1 (e.g. --limit 50), not "${limit}".`,
      );
    }
    expect(count(t.app, `SELECT count(*) FROM transactions WHERE category_source = 'user'`)).toBe(0);
  });

  it('in a terminal goes through the inbox one entry at a time: a, c CATEGORY, t, s, q', async () => {
    await connect(t.app, sb);
    t.app.db.prepare(`UPDATE transactions SET first_seen_at = '2000-01-01T00:00:00.000Z'`).run();
    const done = await runCli(['review', 'done'], t.env);
    expect(done.code).toBe(0);
    const items = (await queue()).items;
    expect(items.length).toBeGreaterThan(2);
    const [first, second] = items;
    // `script` gives the CLI a real pseudo-terminal, as a user's shell would.
    const answers = [first!.kind === 'transfer' ? 't' : 'c groceries', 'xyz', 's', 'q'];
    const out = await inTerminal(['review'], answers);
    expect(out).toContain(`#${first!.id}`);
    expect(out).toContain('"xyz" is not an answer here');
    expect(out).toContain('Stopped: 1 answered, 1 skipped');
    if (first!.kind === 'transfer') expect(row(first!.id).pair).toBeNull();
    else expect(row(first!.id)).toMatchObject({ slug: 'groceries', source: 'user' });
    expect(row(second!.id).source).not.toBe('user');
  });

  it('in a terminal offers no "accept" for a row without a category, and keeps amounts aligned in colour', async () => {
    await connect(t.app, sb);
    t.app.db.prepare(`UPDATE transactions SET first_seen_at = '2000-01-01T00:00:00.000Z'`).run();
    expect((await runCli(['review', 'done'], t.env)).code).toBe(0);
    // Only the uncategorized rows are left: confirm every suggested transfer as the user would.
    t.app.db.prepare(`UPDATE transactions SET category_source = 'user' WHERE category_source = 'transfer'`).run();
    const items = (await queue()).items;
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((i) => i.reasons.join() === 'uncategorized')).toBe(true);
    const out = await inTerminal(['review'], ['a', 's', 'q'], { color: true });
    expect(out).toContain('It has no category to accept: type c and the category, e.g. `c groceries`');
    expect(out).not.toContain('a accept');
    expect(out).toContain('Stopped: 0 answered, 1 skipped');
    expect(row(items[0]!.id).source).not.toBe('user');
    // Each entry's line, escape codes removed: the amount column ends at the same place.
    const ends = out
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((l) => / #\d+ {2}\d{4}-\d\d-\d\d/.test(l))
      .map((l) => l.search(/ [A-Z]{3} {2}/));
    expect(ends.length).toBe(2);
    expect(new Set(ends).size).toBe(1);
  });
});

/** Runs the CLI under `script` (util-linux) so stdin is a TTY, typing the answers one line each. */
function inTerminal(args: string[], lines: string[], opts: { color?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const cmd = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const child = spawn('script', ['-qec', cmd, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...(opts.color ? {} : { NO_COLOR: '1' }), ...t.env },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(output);
    });
    child.stdin.write(lines.map((l) => `${l}\n`).join(''));
  });
}
