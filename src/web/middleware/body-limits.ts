import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { factory } from '../env.js';

/** Every form and JSON call our pages make fits in this with room to spare. */
export const FORM_BODY_LIMIT = 64 * 1024;
/** Plaid's webhook bodies are a few hundred bytes; this leaves room for fields Plaid adds. */
export const WEBHOOK_BODY_LIMIT = 256 * 1024;
/** For statement-file uploads (the file-import routes): register their paths with this limit. */
export const UPLOAD_BODY_LIMIT = 20 * 1024 * 1024;

const size = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`);

/**
 * Bodies are refused with 413 before they are read: by Content-Length when it is sent, and for
 * a chunked body as soon as the bytes read pass the limit (hono's bodyLimit stops reading then).
 */
export function bodyLimits(larger: Record<string, number>) {
  const limiters = new Map<number, ReturnType<typeof bodyLimit>>();
  const limiter = (max: number) => {
    let l = limiters.get(max);
    if (!l) {
      l = bodyLimit({
        maxSize: max,
        onError: () => {
          throw new HTTPException(413, {
            message: `That request is larger than the ${size(max)} Trax accepts here; nothing was saved.`,
          });
        },
      });
      limiters.set(max, l);
    }
    return l;
  };
  return factory.createMiddleware(async (c, next) => limiter(larger[c.req.path] ?? FORM_BODY_LIMIT)(c, next));
}
