import type { App } from '../app.js';
import { requireEnableBanking } from '../config/index.js';
import { TraxError } from '../domain/errors.js';
import { DEFAULT_BASE_URL } from '../providers/enablebanking/config.js';
import {
  buildAuthRequest,
  completeConsent,
  enableBankingClient,
  enablebankingConnector,
  fetchLogo,
  findBank,
  logoDataUrl,
  listAspsps,
  type AuthRequest,
  type Bank,
  type EnableBankingSecrets,
} from '../providers/enablebanking/index.js';
import { enablebankingPolicy } from '../providers/enablebanking/policy.js';
import type { NewConsent, SecretStore } from '../providers/provider.js';
import { providerPolicy } from '../providers/registry.js';
import type { SyncOptions } from '../sync/engine.js';
import { saveConsentAndSync, type ConnectResult } from './save-consent.js';

/**
 * Linking a bank through Enable Banking: pick the bank from /aspsps (an unknown name is answered
 * with close matches), POST /auth for the bank's own login, and — when the user comes back with a
 * code — POST /sessions, store the consent and run the first sync. There is no refresh token: at
 * the consent's end the user renews it with `--relink` (or Renew in the web app), which
 * re-attaches the new session (and its new account uids, matched back by account) to the same
 * connection.
 */
export async function startEnableBankingConsent(
  app: App,
  opts: { bank?: string | undefined; country?: string | undefined; redirectUri?: string; relinkId?: string | undefined },
): Promise<{ auth: AuthRequest; bank: Bank }> {
  const cfg = requireEnableBanking(app.config);
  // Renewing: the bank is the one the connection was made with, unless the user names another.
  const from = opts.relinkId ? bankOfConnection(app, opts.relinkId) : null;
  const name = opts.bank ?? from?.name;
  const country = opts.country ?? from?.country;
  if (!name) throw new TraxError('usage', 'Name the bank: `trax connect enablebanking --bank ING --country DE`.');
  const api = enableBankingClient(cfg, app.http, () => app.now().getTime());
  const bank = findBank(await listAspsps(api, country), name, country);
  const auth = await buildAuthRequest(api, { bank, redirectUri: opts.redirectUri ?? cfg.redirectUri, now: app.now() });
  return { auth, bank };
}

/** The banks Enable Banking offers personal users in `country`, for the picker and `trax banks`. */
export async function enableBankingBanks(app: App, country?: string): Promise<Bank[]> {
  const cfg = requireEnableBanking(app.config);
  return listAspsps(
    enableBankingClient(cfg, app.http, () => app.now().getTime()),
    country,
  );
}

/** The bank an Enable Banking connection was made with, from its institution id ("DE:ING"). */
export function bankOfConnection(app: App, connectionId: string): { name: string; country: string } {
  const c = app.connections.get(connectionId);
  if (!c || providerPolicy(c.provider) !== enablebankingPolicy || c.status === 'revoked') {
    throw new TraxError(
      'not_found',
      `There is no Enable Banking connection ${connectionId} to renew; run \`trax connections\` to see the ids.`,
    );
  }
  const m = /^([A-Z]{2}):(.+)$/s.exec(c.institutionId ?? '');
  if (!m) {
    throw new TraxError(
      'usage',
      `Trax does not know which bank ${connectionId} is at; name it: \`trax connect enablebanking --relink ${connectionId} --bank NAME --country CC\`.`,
    );
  }
  return { country: m[1]!, name: m[2]! };
}

