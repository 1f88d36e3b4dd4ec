import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLedger, runTrax, type Ledger } from '../helpers/ledger.js';

/**
 * `trax review`, `trax categorize` and `trax categories` in a German terminal, over a real data
 * dir: German sentences, German category names, "120,00 €" and "05.06.2026"; the same rows
 * written and exit codes as in English, and --json the same bytes in both languages.
 */
let l: Ledger & { env: Record<string, string> };
let rewe: number;
let unknown: number;
let out: number;
const de = (...args: string[]) => runTrax(args, { ...l.env, TRAX_LANG: 'de' });
const en = (...args: string[]) => runTrax(args, l.env);
const row = (id: number) =>
  l.db
    .prepare(
      'SELECT c.slug, t.category_source AS source, t.transfer_pair_id AS pair FROM transactions t LEFT JOIN categories c ON c.id = t.category_id WHERE t.id = ?',
    )
    .get(id) as { slug: string | null; source: string | null; pair: number | null };

beforeEach(() => {
  l = fileLedger();
  const giro = l.account({ name: 'Girokonto', institution: 'ING' });
  const savings = l.account({ name: 'Extra-Konto', institution: 'ING', kind: 'savings' });
  rewe = l.tx({ account: giro, date: '2026-06-05', amount: '-120.00', description: 'REWE Markt 4411', category: 'groceries' });
  unknown = l.tx({ account: giro, date: '2026-06-07', amount: '-9.99', description: 'Kiosk am Eck', category: null });
  [out] = l.transfer(giro, savings, '2026-06-08', '500.00');
  // A pair the categorizer suggested, not one the user confirmed.
  l.db.prepare(`UPDATE transactions SET category_source = 'transfer' WHERE category_id = ?`).run(l.category('transfers'));
});
afterEach(() => l.close());

describe('trax review in German', () => {
  it('lists the inbox with German reasons, category names, amounts and dates; --json is the same bytes', async () => {
    const r = await de('review');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`#${rewe} {2}05\\.06\\.2026 +-120,00\\s€ {2}REWE Markt 4411 {2}Lebensmittel \\(Regel\\) \\[neu\\]`),
    );
    expect(r.stdout).toMatch(new RegExp(`#${unknown} .*Kiosk am Eck {2}Ohne Kategorie \\[ohne Kategorie, neu\\]`));
    expect(r.stdout).toMatch(/Gegenbuchung #\d+ auf Extra-Konto: 08\.06\.2026 +500,00\s€/);
    expect(r.stdout).toContain('Antworten Sie mit `trax review accept ID`');
    expect(r.stdout).not.toMatch(/Uncategorized|\[new|paired with|Answer with/);

    const a = await de('review', '--json');
    const b = await en('review', '--json');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('answers in German: accept, category, not-transfer, done; refusals with the usage exit code', async () => {
    const accepted = await de('review', 'accept', String(rewe));
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout).toContain(`✔ Lebensmittel für #${rewe} beibehalten (Ihre Wahl).`);
    expect(row(rewe)).toMatchObject({ slug: 'groceries', source: 'user' });

    const none = await de('review', 'accept', String(unknown));
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`Fehler: Umsatz ${unknown} hat keine Kategorie zum Übernehmen`);

    const chosen = await de('review', 'category', String(unknown), 'eating-out');
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(chosen.stdout).toContain(`Umsatz ${unknown} ist jetzt Essen gehen (Ihre Wahl; sie bleibt bei jedem Abruf erhalten).`);
    expect(row(unknown)).toMatchObject({ slug: 'eating-out', source: 'user' });

    const notTransfer = await de('review', 'not-transfer', String(rewe));
    expect(notTransfer.code).toBe(2);
    expect(notTransfer.stderr).toContain(`Umsatz ${rewe} ist keine vorgeschlagene Umbuchung`);
    const unpaired = await de('review', 'not-transfer', String(out), 'shopping');
    expect(unpaired.code, unpaired.stderr).toBe(0);
    expect(unpaired.stdout).toMatch(new RegExp(`✔ Keine Umbuchung: #${out} ist Einkäufe, #\\d+ ist `));
    expect(row(out)).toMatchObject({ slug: 'shopping', pair: null });

    const badId = await de('review', 'accept', 'zwölf');
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('„zwölf“ ist keine Umsatznummer; `trax review` listet sie auf.');
    const noCategory = await de('review', 'category', String(unknown), 'Kioskzeug');
    expect(noCategory.code).not.toBe(0);
    expect(noCategory.stderr).toContain('Es gibt keine Kategorie „Kioskzeug“; siehe `trax categories list`');
    const noDuplicate = await de('review', 'not-duplicate', '99');
    expect(noDuplicate.stderr).toContain('Es gibt kein offenes Duplikat 99');

    const done = await de('review', 'done');
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/^Geprüft bis \d{4}-\d\d-\d\d \d\d:\d\d UTC; nur was ab jetzt eingeht, gilt als neu\.$/m);
    // Only the uncategorized other half of the unpaired transfer is left, no longer new.
    const left = await de('review');
    expect(left.stdout).toMatch(/ Ohne Kategorie \[ohne Kategorie\]\n/);
    expect(left.stdout).not.toContain('neu]');

    const english = await en('review', 'accept', 'twelve');
    expect(english.stderr).toContain('Error: "twelve" is not a transaction id; `trax review` lists them.');
  });
});

