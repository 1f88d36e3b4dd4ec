/**
 * `trax search`, `trax tx note` and `trax tx tag` through the built CLI, over a database filled
 * by a real sync against the TrueLayer emulator and by a real statement import. Every write path
 * (sync, settling pending, import, import undo, notes, tags, categorizing) must reach the index
 * at once, with no rebuild step.
 */
import { describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { syncConnection } from '../../src/sync/engine.js';
import { writeIngCsv, type IngBooking } from '../helpers/ing-csv.js';
import { connect, count, runCli, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

interface Found {
  query: string;
  warnings: string[];
  total: number;
  transactions: Array<{ id: number; description: string; note: string | null; tags: string[]; source: string; pending: boolean }>;
}

async function search(...args: string[]): Promise<Found> {
  const r = await runCli(['search', ...args, '--json', '--limit', '10000'], t.env);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Found;
}

const ids = (f: Found) => f.transactions.map((x) => x.id).sort((a, b) => a - b);

async function cli(...args: string[]) {
  return runCli(args, t.env);
}

function ingAccount(): { id: number; iban: string } {
  const a = t.app.accounts.list().find((x) => x.iban)!;
  return { id: a.id, iban: a.iban! };
}

/** A booked row and a query that must find it: a word of its description, its amount and its day. */
function someBookedRow(): { id: number; query: string } {
  const rows = t.app.db
    .prepare('SELECT id, description, amount_minor, booking_date FROM transactions WHERE pending = 0 ORDER BY id')
    .all() as Array<{ id: number; description: string; amount_minor: number; booking_date: string }>;
  for (const r of rows) {
    const word = /\p{L}{4,}/u.exec(r.description)?.[0];
    if (!word) continue;
    const amount = `${r.amount_minor < 0 ? '-' : '+'}${(Math.abs(r.amount_minor) / 100).toFixed(2)}`;
    return { id: r.id, query: `${word} ${amount} ${r.booking_date}` };
  }
  throw new Error('fixture: no booked row with a word in it');
}

describe('trax search over synced and imported rows', () => {
  it('finds new, settled, imported and undone rows at once: sync, pending settling, import and undo keep the index current', async () => {
    const { connection } = await connect(t.app, sb);
    const pendingIds = () =>
      t.app.db.prepare('SELECT id FROM transactions WHERE pending = 1 ORDER BY id').pluck().all() as number[];
    const pendingBefore = pendingIds();
    expect(pendingBefore.length).toBeGreaterThan(0);
    expect(ids(await search('pending'))).toEqual(pendingBefore);
    const row = someBookedRow();
    expect(ids(await search(row.query))).toContain(row.id);

    // Pending rows settle: the pending ones are deleted, booked ones inserted.
    sb.faults.settleAllPending();
    sb.clock.advance(7 * 86_400_000);
    const maxBefore = count(t.app, 'SELECT max(id) FROM transactions');
    expect((await syncConnection(t.app, connection.id, { trigger: 'user' })).status).toBe('done');
    // The settled rows replaced the pending ones (a week on, the bank shows new pending ones).
    const pendingNow = ids(await search('pending'));
    expect(pendingNow).toEqual(pendingIds());
    expect(pendingNow.filter((x) => pendingBefore.includes(x))).toEqual([]);
    const fresh = t.app.db
      .prepare('SELECT id, description FROM transactions WHERE id > ? AND pending = 0 ORDER BY id')
      .all(maxBefore) as Array<{ id: number; description: string }>;
    expect(fresh.length).toBeGreaterThan(0);
    for (const f of fresh.slice(0, 3)) {
      const word = /\p{L}{3,}/u.exec(f.description)?.[0];
      if (word) expect(ids(await search(word, '-pending'))).toContain(f.id);
    }

    // A statement file brings older history in German spelling; search meets it with or without umlauts.
    const { iban } = ingAccount();
    const oldest = t.app.db.prepare('SELECT min(booking_date) FROM transactions').pluck().get() as string;
    const older: IngBooking[] = Array.from({ length: 6 }, (_, i) => ({
      date: new Date(Date.parse(`${oldest}T00:00:00Z`) - (20 + i * 5) * 86_400_000).toISOString().slice(0, 10),
      counterparty: i % 2 ? 'Bäckerei Kühnemund' : 'Stadtwerke Möllnbach GmbH',
      description: i % 2 ? `Kartenzahlung Brötchen ${i}` : `Abschlag Strom ${i}`,
      amountMinor: -(1000 + i * 37),
    }));
    const file = writeIngCsv(iban, older);
    const imp = await cli('import', file);
    expect(imp.code, imp.stderr).toBe(0);
    const stadtwerke = await search('stadtwerke moellnbach');
    expect(stadtwerke.total).toBe(3);
    expect(stadtwerke.transactions.every((x) => x.source === 'file')).toBe(true);
    expect((await search('BAECKEREI kuehnemund')).total).toBe(3);
    expect((await search('source:file')).total).toBe(6);
    expect((await search('source:truelayer')).total).toBe(count(t.app, 'SELECT count(*) FROM transactions') - 6);

    const importId = count(t.app, 'SELECT max(id) FROM imports');
    const undo = await cli('import', 'undo', String(importId));
    expect(undo.code, undo.stderr).toBe(0);
    expect((await search('möllnbach')).total).toBe(0);
    expect((await search('source:file')).total).toBe(0);
  }, 120_000);

  it('finds notes, tags and category changes at once, and keeps them through a re-sync', async () => {
    const { connection } = await connect(t.app, sb);
    const { id } = someBookedRow();
    const all = count(t.app, 'SELECT count(*) FROM transactions');

    const note = await cli('tx', 'note', String(id), 'Geschenk für Oma Müller');
    expect(note.code, note.stderr).toBe(0);
    expect(note.stdout).toContain(`Noted on transaction ${id}: Geschenk für Oma Müller`);
    expect(ids(await search('note:oma'))).toEqual([id]);
    expect(ids(await search('MUELLER geschenk'))).toEqual([id]);
    expect((await search('-note:oma')).total).toBe(all - 1);

    const tag = await cli('tx', 'tag', String(id), '+urlaub', 'urlaub-sylt-2026', '-work');
    expect(tag.code, tag.stderr).toBe(0);
    expect(tag.stdout).toContain(`Transaction ${id} is tagged #urlaub #urlaub-sylt-2026.`);
    expect(ids(await search('tag:urlaub'))).toEqual([id]);
    expect(ids(await search('tag:URLAUB-SYLT-2026'))).toEqual([id]);
    expect((await search('-tag:urlaub')).total).toBe(all - 1);
    const found = (await search('tag:urlaub')).transactions[0]!;
    expect(found).toMatchObject({ note: 'Geschenk für Oma Müller', tags: ['urlaub', 'urlaub-sylt-2026'] });

    // A category choice is searched by its name and by category:.
    const set = await cli('categorize', 'set', String(id), 'gifts');
    expect(set.code, set.stderr).toBe(0);
    expect(ids(await search('category:gifts'))).toContain(id);
    expect(ids(await search('donations tag:urlaub'))).toEqual([id]);

    // TrueLayer rotates transaction ids on a re-sync: notes and tags stay with the row.
    sb.faults.rotateTransactionIds(true);
    expect((await syncConnection(t.app, connection.id, { trigger: 'user' })).status).toBe('done');
    expect(ids(await search('note:oma tag:urlaub'))).toEqual([id]);

    const removed = await cli('tx', 'tag', String(id), '-urlaub');
    expect(removed.stdout).toContain(`Transaction ${id} is tagged #urlaub-sylt-2026.`);
    expect((await search('tag:urlaub')).total).toBe(0);
    const cleared = await cli('tx', 'note', String(id), '');
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stdout).toContain(`Cleared the note of transaction ${id}.`);
    expect((await search('note:oma')).total).toBe(0);
    expect((await search('mueller')).total).toBe(0);
  }, 120_000);

  it('saves, lists, runs and deletes searches by name', async () => {
    await connect(t.app, sb);
    const { id, query } = someBookedRow();
    const save = await cli('search', 'save', 'Mein Fund', query);
    expect(save.code, save.stderr).toBe(0);
    expect(save.stdout).toContain(`Saved the search "Mein Fund": ${query}`);
    const list = await cli('search', 'list', '--json');
    expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'Mein Fund', query }]);
    const run = await search('--saved', 'Mein Fund');
    expect(ids(run)).toContain(id);
    expect(run.query).toBe(query);
    // More words narrow a saved search.
    expect((await search('--saved', 'Mein Fund', 'pending')).total).toBe(0);

    const bad = await cli('search', 'save', '<b>', 'rewe');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"<b>" cannot name a saved search');
    const del = await cli('search', 'delete', 'Mein Fund');
    expect(del.code, del.stderr).toBe(0);
    expect((await cli('search', 'list')).stdout).toContain('No saved searches yet.');
    const again = await cli('search', 'delete', 'Mein Fund');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('There is no saved search "Mein Fund"');
    const missing = await cli('search', '--saved', 'nope');
    expect(missing.code).toBe(1);
  }, 120_000);
});

