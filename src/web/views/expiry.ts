import { messages, type Messages } from '../../i18n/index.js';

/** Consent expiry as a traffic light: expired red, within 7 days amber, otherwise green. */
export function expiryState(
  iso: string | null,
  now: Date,
  t: { m: Messages; day: (isoDay: string) => string } = { m: messages('en'), day: (d) => d },
): { tone: 'expired' | 'soon' | 'ok' | 'unknown'; text: string } {
  if (!iso) return { tone: 'unknown', text: t.m.consentUnknown };
  const days = Math.floor((Date.parse(iso) - now.getTime()) / 86_400_000);
  const date = t.day(iso.slice(0, 10));
  if (days < 0) return { tone: 'expired', text: t.m.consentExpired(date) };
  if (days < 7) return { tone: 'soon', text: t.m.consentExpiresSoon(date, days) };
  return { tone: 'ok', text: t.m.consentValid(date, days) };
}
