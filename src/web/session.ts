import { randomBytes } from 'node:crypto';
import type { Reminder } from '../reminders/index.js';

/** Server-side session state for the one person using this Trax. Lost on restart, on purpose. */
export interface Session {
  csrf: string;
  authed: boolean;
  /**
   * A bank login in progress (TrueLayer, Enable Banking): the state we sent, the connection being
   * relinked, and the bank's logo as a data: URL when the picker had one.
   */
  oauth: { state: string; relinkId: string | null; expiresAt: number; logo?: string | null } | null;
  flash: { kind: 'ok' | 'error'; text: string } | null;
  /** Consents that need the user, refreshed on every request for the banner. */
  reminders: Reminder[];
  /** Entries in the review inbox up to BADGE_CAP + 1 (src/review/badge.ts), for the navigation badge. */
  reviewCount?: number;
  /** `trax search save` searches, for the navigation (name and query text). */
  savedSearches?: { name: string; query: string }[];
  /** The bulk change the last management action recorded: the next /rules page offers its Undo button. */
  lastUndo?: number | null;
  lastSeen: number;
}

const IDLE_MS = 12 * 3600_000;

export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  create(): { id: string; session: Session } {
    this.sweep();
    const id = randomBytes(24).toString('base64url');
    const session: Session = {
      csrf: randomBytes(24).toString('base64url'),
      authed: false,
      oauth: null,
      flash: null,
      reminders: [],
      lastSeen: Date.now(),
    };
    this.sessions.set(id, session);
    return { id, session };
  }

  /**
   * A new id for the same browser at login, so an id planted or seen before login (session
   * fixation) is worth nothing after it. The old id stops working; the CSRF token changes too.
   */
  rotate(oldId: string | undefined): { id: string; session: Session } {
    const old = oldId ? this.sessions.get(oldId) : undefined;
    if (oldId) this.sessions.delete(oldId);
    const next = this.create();
    if (old) next.session.flash = old.flash;
    return next;
  }

  get(id: string | undefined): Session | undefined {
    const s = id ? this.sessions.get(id) : undefined;
    if (s) s.lastSeen = Date.now();
    return s;
  }

  private sweep(): void {
    const cutoff = Date.now() - IDLE_MS;
    for (const [id, s] of this.sessions) if (s.lastSeen < cutoff) this.sessions.delete(id);
  }
}
