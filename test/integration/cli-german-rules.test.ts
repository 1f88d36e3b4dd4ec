import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileLedger, runTrax, type Ledger } from '../helpers/ledger.js';

/**
 * `trax rules` in a German terminal over a real data dir: German sentences and headers, refusals
 * in German with the usage exit code, the same rows written as in English; --json unchanged.
 */
let l: Ledger & { env: Record<string, string> };
let rewe: number;
const de = (...args: string[]) => runTrax(args, { ...l.env, TRAX_LANG: 'de' });
const en = (...args: string[]) => runTrax(args, l.env);
const slugOf = (id: number) =>
  l.db.prepare('SELECT c.slug FROM transactions t JOIN categories c ON c.id = t.category_id WHERE t.id = ?').pluck().get(id);

beforeEach(() => {
  l = fileLedger();
  l.account({ name: 'Girokonto', institution: 'ING' });
  rewe = l.tx({ date: '2026-06-05', amount: '-120.00', description: 'REWE Markt 4411', category: null });
  l.tx({ date: '2026-06-06', amount: '-35.00', description: 'REWE Markt 4411', category: null });
});
afterEach(() => l.close());

describe('trax rules in German', () => {
  it('adds, lists, tests, exports, imports and removes rules in German', async () => {
    expect((await de('rules', 'list')).stdout).toContain('Noch keine Regeln. Legen Sie eine mit `trax rules add');

    const add = await de('rules', 'add', '--category', 'groceries', '--description-contains', 'rewe');
    expect(add.code, add.stderr).toBe(0);
    const id = Number(
      /^Regel (\d+) → groceries angelegt; sie ordnet jetzt 2 Umsätze zu \(2 geändert\)\. Rückgängig mit `trax undo`\.$/m.exec(
        add.stdout,
      )?.[1],
    );
    expect(id, add.stdout).toBeGreaterThan(0);
    expect(slugOf(rewe)).toBe('groceries');

    const list = await de('rules', 'list');
    expect(list.stdout).toMatch(/ID.*Priorität.*Name.*Bedingung.*Kategorie/);
    const a = await de('rules', 'list', '--json');
    const b = await en('rules', 'list', '--json');
    expect(a.stdout).toBe(b.stdout);

    const test = await de('rules', 'test', 'REWE SAGT DANKE 44261234');
    expect(test.code, test.stderr).toBe(0);
    expect(test.stdout).toMatch(/^Ihre Regeln: {7}groceries — /m);
    expect(test.stdout).toMatch(/^Gelerntes Modell: {2}noch nicht trainiert/m);
    expect(test.stdout).toMatch(/^Eingebaute Regeln: \S/m);
    expect(test.stdout).toContain('→ groceries (durch Ihre Regel)');
    const english = await en('rules', 'test', 'REWE SAGT DANKE 44261234');
    expect(english.stdout).toMatch(/^your rules: {5}groceries — /m);
    expect(english.stdout).toContain('→ groceries (from rule)');

    const file = path.join(l.dataDir!, 'rules.yaml');
    expect((await de('rules', 'export', '--file', file)).stdout).toContain(`1 Regel in ${file} geschrieben.`);
    expect((await de('rules', 'rm', String(id))).stdout).toContain(`Regel ${id} entfernt; 2 Umsätze neu zugeordnet.`);
    const imported = await de('rules', 'import', file);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('1 Regel importiert; 2 Umsätze neu zugeordnet. Rückgängig mit `trax undo`.');
  });

  it('refuses a bad rule, priority, regex or rules file in German with the usage exit code', async () => {
    const priority = await de('rules', 'add', '--category', 'groceries', '--description-contains', 'x', '--priority', 'hoch');
    expect(priority.code).toBe(2);
    expect(priority.stderr).toContain('Fehler: Die Priorität muss eine ganze Zahl von 0 bis 1000000 sein, nicht „hoch“.');
    const regex = await de('rules', 'add', '--category', 'groceries', '--description-regex', '(a)\\1');
    expect(regex.code).toBe(2);
    expect(regex.stderr).toMatch(/Der reguläre Ausdruck \/\(a\)\\1\/ nutzt .*RE2/);
    const category = await de('rules', 'add', '--category', 'lebensmittelzeug', '--description-contains', 'x');
    expect(category.stderr).toContain('Es gibt keine Kategorie „lebensmittelzeug“');
    expect((await de('rules', 'rm', '999')).stderr).toContain('Es gibt keine Regel 999; siehe `trax rules list`.');

    const bad = path.join(l.dataDir!, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nrules:\n  - category: nirgendwo\n    when:\n      description: { contains: rewe }\n');
    const refused = await de('rules', 'import', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad} wurde nicht importiert:\n  Zeile 3: Es gibt keine Kategorie „nirgendwo“`);
    const english = await en('rules', 'import', bad);
    expect(english.stderr).toContain(`${bad} was not imported:\n  line 3: There is no category "nirgendwo"`);
    writeFileSync(bad, 'rules: [\n');
    expect((await de('rules', 'import', bad)).stderr).toMatch(
      /Zeile .+: kein gültiges YAML oder JSON .*; nichts wurde importiert\./,
    );
    expect((await de('rules', 'import', path.join(l.dataDir!, 'fehlt.yaml'))).stderr).toMatch(
      /fehlt\.yaml ließ sich nicht lesen/,
    );
    expect(l.db.prepare('SELECT count(*) FROM rules').pluck().get()).toBe(0);
  });
});
