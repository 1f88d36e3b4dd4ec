import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { NotesTagsStore } from '../../src/store/notes-tags.js';
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

const store = () => new NotesTagsStore(t.app.db);
const focusedRow = () => page.evaluate(() => document.activeElement?.getAttribute('data-row') ?? null);

describe('keyboard note and tag editing in the transaction list', () => {
  it('moves with j/k, saves a note with n and tags with t through the store, escaped, and refuses bad input with the CLI sentence', async () => {
    await withScreenshotOnFailure(page, 'webedit-notes', async () => {
      await page.goto(`${web.url}/transactions`);
      const ids = (await page.locator('tr[data-row]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')))).map(
        Number,
      );
      await page.locator('tr[data-row]').first().focus();
      await page.keyboard.press('j');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('k');
      expect(await focusedRow()).toBe(String(ids[1]));
      const id = ids[1]!;
      const row = page.locator(`tr[data-row="${id}"]`);

      // n: a note, with markup that must stay text.
      await page.keyboard.press('n');
      const note = row.getByRole('textbox', { name: 'Note (Enter saves, empty clears)' });
      await note.fill('Geschenk <img src=x onerror=alert(1)> für Oma');
      await note.press('Enter');
      await expect.poll(() => row.locator('.note').textContent()).toBe('Geschenk <img src=x onerror=alert(1)> für Oma');
      expect(store().notesOf([id]).get(id)).toBe('Geschenk <img src=x onerror=alert(1)> für Oma');
      expect(await focusedRow()).toBe(String(id));

      // t: add two tags, remove one.
      for (const word of ['urlaub-sylt-2026', '+work', '-work']) {
        await page.keyboard.press('t');
        const tag = row.getByRole('textbox', { name: 'Tag to add (+tag) or remove (-tag)' });
        await tag.fill(word);
        await tag.press('Enter');
        await expect.poll(() => row.locator('form.row-editor').count()).toBe(0);
      }
      expect(store().tagsOf([id]).get(id)).toEqual(['urlaub-sylt-2026']);
      expect(await row.locator('.tags').textContent()).toBe('#urlaub-sylt-2026');

      // A tag with a space: the CLI's sentence inline, nothing written.
      await page.keyboard.press('t');
      const tag = row.getByRole('textbox', { name: 'Tag to add (+tag) or remove (-tag)' });
      await tag.fill('urlaub sylt');
      await tag.press('Enter');
      await expect
        .poll(() => row.locator('.row-error').textContent())
        .toBe('The tag "urlaub sylt" has a space in it; a tag is one word, e.g. urlaub-sylt-2026.');
      expect(store().tagsOf([id]).get(id)).toEqual(['urlaub-sylt-2026']);
      await tag.press('Escape');
      expect(await row.locator('form.row-editor').count()).toBe(0);
      expect(await focusedRow()).toBe(String(id));

      // A 100 KB note: the CLI's sentence, the old note kept.
      await page.keyboard.press('n');
      await row.getByRole('textbox', { name: 'Note (Enter saves, empty clears)' }).fill('x'.repeat(100 * 1024));
      await row.getByRole('textbox', { name: 'Note (Enter saves, empty clears)' }).press('Enter');
      await expect
        .poll(() => row.locator('.row-error').textContent())
        .toBe('The note is 100 KB; a note can hold at most 10 KB, so nothing was saved.');
      expect(store().notesOf([id]).get(id)).toBe('Geschenk <img src=x onerror=alert(1)> für Oma');
      await page.keyboard.press('Escape');

      // After a reload the note and tag are on the page, as text.
      await page.reload();
      expect(await row.locator('.note').textContent()).toBe('Geschenk <img src=x onerror=alert(1)> für Oma');
      expect(await row.locator('.note img').count()).toBe(0);

      // c: the category editor of the focused row; Escape gives the row back.
      await row.focus();
      await page.keyboard.press('c');
      await expect.poll(() => row.locator('form.category-editor').count()).toBe(1);
      await page.keyboard.press('Escape');
      await expect.poll(() => row.locator('form.category-editor').count()).toBe(0);
      expect(await focusedRow()).toBe(String(id));
      expect(dialogs).toEqual([]);
    });
  }, 120_000);

  it('refuses a note post without the CSRF token and writes nothing', async () => {
    await page.goto(`${web.url}/transactions`);
    const id = Number(await page.locator('tr[data-row]').first().getAttribute('data-row'));
    const status = await page.evaluate(
      (id) =>
        fetch('/transactions/note', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id, text: 'sneaky' }),
        }).then((r) => r.status),
      id,
    );
    expect(status).toBe(403);
    expect(store().notesOf([id]).has(id)).toBe(false);
  }, 120_000);
});
