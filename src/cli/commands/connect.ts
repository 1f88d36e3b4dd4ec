import type { ProviderId } from '../../domain/types.js';
import type { Command } from 'commander';
import { loadConfig, requireEnableBanking, requireTrueLayer } from '../../config/index.js';
import { TraxError } from '../../domain/errors.js';
import type { App } from '../../app.js';
import { connectPlaidSandbox } from '../../connections/connect-plaid.js';
import { connectTrueLayerWithCode, type ConnectResult } from '../../connections/connect-truelayer.js';
import { listenForCallback } from '../../oauth/callback-server.js';
import { TRUELAYER_CALLBACK } from '../../providers/truelayer/callback-names.js';
import { buildAuthLink } from '../../providers/truelayer/index.js';
import { out, progress, withApp } from '../context.js';
import { openBrowser } from '../open-browser.js';
import { clean, cliText, colors, expiry } from '../output.js';
import { describeOutcome } from '../sync-report.js';

export function registerConnect(program: Command): void {
  program
    .command('connect')
    .description('link a bank account through an open-banking provider')
    .argument(
      '<provider>',
      'truelayer (ING Germany and other EU/UK banks), enablebanking (most EU banks, ING included) or plaid (UK/EU/US banks)',
    )
    .option('--code <code>', 'finish with an authorization code copied from the address the bank login landed on')
    .option('--bank <name>', 'truelayer: skip the bank picker (e.g. xs2a-ing-germany); enablebanking: the bank, e.g. "ING"')
    .option('--country <cc>', "enablebanking: the bank's country, e.g. DE")
    .option('--relink <id>', 'renew an expired consent for this connection (keeps its id and history)')
    .option('--sandbox <institution_id>', 'plaid only: link a Plaid sandbox Item without a browser, e.g. ins_109508')
    .option('--no-browser', 'print the login link without opening a browser')
    .option('--timeout <minutes>', 'how long to wait for the bank login', '10')
    .addHelpText(
      'after',
      `
How it works:
  Trax prints a TrueLayer login link (and opens it). You pick your bank and log in there;
  the bank sends you back to TRUELAYER_REDIRECT_URI (default http://localhost:3000/callback),
  where this command is listening. Trax then stores the tokens encrypted and pulls all the
  history the bank allows — banks serve more than 90 days only in the minutes after login.

  If your redirect URI is TrueLayer's console page instead, copy the code it shows and run:
    trax connect truelayer --code <code>

  When a consent expires, renew it in place with --relink <id>: accounts are matched back by
  IBAN and the history continues.

  Enable Banking works the same way: --bank names the bank as Enable Banking lists it (an
  unknown name is answered with close matches), --country its country; the bank sends you back
  to ENABLEBANKING_REDIRECT_URI. A consent lasts up to 180 days; renew it with --relink <id>
  (the bank is the connection's own; list bank names with \`trax banks --provider enablebanking\`).

  Plaid banks are linked in the browser with Plaid Link: run \`trax serve\` and press
  "Link a bank". For scripts and tests, --sandbox links a Plaid sandbox bank directly
  (PLAID_ENV=sandbox only).

Examples:
  trax connect truelayer
  trax connect truelayer --bank xs2a-ing-germany
  trax connect truelayer --relink tl-3f9a2c
  trax connect enablebanking --bank ING --country DE
  trax connect enablebanking --relink eb-1a2b3c
  trax connect plaid --sandbox ins_109508`,
    )
    .action(async (provider: string, opts: ConnectOpts) => {
      const flow = Object.hasOwn(CONNECT_FLOWS, provider) ? CONNECT_FLOWS[provider as ProviderId] : undefined;
      if (!flow) {
        const { m } = cliText();
        const commands = CONNECTABLE.map((p) => `\`trax connect ${p}\``).join(` ${m.cliOr} `);
        throw new TraxError('usage', m.cliConnectUnknownProvider(provider, commands));
      }
      return flow(opts);
    });
}

/** A bank name as the user would type it back: quoted when it has spaces or quotes. */
function shellWord(s: string): string {
  return /^[\w.-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, '\\$1')}"`;
}

type ConnectOpts = {
  code?: string;
  bank?: string;
  country?: string;
  relink?: string;
  sandbox?: string;
  browser: boolean;
  timeout: string;
};

/** How `trax connect <provider>` links a bank, per provider; a provider without a CLI flow has none. */
const CONNECT_FLOWS: Partial<Record<ProviderId, (opts: ConnectOpts) => Promise<void>>> = {
  truelayer: connectTrueLayer,
  plaid: connectPlaid,
  enablebanking: connectEnableBanking,
};

