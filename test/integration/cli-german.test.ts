import { describe, expect, it } from 'vitest';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { connect, runCli, type TestApp, useSandboxApp } from '../helpers/trax.js';

/**
 * The read commands speak the terminal's language (TRAX_LANG, else LC_ALL, LC_MESSAGES, LANG):
 * German headers, "1.234,56 €" and "02.12.2026" for a German one; --json stays the same bytes
 * whatever the language, because scripts read it.
 */
let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

const GERMAN_AMOUNT = /-[\d.]+,\d{2}\s€/;
const GERMAN_DAY = /\b\d{2}\.\d{2}\.\d{4}\b/;

describe('trax read commands in German', () => {
  it('prints German accounts, transactions, connections and a report under TRAX_LANG=de', async () => {
    await connect(t.app, sb);
    const month = t.app.transactions.latestMonth()!;
    const de = { ...t.env, TRAX_LANG: 'de' };

    const accounts = await runCli(['accounts'], de);
    expect(accounts.code, accounts.stderr).toBe(0);
    expect(accounts.stdout).toMatch(/Konto.*Art.*IBAN \/ Nummer.*Kontostand.*Stand/);
    expect(accounts.stdout).toMatch(/Girokonto.*[\d.]+,\d{2}\s€.*\d{2}\.\d{2}\.\d{4}/);
    expect(accounts.stdout).not.toMatch(/Balance|EUR/);

    const tx = await runCli(['transactions', '--month', month], de);
    expect(tx.code, tx.stderr).toBe(0);
    expect(tx.stdout).toMatch(/Datum.*Konto.*Verwendungszweck.*Kategorie.*Betrag/);
    expect(tx.stdout).toMatch(GERMAN_AMOUNT);
    expect(tx.stdout).toMatch(GERMAN_DAY);
    expect(tx.stdout).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    expect(tx.stdout).not.toMatch(/\d\.\d{2} EUR/);
    // Built-in categories by their German names.
    expect(tx.stdout).toMatch(/Lebensmittel|Wohnen & Miete|Ohne Kategorie|Gehalt/);

    const conns = await runCli(['connections'], de);
    expect(conns.stdout).toMatch(/Anbieter.*Bank.*Konten.*Status.*Freigabe bis.*Letzter Abruf/);
    expect(conns.stdout).toMatch(/aktiv.*\d{2}\.\d{2}\.\d{4} \(in \d+ Tagen\)/);

    const report = await runCli(['report', '--month', month], de);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toMatch(/Ausgaben \(EUR\).*Ausgegeben.*Anteil/);
    expect(report.stdout).toMatch(/Summe.*[\d.]+,\d{2}\s€/);
    expect(report.stdout).toMatch(/Einnahmen [\d.]+,\d{2}\s€ · gespart/);
    expect(report.stdout).not.toMatch(/Spending|Total|net saved/);
  });

  it('reads LANG=de_DE.UTF-8 like a German terminal, and TRAX_LANG=en overrides it', async () => {
    await connect(t.app, sb);
    const month = t.app.transactions.latestMonth()!;
    const viaLang = await runCli(['transactions', '--month', month], { ...t.env, LANG: 'de_DE.UTF-8' });
    expect(viaLang.stdout).toMatch(/Verwendungszweck/);
    expect(viaLang.stdout).toMatch(GERMAN_AMOUNT);

    const english = await runCli(['transactions', '--month', month], { ...t.env, LANG: 'de_DE.UTF-8', TRAX_LANG: 'en' });
    expect(english.stdout).toMatch(/Date.*Account.*Description.*Category.*Amount/);
    expect(english.stdout).toMatch(/-\d[\d,]*\.\d{2} EUR/);
    expect(english.stdout).toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    // English in a German terminal is the same bytes as in a terminal that never named a language.
    const plain = await runCli(['transactions', '--month', month], t.env);
    expect(english.stdout).toBe(plain.stdout);
  });

  it('says in German what is wrong with an argument, and in English without a language', async () => {
    const de = await runCli(['transactions', '--month', 'Oktober'], { ...t.env, TRAX_LANG: 'de' });
    expect(de.code).not.toBe(0);
    expect(de.stderr).toContain('--month „Oktober“ ist kein Monat; schreiben Sie JJJJ-MM, z. B. 2026-10.');
    const en = await runCli(['transactions', '--month', 'October'], t.env);
    expect(en.stderr).toContain('--month "October" is not a month; write it as YYYY-MM, e.g. 2026-10.');
    const both = await runCli(['report', '--json', '--csv'], { ...t.env, LANG: 'de_DE.UTF-8' });
    expect(both.stderr).toContain('Wählen Sie entweder --json oder --csv.');
  });

  it('never translates --json: the same bytes in German and in English', async () => {
    await connect(t.app, sb);
    const month = t.app.transactions.latestMonth()!;
    for (const args of [['accounts'], ['transactions', '--month', month], ['connections'], ['report', '--month', month]]) {
      const en = await runCli([...args, '--json'], t.env);
      const de = await runCli([...args, '--json'], { ...t.env, TRAX_LANG: 'de', LANG: 'de_DE.UTF-8' });
      expect(de.code, de.stderr).toBe(0);
      expect(de.stdout, args.join(' ')).toBe(en.stdout);
      expect(de.stdout).not.toMatch(/Lebensmittel|€/);
    }
  });
});
