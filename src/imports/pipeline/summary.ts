import { formatMoney } from '../../domain/money.js';
import { en, type Messages } from '../../i18n/messages/en.js';
import type { BalanceCheck } from '../../store/imports.js';
import type { ImportResult } from './index.js';

/**
 * The sentences an import result is told in, the same in the terminal and on the web page:
 * "412 new, 61 already in Trax (synced from TrueLayer), 2 to review". The words come from the
 * caller's catalogue (English unless a page says otherwise).
 */
export function countsSentence(
  r: Pick<ImportResult, 'added' | 'linked' | 'duplicates' | 'review' | 'linkedFrom'>,
  m: Messages = en,
): string {
  const parts = [m.countsNew(r.added)];
  if (r.linked > 0) parts.push(m.countsLinked(r.linked, Object.keys(r.linkedFrom).join(', ')));
  if (r.duplicates > 0) parts.push(m.countsDuplicates(r.duplicates));
  if (r.review > 0) parts.push(m.countsReview(r.review));
  return parts.join(', ');
}

export function balanceSentence(
  b: BalanceCheck | null,
  m: Messages = en,
  money: (minor: number, currency: string) => string = formatMoney,
): string {
  if (!b) return m.noBalances;
  const f = (minor: number) => money(minor, b.currency);
  if (b.ok) return m.balancesAddUp(f(b.openingMinor), f(b.entriesMinor), f(b.closingMinor));
  return m.balancesOff(
    f(b.openingMinor),
    f(b.entriesMinor),
    f(b.expectedMinor),
    f(b.closingMinor),
    f(b.closingMinor - b.expectedMinor),
  );
}
