import { toMinorUnits } from '../../domain/money.js';
import { StatementFormatError, type StatementRow } from '../types.js';
import { find, findAll, text, toJson, type El } from './tree.js';

/** One TxDtls of an entry, as kept in `raw.parts` (a batch booking has several). */
export interface CamtPart {
  amountMinor: number | null;
  currency: string | null;
  description: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  endToEndId: string | null;
  mandateId: string | null;
  creditorId: string | null;
  bankReference: string | null;
}

export interface CamtRaw {
  status: string;
  bankTransactionCode: string | null;
  parts: CamtPart[];
  ntry: unknown;
}

export interface EntryContext {
  format: string;
  /** 1-based count of Ntry elements in the file. */
  index: number;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

function fail(ctx: EntryContext, el: El, reason: string): never {
  throw new StatementFormatError(ctx.format, el.line, `entry ${ctx.index} (Ntry) ${reason}`);
}

/** YYYY-MM-DD of a Dt or DtTm child: the date as the bank wrote it, never shifted by a time zone. */
export function camtDate(el: El | undefined): string | null {
  const raw = text(el, 'Dt') ?? text(el, 'DtTm');
  if (raw === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return 'invalid';
  return `${m[1]}-${m[2]}-${m[3]}`;
}

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

/**
 * Amount of an <Amt Ccy="..."> element in minor units. Trailing zeros beyond the currency's
 * decimals ("8.850" EUR) carry no value and are accepted; a non-zero digit there (8.855 EUR)
 * cannot be booked on an account and is refused rather than rounded.
 */
export function camtAmount(amt: El, onError: (reason: string) => never): { minor: number; currency: string } {
  const currency = amt.attrs.Ccy?.trim().toUpperCase();
  if (!currency) onError('has an Amt without a Ccy currency attribute');
  try {
    return { minor: toMinorUnits(amt.text.trim(), currency), currency };
  } catch (e) {
    return onError(`has an amount the file cannot mean (${(e as Error).message})`);
  }
}

/** The status code: <Sts>BOOK</Sts> up to v7, <Sts><Cd>BOOK</Cd></Sts> (or Prtry) in v8. */
function status(ntry: El): string {
  const sts = find(ntry, 'Sts');
  return (text(sts, 'Cd') ?? text(sts, 'Prtry') ?? text(sts) ?? '').toUpperCase();
}

/** A party name: <Nm> directly (v2..v7) or inside <Pty> (v8). */
function partyName(party: El | undefined): string | null {
  const nm = text(party, 'Nm') ?? text(party, 'Pty/Nm');
  return nm === null ? null : collapse(nm);
}

function accountIban(acct: El | undefined): string | null {
  const iban = text(acct, 'Id/IBAN');
  return iban === null ? null : iban.replace(/\s+/g, '').toUpperCase();
}

/** The SEPA creditor identifier: the creditor's PrvtId/Othr whose scheme is 'SEPA'. */
function sepaCreditorId(cdtr: El | undefined): string | null {
  const ids = [cdtr, find(cdtr, 'Pty')].flatMap((p) => [...findAll(p, 'Id/PrvtId/Othr'), ...findAll(p, 'Id/OrgId/Othr')]);
  for (const o of ids) {
    const scheme = (text(o, 'SchmeNm/Prtry') ?? text(o, 'SchmeNm/Cd') ?? '').toUpperCase();
    if (scheme === 'SEPA') return text(o, 'Id');
  }
  return null;
}

function remittance(tx: El): string {
  const ustrd = findAll(tx, 'RmtInf/Ustrd')
    .map((u) => u.text)
    .filter((t) => t.trim());
  if (ustrd.length) return collapse(ustrd.join(' '));
  const refs = findAll(tx, 'RmtInf/Strd')
    .flatMap((s) => findAll(s, 'CdtrRefInf/Ref'))
    .map((r) => r.text)
    .filter((t) => t.trim());
  if (refs.length) return collapse(refs.join(' '));
  return collapse(text(tx, 'AddtlTxInf') ?? '');
}

/**
 * The other party of a booking. A debit pays the creditor, a credit comes from the debtor; for a
 * reversal the roles in RltdPties are those of the original booking, so the original direction
 * (the opposite of the reversal's CdtDbtInd) picks the party.
 */
function part(tx: El, originalDebit: boolean, ctx: EntryContext): CamtPart {
  const partyKey = originalDebit ? 'Cdtr' : 'Dbtr';
  const ultimate = originalDebit ? 'UltmtCdtr' : 'UltmtDbtr';
  const pties = find(tx, 'RltdPties');
  const e2e = text(tx, 'Refs/EndToEndId');
  const amt = find(tx, 'Amt') ?? find(tx, 'AmtDtls/TxAmt/Amt');
  let amountMinor: number | null = null;
  let currency: string | null = null;
  if (amt) {
    const a = camtAmount(amt, (reason) => fail(ctx, amt, `transaction detail ${reason}`));
    const debit = text(tx, 'CdtDbtInd') === 'DBIT';
    amountMinor = debit && a.minor !== 0 ? -a.minor : a.minor;
    currency = a.currency;
  }
  return {
    amountMinor,
    currency,
    description: remittance(tx),
    counterpartyName: partyName(find(pties, partyKey)) ?? partyName(find(pties, ultimate)),
    counterpartyIban: accountIban(find(pties, `${partyKey}Acct`)),
    endToEndId: e2e === null || e2e.toUpperCase() === 'NOTPROVIDED' ? null : e2e,
    mandateId: text(tx, 'Refs/MndtId'),
    creditorId: sepaCreditorId(find(pties, 'Cdtr')),
    bankReference: text(tx, 'Refs/AcctSvcrRef'),
  };
}

/** A value all parts agree on, else null: a batch of 20 payees has no single counterparty. */
function common<K extends keyof CamtPart>(parts: CamtPart[], key: K): CamtPart[K] | null {
  if (parts.length === 0) return null;
  const first = parts[0]![key];
  return parts.every((p) => p[key] === first) ? first : null;
}

function bankTransactionCode(ntry: El): string | null {
  const prtry = text(ntry, 'BkTxCd/Prtry/Cd');
  if (prtry) return prtry;
  const domn = find(ntry, 'BkTxCd/Domn');
  const codes = [text(domn, 'Cd'), text(domn, 'Fmly/Cd'), text(domn, 'Fmly/SubFmlyCd')].filter(Boolean);
  return codes.length ? codes.join('/') : null;
}

/**
 * Converts one Ntry to a row, or null when it is not booked and pending rows were not asked for.
 *
 * Sign rule: CdtDbtInd alone gives the sign (CRDT money in, DBIT money out). ISO 20022 states the
 * indicator of a reversal entry as the direction of the reversal itself: a reversed debit (a
 * returned direct debit) arrives as CRDT with RvslInd true and is money in. RvslInd only sets
 * `reversal` and decides which related party is the counterparty.
 */
export function entryToRow(ntry: El, ctx: EntryContext, includePending: boolean): StatementRow | null {
  const sts = status(ntry);
  const pending = sts !== 'BOOK';
  if (pending && !includePending) return null;
  const amtEl = find(ntry, 'Amt');
  if (!amtEl) fail(ctx, ntry, 'has no Amt amount');
  const amt = camtAmount(amtEl, (reason) => fail(ctx, amtEl, reason));
  const ind = text(ntry, 'CdtDbtInd');
  if (ind !== 'CRDT' && ind !== 'DBIT') fail(ctx, ntry, `has CdtDbtInd "${ind ?? ''}" where CRDT or DBIT belongs`);
  const reversal = /^(true|1)$/i.test(text(ntry, 'RvslInd') ?? '');
  const debit = ind === 'DBIT';
  const bookingDate = camtDate(find(ntry, 'BookgDt'));
  const valueDate = camtDate(find(ntry, 'ValDt'));
  if (bookingDate === 'invalid' || valueDate === 'invalid') fail(ctx, ntry, 'has a date that is not a calendar date');
  const date = bookingDate ?? (pending ? valueDate : null);
  if (date === null) fail(ctx, ntry, 'has no BookgDt booking date');

  const txs = findAll(ntry, 'NtryDtls/TxDtls');
  const parts = txs.map((tx) => part(tx, reversal ? !debit : debit, ctx));
  const addtl = text(ntry, 'AddtlNtryInf');
  const code = bankTransactionCode(ntry);
  let description: string;
  if (parts.length > 1) {
    description = addtl ? collapse(addtl) : [...new Set(parts.map((p) => p.description).filter(Boolean))].join('; ');
  } else {
    description = parts[0]?.description || collapse(addtl ?? '');
  }
  const raw: CamtRaw = { status: sts, bankTransactionCode: code, parts, ntry: toJson(ntry) };
  return {
    bookingDate: date,
    valueDate,
    amountMinor: debit && amt.minor !== 0 ? -amt.minor : amt.minor,
    currency: amt.currency,
    description,
    counterpartyName: common(parts, 'counterpartyName'),
    counterpartyIban: common(parts, 'counterpartyIban'),
    endToEndId: common(parts, 'endToEndId'),
    mandateId: common(parts, 'mandateId'),
    creditorId: common(parts, 'creditorId'),
    bankReference: text(ntry, 'AcctSvcrRef') ?? (parts.length === 1 ? parts[0]!.bankReference : null),
    bookingText: addtl ? collapse(addtl) : code,
    fileCategory: null,
    pending,
    reversal,
    position: ctx.index,
    raw,
  };
}
