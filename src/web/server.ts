import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import type { App } from '../app.js';
import { TraxError } from '../domain/errors.js';
import { PlaidClient, PlaidWebhookVerifier } from '../providers/plaid/index.js';
import { CERT_DIR } from '../security/cert.js';
import { createWebApp } from './create-app.js';

export interface WebServer {
  url: string;
  /** Resolves when work started by requests (webhook syncs) has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Serves the web app: HTTPS when `trax cert` made a certificate, else plain HTTP — and then
 * only on loopback unless a password is set, because anything else would put bank data on the
 * network unprotected.
 */
export async function startWebServer(
  app: App,
  opts: { port: number; host: string; log?: (m: string) => void },
): Promise<WebServer> {
  const loopback = LOOPBACK.has(opts.host);
  if (!loopback && !app.config.webPassword) {
    throw new TraxError(
      'usage',
      `Listening on ${opts.host} makes Trax reachable from other machines; set TRAX_WEB_PASSWORD (8+ characters) in .env first, or keep the default 127.0.0.1.`,
    );
  }
  const certFile = path.join(app.config.dataDir, CERT_DIR, 'cert.pem');
  const keyFile = path.join(app.config.dataDir, CERT_DIR, 'key.pem');
  const tls = existsSync(certFile) && existsSync(keyFile) ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : null;
  const pending = new Set<Promise<unknown>>();
  const served = { host: opts.host, port: opts.port === 0 ? null : opts.port, tls: tls !== null };
  const log = opts.log ?? ((m: string) => process.stderr.write(`${new Date().toISOString()} ${m}\n`));
  const web = createWebApp({
    app,
    passwordRequired: !loopback || app.config.webPassword !== null,
    secureCookies: tls !== null,
    plaidVerifier: app.config.plaid ? new PlaidWebhookVerifier(new PlaidClient(app.config.plaid, app.http), app.now) : null,
    track(work) {
      pending.add(work);
      void work.finally(() => pending.delete(work));
    },
    log,
    cache: new Map(),
    served,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: web.fetch,
        port: opts.port,
        hostname: opts.host,
        ...(tls ? { createServer: createHttpsServer, serverOptions: tls } : {}),
      },
      () => resolve(s),
    );
    s.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new TraxError(
              'usage',
              `Port ${opts.port} is in use (is another \`trax serve\` or \`trax connect\` running?); stop it or pick another with --port.`,
            )
          : e,
      ),
    );
  });
  const { port } = server.address() as AddressInfo;
  // Port 0 picks one at bind time; the Host and Origin checks need the real one.
  served.port = port;
  const host = opts.host === '127.0.0.1' || opts.host === '::1' ? 'localhost' : opts.host;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) (server as { closeAllConnections(): void }).closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
