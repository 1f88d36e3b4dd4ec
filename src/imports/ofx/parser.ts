import { readFile } from 'node:fs/promises';
import { minorUnitDigits, toMinorUnits } from '../../domain/money.js';
import {
  StatementFormatError,
  type ParseOptions,
  type StatedBalance,
  type StatementAccount,
  type StatementEvent,
  type StatementParser,
  type StatementRow,
} from '../types.js';
import { child, decodeOfx, leaf, parseOfxTree, type OfxElement } from './tree.js';

const FORMAT = 'ofx';

function fail(position: number | null, reason: string): never {
  throw new StatementFormatError(FORMAT, position, reason);
}

/**
 * OFX files start with an `OFXHEADER:100` block (1.x) or `<?OFX ...?>` (2.x); QFX is OFX with
 * Intuit's extra tags. Some banks send the bare body, so `<OFX>` near the top also counts, lower.
 */
function detect(head: Buffer): number {
  const s = head.toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (/^\s*OFXHEADER\s*:\s*\d+/.test(s) || /^\s*(<\?xml[^>]*>\s*)?<\?OFX\b/i.test(s)) return 90;
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<OFX>/i.test(s)) return 70;
  return 0;
}

/**
 * OFX datetimes are `YYYYMMDD[HHMMSS[.XXX]][[offset[:TZ]]]`. The booking date is the calendar
 * date as written, i.e. the date in the bank's own zone: the time and the [offset] are checked
 * for form and then dropped, never used to shift the date to UTC or to this machine's zone —
 * banks write local midnight or noon, and shifting would move bookings to the neighbouring day.
 */
const OFX_DATETIME =
  /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?(?:[.:]\d{1,6})?)?\s*(?:\[\s*[+-]?\d{1,2}(?:\.\d{1,2})?\s*(?::\s*[A-Za-z]{1,10}\s*)?\])?$/;

export function ofxDate(text: string): string | null {
  const m = OFX_DATETIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, hh = '00', mi = '00', ss = '00'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 60) return null;
  return `${y}-${mo}-${d}`;
}

function requireDate(el: OfxElement | undefined, name: string, context: OfxElement): string {
  if (!el || el.text === '') fail(context.line, `the transaction has no <${name}> date; Trax cannot tell when it was booked`);
  const date = ofxDate(el.text);
  if (!date) fail(el.line, `<${name}> "${el.text}" is not an OFX date (YYYYMMDD, optionally with time and [offset])`);
  return date;
}

/** OFX allows a comma as the decimal mark and a leading '+'; everything else goes through toMinorUnits. */
function ofxAmount(el: OfxElement, currency: string): number {
  let t = el.text.trim().replace(/^\+/, '');
  if (/^-?\d*,\d+$/.test(t)) t = t.replace(',', '.');
  if (/^-?\.\d/.test(t)) t = t.replace('.', '0.');
  try {
    return toMinorUnits(t, currency);
  } catch (err) {
    fail(el.line, `<${el.name}> "${el.text}" is not an amount in ${currency} (${(err as Error).message})`);
  }
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

/** Some European banks put the IBAN in ACCTID; a checksum-valid one is used for matching. */
function ibanOf(accountId: string): string | null {
  const s = accountId.replace(/\s+/g, '').toUpperCase();
  if (!IBAN.test(s)) return null;
  const digits = (s.slice(4) + s.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const ch of digits) rest = (rest * 10 + Number(ch)) % 97;
  return rest === 1 ? s : null;
}

/** The leaves of an aggregate as a flat JSON object (`CURRENCY.CURSYM`), kept as the row's raw payload. */
function flatten(el: OfxElement, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const c of el.children) {
    const key = prefix + c.name;
    if (c.children.length > 0) flatten(c, `${key}.`, out);
    else out[key] = c.text;
  }
  return out;
}

function statementsIn(root: OfxElement): { statements: OfxElement[]; investments: OfxElement[]; statuses: OfxElement[] } {
  const statements: OfxElement[] = [];
  const investments: OfxElement[] = [];
  const statuses: OfxElement[] = [];
  const walk = (e: OfxElement): void => {
    for (const c of e.children) {
      if (c.name === 'STMTRS' || c.name === 'CCSTMTRS') statements.push(c);
      else if (c.name === 'INVSTMTRS') investments.push(c);
      else if (c.name === 'STATUS') statuses.push(c);
      walk(c);
    }
  };
  walk(root);
  return { statements, investments, statuses };
}

/**
 * A non-zero STATUS CODE of severity other than INFO means the bank's server sent an error
 * instead of data (error_message.ofx: 2000 "General Server Error"); importing the rest would hide it.
 */
function refuseServerErrors(statuses: OfxElement[]): void {
  for (const status of statuses) {
    const code = leaf(status, 'CODE');
    const severity = leaf(status, 'SEVERITY').toUpperCase();
    if (code !== '' && !/^0+$/.test(code) && severity !== 'INFO') {
      const message = leaf(status, 'MESSAGE');
      fail(
        status.line,
        `the bank's server answered with error ${code}${message ? ` (${collapse(message)})` : ''} instead of a statement; download the file again later`,
      );
    }
  }
}

