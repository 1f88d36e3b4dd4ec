import { sleep } from '../providers/http-options.js';

export interface PostOptions {
  /** Retries after the first attempt. */
  retries: number;
  retryBaseMs: number;
  timeoutMs: number;
}

export const DEFAULT_POST: PostOptions = { retries: 3, retryBaseMs: 2000, timeoutMs: 10_000 };

export type PostResult = { ok: true; attempts: number } | { ok: false; attempts: number; reason: string };

/**
 * One JSON POST, retried with exponential backoff on network errors, timeouts, 429 and 5xx.
 * Every attempt carries the same Idempotency-Key, so a receiver that got a request whose answer
 * was lost can drop the repeat. Other 4xx answers are not retried: the URL or receiver is wrong.
 */
export async function postJson(url: string, body: unknown, idempotencyKey: string, opts: PostOptions): Promise<PostResult> {
  let reason = '';
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, 'user-agent': 'trax-notify' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs),
        redirect: 'error',
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, attempts: attempt + 1 };
      reason = `HTTP ${res.status}`;
      if (res.status !== 408 && res.status !== 429 && res.status < 500) return { ok: false, attempts: attempt + 1, reason };
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      reason = cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
    }
    if (attempt >= opts.retries) return { ok: false, attempts: attempt + 1, reason };
    await sleep(Math.round(opts.retryBaseMs * 2 ** attempt * (0.5 + Math.random() / 2)));
  }
}
