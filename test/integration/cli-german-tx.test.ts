import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLedger, runTrax, type Ledger } from '../helpers/ledger.js';

/**
 * `trax tx` and `trax accounts add` in a German terminal: the same rows written as in English,
 * the same exit codes, German sentences with "4,20 €" and "10.06.2026"; --json unchanged.
 */
let l: Ledger & { env: Record<string, string> };
let rewe: number;
const de = (...args: string[]) => runTrax(args, { ...l.env, TRAX_LANG: 'de' });
const en = (...args: string[]) => runTrax(args, l.env);

beforeEach(() => {
  l = fileLedger();
  l.account({ name: 'Girokonto', institution: 'ING' });
  rewe = l.tx({ date: '2026-06-05', amount: '-120.00', description: 'REWE Markt 4411', category: 'groceries' });
});
afterEach(() => l.close());

describe('trax tx in German', () => {
  it('adds, edits and deletes a cash booking with German sentences, amounts and dates', async () => {
    const acc = await de('accounts', 'add', 'Bargeld', '--currency', 'EUR', '--opening', '50.00');
    expect(acc.code, acc.stderr).toBe(0);
    const cash = Number(
      /Konto (\d+) „Bargeld“ angelegt \(cash, EUR\), von Hand geführt, Anfangsbestand 50,00\s€\./.exec(acc.stdout)?.[1],
    );
    expect(cash, acc.stdout).toBeGreaterThan(0);
    expect(acc.stdout).toContain(`trax tx add --account ${cash} --date JJJJ-MM-TT`);

    const add = await de(
      'tx',
      'add',
      '--account',
      String(cash),
      '--date=2026-06-10',
      '--amount=-4.20',
      '--description',
      'Wochenmarkt',
      '--category',
      'groceries',
    );
    expect(add.code, add.stderr).toBe(0);
    const id = Number(/Buchung (\d+) angelegt: 10\.06\.2026 -4,20\s€ „Wochenmarkt“ \(Lebensmittel\)\./.exec(add.stdout)?.[1]);
    expect(id, add.stdout).toBeGreaterThan(0);
    expect(l.db.prepare('SELECT amount_minor FROM transactions WHERE id = ?').pluck().get(id)).toBe(-420);

    const edit = await de('tx', 'edit', String(id), '--amount=-4.50');
    expect(edit.stdout).toMatch(
      new RegExp(`Buchung ${id} lautet jetzt 10\\.06\\.2026 -4,50\\s€ „Wochenmarkt“ \\(Lebensmittel\\)\\.`),
    );

    const del = await de('tx', 'delete', String(id));
    expect(del.code).toBe(0);
    expect(del.stdout).toContain(`Buchung ${id} gelöscht (10.06.2026 „Wochenmarkt“).`);
    expect(l.db.prepare('SELECT count(*) FROM transactions WHERE id = ?').pluck().get(id)).toBe(0);
  });

  it('notes, tags, hides and splits a bank booking in German, and says so in English without a language', async () => {
    const note = await de('tx', 'note', String(rewe), 'Geschenk für Oma');
    expect(note.stdout).toContain(`Notiz zu Umsatz ${rewe}: Geschenk für Oma`);
    expect((await de('tx', 'note', String(rewe), '')).stdout).toContain(`Notiz von Umsatz ${rewe} gelöscht.`);
    expect((await de('tx', 'tag', String(rewe), '+urlaub')).stdout).toContain(`Umsatz ${rewe} trägt die Tags #urlaub.`);
    expect((await de('tx', 'tag', String(rewe), '-urlaub')).stdout).toContain(`Umsatz ${rewe} hat keine Tags.`);
    expect((await de('tx', 'hide', String(rewe))).stdout).toContain(`Umsatz ${rewe} wird in Auswertungen nicht mehr gezählt.`);
    expect((await de('tx', 'hide', String(rewe))).stdout).toContain(`Umsatz ${rewe} war schon ausgeblendet; nichts geändert.`);
    expect((await de('tx', 'unhide', String(rewe))).stdout).toContain(`Umsatz ${rewe} zählt wieder in Auswertungen.`);

    const split = await de('tx', 'split', String(rewe), '--part', 'groceries:80.00', '--part', 'drugstore:40.00:Putzmittel');
    expect(split.code, split.stderr).toBe(0);
    expect(split.stdout).toContain(`Umsatz ${rewe} in 2 Teile aufgeteilt:`);
    expect(split.stdout).toMatch(/Nr\..*Kategorie.*Betrag.*Notiz/);
    expect(split.stdout).toMatch(/Lebensmittel.*-80,00\s€/);
    expect(split.stdout).toMatch(/-40,00\s€.*Putzmittel/);
    expect((await de('tx', 'unsplit', String(rewe))).stdout).toContain(
      `Umsatz ${rewe} ist wieder eine einzige Buchung (2 Teile entfernt).`,
    );

    const english = await en('tx', 'hide', String(rewe));
    expect(english.stdout).toContain(`Transaction ${rewe} is hidden from reports.`);
  });

  it('refuses a bad id or an empty tag change in German with the usage exit code', async () => {
    const badId = await de('tx', 'note', 'zwölf', 'x');
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('„zwölf“ ist keine Umsatznummer; `trax transactions` und `trax search` zeigen die Nummern.');
    const badAccount = await de('tx', 'add', '--account', 'bar', '--date=2026-06-10', '--amount=-1', '--description', 'x');
    expect(badAccount.code).toBe(2);
    expect(badAccount.stderr).toContain('„bar“ ist keine Kontonummer von Trax');
    const noTags = await de('tx', 'tag', String(rewe), '+');
    expect(noTags.code, noTags.stderr).not.toBe(0);
    const english = await en('tx', 'note', 'twelve', 'x');
    expect(english.code).toBe(2);
    expect(english.stderr).toContain('"twelve" is not a transaction id');
  });

  it('prints the same --json for a split in German and in English', async () => {
    const parts = ['--part', 'groceries:80.00', '--part', 'drugstore:40.00'];
    const a = await de('tx', 'split', String(rewe), ...parts, '--json');
    await en('tx', 'unsplit', String(rewe));
    const b = await en('tx', 'split', String(rewe), ...parts, '--json');
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toMatch(/Lebensmittel|€/);
  });
});
