import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { connect, count, runCli, type TestApp, useSandboxApp } from '../helpers/trax.js';

/**
 * sync, its history, budgets, recurring payments, undo, backup and disconnect in a German
 * terminal, against the TrueLayer emulator: German sentences and headers, the same rows written
 * and the same exit codes as in English; --json the same bytes in both languages.
 */
let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));
const de = () => ({ ...t.env, TRAX_LANG: 'de' });

describe('trax sync, budget, recurring, undo, backup and disconnect in German', () => {
  it('syncs and lists the sync history in German, and --history --json is the same bytes as in English', async () => {
    const { connection } = await connect(t.app, sb);
    const sync = await runCli(['sync'], de());
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(new RegExp(`ING \\(${connection.id}\\): \\d+ neu, \\d+ geändert, \\d+ entfernt`));

    const history = await runCli(['sync', '--history'], de());
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/Beginn \(UTC\).*Dauer.*Status.*Auslöser.*Neu.*Geändert.*Entfernt.*Fehler/);
    expect(history.stdout).toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}.*fertig.*von Hand/);
    expect(history.stdout).not.toMatch(/\bdone\b|Started/);

    const a = await runCli(['sync', '--history', '--json'], de());
    const b = await runCli(['sync', '--history', '--json'], t.env);
    expect(a.stdout).toBe(b.stdout);

    const bad = await runCli(['sync', '--history', '--limit', 'viele'], de());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--limit „viele“ ist keine Anzahl von Abrufen');
    const both = await runCli(['sync', '--history', '--scheduled'], de());
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--history listet vergangene Abrufe, --scheduled startet einen');
  });

  it('sets, lists and removes a budget in German, with German amounts and category names', async () => {
    await connect(t.app, sb);
    const set = await runCli(['budget', 'set', 'groceries', '400'], de());
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toMatch(/Budget für Lebensmittel: 400,00\s€ im Monat\./);
    expect(count(t.app, 'SELECT count(*) FROM budgets')).toBe(1);

    const list = await runCli(['budget', 'list'], de());
    expect(list.stdout).toMatch(/Kategorie.*Budget.*Ausgegeben.*Übrig.*Hochrechnung/);
    expect(list.stdout).toMatch(/Lebensmittel.*400,00\s€/);
    expect(list.stdout).not.toMatch(/Groceries|EUR/);
    expect((await runCli(['budget', 'list', '--json'], de())).stdout).toBe(
      (await runCli(['budget', 'list', '--json'], t.env)).stdout,
    );

    const zero = await runCli(['budget', 'set', 'groceries', '0'], de());
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('Ein Budget muss größer als null sein; löschen Sie es mit `trax budget rm groceries`.');
    const lots = await runCli(['budget', 'set', 'groceries', 'viel'], de());
    expect(lots.code).toBe(2);
    expect(lots.stderr).toContain('„viel“ ist kein Betrag in EUR');

    const rm = await runCli(['budget', 'rm', 'groceries'], de());
    expect(rm.stdout).toContain('Budget für Lebensmittel gelöscht.');
    expect(count(t.app, 'SELECT count(*) FROM budgets')).toBe(0);
    const again = await runCli(['budget', 'rm', 'groceries'], de());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Für Lebensmittel gibt es kein Budget; siehe `trax budget list`.');
  });

  it('lists recurring payments with German headers, cadences, days and amounts', async () => {
    await connect(t.app, sb);
    const r = await runCli(['recurring'], de());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Empfänger.*Rhythmus.*Betrag.*Zuletzt.*Nächste.*Pro Jahr.*Kategorie/);
    expect(r.stdout).toMatch(/Hausverwaltung.*monatlich.*[\d.]+,\d{2}\s€.*\d{2}\.\d{2}\.\d{4}/);
    expect(r.stdout).toMatch(/Pro Jahr insgesamt: -?[\d.]+,\d{2}\s€/);
    expect(r.stdout).not.toMatch(/\bmonthly\b|EUR|\d{4}-\d{2}-\d{2}/);
    expect((await runCli(['recurring', '--json'], de())).stdout).toBe((await runCli(['recurring', '--json'], t.env)).stdout);
  });

  it('undo, backup and disconnect speak German and exit as in English', async () => {
    const { connection } = await connect(t.app, sb);
    const none = await runCli(['undo', '--list'], de());
    expect(none.stdout).toContain('Noch keine Sammel-Umkategorisierungen aufgezeichnet.');
    const badChange = await runCli(['undo', 'letzte'], de());
    expect(badChange.code).toBe(2);
    expect(badChange.stderr).toContain('„letzte“ ist keine Änderungsnummer');

    const file = path.join(t.dataDir, '..', `backup-${connection.id}.sqlite`);
    const backup = await runCli(['backup', file], de());
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/\d+ Umsätze nach .* gesichert \(\d+\.\d MB\)\./);
    expect(backup.stdout).toMatch(/Bewahren Sie auch .*secret\.key auf \(oder setzen Sie TRAX_SECRET_KEY\)/);

    const rows = count(t.app, 'SELECT count(*) FROM transactions');
    const gone = await runCli(['disconnect', connection.id], de());
    expect(gone.code, gone.stderr).toBe(0);
    expect(gone.stdout).toContain('Zugriff von Trax auf ING beim Anbieter widerrufen.');
    expect(gone.stdout).toContain(`Zugangsdaten für ING (${connection.id}) gelöscht.`);
    expect(gone.stdout).toContain('Konten und Umsätze bleiben erhalten; mit --purge werden sie gelöscht.');
    expect(t.app.connections.get(connection.id)!.status).toBe('revoked');
    expect(count(t.app, 'SELECT count(*) FROM transactions')).toBe(rows);
  });

  it('searches and saves searches in German; --json is the same bytes as in English', async () => {
    await connect(t.app, sb);
    const r = await runCli(['search', 'Hausverwaltung'], de());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ID.*Datum.*Konto.*Verwendungszweck.*Kategorie.*Tags.*Betrag/);
    expect(r.stdout).toMatch(/\d{2}\.\d{2}\.\d{4}.*Hausverwaltung.*-[\d.]+,\d{2}\s€/);
    expect(r.stdout).toMatch(/\d+ (von \d+ )?Treffer/);
    expect(r.stdout).not.toMatch(/\bmatch(es)?\b|EUR/);
    const none = await runCli(['search', 'gibtesnichtxyz'], de());
    expect(none.stdout).toContain('Keine Umsätze passen zu "gibtesnichtxyz".');
    const empty = await runCli(['search'], de());
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('Geben Sie an, was gesucht wird');

    const saved = await runCli(['search', 'save', 'miete', 'Hausverwaltung'], de());
    expect(saved.stdout).toContain('Suche „miete“ gespeichert: Hausverwaltung');
    expect(count(t.app, 'SELECT count(*) FROM saved_searches')).toBe(1);
    expect((await runCli(['search', 'list'], de())).stdout).toMatch(/Name.*Suche[\s\S]*miete.*Hausverwaltung/);
    expect((await runCli(['search', 'delete', 'miete'], de())).stdout).toContain('Gespeicherte Suche „miete“ gelöscht.');

    const a = await runCli(['search', 'Hausverwaltung', '--json'], de());
    const b = await runCli(['search', 'Hausverwaltung', '--json'], t.env);
    expect(a.stdout).toBe(b.stdout);
  });
});
