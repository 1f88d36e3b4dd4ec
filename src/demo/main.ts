import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openApp, type App } from '../app.js';
import { parseConfig } from '../config/index.js';
import { connectTrueLayerWithCode } from '../connections/connect-truelayer.js';
import { listenForCallback } from '../oauth/callback-server.js';
import { TRUELAYER_CALLBACK } from '../providers/truelayer/callback-names.js';
import { buildAuthLink } from '../providers/truelayer/index.js';
import { startTrueLayerSandbox, type TrueLayerSandbox } from '../sandbox/truelayer/index.js';
import { accountRows, accountsText } from '../cli/commands/accounts.js';
import { SANDBOX_CLIENT, sandboxEnvLines } from '../cli/commands/sandbox.js';
import { transactionsText } from '../cli/commands/transactions.js';
import { clean, colors, expiry } from '../cli/output.js';
import { describeOutcome } from '../cli/sync-report.js';
import { TraxError } from '../domain/errors.js';
import { firstFreePort, portIsFree } from '../net/free-port.js';
import { connectPlaidSandbox } from '../connections/connect-plaid.js';
import { startPlaidSandbox } from '../sandbox/plaid/index.js';
import { generateDemoKeyPair, startEnableBankingSandbox, type EnableBankingSandbox } from '../sandbox/enablebanking/index.js';
import { connectEnableBankingWithCode, startEnableBankingConsent } from '../connections/connect-enablebanking.js';
import { checkCallback } from '../providers/enablebanking/index.js';
import { startWebServer, type WebServer } from '../web/server.js';
import { forgetDemoConnections, recordDemoConnection } from './connections.js';
import { writeIngHistoryCsv } from './ing-history.js';
import { importFile } from '../imports/pipeline/index.js';
import { balanceSentence, countsSentence } from '../imports/pipeline/summary.js';
import { isoDate } from '../domain/dates.js';

const count = (app: App, sql: string, ...params: unknown[]) =>
  app.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;

/**
 * `npm run demo`: the whole TrueLayer flow against the built-in emulator, no credentials.
 * It drives the real OAuth redirect (auth link → login page → redirect to a local callback
 * server → code exchange), then syncs, and leaves the data so `trax` commands work afterwards.
 */
const PLAID_CLIENT = { clientId: 'trax-demo-client', secret: 'trax-demo-secret' };
const EB_APP_ID = '7d1e0c4a-2b3f-4e5a-9c6d-0f1e2d3c4b5a';
/** A second person in the household, with her own ING accounts (not the TrueLayer login's). */
const EB_USER = 'anna';
const args = new Set(process.argv.slice(2));
/** A person at a terminal gets the web app; scripts and CI get the summary and an exit. */
const serveWeb = args.has('--serve') || (process.stdout.isTTY && !args.has('--once'));

const BANKS = [
  { providerId: 'xs2a-ing-germany', label: 'ING Germany' },
  { providerId: 'mock', label: 'the UK Mock bank' },
];

const say = (s = '') => process.stdout.write(`${s}\n`);
const step = (s: string) => say(`\n${colors.bold(colors.cyan('▸'))} ${colors.bold(s)}`);

