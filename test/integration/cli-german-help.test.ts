import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/trax.js';

/** `trax --help` under TRAX_LANG=de: commander's words, the program text and every summary in German. */
const dir = mkdtempSync(path.join(tmpdir(), 'trax-help-de-'));
const env = { TRAX_DATA_DIR: path.join(dir, 'data') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('trax --help in German', () => {
  it('titles, summaries and the getting-started list are German, and a command page repeats its summary', async () => {
    const top = await runCli(['--help'], { ...env, TRAX_LANG: 'de' });
    expect(top.code, top.stderr).toBe(0);
    expect(top.stdout).toMatch(/^Aufruf: trax/);
    expect(top.stdout).toMatch(/^Optionen:$/m);
    expect(top.stdout).toMatch(/^Befehle:$/m);
    expect(top.stdout).toMatch(/Hilfe zu diesem Befehl anzeigen/);
    expect(top.stdout).toMatch(/Erste Schritte:\n {2}trax sandbox/);
    expect(squash(top.stdout)).toContain('Umsätze auflisten, die neuesten zuerst');
    expect(squash(top.stdout)).toContain('monatliche Ausgabenlimits je Kategorie: festlegen, auflisten, löschen');
    expect(top.stdout).not.toMatch(/Usage:|Getting started|list transactions, newest first/);

    const page = await runCli(['transactions', '--help'], { ...env, LANG: 'de_DE.UTF-8' });
    expect(page.code, page.stderr).toBe(0);
    expect(page.stdout).toMatch(/^Aufruf: trax transactions/);
    expect(squash(page.stdout)).toContain('Umsätze auflisten, die neuesten zuerst');

    const english = await runCli(['--help'], env);
    expect(english.stdout).toMatch(/^Usage: trax/);
    expect(english.stdout).toMatch(/Getting started:/);
    expect(english.stdout).toContain('list transactions, newest first');
  });

  it("a command's options, arguments and subcommands are described in German, commander's words too", async () => {
    const de = { ...env, TRAX_LANG: 'de' };
    const imp = await runCli(['import', '--help'], de);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/^Aufruf: trax import \[Optionen\] \[files\.\.\.\]/);
    expect(squash(imp.stdout)).toContain('--dry-run zeigen, was importiert würde; nichts schreiben');
    expect(squash(imp.stdout)).toContain('die Datei in diesem Format lesen, statt es zu erkennen: camt053');
    expect(imp.stdout).not.toMatch(/show what would be imported|\[options\]|The format is read/);
    expect(squash(imp.stdout)).toContain('Das Format wird am Inhalt der Datei erkannt, nicht am Namen.');
    expect(imp.stdout).toMatch(/Beispiele:\n {2}trax import /);

    const notTransfer = await runCli(['review', 'not-transfer', '--help'], de);
    expect(squash(notTransfer.stdout)).toContain('Beide Hälften verlassen das Paar für immer');
    expect(notTransfer.stdout).toMatch(/Beispiele:\n {2}trax review not-transfer 1240\n/);
    const review = await runCli(['review', '--help'], de);
    expect(squash(review.stdout)).toContain('done alles, was bis jetzt eingegangen ist, als geprüft markieren');
    const split = await runCli(['tx', 'split', '--help'], de);
    expect(squash(split.stdout)).toContain(
      'ein Teil (mehrfach angeben); ein Betrag ohne Vorzeichen hat die Richtung der Buchung (Voreinstellung: [])',
    );

    const english = await runCli(['import', '--help'], env);
    expect(english.stdout).toMatch(/^Usage: trax import \[options\] \[files\.\.\.\]/);
    expect(squash(english.stdout)).toContain('--dry-run show what would be imported; write nothing');
  });

  it('a usage mistake keeps exit code 2 and points to --help in German', async () => {
    const r = await runCli(['acounts'], { ...env, TRAX_LANG: 'de' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(mit --help sehen Sie, wie der Befehl aufgerufen wird)');
  });
});
