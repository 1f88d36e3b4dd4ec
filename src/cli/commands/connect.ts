import type { Command } from 'commander';
import { loadConfig, requireTrueLayer } from '../../config/index.js';
import { TraxError } from '../../domain/errors.js';
import { connectTrueLayerWithCode } from '../../connections/connect-truelayer.js';
import { listenForCallback } from '../../oauth/callback-server.js';
import { buildAuthLink } from '../../providers/truelayer/index.js';
import { out, progress, withApp } from '../context.js';
import { openBrowser } from '../open-browser.js';
import { clean, colors, expiry } from '../output.js';
import { describeOutcome } from '../sync-report.js';

export function registerConnect(program: Command): void {
  program
    .command('connect')
    .description('link a bank account through an open-banking provider')
    .argument('<provider>', 'truelayer (ING Germany and other EU/UK banks)')
    .option('--code <code>', 'finish with an authorization code copied from TrueLayer\'s redirect page')
    .option('--bank <provider_id>', 'skip the bank picker, e.g. xs2a-ing-germany')
    .option('--no-browser', 'print the login link without opening a browser')
    .option('--timeout <minutes>', 'how long to wait for the bank login', '10')
    .addHelpText('after', `
How it works:
  Trax prints a TrueLayer login link (and opens it). You pick your bank and log in there;
  the bank sends you back to TRUELAYER_REDIRECT_URI (default http://localhost:3000/callback),
  where this command is listening. Trax then stores the tokens encrypted and pulls all the
  history the bank allows — banks serve more than 90 days only in the minutes after login.

  If your redirect URI is TrueLayer's console page instead, copy the code it shows and run:
    trax connect truelayer --code <code>

  Reconnect the same way when a consent expires: accounts are matched back by IBAN.

Examples:
  trax connect truelayer
  trax connect truelayer --bank xs2a-ing-germany`)
    .action(async (provider: string, opts: { code?: string; bank?: string; browser: boolean; timeout: string }) => {
      if (provider !== 'truelayer') {
        throw new TraxError('usage', `"${provider}" is not a provider Trax can connect yet; use \`trax connect truelayer\`.`);
      }
      const cfg = requireTrueLayer(loadConfig());
      let code = opts.code;
      if (!code) {
        const auth = buildAuthLink(cfg, opts.bank ? { providerId: opts.bank } : {});
        const wait = await listenForCallback({
          redirectUri: cfg.redirectUri,
          expectedState: auth.state,
          timeoutMs: Number(opts.timeout) * 60_000,
          onRejected: (why) => progress(colors.yellow(`Ignored ${why}; still waiting for your login.`)),
        });
        out(`Open this link to log in to your bank:\n\n  ${auth.url}\n`);
        if (opts.browser && openBrowser(auth.url)) progress('(opened in your browser)');
        progress(`Waiting for the bank to send you back to ${wait.url} … (Ctrl-C to cancel)`);
        code = await wait.code;
      }
      await withApp(async (app) => {
        progress('Login received; fetching accounts and history…');
        const { connection, firstSync } = await connectTrueLayerWithCode(app, code!, {
          onProgress: (_id, m) => progress(`  ${clean(m)}`),
        });
        out(`Connected ${clean(connection.institutionName)} as ${colors.bold(connection.id)}; consent valid until ${expiry(connection.consentExpiresAt, app.now())}.`);
        out(describeOutcome(firstSync));
        if (firstSync.status === 'failed') process.exitCode = 1;
        else out('See them with `trax accounts` and `trax transactions`; run `trax sync` to update later.');
      });
    });
}
