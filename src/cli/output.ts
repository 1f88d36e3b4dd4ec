import pc from 'picocolors';
import { TraxError } from '../domain/errors.js';
import { categoryName } from '../i18n/categories.js';
import { formatAmount, formatDay } from '../i18n/format.js';
import { messages, type Messages } from '../i18n/index.js';
import { langFromEnv, type Lang } from '../i18n/lang.js';
import { drawTable } from './table.js';

/**
 * Terminal output. Bank text is untrusted: a description can carry escape sequences that
 * rewrite the terminal, so every string from a provider goes through `clean` before printing.
 */
export { clean } from '../domain/text.js';

export function table(head: string[], rows: string[][]): string {
  return drawTable(
    head.map((h) => pc.bold(h)),
    rows,
  );
}

/** An amount for a table, red when money goes out: "1,234.56 EUR" / "1.234,56 €". */
export function money(minor: number, currency: string, lang: Lang = 'en'): string {
  const s = formatAmount(minor, currency, lang);
  return minor < 0 ? pc.red(s) : s;
}

/**
 * The terminal's language (TRAX_LANG, LC_ALL, LC_MESSAGES, LANG) for a read command's text
 * output: its words, amounts, dates and built-in category names. `--json` never asks for it.
 */
export interface CliText {
  lang: Lang;
  m: Messages;
  money: (minor: number, currency: string) => string;
  day: (isoDay: string) => string;
  category: (slug: string | null, storedName: string) => string;
}

export function cliText(env: NodeJS.ProcessEnv = process.env): CliText {
  const lang = langFromEnv(env);
  return {
    lang,
    m: messages(lang),
    money: (minor, currency) => money(minor, currency, lang),
    day: (d) => formatDay(d, lang),
    category: (slug, name) => (slug ? categoryName(slug, name, lang) : name),
  };
}

const ENGLISH: CliText = cliText({});

/** `--port` of `trax serve` and `trax sandbox`: 0 (any free port) to 65535. */
export function portOption(m: Messages, v: string): number {
  const port = Number(v);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new TraxError('usage', m.cliBadPort(v));
  return port;
}

/** Consent expiry, coloured: red once expired, yellow within 7 days. */
export function expiry(iso: string | null, now: Date, t: CliText = ENGLISH): string {
  if (!iso) return pc.dim(t.m.cliExpiryUnknown);
  const days = Math.floor((Date.parse(iso) - now.getTime()) / 86_400_000);
  const date = t.day(iso.slice(0, 10));
  if (days < 0) return pc.red(t.m.cliExpired(date));
  if (days < 7) return pc.yellow(t.m.cliExpiresIn(date, days));
  return pc.green(t.m.cliExpiresIn(date, days));
}

export function status(s: string, t: CliText = ENGLISH): string {
  const name = t.m.cliStatusName(s);
  if (s === 'active') return pc.green(name);
  if (s === 'needs_reauth' || s === 'error') return pc.red(name);
  return pc.dim(name);
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export const colors = pc;