function statementCurrency(stmt: OfxElement, transactions: OfxElement[]): string {
  let currency = leaf(stmt, 'CURDEF').toUpperCase();
  if (currency === '') {
    // Some exporters leave CURDEF empty but name the currency on every transaction.
    const named = new Set(transactions.map((t) => leaf(t, 'CURRENCY', 'CURSYM').toUpperCase()));
    const only = named.size === 1 ? [...named][0]! : '';
    if (only === '') fail(stmt.line, 'the statement does not say its currency (<CURDEF> is empty); Trax cannot book its amounts');
    currency = only;
  }
  try {
    minorUnitDigits(currency);
  } catch {
    fail(child(stmt, 'CURDEF')?.line ?? stmt.line, `the statement's currency "${currency}" is not an ISO 4217 code`);
  }
  return currency;
}

function toRow(trn: OfxElement, currency: string): StatementRow {
  const foreign = leaf(trn, 'CURRENCY', 'CURSYM').toUpperCase();
  if (foreign !== '' && foreign !== currency) {
    fail(
      trn.line,
      `this transaction is in ${foreign} while the statement is in ${currency}; Trax imports OFX rows only in the statement's currency`,
    );
  }
  const bookingDate = requireDate(child(trn, 'DTPOSTED'), 'DTPOSTED', trn);
  const amountEl = child(trn, 'TRNAMT');
  if (!amountEl || amountEl.text === '') fail(trn.line, 'the transaction has no <TRNAMT> amount');
  const avail = child(trn, 'DTAVAIL');
  const valueDate = avail && avail.text !== '' ? requireDate(avail, 'DTAVAIL', trn) : null;
  const name = collapse(leaf(trn, 'NAME') || leaf(trn, 'PAYEE', 'NAME'));
  const memo = collapse(leaf(trn, 'MEMO'));
  const fitid = leaf(trn, 'FITID');
  return {
    bookingDate,
    valueDate,
    amountMinor: ofxAmount(amountEl, currency),
    currency,
    description: memo || name,
    counterpartyName: name || null,
    counterpartyIban: null,
    endToEndId: null,
    mandateId: null,
    creditorId: null,
    bankReference: fitid || null,
    bookingText: leaf(trn, 'TRNTYPE') || null,
    fileCategory: null,
    pending: false,
    reversal: false,
    position: trn.line,
    raw: flatten(trn),
  };
}

function closingBalance(stmt: OfxElement, currency: string): StatedBalance | null {
  const ledger = child(stmt, 'LEDGERBAL');
  const amount = child(ledger, 'BALAMT');
  // An empty BALAMT (empty_balance.ofx) says nothing about the balance; the rows still import.
  if (!ledger || !amount || amount.text === '') return null;
  const asOf = child(ledger, 'DTASOF');
  let date: string | null = null;
  if (asOf && asOf.text !== '') {
    date = ofxDate(asOf.text);
    if (!date) fail(asOf.line, `<DTASOF> "${asOf.text}" is not an OFX date`);
  }
  return { minor: ofxAmount(amount, currency), currency, date };
}

async function* parse(path: string, _options: ParseOptions): AsyncIterable<StatementEvent> {
  const bytes = await readFile(path);
  if (bytes.toString('latin1').trim() === '') fail(null, 'the file is empty; download the statement from your bank again');
  const root = parseOfxTree(decodeOfx(bytes));
  const { statements, investments, statuses } = statementsIn(root);
  refuseServerErrors(statuses);
  if (statements.length === 0) {
    if (investments.length > 0) {
      fail(
        investments[0]!.line,
        'this is an investment statement (INVSTMTRS); Trax imports only bank and credit-card statements — download the checking, savings or card account instead',
      );
    }
    fail(
      null,
      'the OFX file holds no bank or credit-card statement (no <STMTRS> or <CCSTMTRS>); download a statement with transactions',
    );
  }
  // Investment statements next to bank ones are not Trax's domain and are left out.
  for (const stmt of statements) {
    const card = stmt.name === 'CCSTMTRS';
    const from = child(stmt, card ? 'CCACCTFROM' : 'BANKACCTFROM');
    if (!from) fail(stmt.line, `the statement has no <${card ? 'CCACCTFROM' : 'BANKACCTFROM'}>, so Trax cannot tell its account`);
    const accountId = collapse(leaf(from, 'ACCTID'));
    if (accountId === '') fail(from.line, 'the statement has no account number (<ACCTID> is empty)');
    const transactions = (child(stmt, 'BANKTRANLIST')?.children ?? []).filter((c) => c.name === 'STMTTRN');
    const currency = statementCurrency(stmt, transactions);
    const iban = ibanOf(accountId);
    const account: StatementAccount = { iban, accountNumber: iban ? null : accountId, currency, name: null, bic: null };
    yield { kind: 'statement', account };
    for (const trn of transactions) yield { kind: 'row', row: toRow(trn, currency) };
    const closing = closingBalance(stmt, currency);
    if (closing) yield { kind: 'balances', opening: null, closing };
  }
}

export const ofxParser: StatementParser = {
  id: 'ofx',
  label: 'OFX / QFX (Quicken, Money; 1.x SGML and 2.x XML)',
  detect,
  parse,
};
