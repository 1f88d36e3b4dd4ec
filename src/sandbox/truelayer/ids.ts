import { createHash } from 'node:crypto';

/** Hex digest used for every derived id, so ids depend only on their inputs (and thus on the seed). */
export function hashHex(input: string, length = 32): string {
  return createHash('sha256').update(input).digest('hex').slice(0, length);
}
