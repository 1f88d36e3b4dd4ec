import type { Context } from 'hono';
import { Hono } from 'hono';
import { addDays } from '../shared/dates.js';
import type { GenAccount } from '../truelayer/personas/types.js';
import { ebError } from './errors.js';
import type { RegisteredApp } from './jwt-check.js';
import { accountJson, balancesJson, transactionsJson, type Json } from './persona.js';
import type { EbSandboxState, Session } from './state.js';

type Env = { Variables: { app: RegisteredApp } };
type Endpoint = 'details' | 'balances' | 'transactions';

const PSU_HEADERS = [
  'psu-ip-address',
  'psu-user-agent',
  'psu-referer',
  'psu-accept',
  'psu-accept-charset',
  'psu-accept-encoding',
  'psu-accept-language',
  'psu-geo-location',
];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface KeyBody {
  s: string;
  u: string;
  q: string;
  o: number;
}
const encodeKey = (k: KeyBody) => Buffer.from(JSON.stringify(k)).toString('base64url');
function decodeKey(raw: string): KeyBody | null {
  try {
    const k = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as KeyBody;
    return typeof k.o === 'number' && typeof k.s === 'string' ? k : null;
  } catch {
    return null;
  }
}

const rateLimited = (c: Context<Env>) =>
  ebError(c, 429, 'ASPSP_RATE_LIMIT_EXCEEDED', 'Too many requests', {
    message: 'Too many requests',
    error_name: 'RateLimitException',
    error_data: {},
  });

/** Account data. Checks run as the real service's do: session, then bank faults, then the PSD2 allowance, then the query. */
export function dataRoutes(state: EbSandboxState): Hono<Env> {
  const r = new Hono<Env>();

  /** The session and account behind a uid, or the error the real API gives. */
  function gate(c: Context<Env>, endpoint: Endpoint, countsAsRead: boolean): { s: Session; a: GenAccount } | Response {
    const uid = c.req.param('uid') ?? '';
    const s = [...state.sessions.values()].find((x) => x.accounts.has(uid));
    if (!s || s.appId !== c.get('app').appId) return ebError(c, 404, 'ACCOUNT_DOES_NOT_EXIST', 'Account does not exist');
    const status = state.statusOf(s);
    if (status === 'EXPIRED') return ebError(c, 401, 'EXPIRED_SESSION', 'Session expired');
    if (status === 'CLOSED') return ebError(c, 401, 'CLOSED_SESSION', 'Session is closed');
    if (status === 'REVOKED') return ebError(c, 401, 'REVOKED_SESSION', 'Session revoked by the PSU');
    if (state.faults.aspspErrors.left > 0) {
      state.faults.aspspErrors.left--;
      return ebError(c, 400, 'ASPSP_ERROR', 'Error interacting with ASPSP', state.faults.aspspErrors.text);
    }
    if (state.faults.rateLimits > 0) {
      state.faults.rateLimits--;
      return rateLimited(c);
    }
    const sent = PSU_HEADERS.filter((h) => c.req.header(h) !== undefined);
    const required = [...s.aspsp.requiredPsuHeaders, ...state.faults.extraPsuHeaders].map((h) => h.toLowerCase());
    if (sent.length > 0 && required.some((h) => !sent.includes(h)))
      return ebError(c, 422, 'PSU_HEADER_NOT_PROVIDED', 'Required PSU header not provided', {
        missing: required.filter((h) => !sent.includes(h)),
      });
    // A user-present call (PSU headers) is outside the PSD2 unattended allowance.
    if (sent.length === 0 && countsAsRead && !state.takeUnattendedRead(`${s.id}|${uid}|${endpoint}`)) {
      return rateLimited(c);
    }
    return { s, a: s.accounts.get(uid)! };
  }

  r.get('/accounts/:uid/details', (c) => {
    const g = gate(c, 'details', true);
    if (g instanceof Response) return g;
    return c.json(accountJson(g.s.aspsp, g.s.persona, g.a, c.req.param('uid')));
  });

  r.get('/accounts/:uid/balances', (c) => {
    const g = gate(c, 'balances', true);
    if (g instanceof Response) return g;
    return c.json({ balances: balancesJson(g.a, state.today(), state.clock.now()) });
  });

  r.get('/accounts/:uid/transactions', (c) => {
    const rawKey = c.req.query('continuation_key');
    // Following a key continues one read; only a fresh query spends the allowance.
    const g = gate(c, 'transactions', rawKey === undefined);
    if (g instanceof Response) return g;
    const today = state.today();
    const qFrom = c.req.query('date_from');
    const qTo = c.req.query('date_to');
    const status = c.req.query('transaction_status');
    if (qTo !== undefined && qFrom === undefined)
      return ebError(c, 422, 'DATE_TO_WITHOUT_DATE_FROM', 'date_to without date_from');
    if ((qFrom !== undefined && !DATE.test(qFrom)) || (qTo !== undefined && !DATE.test(qTo)))
      return ebError(c, 422, 'WRONG_REQUEST_PARAMETERS', 'Dates must be YYYY-MM-DD');
    const from = qFrom ?? addDays(today, -90);
    const to = qTo ?? today;
    if (from > to) return ebError(c, 422, 'WRONG_DATE_INTERVAL', 'date_from is after date_to');
    if (from > today) return ebError(c, 422, 'DATE_FROM_IN_FUTURE', 'date_from is in the future');
    const floor = addDays(today, -90);
    if (from < floor && state.nowMs() - g.s.authorizedAtMs > state.opts.scaWindowMs) {
      return ebError(c, 422, 'WRONG_TRANSACTIONS_PERIOD', 'Wrong transactions period requested', {
        message: 'You can not request transactions more than 90 days in the past',
        date_from: floor,
      });
    }
    const uid = c.req.param('uid');
    const query = `${from}|${to}|${status ?? ''}`;
    let offset = 0;
    if (rawKey !== undefined) {
      const k = decodeKey(rawKey);
      if (!k || k.s !== g.s.id || k.u !== uid)
        return ebError(c, 422, 'WRONG_CONTINUATION_KEY', 'Wrong continuation key provided');
      // Strict banks refuse a key whose original query is not repeated with it.
      if (k.q !== query) return ebError(c, 422, 'WRONG_REQUEST_PARAMETERS', 'Query parameters differ from the original request');
      offset = k.o;
    }
    let rows: Json[] = transactionsJson(g.s.aspsp, g.s.persona, g.a, { from, to, today });
    if (status) rows = rows.filter((t) => t.status === status);
    const size = state.opts.pageSize;
    const page = rows.slice(offset, offset + size).map((t) => ({ ...t }));
    if (state.faults.malformedAmounts > 0 && page.length > 0) {
      state.faults.malformedAmounts--;
      const amount = page[0]!.transaction_amount as { currency: string; amount: string };
      page[0]!.transaction_amount = { ...amount, amount: amount.amount.replace('.', ',') };
    }
    let next: string | null = offset + size < rows.length ? encodeKey({ s: g.s.id, u: uid, q: query, o: offset + size }) : null;
    if (rawKey !== undefined && state.faults.loopKeys > 0) {
      // Trade Republic: the same key comes back with the same page.
      state.faults.loopKeys--;
      next = rawKey;
    }
    return c.json({ transactions: page, continuation_key: next });
  });

  return r;
}
