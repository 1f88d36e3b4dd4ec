import { KNOWN_SCOPES, resolveProviders, type ProviderDef } from './providers.js';
import type { SandboxState } from './state.js';

/** Auth-link parameters; carried from the dialog to /login in hidden form fields. */
export const AUTH_FIELDS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'providers',
  'state',
  'nonce',
  'response_mode',
  'provider_id',
  'enable_mock',
] as const;
export type AuthField = (typeof AUTH_FIELDS)[number];
export type AuthRequest = Partial<Record<AuthField, string>>;

export interface ValidAuthRequest {
  req: AuthRequest;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  providers: ProviderDef[];
  formPost: boolean;
}

export interface AuthRequestError {
  status: number;
  error: string;
  description: string;
}

export function pickAuthFields(source: Record<string, unknown>): AuthRequest {
  const out: AuthRequest = {};
  for (const f of AUTH_FIELDS) {
    const v = source[f];
    if (typeof v === 'string' && v !== '') out[f] = v;
  }
  return out;
}

const missing = (name: string): AuthRequestError => ({
  status: 400,
  error: 'invalid_request',
  description: `Missing required parameter: ${name}`,
});

/**
 * Validated before anything is shown, in the order a real authorization server checks: the
 * client first (so an unknown app never gets a login page), then what it asks for.
 */
export function validateAuthRequest(req: AuthRequest, state: SandboxState): ValidAuthRequest | AuthRequestError {
  if (!req.client_id) return missing('client_id');
  if (!state.client(req.client_id)) {
    return {
      status: 400,
      error: 'unauthorized_client',
      description: `Unknown client_id "${req.client_id}" for this environment`,
    };
  }
  if (!req.redirect_uri) return missing('redirect_uri');
  let redirect: URL;
  try {
    redirect = new URL(req.redirect_uri);
  } catch {
    return { status: 400, error: 'invalid_request', description: 'redirect_uri must be an absolute URL' };
  }
  if (redirect.protocol !== 'http:' && redirect.protocol !== 'https:') {
    return { status: 400, error: 'invalid_request', description: 'redirect_uri must use http or https' };
  }
  if (!req.response_type) return missing('response_type');
  if (req.response_type !== 'code') {
    return { status: 400, error: 'unsupported_response_type', description: 'response_type must be "code"' };
  }
  if (!req.scope) return missing('scope');
  const scopes = req.scope.split(/[\s+]+/).filter(Boolean);
  const unknown = scopes.filter((s) => !KNOWN_SCOPES.has(s));
  if (scopes.length === 0 || unknown.length > 0) {
    return { status: 400, error: 'invalid_scope', description: `Unsupported scope: ${unknown.join(' ') || '(empty)'}` };
  }
  const enableMock = req.enable_mock === 'true';
  if (!req.providers && !enableMock) return missing('providers');
  let providers = resolveProviders(req.providers ?? '', enableMock);
  if (providers.length === 0) {
    return {
      status: 400,
      error: 'invalid_request',
      description: `No available provider matches providers="${req.providers ?? ''}"`,
    };
  }
  if (req.provider_id) {
    const chosen = providers.filter((p) => p.providerId === req.provider_id);
    if (chosen.length === 0) {
      return {
        status: 400,
        error: 'invalid_request',
        description: `provider_id "${req.provider_id}" is not covered by providers`,
      };
    }
    providers = chosen;
  }
  if (req.response_mode && req.response_mode !== 'form_post' && req.response_mode !== 'query') {
    return { status: 400, error: 'invalid_request', description: 'response_mode must be "query" or "form_post"' };
  }
  return {
    req,
    clientId: req.client_id,
    redirectUri: req.redirect_uri,
    scopes: [...new Set(scopes)],
    providers,
    formPost: req.response_mode === 'form_post',
  };
}

export function isAuthRequestError(v: ValidAuthRequest | AuthRequestError): v is AuthRequestError {
  return 'error' in v;
}
