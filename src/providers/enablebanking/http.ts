import type { z } from 'zod';
import { ProviderError } from '../../domain/errors.js';
import { backoff, sleep, type HttpOptions } from '../http-options.js';
import { errorFromResponse } from './errors.js';
import type { AppJwt } from './jwt.js';

export { DEFAULT_HTTP, type HttpOptions } from '../http-options.js';

export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path and query under the base URL. */
  path: string;
  /** Path without ids or query, for messages ("GET /accounts/{uid}/transactions"). */
  label: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Everything a call needs besides its spec: where, who we are, retry policy and Trax's clock. */
export interface Transport {
  baseUrl: string;
  jwt: AppJwt;
  http: HttpOptions;
  now: () => number;
}

/**
 * One Enable Banking call: a fresh-enough app JWT, retries for 5xx/408/network failures only
 * (a 429 is the bank's PSD2 allowance: retrying spends nothing but time), errors mapped once,
 * and the body validated with zod so a malformed response never reaches the database.
 */
export async function requestJson<S extends z.ZodType>(t: Transport, spec: RequestSpec, schema: S): Promise<z.infer<S>> {
  const text = await requestText(t, spec);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ProviderError(
      'invalid_response',
      `Enable Banking ${spec.label} returned something that is not JSON; nothing from it was saved. Try again later.`,
      { endpoint: spec.label },
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    throw new ProviderError(
      'invalid_response',
      `Enable Banking ${spec.label} returned an unexpected response (field ${field || '(root)'}: ${issue.message}); nothing from it was saved.`,
      { endpoint: spec.label },
    );
  }
  return parsed.data;
}

async function requestText(t: Transport, spec: RequestSpec): Promise<string> {
  const url = `${t.baseUrl}${spec.path}`;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    let body: string;
    try {
      res = await fetch(url, {
        method: spec.method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${await t.jwt.token()}`,
          ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...spec.headers,
        },
        ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
        signal: AbortSignal.timeout(t.http.timeoutMs),
      });
      body = await res.text();
    } catch (e) {
      if (attempt < t.http.retries) {
        await sleep(backoff(t.http, attempt));
        continue;
      }
      const cause = (e as Error & { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
      throw new ProviderError(
        'provider_down',
        `Could not reach Enable Banking at ${new URL(url).origin} for ${spec.label} (${cause}); check your connection and try again.`,
        { endpoint: spec.label },
        { cause: e },
      );
    }
    if (res.ok) return body;
    const error = errorFromResponse({
      status: res.status,
      bodyText: body,
      endpoint: spec.label,
      headers: res.headers,
      now: t.now,
    });
    // POST /sessions spends a single-use code: a retry could only earn ALREADY_AUTHORIZED.
    const retryable = (res.status >= 500 || res.status === 408) && spec.path !== '/sessions';
    if (retryable && attempt < t.http.retries) {
      await sleep(backoff(t.http, attempt));
      continue;
    }
    throw error;
  }
}
