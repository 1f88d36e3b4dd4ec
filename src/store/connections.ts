import { crypto } from '../security/lazy-crypto.js';
import type { Connection, ConnectionStatus, ProviderId } from '../domain/types.js';
import type { NewConsent } from '../providers/provider.js';
import { providerPolicy } from '../providers/registry.js';
import type { Db } from './db.js';

interface ConnectionRow {
  id: string;
  provider: ProviderId;
  environment: 'sandbox' | 'live';
  external_id: string | null;
  institution_id: string | null;
  institution_name: string | null;
  institution_logo: string | null;
  institution_color: string | null;
  status: ConnectionStatus;
  consent_created_at: string | null;
  consent_expires_at: string | null;
  secrets: string | null;
  sync_state: string;
  created_at: string;
  updated_at: string;
  last_synced_at: string | null;
  last_error: string | null;
}

export interface StoredConnection extends Connection {
  environment: 'sandbox' | 'live';
  institutionLogo: string | null;
  institutionColor: string | null;
  consentCreatedAt: string | null;
  /** Sealed (encrypted) token set; null once revoked. */
  sealedSecrets: string | null;
  syncState: unknown;
}

function fromRow(r: ConnectionRow): StoredConnection {
  return {
    id: r.id,
    provider: r.provider,
    environment: r.environment,
    externalId: r.external_id ?? '',
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    institutionLogo: r.institution_logo,
    institutionColor: r.institution_color,
    status: r.status,
    consentCreatedAt: r.consent_created_at,
    consentExpiresAt: r.consent_expires_at,
    createdAt: r.created_at,
    lastSyncedAt: r.last_synced_at,
    lastError: r.last_error,
    sealedSecrets: r.secrets,
    syncState: JSON.parse(r.sync_state) as unknown,
  };
}

/** A finished consent as the store records it: secrets already sealed. */
export type NewConnection = Omit<NewConsent, 'secrets'> & {
  environment: 'sandbox' | 'live';
  sealedSecrets: string;
};

/** Named parameters for a connection row; explicit so nothing else (a secrets getter) is bound. */
function toParams(c: NewConnection) {
  return {
    provider: c.provider,
    environment: c.environment,
    externalId: c.externalId,
    institutionId: c.institutionId,
    institutionName: c.institutionName,
    institutionLogo: c.institutionLogo,
    institutionColor: c.institutionColor && /^#[0-9a-f]{6}$/i.test(c.institutionColor) ? c.institutionColor : null,
    consentCreatedAt: c.consentCreatedAt,
    consentExpiresAt: c.consentExpiresAt,
    sealedSecrets: c.sealedSecrets,
  };
}

export class ConnectionStore {
  constructor(private readonly db: Db) {}

  /** Inserts a connection, or refreshes the one with the same provider consent id. */
  save(c: NewConnection, now: string): StoredConnection {
    const existing = this.db
      .prepare<[string, string], { id: string }>('SELECT id FROM connections WHERE provider = ? AND external_id = ?')
      .get(c.provider, c.externalId);
    const id = existing?.id ?? `${providerPolicy(c.provider).idPrefix}-${crypto().randomBytes(3).toString('hex')}`;
    this.db
      .prepare(
        `INSERT INTO connections (id, provider, environment, external_id, institution_id, institution_name,
           institution_logo, institution_color, status, consent_created_at, consent_expires_at, secrets, created_at, updated_at)
         VALUES (@id, @provider, @environment, @externalId, @institutionId, @institutionName,
           @institutionLogo, @institutionColor, 'active', @consentCreatedAt, @consentExpiresAt, @sealedSecrets, @now, @now)
         ON CONFLICT (id) DO UPDATE SET institution_id = excluded.institution_id,
           institution_name = excluded.institution_name, institution_logo = excluded.institution_logo, institution_color = excluded.institution_color,
           status = 'active', consent_created_at = excluded.consent_created_at,
           consent_expires_at = excluded.consent_expires_at, secrets = excluded.secrets,
           last_error = NULL, updated_at = excluded.updated_at`,
      )
      .run({ ...toParams(c), id, now });
    return this.get(id)!;
  }

