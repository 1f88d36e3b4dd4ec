import { neutralizeBidi } from '../../domain/text.js';
import { factory } from '../env.js';

/**
 * Bank text reaches many views (and more will come); rather than trust each one to remember,
 * every HTML page is passed through the same neutralizer the CLI uses before it is sent. Our
 * own templates never need a bidi control, so nothing legitimate is lost.
 */
export function neutralizeBidiInPages() {
  return factory.createMiddleware(async (c, next) => {
    await next();
    const res = c.res;
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html') || !res.body) return;
    const html = await res.text();
    const headers = new Headers(res.headers);
    // The replacement changes the byte length; let the server count it again.
    headers.delete('content-length');
    // Cleared first, so Hono does not merge the old headers (and their length) back in.
    c.res = undefined;
    c.res = new Response(neutralizeBidi(html), { status: res.status, statusText: res.statusText, headers });
  });
}
