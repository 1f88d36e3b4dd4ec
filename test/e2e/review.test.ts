/**
 * The review inbox in headless Chromium against a real SQLite file synced from the TrueLayer
 * emulator: the navigation badge, and every answer given through the page's plain forms.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { reviewCount, reviewQueue } from '../../src/review/queue.js';
import type { WebServer } from '../../src/web/server.js';
import { withScreenshotOnFailure } from '../helpers/browser.js';
import { useWebRig } from '../helpers/web-rig.js';
import { count, type TestApp } from '../helpers/trax.js';

let page: Page;
let t: TestApp;
let web: WebServer;
const rig = useWebRig();
beforeEach(() => {
  ({ page, t, web } = rig);
});

const badge = () => page.locator('nav a[href="/review"]').getAttribute('data-review-count');
const entry = (kind: string, id: number) => page.locator(`li[data-review-kind=${kind}][data-review-id="${id}"]`);
const row = (id: number) =>
  t.app.db
    .prepare(
      `SELECT c.slug, t.category_source AS source, t.transfer_pair_id AS pair FROM transactions t
       LEFT JOIN categories c ON c.id = t.category_id WHERE t.id = ?`,
    )
    .get(id) as { slug: string | null; source: string; pair: number | null };

describe('the review inbox page', () => {
  it('shows the count on every page and answers accept, change, and similar with its preview', async () => {
    await withScreenshotOnFailure(page, 'review-accept-change', async () => {
      const total = reviewCount(t.app);
      // A first sync: every booked row is new, more than the badge counts.
      expect(total).toBeGreaterThan(99);
      for (const path of ['/', '/transactions', '/dashboard', '/import']) {
        await page.goto(`${web.url}${path}`);
        expect(await badge()).toBe('99+');
        expect(await page.locator('nav .badge.count').textContent()).toBe('99+');
      }
      await page.locator('nav a[href="/review"]').click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('Review');
      // The page counts up to 1,000 entries (a first sync brings more), the badge up to 99.
      const counted = total >= 1000 ? 'At least 1000 entries' : `${total} entries`;
      expect(await page.locator('[data-review-total]').textContent()).toBe(`${counted}; 1–50 shown, newest first.`);
      // Older → pages on: the next 50 entries, in the inbox's order, and a way back.
      const second50 = reviewQueue(t.app, { limit: 50, offset: 50 }).items.filter((i) => i.kind !== 'duplicate');
      await page.getByRole('link', { name: 'Older →' }).click();
      await expect.poll(() => page.locator('[data-review-total]').textContent()).toBe(`${counted}; 51–100 shown, newest first.`);
      expect(
        await page
          .locator('li[data-review-kind]:not([data-review-kind=duplicate])')
          .evaluateAll((ls) => ls.map((l) => Number(l.getAttribute('data-review-id')))),
      ).toEqual(second50.map((i) => i.id));
      await page.getByRole('link', { name: '← Newer' }).click();
      await expect.poll(() => page.url()).toMatch(/\/review\?page=1$/);
      await page.goto(`${web.url}/review?page=99999`);
      await expect.poll(() => page.url()).toMatch(/\/review$/);
      await page.goto(`${web.url}/review`);

      const plain = reviewQueue(t.app).items.filter(
        (i) => i.kind === 'transaction' && i.transaction.category !== 'uncategorized',
      );
      const [first, second] = plain;
      const kept = row(first!.id).slug;
      const keptName = t.app.categories.resolve(kept!).name;
      await entry('transaction', first!.id).getByRole('button', { name: 'Accept' }).click();
      await expect.poll(() => page.locator('.flash.ok').textContent()).toContain(`Kept ${keptName} for #${first!.id}`);
      expect(row(first!.id)).toMatchObject({ slug: kept, source: 'user' });
      expect(await entry('transaction', first!.id).count()).toBe(0);
      expect(reviewCount(t.app)).toBe(total - 1);

      await entry('transaction', second!.id).locator('select[name=category]').selectOption('eating-out');
      await entry('transaction', second!.id).getByRole('button', { name: 'Change' }).click();
      await expect.poll(() => page.locator('.flash.ok').textContent()).toContain(`#${second!.id} is now Eating out`);
      expect(row(second!.id)).toMatchObject({ slug: 'eating-out', source: 'user' });

      const entries = reviewQueue(t.app, { limit: 5000 }).items.filter((i) => i.kind !== 'duplicate');
      const at = entries.findIndex((i) => i.kind === 'transaction' && i.transaction.description.startsWith('REWE SAGT DANKE'));
      const rewe = entries[at]!;
      const rules = count(t.app, 'SELECT count(*) FROM rules');
      // 50 entries a page, newest first: the REWE row is on the page its place says.
      await page.goto(`${web.url}/review?page=${Math.floor(at / 50) + 1}`);
      const e = entry('transaction', rewe.id);
      if ((await e.count()) === 0) throw new Error(`the REWE row (entry ${at + 1}) is not on its page`);
      await e.locator('select[name=category]').selectOption('eating-out');
      await e.getByLabel('and similar').check();
      await e.getByRole('button', { name: 'Change' }).click();
      await expect
        .poll(() => page.locator('[data-similar-rule]').textContent())
        .toContain('description contains "rewe sagt danke"');
      expect(count(t.app, 'SELECT count(*) FROM rules')).toBe(rules);
      await page.getByRole('button', { name: 'Apply' }).click();
      await expect.poll(() => page.locator('.flash.ok').textContent()).toContain('similar transactions');
      expect(count(t.app, 'SELECT count(*) FROM rules')).toBe(rules + 1);
      expect(
        count(
          t.app,
          `SELECT count(*) FROM transactions t JOIN categories c ON c.id = t.category_id
           WHERE t.description LIKE 'REWE SAGT DANKE%' AND c.slug != 'eating-out'`,
        ),
      ).toBe(0);
    });
  }, 90_000); // eight page loads of a 200-entry inbox and four form posts: more than the default 30 s on a busy machine

  it('unpairs a suggested transfer, marks the rest reviewed, and shows bank text as text', async () => {
    await withScreenshotOnFailure(page, 'review-transfer-done', async () => {
      const pair = reviewQueue(t.app, { limit: 5000 }).items.find((i) => i.kind === 'transfer' && i.pair !== null);
      if (pair?.kind !== 'transfer') throw new Error('the ING household has transfers between its accounts');
      // Move the pair to the top of the inbox, and give it a description a bank could send.
      t.app.db.prepare(`UPDATE transactions SET booking_date = '2026-06-14' WHERE id IN (?, ?)`).run(pair.id, pair.pair!.id);
      t.app.db.prepare(`UPDATE transactions SET description = '<b>Umbuchung</b> & Co' WHERE id = ?`).run(pair.id);
      await page.goto(`${web.url}/review`);
      const e = entry('transfer', pair.id);
      expect(await e.locator('.description').first().textContent()).toBe('<b>Umbuchung</b> & Co');
      expect(await e.locator('b').count()).toBe(0);
      await e.getByRole('button', { name: 'Not a transfer' }).click();
      await expect.poll(() => page.locator('.flash.ok').textContent()).toContain('Not a transfer');
      expect(row(pair.id).pair).toBeNull();
      expect(row(pair.pair!.id).pair).toBeNull();
      expect(count(t.app, 'SELECT count(*) FROM transfer_refusals')).toBe(2);

      await page.getByRole('button', { name: 'Mark the rest reviewed' }).click();
      await expect.poll(() => page.locator('.flash.ok').textContent()).toContain('Marked reviewed');
      const left = reviewQueue(t.app, { limit: 5000 });
      expect(left.items.some((i) => i.reasons.includes('new'))).toBe(false);
      expect(left.total).toBeLessThan(100);
      expect(await badge()).toBe(String(left.total));
      expect(await page.locator('.reasons .badge', { hasText: /^new$/ }).count()).toBe(0);
    });
  });
});
