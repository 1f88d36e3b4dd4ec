import type { Command } from 'commander';
import type { App } from '../../app.js';
import { isoDate } from '../../domain/dates.js';
import { TraxError } from '../../domain/errors.js';
import { refuseUnsearchable } from '../refuse-unsearchable.js';
import { NotesTagsStore } from '../../store/notes-tags.js';
import { SavedSearchStore, searchTransactions } from '../../store/search.js';
import type { TransactionRow } from '../../store/transactions.js';
import { checkIntegrityOnOpen, out, progress, withApp } from '../context.js';
import { clean, cliText, colors, json, table, type CliText } from '../output.js';
import { transactionJson } from './transactions.js';

/**
 * Query words may start with "-" ("-tag:work", "-4.20"), which commander would take for options;
 * the search commands accept unknown options and read them back as query words, in order.
 */
function queryText(words: string[]): string {
  return words.join(' ').trim();
}

function parseLimit(text: string | undefined): number {
  const limit = text === undefined ? 50 : Number(text);
  if (!Number.isInteger(limit) || limit < 1) throw new TraxError('usage', cliText().m.cliBadLimit(text ?? ''));
  return limit;
}

export function registerSearch(program: Command): void {
  const search = program
    .command('search')
    .description('find transactions by words, amounts, dates, category, tag, note or account; save searches')
    .argument('[query...]', 'what to find (quote it when it has > or < in it)')
    .option('--json', 'print as JSON (amounts as integer minor units; notes and tags included)')
    .option('--limit <n>', 'at most this many rows, newest first (default 50)')
    .option('--saved <name>', 'run a saved search (more words narrow it further)')
    .allowUnknownOption()
    .addHelpText(
      'after',
      `
Query language (words are ANDed; every word is prefix-matched and umlaut/accent-insensitive):
  rewe  "sagt danke"          words and phrases in description, merchant, counterparty, note, tags, category
  >50  <-20  =12.99  50..100  amounts: unsigned compares the size (">50" finds -60.04), signed the amount
  -4.20                       exactly this signed amount
  2026  2026-10  2026-10-05   a year, month or day; from:2026-01  to:2026-03 for open ranges
  account:Giro  category:groceries  tag:urlaub  note:"Sylt"  source:file  source:truelayer  pending
  -word  -tag:work  -2025     a leading "-" leaves matches out
A word Trax does not understand is named on stderr; the rest is still searched.

Examples:
  trax search rewe
  trax search "amazon >50 2026"
  trax search "category:groceries -tag:work" --json
  trax search save urlaub "tag:urlaub 2026"
  trax search --saved urlaub
  trax search list`,
    )
    .action(async (words: string[], opts: { json?: boolean; limit?: string; saved?: string }) => {
      const limit = parseLimit(opts.limit);
      await withApp((app) => {
        const saved = opts.saved === undefined ? '' : new SavedSearchStore(app.db).get(opts.saved).query;
        const query = queryText([saved, ...words]);
        if (!query) throw new TraxError('usage', cliText().m.cliSearchWhat);
        runSearch(app, query, limit, opts.json === true);
      });
    });

  search
    .command('save')
    .description('save a query under a name (saving an existing name replaces its query)')
    .argument('<name>', 'up to 64 letters, digits, spaces, ".", "_" or "-"')
    .argument('<query...>', 'the query, as for `trax search`')
    .allowUnknownOption()
    .addHelpText('after', '\nExamples:\n  trax search save urlaub "tag:urlaub 2026"\n  trax search save big-rewe "rewe >100"')
    .action(async (name: string, words: string[]) => {
      checkIntegrityOnOpen();
      await withApp((app) => {
        const query = queryText(words);
        const store = new SavedSearchStore(app.db);
        store.save(name, query, app.now());
        const s = store.get(name);
        const { m } = cliText();
        out(m.cliSearchSaved(clean(s.name), clean(s.query)));
        out(colors.dim(m.cliSearchRunWith(clean(s.name))));
      });
    });

  search
    .command('list')
    .description('list saved searches')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  trax search list\n  trax search list --json')
    .action(async (opts: { json?: boolean }) => {
      await withApp((app) => {
        const rows = new SavedSearchStore(app.db).list();
        if (opts.json) return out(json(rows.map((r) => ({ name: r.name, query: r.query, updatedAt: r.updated_at }))));
        const { m } = cliText();
        if (rows.length === 0) return out(m.cliNoSavedSearches);
        out(
          table(
            [m.cliName, m.cliQuery],
            rows.map((r) => [clean(r.name), clean(r.query)]),
          ),
        );
      });
    });

  search
    .command('delete')
    .description('delete a saved search')
    .argument('<name>', 'as `trax search list` shows it')
    .addHelpText('after', '\nExamples:\n  trax search delete urlaub')
    .action(async (name: string) => {
      checkIntegrityOnOpen();
      await withApp((app) => {
        new SavedSearchStore(app.db).delete(name);
        out(cliText().m.cliSearchDeleted(clean(name.trim())));
      });
    });
}

function runSearch(app: App, query: string, limit: number, asJson: boolean): void {
  const t = cliText();
  refuseUnsearchable(query);
  const result = searchTransactions(app.db, app.transactions, query, { limit });
  for (const w of result.warnings) progress(colors.yellow(t.m.cliWarning(w)));
  const ids = result.rows.map((r) => r.id);
  const notesTags = new NotesTagsStore(app.db);
  const tags = notesTags.tagsOf(ids);
  const notes = notesTags.notesOf(ids);
  if (asJson) {
    const today = isoDate(app.now());
    out(
      json({
        query,
        warnings: result.warnings,
        total: result.total,
        // true: more than `total` rows match (counting stopped there).
        totalCapped: result.capped,
        transactions: result.rows.map((t) => ({
          ...transactionJson(t, today),
          note: notes.get(t.id) ?? null,
          tags: tags.get(t.id) ?? [],
        })),
      }),
    );
    return;
  }
  if (result.rows.length === 0) {
    out(t.m.cliSearchNoMatch(JSON.stringify(clean(query))));
    return;
  }
  out(resultsTable(app, result.rows, tags, notes, t));
  out(
    colors.dim(
      result.capped
        ? t.m.cliSearchMany(result.rows.length, result.total)
        : result.total > result.rows.length
          ? t.m.cliSearchSome(result.rows.length, result.total)
          : t.m.cliSearchAll(result.total),
    ),
  );
}

function resultsTable(
  app: App,
  rows: TransactionRow[],
  tags: Map<number, string[]>,
  notes: Map<number, string>,
  x: CliText,
): string {
  const { m } = x;
  const accounts = new Map(app.accounts.list().map((a) => [a.id, a]));
  return table(
    [m.cliId, m.cliDate, m.cliAccount, m.cliDescription, m.cliCategory, m.cliTags, m.cliAmount, ''],
    rows.map((t) => [
      String(t.id),
      x.day(t.booking_date),
      clean(accounts.get(t.account_id)?.name),
      clean(t.merchant ?? t.description).slice(0, 40) + (notes.has(t.id) ? colors.dim(' ✎') : ''),
      clean(t.category_name ? x.category(t.category_slug, t.category_name) : '—'),
      (tags.get(t.id) ?? []).map((g) => `#${g}`).join(' '),
      x.money(t.amount_minor, t.currency),
      t.pending ? colors.yellow(m.cliPending) : '',
    ]),
  );
}
