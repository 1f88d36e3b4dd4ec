import { randomBytes, randomUUID } from 'node:crypto';
import { SandboxClock } from '../shared/clock.js';
import { toDay } from '../shared/dates.js';
import { Interrupter } from '../shared/interrupt.js';
import { FaultState } from './faults.js';
import { hashHex } from './ids.js';
import { signJwt } from './jwt.js';
import { buildPersona, personaCacheKey } from './personas/index.js';
import type { GenAccount, Persona } from './personas/types.js';

export interface SandboxClientConfig {
  clientId: string;
  clientSecret: string;
}

export interface ResolvedOptions {
  seed: number;
  startDay: string;
  clients: SandboxClientConfig[];
  scaWindowMs: number;
  tokenTtlSeconds: number;
  codeTtlMs: number;
}

export type ConsentStatus = 'Authorised' | 'Expired' | 'Revoked';

/** One connection (consent + authentication) to one bank user. */
export interface Credential {
  id: string;
  clientId: string;
  providerId: string;
  username: string;
  withIban: boolean;
  /** Set for the documented `error.<code>` mock users. */
  errorCode?: string;
  scopes: string[];
  authTime: Date;
  consentCreatedAt: Date;
  consentExpiresAt: Date;
  revokedAt?: Date;
  currentJti?: string;
  currentRefreshToken?: string;
  accountEpoch: number;
  personaKey: string;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  credentialId: string;
  issuedAt: number;
  used: boolean;
}

export interface RequestLogEntry {
  /** When the request arrived, on the emulator's clock (ISO). */
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  headers: Record<string, string>;
}

export interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: 'Bearer';
  refresh_token?: string;
  scope: string;
}

export interface AccountRef {
  accountId: string;
  account: GenAccount;
}

const CONSENT_DAYS = 90;

export class SandboxState {
  readonly clock: SandboxClock;
  readonly faults = new FaultState();
  readonly interrupt = new Interrupter();
  readonly requestLog: RequestLogEntry[] = [];
  readonly credentials = new Map<string, Credential>();
  readonly codes = new Map<string, AuthCode>();
  /** Issuer for tokens; set once the server knows its port. */
  baseUrl = 'http://127.0.0.1';
  private readonly jwtSecret = randomBytes(32);
  private readonly personas = new Map<string, Persona>();
  /** Latest account-id epoch per persona, so re-auth after a churn keeps the new ids. */
  private readonly personaEpochs = new Map<string, number>();

  constructor(
    readonly opts: ResolvedOptions,
    start: Date,
  ) {
    this.clock = new SandboxClock(start);
  }

  get secret(): Buffer {
    return this.jwtSecret;
  }

  client(clientId: string): SandboxClientConfig | undefined {
    return this.opts.clients.find((c) => c.clientId === clientId);
  }

  today(): string {
    return toDay(this.clock.now());
  }

  createCredential(input: {
    clientId: string;
    providerId: string;
    username: string;
    withIban: boolean;
    errorCode?: string;
    scopes: string[];
  }): Credential {
    const now = this.clock.now();
    const personaKey = personaCacheKey(input.providerId, this.personaParams(input.username, input.withIban));
    const cred: Credential = {
      // Same shape as real credentials_ids: base64 of 32 random bytes.
      id: randomBytes(32).toString('base64'),
      ...input,
      authTime: now,
      consentCreatedAt: now,
      consentExpiresAt: new Date(now.getTime() + CONSENT_DAYS * 86_400_000),
      accountEpoch: this.personaEpochs.get(personaKey) ?? 0,
      personaKey,
    };
    this.credentials.set(cred.id, cred);
    return cred;
  }

  issueCode(cred: Credential, redirectUri: string): string {
    const code = randomBytes(32).toString('hex').toUpperCase();
    this.codes.set(code, {
      code,
      clientId: cred.clientId,
      redirectUri,
      credentialId: cred.id,
      issuedAt: this.clock.now().getTime(),
      used: false,
    });
    return code;
  }

  consentStatus(cred: Credential): ConsentStatus {
    if (cred.revokedAt) return 'Revoked';
    return this.clock.now().getTime() >= cred.consentExpiresAt.getTime() ? 'Expired' : 'Authorised';
  }

  consentStatusUpdatedAt(cred: Credential): Date {
    const status = this.consentStatus(cred);
    if (status === 'Revoked' && cred.revokedAt) return cred.revokedAt;
    if (status === 'Expired') return cred.consentExpiresAt;
    return cred.consentCreatedAt;
  }

  expireConsent(cred: Credential): void {
    const now = this.clock.now();
    if (cred.consentExpiresAt.getTime() > now.getTime()) cred.consentExpiresAt = now;
  }

  revoke(cred: Credential): void {
    cred.revokedAt = this.clock.now();
    delete cred.currentJti;
    delete cred.currentRefreshToken;
  }

  /** Rotation: every issue replaces both tokens, which invalidates everything issued before. */
  issueTokens(cred: Credential): TokenResponse {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const jti = randomUUID();
    const access = signJwt(
      {
        iss: this.baseUrl,
        nbf: now,
        iat: now,
        exp: now + this.opts.tokenTtlSeconds,
        aud: `${this.baseUrl}/resources`,
        client_id: cred.clientId,
        sub: cred.id,
        auth_time: Math.floor(cred.authTime.getTime() / 1000),
        idp: 'local',
        connector_id: cred.providerId,
        credentials_key: hashHex(`key|${cred.id}`, 40),
        scope: cred.scopes,
        amr: ['pwd'],
        jti,
      },
      this.jwtSecret,
    );
    cred.currentJti = jti;
    const res: TokenResponse = {
      access_token: access,
      expires_in: this.opts.tokenTtlSeconds,
      token_type: 'Bearer',
      scope: cred.scopes.join(' '),
    };
    if (cred.scopes.includes('offline_access')) {
      cred.currentRefreshToken = randomBytes(32).toString('hex').toUpperCase();
      res.refresh_token = cred.currentRefreshToken;
    } else {
      delete cred.currentRefreshToken;
    }
    return res;
  }

  credentialByRefreshToken(token: string): Credential | undefined {
    for (const cred of this.credentials.values()) if (cred.currentRefreshToken === token) return cred;
    return undefined;
  }

  personaParams(username: string, withIban: boolean) {
    return { seed: this.opts.seed, startDay: this.opts.startDay, username, withIban };
  }

  persona(cred: Credential): Persona {
    let p = this.personas.get(cred.personaKey);
    if (!p) {
      p = buildPersona(cred.providerId, this.personaParams(cred.username, cred.withIban));
      this.personas.set(cred.personaKey, p);
    }
    return p;
  }

  allPersonas(): Persona[] {
    return [...this.personas.values()];
  }

  accounts(cred: Credential, kind: 'account' | 'card'): AccountRef[] {
    const persona = this.persona(cred);
    return persona.accounts
      .filter((a) => a.kind === kind)
      .map((account) => ({
        accountId: hashHex(`${this.opts.seed}|${persona.key}|${account.key}|epoch${cred.accountEpoch}`),
        account,
      }));
  }

  findAccount(cred: Credential, kind: 'account' | 'card', accountId: string): AccountRef | undefined {
    return this.accounts(cred, kind).find((a) => a.accountId === accountId);
  }

  churnAccountIds(cred: Credential): void {
    const next = Math.max(cred.accountEpoch, this.personaEpochs.get(cred.personaKey) ?? 0) + 1;
    cred.accountEpoch = next;
    this.personaEpochs.set(cred.personaKey, next);
  }
}
