import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseCategory } from '../../src/categorize/choose.js';
import type { TrueLayerSandbox } from '../../src/sandbox/truelayer/index.js';
import { syncConnection } from '../../src/sync/engine.js';
import { connect, count, MOCK, runCli, type TestApp, useSandboxApp } from '../helpers/trax.js';

let sb: TrueLayerSandbox;
let t: TestApp;
useSandboxApp((s, a) => ((sb = s), (t = a)));

/** The category slug of the newest settled transaction whose description matches `like`. */
function categoryOf(like: string): { slug: string; source: string } | undefined {
  return t.app.db
    .prepare(
      `SELECT c.slug, t.category_source AS source FROM transactions t JOIN categories c ON c.id = t.category_id
       WHERE t.description LIKE ? AND t.pending = 0 ORDER BY t.booking_date DESC LIMIT 1`,
    )
    .get(like) as { slug: string; source: string } | undefined;
}

/** Every row's category fields, in id order: what a bulk change may move and undo must put back. */
const state = () =>
  t.app.db
    .prepare(
      'SELECT id, category_id, category_source, category_confidence, category_rule_id, transfer_pair_id FROM transactions ORDER BY id',
    )
    .all() as Array<{ id: number; category_id: number; category_rule_id: number | null }>;

describe('categorization after a sync', () => {
  it('gives every transaction a category; German statement text lands where a person expects', async () => {
    await connect(t.app, sb);
    expect(count(t.app, 'SELECT count(*) FROM transactions WHERE category_id IS NULL')).toBe(0);
    expect(categoryOf('REWE SAGT DANKE%')?.slug).toBe('groceries');
    expect(categoryOf('DB Vertrieb GmbH%')?.slug).toBe('public-transport');
    expect(categoryOf('%Rundfunk ARD ZDF%')?.slug).toBe('tv-licence');
    expect(categoryOf('%Miete%')?.slug).toBe('housing');
    expect(categoryOf('NETFLIX%')?.slug).toBe('streaming');
    expect(categoryOf('Bargeldauszahlung%')?.slug).toBe('cash');
    expect(categoryOf('%Apotheke%')?.slug).toBe('pharmacy');
    expect(categoryOf('ARAL%')?.slug).toBe('fuel');
    const uncategorized = count(t.app, `SELECT count(*) FROM transactions WHERE category_source = 'none'`);
    const total = count(t.app, 'SELECT count(*) FROM transactions');
    expect(uncategorized / total).toBeLessThan(0.1);
  });

  it('uses UK merchant defaults and TrueLayer’s classification', async () => {
    await connect(t.app, sb, { providerId: MOCK });
    const tesco = categoryOf('%TESCO%');
    expect(tesco?.slug).toBe('groceries');
    expect(categoryOf('%THAMES WATER%')?.slug).toBe('water');
  });

  it('pairs transfers between the user’s own accounts and keeps them out of spending', async () => {
    await connect(t.app, sb);
    const pairs = t.app.db
      .prepare(
        `SELECT a.id, a.amount_minor AS a_amount, b.amount_minor AS b_amount, a.account_id AS a_acc, b.account_id AS b_acc, ca.slug
         FROM transactions a JOIN transactions b ON b.id = a.transfer_pair_id JOIN categories ca ON ca.id = a.category_id
         WHERE a.amount_minor < 0`,
      )
      .all() as Array<{ a_amount: number; b_amount: number; a_acc: number; b_acc: number; slug: string }>;
    expect(pairs.length).toBeGreaterThan(5);
    for (const p of pairs) {
      expect(p.a_amount).toBe(-p.b_amount);
      expect(p.a_acc).not.toBe(p.b_acc);
      expect(p.slug).toBe('transfers');
    }
  });

  it('keeps the user’s choice across re-syncs, new days, recategorization and a relink', async () => {
    const { connection } = await connect(t.app, sb);
    const rewe = t.app.db
      .prepare(
        `SELECT id FROM transactions WHERE description LIKE 'REWE SAGT DANKE%' AND pending = 0 ORDER BY booking_date LIMIT 1`,
      )
      .pluck()
      .get() as number;
    chooseCategory(t.app, rewe, 'eating-out');
    const mine = () =>
      t.app.db
        .prepare(
          `SELECT c.slug, t.category_source AS source FROM transactions t JOIN categories c ON c.id = t.category_id WHERE t.description = (SELECT description FROM transactions WHERE id = ?) AND t.booking_date = (SELECT booking_date FROM transactions WHERE id = ?)`,
        )
        .get(rewe, rewe);
    await syncConnection(t.app, connection.id, { trigger: 'user' });
    sb.clock.advance(3 * 86_400_000);
    await syncConnection(t.app, connection.id, { trigger: 'user' });
    expect((await runCli(['categorize', '--all'], t.env)).code).toBe(0);
    expect(mine()).toEqual({ slug: 'eating-out', source: 'user' });
    sb.faults.churnAccountIds();
    await syncConnection(t.app, connection.id, { trigger: 'user' });
    expect(mine()).toEqual({ slug: 'eating-out', source: 'user' });
  });

  it('"apply to similar" previews, refuses without --yes off a terminal, then moves exactly the look-alikes; undo puts them back', async () => {
    await connect(t.app, sb);
    const id = t.app.db
      .prepare(`SELECT id FROM transactions WHERE description LIKE 'DB Vertrieb GmbH Fahrschein%' AND amount_minor < 0 LIMIT 1`)
      .pluck()
      .get() as number;
    const before = state();
    const travel = t.app.categories.resolve('travel').id;
    // The rule "similar" makes: these words in the description, money out.
    const lookAlikes = t.app.db
      .prepare(
        `SELECT id FROM transactions WHERE lower(description) LIKE '%db vertrieb gmbh%' AND amount_minor < 0 AND id != ? AND category_id IS NOT ?`,
      )
      .pluck()
      .all(id, travel) as number[];
    expect(lookAlikes.length).toBeGreaterThan(0);

    const refused = await runCli(['categorize', 'set', String(id), 'travel', '--similar'], t.env);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('This creates a rule: description contains "db vertrieb gmbh", money out → Travel.');
    expect(refused.stdout).toContain(`${lookAlikes.length} other transactions would move to Travel, for example:`);
    expect(refused.stderr).toContain(
      `Nothing changed: --similar would move ${lookAlikes.length} transactions; pass --yes to apply it without asking.`,
    );
    expect(state()).toEqual(before);

    const r = await runCli(['categorize', 'set', String(id), 'travel', '--similar', '--yes'], t.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/now Travel/);
    expect(r.stdout).toContain(`it recategorized ${lookAlikes.length} similar transactions`);
    const after = state();
    const moved = after.filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i])).map((row) => row.id);
    expect(moved.sort((x, y) => x - y)).toEqual([...lookAlikes, id].sort((x, y) => x - y));
    for (const m of moved) expect(after.find((row) => row.id === m)!.category_id).toBe(travel);
    expect((await runCli(['rules', 'list'], t.env)).stdout).toContain('db vertrieb gmbh');

    const undo = await runCli(['undo'], t.env);
    expect(undo.code, undo.stderr).toBe(0);
    expect(undo.stdout).toContain(`restored the categories of ${lookAlikes.length + 1} transactions, removed 1 rule.`);
    expect(state()).toEqual(before);
    expect(count(t.app, 'SELECT count(*) FROM rules')).toBe(0);
    expect(count(t.app, 'SELECT count(*) FROM category_choices')).toBe(0);
    const again = await runCli(['undo'], t.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('There is no bulk recategorization to undo');
  });

  it('`trax rules add` moves only the rows it matches and `trax categorize --all` is undone exactly', async () => {
    await connect(t.app, sb);
    const before = state();
    const add = await runCli(['rules', 'add', '--category', 'gifts', '--description-contains', 'rewe'], t.env);
    expect(add.code, add.stderr).toBe(0);
    const rewe = t.app.db.prepare(`SELECT id FROM transactions WHERE lower(description) LIKE '%rewe%' ORDER BY id`).pluck().all();
    const moved = state()
      .filter((row, i) => JSON.stringify(row) !== JSON.stringify(before[i]))
      .map((row) => row.id);
    expect(moved).toEqual(rewe);
    expect(add.stdout).toContain(
      `it now categorizes ${rewe.length} transactions (${rewe.length} changed). Undo with \`trax undo\`.`,
    );
    const afterRule = state();
    expect((await runCli(['categorize', '--all'], t.env)).code).toBe(0);
    expect((await runCli(['undo'], t.env)).code).toBe(0);
    expect(state()).toEqual(afterRule);
    expect((await runCli(['undo'], t.env)).stdout).toContain('removed 1 rule');
    expect(state()).toEqual(before);
  });

  it('`trax rules rm` moves only the rows the rule held, and `trax undo` brings the rule and the rows back', async () => {
    await connect(t.app, sb);
    const rulesNow = () => t.app.db.prepare('SELECT id, priority, name, conditions, category_id FROM rules ORDER BY id').all();
    expect((await runCli(['rules', 'add', '--category', 'gifts', '--description-contains', 'rewe'], t.env)).code).toBe(0);
    expect((await runCli(['rules', 'add', '--category', 'travel', '--description-contains', 'db vertrieb'], t.env)).code).toBe(0);
    const withRules = state();
    const rulesBefore = rulesNow();
    const [rewe] = rulesBefore as Array<{ id: number }>;
    const held = withRules.filter((r) => r.category_rule_id === rewe!.id).map((r) => r.id);
    expect(held.length).toBeGreaterThan(0);

    const rm = await runCli(['rules', 'rm', String(rewe!.id)], t.env);
    expect(rm.code, rm.stderr).toBe(0);
    expect(rm.stdout).toBe(`Removed rule ${rewe!.id}; ${held.length} transactions recategorized. Undo with \`trax undo\`.\n`);
    const moved = state()
      .filter((row, i) => JSON.stringify(row) !== JSON.stringify(withRules[i]))
      .map((row) => row.id);
    expect(moved).toEqual(held);

    const undo = await runCli(['undo'], t.env);
    expect(undo.code, undo.stderr).toBe(0);
    expect(state()).toEqual(withRules);
    expect(rulesNow()).toEqual(rulesBefore);

    const missing = await runCli(['rules', 'rm', '999'], t.env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no rule 999; see `trax rules list`.');
    expect(state()).toEqual(withRules);
  });

  it('`trax rules test` explains which stage would fire and why', async () => {
    await connect(t.app, sb);
    await runCli(['rules', 'add', '--category', 'gifts', '--description-contains', 'blumen'], t.env);
    const a = await runCli(['rules', 'test', 'BLUMEN RISSE KOELN'], t.env);
    expect(a.stdout).toMatch(/your rules: +gifts — rule \d+: description contains "blumen"/);
    expect(a.stdout).toContain('→ gifts (from rule)');
    const b = await runCli(['rules', 'test', 'VISA TESCO STORES 3012'], t.env);
    expect(b.stdout).toMatch(/built-in rules: groceries — description contains "tesco"/);
  });
});

