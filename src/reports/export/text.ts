/**
 * Making bank text safe for the formats it is exported to. Descriptions are untrusted: a
 * payee named `"; evil\n2020-01-01 * "x"` must stay one harmless line of one transaction.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/** One line: control characters (newlines, tabs, bidi overrides) become single spaces. */
export function oneLine(s: string | null | undefined): string {
  return (s ?? '').replace(CONTROL, ' ').replace(/ {2,}/g, ' ').trim();
}

/**
 * Ledger/hledger description: one line, no comment start (`;`), no leading status, code or
 * payee marks that the parser would take as syntax (`*`, `!`, `(`), no runs of two spaces.
 */
export function ledgerText(s: string): string {
  return oneLine(s).replace(/;/g, ',').replace(/^[*!(\s]+/, '').trim() || '-';
}

/** A beancount string literal: one line, backslashes and quotes escaped. */
export function beancountString(s: string): string {
  return `"${oneLine(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * One component of an account name, valid in both ledger and beancount: ASCII letters, digits
 * and hyphens, starting with a capital letter or digit ("Phone & internet" → "Phone-and-internet",
 * "Gemeinschaftskonto Müller" → "Gemeinschaftskonto-Mueller", "ING" stays "ING").
 */
export function accountComponent(s: string): string {
  const ascii = oneLine(s)
    .replace(/[äöüÄÖÜß]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' })[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!ascii) return 'Unnamed';
  return ascii.charAt(0).toUpperCase() + ascii.slice(1);
}

/** A commodity symbol both tools accept: the ISO code, uppercase letters only. */
export function commodity(currency: string): string {
  const c = currency.toUpperCase().replace(/[^A-Z]/g, '');
  return c.length >= 2 && c.length <= 24 ? c : 'XXX';
}

/** A CSV field (RFC 4180); text that a spreadsheet would run as a formula gets a leading '. */
export function csvField(v: string | number | boolean | null | undefined, text = false): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** An hledger tag name: a tag is one word already (notes-tags.ts); separators are made harmless anyway. */
export function ledgerTag(tag: string): string {
  return oneLine(tag).replace(/[\s,:;]+/g, '-') || 'tag';
}

/** A beancount tag (#…): ASCII letters, digits, "-", "_", "/" and "." only ("grüße" → "gruesse"). */
export function beancountTag(tag: string): string {
  return (
    oneLine(tag)
      .replace(/[äöüß]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' })[c] ?? c)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9_/.-]+/g, '-') || 'tag'
  );
}
