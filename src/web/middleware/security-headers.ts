import type { Config } from '../../config/index.js';
import { factory } from '../env.js';

/**
 * Content-Security-Policy: scripts only from here and from Plaid's Link (its CDN live, the
 * emulator's host when PLAID_BASE_URL points at one); no inline script, no plugins, no framing
 * of Trax. Images only from here or data: URLs, so no bank logo is fetched from a third party.
 */
export function securityHeaders(config: Config) {
  const plaid = config.plaid
    ? config.plaid.linkScriptUrl.startsWith('https://cdn.plaid.com')
      ? { script: 'https://cdn.plaid.com', frame: 'https://cdn.plaid.com', connect: config.plaid.baseUrl }
      : {
          script: new URL(config.plaid.baseUrl).origin,
          frame: new URL(config.plaid.baseUrl).origin,
          connect: new URL(config.plaid.baseUrl).origin,
        }
    : null;
  const csp = [
    "default-src 'self'",
    `script-src 'self'${plaid ? ` ${plaid.script}` : ''}`,
    `frame-src ${plaid ? plaid.frame : "'none'"}`,
    `connect-src 'self'${plaid ? ` ${plaid.connect}` : ''}`,
    "img-src 'self' data:",
    // Link's own UI sets inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return factory.createMiddleware(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    // same-origin, not no-referrer: under no-referrer browsers send `Origin: null` even on our own
    // form posts, and the same-origin check needs the real one. Other sites still get nothing.
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
  });
}
