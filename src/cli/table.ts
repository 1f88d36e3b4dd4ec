import stringWidth from 'fast-string-width';

/**
 * A boxed terminal table: head row, then rows, no rule between rows (a month of transactions
 * should fit on a screen). It draws what cli-table3 drew for Trax, character for character, at a
 * fraction of the cost: cli-table3 deep-merged its options for every cell and measured widths
 * with a 10 KB emoji regex, which was half of `trax transactions`' time (issue 9 item 8).
 *
 * Cells may carry colour codes (they take no width) and wide characters (CJK and emoji take two
 * columns, combining marks none); fast-string-width measures both. A cell with a line break is
 * drawn over several lines, as cli-table3 did, though `clean` removes breaks from bank text.
 */
export function drawTable(head: string[], rows: string[][]): string {
  const all = [head, ...rows];
  const columns = Math.max(0, ...all.map((r) => r.length));
  const cells = all.map((r) => Array.from({ length: columns }, (_, i) => (r[i] ?? '').split('\n')));
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(0, ...cells.map((r) => Math.max(...r[i]!.map((line) => stringWidth(line))))),
  );
  const rule = (left: string, mid: string, right: string) => left + widths.map((w) => '─'.repeat(w + 2)).join(mid) + right;
  const out = [rule('┌', '┬', '┐')];
  for (const row of cells) {
    const height = Math.max(...row.map((lines) => lines.length));
    for (let l = 0; l < height; l++) {
      const parts = row.map((lines, i) => {
        const text = lines[l] ?? '';
        return ` ${text}${' '.repeat(widths[i]! - stringWidth(text))} `;
      });
      out.push(`│${parts.join('│')}│`);
    }
  }
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}
