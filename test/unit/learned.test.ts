import { describe, expect, it } from 'vitest';
import { LearnedClassifier, type LabeledExample } from '../../src/categorize/learned/index.js';
import { normalizeText, tokens } from '../../src/categorize/normalize.js';

const examples: LabeledExample[] = [
  { description: 'REWE SAGT DANKE 44261234', amountMinor: -2345, category: 'Groceries' },
  { description: 'EDEKA Hieber 20481', amountMinor: -1299, category: 'Groceries' },
  { description: 'VISA TESCO STORES 3012', amountMinor: -1230, category: 'Groceries' },
  { description: 'DB Vertrieb GmbH Fahrschein 123456789012', amountMinor: -4990, category: 'Transport' },
  { description: 'TFL TRAVEL CHARGE TFL.GOV.UK/CP', amountMinor: -280, category: 'Transport' },
  { description: 'Lastschrift Rundfunk ARD ZDF DRadio Beitragsnr. 123456789', amountMinor: -5508, category: 'Broadcasting fee' },
  { description: 'Nordlicht Software GmbH Lohn/Gehalt 03/2026', amountMinor: 341255, category: 'Salary' },
  { description: 'Bargeldauszahlung GA NR07235350 BLZ37050198 0', amountMinor: -10000, category: 'Cash' },
];

