import { writeFileSync } from 'node:fs';
import { addDays, toDay } from '../sandbox/shared/dates.js';
import { buildIngPersona } from '../sandbox/truelayer/personas/ing-de.js';
import type { GenAccount, GenTxn } from '../sandbox/truelayer/personas/types.js';
import { ingBookingText, ingCategory } from './ing-labels.js';
import { ingCsvBytes, type IngCsvRow } from './ing-csv.js';

/**
 * The demo's ING CSV of older history: what the ING persona's Girokonto booked from two years
 * back up to a fortnight into the 90 days the TrueLayer sync pulls, as the Umsatzanzeige ING's
 * online banking would export. The rows come from the persona the emulator serves (same seed,
 * same start day), so the overlapping days hold the very bookings the sync brings in.
 */

export interface IngHistoryOptions {
  /** The emulator's seed and start day (TrueLayerSandbox.seed / .startDay). */
  seed: number;
  startDay: string;
  /** The emulator's clock now: the sync's 90 days end today, and the file says it was made now. */
  now: Date;
  /** Bank login the persona belongs to; the demo logs in as john. */
  username?: string;
  /** How far back the file goes; 730 days by default. */
  historyDays?: number;
  /** Days the TrueLayer sync pulls (the emulator's window without a fresh login); 90 by default. */
  windowDays?: number;
  /** Days the file reaches into that window, so the import meets rows the sync also brings; 14 by default. */
  overlapDays?: number;
}

export interface IngHistory {
  bytes: Buffer;
  /** YYYY-MM-DD, inclusive: the file's Zeitraum. */
  from: string;
  to: string;
  rows: number;
  iban: string;
  /** The header's Saldo: the booked balance at the end of `to`. */
  closingCents: number;
}

const ACCOUNT_KEY = 'girokonto';

export function ingHistoryCsv(o: IngHistoryOptions): IngHistory {
  const today = toDay(o.now);
  const windowDays = o.windowDays ?? 90;
  const from = addDays(today, -(o.historyDays ?? 730));
  const to = addDays(today, -windowDays + (o.overlapDays ?? 14));
  if (to < from) throw new Error(`ING history: the period ${from} to ${to} is empty`);
  if (to >= today) throw new Error('ING history: the file may only hold days already booked (it must end before today)');

  const persona = buildIngPersona(
    { seed: o.seed, startDay: o.startDay, username: o.username ?? 'john', withIban: true },
    { historyFrom: from },
  );
  const account = persona.accounts.find((a) => a.key === ACCOUNT_KEY);
  const iban = account?.accountNumber?.iban;
  if (!account || !iban) throw new Error('ING history: the ING persona has no Girokonto with an IBAN');

  const { rows, closingCents } = bookedRows(account, from, to);
  const bytes = ingCsvBytes({
    iban,
    accountName: account.displayName,
    customer: persona.info.full_name,
    currency: account.currency,
    from,
    to,
    closingCents,
    createdAt: o.now,
    rows,
  });
  return { bytes, from, to, rows: rows.length, iban, closingCents };
}

/** Writes the file (the bytes of ingHistoryCsv) and says what is in it. */
export function writeIngHistoryCsv(o: IngHistoryOptions & { file: string }): {
  file: string;
  from: string;
  to: string;
  rows: number;
  iban: string;
} {
  const h = ingHistoryCsv(o);
  writeFileSync(o.file, h.bytes);
  return { file: o.file, from: h.from, to: h.to, rows: h.rows, iban: h.iban };
}

/** Rows booked in [from, to], oldest first, each with the running booked balance after it. */
function bookedRows(a: GenAccount, from: string, to: string): { rows: IngCsvRow[]; closingCents: number } {
  let balance = a.openingBalanceCents;
  const rows: IngCsvRow[] = [];
  for (const t of a.txns) {
    if (t.bookingDate > to) break;
    balance += t.amountCents;
    if (t.bookingDate >= from) rows.push(csvRow(t, balance));
  }
  return { rows, closingCents: balance };
}

function csvRow(t: GenTxn, balanceCents: number): IngCsvRow {
  return {
    bookingDate: t.bookingDate,
    // The persona has no separate value dates; ING's own rows mostly share the booking day.
    valueDate: t.bookingDate,
    // Same name and text as the emulator's counter_party_preferred_name and description, so
    // an import meets the synced row with nothing but the file format in between.
    counterparty: t.meta.counter_party_preferred_name ?? '',
    bookingText: ingBookingText(t),
    category: ingCategory(t),
    purpose: t.description,
    balanceCents,
    amountCents: t.amountCents,
  };
}
