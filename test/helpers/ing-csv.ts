import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One booking as an ING Germany "Umsatzanzeige" lists it. */
export interface IngBooking {
  date: string;
  valueDate?: string;
  counterparty: string;
  bookingText?: string;
  description: string;
  amountMinor: number;
}

const de = (minor: number) => {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const euros = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')}`;
};
const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const field = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The current ING layout (with Kategorie), newest first, a running Saldo that ends at
 * `closingMinor`, UTF-8 with BOM as ING serves it today. Written by hand (not by Trax's
 * demo) so the tests check the parser against the bank's layout, not against Trax itself.
 */
export function ingCsv(iban: string, bookings: readonly IngBooking[], closingMinor = 100_000): string {
  const rows = [...bookings].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const dates = rows.map((r) => r.date).sort();
  let saldo = closingMinor;
  const lines = rows.map((r) => {
    const line = [
      dmy(r.date),
      dmy(r.valueDate ?? r.date),
      field(r.counterparty),
      r.bookingText ?? (r.amountMinor < 0 ? 'Lastschrift' : 'Gutschrift'),
      'Sonstiges',
      field(r.description),
      de(saldo),
      'EUR',
      de(r.amountMinor),
      'EUR',
    ].join(';');
    saldo -= r.amountMinor;
    return line;
  });
  const head = [
    'Umsatzanzeige;Datei erstellt am: 01.12.2026 08:12',
    ';Letztes Update: aktuell',
    '',
    `IBAN;${iban.replace(/(.{4})/g, '$1 ').trim()}`,
    'Kontoname;Girokonto',
    'Bank;ING',
    'Kunde;Erika Mustermann',
    `Zeitraum;${dmy(dates[0] ?? '2026-01-01')} - ${dmy(dates.at(-1) ?? '2026-01-01')}`,
    `Saldo;${de(closingMinor)};EUR`,
    '',
    'Sortierung;Datum absteigend',
    '',
    'In der CSV-Datei finden Sie alle bereits gebuchten Umsätze. Die vorgemerkten Umsätze werden nicht aufgenommen, auch wenn sie in Ihrem Internetbanking angezeigt werden.',
    '',
    'Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Kategorie;Verwendungszweck;Saldo;Währung;Betrag;Währung',
  ];
  return `\ufeff${[...head, ...lines].join('\r\n')}\r\n`;
}

/** Writes an ING CSV into a fresh temp dir and returns its path. */
export function writeIngCsv(iban: string, bookings: readonly IngBooking[], name = 'Umsatzanzeige.csv'): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trax-ing-')), name);
  writeFileSync(file, ingCsv(iban, bookings));
  return file;
}
