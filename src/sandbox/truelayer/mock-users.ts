import { ERROR_USERS } from './errors.js';

export type LoginResult = { ok: true; withIban: boolean; errorCode?: string } | { ok: false };

const N = '([1-9][0-9]?|100)?';
const JOHN = new RegExp(`^john${N}$`);
const DOE = new RegExp(`^doe${N}$`);
const IBAN = new RegExp(`^iban${N}$`);

/**
 * TrueLayer's documented mock users (docs/mock-users). The same users log in at every emulated
 * bank, because the sandbox has no real credentials to check.
 */
export function checkMockLogin(username: string, password: string): LoginResult {
  const user = username.trim();
  if (JOHN.test(user)) {
    if (DOE.test(password)) return { ok: true, withIban: false };
    if (IBAN.test(password)) return { ok: true, withIban: true };
    if (user === 'john' && password === 'eternal') return { ok: true, withIban: false };
    return { ok: false };
  }
  if (user.startsWith('error.') && password === 'error') {
    const code = user.slice('error.'.length);
    if (code in ERROR_USERS) return { ok: true, withIban: false, errorCode: code };
  }
  return { ok: false };
}
