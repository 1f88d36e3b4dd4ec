import { TraxError } from '../../domain/errors.js';
import { cliText } from '../output.js';

/** The transaction (or account) id a `trax tx` subcommand takes, or a sentence saying where the ids are shown. */
export function transactionId(text: string, what: 'transaction' | 'account' = 'transaction'): number {
  const id = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(id) || id < 1)
    throw new TraxError('usage', what === 'account' ? cliText().m.cliNotAccountId(text) : cliText().m.cliNotTxId(text));
  return id;
}
