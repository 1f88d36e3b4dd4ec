/**
 * RuleStore's reorder and update, and the undo log keeping edited and removed rules (migration
 * 015): undo puts a rule back exactly as it was, next to the rows it decided.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CategoryStore } from '../../src/store/categories.js';
import { openDatabase, type Db } from '../../src/store/db.js';
import { RuleStore } from '../../src/store/rules.js';
import { UndoStore } from '../../src/store/undo.js';

let dir: string;
let db: Db;
let rules: RuleStore;
let food: number;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'trax-rules-'));
  db = openDatabase(path.join(dir, 'trax.sqlite'));
  const categories = new CategoryStore(db);
  categories.ensureDefaults('2026-01-01T00:00:00Z');
  food = categories.resolve('groceries').id;
  rules = new RuleStore(db);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const add = (name: string, priority = 100) =>
  rules.add({ name, priority, conditions: { description: { contains: name } }, categoryId: food }, '2026-01-01T00:00:00Z');
const order = () => rules.raw().map((r) => r.name);

describe('RuleStore.move', () => {
  it('swaps a rule with its neighbour even when every priority is the default', () => {
    add('a');
    const b = add('b');
    add('c');
    expect(rules.move(b, -1)).toBe(true);
    expect(order()).toEqual(['b', 'a', 'c']);
    expect(rules.raw().map((r) => r.priority)).toEqual([10, 20, 30]);
    expect(rules.move(b, -1)).toBe(false);
    expect(rules.move(b, 1)).toBe(true);
    expect(rules.move(b, 1)).toBe(true);
    expect(order()).toEqual(['a', 'c', 'b']);
    expect(rules.move(b, 1)).toBe(false);
    expect(rules.move(999, 1)).toBe(false);
  });
});

describe('undo of a rule change', () => {
  it('writes an edited rule and a removed rule back as they were', () => {
    const a = add('a', 5);
    const b = add('b', 7);
    const before = rules.raw();
    const undo = new UndoStore(db);
    const was = [...undo.rules().values()];
    undo.snapshot();
    rules.update(a, { name: 'edited', priority: 1, conditions: { sign: 'out' }, categoryId: food });
    rules.remove(b);
    const batch = undo.record({
      kind: 'rules-edit',
      summary: 'test',
      createdAt: '2026-01-02T00:00:00Z',
      rulesAdded: [],
      rulesBefore: was,
      choicesBefore: [],
      classifierBefore: undefined,
    });
    expect(batch).not.toBeNull();
    expect(rules.raw().map((r) => r.name)).toEqual(['edited']);
    undo.undo(batch!.id, '2026-01-03T00:00:00Z');
    expect(rules.raw()).toEqual(before);
  });
});
