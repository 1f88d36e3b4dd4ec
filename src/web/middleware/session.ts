import { getCookie, setCookie } from 'hono/cookie';
import { factory } from '../env.js';
import type { SessionStore } from '../session.js';

const COOKIE = 'trax_sid';

/** Every browser gets a session (for its CSRF token and OAuth state) before anything else. */
export function sessions(store: SessionStore, secure: boolean) {
  return factory.createMiddleware(async (c, next) => {
    let session = store.get(getCookie(c, COOKIE));
    if (!session) {
      const created = store.create();
      session = created.session;
      // Lax, not Strict: the bank's OAuth redirect back to us is a cross-site top-level GET,
      // and it must arrive with the session that holds the state we sent.
      setCookie(c, COOKIE, created.id, { httpOnly: true, sameSite: 'Lax', secure, path: '/' });
    }
    c.set('session', session);
    await next();
  });
}
