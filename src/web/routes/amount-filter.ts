/**
 * The transaction list's min and max fields as one token of the search language
 * (src/search/parse.ts), so the form and the search box share one parser and one meaning:
 * a bare "50" compares the size (it finds a -60.04 payment, as ">50" does), "-50" or "+50"
 * the signed amount. Both given make a range, as `50..100` is. The token goes first, so an
 * unclosed quote in the query cannot swallow it.
 */
export function amountToken(min: string | undefined, max: string | undefined): string {
  if (min !== undefined && max !== undefined) return `${min}..${max}`;
  if (min !== undefined) return `>=${min}`;
  if (max !== undefined) return `<=${max}`;
  return '';
}
