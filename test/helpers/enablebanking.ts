import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SecretStore, SyncPage } from '../../src/providers/provider.js';
import {
  buildAuthRequest,
  checkCallback,
  completeConsent,
  enableBankingClient,
  enablebankingConnector,
  findBank,
  listAspsps,
  parseEnableBankingConfig,
  type EnableBankingConfig,
  type EnableBankingSecrets,
} from '../../src/providers/enablebanking/index.js';
import type { NewConsent } from '../../src/providers/provider.js';
import {
  generateDemoKeyPair,
  startEnableBankingSandbox,
  type EnableBankingSandbox,
  type EnableBankingSandboxOptions,
} from '../../src/sandbox/enablebanking/index.js';
import { testStart } from './clock.js';

/** Shared set-up for the Enable Banking tests: an emulator, a key file, a config pointing at both. */
export const APP_ID = '0b5c7a3e-6d0f-4f8e-9d1a-5e2c3b4a1f00';
export const REDIRECT = 'http://127.0.0.1:9/eb/callback';
export const FAST_HTTP = { retries: 0, retryBaseMs: 5, maxRetryAfterMs: 3000, timeoutMs: 10_000 };

export interface EbWorld {
  sb: EnableBankingSandbox;
  cfg: EnableBankingConfig;
  keys: ReturnType<typeof generateDemoKeyPair>;
  dir: string;
  now: () => number;
  close(): Promise<void>;
}

const pairs: Array<ReturnType<typeof generateDemoKeyPair>> = [];
/** RSA key generation takes a while on a shared 2-core machine: one pair per file is enough. */
export function demoKeys(): ReturnType<typeof generateDemoKeyPair> {
  if (!pairs[0]) pairs.push(generateDemoKeyPair());
  return pairs[0]!;
}

/** The emulator on the file's test instant, knowing the test application's key and redirect URL. */
export function ebSandbox(opts: Partial<EnableBankingSandboxOptions> = {}): ReturnType<typeof startEnableBankingSandbox> {
  return startEnableBankingSandbox({
    port: 0,
    now: testStart(),
    seed: 7,
    apps: [{ appId: APP_ID, publicKeyPem: demoKeys().publicKeyPem, redirectUrls: [REDIRECT] }],
    ...opts,
  });
}

export async function ebWorld(opts: Partial<EnableBankingSandboxOptions> = {}): Promise<EbWorld> {
  const keys = demoKeys();
  const sb = await ebSandbox(opts);
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-eb-'));
  const keyFile = path.join(dir, 'private.pem');
  writeFileSync(keyFile, keys.privateKeyPem, { mode: 0o600 });
  const parsed = parseEnableBankingConfig({
    ENABLEBANKING_APP_ID: APP_ID,
    ENABLEBANKING_KEY_FILE: keyFile,
    ENABLEBANKING_REDIRECT_URI: REDIRECT,
    ENABLEBANKING_BASE_URL: sb.url,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return {
    sb,
    cfg: parsed.config,
    keys,
    dir,
    now: () => sb.clock.now().getTime(),
    async close() {
      await sb.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The whole consent flow as a user goes through it: bank picker, /auth, hosted page, callback, /sessions. */
export async function connect(
  w: EbWorld,
  username = 'erika',
  bankName = 'ING',
): Promise<{ consent: NewConsent; store: SecretStore<EnableBankingSecrets> }> {
  const api = enableBankingClient(w.cfg, FAST_HTTP, w.now);
  const bank = findBank(await listAspsps(api, 'DE'), bankName, 'DE');
  const auth = await buildAuthRequest(api, { bank, redirectUri: w.cfg.redirectUri, now: new Date(w.now()) });
  const back = new URL(await w.sb.completeAuth(auth.url, { username, password: 'sandbox' }));
  const code = checkCallback(Object.fromEntries(back.searchParams), auth.state);
  const consent = await completeConsent(api, code, new Date(w.now()), bank);
  let secrets = consent.secrets as EnableBankingSecrets;
  return { consent, store: { read: () => secrets, write: (s) => (secrets = s) } };
}

/** All pages of one sync, collected (the engine would apply each in its own transaction). */
export async function collect(
  w: EbWorld,
  store: SecretStore<EnableBankingSecrets>,
  state: unknown = null,
  userIp: string | null = null,
): Promise<SyncPage[]> {
  const connector = enablebankingConnector(w.cfg, store, FAST_HTTP, w.now);
  const pages: SyncPage[] = [];
  for await (const p of connector.pages({ state, now: new Date(w.now()), userIp })) pages.push(p);
  return pages;
}