/** The bank's own login through Enable Banking: the link, a local listener on the redirect URI, then the code. */
async function connectEnableBanking(opts: ConnectOpts): Promise<void> {
  const { connectEnableBankingWithCode, startEnableBankingConsent } = await import('../../connections/connect-enablebanking.js');
  await withApp(async (app) => {
    const cfg = requireEnableBanking(app.config);
    let code = opts.code;
    let bank;
    if (!code) {
      if (!opts.bank && !opts.relink) {
        throw new TraxError('usage', M().cliConnectNameBank);
      }
      let state = '';
      const relink = opts.relink ? ` --relink ${opts.relink}` : '';
      const wait = await listenForCallback({
        redirectUri: cfg.redirectUri,
        expectedState: () => state,
        timeoutMs: Number(opts.timeout) * 60_000,
        onRejected: (why) => progress(colors.yellow(M().cliConnectIgnored(why))),
        names: {
          variable: 'ENABLEBANKING_REDIRECT_URI',
          retry: opts.relink
            ? `trax connect enablebanking${relink}`
            : `trax connect enablebanking --bank ${shellWord(opts.bank ?? '')}${opts.country ? ` --country ${opts.country}` : ''}`,
          withCode: `trax connect enablebanking${relink} --code CODE`,
        },
      });
      // An unknown bank or a refused /auth must not leave the listener holding the process open.
      const started = await startEnableBankingConsent(app, {
        bank: opts.bank,
        country: opts.country,
        redirectUri: wait.url,
        relinkId: opts.relink,
      }).catch((e: unknown) => {
        wait.close();
        throw e;
      });
      bank = started.bank;
      state = started.auth.state;
      out(M().cliConnectOpenLinkBank(clean(bank.name), bank.country, started.auth.url));
      if (opts.browser && openBrowser(started.auth.url)) progress(M().cliOpenedInBrowser);
      progress(M().cliConnectWaiting(wait.url));
      code = await wait.code;
    }
    progress(M().cliConnectLoginReceived);
    report(
      app,
      await connectEnableBankingWithCode(app, code, {
        onProgress,
        ...(opts.relink ? { relinkId: opts.relink } : {}),
        ...(bank ? { bank } : {}),
      }),
    );
  });
}
const CONNECTABLE = Object.keys(CONNECT_FLOWS);

async function connectTrueLayer(opts: ConnectOpts): Promise<void> {
  const cfg = requireTrueLayer(loadConfig());
  let code = opts.code;
  if (!code) {
    let state = '';
    const wait = await listenForCallback({
      redirectUri: cfg.redirectUri,
      expectedState: () => state,
      timeoutMs: Number(opts.timeout) * 60_000,
      onRejected: (why) => progress(colors.yellow(M().cliConnectIgnored(why))),
      names: TRUELAYER_CALLBACK,
    });
    // Port 0 (the emulator, tests): the link and the code exchange name the port it got.
    if (new URL(cfg.redirectUri).port === '0') cfg.redirectUri = wait.url;
    const auth = buildAuthLink(cfg, opts.bank ? { providerId: opts.bank } : {});
    state = auth.state;
    out(M().cliConnectOpenLink(auth.url));
    if (opts.browser && openBrowser(auth.url)) progress(M().cliOpenedInBrowser);
    progress(M().cliConnectWaiting(wait.url));
    code = await wait.code;
  }
  await withApp(async (app) => {
    if (app.config.truelayer) app.config.truelayer.redirectUri = cfg.redirectUri;
    progress(M().cliConnectLoginReceived);
    report(app, await connectTrueLayerWithCode(app, code!, { onProgress, ...(opts.relink ? { relinkId: opts.relink } : {}) }));
  });
}

const onProgress = (_id: string, m: string) => progress(`  ${clean(m)}`);

function report(app: App, { connection, firstSync }: ConnectResult): void {
  const t = cliText();
  const expires = connection.consentExpiresAt ? expiry(connection.consentExpiresAt, app.now(), t) : null;
  out(t.m.cliConnected(clean(connection.institutionName), colors.bold(connection.id), expires));
  out(describeOutcome(firstSync));
  if (firstSync.status === 'failed') process.exitCode = 1;
  else out(t.m.cliConnectSeeThem);
}

/** The terminal's catalogue, read when a sentence is said (the flows are long-running). */
const M = () => cliText().m;

async function connectPlaid(opts: { sandbox?: string }): Promise<void> {
  if (!opts.sandbox) {
    throw new TraxError('usage', M().cliConnectPlaidInBrowser);
  }
  await withApp(async (app) => {
    progress(M().cliConnectPlaidSandbox(opts.sandbox!));
    report(app, await connectPlaidSandbox(app, opts.sandbox!, { onProgress }));
  });
}
