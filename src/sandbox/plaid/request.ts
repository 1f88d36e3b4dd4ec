import type { Context } from 'hono';
import type { z } from 'zod';
import { Errors } from './errors.js';
import type { SandboxState } from './state.js';

/**
 * The checks every Plaid API call goes through, in Plaid's order: the body must be JSON, the
 * keys must be valid (headers PLAID-CLIENT-ID / PLAID-SECRET as the SDK sends them, or body
 * client_id / secret), then the fields must match the endpoint's request schema.
 */

export type JsonBody = Record<string, unknown>;

export async function readJsonBody(c: Context): Promise<JsonBody> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw Errors.invalidBody();
  let parsed: unknown;
  try {
    parsed = JSON.parse(await c.req.text());
  } catch {
    throw Errors.invalidBody();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw Errors.invalidBody();
  return parsed as JsonBody;
}

/** Returns the authenticated client id; removes the credentials from the body. */
export function authenticate(state: SandboxState, c: Context, body: JsonBody): string {
  const clientId = typeof body.client_id === 'string' ? body.client_id : c.req.header('plaid-client-id');
  const secret = typeof body.secret === 'string' ? body.secret : c.req.header('plaid-secret');
  delete body.client_id;
  delete body.secret;
  const missing = [...(clientId ? [] : ['client_id']), ...(secret ? [] : ['secret'])];
  if (missing.length > 0) throw Errors.missingFields(missing);
  if (!state.checkKeys(clientId as string, secret as string)) throw Errors.invalidApiKeys();
  return clientId as string;
}

/**
 * Validates with zod and reports like Plaid: missing required fields first (MISSING_FIELDS,
 * all of them at once), then fields the endpoint does not know (UNKNOWN_FIELDS), then the first
 * malformed value (INVALID_FIELD).
 */
export function parseBody<S extends z.ZodType>(schema: S, body: JsonBody): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const missing: string[] = [];
  const unknown: string[] = [];
  const invalid: string[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      unknown.push(...issue.keys.map((k) => (path ? `${path}.${k}` : k)));
    } else if (issue.code === 'invalid_type' && valueAt(body, issue.path) === undefined) {
      missing.push(path);
    } else {
      invalid.push(describe(path, issue));
    }
  }
  if (missing.length > 0) throw Errors.missingFields(missing);
  if (unknown.length > 0) throw Errors.unknownFields(unknown);
  throw Errors.invalidField(invalid[0] ?? 'invalid request');
}

function valueAt(body: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = body;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function describe(path: string, issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `${path} must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `${path} must be one of [${issue.values.map(String).join(', ')}]`;
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `${path} must have at least ${String(issue.minimum)} ${issue.origin === 'array' ? 'element(s)' : 'character(s)'}`
        : `${path} must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? `${path} must have at most ${String(issue.maximum)} ${issue.origin === 'array' ? 'element(s)' : 'character(s)'}`
        : `${path} must be at most ${String(issue.maximum)}`;
    default:
      return `${path} is invalid: ${issue.message}`;
  }
}
