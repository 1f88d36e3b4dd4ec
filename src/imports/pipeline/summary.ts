import { formatMoney } from '../../domain/money.js';
import type { BalanceCheck } from '../../store/imports.js';
import type { ImportResult } from './index.js';

/**
 * The sentences an import result is told in, the same in the terminal and on the web page:
 * "412 new, 61 already in Trax (synced from TrueLayer), 2 to review".
 */
export function countsSentence(r: Pick<ImportResult, 'added' | 'linked' | 'duplicates' | 'review' | 'linkedFrom'>): string {
  const parts = [`${r.added} new`];
  if (r.linked > 0) {
    const from = Object.keys(r.linkedFrom);
    parts.push(`${r.linked} already in Trax${from.length ? ` (${from.join(', ')})` : ''}`);
  }
  if (r.duplicates > 0) parts.push(`${r.duplicates} imported before`);
  if (r.review > 0) parts.push(`${r.review} to review`);
  return parts.join(', ');
}

export function balanceSentence(b: BalanceCheck | null): string {
  if (!b) return 'The file states no opening and closing balance to check against.';
  const m = (minor: number) => formatMoney(minor, b.currency);
  if (b.ok) return `Balances add up: ${m(b.openingMinor)} + ${m(b.entriesMinor)} = ${m(b.closingMinor)}.`;
  return (
    `The statement's balances do not add up: opening ${m(b.openingMinor)} + entries ${m(b.entriesMinor)} = ` +
    `${m(b.expectedMinor)}, but the file states a closing balance of ${m(b.closingMinor)} ` +
    `(${m(b.closingMinor - b.expectedMinor)} apart). The rows were still imported; the file may be cut short or the bank's export incomplete.`
  );
}