describe('rules files', () => {
  it('round-trips through export and import', async () => {
    await runCli(['rules', 'add', '--category', 'groceries', '--description-contains', 'hofladen', '--name', 'Farm shop'], t.env);
    await runCli(
      [
        'rules',
        'add',
        '--category',
        'housing',
        '--counterparty-contains',
        'hausverwaltung',
        '--sign',
        'out',
        '--amount-max',
        '-500',
      ],
      t.env,
    );
    const file = path.join(t.dataDir, 'rules.yaml');
    expect((await runCli(['rules', 'export', '--file', file], t.env)).code).toBe(0);
    const other = { ...t.env, TRAX_DATA_DIR: path.join(t.dataDir, 'other') };
    const imp = await runCli(['rules', 'import', file], other);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('Imported 2 rules');
    const listed = JSON.parse((await runCli(['rules', 'list', '--json'], other)).stdout) as Array<{
      name: string | null;
      category: string;
      conditions: unknown;
    }>;
    expect(listed.map((r) => [r.name, r.category])).toEqual([
      ['Farm shop', 'groceries'],
      [null, 'housing'],
    ]);
    expect(listed[1]!.conditions).toEqual({ counterparty: { contains: 'hausverwaltung' }, amount: { max: '-500' }, sign: 'out' });
  });

  it('refuses a bad file with the line and the reason, importing nothing', async () => {
    const file = path.join(t.dataDir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'rules:',
        '  - category: groceries',
        '    when:',
        '      description: { contains: "rewe" }',
        '  - category: groceries',
        '    when:',
        '      colour: red',
        '  - category: groceries',
        '    when:',
        '      description: { regex: "(a)\\\\1" }',
        '  - category: yachts',
        '    when:',
        '      merchant: { equals: "Marina" }',
      ].join('\n'),
    );
    const r = await runCli(['rules', 'import', file], t.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line 8: rules\.1\.when: Unrecognized key.*colour/);
    expect(count(t.app, 'SELECT count(*) FROM rules')).toBe(0);
    writeFileSync(
      file,
      [
        'rules:',
        '  - category: groceries',
        '    when:',
        '      description: { regex: "(a)\\\\1" }',
        '  - category: yachts',
        '    when:',
        '      merchant: { equals: "Marina" }',
      ].join('\n'),
    );
    const r2 = await runCli(['rules', 'import', file], t.env);
    expect(r2.stderr).toMatch(/line 4: The regex \/\(a\)\\1\/ uses a backreference/);
    expect(r2.stderr).toMatch(/line 5: There is no category "yachts"/);
    expect(count(t.app, 'SELECT count(*) FROM rules')).toBe(0);
  });
});

