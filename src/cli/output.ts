import Table from 'cli-table3';
import pc from 'picocolors';
import { formatMoney } from '../domain/money.js';

/**
 * Terminal output. Bank text is untrusted: a description can carry escape sequences that
 * rewrite the terminal, so every string from a provider goes through `clean` before printing.
 */
export { clean } from '../domain/text.js';

export function table(head: string[], rows: string[][]): string {
  const t = new Table({
    head: head.map((h) => pc.bold(h)),
    style: { head: [], border: [], compact: true },
    // No rule between rows: a month of transactions should fit on a screen.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    wordWrap: false,
  });
  for (const r of rows) t.push(r);
  return t.toString();
}

export function money(minor: number, currency: string): string {
  const s = formatMoney(minor, currency);
  return minor < 0 ? pc.red(s) : s;
}

/** Consent expiry, coloured: red once expired, yellow within 7 days. */
export function expiry(iso: string | null, now: Date): string {
  if (!iso) return pc.dim('unknown');
  const days = Math.floor((Date.parse(iso) - now.getTime()) / 86_400_000);
  const date = iso.slice(0, 10);
  if (days < 0) return pc.red(`${date} (expired)`);
  if (days < 7) return pc.yellow(`${date} (in ${days} day${days === 1 ? '' : 's'})`);
  return pc.green(`${date} (in ${days} days)`);
}

export function status(s: string): string {
  if (s === 'active') return pc.green(s);
  if (s === 'needs_reauth' || s === 'error') return pc.red(s);
  return pc.dim(s);
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export const colors = pc;
