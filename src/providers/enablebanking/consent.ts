import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TraxError } from '../../domain/errors.js';
import { neutralizeBidi } from '../../domain/text.js';
import type { NewConsent } from '../provider.js';
import type { EbClient } from './client.js';
import { ENABLEBANKING_COUNTRIES, isEnableBankingCountry } from './countries.js';
import { mapAccount } from './map.js';
import type { EnableBankingSecrets } from './sync.js';
import type { WireAspsp } from './wire-types.js';

/** A bank as the picker shows it. */
export interface Bank {
  name: string;
  country: string;
  logo: string;
  bic: string | null;
  maximumConsentValiditySeconds: number;
  /** "personal", "business": who can link accounts there. */
  psuTypes: string[];
  requiredPsuHeaders: string[];
  beta: boolean;
}

function toBank(a: WireAspsp): Bank {
  return {
    name: a.name,
    country: a.country,
    logo: a.logo,
    bic: a.bic ?? null,
    maximumConsentValiditySeconds: a.maximum_consent_validity,
    psuTypes: a.psu_types,
    requiredPsuHeaders: a.required_psu_headers ?? [],
    beta: a.beta,
  };
}

/** Banks offering account information to personal users in `country` (catalogue only: spends no bank allowance). */
export async function listAspsps(api: EbClient, country?: string): Promise<Bank[]> {
  const cc = country?.trim().toUpperCase();
  // "XX" would list nothing, and "no bank called ING in XX" sends the user hunting for a bank.
  if (cc !== undefined && !isEnableBankingCountry(cc)) {
    throw new TraxError(
      'usage',
      `Enable Banking serves no country "${country}"; use a two-letter code of one it serves: ${ENABLEBANKING_COUNTRIES.join(', ')}.`,
    );
  }
  const rows = await api.aspsps(cc);
  return rows.map(toBank).sort((a, b) => a.name.localeCompare(b.name));
}

/** The bank named `name` (case and spacing ignored), or one sentence listing close matches. */
export function findBank(banks: readonly Bank[], name: string, country?: string): Bank {
  // Bidi controls are blanked on every web page (the picker's hidden bank name included), so a
  // name with them must still match the catalogue's once they are gone.
  const norm = (s: string) => neutralizeBidi(s.normalize('NFKC')).toLowerCase().replace(/\s+/g, ' ').trim();
  const want = norm(name);
  const hits = banks.filter((b) => norm(b.name) === want && (!country || b.country === country.toUpperCase()));
  // Without a country "ING" is a dozen banks (DE, NL, BE, PL, ...): picking one would send the
  // user to another country's login.
  const countries = [...new Set(hits.map((b) => b.country))].sort();
  if (countries.length > 1) {
    throw new TraxError(
      'usage',
      `Enable Banking lists "${hits[0]!.name}" in ${countries.join(', ')}; say which with --country, e.g. \`trax connect enablebanking --bank "${hits[0]!.name}" --country ${countries.includes('DE') ? 'DE' : countries[0]}\`.`,
    );
  }
  const hit = hits[0];
  if (hit) return hit;
  const close = banks
    .map((b) => ({ b, d: norm(b.name).includes(want) || want.includes(norm(b.name)) ? 0 : distance(norm(b.name), want) }))
    .filter((x) => x.d <= Math.max(2, Math.floor(want.length / 3)))
    .sort((x, y) => x.d - y.d || x.b.name.localeCompare(y.b.name))
    .slice(0, 5)
    .map((x) => `"${x.b.name}" (${x.b.country})`);
  const where = country ? ` in ${country.toUpperCase()}` : '';
  throw new TraxError(
    'usage',
    close.length
      ? `Enable Banking lists no bank called "${name}"${where}; did you mean ${close.join(', ')}?`
      : `Enable Banking lists no bank called "${name}"${where}; \`trax banks --provider enablebanking${country ? ` --country ${country.toUpperCase()}` : ''}\` (or the bank picker in \`trax serve\`) shows the exact names.`,
  );
}

/** Levenshtein distance; bank names are short, so the quadratic table is fine. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** 180 days where the bank allows it; asking for exactly the maximum fails on clock drift. */
export const WANTED_CONSENT_SECONDS = 180 * 86_400;
const CONSENT_MARGIN_SECONDS = 60;

export function consentValidUntil(bank: Bank, now: Date): string {
  const seconds = Math.min(bank.maximumConsentValiditySeconds, WANTED_CONSENT_SECONDS) - CONSENT_MARGIN_SECONDS;
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

export interface AuthRequest {
  url: string;
  state: string;
}

/** POST /auth: where to send the user, and the state their return must carry. */
export async function buildAuthRequest(
  api: EbClient,
  opts: { bank: Bank; redirectUri: string; now: Date; language?: string },
): Promise<AuthRequest> {
  const state = randomBytes(16).toString('base64url');
  const res = await api.startAuth({
    access: { valid_until: consentValidUntil(opts.bank, opts.now), balances: true, transactions: true },
    aspsp: { name: opts.bank.name, country: opts.bank.country },
    state,
    redirect_url: opts.redirectUri,
    psu_type: 'personal',
    ...(opts.language ? { language: opts.language } : {}),
  });
  return { url: res.url, state };
}

/**
 * The query the bank's redirect brought back, checked: the state must be ours (else someone
 * else's login is being replayed into this one), and an `error` means no consent was given.
 * Returns the code to exchange.
 */
export function checkCallback(query: Record<string, string | undefined>, expectedState: string): string {
  const state = query.state ?? '';
  const a = Buffer.from(state);
  const b = Buffer.from(expectedState);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new TraxError(
      'oauth_state_mismatch',
      'The bank sent back a login that this Trax did not start (state does not match); start connecting again.',
    );
  }
  if (query.error) {
    const why = query.error_description ? `${query.error}: ${query.error_description}` : query.error;
    throw new TraxError('oauth_denied', `The bank login did not give Trax access (${why}); nothing was connected.`);
  }
  if (!query.code) throw new TraxError('oauth_denied', 'The bank sent back no authorization code; start connecting again.');
  return query.code;
}

/** POST /sessions: the code becomes a session and the accounts the user allowed. */
export async function completeConsent(api: EbClient, code: string, now: Date, bank?: Pick<Bank, 'logo'>): Promise<NewConsent> {
  const s = await api.createSession(code);
  const secrets: EnableBankingSecrets = {
    sessionId: s.session_id,
    // Accounts without a uid (blocked, closed) cannot be read; they are left out.
    accounts: s.accounts.flatMap((a) => (a.uid ? [{ uid: a.uid, account: mapAccount(a) }] : [])),
  };
  const validUntil = new Date(s.access.valid_until);
  return {
    provider: 'enablebanking',
    externalId: s.session_id,
    institutionId: `${s.aspsp.country}:${s.aspsp.name}`,
    institutionName: s.aspsp.name,
    institutionLogo: bank?.logo ?? null,
    consentCreatedAt: now.toISOString(),
    consentExpiresAt: Number.isNaN(validUntil.getTime()) ? s.access.valid_until : validUntil.toISOString(),
    secrets,
  };
}
