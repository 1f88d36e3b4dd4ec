/** Consent expiry as a traffic light: expired red, within 7 days amber, otherwise green. */
export function expiryState(iso: string | null, now: Date): { tone: 'expired' | 'soon' | 'ok' | 'unknown'; text: string } {
  if (!iso) return { tone: 'unknown', text: 'Consent expiry unknown' };
  const days = Math.floor((Date.parse(iso) - now.getTime()) / 86_400_000);
  const date = iso.slice(0, 10);
  if (days < 0) return { tone: 'expired', text: `Consent expired on ${date}` };
  if (days < 7) return { tone: 'soon', text: `Consent expires ${date} (in ${days} day${days === 1 ? '' : 's'})` };
  return { tone: 'ok', text: `Consent valid until ${date} (${days} days)` };
}
