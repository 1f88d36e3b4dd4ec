/**
 * Accounts and bookings kept by hand (cash): the service behind `trax accounts add`, `trax tx
 * add/edit/delete` and the web forms. Only rows the user wrote are rewritten; a bank's or a
 * statement's row is refused with where it came from and the way to keep it out of reports.
 * Everything is checked before anything is written.
 */
import type { App } from '../app.js';
import type { AccountKind } from '../domain/types.js';
import { TraxError } from '../domain/errors.js';
import { minorUnitDigits } from '../domain/money.js';
import { categorizeTransactions } from '../categorize/run.js';
import { chooseCategory } from '../categorize/choose.js';
import { providerPolicy } from '../providers/registry.js';
import type { ProviderId } from '../providers/registry.js';
import { inTransaction } from '../store/db.js';
import { ManualStore, type ManualFields } from '../store/manual.js';
import { SplitStore } from '../store/splits.js';
import { manualAmount, manualDate, manualDescription } from './fields.js';

const KINDS: readonly AccountKind[] = ['cash', 'checking', 'savings', 'credit_card', 'business', 'other'];
const MAX_NAME = 100;

export function addManualAccount(
  app: App,
  input: { name: string; kind?: string; currency: string; opening?: string },
): { id: number; openingMinor: number } {
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (!name) throw new TraxError('usage', (m) => m.errAccountNeedsName);
  if (name.length > MAX_NAME) throw new TraxError('usage', (m) => m.errNameTooLong(name.length, MAX_NAME));
  const kind = (input.kind ?? 'cash').trim().toLowerCase();
  if (!(KINDS as readonly string[]).includes(kind))
    throw new TraxError('usage', (m) => m.errBadKind(String(input.kind), KINDS.join(', ')));
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) throw new TraxError('usage', (m) => m.errBadCurrencyCode(input.currency));
  minorUnitDigits(currency);
  let openingMinor = 0;
  if (input.opening !== undefined) {
    try {
      openingMinor = manualAmount(input.opening, currency);
    } catch (e) {
      // An opening amount of 0 is what no --opening means anyway.
      if (!/^\s*[+-]?0*(\.0*)?\s*$/.test(input.opening)) throw e;
    }
  }
  const store = new ManualStore(app.db);
  const now = app.now().toISOString();
  const id = inTransaction(app.db, 'add the account', () => {
    const same = store.findAccount(name, currency);
    if (same) throw new TraxError('usage', (m) => m.errAccountExists(name, currency, same));
    return store.createAccount({ name, kind, currency, openingMinor }, now);
  });
  return { id, openingMinor };
}

export interface ManualInput {
  date?: string;
  amount?: string;
  description?: string;
  category?: string;
}

export function addManualTransaction(app: App, accountId: number, input: ManualInput): number {
  const store = new ManualStore(app.db);
  const account = store.account(accountId);
  if (!account) throw new TraxError('not_found', (m) => m.errNoAccountManual(accountId));
  if (!providerPolicy(account.provider as ProviderId).manualEntry) {
    const policy = providerPolicy(account.provider as ProviderId);
    throw new TraxError('usage', (m) => m.errAccountFedBy(accountId, account.name, account.bank ?? null, policy.label));
  }
  if (input.date === undefined || input.amount === undefined || input.description === undefined)
    throw new TraxError('usage', (m) => m.errBookingNeeds);
  const fields: ManualFields = {
    date: manualDate(input.date),
    amountMinor: manualAmount(input.amount, account.currency),
    description: manualDescription(input.description),
  };
  const category = input.category === undefined ? null : app.categories.resolve(input.category);
  const now = app.now().toISOString();
  const id = inTransaction(app.db, 'add the booking', () => {
    const id = store.addTransaction(accountId, account.currency, fields, now);
    // The user's own category: sticky and taught to the learned model, as `trax categorize set` does.
    if (category) chooseCategory(app, id, category.slug);
    store.recordBalance(accountId, now);
    return id;
  });
  // Without one, rules and the learned model categorize it like any new row.
  if (!category) categorizeTransactions(app);
  return id;
}

export function editManualTransaction(app: App, transactionId: number, input: ManualInput): void {
  requireManualRow(app, transactionId, 'edited');
  const store = new ManualStore(app.db);
  const was = store.fields(transactionId)!;
  if (input.date === undefined && input.amount === undefined && input.description === undefined && input.category === undefined)
    throw new TraxError('usage', (m) => m.errSayWhatToChange);
  const currency = store.account(was.accountId)!.currency;
  const fields: ManualFields = {
    date: input.date === undefined ? was.date : manualDate(input.date),
    amountMinor: input.amount === undefined ? was.amountMinor : manualAmount(input.amount, currency),
    description: input.description === undefined ? was.description : manualDescription(input.description),
  };
  if (was.split && fields.amountMinor !== was.amountMinor) throw new TraxError('usage', (m) => m.errEditSplit(transactionId));
  const category = input.category === undefined ? null : app.categories.resolve(input.category);
  const now = app.now().toISOString();
  inTransaction(app.db, 'change the booking', () => {
    store.updateTransaction(transactionId, fields, now);
    if (category) chooseCategory(app, transactionId, category.slug);
    store.recordBalance(was.accountId, now);
  });
}

export function deleteManualTransaction(app: App, transactionId: number): ManualFields {
  requireManualRow(app, transactionId, 'deleted');
  const store = new ManualStore(app.db);
  const was = store.fields(transactionId)!;
  const now = app.now().toISOString();
  inTransaction(app.db, 'delete the booking', () => {
    store.deleteTransaction(transactionId);
    store.recordBalance(was.accountId, now);
  });
  return was;
}

/** A row the user wrote (in an account kept by hand, not brought by a statement file). */
export function isManualRow(app: App, transactionId: number): boolean {
  const o = new SplitStore(app.db).origin(transactionId);
  return o.source === null && Boolean(providerPolicy(o.provider as ProviderId).manualEntry);
}

/** Refuses a row the user did not write, naming where it came from and what they can do instead. */
function requireManualRow(app: App, transactionId: number, verb: 'edited' | 'deleted'): void {
  if (isManualRow(app, transactionId)) return;
  const o = new SplitStore(app.db).origin(transactionId);
  const policy = providerPolicy(o.provider as ProviderId);
  const file = o.source?.startsWith('file:') ? o.source.slice(5) : null;
  throw new TraxError('usage', (m) => m.errNotManual(transactionId, file, o.bank ?? null, policy.label, verb === 'deleted'));
}
