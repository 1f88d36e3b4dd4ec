import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotesTagsStore } from '../../src/store/notes-tags.js';
import { fileLedger, runTrax, type Ledger } from '../helpers/ledger.js';

const NOW = new Date('2026-11-02T09:00:00Z');
let l: Ledger & { env: Record<string, string> };
beforeEach(() => (l = fileLedger()));
afterEach(() => l.close());

interface TagJson {
  tags: Array<{ tag: string; currency: string; spentMinor: number; spent: string; incomeMinor: number; count: number }>;
}

describe('trax report --by tag', () => {
  it('sums each tag exactly in its own currency, counting a row under each of its tags, without pending or transfers', async () => {
    const giro = l.account({ name: 'Giro' });
    const card = l.account({ name: 'Card', currency: 'GBP' });
    const savings = l.account({ name: 'Savings' });
    const tags = new NotesTagsStore(l.db);
    const tag = (id: number, ...t: string[]) => tags.changeTags(id, t, [], NOW);
    tag(
      l.tx({ account: giro, date: '2026-07-03', amount: '-1200.00', description: 'Ferienwohnung Sylt', category: 'travel' }),
      'urlaub',
      'urlaub-sylt-2026',
    );
    tag(
      l.tx({ account: giro, date: '2026-07-05', amount: '-642.17', description: 'Gosch Fischbude', category: 'eating-out' }),
      'urlaub-sylt-2026',
    );
    tag(
      l.tx({ account: giro, date: '2026-07-06', amount: '-0.01', description: 'Kurtaxe Rundung', category: null }),
      'urlaub-sylt-2026',
    );
    // Money in an income category counts as income; pending and a transfer do not count at all.
    tag(
      l.tx({ account: giro, date: '2026-07-10', amount: '150.00', description: 'Erstattung Reise', category: 'refunds' }),
      'urlaub',
    );
    tag(
      l.tx({
        account: giro,
        date: '2026-07-11',
        amount: '-99.00',
        description: 'Hotel vorgemerkt',
        category: 'travel',
        pending: true,
      }),
      'urlaub',
    );
    const [out] = l.transfer(giro, savings, '2026-07-12', '500.00');
    tag(out, 'urlaub');
    tag(
      l.tx({ account: card, date: '2026-07-20', amount: '-23.45', currency: 'GBP', description: 'Pret', category: 'coffee' }),
      'work',
    );
    // Outside the year.
    tag(l.tx({ account: giro, date: '2025-12-31', amount: '-10.00', description: 'Vorjahr', category: 'travel' }), 'urlaub');

    const r = await runTrax(['report', '--year', '2026', '--by', 'tag', '--json'], l.env);
    expect(r.code, r.stderr).toBe(0);
    const got = (JSON.parse(r.stdout) as TagJson).tags.map((t) => [t.tag, t.currency, t.spentMinor, t.incomeMinor, t.count]);
    expect(got).toEqual([
      ['urlaub-sylt-2026', 'EUR', 184218, 0, 3],
      ['urlaub', 'EUR', 120000, 15000, 2],
      ['work', 'GBP', 2345, 0, 1],
    ]);

    const text = await runTrax(['report', '--year', '2026', '--by', 'tag'], l.env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/#urlaub-sylt-2026\s+│?\s*-?1,842\.18/);

    const csv = await runTrax(['report', '--year', '2026', '--by', 'tag', '--csv'], l.env);
    expect(csv.stdout.split('\r\n')).toContain('urlaub-sylt-2026,EUR,1842.18,184218,0.00,0,3');

    const bad = await runTrax(['report', '--by', 'merchant'], l.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--by "merchant" is not a grouping; use --by category or --by tag.');
    const none = await runTrax(['report', '--year', '2024', '--by', 'tag'], l.env);
    expect(none.stdout).toContain('No tagged transactions in 2024.');
  }, 60_000);
});
