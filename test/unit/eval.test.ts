import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  formatEvalReport,
  loadEvalCsv,
  parseAmountMinor,
  parseCsv,
  scorePredictions,
} from '../../src/categorize/eval/index.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'categorize');

describe('categorization eval', () => {
  it('scores the hand-computed fixture exactly', () => {
    const train = loadEvalCsv(join(fixtures, 'eval-train.csv')).rows;
    const test = loadEvalCsv(join(fixtures, 'eval-test.csv')).rows;
    expect(train).toHaveLength(20);
    const report = evaluate(train, test);
    expect(report.n).toBe(20);
    expect(report.accuracy).toBe(0.75);
    // (8/9 + 3/4 + 6/7 + 6/7 + 1 + 0 + 0 + 0) / 8, labels = union of true and predicted (see README).
    expect(report.macro_f1).toBeCloseTo(1097 / 2016, 12);
    expect(report.perCategory.map((c) => c.category)).toEqual([
      'Eating Out',
      'Groceries',
      'Household',
      'Refunds',
      'Salary',
      'Transport',
      'Travel',
      'Utilities',
    ]);
    expect(report.perCategory.find((c) => c.category === 'Groceries')).toMatchObject({ support: 4, precision: 0.8, recall: 1 });
    expect(report.confusions).toContainEqual({ actual: 'Household', predicted: 'Groceries', count: 1 });
    expect(report.confusions).toContainEqual({ actual: 'Transport', predicted: '(none)', count: 1 });
    const text = formatEvalReport(report);
    expect(text).toContain('n=20  accuracy 75.0%  macro-F1 0.544');
    expect(text).toContain('Household -> Groceries');
  });

  it('names the missing column and the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trax-eval-'));
    const path = join(dir, 'eval.csv');
    writeFileSync(path, 'description,amount\nREWE,-1.00\n');
    expect(() => loadEvalCsv(path)).toThrow(`${path} has no "category" column (columns: description, amount)`);
    writeFileSync(path, 'text,category\nREWE,Groceries\n');
    expect(() => loadEvalCsv(path)).toThrow(`${path} has no "description" column (columns: text, category)`);
  });

  it('reads quoted fields, CRLF, the label alias and exact amounts', () => {
    const rows = loadEvalCsv(join(fixtures, 'eval-train.csv')).rows;
    expect(rows[10]).toEqual({
      description: 'Pizzeria Da Mario, Köln',
      merchant: null,
      amountMinor: -3800,
      category: 'Eating Out',
    });
    expect(rows[16]!.amountMinor).toBe(341255);
    expect(loadEvalCsv(join(fixtures, 'eval-test.csv')).rows[18]).toMatchObject({
      description: 'qqxvz wqpfj',
      amountMinor: null,
      category: 'Transport',
    });
    expect(parseCsv('a,"b ""q"", c"\r\n1,"x\ny"\r\n')).toEqual([
      ['a', 'b "q", c'],
      ['1', 'x\ny'],
    ]);
    expect(parseAmountMinor('-12.30')).toBe(-1230);
    expect(parseAmountMinor('38 624.93')).toBe(3862493);
    expect(parseAmountMinor('-650.0')).toBe(-65000);
    expect(parseAmountMinor('0.1')).toBe(10);
    expect(parseAmountMinor('12.345')).toBeNull();
    expect(parseAmountMinor('Bank')).toBeNull();
  });

  it('takes back description text that spilled into the amount column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trax-eval-'));
    const path = join(dir, 'za.csv');
    writeFileSync(
      path,
      'description,amount,label\nSMS Notification Fee Branch: ,470010 -0.80,Fees\nBanking App Payment ,Bank,Education\n',
    );
    expect(loadEvalCsv(path).rows).toEqual([
      { description: 'SMS Notification Fee Branch: 470010', merchant: null, amountMinor: -80, category: 'Fees' },
      { description: 'Banking App Payment Bank', merchant: null, amountMinor: null, category: 'Education' },
    ]);
  });

  it('matches scikit-learn macro-F1 conventions', () => {
    // sklearn: f1_score(['a','a','b'], ['a','c','b'], average='macro') = (2/3 + 1 + 0) / 3
    const r = scorePredictions(['a', 'a', 'b'], ['a', 'c', 'b']);
    expect(r.macro_f1).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
    expect(r.accuracy).toBeCloseTo(2 / 3, 12);
  });
});
