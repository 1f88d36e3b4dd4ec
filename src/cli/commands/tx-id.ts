import { TraxError } from '../../domain/errors.js';

/** A transaction id from the command line, or a sentence saying where the ids are shown. */
export function transactionId(text: string): number {
  const id = Number(text.trim());
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(id))
    throw new TraxError('usage', `"${text}" is not a transaction id; \`trax transactions\` and \`trax search\` show the ids.`);
  return id;
}
