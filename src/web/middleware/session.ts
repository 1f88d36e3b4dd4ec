import { getCookie, setCookie } from 'hono/cookie';
import { factory } from '../env.js';
import type { SessionStore } from '../session.js';

const COOKIE = 'trax_sid';

/** Every browser gets a session (for its CSRF token and OAuth state) before anything else. */
export function sessions(store: SessionStore, secure: boolean) {
  return factory.createMiddleware(async (c, next) => {
    let id = getCookie(c, COOKIE);
    // Lax, not Strict: the bank's OAuth redirect back to us is a cross-site top-level GET,
    // and it must arrive with the session that holds the state we sent.
    const give = (newId: string) => setCookie(c, COOKIE, newId, { httpOnly: true, sameSite: 'Lax', secure, path: '/' });
    let session = store.get(id);
    if (!session) {
      const created = store.create();
      session = created.session;
      id = created.id;
      give(created.id);
    }
    c.set('session', session);
    c.set('renewSession', () => {
      const renewed = store.rotate(id);
      id = renewed.id;
      give(renewed.id);
      c.set('session', renewed.session);
      return renewed.session;
    });
    await next();
  });
}
