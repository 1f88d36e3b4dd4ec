import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFile } from '../../src/imports/pipeline/index.js';
import { resolveReview } from '../../src/imports/pipeline/review.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { syncConnection } from '../../src/sync/engine.js';
import { writeIngCsv, type IngBooking } from '../helpers/ing-csv.js';
import { connect, count, runCli, testApp, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));
const others: TestApp[] = [];
afterEach(() => {
  for (const o of others.splice(0)) o.cleanup();
});

interface Booked {
  id: number;
  booking_date: string;
  amount_minor: number;
  description: string;
  counterparty_name: string | null;
  merchant: string | null;
}

/** The synced, booked rows of the ING Girokonto, oldest first. */
function girokonto(app: TestApp['app']): { accountId: number; iban: string; rows: Booked[] } {
  const account = app.accounts.list().find((a) => a.iban)!;
  const rows = app.db
    .prepare(
      `SELECT id, booking_date, amount_minor, description, counterparty_name, merchant FROM transactions
       WHERE account_id = ? AND pending = 0 ORDER BY booking_date, id`,
    )
    .all(account.id) as Booked[];
  return { accountId: account.id, iban: account.iban!, rows };
}

/** What the bank's CSV says about a booking the API served: same money, its own wording and dates. */
function asBankFile(r: Booked, i: number): IngBooking {
  return {
    // Files show the booking date; the API sometimes a day off (value date): shift some.
    date: i % 5 === 0 ? addDays(r.booking_date, 1) : r.booking_date,
    counterparty: r.counterparty_name ?? r.merchant ?? '',
    description: r.description,
    amountMinor: r.amount_minor,
  };
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** History older than anything the API serves (the 90 days), in the same account. */
function olderHistory(before: string, n: number): IngBooking[] {
  return Array.from({ length: n }, (_, i) => ({
    date: addDays(before, -(10 + i * 3)),
    counterparty: i % 2 ? 'REWE Markt GmbH' : 'Stadtwerke München GmbH',
    description: i % 2 ? `VISA Debitkartenumsatz REWE SAGT DANKE ${4000 + i}` : `Abschlag Strom ${i}`,
    amountMinor: -(1000 + i * 37),
  }));
}

describe('import and sync of the same account', () => {
  it("an import after a sync links the overlap, adds only the older history, and keeps the user's category", async () => {
    await connect(t.app, sb);
    const { accountId, iban, rows } = girokonto(t.app);
    expect(rows.length).toBeGreaterThan(20);
    const corrected = rows[3]!;
    const set = await runCli(['categorize', 'set', String(corrected.id), 'gifts'], t.env);
    expect(set.code, set.stderr).toBe(0);
    const older = olderHistory(rows[0]!.booking_date, 12);
    const file = writeIngCsv(iban, [...older, ...rows.map(asBankFile)]);

    const [preview] = await importFile(t.app, file, { dryRun: true });
    // Every API row is linked, except the few the shifted dates leave between two same-looking
    // bookings (the daily coffee): those wait for the user instead of being guessed.
    expect(preview).toMatchObject({ accountId, added: 12, duplicates: 0 });
    expect(preview!.linked + preview!.review).toBe(rows.length);
    expect(preview!.review).toBeLessThan(rows.length * 0.05);
    expect(preview!.linkedFrom).toEqual({ 'synced from TrueLayer': preview!.linked });
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE account_id = ? AND source IS NOT NULL', accountId)).toBe(0);

    const [r] = await importFile(t.app, file);
    expect(r).toMatchObject({ added: 12, linked: preview!.linked, review: preview!.review });
    for (const item of t.app.imports.openReviews())
      resolveReview(t.app, item.id, { kind: 'link', transactionId: item.candidates[0]! });
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE account_id = ? AND pending = 0', accountId)).toBe(
      rows.length + 12,
    );
    const slug = t.app.db
      .prepare('SELECT c.slug FROM transactions t JOIN categories c ON c.id = t.category_id WHERE t.id = ?')
      .pluck()
      .get(corrected.id);
    expect(slug).toBe('gifts');

    // The next sync brings the same rows again: nothing new, nothing doubled.
    const again = await syncConnection(t.app, t.app.connections.list()[0]!.id, { trigger: 'user' });
    expect(again).toMatchObject({ status: 'done', added: 0 });
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE account_id = ? AND pending = 0', accountId)).toBe(
      rows.length + 12,
    );
    // And importing the file once more adds nothing.
    const [twice] = await importFile(t.app, file);
    expect(twice).toMatchObject({ added: 0, linked: 0, duplicates: rows.length + 12 });
  });

  it('a sync after an import links to the imported rows instead of adding them (history first, bank linked later)', async () => {
    // Learn what the bank will serve from a throwaway data dir linked to the same emulator.
    const probe = await testApp(sb);
    others.push(probe);
    await connect(probe.app, sb);
    const { iban, rows } = girokonto(probe.app);
    const older = olderHistory(rows[0]!.booking_date, 8);
    const file = writeIngCsv(iban, [...older, ...rows.map(asBankFile)]);

    const [imported] = await importFile(t.app, file);
    expect(imported).toMatchObject({ newAccount: true, added: rows.length + 8 });
    const importedAccount = imported!.accountId!;
    expect(t.app.connections.list().map((c) => c.provider)).toEqual(['file']);

    await connect(t.app, sb);
    // The bank's account adopted the imported one (same IBAN): one account, its history kept.
    const ibanAccounts = t.app.accounts.list().filter((a) => a.iban === iban);
    expect(ibanAccounts.map((a) => a.id)).toEqual([importedAccount]);
    expect(t.app.connections.list().map((c) => c.provider)).toEqual(['truelayer']);
    // A sync never holds a row back: the few it cannot place are added and asked about.
    const asked = t.app.imports.openReviews();
    expect(asked.every((a) => a.source === 'sync' && a.transactionId !== null)).toBe(true);
    expect(asked.length).toBeLessThan(rows.length * 0.05);
    expect(count(t.app, "SELECT count(*) FROM transaction_aliases WHERE source = 'sync'")).toBe(rows.length - asked.length);
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE account_id = ? AND pending = 0', importedAccount)).toBe(
      rows.length + 8 + asked.length,
    );
    // Answering "it is that one" merges them; the next sync does not bring them back.
    for (const a of asked) resolveReview(t.app, a.id, { kind: 'link', transactionId: a.candidates[0]! });
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE account_id = ? AND pending = 0', importedAccount)).toBe(
      rows.length + 8,
    );
    const again = await syncConnection(t.app, t.app.connections.list()[0]!.id, { trigger: 'user' });
    expect(again).toMatchObject({ status: 'done', added: 0 });
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE account_id = ? AND pending = 0', importedAccount)).toBe(
      rows.length + 8,
    );
  });

  it('two identical bookings on one day stay two, and a row that fits two different bookings waits for review', async () => {
    await connect(t.app, sb);
    const { accountId, iban, rows } = girokonto(t.app);
    const day = addDays(rows[0]!.booking_date, -30);
    const coffee = { date: day, counterparty: 'Backwerk', description: 'BACKWERK SAGT DANKE 0815', amountMinor: -240 };
    const first = await importFile(t.app, writeIngCsv(iban, [coffee, coffee]));
    expect(first[0]).toMatchObject({ added: 2 });
    const overlap = await importFile(t.app, writeIngCsv(iban, [coffee, coffee, { ...coffee, date: addDays(day, 1) }]));
    expect(overlap[0]).toMatchObject({ added: 1, duplicates: 2 });

    // A booking two days from two distinct synced-looking rows with the same text and amount.
    const a = { date: addDays(day, -20), counterparty: 'Stadtbibliothek', description: 'Gebuehr Ausweis', amountMinor: -1500 };
    const b = { ...a, date: addDays(day, -16) };
    await importFile(t.app, writeIngCsv(iban, [a, b]), { format: 'ing-de-csv' });
    // The same money and words two days from each, from another source: a CSV of another layout
    // (read with a column mapping) for the same account.
    const between = path.join(mkdtempSync(path.join(tmpdir(), 'trax-map-')), 'export.csv');
    writeFileSync(
      between,
      `Datum;Betrag;Text;Notiz\n${addDays(day, -18).split('-').reverse().join('.')};-15,00;Stadtbibliothek Gebuehr Ausweis;x\n`,
    );
    const map = 'date=Datum,amount=Betrag,description=Text,currencyCode=EUR';
    const mapped = await importFile(t.app, between, { accountId, map });
    expect(mapped[0]).toMatchObject({ added: 0, linked: 0, review: 1 });
    const [item] = t.app.imports.openReviews();
    expect(item!.candidates).toHaveLength(2);
    const before = count(t.app, 'SELECT count(*) FROM transactions WHERE account_id = ?', accountId);
    resolveReview(t.app, item!.id, { kind: 'link', transactionId: item!.candidates[1]! });
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE account_id = ?', accountId)).toBe(before);
    expect(t.app.imports.openReviews()).toEqual([]);
    // Once answered, the same file is "imported before", never asked again or added.
    // The mapping was saved for the account: the same layout needs no --map the next time.
    const again = await importFile(t.app, between);
    expect(again[0]).toMatchObject({ accountId, added: 0, duplicates: 1, review: 0 });
  });
});
