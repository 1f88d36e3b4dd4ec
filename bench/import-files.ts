import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import iconv from 'iconv-lite';

/**
 * Statement files for the import bench and the import crash test, written the way the banks
 * write them, deterministically from the row count alone. Each returns the sum of its entries
 * (integer minor units) so the caller can check that the import took every row.
 */

/** Amount of entry i in minor units: three in four are money out. */
function entryMinor(i: number): number {
  const minor = ((i * 7919) % 25_000) + 1;
  return i % 4 === 0 ? minor : -minor;
}

/** Which booking day entry i falls on: `perDay` entries a day from `start` (a UTC midnight, ms). */
export interface Schedule {
  perDay: number;
  start: number;
}

function dayOf(i: number, s: Schedule): Date {
  return new Date(s.start + Math.floor(i / s.perDay) * 86_400_000);
}

/** A CAMT year: about 2,700 entries a day for a million. */
export const camtSchedule = (n: number): Schedule => ({ perDay: Math.max(1, Math.ceil(n / 365)), start: Date.UTC(2023, 0, 2) });
/** Ten years of an ING account from 2016. */
export const ingSchedule = (n: number): Schedule => ({ perDay: Math.max(1, Math.ceil(n / 3650)), start: Date.UTC(2016, 0, 1) });

const COUNTERPARTIES = [
  'REWE Markt GmbH',
  'Stadtwerke München GmbH',
  'Deutsche Bahn Vertrieb GmbH',
  'dm-drogerie markt',
  'Bäckerei Müller & Söhne',
  'PayPal Europe S.a.r.l. et Cie S.C.A',
  'ARD ZDF Deutschlandradio Beitragsservice',
  'Lidl sagt Danke',
];

async function writer(file: string) {
  const out = createWriteStream(file);
  return {
    async write(chunk: string | Buffer) {
      if (!out.write(chunk)) await once(out, 'drain');
    },
    async close() {
      out.end();
      await once(out, 'finish');
    },
  };
}

const xmlMoney = (minor: number) => `${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

/**
 * A CAMT.053.001.08 statement of entries `from` to `n - 1` (so of `n` entries by default) over
 * the account the ING file has too, with OPBD and CLBD balances that add up (so the import's
 * balance check runs). The same entry i as the ING writer's has the same amount and, on the same
 * schedule, the same day and a similar text: it is the same booking seen by another source.
 */
export async function writeCamt053(file: string, n: number, opts: { from?: number; schedule?: Schedule } = {}): Promise<number> {
  const from = opts.from ?? 0;
  const schedule = opts.schedule ?? camtSchedule(n);
  let sum = 0;
  for (let i = from; i < n; i++) sum += entryMinor(i);
  const opening = 1_000_000;
  const closing = opening + sum;
  const bal = (code: string, minor: number, day: string) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">${xmlMoney(minor)}</Amt>` +
    `<CdtDbtInd>${minor < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Dt><Dt>${day}</Dt></Dt></Bal>`;
  const w = await writer(file);
  const isoDay = (d: Date) => d.toISOString().slice(0, 10);
  const openDay = isoDay(new Date(dayOf(from, schedule).getTime() - 86_400_000));
  const lastDay = isoDay(dayOf(Math.max(from, n - 1), schedule));
  await w.write(
    '<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>B</MsgId></GrpHdr>' +
      '<Stmt><Id>1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>\n' +
      `${bal('OPBD', opening, openDay)}\n${bal('CLBD', closing, lastDay)}\n`,
  );
  let buf = '';
  for (let i = from; i < n; i++) {
    const minor = entryMinor(i);
    const day = dayOf(i, schedule).toISOString().slice(0, 10);
    const party = COUNTERPARTIES[i % COUNTERPARTIES.length]!.replace('&', '&amp;');
    const role = minor < 0 ? 'Cdtr' : 'Dbtr';
    buf +=
      `<Ntry><Amt Ccy="EUR">${xmlMoney(minor)}</Amt><CdtDbtInd>${minor < 0 ? 'DBIT' : 'CRDT'}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
      `<BookgDt><Dt>${day}</Dt></BookgDt><ValDt><Dt>${day}</Dt></ValDt><AcctSvcrRef>R${i}</AcctSvcrRef>` +
      `<NtryDtls><TxDtls><Refs><EndToEndId>E2E${i}</EndToEndId></Refs><RltdPties><${role}><Pty><Nm>${party}</Nm></Pty></${role}>` +
      `<${role}Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></${role}Acct></RltdPties>` +
      `<RmtInf><Ustrd>Einkauf Filiale ${i % 997} Beleg ${i}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>\n`;
    if (buf.length > 256 * 1024) {
      await w.write(buf);
      buf = '';
    }
  }
  await w.write(`${buf}</Stmt></BkToCstmrStmt></Document>\n`);
  await w.close();
  return sum;
}

const deMoney = (minor: number) => {
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${minor < 0 ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
};
const deDate = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;

const BOOKING_TEXTS = ['Lastschrift', 'Gutschrift', 'Überweisung', 'Entgelt'];
const CATEGORIES = ['Lebensmittel', 'Wohnen und Energie', 'Mobilität', 'Shopping', 'Gehalt'];

/**
 * An ING Germany "Umsatzanzeige" of `n` rows in ING's own layout: the header block (IBAN,
 * Kontoname, Zeitraum, Saldo, Sortierung), `;`, decimal comma with thousands dots, DD.MM.YYYY,
 * newest first with a running Saldo column, Windows-1252 bytes.
 */
export async function writeIngCsv(file: string, n: number): Promise<number> {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += entryMinor(i);
  const schedule = ingSchedule(n);
  const opening = 359_903;
  const closing = opening + sum;
  const first = dayOf(0, schedule);
  const last = dayOf(Math.max(0, n - 1), schedule);
  const enc = (s: string) => iconv.encode(s, 'win1252');
  const w = await writer(file);
  await w.write(
    enc(
      [
        'Umsatzanzeige;Datei erstellt am: 29.10.2025 08:12',
        ';Letztes Update: aktuell',
        '',
        'IBAN;DE89 3704 0044 0532 0130 00',
        'Kontoname;Girokonto',
        'Bank;ING',
        'Kunde;Erika Mustermann',
        `Zeitraum;${deDate(first)} - ${deDate(last)}`,
        `Saldo;${deMoney(closing)};EUR`,
        '',
        'Sortierung;Datum absteigend',
        '',
        'In der CSV-Datei finden Sie alle bereits gebuchten Umsätze. Die vorgemerkten Umsätze werden nicht aufgenommen, auch wenn sie in Ihrem Internetbanking angezeigt werden.',
        '',
        'Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Kategorie;Verwendungszweck;Saldo;Währung;Betrag;Währung',
        '',
      ].join('\r\n'),
    ),
  );
  // Newest first: the running balance after row i is the closing balance minus every later row.
  let after = closing;
  let buf = '';
  for (let i = n - 1; i >= 0; i--) {
    const minor = entryMinor(i);
    const day = deDate(dayOf(i, schedule));
    buf +=
      `${day};${day};${COUNTERPARTIES[i % COUNTERPARTIES.length]};${BOOKING_TEXTS[i % BOOKING_TEXTS.length]};` +
      `${CATEGORIES[i % CATEGORIES.length]};VISA Debitkartenumsatz Filiale ${i % 997} Beleg ${i};` +
      `${deMoney(after)};EUR;${deMoney(minor)};EUR\r\n`;
    after -= minor;
    if (buf.length > 256 * 1024) {
      await w.write(enc(buf));
      buf = '';
    }
  }
  await w.write(enc(buf));
  await w.close();
  return sum;
}
