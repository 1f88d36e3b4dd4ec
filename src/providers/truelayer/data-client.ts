import type { z } from 'zod';
import { ProviderError } from '../../domain/errors.js';
import type { TokenManager } from './auth.js';
import { requestJson, requestText, type HttpOptions } from './http.js';
import * as wire from './wire-types.js';

export type ResourceKind = 'accounts' | 'cards';

/**
 * TrueLayer Data API v1 calls. A 401 gets one refresh and one retry (the token may have been
 * superseded); anything else propagates as the ProviderError the HTTP layer mapped.
 */
export class DataClient {
  constructor(
    private readonly base: string,
    private readonly tokens: TokenManager,
    private readonly http: HttpOptions,
    /** The user's IP when they started this sync; banks relax PSD2 limits for present users. */
    private readonly psuIp: string | null,
  ) {}

  me(): Promise<wire.WireMe> {
    return this.one('/me', 'GET /me', wire.me);
  }

  accounts(): Promise<wire.WireAccount[]> {
    return this.list('/accounts', 'GET /accounts', wire.account);
  }

  /** Cards, or an empty list when the bank has no card support (501). */
  async cards(): Promise<wire.WireCard[]> {
    return (await this.optional(() => this.list('/cards', 'GET /cards', wire.card))) ?? [];
  }

  async balance(kind: ResourceKind, id: string): Promise<wire.WireBalance | null> {
    return this.optional(() => this.one(`/${kind}/${enc(id)}/balance`, `GET /${kind}/{id}/balance`, wire.balance));
  }

  transactions(kind: ResourceKind, id: string, from: string, to: string): Promise<wire.WireTransaction[]> {
    const q = new URLSearchParams({ from, to });
    return this.list(`/${kind}/${enc(id)}/transactions?${q}`, `GET /${kind}/{id}/transactions`, wire.transaction);
  }

  /** Pending rows, or null when the bank does not report pending (501): keep what we have. */
  pending(kind: ResourceKind, id: string): Promise<wire.WireTransaction[] | null> {
    return this.optional(() =>
      this.list(`/${kind}/${enc(id)}/transactions/pending`, `GET /${kind}/{id}/transactions/pending`, wire.transaction),
    );
  }

  private async optional<T>(call: () => Promise<T>): Promise<T | null> {
    try {
      return await call();
    } catch (e) {
      if (e instanceof ProviderError && e.kind === 'unsupported') return null;
      throw e;
    }
  }

  private async one<S extends z.ZodType>(path: string, label: string, item: S): Promise<z.infer<S>> {
    const rows = await this.list(path, label, item);
    if (rows.length === 0) {
      throw new ProviderError('invalid_response', `TrueLayer ${label} returned no result; nothing was saved. Try again later.`, {
        endpoint: label,
      });
    }
    return rows[0]!;
  }

  private async list<S extends z.ZodType>(path: string, label: string, item: S): Promise<Array<z.infer<S>>> {
    const schema = wire.envelope(item);
    const call = async (token: string) =>
      (
        await requestJson(
          { method: 'GET', url: `${this.base}/data/v1${path}`, label, token, headers: this.headers() },
          schema,
          this.http,
        )
      ).results as Array<z.infer<S>>;
    const token = await this.tokens.accessToken();
    try {
      return await call(token);
    } catch (e) {
      if (!(e instanceof ProviderError) || e.detail.status !== 401) throw e;
      return call(await this.tokens.refresh());
    }
  }

  private headers(): Record<string, string> {
    return this.psuIp ? { 'x-psu-ip': this.psuIp } : {};
  }
}

/** Revokes the credential at TrueLayer. 401 means it is already gone, which is what we wanted. */
export async function deleteCredential(authBase: string, token: string, http: HttpOptions): Promise<void> {
  try {
    await requestText({ method: 'DELETE', url: `${authBase}/api/delete`, label: 'DELETE /api/delete', token }, http);
  } catch (e) {
    if (e instanceof ProviderError && (e.detail.status === 401 || e.detail.status === 404)) return;
    throw e;
  }
}

const enc = encodeURIComponent;
