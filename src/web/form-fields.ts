import type { Context } from 'hono';

/**
 * A posted form's text fields, trimmed, without the CSRF token: what the user typed, both for the
 * change and for showing the form again when it is refused.
 */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).flatMap(([k, v]) => (typeof v === 'string' && k !== '_csrf' ? [[k, v.trim()]] : [])),
  );
}
