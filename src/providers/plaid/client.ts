import { Configuration, PlaidApi } from 'plaid';
import type { z } from 'zod';
import type { PlaidConfig } from '../../config/index.js';
import { ProviderError } from '../../domain/errors.js';
import { backoff, sleep, type HttpOptions } from '../http-options.js';
import { plaidErrorFrom } from './errors.js';

export type PlaidCall<S extends z.ZodType> = (api: PlaidApi) => Promise<{ data: unknown }>;

/**
 * The official SDK plus what it lacks: retries for 429/5xx/network, Plaid errors mapped to
 * ProviderError (never the axios error, whose config carries the secret), and zod validation.
 */
export class PlaidClient {
  readonly api: PlaidApi;

  constructor(
    readonly cfg: PlaidConfig,
    private readonly http: HttpOptions,
  ) {
    this.api = new PlaidApi(
      new Configuration({
        basePath: cfg.baseUrl,
        baseOptions: {
          headers: { 'PLAID-CLIENT-ID': cfg.clientId, 'PLAID-SECRET': cfg.secret, 'Plaid-Version': '2020-09-14' },
          timeout: http.timeoutMs,
        },
      }),
    );
  }

  async call<S extends z.ZodType>(
    label: string,
    schema: S,
    fn: (api: PlaidApi) => Promise<{ data: unknown }>,
    opts: { retry?: boolean } = {},
  ): Promise<z.infer<S>> {
    for (let attempt = 0; ; attempt++) {
      let data: unknown;
      try {
        data = (await fn(this.api)).data;
      } catch (e) {
        const error = plaidErrorFrom(e, label);
        const retryable =
          error.kind === 'rate_limited' || (error.kind === 'provider_down' && error.detail.providerCode !== 'PRODUCT_NOT_READY');
        if (retryable && opts.retry !== false && attempt < this.http.retries) {
          await sleep(backoff(this.http, attempt));
          continue;
        }
        throw error;
      }
      const parsed = schema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path
          .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
          .join('')
          .replace(/^\./, '');
        throw new ProviderError(
          'invalid_response',
          `Plaid ${label} returned an unexpected response (field ${field || '(root)'}: ${issue.message}); nothing from it was saved. Try again later, and report it if it keeps happening.`,
          { endpoint: label },
        );
      }
      return parsed.data;
    }
  }
}
