import { sameSecret } from '../../security/same-secret.js';
import { HTTPException } from 'hono/http-exception';
import type { Config } from '../../config/index.js';
import {
  bankOfConnection,
  connectEnableBankingWithCode,
  enableBankingBanks,
  startEnableBankingConsent,
} from '../../connections/connect-enablebanking.js';
import { TraxError } from '../../domain/errors.js';
import {
  checkCallback,
  ENABLEBANKING_COUNTRIES,
  fetchLogo,
  isEnableBankingCountry,
  logoDataUrl,
  type Bank,
  type Logo,
} from '../../providers/enablebanking/index.js';
import { enablebankingPolicy } from '../../providers/enablebanking/policy.js';
import { factory } from '../env.js';
import { BankPickerPage, ToBankPage } from '../views/enablebanking.js';
import { MessagePage } from '../views/pages.js';

const STATE_TTL_MS = 15 * 60_000;
/** The bank list changes a few times a year; a picker session should not call /aspsps per keystroke. */
const LIST_TTL_MS = 10 * 60_000;
export const DEFAULT_CALLBACK_PATH = '/callback/enablebanking';

/**
 * Enable Banking in the browser: the bank picker from /aspsps, POST to start /auth (its state
 * bound to this browser's session), and the return on the redirect URI's path.
 */
export function enablebankingRoutes(config: Config) {
  const callbackPath = config.enablebanking ? new URL(config.enablebanking.redirectUri).pathname : DEFAULT_CALLBACK_PATH;
  const routes = factory.createApp();
  const lists = new Map<string, { at: number; banks: Bank[] }>();
  const logos = new Map<string, Logo | null>();

  async function banksIn(app: Parameters<typeof enableBankingBanks>[0], country: string): Promise<Bank[]> {
    const hit = lists.get(country);
    if (hit && Date.now() - hit.at < LIST_TTL_MS) return hit.banks;
    const banks = await enableBankingBanks(app, country);
    lists.set(country, { at: Date.now(), banks });
    return banks;
  }

  async function logoOf(app: Parameters<typeof enableBankingBanks>[0], bank: Bank): Promise<Logo | null> {
    const key = `${bank.country}:${bank.name}`;
    if (!logos.has(key)) logos.set(key, await fetchLogo(bank.logo, app.http.timeoutMs));
    return logos.get(key)!;
  }

  routes.get('/connect/enablebanking', async (c) => {
    const { app } = c.get('deps');
    const session = c.get('session');
    const relinkId = c.req.query('relink') || null;
    const renewing = relinkId ? bankOfConnection(app, relinkId) : null;
    const asked = (c.req.query('country') ?? '').toUpperCase();
    const country = renewing?.country ?? (isEnableBankingCountry(asked) ? asked : 'DE');
    const filter = renewing ? '' : (c.req.query('q') ?? '').trim().slice(0, 100);
    const page = (banks: Bank[] | null, problem: string | null, status: 200 | 502 | 503 = 200) =>
      c.html(
        <BankPickerPage
          session={session}
          countries={ENABLEBANKING_COUNTRIES}
          country={country}
          filter={filter}
          relinkId={relinkId}
          banks={banks}
          problem={problem}
        />,
        status,
      );
    const notConfigured = enablebankingPolicy.notConfigured(app.config);
    if (notConfigured) return page(null, notConfigured, 503);
    let banks: Bank[];
    try {
      banks = await banksIn(app, country);
    } catch (e) {
      if (!(e instanceof TraxError)) throw e;
      return page(null, `Trax could not load the bank list from Enable Banking: ${e.message}`, 502);
    }
    const want = filter.toLowerCase();
    const shown = renewing
      ? banks.filter((b) => b.name === renewing.name)
      : banks.filter((b) => !want || b.name.toLowerCase().includes(want));
    return page(shown, null);
  });

  /** Logos from Trax's own origin: the CSP allows no third-party images, and only listed banks' URLs are fetched. */
  routes.get('/connect/enablebanking/logo', async (c) => {
    const { app } = c.get('deps');
    const country = (c.req.query('country') ?? '').toUpperCase();
    const name = c.req.query('name') ?? '';
    if (!app.config.enablebanking || !isEnableBankingCountry(country)) return c.notFound();
    const bank = (await banksIn(app, country).catch(() => [])).find((b) => b.name === name);
    const logo = bank ? await logoOf(app, bank) : null;
    if (!logo) return c.notFound();
    return c.body(logo.bytes, 200, {
      'content-type': logo.type,
      // Opened directly, an SVG would be a document on Trax's origin; as a download it is not.
      'content-disposition': 'attachment',
    });
  });

  routes.post('/connect/enablebanking', async (c) => {
    const { app } = c.get('deps');
    const form = await c.req.parseBody();
    const name = typeof form.name === 'string' ? form.name : '';
    const country = typeof form.country === 'string' ? form.country : '';
    const relinkId = typeof form.relink === 'string' && form.relink ? form.relink : null;
    if (!name || !isEnableBankingCountry(country))
      throw new HTTPException(400, { message: 'Pick a bank from the list to link it.' });
    const { auth, bank } = await startEnableBankingConsent(app, {
      bank: name,
      country,
      ...(relinkId ? { relinkId } : {}),
    });
    const logo = await logoOf(app, bank);
    c.get('session').oauth = {
      state: auth.state,
      relinkId,
      expiresAt: Date.now() + STATE_TTL_MS,
      logo: logo ? logoDataUrl(logo) : null,
    };
    return c.html(<ToBankPage session={c.get('session')} bank={bank.name} url={auth.url} />);
  });

  routes.get(callbackPath, async (c) => {
    const session = c.get('session');
    const pending = session.oauth;
    const query = c.req.query();

    if (!pending || pending.expiresAt < Date.now() || !sameSecret(query.state ?? '', pending.state)) {
      c.get('deps').log(`Rejected an Enable Banking callback: ${pending ? 'state mismatch or expired' : 'no login in progress'}`);
      return c.html(
        <MessagePage
          session={session}
          title="This login was not started here"
          text="The state parameter does not match a bank login this browser started (or it is older than 15 minutes). Nothing was connected. Start again with Link a bank with Enable Banking."
        />,
        400,
      );
    }
    session.oauth = null;
    try {
      const code = checkCallback(query, pending.state);
      const { connection, firstSync } = await connectEnableBankingWithCode(c.get('deps').app, code, {
        ...(pending.relinkId ? { relinkId: pending.relinkId } : {}),
        bank: { logo: pending.logo ?? '' },
      });
      const name = connection.institutionName ?? 'your bank';
      session.flash =
        firstSync.status === 'done'
          ? {
              kind: 'ok',
              text: pending.relinkId
                ? `Renewed ${name}: consent valid until ${connection.consentExpiresAt?.slice(0, 10) ?? 'unknown'}, ${firstSync.added} new transactions.`
                : `Connected ${name}: ${firstSync.added} new transactions.`,
            }
          : { kind: 'error', text: `Connected ${name}, but the first sync failed: ${firstSync.error?.message ?? ''}` };
    } catch (e) {
      if (!(e instanceof TraxError)) throw e;
      session.flash = { kind: 'error', text: e.message };
    }
    return c.redirect('/', 303);
  });

  return routes;
}
