/**
 * Plain-text accounting journals: hledger/Ledger and beancount. Every transaction becomes two
 * postings, the bank account and the category account, so each balances by construction;
 * accounts get an opening balance from Equity:Opening-Balances so their totals match the bank.
 */
import { minorToDecimalString, minorUnitDigits } from '../../domain/money.js';
import type { ExportAccount, ExportRow } from './rows.js';
import { accountComponent, beancountString, beancountTag, commodity, ledgerTag, ledgerText, oneLine } from './text.js';

export type JournalFormat = 'ledger' | 'beancount';

/** Account names, unique per bank account even when two share a display name. */
export class AccountNames {
  private readonly bank = new Map<number, string>();

  constructor(accounts: readonly { id: number; name: string; kind: string; institution: string }[]) {
    const taken = new Set<string>();
    for (const a of accounts) {
      const root = a.kind === 'credit_card' ? 'Liabilities:CreditCard' : 'Assets:Bank';
      let name = `${root}:${accountComponent(a.institution)}:${accountComponent(a.name)}`;
      if (taken.has(name)) name = `${name}-${a.id}`;
      taken.add(name);
      this.bank.set(a.id, name);
    }
  }

  forBank(row: Pick<ExportRow, 'accountId' | 'accountName' | 'accountKind' | 'institution'>): string {
    return this.bank.get(row.accountId) ?? `Assets:Bank:${accountComponent(row.institution)}:${accountComponent(row.accountName)}-${row.accountId}`;
  }

  /** Expenses:Groceries, Expenses:Utilities:Energy, Income:Salary, Assets:Transfers, … */
  forCategory(row: Pick<ExportRow, 'amountMinor' | 'categoryKind' | 'categoryName' | 'parentName'>): string {
    const path = (root: string) =>
      [row.parentName, row.categoryName]
        .filter((n): n is string => !!n)
        .map(accountComponent)
        // "Income:Income:Salary" reads badly: the root already says it.
        .filter((c) => c !== root);
    switch (row.categoryKind) {
      case 'expense':
        return ['Expenses', ...path('Expenses')].join(':');
      case 'income': {
        const p = path('Income');
        return ['Income', ...(p.length ? p : ['Other'])].join(':');
      }
      case 'transfer':
        // Both halves of a transfer between own accounts post here, so it nets to zero.
        return 'Assets:Transfers';
      default:
        return row.amountMinor < 0 ? 'Expenses:Uncategorized' : 'Income:Uncategorized';
    }
  }
}

function amount(minor: number, currency: string): string {
  const c = commodity(currency);
  let text: string;
  try {
    text = minorToDecimalString(minor, c);
  } catch {
    text = minorToDecimalString(minor, 'EUR'); // unknown code: two decimals, still exact
  }
  return `${text} ${c}`;
}

function formatExample(currency: string): string {
  let digits = 2;
  try {
    digits = minorUnitDigits(commodity(currency));
  } catch {
    /* two */
  }
  return `1000${digits ? `.${'0'.repeat(digits)}` : ''} ${commodity(currency)}`;
}

const categoryAccountsOf = (names: AccountNames, cats: Iterable<Pick<ExportRow, 'amountMinor' | 'categoryKind' | 'categoryName' | 'parentName'>>) =>
  [...new Set([...cats].map((c) => names.forCategory(c)))].sort();

export interface JournalHeader {
  accounts: ExportAccount[];
  /** Every (category, sign) combination that occurs, to declare/open their accounts up front. */
  categories: Array<Pick<ExportRow, 'amountMinor' | 'categoryKind' | 'categoryName' | 'parentName'>>;
  currencies: string[];
  /** The first date anything is posted on (beancount opens every account then). */
  firstDate: string;
  note: string;
}

