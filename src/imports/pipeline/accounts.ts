import type { App } from '../../app.js';
import { TraxError } from '../../domain/errors.js';
import type { StoredAccount } from '../../store/accounts.js';
import { normalizeIban } from '../../store/accounts.js';
import type { ReadStatement } from './read.js';

/**
 * Which account a file's statement belongs to: the one `--account` names, else the account with
 * its IBAN (or, without one, its account number), else — for a file that names no account — the
 * one account earlier files of its format went to, else a new offline account. A file that
 * contradicts the account it is sent to (another IBAN, another currency) is refused: importing
 * it would put one account's bookings into another.
 */
export type AccountTarget =
  | { kind: 'existing'; account: StoredAccount }
  | {
      kind: 'new';
      name: string;
      currency: string;
      iban: string | null;
      accountNumber: string | null;
    };

const describe = (a: StoredAccount) => `account ${a.id} (${a.name}${a.iban ? `, ${a.iban}` : ''}, ${a.currency})`;

export function resolveAccount(
  app: App,
  fileName: string,
  statements: readonly ReadStatement[],
  opts: { accountId?: number; currency?: string; formatLabel: string; format: string },
): AccountTarget {
  const s = statements[0]!;
  const iban = s.account.iban ? normalizeIban(s.account.iban) : null;
  const number = s.account.accountNumber;
  const currency = (s.account.currency ?? s.currency ?? opts.currency ?? null)?.toUpperCase() ?? null;
  const refuse = (sentence: string) => new TraxError('import_refused', `${fileName}: ${sentence} Nothing was imported.`);
  const byIban = iban ? app.accounts.findByIban(iban) : [];

  if (opts.accountId !== undefined) {
    const account = app.accounts.get(opts.accountId);
    if (!account) {
      const id = opts.accountId;
      throw new TraxError('not_found', (m) => m.errImportNoAccount(id));
    }
    if (iban && account.iban && account.iban !== iban) {
      throw refuse(
        `the file is for IBAN ${iban}, but ${describe(account)} has another; leave out --account or name the right one.`,
      );
    }
    const owner = byIban.find((a) => a.id !== account.id);
    if (iban && !account.iban && owner) {
      throw refuse(`the file's IBAN ${iban} belongs to ${describe(owner)}; import it there (leave out --account).`);
    }
    if (currency && account.currency !== currency) {
      throw refuse(
        `the file is in ${currency}, but ${describe(account)} is in ${account.currency}; pick an account in ${currency}.`,
      );
    }
    return { kind: 'existing', account };
  }
  const known = byIban[0] ?? (!iban && number ? app.accounts.findByNumber(number, currency)[0] : undefined);
  if (known) {
    if (currency && known.currency !== currency) {
      throw refuse(
        `the file is in ${currency}, but ${describe(known)}, which has its ${iban ? 'IBAN' : 'account number'}, is in ${known.currency}.`,
      );
    }
    return { kind: 'existing', account: known };
  }
  if (!iban && !number) {
    // The file does not name its account (QIF, many CSVs): the account earlier files of this
    // format went to, if there is exactly one; never a guess between several.
    const earlier = app.imports.accountsForFormat(opts.format);
    if (earlier.length === 1) {
      const account = app.accounts.get(earlier[0]!);
      if (account && (!currency || account.currency === currency)) return { kind: 'existing', account };
    }
    if (earlier.length > 1) {
      throw refuse(
        `the file does not say which account it is for, and earlier ${opts.formatLabel} files went to accounts ${earlier.join(', ')}; pass --account ID.`,
      );
    }
  }
  if (!currency) {
    throw refuse(
      'the file does not say its currency (QIF files never do); pass --currency EUR (or the right code), or --account ID to import into an existing account.',
    );
  }
  const label = opts.formatLabel.replace(/\s*\(.*\)\s*$/, '');
  return {
    kind: 'new',
    name: s.account.name ?? iban ?? number ?? label,
    currency,
    iban,
    accountNumber: number,
  };
}
