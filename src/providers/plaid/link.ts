import type { Products, CountryCode } from 'plaid';
import { ProviderError } from '../../domain/errors.js';
import type { NewConsent } from '../provider.js';
import type { PlaidClient } from './client.js';
import {
  acknowledged,
  exchangeResponse,
  institutionResponse,
  itemResponse,
  linkTokenResponse,
  publicTokenResponse,
} from './wire-types.js';

export interface PlaidSecrets {
  accessToken: string;
}

/**
 * A Link token. With `accessToken` it opens Link in update mode (relink): no products, the
 * same Item, consent renewed. The redirect URI is what OAuth banks (all UK/EU ones) return to.
 */
export async function createLinkToken(client: PlaidClient, opts: { userId: string; accessToken?: string }): Promise<string> {
  const { cfg } = client;
  const res = await client.call('POST /link/token/create', linkTokenResponse, (api) =>
    api.linkTokenCreate({
      client_name: 'Trax',
      language: 'en',
      country_codes: cfg.countryCodes as CountryCode[],
      user: { client_user_id: opts.userId },
      ...(opts.accessToken ? { access_token: opts.accessToken } : { products: cfg.products as Products[] }),
      ...(cfg.redirectUri ? { redirect_uri: cfg.redirectUri } : {}),
      ...(cfg.webhookUrl ? { webhook: cfg.webhookUrl } : {}),
    }),
  );
  return res.link_token;
}

/** A public token without Link, for scripts and tests; sandbox only. */
export async function sandboxPublicToken(client: PlaidClient, institutionId: string): Promise<string> {
  const { cfg } = client;
  const res = await client.call('POST /sandbox/public_token/create', publicTokenResponse, (api) =>
    api.sandboxPublicTokenCreate({
      institution_id: institutionId,
      initial_products: cfg.products as Products[],
      ...(cfg.webhookUrl ? { options: { webhook: cfg.webhookUrl } } : {}),
    }),
  );
  return res.public_token;
}

export async function exchangePublicToken(
  client: PlaidClient,
  publicToken: string,
): Promise<{ accessToken: string; itemId: string }> {
  // A public token works once: a retry after a lost response would only earn INVALID_PUBLIC_TOKEN.
  const res = await client.call(
    'POST /item/public_token/exchange',
    exchangeResponse,
    (api) => api.itemPublicTokenExchange({ public_token: publicToken }),
    { retry: false },
  );
  return { accessToken: res.access_token, itemId: res.item_id };
}

/** Item health, consent expiry and the bank's name, logo and colour. */
export async function describeItem(
  client: PlaidClient,
  accessToken: string,
): Promise<Omit<NewConsent, 'secrets'> & { error: string | null }> {
  const { item } = await client.call('POST /item/get', itemResponse, (api) => api.itemGet({ access_token: accessToken }));
  let name = item.institution_name ?? null;
  let logo: string | null = null;
  let color: string | null = null;
  if (item.institution_id) {
    const { institution } = await client.call('POST /institutions/get_by_id', institutionResponse, (api) =>
      api.institutionsGetById({
        institution_id: item.institution_id!,
        country_codes: client.cfg.countryCodes as CountryCode[],
        options: { include_optional_metadata: true },
      }),
    );
    name = institution.name;
    logo = institution.logo ? `data:image/png;base64,${institution.logo}` : null;
    color = institution.primary_color ?? null;
  }
  return {
    provider: 'plaid',
    externalId: item.item_id,
    institutionId: item.institution_id ?? null,
    institutionName: name,
    institutionLogo: logo,
    institutionColor: color,
    consentCreatedAt: null,
    consentExpiresAt: item.consent_expiration_time ?? null,
    error: item.error?.error_code ?? null,
  };
}

/** Removes the Item at Plaid. Already gone (INVALID_ACCESS_TOKEN) is what we wanted. */
export async function removeItem(client: PlaidClient, accessToken: string): Promise<void> {
  try {
    await client.call('POST /item/remove', acknowledged, (api) => api.itemRemove({ access_token: accessToken }));
  } catch (e) {
    if (e instanceof ProviderError && e.detail.providerCode === 'INVALID_ACCESS_TOKEN') return;
    throw e;
  }
}
