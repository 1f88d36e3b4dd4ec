import { TraxError } from '../../domain/errors.js';

/** The transaction (or account) id a `trax tx` subcommand takes, or a sentence saying where the ids are shown. */
export function transactionId(text: string, what: 'transaction' | 'account' = 'transaction'): number {
  const id = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(id) || id < 1)
    throw new TraxError(
      'usage',
      what === 'account'
        ? `"${text}" is not an account id; \`trax accounts\` shows the ids.`
        : `"${text}" is not a transaction id; \`trax transactions\` and \`trax search\` show the ids.`,
    );
  return id;
}
