import { TraxError } from '../../domain/errors.js';

/** The transaction id every `trax tx` subcommand takes. */
export function transactionId(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id < 1)
    throw new TraxError('usage', `"${text}" is not a transaction id; see \`trax transactions\`.`);
  return id;
}
