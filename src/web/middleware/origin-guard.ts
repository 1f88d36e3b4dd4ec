import { factory } from '../env.js';
import type { ServedOrigins } from '../served-origins.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * DNS rebinding: a page on evil.example re-resolves its own name to 127.0.0.1 and then talks to
 * Trax as "same origin". Its requests still carry `Host: evil.example`, so anything not naming
 * us is refused before a route, a static file or the webhook sees it.
 */
export function hostGuard(origins: ServedOrigins) {
  return factory.createMiddleware(async (c, next) => {
    // An in-process request (app.request) has no Host header; its URL says where it was sent.
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!origins.allowsHost(host)) {
      return c.text(
        `Trax answers only at the address it is served on; open ${origins.home()} (or a name set in TRUELAYER_REDIRECT_URI, PLAID_REDIRECT_URI or PLAID_WEBHOOK_URL) instead.`,
        421,
      );
    }
    await next();
  });
}

/**
 * State-changing requests must come from our own pages. Browsers say where a request comes
 * from (Sec-Fetch-Site and Origin); when either says another site, it is refused even with a
 * valid CSRF token. A request with neither header is not from a browser a web page could drive
 * (every current browser sends Origin on POST), and still needs the CSRF token — the same rule as
 * Go's http.CrossOriginProtection. The webhook is exempt: it proves itself with Plaid's signature.
 */
export function sameOrigin(origins: ServedOrigins, exempt: (path: string) => boolean) {
  return factory.createMiddleware(async (c, next) => {
    if (SAFE.has(c.req.method) || exempt(c.req.path)) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    // Each header present must agree; neither present is a non-browser client (see above).
    const siteOk = site === undefined || site === 'same-origin' || site === 'none';
    const originOk = origin === undefined || origins.allowsOrigin(origin);
    const ok = siteOk && originOk;
    if (!ok) {
      return c.text(
        `This request came from another site (${siteOk ? 'its Origin is not this address' : `Sec-Fetch-Site: ${site}`}), so Trax refused it; use the buttons on Trax's own pages at ${origins.home()}.`,
        403,
      );
    }
    await next();
  });
}
