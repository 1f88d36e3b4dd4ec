import { providerPolicy } from '../providers/registry.js';
import type { App } from '../app.js';
import type { ProviderId } from '../domain/types.js';
import type { StoredConnection } from '../store/connections.js';
import { connectionState, type AttentionState } from './state.js';

/** One connection that needs its owner, with what to do about it; the CLI and web render these. */
export interface Reminder {
  connectionId: string;
  provider: ProviderId;
  /** The bank's name as the provider gave it: untrusted text, escape or clean it before display. */
  institution: string;
  state: AttentionState;
  expiresAt: string | null;
  /** One sentence saying what happened and what to do. */
  sentence: string;
  /** What to run in a terminal; for Plaid, where to go (Plaid relinks only through Link in the browser). */
  relinkCommand: string;
  /** Path in the web app that starts the relink. */
  relinkUrl: string;
}

const URGENCY: Record<AttentionState, number> = { needs_reauth: 0, expired: 1, sync_failed: 2, expiring: 3 };
const DAY_MS = 86_400_000;

/** Every live connection that needs attention at `now`, most urgent first. */
export function reminders(app: App, now: Date): Reminder[] {
  const list: Reminder[] = [];
  for (const c of app.connections.list()) {
    const state = connectionState(c, now);
    if (state && state !== 'ok') list.push(reminderFor(c, state, now));
  }
  return list.sort((a, b) => URGENCY[a.state] - URGENCY[b.state] || (a.expiresAt ?? '').localeCompare(b.expiresAt ?? ''));
}

export function reminderFor(c: StoredConnection, state: AttentionState, now: Date): Reminder {
  const institution = c.institutionName ?? c.id;
  const relinkCommand = relinkCommandFor(c);
  const relink = providerPolicy(c.provider).relink.instruction(c.id);
  const date = c.consentExpiresAt?.slice(0, 10) ?? '';
  let sentence: string;
  switch (state) {
    case 'needs_reauth':
      sentence = `${institution} needs you to log in at the bank again: ${relink}; your history is kept.`;
      break;
    case 'expired':
      sentence = `${institution}'s consent ran out on ${date} and it cannot sync until you renew it: ${relink}; your history is kept.`;
      break;
    case 'sync_failed':
      sentence = `${institution}'s last sync failed (${(c.lastError ?? 'no reason recorded').replace(/\.$/, '')}); run \`trax sync --connection ${c.id}\` to retry, and if it keeps failing ${relink}.`;
      break;
    case 'expiring':
      sentence = `${institution}'s consent runs out ${inDays(Date.parse(c.consentExpiresAt!) - now.getTime())} (${date}); renew it before then so syncing does not stop: ${relink}.`;
      break;
  }
  return {
    connectionId: c.id,
    provider: c.provider,
    institution,
    state,
    expiresAt: c.consentExpiresAt,
    sentence,
    relinkCommand,
    // An in-page Relink button (Plaid Link) lives on the Banks page.
    relinkUrl: providerPolicy(c.provider).relink.webHref(c.id) ?? '/',
  };
}

export function relinkCommandFor(c: { id: string; provider: ProviderId }): string {
  return providerPolicy(c.provider).relink.command(c.id);
}

function inDays(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  if (days < 1) return 'within a day';
  return `in ${days} day${days === 1 ? '' : 's'}`;
}
