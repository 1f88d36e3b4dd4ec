/**
 * The review badge in the navigation over real HTTP: a first sync from the TrueLayer emulator
 * makes every booked row new, more than the badge counts ("99+"); after a review it shows the
 * exact number of what is still doubtful; an empty inbox shows no badge.
 */
import { describe, expect, it } from 'vitest';
import { markReviewed, notTransfer } from '../../src/review/actions.js';
import { reviewQueue } from '../../src/review/queue.js';
import { chooseCategory } from '../../src/categorize/choose.js';
import { WebClient } from '../helpers/browserless.js';
import { connect, sandbox, testApp } from '../helpers/trax.js';
import { startTestWeb } from '../helpers/web.js';

const badgeOf = (html: string) => ({
  attr: /<a href="\/review" data-review-count="([^"]*)"/.exec(html)?.[1],
  shown: /<span class="badge count">([^<]*)<\/span>/.exec(html)?.[1] ?? null,
});

describe('the review badge', () => {
  it('says 99+ past 99 entries, the exact number below, and nothing when the inbox is empty', async () => {
    const sb = await sandbox();
    const t = await testApp(sb);
    await connect(t.app, sb);
    const server = await startTestWeb(t.app);
    try {
      const web = new WebClient(`http://127.0.0.1:${server.port}`);
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
    } finally {
      await server.close();
      t.cleanup();
      await sb.close();
    }
  });
});
