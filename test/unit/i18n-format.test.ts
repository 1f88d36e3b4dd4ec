import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minorToDecimalString } from '../../src/domain/money.js';
import { DEFAULT_TAXONOMY } from '../../src/categorize/taxonomy.js';
import { categoryName, GERMAN_CATEGORY_SLUGS } from '../../src/i18n/categories.js';
import { formatAmount, formatDay, formatMonth } from '../../src/i18n/format.js';
import { langFromAcceptLanguage, langFromEnv, parseLang, requestLang } from '../../src/i18n/lang.js';
import { de } from '../../src/i18n/messages/de.js';
import { en } from '../../src/i18n/messages/en.js';

describe('German amounts and dates', () => {
  it('reads as a German bank statement does', () => {
    expect(formatAmount(123456, 'EUR', 'de')).toBe('1.234,56\u00a0€');
    expect(formatAmount(-420, 'EUR', 'de')).toBe('-4,20\u00a0€');
    expect(formatAmount(1234, 'JPY', 'de')).toBe('1.234\u00a0¥');
    expect(formatDay('2026-12-02', 'de')).toBe('02.12.2026');
    expect(formatMonth('2026-05', 'de')).toBe('Mai 2026');
  });

  it('keeps English as Trax always printed it', () => {
    expect(formatAmount(123456, 'EUR', 'en')).toBe('1,234.56 EUR');
    expect(formatDay('2026-12-02', 'en')).toBe('2026-12-02');
    expect(formatMonth('2026-05', 'en')).toBe('May 2026');
  });

  it('never rounds: the German figure carries exactly the stored minor units, for any amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('EUR', 'GBP', 'USD', 'JPY', 'CHF'),
        (minor, currency) => {
          const shown = formatAmount(minor, currency, 'de');
          const back = shown.replace(/[^\d,-]/g, '').replace(',', '.');
          expect(back).toBe(minorToDecimalString(minor, currency));
        },
      ),
      { seed: 20261203, numRuns: 500 },
    );
  });
});

describe('which language', () => {
  it('takes TRAX_LANG first, then the POSIX locale, else English', () => {
    expect(langFromEnv({ TRAX_LANG: 'de', LANG: 'en_US.UTF-8' })).toBe('de');
    expect(langFromEnv({ LANG: 'de_DE.UTF-8' })).toBe('de');
    expect(langFromEnv({ LC_ALL: 'C', LANG: 'de_DE.UTF-8' })).toBe('en');
    expect(langFromEnv({ LANG: 'fr_FR.UTF-8' })).toBe('en');
    expect(langFromEnv({})).toBe('en');
  });

  it("follows the browser's Accept-Language by q-value, unless TRAX_LANG says otherwise", () => {
    expect(langFromAcceptLanguage('de-DE,de;q=0.9,en;q=0.8')).toBe('de');
    expect(langFromAcceptLanguage('fr-FR, en;q=0.5, de;q=0.7')).toBe('de');
    expect(langFromAcceptLanguage('fr-FR')).toBe('en');
    expect(langFromAcceptLanguage('de;q=0, en')).toBe('en');
    expect(requestLang({ TRAX_LANG: 'en' }, 'de-DE')).toBe('en');
    expect(requestLang({}, 'de-AT')).toBe('de');
    expect(parseLang('DE-ch')).toBe('de');
  });

  it('has a German text for every English one, and no English left in the German catalogue', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    // Words German writes the same way.
    const same = new Set(['budgets', 'manageBudgets']);
    for (const [key, value] of Object.entries(de)) {
      if (same.has(key)) continue;
      const english = (en as Record<string, unknown>)[key];
      if (typeof value === 'string' && typeof english === 'string' && english.length > 6) {
        expect(value, key).not.toBe(english);
      }
    }
  });
});

describe('category names', () => {
  it('names every built-in category in German, but keeps a name the user gave', () => {
    expect(GERMAN_CATEGORY_SLUGS.sort()).toEqual(DEFAULT_TAXONOMY.map((c) => c.slug).sort());
    expect(categoryName('groceries', 'Groceries', 'de')).toBe('Lebensmittel');
    expect(categoryName('groceries', 'Supermarkt', 'de')).toBe('Supermarkt');
    expect(categoryName('groceries', 'Groceries', 'en')).toBe('Groceries');
    expect(categoryName('urlaub', 'Urlaub', 'de')).toBe('Urlaub');
  });
});
