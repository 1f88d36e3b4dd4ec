/**
 * Issue 12 item 1: a report run over a saved search (`trax report --saved NAME`, or a query with
 * `--search`). It counts exactly the rows `trax search` finds, by the report's own rules.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/reports/report.js';
import { searchWhere } from '../../src/store/search.js';
import { NotesTagsStore } from '../../src/store/notes-tags.js';
import { fileLedger, memoryLedger, runTrax, type Ledger } from '../helpers/ledger.js';

const NOW = new Date('2026-11-02T09:00:00Z');

interface ReportJson {
  search?: string;
  currencies: Array<{ currency: string; totalSpentMinor: number; spending: Array<{ slug: string; spentMinor: number }> }>;
}

describe('trax report --saved / --search', () => {
  let l: Ledger & { env: Record<string, string> };
  beforeEach(() => (l = fileLedger()));
  afterEach(() => l.close());

  it('reports only what the search finds, narrows a saved search with more words, and says which search it used', async () => {
    const giro = l.account({ name: 'Giro' });
    l.tx({ account: giro, date: '2026-07-03', amount: '-23.51', description: 'REWE SAGT DANKE 4426', category: 'groceries' });
    l.tx({ account: giro, date: '2026-07-09', amount: '-10.00', description: 'REWE Markt GmbH', category: 'groceries' });
    l.tx({ account: giro, date: '2026-07-10', amount: '-5.00', description: 'EDEKA Center', category: 'groceries' });
    const flight = l.tx({ account: giro, date: '2026-07-12', amount: '-300.00', description: 'LUFTHANSA', category: 'travel' });
    new NotesTagsStore(l.db).changeTags(flight, ['urlaub'], [], NOW);

    const saved = await runTrax(['search', 'save', 'einkauf', 'rewe'], l.env);
    expect(saved.code, saved.stderr).toBe(0);

    const r = await runTrax(['report', '--month', '2026-07', '--saved', 'einkauf', '--json'], l.env);
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout) as ReportJson;
    expect(rep.search).toBe('rewe');
    expect(rep.currencies.map((c) => [c.currency, c.totalSpentMinor, c.spending.map((s) => [s.slug, s.spentMinor])])).toEqual([
      ['EUR', 3351, [['groceries', 3351]]],
    ]);

    const narrowed = await runTrax(['report', '--month', '2026-07', '--saved', 'einkauf', '--search', '>20', '--json'], l.env);
    expect((JSON.parse(narrowed.stdout) as ReportJson).currencies[0]!.totalSpentMinor).toBe(2351);
    const tagged = await runTrax(['report', '--month', '2026-07', '--search', 'tag:urlaub', '--json'], l.env);
    expect((JSON.parse(tagged.stdout) as ReportJson).currencies[0]!.spending.map((s) => [s.slug, s.spentMinor])).toEqual([
      ['travel', 30000],
    ]);

    const text = await runTrax(['report', '--month', '2026-07', '--saved', 'einkauf'], l.env);
    expect(text.stdout).toContain('July 2026 · all accounts · search "rewe"');
    expect(text.stdout).not.toContain('EDEKA');
    const german = await runTrax(['report', '--month', '2026-07', '--saved', 'einkauf'], { ...l.env, TRAX_LANG: 'de' });
    expect(german.stdout).toContain('Juli 2026 · alle Konten · Suche „rewe“');
  }, 60_000);

  it('refuses an unknown saved search and a query with nothing to search in it, changing nothing', async () => {
    l.tx({ account: l.account(), date: '2026-07-03', amount: '-23.51', description: 'REWE', category: 'groceries' });
    const unknown = await runTrax(['report', '--saved', 'nope'], l.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no saved search "nope"; `trax search list` shows them.');
    const empty = await runTrax(['report', '--search', '>>>'], l.env);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('Nothing in the query could be searched');
    expect(empty.stdout).toBe('');
  }, 60_000);
});

describe('a report over a search', () => {
  const WORDS = ['rewe', 'edeka', 'aldi', 'lidl'];
  const CATEGORIES = ['groceries', 'shopping', 'eating-out', null] as const;
  const row = fc.record({
    word: fc.constantFrom(...WORDS),
    amount: fc.integer({ min: -50_000, max: 50_000 }),
    day: fc.integer({ min: 1, max: 28 }),
    category: fc.constantFrom(...CATEGORIES),
    pending: fc.boolean(),
  });

  it('spends exactly what the matching booked rows spent, for any ledger and any word', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.constantFrom(...WORDS), (rows, word) => {
        const l = memoryLedger();
        try {
          const acct = l.account();
          for (const r of rows)
            l.tx({
              account: acct,
              date: `2026-07-${String(r.day).padStart(2, '0')}`,
              amount: r.amount,
              description: `${r.word.toUpperCase()} FILIALE ${r.day}`,
              category: r.category,
              pending: r.pending,
            });
          const { where } = searchWhere(l.db, word);
          const report = buildReport(
            l.db,
            { from: '2026-07-01', to: '2026-08-01', timezone: 'Europe/Berlin', search: where },
            NOW,
          );
          const spent = report.currencies.reduce((s, c) => s + c.totalSpentMinor, 0);
          // The report's rule (reports/aggregate.ts spendingOf): in an expense category money in
          // is a refund and counts against it; uncategorized money in is not spending.
          const expected = rows
            .filter((r) => r.word === word && !r.pending && (r.amount < 0 || r.category !== null))
            .reduce((s, r) => s - r.amount, 0);
          expect(spent).toBe(expected);
        } finally {
          l.close();
        }
      }),
      { seed: 20261204, numRuns: 60 },
    );
  });
});
