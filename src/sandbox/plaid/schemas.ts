import { z } from 'zod';

/**
 * Request bodies per endpoint. Top-level objects are strict (Plaid answers UNKNOWN_FIELDS for a
 * field the endpoint does not define), so every top-level property of the spec's request schema
 * is listed, including the ones the emulator ignores. Nested option objects stay loose: new
 * optional fields appear there often. client_id/secret are stripped before validation.
 */

export const PRODUCTS = [
  'assets',
  'auth',
  'balance',
  'balance_plus',
  'beacon',
  'identity',
  'identity_match',
  'investments',
  'investments_auth',
  'liabilities',
  'payment_initiation',
  'identity_verification',
  'transactions',
  'credit_details',
  'income',
  'income_verification',
  'standing_orders',
  'transfer',
  'employment',
  'recurring_transactions',
  'transactions_refresh',
  'signal',
  'statements',
  'processor_payments',
  'processor_identity',
  'profile',
  'cra_base_report',
  'cra_income_insights',
  'cra_partner_insights',
  'cra_network_insights',
  'cra_cashflow_insights',
  'cra_monitoring',
  'cra_lend_score',
  'cra_plaid_credit_score',
  'layer',
  'pay_by_bank',
  'protect_linked_bank',
  'protect_transactions',
] as const;

export const COUNTRY_CODES = [
  'US',
  'GB',
  'ES',
  'NL',
  'FR',
  'IE',
  'CA',
  'DE',
  'IT',
  'PL',
  'DK',
  'NO',
  'SE',
  'EE',
  'LT',
  'LV',
  'PT',
  'BE',
  'AT',
  'FI',
] as const;
const LANGUAGES = ['da', 'nl', 'en', 'et', 'fr', 'de', 'hi', 'it', 'lv', 'lt', 'no', 'pl', 'pt', 'ro', 'es', 'sv', 'vi'] as const;
export const WEBHOOK_TYPES = [
  'AUTH',
  'HOLDINGS',
  'INVESTMENTS_TRANSACTIONS',
  'ITEM',
  'LIABILITIES',
  'TRANSACTIONS',
  'ASSETS',
] as const;
export const FIREABLE_WEBHOOK_CODES = [
  'DEFAULT_UPDATE',
  'NEW_ACCOUNTS_AVAILABLE',
  'SMS_MICRODEPOSITS_VERIFICATION',
  'AUTHORIZATION_GRANTED',
  'USER_PERMISSION_REVOKED',
  'USER_ACCOUNT_REVOKED',
  'PENDING_DISCONNECT',
  'RECURRING_TRANSACTIONS_UPDATE',
  'LOGIN_REPAIRED',
  'SYNC_UPDATES_AVAILABLE',
  'PRODUCT_READY',
  'ERROR',
] as const;

/** Accepted and ignored: the emulator has no use for it, but Plaid would not reject it. */
const ignored = z.unknown().optional();
const ignoreAll = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, ignored]));
const credentials = ignoreAll('client_id', 'secret');
const products = z.array(z.enum(PRODUCTS)).nullish();
const accessToken = z.string();

export const linkTokenCreate = z.strictObject({
  ...credentials,
  client_name: z.string().min(1).max(30),
  language: z.enum(LANGUAGES),
  country_codes: z.array(z.enum(COUNTRY_CODES)).min(1),
  user: z.looseObject({ client_user_id: z.string().min(1) }).nullish(),
  user_id: z.string().nullish(),
  products,
  required_if_supported_products: products,
  optional_products: products,
  additional_consented_products: products,
  webhook: z.string().nullish(),
  access_token: z.string().nullish(),
  redirect_uri: z.string().nullish(),
  transactions: z.looseObject({ days_requested: z.number().int().min(1).max(730).nullish() }).nullish(),
  update: z.looseObject({}).nullish(),
  ...ignoreAll(
    'access_tokens',
    'link_customization_name',
    'appearance_mode',
    'android_package_name',
    'institution_data',
    'card_switch',
    'account_filters',
    'eu_config',
    'institution_id',
    'payment_configuration',
    'payment_initiation',
    'employment',
    'income_verification',
    'base_report',
    'credit_partner_insights',
    'cra_options',
    'consumer_report_permissible_purpose',
    'auth',
    'transfer',
    'identity_verification',
    'statements',
    'third_party_user_token',
    'investments',
    'investments_auth',
    'hosted_link',
    'cashflow_report',
    'cra_enabled',
    'identity',
    'financekit_supported',
    'enable_multi_item_link',
    'user_token',
  ),
});

export const publicTokenExchange = z.strictObject({ ...credentials, public_token: z.string() });

export const accountsGet = z.strictObject({
  ...credentials,
  access_token: accessToken,
  options: z
    .looseObject({ account_ids: z.array(z.string()).nullish(), min_last_updated_datetime: z.string().nullish() })
    .nullish(),
});

export const accessTokenOnly = z.strictObject({ ...credentials, access_token: accessToken });

export const itemRemove = z.strictObject({
  ...credentials,
  access_token: accessToken,
  ...ignoreAll('reason_code', 'reason_note'),
});

export const itemWebhookUpdate = z.strictObject({ ...credentials, access_token: accessToken, webhook: z.string().nullish() });

export const institutionsGetById = z.strictObject({
  ...credentials,
  institution_id: z.string(),
  country_codes: z.array(z.enum(COUNTRY_CODES)).min(1),
  options: z
    .looseObject({
      include_optional_metadata: z.boolean().nullish(),
      include_status: z.boolean().nullish(),
      include_auth_metadata: z.boolean().nullish(),
      include_payment_initiation_metadata: z.boolean().nullish(),
    })
    .nullish(),
});

export const transactionsSync = z.strictObject({
  ...credentials,
  access_token: accessToken,
  cursor: z.string().max(256).nullish(),
  count: z.number().int().min(1).max(500).nullish(),
  options: z
    .looseObject({
      include_original_description: z.boolean().nullish(),
      include_personal_finance_category: z.boolean().nullish(),
      include_logo_and_counterparty_beta: z.boolean().nullish(),
      personal_finance_category_version: z.string().nullish(),
      days_requested: z.number().int().min(1).max(730).nullish(),
      account_id: z.string().nullish(),
    })
    .nullish(),
});

export const webhookVerificationKeyGet = z.strictObject({ ...credentials, key_id: z.string() });

export const sandboxPublicTokenCreate = z.strictObject({
  ...credentials,
  institution_id: z.string(),
  initial_products: z.array(z.enum(PRODUCTS)).min(1),
  options: z
    .looseObject({
      webhook: z.string().nullish(),
      override_username: z.string().nullish(),
      override_password: z.string().nullish(),
    })
    .nullish(),
  ...ignoreAll('user_token', 'user_id'),
});

export const sandboxFireWebhook = z.strictObject({
  ...credentials,
  access_token: accessToken,
  webhook_type: z.enum(WEBHOOK_TYPES).nullish(),
  webhook_code: z.enum(FIREABLE_WEBHOOK_CODES),
});