describe('trax categorize and categories in German', () => {
  it('previews "apply to similar" in German and refuses it without --yes when nobody can answer', async () => {
    l.tx({ date: '2026-06-12', amount: '-30.00', description: 'Kiosk am Eck', category: null });
    const refused = await de('categorize', 'set', String(unknown), 'eating-out', '--similar');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain(
      'Damit entsteht eine Regel: Verwendungszweck enthält „kiosk am eck“, Ausgabe → Essen gehen.',
    );
    expect(refused.stdout).toContain('Sie trifft auf 2 Umsätze zu; 1 weiterer Umsatz käme nach Essen gehen, zum Beispiel:');
    expect(refused.stdout).toMatch(/12\.06\.2026 {2}Kiosk am Eck +-30,00\s€ {2}Ohne Kategorie → Essen gehen/);
    expect(refused.stderr).toContain(
      'Nichts geändert: --similar würde 1 Umsatz umsortieren; mit --yes geschieht das ohne Rückfrage.',
    );
    expect(row(unknown).source).toBeNull();

    const applied = await de('categorize', 'set', String(unknown), 'eating-out', '--similar', '--yes');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Regel \d+ angelegt; sie hat 1 ähnlichen Umsatz neu zugeordnet\./);
    expect(row(unknown)).toMatchObject({ slug: 'eating-out', source: 'user' });
  });

  it('recategorizes, lists, adds, renames and merges categories in German; --json unchanged', async () => {
    const all = await de('categorize', '--all');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/^\d+ Umsätze geprüft, \d+ geändert\.$/m);
    expect(all.stdout).toMatch(/^ {2}neue Umbuchungspaare: \d+$/m);

    const list = await de('categories', 'list');
    expect(list.stdout).toMatch(/^groceries +Lebensmittel$/m);
    expect(list.stdout).toMatch(/^income +Einnahmen \(Einnahmen\)$/m);
    expect(list.stdout).toMatch(/^transfers +Umbuchungen \(Umbuchung\)$/m);
    const a = await de('categories', 'list', '--json');
    const b = await en('categories', 'list', '--json');
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toContain('Lebensmittel');

    expect((await de('categories', 'add', 'Kiosk', '--parent', 'eating-out')).stdout).toContain('Kiosk (kiosk) angelegt.');
    const twice = await de('categories', 'add', 'Kiosk');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('Fehler: Eine Kategorie „kiosk“ gibt es schon.');
    expect((await de('categories', 'rename', 'kiosk', 'Büdchen')).stdout).toContain('Umbenannt in Büdchen.');
    await de('categorize', 'set', String(unknown), 'kiosk');
    const merged = await de('categories', 'merge', 'kiosk', 'eating-out');
    expect(merged.stdout).toContain('kiosk mit eating-out zusammengeführt: 1 Umsatz verschoben.');
    expect(row(unknown).slug).toBe('eating-out');
    const self = await de('categories', 'merge', 'eating-out', 'eating-out');
    expect(self.stderr).toContain('Eine Kategorie lässt sich nicht mit sich selbst zusammenführen.');
  });
});
