import { Errors } from './errors.js';

/**
 * Sandbox logins as Plaid documents them: user_good / pass_good everywhere; the persona users
 * (user_transactions_dynamic and friends) with any non-blank password; user_good with password
 * error_<CODE> simulates that item error. Anything else is INVALID_CREDENTIALS.
 */
const ANY_PASSWORD_USERS = new Set(['user_transactions_dynamic', 'user_ewa_user', 'user_yuppie', 'user_small_business']);

export function checkSandboxLogin(username: string, password: string): void {
  if (username === 'user_good') {
    const simulated = /^error_([A-Z_]+)$/.exec(password);
    if (simulated?.[1]) throw Errors.simulatedItemError(simulated[1]);
    if (password === 'pass_good') return;
  } else if (ANY_PASSWORD_USERS.has(username) && password.trim() !== '') {
    return;
  }
  throw Errors.invalidCredentials();
}
