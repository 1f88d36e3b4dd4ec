import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ingCsv as ingCsvBytes, type IngBooking } from '../../src/demo/ing-csv.js';

export type { IngBooking } from '../../src/demo/ing-csv.js';

/** An ING CSV as text (UTF-8 with BOM, as ING serves it today). The parser is checked against real ING files elsewhere. */
export function ingCsv(iban: string, bookings: readonly IngBooking[], closingMinor = 100_000): string {
  return ingCsvBytes(iban, bookings, { closingMinor }).toString('utf8');
}

/** Writes an ING CSV into a fresh temp dir and returns its path. */
export function writeIngCsv(iban: string, bookings: readonly IngBooking[], name = 'Umsatzanzeige.csv'): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trax-ing-')), name);
  writeFileSync(file, ingCsvBytes(iban, bookings));
  return file;
}
