import type { App } from '../../src/app.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';

/**
 * `trax serve` for a test: it listens on port 0 and reports the port it got (no port is chosen
 * before it is bound), then every redirect and webhook URL configured with port 0 (the
 * helpers' defaults) is pointed at that port, as a user's .env would name it.
 */
export async function startTestWeb(
  app: App,
  opts: { host?: string; log?: (m: string) => void } = {},
): Promise<WebServer & { port: number }> {
  const web = await startWebServer(app, { port: 0, host: opts.host ?? '127.0.0.1', log: opts.log ?? (() => {}) });
  const port = Number(new URL(web.url).port);
  const bind = (uri: string): string => {
    const u = new URL(uri);
    if (u.port !== '0') return uri;
    u.port = String(port);
    return u.toString();
  };
  if (app.config.truelayer) app.config.truelayer.redirectUri = bind(app.config.truelayer.redirectUri);
  if (app.config.enablebanking) app.config.enablebanking.redirectUri = bind(app.config.enablebanking.redirectUri);
  if (app.config.plaid) {
    const plaid = app.config.plaid;
    if (plaid.redirectUri) plaid.redirectUri = bind(plaid.redirectUri);
    if (plaid.webhookUrl) plaid.webhookUrl = bind(plaid.webhookUrl);
  }
  return Object.assign(web, { port });
}
