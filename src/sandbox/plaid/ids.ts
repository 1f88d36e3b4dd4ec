import { createHash, randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function toBase62(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; out.length < length; i++) out += BASE62[(bytes[i % bytes.length] ?? 0) % 62];
  return out;
}

/**
 * Plaid-style identifier (item_id, account_id, transaction_id): 37 base62 characters. Derived
 * from a hash so the same inputs always give the same id (stable across syncs and restarts).
 */
export function plaidId(...parts: Array<string | number>): string {
  const digest = createHash('sha512').update(parts.join('|')).digest();
  return toBase62(digest, 37);
}

/** Random Plaid-style id for things that need no determinism (request ids). */
export function randomPlaidId(length: number): string {
  return toBase62(randomBytes(length * 2), length);
}
