import type { Command } from 'commander';
import { PROVIDER_IDS, providerPolicy } from '../../providers/registry.js';
import { createLocalhostCert } from '../../security/cert.js';
import { startScheduler } from '../../schedule/scheduler.js';
import { startWebServer } from '../../web/server.js';
import { out, progress, withApp } from '../context.js';
import { cliText, portOption } from '../output.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the web app: link, relink, sync and delete banks; see consent expiry at a glance')
    .option('--port <n>', 'port', '3000')
    .option('--host <address>', 'address to listen on (anything but 127.0.0.1 requires TRAX_WEB_PASSWORD)', '127.0.0.1')
    .option('--no-schedule', 'do not sync on a schedule (for people who run `trax sync --scheduled` from cron)')
    .addHelpText(
      'after',
      `
Opens https://localhost:3000 when \`trax cert\` has made a certificate, otherwise
http://localhost:3000. TrueLayer logins come back to TRUELAYER_REDIRECT_URI and Plaid OAuth
banks to PLAID_REDIRECT_URI: both should point at this server (e.g.
http://localhost:3000/callback and http://localhost:3000/oauth-return). Plaid accepts http
redirect URIs only for localhost in sandbox; for production run \`trax cert\` and use https.

Plaid webhooks (SYNC_UPDATES_AVAILABLE, consent warnings) arrive at /webhooks/plaid when
PLAID_WEBHOOK_URL points there from a public address.`,
    )
    .action(async (opts: { port: string; host: string; schedule: boolean }) => {
      const t = cliText();
      const port = portOption(t.m, opts.port);
      await withApp(async (app) => {
        const log = (m: string) => process.stderr.write(`${new Date().toISOString()} ${m}\n`);
        const scheduler = opts.schedule ? startScheduler(app, { log }) : null;
        const server = await startWebServer(app, { port, host: opts.host, log });
        out(t.m.cliServeRunning(server.url));
        const next = scheduler?.nextRun();
        // The machine's own local time, as the scheduler runs it; German writes it as Germans do.
        if (next) out(t.m.cliServeNextSync(t.lang === 'en' ? next.toLocaleString() : next.toLocaleString('de-DE')));
        // Every bank provider counts: a user with only Enable Banking set up has a provider.
        const banks = PROVIDER_IDS.map(providerPolicy).filter((p) => p.syncs);
        if (banks.every((p) => p.notConfigured(app.config) !== null)) {
          const labels = banks.map((p) => p.label);
          progress(t.m.cliServeNoProvider(labels.slice(0, -1).join(', '), labels.at(-1)!));
        }
        await new Promise<void>((resolve) => {
          const stop = () =>
            void (scheduler ? scheduler.stop() : Promise.resolve())
              .then(() => server.idle())
              .then(() => server.close())
              .then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      });
    });
}

export function registerCert(program: Command): void {
  program
    .command('cert')
    .description('create a self-signed HTTPS certificate for localhost in the data dir')
    .option('--force', 'replace an existing certificate')
    .addHelpText(
      'after',
      `
\`trax serve\` uses it automatically. Your browser will warn once that it is self-signed;
accept it for localhost. The key is written with mode 0600.`,
    )
    .action(async (opts: { force?: boolean }) => {
      await withApp(async (app) => {
        const { m } = cliText();
        const r = await createLocalhostCert(app.config.dataDir, { force: Boolean(opts.force) });
        out(r.created ? m.cliCertCreated(r.certFile, r.keyFile) : m.cliCertExists(r.certFile));
        out(m.cliCertServes);
      });
    });
}
