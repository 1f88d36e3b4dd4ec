import { TraxError } from '../../domain/errors.js';

/** The transaction (or account) id every `trax tx` subcommand takes. */
export function transactionId(text: string, what: 'transaction' | 'account' = 'transaction'): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1)
    throw new TraxError(
      'usage',
      `"${text}" is not ${what === 'account' ? 'an account' : 'a transaction'} id; see \`trax ${what === 'account' ? 'accounts' : 'transactions'}\`.`,
    );
  return id;
}
