import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { NotesTagsStore } from '../../src/store/notes-tags.js';
import { searchTransactions } from '../../src/store/search.js';
import type { WebServer } from '../../src/web/server.js';
import { withScreenshotOnFailure } from '../helpers/browser.js';
import { useWebRig } from '../helpers/web-rig.js';
import { type TestApp } from '../helpers/trax.js';

let page: Page;
let t: TestApp;
let web: WebServer;
let dialogs: string[] = [];
const rig = useWebRig({
  open: true,
  dialog: (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  },
});
beforeEach(() => {
  ({ page, t, web } = rig);
  dialogs = [];
});

const shownTotal = async () => Number(await page.locator('[data-total]').getAttribute('data-total'));

async function searchFor(q: string): Promise<void> {
  const box = page.getByRole('searchbox', { name: 'Search transactions' });
  await box.fill(q);
  await box.press('Enter');
  await page.waitForURL(/\/transactions\?q=/);
}

describe('the search box in the layout', () => {
  it('is on every page, finds notes and tags, keeps the query in the URL and in the box, and names what it did not understand', async () => {
    await withScreenshotOnFailure(page, 'search-box', async () => {
      const row = t.app.db
        .prepare(
          "SELECT id, description FROM transactions WHERE pending = 0 AND description GLOB '*[A-Za-z][A-Za-z][A-Za-z][A-Za-z]*' ORDER BY id LIMIT 1",
        )
        .get() as { id: number; description: string };
      const notes = new NotesTagsStore(t.app.db);
      notes.setNote(row.id, 'Geschenk für Oma <script>alert("note")</script> \u202Egnp.exe', t.app.now());
      notes.changeTags(row.id, ['urlaub-sylt-2026'], [], t.app.now());

      for (const path of ['/dashboard', '/history', '/import']) {
        await page.goto(`${web.url}${path}`);
        expect(await page.getByRole('searchbox', { name: 'Search transactions' }).count(), path).toBe(1);
      }

      await searchFor('note:oma');
      expect(new URL(page.url()).searchParams.get('q')).toBe('note:oma');
      expect(await page.getByRole('searchbox', { name: 'Search transactions' }).inputValue()).toBe('note:oma');
      expect(await shownTotal()).toBe(1);

      await searchFor('tag:urlaub-sylt-2026 MUELLER');
      expect(await page.locator('p.empty').textContent()).toContain('Nothing matches these filters');
      await searchFor('tag:urlaub-sylt-2026');
      expect(await shownTotal()).toBe(1);

      // A token it cannot read is named on the page; the rest is searched, as `trax search` does.
      const word = /[A-Za-z]{4,}/.exec(row.description)![0];
      await searchFor(`${word} colour:red`);
      expect(await page.locator('p.search-warning').textContent()).toBe(
        'Did not understand "colour:red": an unknown filter "colour:" (known: account: category: tag: source: note: from: to:); searched the rest.',
      );
      expect(await shownTotal()).toBe(searchTransactions(t.app.db, t.app.transactions, word).total);
      expect(await shownTotal()).toBeGreaterThan(0);

      // Filters keep the query; a query in the URL is user text and is shown, never run.
      await page.getByRole('button', { name: 'Filter' }).click();
      expect(new URL(page.url()).searchParams.get('q')).toBe(`${word} colour:red`);
      await page.goto(`${web.url}/transactions?q=${encodeURIComponent('<script>alert(1)</script> colour:<b>x</b>')}`);
      expect(await page.locator('p.search-warning').allTextContents()).toEqual([
        'Did not understand "<script>alert(1)</script>": not an amount (write >50, <-20, =12.99 or 50..100); searched the rest.',
        'Did not understand "colour:<b>x</b>": an unknown filter "colour:" (known: account: category: tag: source: note: from: to:); searched the rest.',
      ]);
      expect(await page.getByRole('searchbox', { name: 'Search transactions' }).inputValue()).toBe(
        '<script>alert(1)</script> colour:<b>x</b>',
      );
      expect(await page.locator('header script, main script').count()).toBe(0);
      expect(dialogs).toEqual([]);
    });
  }, 120_000);
});
