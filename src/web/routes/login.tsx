import { createHash, timingSafeEqual } from 'node:crypto';
import { factory } from '../env.js';
import { routeI18n } from '../i18n.js';
import { LoginLimiter } from '../login-limiter.js';
import { LoginPage } from '../views/pages.js';

/** Password login, needed when Trax listens beyond this machine (TRAX_WEB_PASSWORD). */
export function loginRoutes(limiter: LoginLimiter) {
  const login = factory.createApp();

  login.get('/login', (c) =>
    c.html(<LoginPage session={c.get('session')} next={safeNext(c.req.query('next'))} problem={null} />),
  );

  login.post('/login', async (c) => {
    // Counted before the body is parsed or the password compared: see LoginLimiter.
    const attempt = limiter.begin(peerAddress(c.env));
    if (!attempt.allowed) {
      c.header('Retry-After', String(attempt.retryAfterS));
      const { m } = routeI18n(c);
      const wait = m.waitFor(attempt.retryAfterS);
      const problem = attempt.why === 'global' ? m.tooManyGlobal(wait) : m.tooManyHere(wait);
      return c.html(<LoginPage session={c.get('session')} next="/" problem={problem} />, 429);
    }
    let ok = false;
    try {
      const form = await c.req.parseBody();
      const password = c.get('deps').app.config.webPassword;
      const given = typeof form.password === 'string' ? form.password : '';
      const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
      ok = password !== null && equalSecrets(given, password);
      if (ok) {
        c.get('renewSession')().authed = true;
        return c.redirect(next, 303);
      }
      return c.html(<LoginPage session={c.get('session')} next={next} problem={routeI18n(c).m.wrongPassword} />, 401);
    } finally {
      attempt.finish(ok);
    }
  });

  return login;
}

/** Only local paths: `next` must never send the user to another site after login. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : '/';
}

function equalSecrets(a: string, b: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** The TCP peer, never a forwarded header: a guesser could write any address there. */
function peerAddress(env: unknown): string {
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  const ip = incoming?.socket?.remoteAddress ?? 'in-process';
  return ip.startsWith('::ffff:') ? ip.slice(7) : ip;
}
