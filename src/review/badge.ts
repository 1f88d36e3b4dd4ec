import type { App } from '../app.js';
import { ReviewInboxStore } from '../store/review-inbox.js';
import { inboxParams } from './queue.js';

/**
 * The navigation badge is counted on every page view, so it counts no further than it can show:
 * past 99 it reads "99+" (the /review page says the exact number). That keeps it a few index
 * rows however big the inbox is, also before the first review, when every row is new.
 */
export const BADGE_CAP = 99;

/** The inbox's entries, counted up to BADGE_CAP + 1 (anything above the cap is "more"). */
export function badgeCount(app: App): number {
  const store = new ReviewInboxStore(app.db);
  return store.countUpTo(inboxParams(app, store), BADGE_CAP + 1);
}

/** What the badge shows: nothing for an empty inbox, the number, or "99+". */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > BADGE_CAP ? `${BADGE_CAP}+` : String(count);
}
