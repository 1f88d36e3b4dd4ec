import { buildIngPersona } from './ing-de.js';
import { buildUkMockPersona } from './uk-mock.js';
import type { Persona, PersonaParams } from './types.js';

export type { Persona, GenAccount, GenTxn } from './types.js';

export function buildPersona(providerId: string, params: PersonaParams): Persona {
  switch (providerId) {
    case 'mock':
      return buildUkMockPersona(params);
    case 'xs2a-ing-germany':
      return buildIngPersona({ ...params, withIban: true });
    default:
      throw new Error(`no persona for provider ${providerId}`);
  }
}

/** Same bank user → same data, so a re-auth sees the same history (only account_ids may churn). */
export function personaCacheKey(providerId: string, params: PersonaParams): string {
  return `${providerId}|${params.username}|${params.withIban ? 'iban' : 'plain'}`;
}
