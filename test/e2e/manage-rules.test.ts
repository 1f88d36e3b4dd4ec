/**
 * Issue 12 item 8: /rules in headless Chromium against a real SQLite file synced from the
 * TrueLayer emulator. Every change previews its count and sample with nothing written, applies
 * as one recorded bulk change, and the page's Undo button puts back exactly what was there.
 */
import type { Browser, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { payeeCore } from '../../src/categorize/choose.js';
import type { WebServer } from '../../src/web/server.js';
import { withScreenshotOnFailure } from '../helpers/browser.js';
import { useWebRig } from '../helpers/web-rig.js';
import { count, type TestApp } from '../helpers/trax.js';

let browser: Browser;
let page: Page;
let t: TestApp;
let web: WebServer;
const rig = useWebRig();
beforeEach(() => {
  ({ page, t, web, browser } = rig);
});

const HOSTILE = '<img src=x onerror="window.__pwned=1"><b>Bäcker & Co</b>';

/** Every row's category fields, to compare before and after exactly. */
const categories = () =>
  t.app.db.prepare('SELECT id, category_id, category_source, category_rule_id FROM transactions ORDER BY id').all() as Array<{
    id: number;
    category_id: number;
    category_source: string;
    category_rule_id: number | null;
  }>;
const rules = () =>
  t.app.db.prepare('SELECT id, priority, name, conditions, category_id FROM rules ORDER BY priority, id').all() as Array<{
    id: number;
    priority: number;
    name: string | null;
    conditions: string;
    category_id: number;
  }>;
const slugOf = (id: number) => t.app.categories.get(id)!.slug;
const changedRows = (before: ReturnType<typeof categories>) => {
  const now = new Map(categories().map((r) => [r.id, r.category_id]));
  return before.filter((r) => now.get(r.id) !== r.category_id).length;
};

/**
 * A synced outgoing row that "apply to similar" would group with more than two others (same
 * merchant, or same payee words), none of them Eating out yet; with the field it prefills.
 */
function sharedPayeeRow(): { id: number; field: 'merchant' | 'description'; value: string } {
  const rows = t.app.db
    .prepare(
      `SELECT t.id, t.merchant, t.description FROM transactions t JOIN categories c ON c.id = t.category_id
       WHERE t.amount_minor < 0 AND c.slug <> 'eating-out' ORDER BY t.id`,
    )
    .all() as Array<{ id: number; merchant: string | null; description: string }>;
  const groups = new Map<string, Array<(typeof rows)[number]>>();
  for (const r of rows) {
    const key = r.merchant ? `m:${r.merchant}` : `d:${payeeCore(r.description)}`;
    if (key !== 'd:') groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const [key, members] = [...groups].sort((a, b) => b[1].length - a[1].length)[0]!;
  expect(members.length).toBeGreaterThan(2);
  return { id: members[0]!.id, field: key.startsWith('m:') ? 'merchant' : 'description', value: key.slice(2) };
}

describe('the rules page', () => {
  it('makes a rule from a transaction: previews, applies as one change, shows hostile names as text, and undoes it', async () => {
    await withScreenshotOnFailure(page, 'manage-rules-add-undo', async () => {
      await page.goto(`${web.url}/`);
      await page.locator('nav a', { hasText: 'Rules & budgets' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Rules');
      expect(await page.locator('.empty').textContent()).toBe('No rules yet.');

      const row = sharedPayeeRow();
      await page.goto(`${web.url}/transactions/${row.id}`);
      await page.locator('a[data-make-rule]').click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Add a rule');
      // Prefilled as "apply to similar" would make it: this merchant (or payee words), money out.
      expect(await page.locator(`input[name=${row.field}]`).inputValue()).toBe(row.value);
      expect(await page.locator(`select[name=${row.field}Op]`).inputValue()).toBe(
        row.field === 'merchant' ? 'equals' : 'contains',
      );
      expect(await page.locator('select[name=sign]').inputValue()).toBe('out');

      await page.locator('input[name=name]').fill(HOSTILE);
      await page.locator('select[name=category]').selectOption('eating-out');
      const before = categories();
      await page.getByRole('button', { name: 'Preview' }).click();
      const preview = page.locator('[data-rule-preview]');
      await preview.waitFor();
      const moves = Number(await preview.getAttribute('data-moves'));
      const matched = Number(await preview.getAttribute('data-matched'));
      expect(moves).toBeGreaterThan(2);
      expect(matched).toBeGreaterThanOrEqual(moves);
      expect(await page.locator('.rule-sample li').count()).toBe(Math.min(5, moves));
      expect(await page.locator('.rule-sample li').first().textContent()).toContain('→ Eating out');
      // The preview wrote nothing.
      expect(rules()).toEqual([]);
      expect(categories()).toEqual(before);

      await page.getByRole('button', { name: 'Apply' }).click();
      await expect
        .poll(() => page.locator('.flash.ok').textContent())
        .toMatch(/^Added rule \d+; \d+ transactions recategorized\.$/);
      const [rule] = rules();
      expect(rule).toMatchObject({ name: HOSTILE, priority: 100 });
      expect(JSON.parse(rule!.conditions)).toEqual({
        [row.field]: row.field === 'merchant' ? { equals: row.value } : { contains: row.value },
        sign: 'out',
      });
      expect(slugOf(rule!.category_id)).toBe('eating-out');
      // Exactly the previewed rows moved, all to Eating out by this rule.
      expect(changedRows(before)).toBe(moves);
      const decides = count(t.app, 'SELECT count(*) FROM transactions WHERE category_rule_id = ?', rule!.id);
      expect(decides).toBe(matched);

      const listed = page.locator(`tr[data-rule-id="${rule!.id}"]`);
      expect(await listed.locator('.rule-name').textContent()).toBe(HOSTILE);
      expect(await listed.locator('.rule-decides').textContent()).toBe(String(decides));
      expect(await page.locator('main img').count()).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

      await page.getByRole('button', { name: 'Undo' }).click();
      await expect.poll(() => page.locator('.flash.ok').textContent()).toContain(`${moves} transactions put back`);
      expect(rules()).toEqual([]);
      expect(categories()).toEqual(before);
    });
  });

  it('edits a rule with a preview, and undo puts back both the rows and the rule as it was', async () => {
    await withScreenshotOnFailure(page, 'manage-rules-edit', async () => {
      const row = sharedPayeeRow();
      await page.goto(`${web.url}/rules/new?from=${row.id}`);
      await page.locator('select[name=category]').selectOption('eating-out');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.locator('.flash.ok').waitFor();
      const [rule] = rules();
      const afterAdd = categories();

      await page.locator(`tr[data-rule-id="${rule!.id}"]`).getByRole('link', { name: 'Edit' }).click();
      expect(await page.locator('select[name=category]').inputValue()).toBe('eating-out');
      await page.locator('select[name=category]').selectOption('groceries');
      await page.locator('input[name=name]').fill('Shop');
      await page.getByRole('button', { name: 'Preview' }).click();
      const moves = Number(await page.locator('[data-rule-preview]').getAttribute('data-moves'));
      expect(moves).toBe(count(t.app, 'SELECT count(*) FROM transactions WHERE category_rule_id = ?', rule!.id));
      expect(categories()).toEqual(afterAdd);
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect
        .poll(() => page.locator('.flash.ok').textContent())
        .toBe(`Saved rule ${rule!.id}; ${moves} transactions recategorized.`);
      expect(rules()).toEqual([{ ...rule!, name: 'Shop', category_id: t.app.categories.resolve('groceries').id }]);
      expect(changedRows(afterAdd)).toBe(moves);

      await page.getByRole('button', { name: 'Undo' }).click();
      await page.locator('.flash.ok').waitFor();
      expect(rules()).toEqual([rule]);
      expect(categories()).toEqual(afterAdd);
    });
  });

  it("refuses an unusable rule with the CLI's sentence and writes nothing", async () => {
    await withScreenshotOnFailure(page, 'manage-rules-bad-input', async () => {
      const before = categories();
      await page.goto(`${web.url}/rules/new`);
      await page.locator('select[name=descriptionOp]').selectOption('regex');
      await page.locator('input[name=description]').fill('(a)\\1<script>');
      await page.getByRole('button', { name: 'Preview' }).click();
      const error = await page.locator('[data-rule-error]').textContent();
      expect(error).toMatch(/\.$/);
      expect(error).toContain('(a)\\1<script>');
      // The form keeps what was typed.
      expect(await page.locator('input[name=description]').inputValue()).toBe('(a)\\1<script>');

      await page.locator('input[name=description]').fill('');
      await page.getByRole('button', { name: 'Preview' }).click();
      expect(await page.locator('[data-rule-error]').textContent()).toBe(
        'That rule is not valid: conditions: a rule needs at least one condition.',
      );
      await page.locator('input[name=description]').fill('rewe');
      await page.locator('input[name=amountMin]').fill('ten');
      await page.getByRole('button', { name: 'Preview' }).click();
      expect(await page.locator('[data-rule-error]').textContent()).toContain('"ten" is not an amount like -12.50');
      expect(rules()).toEqual([]);
      expect(categories()).toEqual(before);
    });
  });

  it('reorders rules with Up and Down (no JavaScript needed), tests a line against them, and deletes', async () => {
    await withScreenshotOnFailure(page, 'manage-rules-reorder', async () => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const p = await context.newPage();
      try {
        for (const category of ['groceries', 'eating-out']) {
          await p.goto(`${web.url}/rules/new`);
          await p.locator('input[name=description]').fill('zz-probe');
          await p.locator('select[name=category]').selectOption(category);
          await p.getByRole('button', { name: 'Preview' }).click();
          await p.getByRole('button', { name: 'Apply' }).click();
          await p.locator('.flash.ok').waitFor();
        }
        const [first, second] = rules();
        expect(slugOf(first!.category_id)).toBe('groceries');

        await p.goto(`${web.url}/rules?test=${encodeURIComponent('ZZ-PROBE 123')}`);
        expect(await p.locator('[data-stage=rule]').textContent()).toContain('Groceries');
        expect(await p.locator('[data-stage=winner]').textContent()).toBe('→ Groceries (from your rule)');

        await p.getByRole('button', { name: `Move rule ${second!.id} up` }).click();
        await expect
          .poll(() => p.locator('.flash.ok').textContent())
          .toBe(`Moved rule ${second!.id}; 0 transactions recategorized.`);
        expect(rules().map((r) => r.id)).toEqual([second!.id, first!.id]);
        expect(await p.locator('tbody tr').first().getAttribute('data-rule-id')).toBe(String(second!.id));

        await p.locator('input[name=test]').fill('ZZ-PROBE 123');
        await p.getByRole('button', { name: 'Test' }).click();
        expect(await p.locator('[data-stage=winner]').textContent()).toBe('→ Eating out (from your rule)');

        await p.getByRole('button', { name: `Move rule ${first!.id} up` }).click();
        await p.locator('.flash.ok').waitFor();
        expect(rules().map((r) => r.id)).toEqual([first!.id, second!.id]);

        await p.locator(`tr[data-rule-id="${first!.id}"]`).getByRole('button', { name: 'Delete' }).click();
        await expect
          .poll(() => p.locator('.flash.ok').textContent())
          .toBe(`Removed rule ${first!.id}; 0 transactions recategorized.`);
        expect(rules().map((r) => r.id)).toEqual([second!.id]);
        await p.getByRole('button', { name: 'Undo' }).click();
        await p.locator('.flash.ok').waitFor();
        expect(rules().map((r) => r.id)).toEqual([first!.id, second!.id]);
      } finally {
        await context.close();
      }
    });
  });

  it('refuses rule, category and budget posts without the CSRF token or from another site', async () => {
    const form = 'category=groceries&description=rewe&confirm=1&amount=400&name=x';
    for (const path of ['/rules/new', '/categories', '/budgets', '/rules/1/delete', '/categories/groceries/delete']) {
      const noToken = await fetch(`${web.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: web.url },
        body: form,
        redirect: 'manual',
      });
      expect(noToken.status, path).toBe(403);
      const crossSite = await fetch(`${web.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body: form,
        redirect: 'manual',
      });
      expect(crossSite.status, path).toBe(403);
    }
    expect(rules()).toEqual([]);
    expect(count(t.app, 'SELECT count(*) FROM budgets')).toBe(0);
    expect(t.app.categories.bySlug('groceries')).toBeDefined();
  });
});
