/**
 * `trax export`: every transaction, exact to the cent, as CSV, JSON, an hledger/Ledger journal
 * or a beancount file. Output goes to a sink chunk by chunk, so a big history streams.
 */
import { minorToDecimalString } from '../../domain/money.js';
import type { Db } from '../../store/db.js';
import { AccountNames, journalEntry, journalHeader, type JournalFormat } from './journal.js';
import { exportAccounts, exportRows, type ExportRange, type ExportRow } from './rows.js';
import { csvField } from './text.js';

export type ExportFormat = 'csv' | 'json' | 'ledger' | 'beancount';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'ledger', 'beancount'];

export interface ExportOptions extends ExportRange {
  format: ExportFormat;
  now?: Date;
}

export const CSV_COLUMNS = [
  'id', 'date', 'booked_at', 'account_id', 'account', 'institution', 'amount', 'amount_minor', 'currency',
  'description', 'merchant', 'counterparty', 'counterparty_iban', 'category', 'category_name', 'category_kind',
  'pending', 'transfer_pair_id', 'tags', 'note', 'part', 'part_note',
] as const;

/**
 * A split row is one line per part (CSV and JSON): the transaction's id, the part's position,
 * amount and category; the parts of one id add up to the booking.
 */
function linesOf(r: ExportRow): Array<{ row: ExportRow; part: number | null; note: string | null }> {
  if (!r.parts) return [{ row: r, part: null, note: null }];
  return r.parts.map((p) => ({
    row: { ...r, amountMinor: p.amountMinor, categorySlug: p.categorySlug, categoryName: p.categoryName, categoryKind: p.categoryKind, parentName: p.parentName },
    part: p.position,
    note: p.note,
  }));
}

function amountOf(r: ExportRow): string {
  try {
    return minorToDecimalString(r.amountMinor, r.currency);
  } catch {
    return minorToDecimalString(r.amountMinor, 'EUR');
  }
}

function csvLine({ row: r, part, note }: ReturnType<typeof linesOf>[number]): string {
  return [
    csvField(r.id), csvField(r.date), csvField(r.bookedAt), csvField(r.accountId), csvField(r.accountName, true),
    csvField(r.institution, true), csvField(amountOf(r)), csvField(r.amountMinor), csvField(r.currency),
    csvField(r.description, true), csvField(r.merchant, true), csvField(r.counterparty, true), csvField(r.counterpartyIban, true),
    csvField(r.categorySlug), csvField(r.categoryName, true), csvField(r.categoryKind), csvField(r.pending), csvField(r.transferPairId),
    csvField(r.tags.join(' '), true), csvField(r.note, true),
    csvField(part), csvField(note, true),
  ].join(',');
}

export function jsonRow({ row: r, part, note }: ReturnType<typeof linesOf>[number]) {
  return {
    id: r.id,
    date: r.date,
    bookedAt: r.bookedAt,
    accountId: r.accountId,
    account: r.accountName,
    institution: r.institution,
    amount: amountOf(r),
    amountMinor: r.amountMinor,
    currency: r.currency,
    description: r.description,
    merchant: r.merchant,
    counterparty: r.counterparty,
    counterpartyIban: r.counterpartyIban,
    category: r.categorySlug,
    categoryName: r.categoryName,
    categoryKind: r.categoryKind,
    pending: r.pending,
    transferPairId: r.transferPairId,
    tags: r.tags,
    note: r.note,
    part,
    partNote: note,
  };
}