export function journalHeader(format: JournalFormat, h: JournalHeader, names: AccountNames): string {
  const lines: string[] = [];
  const all = [...h.accounts.map((a) => names.forBank({ accountId: a.id, accountName: a.name, accountKind: a.kind, institution: a.institution })), ...categoryAccountsOf(names, h.categories), 'Equity:Opening-Balances'];
  if (format === 'ledger') {
    lines.push(`; ${oneLine(h.note)}`, '');
    // Declaring the display format fixes the decimal mark: "1.234 BHD" is 1.234, not 1234.
    for (const c of h.currencies) lines.push(`commodity ${commodity(c)}`, `    format ${formatExample(c)}`);
    lines.push('');
    for (const a of all) lines.push(`account ${a}`);
    lines.push('');
    for (const a of h.accounts) {
      if (!a.openingMinor || !a.openingDate) continue;
      lines.push(
        `${a.openingDate} * Opening balance`,
        `    ${names.forBank({ accountId: a.id, accountName: a.name, accountKind: a.kind, institution: a.institution })}    ${amount(a.openingMinor, a.currency)}`,
        `    Equity:Opening-Balances    ${amount(-a.openingMinor, a.currency)}`,
        '',
      );
    }
  } else {
    lines.push(`; ${oneLine(h.note)}`, `option "title" "Trax export"`);
    if (h.currencies[0]) lines.push(`option "operating_currency" "${commodity(h.currencies[0])}"`);
    lines.push('');
    for (const c of h.currencies) lines.push(`${h.firstDate} commodity ${commodity(c)}`);
    for (const a of all) lines.push(`${h.firstDate} open ${a}`);
    lines.push('');
    for (const a of h.accounts) {
      if (!a.openingMinor || !a.openingDate) continue;
      lines.push(
        `${a.openingDate} * "Opening balance"`,
        `  ${names.forBank({ accountId: a.id, accountName: a.name, accountKind: a.kind, institution: a.institution })}  ${amount(a.openingMinor, a.currency)}`,
        `  Equity:Opening-Balances  ${amount(-a.openingMinor, a.currency)}`,
        '',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The category postings of a row: one, or one per split part (each balancing a share of the bank posting). */
function categoryPostings(r: ExportRow, names: AccountNames): Array<{ account: string; minor: number; note: string | null }> {
  if (!r.parts) return [{ account: names.forCategory(r), minor: -r.amountMinor, note: null }];
  return r.parts.map((p) => ({ account: names.forCategory(p), minor: -p.amountMinor, note: p.note }));
}

export function journalEntry(format: JournalFormat, r: ExportRow, names: AccountNames): string {
  const bank = names.forBank(r);
  const postings = categoryPostings(r, names);
  const payee = oneLine(r.merchant ?? r.counterparty ?? '');
  const description = oneLine(r.description);
  if (format === 'ledger') {
    // hledger reads "payee | note"; the bank's own text stays the note.
    const text = ledgerText(payee && payee !== description ? `${payee} | ${description}` : description);
    // hledger tags are "name:" in the comment, comma-separated; the note is a comment line of its own.
    const tags = r.tags.map((t) => `, ${ledgerTag(t)}:`).join('');
    return [
      `${r.date} ${r.pending ? '!' : '*'} ${text}  ; trax-id: ${r.id}${tags}`,
      ...(r.note ? [`    ; note: ${oneLine(r.note)}`] : []),
      ...postings.map((p) => `    ${p.account}    ${amount(p.minor, r.currency)}${p.note ? `  ; ${oneLine(p.note)}` : ''}`),
      `    ${bank}    ${amount(r.amountMinor, r.currency)}`,
      '',
    ].join('\n') + '\n';
  }
  return [
    // "payee" "narration" when the bank named a merchant, else just the narration.
    `${r.date} ${r.pending ? '!' : '*'} ${payee && payee !== description ? `${beancountString(payee)} ` : ''}${beancountString(description)}${r.tags.map((t) => ` #${beancountTag(t)}`).join('')}`,
    `  trax_id: ${r.id}`,
    ...(r.note ? [`  note: ${beancountString(r.note)}`] : []),
    ...postings.flatMap((p) => [`  ${p.account}  ${amount(p.minor, r.currency)}`, ...(p.note ? [`    note: ${beancountString(p.note)}`] : [])]),
    `  ${bank}  ${amount(r.amountMinor, r.currency)}`,
    '',
  ].join('\n') + '\n';
}