export async function connectEnableBankingWithCode(
  app: App,
  code: string,
  opts: Pick<SyncOptions, 'onProgress'> & { relinkId?: string | undefined; bank?: Pick<Bank, 'logo'> | undefined } = {},
): Promise<ConnectResult> {
  const cfg = requireEnableBanking(app.config);
  const api = enableBankingClient(cfg, app.http, () => app.now().getTime());
  const consent = await completeConsent(api, code, app.now(), await cardLogo(app, opts.bank?.logo));
  if (!opts.relinkId) await refuseDuplicate(app, consent);
  else await refuseStranger(app, consent, opts.relinkId);
  const previous = opts.relinkId ? app.connections.get(opts.relinkId) : undefined;
  const result = await saveConsentAndSync(app, consent, {
    ...opts,
    // The environment is the application's at Enable Banking; another host is an emulator.
    environment: cfg.baseUrl === DEFAULT_BASE_URL ? 'live' : 'sandbox',
  });
  // The renewed connection no longer uses the old session; closing it leaves one grant at the bank.
  if (previous?.sealedSecrets && previous.externalId !== consent.externalId) {
    let old = app.vault.open<EnableBankingSecrets>(previous.sealedSecrets);
    const store: SecretStore<EnableBankingSecrets> = { read: () => old, write: (s) => (old = s) };
    await enablebankingConnector(cfg, store, app.http, () => app.now().getTime())
      .revoke()
      .catch(() => {});
  }
  return result;
}

/** Cards show only data: images (the CSP allows no third-party ones): a listed logo URL is fetched once here. */
async function cardLogo(app: App, logo: string | undefined): Promise<{ logo: string } | undefined> {
  if (!logo) return undefined;
  if (logo.startsWith('data:image/')) return { logo };
  const fetched = await fetchLogo(logo, app.http.timeoutMs);
  return fetched ? { logo: logoDataUrl(fetched) } : undefined;
}

/**
 * Without a relink, accounts another live connection already holds are refused: saving them
 * would move the accounts to the new connection and leave the old one empty with a live consent.
 * The accounts are only known once the code is exchanged, so the new session is closed at once.
 * A second person at the same bank (other accounts) links fine.
 */
async function refuseDuplicate(app: App, consent: NewConsent): Promise<void> {
  const secrets = consent.secrets as EnableBankingSecrets;
  const live = new Map(
    app.connections
      .list()
      .filter((c) => c.provider === consent.provider && c.status !== 'revoked')
      .map((c) => [c.id, c]),
  );
  const held = app.accounts.list().find((a) => live.has(a.connectionId) && sameAccount(secrets, a));
  if (!held) return;
  const existing = live.get(held.connectionId)!;
  const closed = await closeNewSession(app, secrets);
  const name = existing.institutionName ?? consent.institutionName ?? existing.id;
  throw new TraxError(
    'usage',
    `${name} (${held.name}) is already linked as ${existing.id}; use Renew or Relink on it instead of linking it twice${closed ? '' : ' (and withdraw the extra access in your bank’s settings: Trax could not)'}.`,
  );
}

/**
 * A renewal must bring back at least one of the connection's own accounts. A login as someone
 * else (another member of the household at the same bank) would otherwise swap the accounts
 * under the connection and leave the old ones silently unsynced.
 */
async function refuseStranger(app: App, consent: NewConsent, relinkId: string): Promise<void> {
  const secrets = consent.secrets as EnableBankingSecrets;
  const own = app.accounts.list(relinkId);
  if (own.length === 0 || own.some((a) => sameAccount(secrets, a))) return;
  const closed = await closeNewSession(app, secrets);
  const name = app.connections.get(relinkId)?.institutionName ?? relinkId;
  throw new TraxError(
    'usage',
    `That login at ${name} gave access to other accounts than ${relinkId} holds (${own.map((a) => a.name).join(', ')}); renew it logged in as the person who linked it. Nothing was changed${closed ? '' : ' (withdraw the extra access in your bank’s settings: Trax could not)'}.`,
  );
}

/** An account of the new session is this stored one: same identification hash, or same IBAN. */
function sameAccount(secrets: EnableBankingSecrets, a: { providerAccountId: string; iban: string | null }): boolean {
  return secrets.accounts.some(
    (n) => n.account.providerAccountId === a.providerAccountId || (a.iban !== null && n.account.iban === a.iban),
  );
}

/** Closes the session a refused login opened, so no unused grant is left at the bank; false if that failed. */
function closeNewSession(app: App, secrets: EnableBankingSecrets): Promise<boolean> {
  const cfg = requireEnableBanking(app.config);
  let s = secrets;
  const store: SecretStore<EnableBankingSecrets> = { read: () => s, write: (n) => (s = n) };
  return enablebankingConnector(cfg, store, app.http, () => app.now().getTime())
    .revoke()
    .then(
      () => true,
      () => false,
    );
}
