import { createHash, timingSafeEqual } from 'node:crypto';
import { factory } from '../env.js';
import { LoginPage } from '../views/pages.js';

/** Password login, needed when Trax listens beyond this machine (TRAX_WEB_PASSWORD). */
export const login = factory.createApp();

login.get('/login', (c) => c.html(<LoginPage session={c.get('session')} next={safeNext(c.req.query('next'))} failed={false} />));

login.post('/login', async (c) => {
  const form = await c.req.parseBody();
  const password = c.get('deps').app.config.webPassword;
  const given = typeof form.password === 'string' ? form.password : '';
  const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
  if (password && equalSecrets(given, password)) {
    c.get('session').authed = true;
    return c.redirect(next, 303);
  }
  // A pause per wrong guess makes guessing slow without locking the owner out.
  await new Promise((r) => setTimeout(r, 500));
  return c.html(<LoginPage session={c.get('session')} next={next} failed={true} />, 401);
});

/** Only local paths: `next` must never send the user to another site after login. */
function safeNext(next: string | undefined): string {
  return next && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : '/';
}

function equalSecrets(a: string, b: string): boolean {
  // Hash first so the comparison takes the same time whatever the lengths.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