describe('totals of large match sets', () => {
  it('counts words exactly at any size, and says "more than 1000" where it stopped counting rows', async () => {
    await connect(t.app, sb);
    const account = ingAccount().id;
    // 1,200 card payments in March 2026, written as a sync writes them (the triggers index them).
    t.app.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1200)
         INSERT INTO transactions (account_id, dedupe_key, booking_date, amount_minor, currency, description, pending, raw,
           first_seen_at, updated_at)
         SELECT ?, 'kaffee-' || i, printf('2026-03-%02d', 1 + i % 28), -350 - i, 'EUR', 'Kaffeebar Rösterei ' || i, 0, '{}',
           '2026-03-30T00:00:00Z', '2026-03-30T00:00:00Z' FROM n`,
      )
      .run(account);
    const words = await cli('search', 'kaffeebar');
    expect(words.code, words.stderr).toBe(0);
    expect(words.stdout).toContain('50 of 1200 matches, newest first; --limit 1200 shows all.');
    const exact = JSON.parse((await cli('search', 'kaffeebar', '--json')).stdout) as Found & { totalCapped: boolean };
    expect([exact.total, exact.totalCapped, exact.transactions.length]).toEqual([1200, false, 50]);

    // A month needs each row's date read: counting stops past 1000 and the output says so.
    const text = await cli('search', 'kaffeebar', '2026-03');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(
      '50 of more than 1000 matches, newest first (counted up to 1000); a larger --limit shows more.',
    );
    const de = await runCli(['search', 'kaffeebar', '2026-03'], { ...t.env, TRAX_LANG: 'de' });
    expect(de.stdout).toContain(
      '50 von über 1000 Treffern, die neuesten zuerst (bis 1000 gezählt); ein größeres --limit zeigt mehr.',
    );
    const capped = JSON.parse((await cli('search', 'kaffeebar', '2026-03', '--json')).stdout) as Found & {
      totalCapped: boolean;
    };
    expect([capped.total, capped.totalCapped, capped.transactions.length]).toEqual([1000, true, 50]);
    // Newest first: the page is March's last days.
    expect(capped.transactions[0]!.description).toMatch(/^Kaffeebar Rösterei /);
    // A page that reaches past the cap is counted to its end.
    const all = await search('kaffeebar', '2026-03');
    expect([all.total, all.transactions.length]).toEqual([1200, 1200]);
  }, 120_000);
});

describe('bad input to search, notes and tags', () => {
  it('names the token it did not understand and searches the rest; exit codes say what went wrong', async () => {
    await connect(t.app, sb);
    const { id, query } = someBookedRow();
    const r = await cli('search', `${query} colour:red >abc`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('Did not understand "colour:red": an unknown filter "colour:"');
    expect(r.stderr).toContain('Did not understand ">abc": not an amount');
    expect(r.stdout).toMatch(new RegExp(`^\\s*${id}\\s`, 'm'));

    const nothing = await cli('search', 'colour:red');
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('Nothing in the query could be searched');
    expect((await cli('search')).code).toBe(2);
    expect((await cli('search', 'rewe', '--limit', '0')).code).toBe(2);
    const none = await cli('search', 'zzzyxnothing');
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No transactions match "zzzyxnothing".');
  }, 120_000);

  it('refuses a note over 10 KB, a tag with a space and an unknown id with a sentence, writing nothing', async () => {
    await connect(t.app, sb);
    const { id } = someBookedRow();
    expect((await cli('tx', 'note', String(id), 'kurz')).code).toBe(0);

    const big = await cli('tx', 'note', String(id), 'ä'.repeat(50 * 1024));
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('The note is 100 KB; a note can hold at most 10 KB, so nothing was saved.');
    expect((await search('note:kurz')).transactions.map((x) => x.note)).toEqual(['kurz']);

    const spaced = await cli('tx', 'tag', String(id), '+ok', '+urlaub sylt');
    expect(spaced.code).toBe(2);
    expect(spaced.stderr).toContain('The tag "urlaub sylt" has a space in it; a tag is one word, e.g. urlaub-sylt-2026.');
    expect((await search('tag:ok')).total).toBe(0);
    const weird = await cli('tx', 'tag', String(id), '+<b>');
    expect(weird.code).toBe(2);
    expect(weird.stderr).toContain('"<b>" is not a tag');

    const unknown = await cli('tx', 'note', '999999', 'x');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no transaction 999999');
    const notAnId = await cli('tx', 'tag', 'abc', '+x');
    expect(notAnId.code).toBe(2);
    expect(notAnId.stderr).toContain('"abc" is not a transaction id');
    const noChange = await cli('tx', 'tag', String(id));
    expect(noChange.code).toBe(2);
  }, 120_000);

  it('keeps hostile text inert: markup and bidi controls in notes, FTS and SQL syntax in queries', async () => {
    await connect(t.app, sb);
    const { id } = someBookedRow();
    const hostile = '<script>alert(1)</script> \u202Egnp.exe\u202C" OR 1=1; DROP TABLE transactions; --';
    expect((await cli('tx', 'note', String(id), hostile)).code).toBe(0);
    // JSON keeps the note exactly; the table neutralizes the bidi override.
    const found = await search('note:script');
    expect(found.transactions.map((x) => [x.id, x.note])).toEqual([[id, hostile]]);
    const table = await cli('search', 'note:script');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).not.toContain('\u202E');
    for (const q of ['"NEAR(a b)" OR * ^x', 'a:b:c', '") OR 1=1 --', "'; DROP TABLE transactions; --", '""""', '%_\\']) {
      const r = await cli('search', q);
      expect(r.code, `${q}: ${r.stderr}`).not.toBe(70);
      expect(r.stderr, q).not.toMatch(/Unexpected error|SqliteError|fts5/i);
    }
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBeGreaterThan(0);
  }, 120_000);
});
