import { type Transport, requestJson } from './http.js';
import * as wire from './wire-types.js';

/**
 * The PSU headers that mark a call as user-present. Sent only when a person started the sync:
 * banks then lift the PSD2 unattended allowance, and claiming presence on a cron job is a lie
 * the bank can hold against the application. Enable Banking wants all of a bank's set or none.
 */
export interface PsuContext {
  ip: string;
  userAgent?: string;
}

export function psuHeaders(psu: PsuContext | null): Record<string, string> {
  if (!psu) return {};
  return {
    'Psu-Ip-Address': psu.ip,
    'Psu-User-Agent': psu.userAgent ?? 'Trax',
    'Psu-Accept': 'application/json',
  };
}

export interface TransactionQuery {
  dateFrom: string;
  dateTo: string;
  continuationKey?: string;
}

/** Enable Banking AIS calls; one instance per sync or consent flow. */
export class EbClient {
  constructor(
    private readonly t: Transport,
    private psu: PsuContext | null = null,
  ) {}

  async aspsps(country?: string): Promise<wire.WireAspsp[]> {
    const q = new URLSearchParams({ service: 'AIS', psu_type: 'personal', ...(country ? { country } : {}) });
    return (await requestJson(this.t, { method: 'GET', path: `/aspsps?${q}`, label: 'GET /aspsps' }, wire.aspspsResponse)).aspsps;
  }

  startAuth(body: unknown) {
    return requestJson(this.t, { method: 'POST', path: '/auth', label: 'POST /auth', body }, wire.startAuthResponse);
  }

  createSession(code: string) {
    return requestJson(
      this.t,
      { method: 'POST', path: '/sessions', label: 'POST /sessions', body: { code } },
      wire.sessionResponse,
    );
  }

  session(id: string) {
    return requestJson(
      this.t,
      { method: 'GET', path: `/sessions/${enc(id)}`, label: 'GET /sessions/{id}' },
      wire.getSessionResponse,
    );
  }

  deleteSession(id: string) {
    return requestJson(
      this.t,
      { method: 'DELETE', path: `/sessions/${enc(id)}`, label: 'DELETE /sessions/{id}', headers: psuHeaders(this.psu) },
      wire.deleteSessionResponse,
    );
  }

  details(uid: string) {
    return this.get(`/accounts/${enc(uid)}/details`, 'GET /accounts/{uid}/details', wire.accountResource);
  }

  async balances(uid: string): Promise<wire.WireBalance[]> {
    return (await this.get(`/accounts/${enc(uid)}/balances`, 'GET /accounts/{uid}/balances', wire.balancesResponse)).balances;
  }

  /** One page. Follow-up pages repeat the original query: strict banks refuse a bare key. */
  transactions(uid: string, q: TransactionQuery) {
    const params = new URLSearchParams({ date_from: q.dateFrom, date_to: q.dateTo });
    if (q.continuationKey !== undefined) params.set('continuation_key', q.continuationKey);
    return this.get(`/accounts/${enc(uid)}/transactions?${params}`, TRANSACTIONS_LABEL, wire.transactionsResponse);
  }

  private async get<S extends import('zod').ZodType>(path: string, label: string, schema: S) {
    try {
      return await requestJson(this.t, { method: 'GET', path, label, headers: psuHeaders(this.psu) }, schema);
    } catch (e) {
      // A bank may demand a PSU header Trax cannot know (Psu-Geo-Location, say), and a partial
      // set is refused outright. Read unattended instead, as a scheduled sync would, for the
      // rest of this sync too: the allowance is spent, but the user gets their data.
      const code = (e as { detail?: { providerCode?: string } }).detail?.providerCode;
      if (!this.psu || (code !== 'PSU_HEADER_NOT_PROVIDED' && code !== 'PSU_HEADER_INVALID')) throw e;
      this.psu = null;
      return requestJson(this.t, { method: 'GET', path, label }, schema);
    }
  }
}

export const TRANSACTIONS_LABEL = 'GET /accounts/{uid}/transactions';
const enc = encodeURIComponent;
