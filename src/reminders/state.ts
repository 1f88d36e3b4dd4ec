import type { StoredConnection } from '../store/connections.js';

/** What a connection needs from its owner, most urgent first. */
export type AttentionState = 'needs_reauth' | 'expired' | 'sync_failed' | 'expiring';
export type ConnectionState = AttentionState | 'ok';

/** How far ahead an expiring consent is announced (TrueLayer's guidance is about a week). */
export const EXPIRY_WARNING_MS = 7 * 86_400_000;

/**
 * One state per connection, shared by reminders and notifications so both say the same thing.
 * A bank that wants a new login outranks a date on the calendar, and a consent that has run out
 * outranks a sync that failed (the failure is then only its symptom). Revoked connections have
 * no state: nothing can be done for them but connecting again.
 */
export function connectionState(c: StoredConnection, now: Date): ConnectionState | null {
  if (c.status === 'revoked') return null;
  if (c.status === 'needs_reauth') return 'needs_reauth';
  const expires = c.consentExpiresAt ? Date.parse(c.consentExpiresAt) : NaN;
  if (Number.isFinite(expires) && expires <= now.getTime()) return 'expired';
  if (c.status === 'error') return 'sync_failed';
  if (Number.isFinite(expires) && expires - now.getTime() <= EXPIRY_WARNING_MS) return 'expiring';
  return 'ok';
}