/** Writes the export to `write` in chunks; returns how many transactions went out. */
export function exportTransactions(db: Db, opts: ExportOptions, write: (chunk: string) => void): number {
  const now = opts.now ?? new Date();
  let n = 0;
  switch (opts.format) {
    case 'csv':
      write(`${CSV_COLUMNS.join(',')}\r\n`);
      for (const r of exportRows(db, opts)) {
        for (const line of linesOf(r)) write(`${csvLine(line)}\r\n`);
        n++;
      }
      return n;
    case 'json': {
      const head = { format: 'trax-transactions', version: 1, exportedAt: now.toISOString(), from: opts.from ?? null, to: opts.to ?? null, includesPending: !!opts.includePending };
      write(`${JSON.stringify(head).slice(0, -1)},"transactions":[`);
      let lines = 0;
      for (const r of exportRows(db, opts)) {
        for (const line of linesOf(r)) write(`${lines++ ? ',' : ''}\n  ${JSON.stringify(jsonRow(line))}`);
        n++;
      }
      write(`${lines ? '\n' : ''}]}\n`);
      return n;
    }
    case 'ledger':
    case 'beancount':
      return journal(db, opts.format, opts, now, write);
  }
}

function journal(db: Db, format: JournalFormat, opts: ExportOptions, now: Date, write: (chunk: string) => void): number {
  const accounts = exportAccounts(db, opts);
  const names = new AccountNames(accounts);
  // The header declares (beancount: opens) every account before the first posting, so it needs
  // the category accounts and currencies up front: one small grouped query.
  const shape = db
    .prepare<string[], { kind: ExportRow['categoryKind']; name: string | null; parent: string | null; sign: number; currency: string; first: string }>(
      `SELECT cat.kind AS kind, cat.name AS name, parent.name AS parent, t.amount_minor < 0 AS sign, t.currency AS currency, min(t.booking_date) AS first
       FROM transactions t LEFT JOIN categories cat ON cat.id = t.category_id LEFT JOIN categories parent ON parent.id = cat.parent_id
       WHERE 1 ${opts.from ? 'AND t.booking_date >= ?' : ''} ${opts.to ? 'AND t.booking_date < ?' : ''} ${opts.includePending ? '' : 'AND t.pending = 0'}
       GROUP BY cat.id, sign, t.currency
       UNION ALL
       SELECT cat.kind, cat.name, parent.name, p.amount_minor < 0, t.currency, min(t.booking_date)
       FROM split_parts p JOIN transactions t ON t.id = p.transaction_id
         LEFT JOIN categories cat ON cat.id = p.category_id LEFT JOIN categories parent ON parent.id = cat.parent_id
       WHERE 1 ${opts.from ? 'AND t.booking_date >= ?' : ''} ${opts.to ? 'AND t.booking_date < ?' : ''} ${opts.includePending ? '' : 'AND t.pending = 0'}
       GROUP BY cat.id, p.amount_minor < 0, t.currency`,
    )
    .all(...[opts.from, opts.to].filter((x): x is string => !!x), ...[opts.from, opts.to].filter((x): x is string => !!x));
  const currencyCount = new Map<string, number>();
  for (const a of accounts) currencyCount.set(a.currency, (currencyCount.get(a.currency) ?? 0) + 1);
  for (const s of shape) if (!currencyCount.has(s.currency)) currencyCount.set(s.currency, 0);
  const currencies = [...currencyCount].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  const firstDate = [...shape.map((s) => s.first), ...accounts.map((a) => a.openingDate).filter((d): d is string => !!d)].sort()[0] ?? (opts.from ?? now.toISOString().slice(0, 10));
  write(
    journalHeader(
      format,
      {
        accounts,
        categories: shape.map((s) => ({ amountMinor: s.sign ? -1 : 1, categoryKind: s.kind, categoryName: s.name, parentName: s.parent })),
        currencies,
        firstDate,
        note: `Trax export ${now.toISOString()}${opts.from ? ` from ${opts.from}` : ''}${opts.to ? ` to before ${opts.to}` : ''}; ${opts.includePending ? 'pending transactions marked !' : 'pending transactions excluded'}.`,
      },
      names,
    ),
  );
  let n = 0;
  for (const r of exportRows(db, opts)) {
    write(journalEntry(format, r, names));
    n++;
  }
  return n;
}
