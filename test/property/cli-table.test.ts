import Table from 'cli-table3';
import fc from 'fast-check';
import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { drawTable } from '../../src/cli/table.js';

/**
 * The CLI's own table renderer replaced cli-table3 for speed (issue 9 item 8); what users see must
 * not change. cli-table3, configured exactly as Trax configured it, is the oracle: over generated
 * tables of bank-like text (umlauts, CJK, emoji with skin tones and flags, combining accents,
 * colour codes, empty cells), both draw the same characters. (Rows are as wide as the head, as
 * every Trax table's are; cli-table3 drew shorter rows with misplaced borders.)
 */
function cliTable3(head: string[], rows: string[][]): string {
  const t = new Table({
    head,
    style: { head: [], border: [], compact: true },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: false,
  });
  for (const r of rows) t.push(r);
  return t.toString();
}

const colours = pc.createColors(true);
const piece = fc.constantFrom(
  'REWE',
  'Müller',
  'ß',
  '1.234,56 €',
  '-4.20 EUR',
  ' ',
  '東京',
  'カフェ',
  '한국',
  '😀',
  '👍🏽',
  '🇩🇪',
  'e\u0301',
  '**** 6589',
  'Straße 12',
);
const text = fc.array(piece, { maxLength: 6 }).map((xs) => xs.join(''));
const cell = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: text.map((t) => colours.red(t)) },
  { weight: 1, arbitrary: text.map((t) => colours.bold(t)) },
);

describe('drawTable', () => {
  it('draws what cli-table3 drew, over generated tables', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((n) =>
            fc.tuple(
              fc.array(cell, { minLength: n, maxLength: n }),
              fc.array(fc.array(cell, { minLength: n, maxLength: n }), { maxLength: 8 }),
            ),
          ),
        ([head, rows]) => {
          expect(drawTable(head, rows)).toBe(cliTable3(head, rows));
        },
      ),
      { seed: 20261203, numRuns: 400 },
    );
  });

  it('pads every line to the same width and boxes the head with the rows', () => {
    const out = drawTable(
      ['ID', 'Bank'],
      [
        ['1', 'ING'],
        ['22', 'Sparkasse Köln'],
      ],
    ).split('\n');
    expect(out).toEqual([
      '┌────┬────────────────┐',
      '│ ID │ Bank           │',
      '│ 1  │ ING            │',
      '│ 22 │ Sparkasse Köln │',
      '└────┴────────────────┘',
    ]);
  });
});