async function main(): Promise<void> {
  const sandbox = await startTrueLayerSandbox({ port: 0, clients: [SANDBOX_CLIENT] });
  const plaid = await startPlaidSandbox({ port: 0, clients: [PLAID_CLIENT] });
  let eb: EnableBankingSandbox | null = null;
  let app: App | null = null;
  let web: WebServer | null = null;
  try {
    // The web app's port also receives the TrueLayer redirect and Plaid's OAuth return.
    const webPort = (await portIsFree(3000)) ? 3000 : await firstFreePort(3001);
    const redirectUri = `http://localhost:${webPort}/callback`;
    const ebRedirect = `http://localhost:${webPort}/callback/enablebanking`;
    // The demo application's key pair is made here and the emulator trusts its public half; the
    // private key is written (0600) where ENABLEBANKING_KEY_FILE expects a downloaded one.
    const ebKeys = generateDemoKeyPair();
    eb = await startEnableBankingSandbox({
      port: 0,
      now: sandbox.clock.now(),
      apps: [{ appId: EB_APP_ID, publicKeyPem: ebKeys.publicKeyPem, redirectUrls: [ebRedirect] }],
    });
    const dataDir = process.env.TRAX_DATA_DIR ?? './data';
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const ebKeyFile = path.join(dataDir, 'demo-enablebanking.pem');
    writeFileSync(ebKeyFile, ebKeys.privateKeyPem, { mode: 0o600 });
    const env: NodeJS.ProcessEnv = {
      ...Object.fromEntries(
        sandboxEnvLines(sandbox.url, redirectUri).map((l) => l.replace(/"/g, '').split(/=(.*)/s).slice(0, 2)),
      ),
      PLAID_CLIENT_ID: PLAID_CLIENT.clientId,
      PLAID_SECRET: PLAID_CLIENT.secret,
      PLAID_ENV: 'sandbox',
      PLAID_BASE_URL: plaid.url,
      PLAID_REDIRECT_URI: `http://localhost:${webPort}/oauth-return`,
      PLAID_WEBHOOK_URL: `http://127.0.0.1:${webPort}/webhooks/plaid`,
      ENABLEBANKING_APP_ID: EB_APP_ID,
      ENABLEBANKING_KEY_FILE: ebKeyFile,
      ENABLEBANKING_REDIRECT_URI: ebRedirect,
      ENABLEBANKING_BASE_URL: eb.url,
      TRAX_DATA_DIR: dataDir,
      ...(process.env.TRAX_SECRET_KEY ? { TRAX_SECRET_KEY: process.env.TRAX_SECRET_KEY } : {}),
    };
    const config = parseConfig(env);
    app = openApp(config);
    say(
      colors.bold('Trax demo') +
        ` — TrueLayer sandbox at ${sandbox.url}, Enable Banking sandbox at ${eb.url}, Plaid sandbox at ${plaid.url}, data in ${path.relative(process.cwd(), config.dataDir) || '.'}/`,
    );
    clearEarlierDemo(app);

    step('Importing older history from an ING statement file (what the bank lets you download)');
    const dir = path.join(config.dataDir, 'demo-statements');
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const statement = writeIngHistoryCsv({
      file: path.join(dir, `Umsatzanzeige_${isoDate(sandbox.clock.now()).replace(/-/g, '')}.csv`),
      seed: sandbox.seed,
      startDay: sandbox.startDay,
      now: sandbox.clock.now(),
    });
    for (const r of await importFile(app, statement.file)) {
      say(`  ${path.relative(process.cwd(), statement.file)}: ${r.formatLabel}, bookings ${statement.from} to ${statement.to}`);
      say(`  ${countsSentence(r)}; ${balanceSentence(r.balanceCheck)}`);
    }

    for (const bank of BANKS) await connectBank(app, sandbox, redirectUri, bank);
    const linked = count(app, "SELECT count(*) FROM transaction_aliases WHERE source = 'sync'");
    say(
      `  The ING sync found ${linked} of its bookings already imported from the statement and linked them instead of adding them again (${count(app, 'SELECT count(*) FROM import_reviews WHERE status = ?', 'open')} left to review).`,
    );

    await connectEnableBankingDemo(app, eb);

    step('Linking a Plaid sandbox bank (First Platypus Bank, ins_109508)');
    const plaidLink = await connectPlaidSandbox(app, 'ins_109508', {
      onProgress: (_id, m) => say(colors.dim(`    ${clean(m)}`)),
    });
    recordDemoConnection(app, plaidLink.connection);
    say(`  connected ${clean(plaidLink.connection.institutionName)} as ${plaidLink.connection.id}`);
    say(`  ${describeOutcome(plaidLink.firstSync)}`);

    step('Accounts and balances');
    say(accountsText(accountRows(app)));

    const month = app.transactions.latestMonth();
    const giro = app.accounts.list().find((a) => a.iban?.startsWith('DE'));
    if (month) {
      step(`Transactions in ${month}${giro ? ` on ${clean(giro.name)}` : ''}`);
      say(transactionsText(app, app.transactions.list({ month, ...(giro ? { accountId: giro.id } : {}) })));
    }

    step('Syncing again changes nothing');
    const { syncAll } = await import('../sync/engine.js');
    for (const o of await syncAll(app, { trigger: 'user' })) say(describeOutcome(o));

    say(`\nThe data stays in ${config.dataDir}. Try:`);
    say('  npm run trax -- accounts');
    say(`  npm run trax -- transactions --month ${month ?? 'YYYY-MM'}`);
    say('  npm run trax -- connections');
    say('  npm run trax -- import list               # the statement file the demo imported');
    say('  npm run trax -- report --month ' + (month ?? 'YYYY-MM') + '    # where the money went');
    say(colors.dim('  (`trax sync` leaves these demo banks alone: they sync while `npm run demo -- --serve` runs.)'));
    if (!serveWeb) {
      say('Run `npm run demo -- --serve` to open the web app against the sandboxes.');
      return;
    }
    web = await startWebServer(app, { port: webPort, host: '127.0.0.1', log: (m) => say(colors.dim(m)) });
    step(`Web app: ${web.url}`);
    say('  Link a Plaid bank (log in as user_good / pass_good; UK banks go through an OAuth page),');
    say('  a TrueLayer bank (john / doe), or an Enable Banking bank (any name / sandbox).');
    say('  Renew, Relink, Sync now and Delete work against the sandboxes.');
    say('  Press Ctrl-C to stop.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
  } finally {
    await web?.idle();
    await web?.close();
    app?.close();
    await sandbox.close();
    await plaid.close();
    await eb?.close();
  }
}

/** ING again, through Enable Banking: the bank's hosted login as a browser drives it, then /sessions. */
async function connectEnableBankingDemo(app: App, eb: EnableBankingSandbox) {
  step(`Connecting ING Germany through Enable Banking (a second household member, ${EB_USER})`);
  const { auth, bank } = await startEnableBankingConsent(app, { bank: 'ING', country: 'DE' });
  say(`  auth link: ${auth.url.slice(0, 96)}…`);
  const back = new URL(await eb.completeAuth(auth.url, { username: EB_USER, password: 'sandbox' }));
  say(`  logged in as ${EB_USER}/sandbox; the bank redirects to ${back.origin}${back.pathname}`);
  const code = checkCallback(Object.fromEntries(back.searchParams), auth.state);
  say('  state checked, code received; creating the session and pulling history…');
  const { connection, firstSync } = await connectEnableBankingWithCode(app, code, {
    bank,
    onProgress: (_id, m) => say(colors.dim(`    ${clean(m)}`)),
  });
  recordDemoConnection(app, connection);
  say(
    `  connected ${clean(connection.institutionName)} as ${connection.id}; consent until ${expiry(connection.consentExpiresAt, app.now())}`,
  );
  say(`  ${describeOutcome(firstSync)}`);
}

/** Earlier demo runs talked to an emulator that is gone; their connections are replaced. */
function clearEarlierDemo(app: App): void {
  const connections = app.connections.list();
  if (connections.some((c) => c.environment === 'live')) {
    throw new TraxError(
      'usage',
      `${app.config.dataDir} holds real bank connections; run the demo elsewhere with TRAX_DATA_DIR=./demo-data npm run demo.`,
    );
  }
  for (const c of connections) app.connections.purge(c.id);
  forgetDemoConnections(app);
  if (connections.length) say(colors.dim(`(replaced ${connections.length} connection(s) from an earlier demo run)`));
}

async function connectBank(
  app: App,
  sandbox: TrueLayerSandbox,
  redirectUri: string,
  bank: { providerId: string; label: string },
) {
  const cfg = app.config.truelayer!;
  step(`Connecting ${bank.label}`);
  const auth = buildAuthLink(cfg, { providerId: bank.providerId });
  const wait = await listenForCallback({ redirectUri, expectedState: auth.state, timeoutMs: 60_000, names: TRUELAYER_CALLBACK });
  say(`  auth link: ${auth.url.slice(0, 96)}…`);
  const redirect = await sandbox.completeAuth(auth.url, { username: 'john', password: 'doe', providerId: bank.providerId });
  say(`  logged in as john/doe; the bank redirects to ${redirect.split('?')[0]}`);
  await fetch(redirect); // what the browser does next: land on our callback server
  const code = await wait.code;
  say('  state checked, code received; exchanging it for tokens and pulling history…');
  const { connection, firstSync } = await connectTrueLayerWithCode(app, code, {
    onProgress: (_id, m) => say(colors.dim(`    ${clean(m)}`)),
  });
  recordDemoConnection(app, connection);
  say(
    `  connected ${clean(connection.institutionName)} as ${connection.id}; consent until ${expiry(connection.consentExpiresAt, app.now())}`,
  );
  say(`  ${describeOutcome(firstSync)}`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${colors.red('Demo failed:')} ${e instanceof Error ? e.message : String(e)}\n`);
  if (!(e instanceof TraxError) && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exitCode = 1;
});
