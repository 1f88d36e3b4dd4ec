/**
 * Case- and accent-insensitive form used by rule matching: "Café MÜLLER  Straße" →
 * "cafe muller strasse". Numbers and punctuation stay: users match on them ("DE89…", "3012").
 */
const cache = new Map<string, string>();

export function fold(s: string): string {
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const out = s.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').toLowerCase().replace(/\s+/g, ' ').trim();
  // Statement lines repeat a lot (the same shop every week); a bounded cache pays for itself.
  if (cache.size > 200_000) cache.clear();
  cache.set(s, out);
  return out;
}