describe('trax categorize eval', () => {
  const fixture = (f: string) => path.join(process.cwd(), 'test/fixtures/categorize', f);

  it('trains on one CSV, scores on another, and prints the known numbers', async () => {
    const r = await runCli(
      ['categorize', 'eval', '--train', fixture('eval-train.csv'), '--test', fixture('eval-test.csv'), '--json'],
      t.env,
    );
    expect(r.code, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as { n: number; accuracy: number; macro_f1: number };
    expect(got.n).toBe(20);
    expect(got.accuracy).toBe(0.75);
    expect(got.macro_f1).toBeCloseTo(1097 / 2016, 10);
    const human = await runCli(
      ['categorize', 'eval', '--train', fixture('eval-train.csv'), '--test', fixture('eval-test.csv')],
      t.env,
    );
    expect(human.stdout).toContain('n=20  accuracy 75.0%  macro-F1 0.544');
    expect(human.stdout).toContain('top confusions');
  });

  it('names the missing column', async () => {
    const bad = path.join(t.dataDir, 'bad.csv');
    writeFileSync(bad, 'description,amount\nREWE SAGT DANKE,-12.30\n');
    const r = await runCli(['categorize', 'eval', '--train', bad, '--test', fixture('eval-test.csv')], t.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.csv has no "category" column (columns: description, amount)');
  });
});
