import { TraxError } from '../domain/errors.js';
import { parseQuery } from '../search/parse.js';
import { cliText } from './output.js';

/**
 * Refuses a query with nothing searchable left in it: listing (or reporting on) every transaction
 * would answer a question nobody asked. Shared by `trax search` and `trax report --search`.
 */
export function refuseUnsearchable(query: string): void {
  const parsed = parseQuery(query);
  if (parsed.terms.length === 0)
    throw new TraxError(
      'usage',
      cliText().m.cliSearchNothingSearchable(parsed.warnings.map((w) => w.replace(/; searched the rest\.$/, '.')).join(' ')),
    );
}
