import type { z } from 'zod';
import { ProviderError } from '../../domain/errors.js';
import { errorFromResponse } from './errors.js';
import { backoff, sleep, type HttpOptions } from '../http-options.js';

export { DEFAULT_HTTP, type HttpOptions } from '../http-options.js';

export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  /** Path without ids or query, for messages ("GET /accounts/{id}/transactions"). */
  label: string;
  token?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

/**
 * One TrueLayer HTTP call: retries what is worth retrying, maps failures to ProviderError, and
 * validates the body with zod so a malformed response never reaches the database.
 */
export async function requestJson<S extends z.ZodType>(spec: RequestSpec, schema: S, opts: HttpOptions): Promise<z.infer<S>> {
  const text = await requestText(spec, opts);
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new ProviderError(
      'invalid_response',
      `TrueLayer ${spec.label} returned something that is not JSON; nothing from it was saved. Try again later.`,
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
      `TrueLayer ${spec.label} returned an unexpected response (field ${field || '(root)'}: ${issue.message}); nothing from it was saved. Try again later, and report it if it keeps happening.`,
      { endpoint: spec.label },
    );
  }
  return parsed.data;
}

export async function requestText(spec: RequestSpec, opts: HttpOptions): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    let body: string;
    try {
      res = await fetch(spec.url, {
        method: spec.method,
        headers: {
          accept: 'application/json',
          ...(spec.token ? { authorization: `Bearer ${spec.token}` } : {}),
          ...(spec.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...spec.headers,
        },
        ...(spec.form ? { body: new URLSearchParams(spec.form).toString() } : {}),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      // The timeout also covers the body: a bank that stalls half way through is a network failure.
      body = await res.text();
    } catch (e) {
      if (attempt < opts.retries) {
        await sleep(backoff(opts, attempt));
        continue;
      }
      const host = new URL(spec.url).origin;
      throw new ProviderError(
        'provider_down',
        `Could not reach TrueLayer at ${host} for ${spec.label} (${(e as Error).cause ? String((e as Error & { cause: Error }).cause.message ?? (e as Error).cause) : (e as Error).message}); check your connection and try again.`,
        { endpoint: spec.label },
        { cause: e },
      );
    }
    if (res.ok) return body;
    const error = errorFromResponse(res.status, body, spec.label, res.headers);
    const retryable = res.status === 429 || res.status >= 500;
    if (retryable && res.status !== 501 && attempt < opts.retries) {
      const wait = error.detail.retryAfterSeconds !== undefined ? error.detail.retryAfterSeconds * 1000 : backoff(opts, attempt);
      if (wait <= opts.maxRetryAfterMs) {
        await sleep(wait);
        continue;
      }
    }
    throw error;
  }
}
