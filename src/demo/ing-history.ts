import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addDays } from '../domain/dates.js';
import type { Persona } from '../sandbox/truelayer/personas/index.js';
import { ingCsv } from './ing-csv.js';

/** How far back the API serves (TrueLayer asks for 89 days); the file overlaps it by two weeks. */
const API_DAYS = 89;
const OVERLAP_DAYS = 14;

/**
 * The statement an ING customer downloads from online banking: the Girokonto's bookings from the
 * start of the emulator's books until two weeks into the 90 days the API serves, so the demo has
 * history no aggregator hands out and an overlap where sync and file must not double up.
 * Windows-1252, as ING's older exports are (umlauts as single bytes).
 */
export function writeIngHistory(
  books: Persona,
  today: string,
  dir: string,
): { file: string; rows: number; from: string; to: string } {
  const giro = books.accounts.find((a) => a.key === 'girokonto' && a.accountNumber?.iban);
  if (!giro) throw new Error('the ING persona has no Girokonto with an IBAN');
  const to = addDays(today, -API_DAYS + OVERLAP_DAYS);
  const rows = giro.txns.filter((t) => t.bookingDate <= to);
  const from = rows[0]?.bookingDate ?? to;
  const closing = giro.openingBalanceCents + rows.reduce((n, t) => n + t.amountCents, 0);
  const bytes = ingCsv(
    giro.accountNumber!.iban!,
    rows.map((t) => ({
      date: t.bookingDate,
      counterparty: t.meta.counter_party_preferred_name ?? t.merchantName ?? '',
      bookingText: t.meta.provider_transaction_category,
      description: t.description,
      amountMinor: t.amountCents,
    })),
    { closingMinor: closing, encoding: 'windows-1252', accountName: giro.displayName, holder: books.info.full_name },
  );
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `Umsatzanzeige_${giro.accountNumber!.iban}_${to.replace(/-/g, '')}.csv`);
  writeFileSync(file, bytes, { mode: 0o600 });
  return { file, rows: rows.length, from, to };
}
