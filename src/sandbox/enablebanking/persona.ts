import { buildIngPersona } from '../truelayer/personas/ing-de.js';
import type { GenAccount, GenTxn, Persona } from '../truelayer/personas/types.js';
import { hashHex } from '../truelayer/ids.js';
import type { AspspDef } from './aspsps.js';

/**
 * Enable Banking JSON over the same generated ledgers the TrueLayer emulator serves: the ING
 * household a user links through TrueLayer is, row for row, the one they see here (same seed,
 * start day and username), so one household can be linked through either provider.
 */

export type Json = Record<string, unknown>;

export function buildEbPersona(aspsp: AspspDef, seed: number, startDay: string, username: string): Persona {
  // Other banks get their own household so two links never show the same rows twice.
  const user = aspsp.name === 'ING' ? username : `${aspsp.name}/${username}`;
  return buildIngPersona({ seed, startDay, username: user, withIban: true });
}

/** Stable across sessions (and users linking the same account), like the real identification_hash. */
export function identificationHash(aspsp: AspspDef, persona: Persona, account: GenAccount): string {
  return `${Buffer.from(JSON.stringify(['account', 'account_id', 'iban'])).toString('base64url')}.${hashHex(
    `${aspsp.country}|${aspsp.name}|${persona.key}|${account.key}`,
    43,
  )}`;
}

export function accountJson(aspsp: AspspDef, persona: Persona, account: GenAccount, uid: string): Json {
  const hash = identificationHash(aspsp, persona, account);
  return {
    uid,
    account_id: { iban: account.accountNumber?.iban ?? null },
    account_servicer: { bic_fi: aspsp.bic, name: aspsp.name },
    name: persona.info.full_name,
    details: null,
    usage: 'PRIV',
    cash_account_type: account.accountType === 'SAVINGS' ? 'SVGS' : 'CACC',
    product: account.displayName,
    currency: account.currency,
    identification_hash: hash,
    identification_hashes: [hash],
  };
}

const money = (cents: number, currency: string) => ({
  currency,
  amount: `${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`,
});
const signedMoney = (cents: number, currency: string) => {
  const m = money(cents, currency);
  return cents < 0 ? { ...m, amount: `-${m.amount}` } : m;
};

function isPending(t: GenTxn, today: string): boolean {
  return t.authDate !== undefined && t.authDate <= today && t.bookingDate > today;
}

/** Booked balance at the end of `today` plus what is reserved, as ING's CLBD and XPCD. */
export function balancesJson(account: GenAccount, today: string, now: Date): Json[] {
  let booked = account.openingBalanceCents;
  let held = 0;
  for (const t of account.txns) {
    if (t.bookingDate <= today) booked += t.amountCents;
    else if (isPending(t, today)) held += t.amountCents;
  }
  return [
    {
      name: 'Booked balance',
      balance_type: 'CLBD',
      balance_amount: signedMoney(booked, account.currency),
      reference_date: today,
    },
    {
      name: 'Expected balance',
      balance_type: 'XPCD',
      balance_amount: signedMoney(booked + held, account.currency),
      last_change_date_time: now.toISOString(),
    },
  ];
}

/** ING Germany puts its SEPA fields in front of the purpose text, even when they are empty. */
const ING_PREFIX = 'mandatereference:,creditorid:,remittanceinformation:';

/**
 * Rows visible on `today` within [from, to], oldest first. German banks mint a new
 * entry_reference when a reservation books, so the pending copy and the booked copy of one
 * purchase carry different references (Enable Banking passes that through unchanged).
 */
export function transactionsJson(
  aspsp: AspspDef,
  persona: Persona,
  account: GenAccount,
  q: { from: string; to: string; today: string },
): Json[] {
  const out: Json[] = [];
  let running = account.openingBalanceCents;
  const own = { name: persona.info.full_name };
  const ownAccount = { iban: account.accountNumber?.iban ?? null };
  for (const t of account.txns) {
    const booked = t.bookingDate <= q.today;
    if (booked) running += t.amountCents;
    const pending = !booked && isPending(t, q.today);
    if (!booked && !pending) continue;
    const day = booked ? t.bookingDate : t.authDate!;
    if (day < q.from || day > q.to) continue;
    const out_ = t.amountCents < 0;
    const other = { name: t.meta.counter_party_preferred_name ?? null };
    const otherAccount = t.meta.counter_party_iban ? { iban: t.meta.counter_party_iban } : null;
    const text = pending ? (t.pendingDescription ?? t.description) : t.description;
    out.push({
      entry_reference: booked
        ? `${t.bookingDate.replace(/-/g, '')}${String(t.seq).padStart(8, '0')}`
        : `P${t.authDate!.replace(/-/g, '')}${hashHex(`${persona.key}|${account.key}|${t.seq}`, 8).toUpperCase()}`,
      merchant_category_code: null,
      transaction_amount: money(t.amountCents, account.currency),
      creditor: out_ ? other : own,
      creditor_account: out_ ? otherAccount : ownAccount,
      debtor: out_ ? own : other,
      debtor_account: out_ ? ownAccount : otherAccount,
      bank_transaction_code: { description: t.meta.provider_transaction_category ?? null, code: null, sub_code: null },
      credit_debit_indicator: out_ ? 'DBIT' : 'CRDT',
      status: booked ? 'BOOK' : 'PDNG',
      booking_date: booked ? t.bookingDate : null,
      value_date: booked ? t.bookingDate : null,
      transaction_date: t.authDate ?? t.bookingDate,
      balance_after_transaction: booked ? signedMoney(running, account.currency) : null,
      reference_number: null,
      remittance_information: [aspsp.name === 'ING' ? `${ING_PREFIX}${text}` : text],
      note: null,
      transaction_id: null,
    });
  }
  return out;
}
