import iconv from 'iconv-lite';

/** One booking as an ING Germany "Umsatzanzeige" lists it. */
export interface IngBooking {
  date: string;
  valueDate?: string;
  counterparty: string;
  bookingText?: string;
  category?: string;
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
const field = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * An ING Germany "Umsatzanzeige" in the current layout (with Kategorie): the header block, newest
 * booking first, a running Saldo that ends at `closingMinor`, CRLF, `;`, decimal comma with
 * thousands dots. ING serves it as UTF-8 with a BOM today and as Windows-1252 in older exports.
 */
export function ingCsv(
  iban: string,
  bookings: readonly IngBooking[],
  opts: { closingMinor?: number; encoding?: 'utf8' | 'windows-1252'; accountName?: string; holder?: string } = {},
): Buffer {
  const closing = opts.closingMinor ?? 100_000;
  const rows = [...bookings].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const dates = rows.map((r) => r.date).sort();
  let saldo = closing;
  const lines = rows.map((r) => {
    const line = [
      dmy(r.date),
      dmy(r.valueDate ?? r.date),
      field(r.counterparty),
      field(r.bookingText ?? (r.amountMinor < 0 ? 'Lastschrift' : 'Gutschrift')),
      field(r.category ?? 'Sonstiges'),
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
    `Umsatzanzeige;Datei erstellt am: ${dmy(dates.at(-1) ?? '2026-01-01')} 08:12`,
    ';Letztes Update: aktuell',
    '',
    `IBAN;${iban.replace(/(.{4})/g, '$1 ').trim()}`,
    `Kontoname;${opts.accountName ?? 'Girokonto'}`,
    'Bank;ING',
    `Kunde;${opts.holder ?? 'Erika Mustermann'}`,
    `Zeitraum;${dmy(dates[0] ?? '2026-01-01')} - ${dmy(dates.at(-1) ?? '2026-01-01')}`,
    `Saldo;${de(closing)};EUR`,
    '',
    'Sortierung;Datum absteigend',
    '',
    'In der CSV-Datei finden Sie alle bereits gebuchten Umsätze. Die vorgemerkten Umsätze werden nicht aufgenommen, auch wenn sie in Ihrem Internetbanking angezeigt werden.',
    '',
    'Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Kategorie;Verwendungszweck;Saldo;Währung;Betrag;Währung',
  ];
  const text = `${[...head, ...lines].join('\r\n')}\r\n`;
  return opts.encoding === 'windows-1252' ? iconv.encode(text, 'windows-1252') : Buffer.from(`\ufeff${text}`, 'utf8');
}
