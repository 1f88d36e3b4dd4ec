import { Errors } from '../errors.js';
import { institutionById } from '../institutions.js';
import * as schemas from '../schemas.js';
import { institutionJson } from '../serialize.js';
import type { SandboxState } from '../state.js';
import { plaidPost, type PlaidApp } from './define.js';

export function institutionRoutes(app: PlaidApp, state: SandboxState): void {
  plaidPost(app, state, '/institutions/get_by_id', schemas.institutionsGetById, ({ body }) => {
    const inst = institutionById(body.institution_id);
    // An institution outside the requested countries is as unknown as a made-up id.
    if (!inst || !body.country_codes.includes(inst.country)) throw Errors.invalidInstitution();
    return {
      institution: institutionJson(
        inst,
        {
          includeOptionalMetadata: body.options?.include_optional_metadata === true,
          includeStatus: body.options?.include_status === true,
        },
        state.now(),
      ),
    };
  });

  plaidPost(app, state, '/webhook_verification_key/get', schemas.webhookVerificationKeyGet, ({ body }) => {
    if (body.key_id !== state.signer.kid) throw Errors.invalidWebhookKeyId();
    return { key: { ...state.signer.jwk } };
  });
}
