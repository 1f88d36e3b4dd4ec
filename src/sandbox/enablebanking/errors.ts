import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Enable Banking's ErrorResponse: `code` repeats the HTTP status, clients branch on `error`. */
export function ebError(
  c: Context,
  status: ContentfulStatusCode,
  error: string,
  message: string,
  detail: unknown = null,
): Response {
  return c.json({ code: status, message, error, detail }, status);
}
