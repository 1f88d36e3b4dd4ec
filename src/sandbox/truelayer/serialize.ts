import { randomBytes } from 'node:crypto';
import { addDays, dayOfMonth, withDayOfMonth } from '../shared/dates.js';
import { hashHex } from './ids.js';
import type { ProviderDef } from './providers.js';
import type { GenAccount, GenTxn, Persona } from './personas/types.js';

/** Turns the internal persona model into TrueLayer v1 JSON, field for field. */

export type Json = Record<string, unknown>;

/** Integer cents → JSON number with an exact 2-decimal representation (1234 → 12.34). */
export function money(cents: number): number {
  return cents / 100;
}

export function providerJson(p: ProviderDef): Json {
  return { display_name: p.dataDisplayName, provider_id: p.providerId, logo_uri: p.logoUri };
}

function ts(persona: Persona, day: string): string {
  return `${day}T00:00:00${persona.timestampSuffix}`;
}

export function accountJson(accountId: string, a: GenAccount, provider: ProviderDef, now: Date): Json {
  return {
    update_timestamp: now.toISOString(),
    account_id: accountId,
    account_type: a.accountType,
    display_name: a.displayName,
    currency: a.currency,
    account_number: { ...a.accountNumber },
    provider: providerJson(provider),
  };
}

export function cardJson(accountId: string, a: GenAccount, provider: ProviderDef, now: Date): Json {
  const card = a.card;
  if (!card) throw new Error(`${a.key} is not a card`);
  return {
    account_id: accountId,
    card_network: card.network,
    card_type: card.type,
    currency: a.currency,
    display_name: a.displayName,
    partial_card_number: card.partialNumber,
    name_on_card: card.nameOnCard,
    valid_from: card.validFrom,
    valid_to: card.validTo,
    provider: providerJson(provider),
    update_timestamp: now.toISOString(),
  };
}

function settledSum(a: GenAccount, day: string): number {
  let sum = a.openingBalanceCents;
  for (const t of a.txns) if (t.bookingDate <= day) sum += t.amountCents;
  return sum;
}

function pendingRows(a: GenAccount, today: string): GenTxn[] {
  return a.txns.filter((t) => t.authDate !== undefined && t.authDate <= today && t.bookingDate > today);
}

/** available = booked balance + overdraft limit − card reservations, like the Mock recording (106 = 6 + 100). */
export function balanceJson(a: GenAccount, today: string, now: Date): Json {
  const current = settledSum(a, today);
  const held = pendingRows(a, today).reduce((s, t) => s + t.amountCents, 0);
  const out: Json = { currency: a.currency, available: money(current + a.overdraftCents + held), current: money(current) };
  if (a.overdraftCents > 0) out.overdraft = money(a.overdraftCents);
  out.update_timestamp = now.toISOString();
  return out;
}

/** Card balances are amounts owed (positive), as in the official fixture: current 21, available 5479, limit 5500. */
export function cardBalanceJson(persona: Persona, a: GenAccount, today: string, now: Date): Json {
  const owed = -settledSum(a, today);
  const held = -pendingRows(a, today).reduce((s, t) => s + t.amountCents, 0);
  const sDay = a.statementDay ?? 1;
  let statementDate = withDayOfMonth(today, sDay);
  if (dayOfMonth(today) < sDay) statementDate = withDayOfMonth(addDays(withDayOfMonth(today, 1), -1), sDay);
  const statementBalance = Math.max(0, -settledSum(a, statementDate));
  const minimum = Math.min(statementBalance, Math.max(500, Math.round(statementBalance * 0.03)));
  return {
    currency: a.currency,
    available: money(a.creditLimitCents - owed - held),
    current: money(owed),
    credit_limit: money(a.creditLimitCents),
    last_statement_date: ts(persona, statementDate).replace(/(Z|\+00:00)$/, ''),
    last_statement_balance: money(statementBalance),
    payment_due: money(minimum),
    payment_due_date: ts(persona, addDays(statementDate, 17)).replace(/(Z|\+00:00)$/, ''),
    update_timestamp: now.toISOString(),
  };
}

export interface TxnListOptions {
  from: string;
  to: string;
  today: string;
  /** running_balance only appears with the `balance` scope. */
  withRunningBalance: boolean;
  rotateIds: boolean;
  /** Part of the id hash, so ids differ between seeds but never between calls. */
  idSalt: string;
}

function idOrRandom(stable: string, rotate: boolean): string {
  return rotate ? randomBytes(16).toString('hex') : stable;
}

