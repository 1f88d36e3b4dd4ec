import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { sameSecret } from '../security/same-secret.js';
import type { AddressInfo } from 'node:net';
import { TraxError } from '../domain/errors.js';

export interface CallbackWait {
  /** Resolves with the authorization code once a callback with the right state arrives. */
  code: Promise<string>;
  /**
   * Where the server listens, e.g. http://localhost:3000/callback: the redirect URI with the
   * port it got, which differs from the configured one only for port 0.
   */
  url: string;
  close(): void;
}

/** The provider's redirect variable, the command that starts over, and the one that takes a copied code. */
export interface CallbackNames {
  variable: string;
  retry: string;
  withCode: string;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A one-shot HTTP server on the redirect URI's port and path. A callback whose `state` is
 * missing or wrong is answered 400 and ignored — it is not from the login this process started
 * (a stale tab, or someone else's link) — and the server keeps waiting for the real one.
 * Port 0 (tests, the emulators) takes any free port with no gap between choosing and binding
 * it; the auth link is then built from `url`, so `expectedState` may be supplied afterwards.
 */
export async function listenForCallback(opts: {
  redirectUri: string;
  expectedState: string | (() => string);
  timeoutMs: number;
  onRejected?: (reason: string) => void;
  /** Whose login this is, for the sentences: each provider has its own variable and commands. */
  names: CallbackNames;
}): Promise<CallbackWait> {
  const { variable, retry, withCode } = opts.names;
  const target = new URL(opts.redirectUri);
  if (target.protocol !== 'http:' || !LOCAL_HOSTS.has(target.hostname)) {
    throw new TraxError(
      'usage',
      `${variable} (${opts.redirectUri}) is not an http://localhost address, so Trax cannot receive the login itself; open the link, copy the code from the address the login lands on, and run \`${withCode}\`.`,
    );
  }
  const port = Number(target.port || 80);
  let settle!: { resolve: (code: string) => void; reject: (e: Error) => void };
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => page(res, 500, 'Something went wrong', 'Return to the terminal.'));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', opts.redirectUri);
    if (url.pathname !== target.pathname) return page(res, 404, 'Not found', 'This address only receives bank logins for Trax.');
    // response_mode=form_post sends the same fields as a POSTed form.
    const params = req.method === 'POST' ? new URLSearchParams(await readBody(req)) : url.searchParams;
    const state = params.get('state');
    const expected = typeof opts.expectedState === 'function' ? opts.expectedState() : opts.expectedState;
    if (!state || !expected || !sameSecret(state, expected)) {
      opts.onRejected?.(state ? 'a callback with the wrong state' : 'a callback without state');
      return page(
        res,
        400,
        'This login is not the one Trax is waiting for',
        'The state parameter did not match. Start again from the link the terminal printed.',
      );
    }
    const error = params.get('error');
    if (error) {
      page(res, 200, 'Not connected', 'The bank login was cancelled or refused. Return to the terminal.');
      settle.reject(
        new TraxError(
          'oauth_denied',
          `The bank login ended with "${error}"${params.get('error_description') ? ` (${params.get('error_description')})` : ''}; nothing was connected. Run \`${retry}\` to try again.`,
        ),
      );
      return;
    }
    const c = params.get('code');
    if (!c) return page(res, 400, 'No code', 'The bank did not send an authorization code. Start again from the terminal.');
    page(res, 200, 'Bank connected', 'Trax is now fetching your accounts. You can close this tab and return to the terminal.');
    settle.resolve(c);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new TraxError(
              'usage',
              `Port ${port} (from ${variable}) is in use by another program; stop it (is \`trax serve\` running?) or use \`${withCode}\`.`,
            )
          : e,
      ),
    );
    server.listen(port, target.hostname === 'localhost' ? '127.0.0.1' : target.hostname.replace(/^\[|\]$/g, ''), resolve);
  });
  const bound = new URL(target);
  bound.port = String((server.address() as AddressInfo).port);
  const timer = setTimeout(
    () =>
      settle.reject(
        new TraxError(
          'oauth_denied',
          `No bank login arrived within ${Math.round(opts.timeoutMs / 60000)} minutes; run \`${retry}\` again when you are ready.`,
        ),
      ),
    opts.timeoutMs,
  );
  const close = () => {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
  };
  code.then(close, close);
  return { code, url: bound.toString(), close };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 64_000) req.destroy();
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><meta charset="utf-8"><title>Trax · ${escapeHtml(title)}</title><body style="font-family:system-ui;max-width:36rem;margin:4rem auto"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body>`,
  );
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
