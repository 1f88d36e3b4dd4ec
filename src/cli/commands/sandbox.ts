import type { Command } from 'commander';
import { TraxError } from '../../domain/errors.js';
import { DEFAULT_REDIRECT_URI } from '../../config/index.js';
import { startTrueLayerSandbox } from '../../sandbox/truelayer/index.js';
import { out, progress } from '../context.js';
import { cliText, portOption } from '../output.js';

export const SANDBOX_CLIENT = { clientId: 'sandbox-trax-demo', clientSecret: 'sandbox-trax-demo-secret' };

/** The .env lines that point Trax at a running emulator. */
export function sandboxEnvLines(url: string, redirectUri = DEFAULT_REDIRECT_URI): string[] {
  return [
    `TRUELAYER_CLIENT_ID=${SANDBOX_CLIENT.clientId}`,
    `TRUELAYER_CLIENT_SECRET=${SANDBOX_CLIENT.clientSecret}`,
    'TRUELAYER_ENV=sandbox',
    `TRUELAYER_AUTH_URL=${url}`,
    `TRUELAYER_API_URL=${url}`,
    'TRUELAYER_PROVIDERS="de-xs2a-all uk-cs-mock"',
    `TRUELAYER_REDIRECT_URI=${redirectUri}`,
  ];
}

export function registerSandbox(program: Command): void {
  program
    .command('sandbox')
    .description('run the built-in TrueLayer emulator so every command can be tried without a bank')
    .option('--port <n>', 'port to listen on', '4010')
    .option('--seed <n>', 'seed for the generated statements', '42')
    .addHelpText(
      'after',
      `
The emulator speaks TrueLayer's Data API v1 and auth flow: its login page offers ING (a German
Girokonto and Extra-Konto, 18 months of statements) and the UK Mock bank. Log in as john / doe.
State lives in memory: restarting it forgets its connections (reconnect with \`trax connect\`).

Try it:
  trax sandbox                # leave running; copy the printed lines into .env
  trax connect truelayer      # in another terminal; open the link, pick a bank, john / doe
  trax sync && trax transactions`,
    )
    .action(async (opts: { port: string; seed: string }) => {
      const { m } = cliText();
      const port = portOption(m, opts.port);
      let sandbox;
      try {
        sandbox = await startTrueLayerSandbox({ port, seed: Number(opts.seed), clients: [SANDBOX_CLIENT] });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new TraxError('usage', m.cliPortInUse(port));
        throw e;
      }
      out(m.cliSandboxRunning(sandbox.url));
      out(sandboxEnvLines(sandbox.url).join('\n'));
      out(m.cliSandboxThen);
      await new Promise<void>((resolve) => {
        const stop = () => {
          progress(m.cliSandboxStopping);
          void sandbox.close().then(resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