/** Settled rows booked in [from, to] and not after today, newest first. */
export function transactionsJson(persona: Persona, a: GenAccount, o: TxnListOptions): Json[] {
  const out: Json[] = [];
  const ordinals = new Map<string, number>();
  let running = a.openingBalanceCents;
  const isCard = a.kind === 'card';
  for (const t of a.txns) {
    if (t.bookingDate > o.today) break;
    running += t.amountCents;
    // Identical rows (same day, text, amount) get distinct but stable ids via their ordinal.
    const fp = `${t.bookingDate}|${t.description}|${t.amountCents}`;
    const ordinal = ordinals.get(fp) ?? 0;
    ordinals.set(fp, ordinal + 1);
    if (t.bookingDate < o.from || t.bookingDate > o.to) continue;
    const row: Json = {
      timestamp: ts(persona, t.bookingDate),
      description: t.description,
      transaction_type: t.amountCents < 0 ? 'DEBIT' : 'CREDIT',
      transaction_category: t.category,
      transaction_classification: [...t.classification],
    };
    if (t.merchantName !== undefined) row.merchant_name = t.merchantName;
    row.amount = money(t.amountCents);
    row.currency = a.currency;
    row.transaction_id = idOrRandom(hashHex(`${o.idSalt}|${persona.key}|${a.key}|${fp}|${ordinal}`), o.rotateIds);
    if (t.providerTxnId !== undefined) row.provider_transaction_id = t.providerTxnId;
    if (t.normalisedId !== undefined) row.normalised_provider_transaction_id = t.normalisedId;
    if (o.withRunningBalance && !isCard) row.running_balance = { currency: a.currency, amount: money(running) };
    row.meta = { ...t.meta };
    out.push(row);
  }
  return out.reverse();
}

/** Reservations: shown from the purchase day until the day before booking, with the bank's raw text. */
export function pendingJson(persona: Persona, a: GenAccount, today: string, rotateIds: boolean, idSalt: string): Json[] {
  const ordinals = new Map<string, number>();
  const rows = pendingRows(a, today).sort((x, y) =>
    x.authDate! < y.authDate! ? -1 : x.authDate! > y.authDate! ? 1 : x.seq - y.seq,
  );
  const out = rows.map((t) => {
    const description = t.pendingDescription ?? t.description;
    const fp = `${t.authDate}|${description}|${t.amountCents}`;
    const ordinal = ordinals.get(fp) ?? 0;
    ordinals.set(fp, ordinal + 1);
    return {
      timestamp: ts(persona, t.authDate!),
      description,
      transaction_type: t.amountCents < 0 ? 'DEBIT' : 'CREDIT',
      transaction_category: t.category,
      transaction_classification: [],
      amount: money(t.amountCents),
      currency: a.currency,
      transaction_id: idOrRandom(hashHex(`${idSalt}|pending|${persona.key}|${a.key}|${fp}|${ordinal}`), rotateIds),
      meta: { ...t.meta },
    } as Json;
  });
  return out.reverse();
}

function providerAccountId(a: GenAccount): string {
  return a.accountNumber?.number ?? a.accountNumber?.iban ?? a.key;
}

function lastBooked(a: GenAccount, today: string, match: (t: GenTxn) => boolean): GenTxn | undefined {
  for (let i = a.txns.length - 1; i >= 0; i--) {
    const t = a.txns[i]!;
    if (t.bookingDate <= today && match(t)) return t;
  }
  return undefined;
}

export function standingOrdersJson(persona: Persona, a: GenAccount, today: string, now: Date): Json[] {
  return a.standingOrders.map((so) => {
    let next = withDayOfMonth(today, so.dayOfMonth);
    if (next <= today) next = withDayOfMonth(addDays(withDayOfMonth(today, 28), 7), so.dayOfMonth);
    const prev = lastBooked(a, today, (t) => t.description.startsWith(so.txnDescription));
    const first = a.txns.find((t) => t.description.startsWith(so.txnDescription));
    const row: Json = {
      frequency: so.frequency,
      status: 'Active',
      timestamp: now.toISOString(),
      currency: a.currency,
      reference: so.reference,
      next_payment_date: ts(persona, next),
      next_payment_amount: money(so.amountCents),
      first_payment_date: ts(persona, first?.bookingDate ?? so.firstPaymentDate),
      first_payment_amount: money(so.amountCents),
    };
    if (prev) {
      row.previous_payment_timestamp = ts(persona, prev.bookingDate);
      row.previous_payment_amount = money(Math.abs(prev.amountCents));
    }
    row.meta = { provider_account_id: providerAccountId(a) };
    return row;
  });
}

export function directDebitsJson(persona: Persona, a: GenAccount, today: string, idSalt: string): Json[] {
  return a.directDebits.map((dd) => {
    const prev = lastBooked(a, today, (t) => t.description.startsWith(dd.txnDescriptionPrefix));
    const row: Json = {
      direct_debit_id: hashHex(`${idSalt}|dd|${persona.key}|${dd.mandateId}`, 24),
      name: dd.name,
      status: 'Active',
    };
    if (prev) {
      row.previous_payment_timestamp = ts(persona, prev.bookingDate);
      row.previous_payment_amount = money(Math.abs(prev.amountCents));
    }
    row.currency = a.currency;
    row.timestamp = ts(persona, dd.createdDate);
    row.meta = { provider_mandate_identification: dd.mandateId, provider_account_id: providerAccountId(a) };
    return row;
  });
}
