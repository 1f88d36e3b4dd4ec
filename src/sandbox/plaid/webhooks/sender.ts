import { createHash } from 'node:crypto';
import type { WebhookSigner } from './signer.js';

/**
 * Delivers webhooks the way Plaid does: POST, `Content-Type: application/json`, a body of
 * 2-space-indented JSON with sorted keys, and the `Plaid-Verification` JWT over its exact bytes.
 * Deliveries in flight are tracked so close() can stop them instead of leaking sockets.
 */
export class WebhookSender {
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor(private readonly signer: WebhookSigner) {}

  async send(url: string, body: Record<string, unknown>): Promise<number> {
    const raw = JSON.stringify(sortKeys(body), null, 2);
    const jwt = await this.signer.sign(createHash('sha256').update(raw, 'utf8').digest('hex'));
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(10_000)]);
    const task = fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Plaid-Verification': jwt, 'User-Agent': 'Plaid Verifier' },
      body: raw,
      signal,
      redirect: 'manual',
    }).then(async (res) => {
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    });
    this.inflight.add(task);
    try {
      return await task;
    } finally {
      this.inflight.delete(task);
    }
  }

  /** Plaid's own deliveries are fire-and-forget from the API caller's point of view. */
  sendInBackground(url: string, body: Record<string, unknown>): void {
    this.send(url, body).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.inflight]);
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
