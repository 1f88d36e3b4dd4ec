import { timingSafeEqual } from 'node:crypto';
import { HTTPException } from 'hono/http-exception';
import { factory } from '../env.js';

/**
 * Every state-changing request carries the session's CSRF token, in the `x-csrf-token` header
 * (fetch from our script) or a `_csrf` form field. Webhooks are exempt: they carry Plaid's
 * signature instead and have no session.
 */
export function csrf(exempt: (path: string) => boolean) {
  return factory.createMiddleware(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || exempt(c.req.path)) return next();
    let token = c.req.header('x-csrf-token');
    const type = c.req.header('content-type') ?? '';
    // Forms, and the statement upload (multipart; its size was capped before this reads it).
    if (!token && (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data'))) {
      const form = await c.req.parseBody();
      token = typeof form._csrf === 'string' ? form._csrf : undefined;
    }
    const expected = Buffer.from(c.get('session').csrf);
    if (!token || Buffer.byteLength(token) !== expected.length || !timingSafeEqual(Buffer.from(token), expected)) {
      throw new HTTPException(403, {
        message: 'This form has expired or did not come from Trax (CSRF check failed). Reload the page and try again.',
      });
    }
    await next();
  });
}
