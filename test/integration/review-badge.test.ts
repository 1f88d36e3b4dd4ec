/**
 * The review badge and page over real HTTP: a first sync from the TrueLayer emulator makes every
 * booked row new, more than the badge counts ("99+"); after a review it shows the exact number of
 * what is still doubtful; an empty inbox shows no badge. The same page in German and English.
 */
import { describe, expect, it } from 'vitest';
import { markReviewed, notTransfer } from '../../src/review/actions.js';
import { reviewQueue } from '../../src/review/queue.js';
import { chooseCategory } from '../../src/categorize/choose.js';
import { WebClient } from '../helpers/browserless.js';
import { connect, count, sandbox, testApp, type TestApp } from '../helpers/trax.js';
import { startTestWeb } from '../helpers/web.js';

const badgeOf = (html: string) => ({
  attr: /<a href="\/review" data-review-count="([^"]*)"/.exec(html)?.[1],
  shown: /<span class="badge count">([^<]*)<\/span>/.exec(html)?.[1] ?? null,
});

/** The ING household synced from the emulator, served over HTTP, and a cookie-keeping client. */
async function withSyncedWeb(use: (t: TestApp, web: WebClient) => Promise<void>): Promise<void> {
  const sb = await sandbox();
  const t = await testApp(sb);
  await connect(t.app, sb);
  const server = await startTestWeb(t.app);
  try {
    await use(t, new WebClient(`http://127.0.0.1:${server.port}`));
  } finally {
    await server.close();
    t.cleanup();
    await sb.close();
  }
}

describe('the review badge', () => {
  it('says 99+ past 99 entries, the exact number below, and nothing when the inbox is empty', async () => {
    await withSyncedWeb(async (t, web) => {
      const first = reviewQueue(t.app, { limit: 100_000 });
      expect(first.total).toBeGreaterThan(99);
      for (const path of ['/', '/transactions', '/review']) {
        expect(badgeOf(await (await web.fetch(path)).text())).toEqual({ attr: '99+', shown: '99+' });
      }
      // The review page itself says the exact number.
      expect(await (await web.fetch('/review')).text()).toContain(`${first.total} entries`);

      markReviewed(t.app);
      const left = reviewQueue(t.app, { limit: 100_000 });
      expect(left.total).toBeGreaterThan(0);
      expect(left.total).toBeLessThan(100);
      expect(badgeOf(await (await web.fetch('/dashboard')).text())).toEqual({
        attr: String(left.total),
        shown: String(left.total),
      });

      // Answer everything (an unpaired transfer's other half comes back uncategorized: answer it too).
      for (let round = 0; round < 3; round++)
        for (const item of reviewQueue(t.app).items) {
          if (item.kind === 'transfer') notTransfer(t.app, item.id, 'shopping');
          else if (item.kind === 'transaction') chooseCategory(t.app, item.id, 'shopping');
        }
      expect(reviewQueue(t.app).total).toBe(0);
      const empty = await (await web.fetch('/')).text();
      expect(badgeOf(empty)).toEqual({ attr: '0', shown: null });
      const page = await (await web.fetch('/review')).text();
      expect(page).toContain('Nothing to review.');
      expect(page).not.toContain('Mark the rest reviewed');
    });
  });
});

describe('the review page in German and English', () => {
  it('says the same inbox in each language, amounts and dates in its format, and answers in it', async () => {
    await withSyncedWeb(async (t, web) => {
      markReviewed(t.app);
      const q = reviewQueue(t.app, { limit: 200 });
      const entry = q.items.find((i) => i.kind === 'transaction' && i.transaction.category === 'uncategorized');
      if (entry?.kind !== 'transaction') throw new Error('the ING household has a payment no stage can place');
      const { amountMinor, date } = entry.transaction;
      const [y, mo, d] = date.split('-');
      const euros = (Math.abs(amountMinor) / 100).toFixed(2);

      const de = await (await web.fetch('/review', { headers: { 'accept-language': 'de-DE,de;q=0.9' } })).text();
      expect(de).toContain('<html lang="de"');
      expect(de).toContain('<h1>Zu prüfen</h1>');
      expect(de).toMatch(/<a href="\/review"[^>]*>Prüfen<span class="badge count">/);
      // 50 entries a page: the count, then which of them this page shows.
      expect(de).toContain(`${q.total} Einträge; 1–50 angezeigt, neueste zuerst.`);
      expect(de).toContain('Rest als geprüft markieren');
      expect(de).toContain('Ohne Kategorie');
      expect(de).toContain('ohne Kategorie</span>');
      expect(de).toContain(`<span class="date">${d}.${mo}.${y}</span>`);
      expect(de).toContain(`${euros.replace('.', ',')}\u00a0€`);
      expect(de).not.toContain('Mark the rest reviewed');

      const en = await (await web.fetch('/review', { headers: { 'accept-language': 'en-GB' } })).text();
      expect(en).toContain('<h1>Review</h1>');
      expect(en).toContain(`${q.total} entries; 1–50 shown, newest first.`);
      expect(en).toContain('Mark the rest reviewed');
      expect(en).toContain(`<span class="date">${date}</span>`);
      expect(en).not.toContain('Zu prüfen');

      // An answer given from the German page is confirmed in German.
      const csrf = await web.csrf();
      const res = await web.fetch(`/review/${entry.id}/category`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'de' },
        body: new URLSearchParams({ _csrf: csrf, category: 'groceries' }).toString(),
      });
      expect(res.status).toBe(303);
      const after = await (await web.fetch('/review', { headers: { 'accept-language': 'de' } })).text();
      expect(after).toContain(`#${entry.id} ist jetzt Lebensmittel.`);
      expect(count(t.app, `SELECT count(*) FROM transactions WHERE id = ? AND category_source = 'user'`, entry.id)).toBe(1);
    });
  });
});