describe('normalizeText', () => {
  it.each([
    ['REWE SAGT DANKE 44261234', 'rewe'],
    ['Kartenzahlung girocard 4921 81** **** 1234 REWE SAGT DANKE 44261877 12.03.2026 14:32', 'rewe'],
    ['Lastschrift Rundfunk ARD ZDF DRadio', 'lastschrift rundfunk ard zdf dradio'],
    ['DB Vertrieb GmbH', 'db vertrieb'],
    ['Bargeldauszahlung GA NR07235350 BLZ37050198', 'bargeld auszahlung ga blz'],
    ['Gutschrift', 'gutschrift'],
    ['VISA TESCO STORES 3012', 'tesco stores'],
    ['CARD PAYMENT TO SAINSBURYS ON 12 MAR', 'sainsburys'],
    ['POS Purchase Engen Mitchell Park  * 07 Oct', 'engen mitchell park'],
    ['Stadtwerke Köln GmbH Abschlag 2026-03-12', 'stadt werke koeln abschlag'],
    ['Bäckerei Müller Straße', 'baeckerei mueller strasse'],
    ['Rundfunkbeitrag', 'rundfunk beitrag'],
    ['IBAN DE89 3704 0044 0532 0130 00 Miete', 'iban miete'],
    ['H & M Hennes & Mauritz / H&M 1234', 'h&m hennes mauritz h&m'],
    ['O2 Germany', 'o2 germany'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('gives the same text for the same merchant across banks and dates', () => {
    expect(normalizeText('Kartenzahlung REWE SAGT DANKE 44261877 12.03.2026')).toBe(normalizeText('REWE SAGT DANKE 44261234'));
    expect(normalizeText('CARD PAYMENT TO TESCO STORES 3297 ON 12 MAR')).toBe(normalizeText('VISA TESCO STORES 3012'));
  });

  it('can keep what it drops by default', () => {
    expect(tokens('POS Purchase Mcd Rivonia (53)', { dropNoise: false, keepDigitsUpTo: 2 })).toEqual([
      'pos',
      'purchase',
      'mcd',
      'rivonia',
      '53',
    ]);
  });
});

describe('LearnedClassifier', () => {
  it('has nothing to say without training data', () => {
    const empty = LearnedClassifier.train([]);
    expect(empty.size).toBe(0);
    expect(empty.predict({ description: 'REWE SAGT DANKE 1' })).toBeNull();
  });

  it('claims no earned confidence from eight examples or from corrections alone, however sure it is', () => {
    const few = LearnedClassifier.train(examples);
    const p = few.predict({ description: 'REWE SAGT DANKE 44060512', amountMinor: -4110 });
    expect(p?.category).toBe('Groceries');
    expect(p?.earned).toBeNull();
    const taught = LearnedClassifier.train([]);
    taught.update({ description: 'BACKWERK SAGT DANKE 0815', amountMinor: -684, category: 'Eating out' });
    const q = taught.predict({ description: 'VISA TESCO STORES 3012', amountMinor: -1230 });
    expect(q).toMatchObject({ category: 'Eating out', confidence: 0.999, earned: null });
  });

  it('learns from a few examples and says why', () => {
    const c = LearnedClassifier.train(examples);
    expect(c.size).toBe(examples.length);
    const p = c.predict({ description: 'REWE SAGT DANKE 44060512', amountMinor: -4110 });
    expect(p?.category).toBe('Groceries');
    expect(p!.confidence).toBeGreaterThan(0.5);
    expect(p!.confidence).toBeLessThanOrEqual(1);
    expect(p!.why.length).toBeGreaterThan(0);
    expect(c.predict({ description: 'Kartenzahlung TESCO STORES 3297', amountMinor: -745 })?.category).toBe('Groceries');
    expect(c.predict({ description: 'DB Vertrieb GmbH Fahrschein 987654321098', amountMinor: -5990 })?.category).toBe(
      'Transport',
    );
    expect(c.predict({ description: 'Kessler Medizintechnik GmbH Lohn/Gehalt 04/2026', amountMinor: 330000 })?.category).toBe(
      'Salary',
    );
    expect(c.predict({ description: 'qqxvz wqpfj' })).toBeNull();
  });

  it('takes a correction at once', () => {
    const c = LearnedClassifier.train(examples);
    const amazon = { description: 'AMZN Mktp DE 302-1234567-1234567', amountMinor: -2999 };
    expect(c.predict(amazon)?.category).not.toBe('Shopping');
    c.update({ ...amazon, category: 'Shopping' });
    expect(c.size).toBe(examples.length + 1);
    expect(c.predict(amazon)?.category).toBe('Shopping');
    // A new order number is the same text after normalization.
    expect(c.predict({ description: 'AMZN Mktp DE 304-7654321-7654321', amountMinor: -1500 })?.category).toBe('Shopping');
    // A later correction of the same text wins over the earlier label.
    c.update({ description: 'REWE SAGT DANKE 44261234', amountMinor: -2000, category: 'Household' });
    expect(c.predict({ description: 'REWE SAGT DANKE 44261877', amountMinor: -2000 })?.category).toBe('Household');
  });

  it('round-trips through JSON and validates on load', () => {
    const c = LearnedClassifier.train(examples);
    c.update({ description: 'Zalando SE 1234567890', amountMinor: -8990, category: 'Clothing' });
    const text = JSON.stringify(c.toJSON());
    const back = LearnedClassifier.fromJSON(JSON.parse(text));
    expect(back.size).toBe(c.size);
    expect(JSON.stringify(back.toJSON())).toBe(text);
    for (const input of [
      ...examples,
      { description: 'ZALANDO SE 555', amountMinor: -100 },
      { description: 'VISA EDEKA CENTER', amountMinor: -900 },
    ]) {
      expect(back.predict(input)).toEqual(c.predict(input));
    }
    expect(() => LearnedClassifier.fromJSON({ format: 'something else' })).toThrow(/invalid/);
    expect(() => LearnedClassifier.fromJSON({ ...JSON.parse(text), version: 999 })).toThrow(/retrain/);
  });

  it('trains the alternative models behind the same API', () => {
    for (const model of ['nb', 'perceptron', 'softmax', 'hinge'] as const) {
      const c = LearnedClassifier.train(examples, { model });
      expect(c.predict({ description: 'VISA TESCO STORES 9999', amountMinor: -500 })?.category).toBe('Groceries');
      const back = LearnedClassifier.fromJSON(JSON.parse(JSON.stringify(c.toJSON())));
      expect(back.predict({ description: 'EDEKA Hieber 1' })).toEqual(c.predict({ description: 'EDEKA Hieber 1' }));
    }
  });
});
