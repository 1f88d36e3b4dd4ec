/**
 * What an export contains: every transaction in a date range with its account and category,
 * read in one streaming pass (a 1M-row export never sits in memory as rows).
 */
import { addDays } from '../../domain/dates.js';
import type { Db } from '../../store/db.js';
import type { CategoryKind } from '../../categorize/taxonomy.js';

export interface ExportRow {
  id: number;
  date: string;
  bookedAt: string | null;
  accountId: number;
  accountName: string;
  accountKind: string;
  institution: string;
  amountMinor: number;
  currency: string;
  description: string;
  merchant: string | null;
  counterparty: string | null;
  counterpartyIban: string | null;
  categorySlug: string | null;
  categoryName: string | null;
  categoryKind: CategoryKind | null;
  parentSlug: string | null;
  parentName: string | null;
  pending: boolean;
  transferPairId: number | null;
  /** The user's tags, sorted, and note (src/store/notes-tags.ts). */
  tags: string[];
  note: string | null;
  /** The split parts, when the row is split and they add up to it (migration 012). */
  parts: ExportPart[] | null;
}

export interface ExportPart {
  position: number;
  amountMinor: number;
  categorySlug: string | null;
  categoryName: string | null;
  categoryKind: CategoryKind | null;
  parentName: string | null;
  note: string | null;
}

export interface ExportRange {
  /** Booking dates (the bank's calendar day), `to` exclusive; either may be absent. */
  from?: string;
  to?: string;
  includePending?: boolean;
}

function where(r: ExportRange): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  if (r.from) {
    parts.push('t.booking_date >= ?');
    params.push(r.from);
  }
  if (r.to) {
    parts.push('t.booking_date < ?');
    params.push(r.to);
  }
  if (!r.includePending) parts.push('t.pending = 0');
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

interface Raw {
  id: number;
  date: string;
  booked_at: string | null;
  account_id: number;
  account_name: string;
  account_kind: string;
  institution: string;
  amount_minor: number;
  currency: string;
  description: string;
  merchant: string | null;
  counterparty: string | null;
  counterparty_iban: string | null;
  category_slug: string | null;
  category_name: string | null;
  category_kind: CategoryKind | null;
  parent_slug: string | null;
  parent_name: string | null;
  pending: number;
  transfer_pair_id: number | null;
  tags: string | null;
  note: string | null;
  parts: string | null;
}

export function* exportRows(db: Db, range: ExportRange): Generator<ExportRow> {
  const w = where(range);
  const stmt = db.prepare<string[], Raw>(
    `SELECT t.id, t.booking_date AS date, t.booked_at, t.account_id, a.name AS account_name, a.kind AS account_kind,
       coalesce(nullif(c.institution_name, ''), c.provider) AS institution,
       t.amount_minor, t.currency, t.description, t.merchant, t.counterparty_name AS counterparty, t.counterparty_iban,
       cat.slug AS category_slug, cat.name AS category_name, cat.kind AS category_kind,
       parent.slug AS parent_slug, parent.name AS parent_name, t.pending, t.transfer_pair_id,
       (SELECT group_concat(tag, ' ') FROM (SELECT g.tag FROM transaction_tags g
          WHERE g.account_id = t.account_id AND g.dedupe_key = t.dedupe_key ORDER BY g.tag)) AS tags,
       (SELECT n.text FROM transaction_notes n WHERE n.account_id = t.account_id AND n.dedupe_key = t.dedupe_key) AS note,
       (SELECT CASE WHEN sum(p.amount_minor) = t.amount_minor THEN json_group_array(json_object('position', p.position,
           'amountMinor', p.amount_minor, 'categorySlug', pc.slug, 'categoryName', pc.name, 'categoryKind', pc.kind,
           'parentName', pp.name, 'note', p.note)) END
         FROM (SELECT * FROM split_parts WHERE transaction_id = t.id ORDER BY position) p
           LEFT JOIN categories pc ON pc.id = p.category_id LEFT JOIN categories pp ON pp.id = pc.parent_id) AS parts
     FROM transactions t
       JOIN accounts a ON a.id = t.account_id
       JOIN connections c ON c.id = a.connection_id
       LEFT JOIN categories cat ON cat.id = t.category_id
       LEFT JOIN categories parent ON parent.id = cat.parent_id
     ${w.sql}
     ORDER BY t.booking_date, t.id`,
  );
  for (const r of stmt.iterate(...w.params)) {
    yield {
      id: r.id,
      date: r.date,
      bookedAt: r.booked_at,
      accountId: r.account_id,
      accountName: r.account_name,
      accountKind: r.account_kind,
      institution: r.institution,
      amountMinor: r.amount_minor,
      currency: r.currency,
      description: r.description,
      merchant: r.merchant,
      counterparty: r.counterparty,
      counterpartyIban: r.counterparty_iban,
      categorySlug: r.category_slug,
      categoryName: r.category_name,
      categoryKind: r.category_kind,
      parentSlug: r.parent_slug,
      parentName: r.parent_name,
      pending: r.pending === 1,
      transferPairId: r.transfer_pair_id,
      tags: r.tags ? r.tags.split(' ') : [],
      note: r.note,
      parts: r.parts ? (JSON.parse(r.parts) as ExportPart[]) : null,
    };
  }
}

export interface ExportAccount {
  id: number;
  name: string;
  kind: string;
  institution: string;
  currency: string;
  /** Booked balance at the start of the export, when Trax knows a balance to work back from. */
  openingMinor: number | null;
  openingDate: string | null;
}

/**
 * Accounts with transactions in the range, and their opening balance: the latest booked balance
 * minus the booked transactions from the start of the range through the balance's day. That is
 * what makes the journal's account totals equal the bank's.
 */
export function exportAccounts(db: Db, range: ExportRange): ExportAccount[] {
  const w = where(range);
  const rows = db
    .prepare<string[], { id: number; name: string; kind: string; institution: string; currency: string; first: string }>(
      `SELECT a.id, a.name, a.kind, coalesce(nullif(c.institution_name, ''), c.provider) AS institution, a.currency, min(t.booking_date) AS first
       FROM transactions t JOIN accounts a ON a.id = t.account_id JOIN connections c ON c.id = a.connection_id
       ${w.sql}
       GROUP BY a.id ORDER BY a.id`,
    )
    .all(...w.params);
  const latest = db.prepare<[number], { as_of_date: string; current_minor: number; currency: string }>(
    'SELECT as_of_date, current_minor, currency FROM balances WHERE account_id = ? ORDER BY as_of_date DESC LIMIT 1',
  );
  const bookedBetween = db.prepare<[number, string, string, string], { s: number | null }>(
    `SELECT sum(amount_minor) AS s FROM transactions
     WHERE account_id = ? AND pending = 0 AND currency = ? AND booking_date >= ? AND booking_date < ?`,
  );
  return rows.map((a) => {
    const start = range.from ?? a.first;
    const b = latest.get(a.id);
    let openingMinor: number | null = null;
    if (b && b.currency === a.currency) {
      // The balance includes its own day's bookings: work back from the day after it.
      const after = addDays(b.as_of_date, 1);
      openingMinor = after >= start
        ? b.current_minor - (bookedBetween.get(a.id, a.currency, start, after)?.s ?? 0)
        : b.current_minor + (bookedBetween.get(a.id, a.currency, after, start)?.s ?? 0);
    }
    return { id: a.id, name: a.name, kind: a.kind, institution: a.institution, currency: a.currency, openingMinor, openingDate: openingMinor === null ? null : start };
  });
}
