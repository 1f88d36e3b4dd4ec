import type { ParsedStatement, StatementEvent } from './types.js';

/** Gathers a parser's events into whole statements (small files, previews of one statement, tests). */
export async function collectStatements(events: AsyncIterable<StatementEvent>): Promise<ParsedStatement[]> {
  const out: ParsedStatement[] = [];
  for await (const e of events) {
    if (e.kind === 'statement') {
      out.push({ account: e.account, opening: null, closing: null, rows: [] });
      continue;
    }
    const current = out.at(-1);
    if (!current) throw new Error(`parser yielded a ${e.kind} before any statement`);
    if (e.kind === 'row') current.rows.push(e.row);
    else {
      current.opening = e.opening ?? current.opening;
      current.closing = e.closing ?? current.closing;
    }
  }
  return out;
}
