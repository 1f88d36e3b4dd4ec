import { describe, expect, it } from 'vitest';
import { de } from '../../src/i18n/messages/de.js';
import { en } from '../../src/i18n/messages/en.js';

/**
 * Every German text exists and is German: a key missing from de.ts, or a German text left equal
 * to the English one, fails here. Functions are called with sample arguments (numbers and the
 * codes Trax passes: statuses, cadences, triggers, reasons); a German function whose output equals
 * the English one for every sample was not translated.
 */
const SAMPLES: unknown[] = [
  3,
  1,
  'active',
  'monthly',
  'done',
  'user',
  'new',
  'uncategorized',
  'linked',
  'needs_reauth',
  'sync',
  'Usage:',
];

/** Words a German bank customer writes exactly as in English. */
const SAME_IN_GERMAN = new Set([
  'budgets', // "Budgets"
  'cliBudgetColumn', // "Budget"
  'cliBudget', // "Budget (EUR)"
  'cliLimit', // "Limit"
  'cliId', // "ID"
  'cliBank', // "Bank"
  'bank',
  'cliStatus', // "Status"
  'status',
  'navImport', // "Import"
  'format', // "Format"
  'name', // "Name"
  'cliName',
  'cliTags', // "Tags"
  'dashboardTag', // "Tag"
  'manageBudgets', // "Budgets"
  'budgetLimit', // "Budget"
  'ruleName', // "Name"
  'categoryNewName', // "Name"
  // Lookups by a fixed word (contains, expense, ...): the samples are no such word, so both
  // catalogues hand them back unchanged; the German words themselves are in de.ts.
  'ruleOp',
  'categoryKind',
  'cliHelpText', // a lookup by the English --help text; test/unit/cli-help-german.test.ts checks every one has German
  'cliSyncFailed', // only the bank, the id and the provider's own message (German "fehlgeschlagen" when it has none)
]);

const callable = (f: unknown) => f as (...a: unknown[]) => string;
const outputs = (f: unknown): string[] =>
  SAMPLES.map((s) => {
    try {
      return String(callable(f)(...Array.from({ length: Math.max(callable(f).length, 1) }, () => s)));
    } catch {
      return '<throws>';
    }
  });

describe('the German catalogue', () => {
  it('has every key of the English one and nothing else', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  });

  it('translates every text, apart from a short list of words German shares with English', () => {
    const untranslated: string[] = [];
    for (const [key, english] of Object.entries(en)) {
      if (SAME_IN_GERMAN.has(key)) continue;
      const german = (de as Record<string, unknown>)[key];
      if (typeof english === 'string') {
        if (german === english) untranslated.push(key);
      } else if (outputs(german).every((out, i) => out === outputs(english)[i])) untranslated.push(key);
    }
    expect(untranslated).toEqual([]);
  });
});
