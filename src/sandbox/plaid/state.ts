import { randomBytes, randomUUID } from 'node:crypto';
import { SandboxClock } from '../shared/clock.js';
import { addDays, toDay } from '../shared/dates.js';
import { Interrupter } from '../shared/interrupt.js';
import { Errors, type PlaidApiError } from './errors.js';
import { FaultState } from './faults.js';
import { plaidId } from './ids.js';
import type { InstitutionDef } from './institutions.js';
import { buildPersona, HISTORY_DAYS, type Persona } from './personas/index.js';
import { ItemLedger } from './sync/ledger.js';
import type { WebhookSender } from './webhooks/sender.js';
import type { WebhookSigner } from './webhooks/signer.js';

export interface SandboxClientConfig {
  clientId: string;
  secret: string;
}

export interface RequestLogEntry {
  path: string;
  status: number;
  errorCode?: string;
}

export interface ItemRecord {
  itemId: string;
  accessToken: string;
  clientId: string;
  institution: InstitutionDef;
  username: string;
  products: string[];
  webhook: string | null;
  createdAt: Date;
  consentExpiresAt: Date | null;
  /** Set by reset_login; cleared by a successful update-mode Link session. */
  loginRequired: boolean;
  ledger: ItemLedger;
  persona: Persona;
  /** SYNC_UPDATES_AVAILABLE only fires after the first /transactions/sync, as at Plaid. */
  syncedOnce: boolean;
  lastSyncAt: Date | null;
  lastWebhook: { sentAt: Date; code: string } | null;
}

export interface LinkTokenRecord {
  token: string;
  clientId: string;
  expiresAt: Date;
  clientName: string;
  countryCodes: string[];
  products: string[];
  webhook: string | null;
  redirectUri: string | null;
  /** Update mode: the item being repaired. */
  itemId: string | null;
}

export interface PublicTokenRecord {
  token: string;
  itemId: string;
  clientId: string;
  expiresAt: Date;
  used: boolean;
}

export interface OAuthStateRecord {
  id: string;
  linkToken: string;
  linkSessionId: string;
  institutionId: string;
  status: 'pending' | 'authorized' | 'denied' | 'processed';
}

const PUBLIC_TOKEN_TTL_MS = 30 * 60_000;

export class SandboxState {
  readonly clock: SandboxClock;
  readonly faults = new FaultState();
  readonly interrupt = new Interrupter();
  /** Caps /transactions/sync `count` below Plaid's 500, so small personas page too (a test knob). */
  maxSyncPageSize: number | null = null;
  readonly requestLog: RequestLogEntry[] = [];
  readonly items = new Map<string, ItemRecord>();
  readonly linkTokens = new Map<string, LinkTokenRecord>();
  readonly publicTokens = new Map<string, PublicTokenRecord>();
  readonly oauthStates = new Map<string, OAuthStateRecord>();
  /** Signs sync cursors so they are opaque and bound to their item. */
  readonly cursorSecret = randomBytes(32);
  private readonly personas = new Map<string, Persona>();
  private itemCount = 0;
  /** History starts 18 months before the start clock and stays put as the clock moves. */
  readonly historyStart: string;
  private readonly startDay: string;

  constructor(
    readonly seed: number,
    start: Date,
    readonly clients: SandboxClientConfig[],
    readonly signer: WebhookSigner,
    readonly webhooks: WebhookSender,
  ) {
    this.clock = new SandboxClock(start);
    this.historyStart = addDays(toDay(start), -HISTORY_DAYS);
    this.startDay = toDay(start);
  }

  now(): Date {
    return this.clock.now();
  }

  today(): string {
    return toDay(this.clock.now());
  }

  checkKeys(clientId: string, secret: string): boolean {
    return this.clients.some((c) => c.clientId === clientId && c.secret === secret);
  }

  /** The item behind an access token, if it belongs to the calling client and still exists. */
  itemByAccessToken(accessToken: string, clientId: string): ItemRecord {
    if (!/^access-sandbox-[0-9a-f-]{36}$/.test(accessToken)) throw Errors.accessTokenFormat();
    for (const item of this.items.values()) {
      if (item.accessToken === accessToken && item.clientId === clientId) return item;
    }
    throw Errors.accessTokenUnknown();
  }

  createItem(input: {
    clientId: string;
    institution: InstitutionDef;
    username: string;
    products: string[];
    webhook: string | null;
  }): ItemRecord {
    const now = this.now();
    // Seeded, so a re-run with the same seed and call order yields the same item and
    // transaction ids; access tokens stay random (they are secrets).
    const itemId = plaidId('item', this.seed, ++this.itemCount);
    const personaKey = `${input.institution.institutionId}|${input.username}`;
    let persona = this.personas.get(personaKey);
    if (!persona) {
      persona = buildPersona({
        seed: this.seed,
        startDay: this.startDay,
        institutionId: input.institution.institutionId,
        username: input.username,
      });
      this.personas.set(personaKey, persona);
    }
    const item: ItemRecord = {
      itemId,
      accessToken: `access-sandbox-${randomUUID()}`,
      ...input,
      products: [...new Set(input.products)],
      createdAt: now,
      consentExpiresAt: this.freshConsentExpiry(input.institution),
      loginRequired: false,
      ledger: new ItemLedger(persona, itemId, this.historyStart),
      persona,
      syncedOnce: false,
      lastSyncAt: null,
      lastWebhook: null,
    };
    item.ledger.refresh(this.today());
    this.items.set(itemId, item);
    return item;
  }

  freshConsentExpiry(inst: InstitutionDef): Date | null {
    return inst.consentDays === null ? null : new Date(this.now().getTime() + inst.consentDays * 86_400_000);
  }

  issuePublicToken(item: ItemRecord): string {
    const token = `public-sandbox-${randomUUID()}`;
    this.publicTokens.set(token, {
      token,
      itemId: item.itemId,
      clientId: item.clientId,
      expiresAt: new Date(this.now().getTime() + PUBLIC_TOKEN_TTL_MS),
      used: false,
    });
    return token;
  }

  /**
   * The item's error, as /item/get shows it and data calls fail with it. Consent that ran out
   * (by the clock or expireConsent) is ITEM_LOGIN_REQUIRED with reason OAUTH_CONSENT_EXPIRED.
   */
  itemError(item: ItemRecord): PlaidApiError | null {
    if (item.consentExpiresAt && this.now().getTime() >= item.consentExpiresAt.getTime())
      return Errors.itemLoginRequired('OAUTH_CONSENT_EXPIRED');
    if (item.loginRequired) return Errors.itemLoginRequired();
    return null;
  }

  /** Update mode succeeded: the login works again and consent restarts as if the item were new. */
  repairItem(item: ItemRecord): void {
    item.loginRequired = false;
    item.consentExpiresAt = this.freshConsentExpiry(item.institution);
  }

  removeItem(item: ItemRecord): void {
    this.items.delete(item.itemId);
    for (const [token, rec] of this.publicTokens) if (rec.itemId === item.itemId) this.publicTokens.delete(token);
  }

  item(itemId: string): ItemRecord {
    const item = this.items.get(itemId);
    if (!item) throw new Error(`unknown item ${itemId}`);
    return item;
  }

  /** Fires a webhook for the item if it has a URL; never blocks or fails the caller. */
  notify(item: ItemRecord, body: Record<string, unknown>): void {
    if (!item.webhook) return;
    item.lastWebhook = { sentAt: this.now(), code: String(body.webhook_code) };
    this.webhooks.sendInBackground(item.webhook, body);
  }
}
