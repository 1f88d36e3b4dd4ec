import { factory } from '../env.js';

/** When a password is required, everything but the login page, static files and webhooks needs it. */
export function requireLogin(open: (path: string) => boolean) {
  return factory.createMiddleware(async (c, next) => {
    if (!c.get('deps').passwordRequired || c.get('session').authed || open(c.req.path)) return next();
    if (c.req.method === 'GET') return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`);
    return c.json({ error: 'Log in first.' }, 401);
  });
}