  /**
   * Relink: the same local connection takes the new consent (TrueLayer issues a new
   * credentials_id on every login), so its id, accounts and history carry on.
   */
  replaceConsent(id: string, c: NewConnection, now: string): StoredConnection {
    this.db
      .prepare(
        `UPDATE connections SET external_id = @externalId, institution_id = @institutionId,
           institution_name = @institutionName, institution_logo = @institutionLogo, institution_color = @institutionColor, status = 'active',
           consent_created_at = @consentCreatedAt, consent_expires_at = @consentExpiresAt,
           secrets = @sealedSecrets, last_error = NULL, updated_at = @now
         WHERE id = @id`,
      )
      .run({ ...toParams(c), id, now });
    return this.get(id)!;
  }

  findByExternalId(provider: ProviderId, externalId: string): StoredConnection | undefined {
    const row = this.db
      .prepare<[string, string], ConnectionRow>('SELECT * FROM connections WHERE provider = ? AND external_id = ?')
      .get(provider, externalId);
    return row && fromRow(row);
  }

  /** A live (not revoked) connection to this institution, if any: linking it twice makes duplicates. */
  findLiveByInstitution(provider: ProviderId, institutionId: string): StoredConnection | undefined {
    const row = this.db
      .prepare<[string, string], ConnectionRow>(
        `SELECT * FROM connections WHERE provider = ? AND institution_id = ? AND status != 'revoked' ORDER BY created_at LIMIT 1`,
      )
      .get(provider, institutionId);
    return row && fromRow(row);
  }

  /** A connection for accounts fed only by statement files: no consent, no tokens, nothing to sync. */
  createFileConnection(institutionName: string, now: string): StoredConnection {
    const id = `${providerPolicy('file').idPrefix}-${crypto().randomBytes(3).toString('hex')}`;
    this.db
      .prepare(
        `INSERT INTO connections (id, provider, environment, external_id, institution_name, status, created_at, updated_at)
         VALUES (?, 'file', 'live', ?, ?, 'active', ?, ?)`,
      )
      .run(id, id, institutionName, now, now);
    return this.get(id)!;
  }

  setConsentExpiry(id: string, expiresAt: string | null, now: string): void {
    this.db.prepare('UPDATE connections SET consent_expires_at = ?, updated_at = ? WHERE id = ?').run(expiresAt, now, id);
  }

  get(id: string): StoredConnection | undefined {
    const row = this.db.prepare<[string], ConnectionRow>('SELECT * FROM connections WHERE id = ?').get(id);
    return row && fromRow(row);
  }

  list(): StoredConnection[] {
    return this.db.prepare<[], ConnectionRow>('SELECT * FROM connections ORDER BY created_at, id').all().map(fromRow);
  }

  setSecrets(id: string, sealed: string | null, now: string): void {
    this.db.prepare('UPDATE connections SET secrets = ?, updated_at = ? WHERE id = ?').run(sealed, now, id);
  }

  setSyncState(id: string, state: unknown, now: string): void {
    this.db
      .prepare('UPDATE connections SET sync_state = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(state ?? {}), now, id);
  }

  setStatus(id: string, status: ConnectionStatus, lastError: string | null, now: string): void {
    this.db
      .prepare('UPDATE connections SET status = ?, last_error = ?, updated_at = ? WHERE id = ?')
      .run(status, lastError, now, id);
  }

  markSynced(id: string, now: string): void {
    this.db
      .prepare(`UPDATE connections SET last_synced_at = ?, status = 'active', last_error = NULL, updated_at = ? WHERE id = ?`)
      .run(now, now, id);
  }

  /** Forgets the tokens; the connection row and its history stay for the record. */
  revoke(id: string, now: string): void {
    this.db.prepare(`UPDATE connections SET status = 'revoked', secrets = NULL, updated_at = ? WHERE id = ?`).run(now, id);
  }

  /** Deletes the connection and everything synced through it, all or nothing. */
  purge(id: string): void {
    this.db.transaction(() => {
      const accounts = 'SELECT id FROM accounts WHERE connection_id = ?';
      this.db.prepare(`DELETE FROM transactions WHERE account_id IN (${accounts})`).run(id);
      this.db.prepare(`DELETE FROM balances WHERE account_id IN (${accounts})`).run(id);
      this.db.prepare('DELETE FROM accounts WHERE connection_id = ?').run(id);
      this.db.prepare('DELETE FROM sync_runs WHERE connection_id = ?').run(id);
      this.db.prepare('DELETE FROM connections WHERE id = ?').run(id);
    })();
  }
}
